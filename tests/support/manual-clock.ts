// A clock the test moves by hand.
export class ManualClock {
  private t: number;
  constructor(start: Date | string = "2026-11-30T00:30:00.000Z") {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  advanceMs(ms: number) {
    this.t += ms;
  }
  advanceMinutes(minutes: number) {
    this.advanceMs(minutes * 60_000);
  }
  advanceDays(days: number) {
    this.advanceMs(days * 24 * 60 * 60_000);
  }
}
