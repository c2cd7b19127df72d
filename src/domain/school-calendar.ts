// The school's calendar in its own time zone: local dates ("YYYY-MM-DD"), local wall-clock
// minutes, and which dates are school days. Rounds are due, the "not overnight" deadline is
// computed and the roster is generated on these; everything asks isSchoolDay(). No clock
// inside: instants are arguments.
//
// Rules (tests in school-calendar.test.ts cite them):
//   CAL-1 when the school has entered terms, a date outside every term is not a school day
//         (the vacations); a school with no terms yet has school on its weekdays all year.
//   CAL-2 a date inside a holiday (假期, e.g. 国庆节) is not a school day.
//   CAL-3 a make-up school day (调休上课日) is a school day even on a weekend, and follows the
//         timetable and weekly roster pattern of the weekday it stands for.
//   CAL-4 otherwise, a school day is one of the school's weekdays (default Monday–Friday).
//   CAL-5 terms do not overlap; every term, holiday and make-up day has a valid date and a
//         start not after its end; a make-up day is not already a school day.
import { TZDate } from "@date-fns/tz";

/** A local calendar date in the school's time zone, "YYYY-MM-DD". */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Monday to Friday. */
export const DEFAULT_SCHOOL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

/** A term (学期): the dates between which the school runs, both included. */
export interface Term {
  id: string;
  name: string;
  start: LocalDate;
  end: LocalDate;
}

/** A holiday (假期) inside or between terms, both ends included. */
export interface Holiday {
  name: string;
  start: LocalDate;
  end: LocalDate;
}

/** A make-up school day (调休上课日), e.g. a Sunday that runs Monday's timetable. */
export interface MakeUpDay {
  date: LocalDate;
  followsWeekday: Weekday;
}

export interface SchoolCalendar {
  schoolDays: readonly Weekday[];
  terms?: readonly Term[] | undefined;
  holidays?: readonly Holiday[] | undefined;
  makeUpDays?: readonly MakeUpDay[] | undefined;
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

/** The term a date falls in, if any. */
export function termOf(date: LocalDate, calendar: SchoolCalendar): Term | undefined {
  return calendar.terms?.find((t) => t.start <= date && date <= t.end);
}

export function holidayOf(date: LocalDate, calendar: SchoolCalendar): Holiday | undefined {
  return calendar.holidays?.find((h) => h.start <= date && date <= h.end);
}

function makeUpOf(date: LocalDate, calendar: SchoolCalendar): MakeUpDay | undefined {
  return calendar.makeUpDays?.find((m) => m.date === date);
}

/** CAL-1: with no terms entered, every date is "in term". */
export function isInTerm(date: LocalDate, calendar: SchoolCalendar): boolean {
  return !calendar.terms || calendar.terms.length === 0 || termOf(date, calendar) !== undefined;
}

/** CAL-1..CAL-4. */
export function isSchoolDay(date: LocalDate, calendar: SchoolCalendar): boolean {
  if (!isInTerm(date, calendar)) return false;
  if (makeUpOf(date, calendar)) return true;
  if (holidayOf(date, calendar)) return false;
  return calendar.schoolDays.includes(weekdayOf(date));
}

/** CAL-3: the weekday whose timetable and roster pattern a date follows. */
export function scheduleWeekdayOf(date: LocalDate, calendar: SchoolCalendar): Weekday {
  return makeUpOf(date, calendar)?.followsWeekday ?? weekdayOf(date);
}

export interface CalendarProblem {
  field: "terms" | "holidays" | "makeUpDays";
  index: number;
  zh: string;
  en: string;
}

/** CAL-5: everything wrong with a calendar, each naming the term, holiday or date. */
export function validateCalendar(calendar: SchoolCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const ranges = (
    field: "terms" | "holidays",
    list: readonly { name: string; start: LocalDate; end: LocalDate }[],
    what: { zh: string; en: string },
  ) => {
    list.forEach((r, index) => {
      const name = r.name.trim() || `${what.zh} ${index + 1}`;
      if (r.name.trim() === "")
        problems.push({
          field,
          index,
          zh: `${what.zh} ${index + 1} 没有名称`,
          en: `${what.en} ${index + 1} has no name`,
        });
      if (!isLocalDate(r.start) || !isLocalDate(r.end)) {
        problems.push({
          field,
          index,
          zh: `${name}的日期无效，应为 YYYY-MM-DD`,
          en: `${name}: dates must be YYYY-MM-DD`,
        });
      } else if (r.start > r.end) {
        problems.push({
          field,
          index,
          zh: `${name}的开始日期 ${r.start} 晚于结束日期 ${r.end}`,
          en: `${name} starts on ${r.start}, after it ends on ${r.end}`,
        });
      }
    });
  };
  const terms = calendar.terms ?? [];
  ranges("terms", terms, { zh: "学期", en: "Term" });
  ranges("holidays", calendar.holidays ?? [], { zh: "假期", en: "Holiday" });
  terms.forEach((a, i) => {
    terms.forEach((b, j) => {
      if (j <= i || a.start > a.end || b.start > b.end) return;
      if (a.start <= b.end && b.start <= a.end) {
        problems.push({
          field: "terms",
          index: j,
          zh: `学期“${b.name}”（${b.start} 至 ${b.end}）与“${a.name}”（${a.start} 至 ${a.end}）重叠`,
          en: `Term "${b.name}" (${b.start} to ${b.end}) overlaps "${a.name}" (${a.start} to ${a.end})`,
        });
      }
    });
  });
  const seen = new Set<string>();
  (calendar.makeUpDays ?? []).forEach((m, index) => {
    if (!isLocalDate(m.date)) {
      problems.push({
        field: "makeUpDays",
        index,
        zh: `调休上课日“${m.date}”不是有效日期（YYYY-MM-DD）`,
        en: `Make-up day "${m.date}" is not a date YYYY-MM-DD`,
      });
      return;
    }
    if (seen.has(m.date)) {
      problems.push({
        field: "makeUpDays",
        index,
        zh: `调休上课日 ${m.date} 填了两次`,
        en: `Make-up day ${m.date} is entered twice`,
      });
    }
    seen.add(m.date);
    const plain = { ...calendar, makeUpDays: [] };
    if (!isInTerm(m.date, calendar)) {
      problems.push({
        field: "makeUpDays",
        index,
        zh: `调休上课日 ${m.date} 不在任何学期内`,
        en: `Make-up day ${m.date} is outside every term`,
      });
    } else if (isSchoolDay(m.date, plain)) {
      problems.push({
        field: "makeUpDays",
        index,
        zh: `${m.date} 本来就是上课日，不需要调休`,
        en: `${m.date} is already a school day; it needs no make-up entry`,
      });
    }
  });
  return problems;
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
