// One class's month (班级月度评分, issue #7 §2 "every number links to the records behind it"),
// pure so the tests need no browser: which class a link opens, where the class stands in the
// ranking, and for each part of the score (monthly-score.ts MS-1) the records behind its
// numerator and denominator, week by week, ready to list; and the week-by-week chart's bars
// (month-charts.ts MC-1) with their short labels.
import type { Commendation } from "../../../domain/commendation.ts";
import type { Hazard, HazardState } from "../../../domain/hazard-machine.ts";
import { weekScores } from "../../../domain/month-charts.ts";
import type { Ranked, ScoreRules } from "../../../domain/monthly-score.ts";
import type { RoundKind } from "../../../domain/rounds.ts";
import type { EducationRecord } from "../../../domain/safety-education.ts";
import { addDays, type LocalDate } from "../../../domain/school-calendar.ts";
import type { SummaryAlert, SummaryStatus } from "../../../domain/weekly-summary.ts";
import {
  type ClassLike,
  classesFor,
  type Me,
  type MissedSlot,
  missedSlots,
  sortClasses,
} from "../summaries/summary-model.ts";
import type { ClassMonth } from "./month-model.ts";

export type ClassChoice<T extends ClassLike> =
  | { kind: "class"; schoolClass: T }
  | { kind: "notFound"; classId: string }
  | { kind: "noClasses" };

/**
 * The class a link opens. The ranking is public, so any class of the school may be opened by
 * its id; without one, the person's own first class (a class teacher lands on theirs, admin and
 * principal on the school's first), else the school's first. An id the school does not have is
 * named back, not silently replaced, so a stale link says what is wrong.
 */
export function chooseMonthClass<T extends ClassLike>(
  me: Me,
  classes: readonly T[],
  param: string | null,
): ClassChoice<T> {
  if (param) {
    const named = classes.find((c) => c.id === param);
    return named ? { kind: "class", schoolClass: named } : { kind: "notFound", classId: param };
  }
  const first = classesFor(me, classes)[0] ?? sortClasses(classes)[0];
  return first ? { kind: "class", schoolClass: first } : { kind: "noClasses" };
}

export interface Standing {
  rank: number;
  /** How many classes are ranked. */
  of: number;
  /** Another class has the same score (MS-4: they share the rank). */
  isTied: boolean;
}

/** Where the class stands in the month's ranking (MS-4); undefined when it is not ranked. */
export function standingOf(
  ranking: readonly Ranked<{ schoolClass: { id: string }; total: number }>[],
  classId: string,
): Standing | undefined {
  const mine = ranking.find((r) => r.item.schoolClass.id === classId);
  if (!mine) return undefined;
  return {
    rank: mine.rank,
    of: ranking.length,
    isTied: ranking.some((r) => r !== mine && r.rank === mine.rank),
  };
}

/** "11/2": a week by the month and day of its Monday, short enough for a chart's axis. */
export function mondayShort(weekStart: LocalDate): string {
  return `${Number(weekStart.slice(5, 7))}/${Number(weekStart.slice(8, 10))}`;
}

/** The round slots missed in one area on one day (a whole day missed is one line, not three). */
export interface MissedDay {
  date: LocalDate;
  areaId: string;
  rounds: RoundKind[];
}

/** The rounds part: per week, the classroom rounds due and done and the slots missed. */
export interface RoundsWeek {
  weekStart: LocalDate;
  due: number;
  done: number;
  missed: MissedSlot[];
  missedDays: MissedDay[];
}

export function roundsRows(month: ClassMonth): RoundsWeek[] {
  return month.weeks.map((w) => {
    const missed = missedSlots(w.numbers);
    return {
      weekStart: w.weekStart,
      due: w.numbers.rounds.due,
      done: w.numbers.rounds.done,
      missed,
      missedDays: missedDays(missed),
    };
  });
}

/** The missed slots (in missedSlots' order: date, then round) grouped by day and area. */
export function missedDays(missed: readonly MissedSlot[]): MissedDay[] {
  const days = new Map<string, MissedDay>();
  for (const m of missed) {
    const key = `${m.date}|${m.areaId}`;
    const day = days.get(key) ?? { date: m.date, areaId: m.areaId, rounds: [] };
    day.rounds.push(m.round);
    days.set(key, day);
  }
  return [...days.values()];
}

/** The hazards part: each hazard found in the class's areas during the month's weeks. */
export interface HazardRow {
  id: string;
  weekStart: LocalDate;
  /** undefined when the record is not on this phone. */
  hazard: Hazard | undefined;
  state: HazardState | undefined;
  isRectified: boolean;
  isLate: boolean;
}

export function hazardRows(month: ClassMonth, hazards: ReadonlyMap<string, Hazard>): HazardRow[] {
  return month.weeks.flatMap((w) => {
    const rectified = new Set(w.numbers.hazards.rectified);
    const late = new Set(w.numbers.hazards.late);
    return w.numbers.hazards.found.map((id) => {
      const hazard = hazards.get(id);
      return {
        id,
        weekStart: w.weekStart,
        hazard,
        state: hazard?.state,
        isRectified: rectified.has(id),
        isLate: late.has(id),
      };
    });
  });
}

