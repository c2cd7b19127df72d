// What the month page shows, pure so the tests need no browser: the rule table in use, the
// ranking rows (MS-4) with each part's points and the counts behind them and the admin's mark
// (CM-3) with its sync state, the citation's check, and the two charts' numbers (MC-2, MC-3)
// put in the words of the page's language. The page, its A4 print and the CSV read these rows.
import { AREA_KIND_LABELS, AREA_KINDS, type AreaKind } from "../../../domain/area-kinds.ts";
import { addMonths, type Commendation, MAX_CITATION, monthsUpTo } from "../../../domain/commendation.ts";
import { hazardsByKindAndMonth, roundsByKind } from "../../../domain/month-charts.ts";
import {
  SCORE_PART_LABELS,
  SCORE_PARTS,
  type ScorePart,
  type ScoreRules,
} from "../../../domain/monthly-score.ts";
import {
  type EarlyRoundRule,
  ROUND_LABELS,
  type RoundKind,
  type TimedRound,
} from "../../../domain/rounds.ts";
import { addDays, type LocalDate, type SchoolCalendar } from "../../../domain/school-calendar.ts";
import type { ClassLike } from "../summaries/summary-model.ts";
import type { ClassMonth } from "./month-model.ts";

export type Lang = "zh" | "en";
export type Label = { zh: string; en: string };

/** One line of the rule table: a part and its weight. */
export interface RuleRow {
  part: ScorePart;
  label: Label;
  weight: number;
}

/** The rule table in use, in the parts' order, and what the weights add up to. */
export function ruleRows(rules: ScoreRules): { rows: RuleRow[]; total: number } {
  const rows = SCORE_PARTS.map((part) => ({ part, label: SCORE_PART_LABELS[part], weight: rules[part] }));
  return { rows, total: rows.reduce((s, r) => s + r.weight, 0) };
}

/** A part's name in a ranking card's small grid (five across a 360 px phone). */
export const SHORT_PART_LABELS: Record<ScorePart, Label> = {
  rounds: { zh: "巡查", en: "Rounds" },
  hazardsOnTime: { zh: "整改", en: "Fixes" },
  noUnaccounted: { zh: "点名", en: "Roll call" },
  summariesOnTime: { zh: "小结", en: "Summary" },
  lessons: { zh: "安全课", en: "Lessons" },
};

/** One part of a class's score, as a ranking row shows it. */
export interface PartView {
  part: ScorePart;
  label: Label;
  short: Label;
  weight: number;
  points: number;
  numerator: number;
  denominator: number;
  /**
   * The counts behind the points: "52/55"; for "no pupil unaccounted" the number of
   * unaccounted alerts instead (its 1/1 or 0/1 says nothing a reader can check).
   */
  counts: Label;
}

export interface RankingRow {
  rank: number;
  classId: string;
  schoolClass: ClassLike;
  total: number;
  parts: PartView[];
  /** The unaccounted-pupil alerts of the month (the records behind "no pupil unaccounted"). */
  unaccounted: number;
  commended: boolean;
  citation: string;
  /** The commendation record waits to sync from this phone. */
  isPending: boolean;
}

