// The monthly score per class (总结表彰, SPEC §4): a transparent sum of a few parts, each a
// ratio from the month's records times a weight the school can see and adjust. Built on the
// weekly summaries' numbers (weekly-summary.ts WS-1), so a class's month is the sum of its weeks.
// The pages, commendation and charts of issue #7 §2 build on this module.
//
// Rules (tests in monthly-score.test.ts cite them):
//   MS-1 the parts: rounds (classroom rounds done ÷ due), hazards fixed on time ((found − late) ÷
//        found), zero unaccounted (1 with no unaccounted incident, else 0), summaries on time
//        (weeks submitted on time ÷ weeks), lessons held (weeks with the weekly lesson ÷ weeks).
//        A part with nothing to count (no rounds due, no hazards found, no weeks) counts as full.
//        A week still running (its summary not yet due, status "not_due") counts in the
//        summaries part not at all, and in the lessons part only once its lesson is held, so
//        the month in progress is not marked down for what may still come.
//   MS-2 points = weight × ratio, rounded to one decimal; the score is the sum of the points.
//   MS-3 weights are whole numbers from 0 to 100 and add up to more than 0; the default table
//        adds up to 100.
//   MS-4 ranking: higher score first; equal scores share a rank and the next rank skips
//        (1, 2, 2, 4); equal scores keep the order the classes were given in (grade, then name).
import type { SummaryStatus, WeekNumbers } from "./weekly-summary.ts";

export const SCORE_PARTS = [
  "rounds",
  "hazardsOnTime",
  "noUnaccounted",
  "summariesOnTime",
  "lessons",
] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export type ScoreRules = Record<ScorePart, number>;

export const DEFAULT_SCORE_RULES: ScoreRules = {
  rounds: 30,
  hazardsOnTime: 25,
  noUnaccounted: 20,
  summariesOnTime: 15,
  lessons: 10,
};

export const SCORE_PART_LABELS: Record<ScorePart, { zh: string; en: string }> = {
  rounds: { zh: "教室巡查完成率", en: "Classroom rounds done" },
  hazardsOnTime: { zh: "隐患按时整改", en: "Hazards fixed on time" },
  noUnaccounted: { zh: "无学生下落不明", en: "No pupil unaccounted" },
  summariesOnTime: { zh: "小结按时提交", en: "Summaries on time" },
  lessons: { zh: "每周安全课", en: "Weekly safety lessons" },
};

export interface ScoreRuleProblem {
  part: ScorePart | null;
  zh: string;
  en: string;
}

/** MS-3. */
export function validateScoreRules(rules: ScoreRules): ScoreRuleProblem[] {
  const problems: ScoreRuleProblem[] = [];
  for (const part of SCORE_PARTS) {
    const w = rules[part];
    if (!Number.isInteger(w) || w < 0 || w > 100)
      problems.push({
        part,
        zh: `${SCORE_PART_LABELS[part].zh}的分值“${w}”无效，应为 0–100 的整数`,
        en: `${SCORE_PART_LABELS[part].en}: "${w}" must be a whole number from 0 to 100`,
      });
  }
  if (problems.length === 0 && SCORE_PARTS.every((p) => rules[p] === 0))
    problems.push({ part: null, zh: "各项分值不能全为 0", en: "the weights cannot all be 0" });
  return problems;
}

/** One week of a class, as the month's score reads it. */
export interface ScoredWeek {
  numbers: WeekNumbers;
  status: SummaryStatus;
}

export interface PartScore {
  part: ScorePart;
  /** The counts behind the ratio, for "every number links to the records behind it". */
  numerator: number;
  denominator: number;
  ratio: number;
  weight: number;
  points: number;
}

export interface ClassScore {
  classId: string;
  parts: PartScore[];
  total: number;
}

const ratioOf = (n: number, d: number) => (d === 0 ? 1 : n / d);
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** MS-1, MS-2: a class's score for the weeks of a month. */
export function classScore(classId: string, weeks: readonly ScoredWeek[], rules: ScoreRules): ClassScore {
  const sum = (f: (w: ScoredWeek) => number) => weeks.reduce((s, w) => s + f(w), 0);
  const due = sum((w) => w.numbers.rounds.due);
  const done = sum((w) => w.numbers.rounds.done);
  const found = sum((w) => w.numbers.hazards.found.length);
  const late = sum((w) => w.numbers.hazards.late.length);
  const unaccounted = sum((w) => w.numbers.unaccounted.length);
  const dueWeeks = weeks.filter((w) => w.status !== "not_due");
  const onTime = dueWeeks.filter((w) => w.status === "submitted").length;
  const lessonWeeks = weeks.filter((w) => w.status !== "not_due" || w.numbers.lesson.held);
  const lessons = lessonWeeks.filter((w) => w.numbers.lesson.held).length;
  const counts: Record<ScorePart, [number, number]> = {
    rounds: [done, due],
    hazardsOnTime: [found - late, found],
    noUnaccounted: [unaccounted === 0 ? 1 : 0, 1],
    summariesOnTime: [onTime, dueWeeks.length],
    lessons: [lessons, lessonWeeks.length],
  };
  const parts = SCORE_PARTS.map((part) => {
    const [numerator, denominator] = counts[part];
    const ratio = ratioOf(numerator, denominator);
    return {
      part,
      numerator,
      denominator,
      ratio,
      weight: rules[part],
      points: oneDecimal(rules[part] * ratio),
    };
  });
  return { classId, parts, total: oneDecimal(parts.reduce((s, p) => s + p.points, 0)) };
}

export interface Ranked<T> {
  rank: number;
  item: T;
}

/** MS-4: competition ranking; `items` in the school's class order, kept among equals. */
export function rankByScore<T extends { total: number }>(items: readonly T[]): Ranked<T>[] {
  const order = items.map((item, index) => ({ item, index }));
  order.sort((a, b) => b.item.total - a.item.total || a.index - b.index);
  const out: Ranked<T>[] = [];
  order.forEach(({ item }, i) => {
    const previous = out[i - 1];
    const rank = previous && previous.item.total === item.total ? previous.rank : i + 1;
    out.push({ rank, item });
  });
  return out;
}
