// The month's summary (总结表彰, SPEC §4, issue #7 §2), pure so the tests need no browser: which
// month a link opens, the month's weeks so far, each class's weeks (the numbers the records give
// now, WS-1, and the summary's status, WS-3), its score (MS-1, MS-2) and the ranking (MS-4).
// The month page, the class's month, the commendation list, the print pages and the CSV all
// read these rows.
import { addMonths, isMonth, monthOf } from "../../../domain/commendation.ts";
import {
  type ClassScore,
  classScore,
  type Ranked,
  rankByScore,
  type ScoreRules,
} from "../../../domain/monthly-score.ts";
import type { EarlyRoundRule } from "../../../domain/rounds.ts";
import type { LocalDate, SchoolCalendar } from "../../../domain/school-calendar.ts";
import {
  mondayOf,
  type SummaryArea,
  type SummaryStatus,
  summaryStatus,
  type WeeklySummary,
  type WeekNumbers,
  weeksOfMonth,
} from "../../../domain/weekly-summary.ts";
import { type ClassLike, numbersFor, sortClasses, type WeekRecords } from "../summaries/summary-model.ts";

/** The month a link names (?m=YYYY-MM), never later than this month; this month by default. */
export function monthOfParam(param: string | null, today: LocalDate): string {
  const thisMonth = monthOf(today);
  if (!param || !isMonth(param) || param > thisMonth) return thisMonth;
  return param;
}

/** This month and the `count - 1` before it, newest first: the month picker's choices. */
export function recentMonths(today: LocalDate, count = 12): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(monthOf(today), -i));
}

/** The month picker's choices: the recent months, and the month a link named if older. */
export function monthChoices(recent: readonly string[], month: string): string[] {
  return recent.includes(month) ? [...recent] : [...recent, month];
}

/** The month's school weeks (WS: a week belongs to the month of its Monday) that have begun. */
export function monthWeeksSoFar(month: string, calendar: SchoolCalendar, today: LocalDate): LocalDate[] {
  const thisWeek = mondayOf(today);
  return weeksOfMonth(month, calendar).filter((w) => w <= thisWeek);
}

export interface ClassWeek {
  weekStart: LocalDate;
  numbers: WeekNumbers;
  status: SummaryStatus;
  summary: WeeklySummary | undefined;
}

export interface ClassMonth {
  schoolClass: ClassLike;
  weeks: ClassWeek[];
  score: ClassScore;
}

/**
 * MS-1, MS-2: every class's month, in the order given (the school's class order, kept among
 * equal scores by MS-4). The numbers are what the records on this phone give now (WS-1), the
 * same for every reader; a summary's status counts for the summaries part.
 */
export function classMonths(args: {
  classes: readonly ClassLike[];
  weeks: readonly LocalDate[];
  records: WeekRecords;
  summaries: readonly WeeklySummary[];
  areas: readonly SummaryArea[];
  rules: ScoreRules;
  now: Date;
  today: LocalDate;
  /** Also whether early rounds count (rounds.ts RD-6): pass the school's settings. */
  calendar: SchoolCalendar & EarlyRoundRule;
  timeZone: string;
}): ClassMonth[] {
  const summaryOf = new Map(args.summaries.map((s) => [`${s.weekStart}|${s.classId}`, s]));
  return args.classes.map((schoolClass) => {
    const weeks = args.weeks.map((weekStart) => {
      const summary = summaryOf.get(`${weekStart}|${schoolClass.id}`);
      return {
        weekStart,
        summary,
        status: summaryStatus(summary, weekStart, args.now, args.timeZone),
        numbers: numbersFor({
          classId: schoolClass.id,
          weekStart,
          now: args.now,
          today: args.today,
          calendar: args.calendar,
          timeZone: args.timeZone,
          areas: args.areas,
          records: args.records,
        }),
      };
    });
    return { schoolClass, weeks, score: classScore(schoolClass.id, weeks, args.rules) };
  });
}

/** Every class of the school's month, in the school's class order, from what the phone has. */
export function schoolMonths(args: {
  directory: {
    classes: readonly ClassLike[];
    areas: readonly SummaryArea[];
    settings: SchoolCalendar & { scoreRules: ScoreRules; timeZone: string };
  };
  weeks: readonly LocalDate[];
  data: WeekRecords & { summaries: readonly WeeklySummary[] };
  now: Date;
  today: LocalDate;
}): ClassMonth[] {
  const { directory, data } = args;
  return classMonths({
    classes: sortClasses(directory.classes),
    weeks: args.weeks,
    records: data,
    summaries: data.summaries,
    areas: directory.areas,
    rules: directory.settings.scoreRules,
    now: args.now,
    today: args.today,
    calendar: directory.settings,
    timeZone: directory.settings.timeZone,
  });
}

/** MS-4: the ranking of the classes' months. */
export function monthRanking(months: readonly ClassMonth[]): Ranked<ClassMonth & { total: number }>[] {
  return rankByScore(months.map((m) => ({ ...m, total: m.score.total })));
}

/** The link that opens a class's month. */
export function classMonthLink(month: string, classId: string): string {
  return `/month-class?m=${month}&class=${classId}`;
}