/** The points as the page writes them: one decimal only when there is one. */
export function pointsText(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

function countsOf(part: ScorePart, numerator: number, denominator: number, unaccounted: number): Label {
  if (part === "noUnaccounted")
    return unaccounted === 0
      ? { zh: "无报警", en: "no alerts" }
      : { zh: `${unaccounted} 次报警`, en: unaccounted === 1 ? "1 alert" : `${unaccounted} alerts` };
  const text = `${numerator}/${denominator}`;
  return { zh: text, en: text };
}

/**
 * MS-4 with the month's commendation records: one row per ranked class (`ranking` from
 * monthRanking()), in ranking order.
 */
export function rankingRows(
  ranking: readonly { rank: number; item: ClassMonth }[],
  commendations: readonly { entity: Commendation; hasPendingChanges: boolean }[],
): RankingRow[] {
  const byClass = new Map(commendations.map((e) => [e.entity.classId, e]));
  return ranking.map(({ rank, item }) => {
    const classId = item.schoolClass.id;
    const unaccounted = item.weeks.reduce((s, w) => s + w.numbers.unaccounted.length, 0);
    const entry = byClass.get(classId);
    return {
      rank,
      classId,
      schoolClass: item.schoolClass,
      total: item.score.total,
      unaccounted,
      parts: item.score.parts.map((p) => ({
        part: p.part,
        label: SCORE_PART_LABELS[p.part],
        short: SHORT_PART_LABELS[p.part],
        weight: p.weight,
        points: p.points,
        numerator: p.numerator,
        denominator: p.denominator,
        counts: countsOf(p.part, p.numerator, p.denominator, unaccounted),
      })),
      commended: entry?.entity.commended ?? false,
      citation: entry?.entity.commended ? entry.entity.citation : "",
      isPending: entry?.hasPendingChanges ?? false,
    };
  });
}

/** CM-3: the citation as saved (trimmed), or the problem naming the limit. */
export function checkCitation(text: string): { citation: string } | { problem: Label } {
  const citation = text.trim();
  // Measured as the server's schema measures it (zod string length, after trimming).
  if (citation.length > MAX_CITATION)
    return {
      problem: {
        zh: `评语最多 ${MAX_CITATION} 字，现在 ${citation.length} 字`,
        en: `The citation is at most ${MAX_CITATION} characters; it has ${citation.length}`,
      },
    };
  return { citation };
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "11月" / "Nov": a month under a chart's bar. */
export function monthShort(month: string, lang: Lang): string {
  const m = Number(month.slice(5, 7));
  return lang === "zh" ? `${m}月` : (EN_MONTHS[m - 1] ?? month);
}

/** "2026年11月" / "Nov 2026". */
export function monthLong(month: string, lang: Lang): string {
  return lang === "zh"
    ? `${month.slice(0, 4)}年${monthShort(month, lang)}`
    : `${monthShort(month, lang)} ${month.slice(0, 4)}`;
}

/** "11月1日" / "Nov 1": a day in a chart's title. */
export function dayShort(date: LocalDate, lang: Lang): string {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return lang === "zh" ? `${m}月${d}日` : `${EN_MONTHS[m - 1] ?? ""} ${d}`;
}

/** "11/2–11/8": a school week by its Monday, short enough for a phone line. */
export function weekShort(weekStart: LocalDate): string {
  const md = (d: LocalDate) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  return `${md(weekStart)}–${md(addDays(weekStart, 6))}`;
}

export interface ChartData {
  categories: string[];
  series: { name: string; values: number[]; tone?: number }[];
}

/** MC-2: hazards found in the `count` months up to `month`, one stacked series per area kind. */
export function hazardsChart(args: {
  hazards: readonly { areaId: string; foundAt: string }[];
  areas: readonly { id: string; kind: AreaKind }[];
  month: string;
  count: number;
  timeZone: string;
  lang: Lang;
}): ChartData {
  const months = monthsUpTo(args.month, args.count);
  const rows = hazardsByKindAndMonth(
    args.hazards,
    new Map(args.areas.map((a) => [a.id, a.kind])),
    months,
    args.timeZone,
  );
  return {
    categories: months.map((m) => monthShort(m, args.lang)),
    series: AREA_KINDS.map((kind) => ({
      name: AREA_KIND_LABELS[kind][args.lang],
      values: rows.map((r) => r.counts[kind]),
    })),
  };
}

/** The days the rounds chart counts: the month's first day to today or the month's end. */
export function roundsChartRange(month: string, today: LocalDate): { from: LocalDate; to: LocalDate } {
  const from = `${month}-01` as LocalDate;
  const monthEnd = addDays(`${addMonths(month, 1)}-01` as LocalDate, -1);
  return { from, to: today < monthEnd ? today : monthEnd };
}

/** MC-3: rounds due against done per round, over the school's areas, grouped 应查 / 已查. */
export function roundsChart(args: {
  month: string;
  today: LocalDate;
  calendar: SchoolCalendar & EarlyRoundRule;
  areaIds: readonly string[];
  rounds: readonly (TimedRound & { areaId: string; date: LocalDate; round: RoundKind })[];
  lang: Lang;
}): ChartData & { from: LocalDate; to: LocalDate; due: number } {
  const { from, to } = roundsChartRange(args.month, args.today);
  const rows = roundsByKind({
    from,
    asOf: to,
    calendar: args.calendar,
    areaIds: args.areaIds,
    rounds: args.rounds,
  });
  const words = args.lang === "zh" ? { due: "应查", done: "已查" } : { due: "Due", done: "Done" };
  return {
    from,
    to,
    due: rows.reduce((s, r) => s + r.due, 0),
    categories: rows.map((r) => ROUND_LABELS[r.round][args.lang]),
    series: [
      // Due in grey behind done in the theme's colour: the gap is what was missed.
      { name: words.due, values: rows.map((r) => r.due), tone: 3 },
      { name: words.done, values: rows.map((r) => r.done), tone: 0 },
    ],
  };
}
