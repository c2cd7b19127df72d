// A clock the test moves by hand; `tickMs` also moves it on every reading (work that takes time,
// without a timed test).
export class ManualClock {
  private t: number;
  tickMs = 0;
  constructor(start: Date | string = "2026-11-30T00:30:00.000Z") {
    this.t = new Date(start).getTime();
  }
  now = (): Date => {
    const at = new Date(this.t);
    this.t += this.tickMs;
    return at;
  };
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
