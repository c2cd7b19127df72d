// Test fixtures for the month page's pure parts: a class's month from a few weeks, as
// classMonths() builds it, and a commendation record.
import { type Commendation, emptyCommendation } from "../../../domain/commendation.ts";
import { classScore, DEFAULT_SCORE_RULES, type ScoreRules } from "../../../domain/monthly-score.ts";
import type { SummaryStatus, WeekNumbers } from "../../../domain/weekly-summary.ts";
import type { ClassMonth } from "./month-model.ts";

export function numbers(over: Partial<WeekNumbers> = {}): WeekNumbers {
  return {
    weekStart: "2026-11-02",
    asOf: "2026-11-08",
    rounds: { due: 15, done: 15, missed: [] },
    hazards: { found: [], rectified: [], late: [] },
    exceptions: { leave: 0, sick: 0, picked_up: 0, unaccounted: 0 },
    exceptionList: [],
    unaccounted: [],
    lesson: { held: true, recordId: "L" },
    ...over,
  };
}

/** A class's month from its weeks, as classMonths() builds it. */
export function classMonth(
  id: string,
  grade: number,
  weeks: { numbers?: Partial<WeekNumbers>; status?: SummaryStatus }[],
  rules: ScoreRules = DEFAULT_SCORE_RULES,
): ClassMonth {
  const classWeeks = weeks.map((w, i) => ({
    weekStart: `2026-11-${String(2 + i * 7).padStart(2, "0")}`,
    numbers: numbers(w.numbers),
    status: w.status ?? "submitted",
    summary: undefined,
  }));
  return {
    schoolClass: { id, grade, name: `${id}班`, classTeacherId: `t-${id}` },
    weeks: classWeeks,
    score: classScore(id, classWeeks, rules),
  };
}

export function commendation(classId: string, over: Partial<Commendation> = {}): Commendation {
  return { ...emptyCommendation("2026-11", classId), ...over };
}
