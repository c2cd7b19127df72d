// The school's calendar in its own time zone: local dates ("YYYY-MM-DD"), local wall-clock
// minutes, and which dates are school days. Rounds are due and the "not overnight" deadline is
// computed on these. The roster issue adds terms, holidays and make-up days behind
// isSchoolDay(); everything else asks it. No clock inside: instants are arguments.
import { TZDate } from "@date-fns/tz";

/** A local calendar date in the school's time zone, "YYYY-MM-DD". */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Monday to Friday. */
export const DEFAULT_SCHOOL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

export interface SchoolCalendar {
  schoolDays: readonly Weekday[];
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const m = LOCAL_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

function parts(date: LocalDate): [number, number, number] {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new Error(`"${date}" is not a date YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The local date of an instant in a time zone. */
export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  const local = new TZDate(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** Minutes since local midnight (0–1439) of an instant in a time zone. */
export function localMinuteOf(instant: Date | number, timeZone: string): number {
  const local = new TZDate(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

/** The instant of a local date and minute of the day in a time zone. */
export function atLocal(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const [y, m, d] = parts(date);
  const local = new TZDate(y, m - 1, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60, 0, timeZone);
  return new Date(local.getTime());
}

/** Calendar arithmetic on local dates (no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parts(date);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = parts(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

export function isSchoolDay(date: LocalDate, calendar: SchoolCalendar): boolean {
  return calendar.schoolDays.includes(weekdayOf(date));
}

/** The first school day strictly after `date` (within a year; else the day after). */
export function nextSchoolDay(date: LocalDate, calendar: SchoolCalendar): LocalDate {
  for (let i = 1; i <= 366; i++) {
    const candidate = addDays(date, i);
    if (isSchoolDay(candidate, calendar)) return candidate;
  }
  return addDays(date, 1);
}

/** Every local date from `from` to `to`, both included. */
export function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to && out.length < 3700; d = addDays(d, 1)) out.push(d);
  return out;
}