/** The unaccounted part: each unaccounted-pupil alert of the class's pupils, oldest first. */
export interface UnaccountedRow {
  alertId: string;
  weekStart: LocalDate;
  /** null when the alert is not on this phone. */
  pupilId: string | null;
  /** null when the pupil is not on this phone (left the roll). */
  pupilName: string | null;
  /** NK-10: on this phone only as a member of the class (a neutral name, no link to /where). */
  isHidden: boolean;
  raisedAt: string | null;
}

export function unaccountedRows(
  month: ClassMonth,
  alerts: ReadonlyMap<string, SummaryAlert>,
  pupils: ReadonlyMap<string, { name: string; isHidden?: boolean | undefined }>,
): UnaccountedRow[] {
  const rows = month.weeks.flatMap((w) =>
    w.numbers.unaccounted.map((alertId) => {
      const alert = alerts.get(alertId);
      return {
        alertId,
        weekStart: w.weekStart,
        pupilId: alert?.subjectId ?? null,
        pupilName: alert ? (pupils.get(alert.subjectId)?.name ?? null) : null,
        isHidden: alert ? pupils.get(alert.subjectId)?.isHidden === true : false,
        raisedAt: alert?.raisedAt ?? null,
      };
    }),
  );
  return rows.sort((a, b) => (a.raisedAt ?? "").localeCompare(b.raisedAt ?? ""));
}

/** The summaries part: each week's status (WS-3) and how it counts (MS-1). */
export interface SummaryRow {
  weekStart: LocalDate;
  status: SummaryStatus;
  /** A week still running (not yet due) counts neither way. */
  isCounted: boolean;
  isOnTime: boolean;
}

export function summaryRows(month: ClassMonth): SummaryRow[] {
  return month.weeks.map((w) => ({
    weekStart: w.weekStart,
    status: w.status,
    isCounted: w.status !== "not_due",
    isOnTime: w.status === "submitted",
  }));
}

/** The lessons part: each week's lesson, with the record that fills it (ED-2). */
export interface LessonRow {
  weekStart: LocalDate;
  held: boolean;
  /** The record (date, topic); undefined when not held or not on this phone. */
  record: EducationRecord | undefined;
  /** MS-1: a week still running counts only once its lesson is held. */
  isCounted: boolean;
}

export function lessonRows(month: ClassMonth, education: ReadonlyMap<string, EducationRecord>): LessonRow[] {
  return month.weeks.map((w) => {
    const id = w.numbers.lesson.recordId;
    return {
      weekStart: w.weekStart,
      held: w.numbers.lesson.held,
      record: id === null ? undefined : education.get(id),
      isCounted: w.status !== "not_due" || w.numbers.lesson.held,
    };
  });
}

export interface WeekBars {
  /** Short labels (mondayShort), one per week, in order. */
  labels: string[];
  weekStarts: LocalDate[];
  totals: number[];
  /** The top of the scale: the most a week can score (the weights' sum, MS-2). */
  max: number;
}

/** MC-1: the class's score week by week. */
export function weekBars(month: ClassMonth, rules: ScoreRules): WeekBars {
  const scores = weekScores(month.schoolClass.id, month.weeks, rules);
  return {
    labels: scores.map((s) => mondayShort(s.weekStart)),
    weekStarts: scores.map((s) => s.weekStart),
    totals: scores.map((s) => s.total),
    max: Object.values(rules).reduce((sum, w) => sum + w, 0),
  };
}

/** The month's week still running on `today` (counted so far), if any. */
export function runningWeek(month: ClassMonth, today: LocalDate): LocalDate | undefined {
  return month.weeks.find((w) => w.weekStart <= today && today <= addDays(w.weekStart, 6))?.weekStart;
}

/** The class's commendation of the month, as its page shows it (CM-1: none is "not commended"). */
export interface ClassCommendation {
  commended: boolean;
  citation: string;
  /** The guardians on the roll, in the order named (CM-5 leaves out those who left). */
  guardians: string[];
  isPending: boolean;
}

export function classCommendation(
  entries: readonly { entity: Commendation; hasPendingChanges: boolean }[],
  classId: string,
  pupils: ReadonlyMap<string, { name: string }>,
): ClassCommendation | undefined {
  const entry = entries.find((e) => e.entity.classId === classId);
  if (!entry) return undefined;
  const c = entry.entity;
  const guardians = c.guardianIds.flatMap((id) => {
    const name = pupils.get(id)?.name;
    return name === undefined ? [] : [name];
  });
  if (!c.commended && guardians.length === 0) return undefined;
  return { commended: c.commended, citation: c.citation, guardians, isPending: entry.hasPendingChanges };
}
