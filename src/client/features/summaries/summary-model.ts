// What the weekly summary pages compute, pure so the tests need no browser: which week and
// class a link opens, who may write it, the week's input to draftNumbers() (WS-1) from what
// the phone has, and the records behind each number (the missed round slots, hazards,
// pupils' exceptions) ready to list.
import type { Handover } from "../../../domain/handover.ts";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { canAdminister, type Role } from "../../../domain/roles.ts";
import type { ExceptionReason } from "../../../domain/roll-call.ts";
import type { EarlyRoundRule, RoundKind } from "../../../domain/rounds.ts";
import type { EducationRecord } from "../../../domain/safety-education.ts";
import {
  addDays,
  atLocal,
  isLocalDate,
  type LocalDate,
  type SchoolCalendar,
} from "../../../domain/school-calendar.ts";
import {
  draftNumbers,
  mondayOf,
  type SummaryAlert,
  type SummaryArea,
  type SummaryRound,
  type WeekNumbers,
} from "../../../domain/weekly-summary.ts";

export interface Me {
  id: string;
  roles: readonly Role[];
}

export interface ClassLike {
  id: string;
  grade: number;
  name: string;
  classTeacherId: string | null;
}

/** The Monday of the week a link names (?week=), never later than this week; this week by default. */
export function weekOfParam(param: string | null, today: LocalDate): LocalDate {
  const thisWeek = mondayOf(today);
  if (!param || !isLocalDate(param)) return thisWeek;
  const week = mondayOf(param);
  // A future week has nothing to count yet: this week instead.
  if (week > thisWeek) return thisWeek;
  return week;
}

/** This week's Monday and the `count - 1` before it, newest first: the week picker's choices. */
export function recentWeeks(today: LocalDate, count = 12): LocalDate[] {
  const thisWeek = mondayOf(today);
  return Array.from({ length: count }, (_, i) => addDays(thisWeek, -7 * i));
}

/** The last week whose summary is already due (WS-3): the one before this week. */
export function lastCompleteWeek(today: LocalDate): LocalDate {
  return addDays(mondayOf(today), -7);
}

/**
 * How far the week is counted: up to today while it runs, else its Sunday. `asOfEnd` is the
 * end of that day, but never later than now, so a hazard due this evening is not "late" yet.
 */
export function weekAsOf(weekStart: LocalDate, now: Date, timeZone: string, today: LocalDate) {
  const weekEnd = addDays(weekStart, 6);
  const asOf = today < weekEnd ? today : weekEnd;
  const endOfDay = atLocal(addDays(asOf, 1), 0, timeZone);
  return { asOf, asOfEnd: endOfDay.getTime() < now.getTime() ? endOfDay : now };
}

/** Admins and the principal see every class; anyone else the classes they teach. */
export function seesAllClasses(roles: readonly Role[]): boolean {
  return canAdminister(roles) || roles.includes("principal");
}

export function sortClasses<T extends ClassLike>(classes: readonly T[]): T[] {
  return [...classes].sort(
    (a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN", { numeric: true }),
  );
}

/** The classes a person may open on /summary and sees on /summaries, in the school's order. */
export function classesFor<T extends ClassLike>(me: Me, classes: readonly T[]): T[] {
  const all = sortClasses(classes);
  return seesAllClasses(me.roles) ? all : all.filter((c) => c.classTeacherId === me.id);
}

/** The class a link opens: the one named (if the person may open it), else their first. */
export function chooseClass<T extends ClassLike>(mine: readonly T[], param: string | null): T | undefined {
  return mine.find((c) => c.id === param) ?? mine[0];
}

/** WS-2: the class's own class teacher or an admin writes the summary; the principal reads it. */
export function canWriteSummary(me: Me, schoolClass: ClassLike): boolean {
  return (
    canAdminister(me.roles) || (me.roles.includes("class_teacher") && schoolClass.classTeacherId === me.id)
  );
}

/** What the phone has of the week, as the pages read it (summary-data.ts). */
export interface WeekRecords {
  rounds: readonly SummaryRound[];
  hazards: readonly Hazard[];
  handovers: readonly Handover[];
  alerts: readonly SummaryAlert[];
  education: readonly EducationRecord[];
  pupils: readonly { id: string; classId: string }[];
}

/** WS-1: the week's numbers for one class, from what the phone has. */
export function numbersFor(args: {
  classId: string;
  weekStart: LocalDate;
  now: Date;
  today: LocalDate;
  calendar: SchoolCalendar & EarlyRoundRule;
  timeZone: string;
  areas: readonly SummaryArea[];
  records: WeekRecords;
}): WeekNumbers {
  const { asOf, asOfEnd } = weekAsOf(args.weekStart, args.now, args.timeZone, args.today);
  return draftNumbers({
    classId: args.classId,
    weekStart: args.weekStart,
    asOf,
    asOfEnd,
    calendar: args.calendar,
    timeZone: args.timeZone,
    areas: args.areas,
    rounds: args.records.rounds,
    hazards: args.records.hazards,
    handovers: args.records.handovers,
    pupilIds: new Set(args.records.pupils.filter((p) => p.classId === args.classId).map((p) => p.id)),
    alerts: args.records.alerts,
    education: args.records.education,
  });
}

export interface MissedSlot {
  areaId: string;
  date: LocalDate;
  round: RoundKind;
}

/** The missed round slots ("area|date|round", WS-1) as rows, by date then round order. */
export function missedSlots(numbers: WeekNumbers): MissedSlot[] {
  const order: Record<string, number> = { morning: 0, noon: 1, evening: 2 };
  return numbers.rounds.missed
    .map((key) => {
      const [areaId = "", date = "", round = "morning"] = key.split("|");
      return { areaId, date, round: round as RoundKind };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || (order[a.round] ?? 0) - (order[b.round] ?? 0));
}

/** How many exceptions in all (one per pupil, date and reason, WS-1). */
export function exceptionTotal(numbers: WeekNumbers): number {
  return Object.values(numbers.exceptions).reduce((sum, n) => sum + n, 0);
}

/** The pupils' exceptions of one reason, oldest first. */
export function exceptionsOf(numbers: WeekNumbers, reason: ExceptionReason) {
  return numbers.exceptionList.filter((e) => e.reason === reason);
}

/** The link that opens a class's summary of a week. */
export function summaryLink(weekStart: LocalDate, classId: string): string {
  return `/summary?week=${weekStart}&class=${classId}`;
}
