// The numbers behind the month's charts (总结表彰, SPEC §4 "printable lists and charts"): each
// class's score week by week, hazards by area kind and month, and the school's rounds done
// against due by round. Pure; the pages draw them as SVG.
//
// Rules (tests in month-charts.test.ts cite them):
//   MC-1 a class's score of one week is classScore() of that week alone (monthly-score.ts MS-1,
//        MS-2), so a week's bar and the month's total use the same table.
//   MC-2 hazards by area kind and month: each hazard counts once, in the month of the school day
//        it was found (school time zone) and the kind of its area; a hazard whose area is gone
//        is not counted. Months with nothing found show zeros.
//   MC-3 rounds done against due by round: due = each school day up to `asOf` × every area ×
//        the round; done when at least one record of that area, date and round exists that counts
//        as the round (rounds.ts RD-3: two records count once here; a late record still counts as
//        done; RD-6: an early one only when the school allows early rounds).
import { AREA_KINDS, type AreaKind } from "./area-kinds.ts";
import { classScore, type ScoredWeek, type ScoreRules } from "./monthly-score.ts";
import {
  countsAsRound,
  type EarlyRoundRule,
  ROUND_KINDS,
  type RoundKind,
  type TimedRound,
} from "./rounds.ts";
import {
  datesBetween,
  isSchoolDay,
  type LocalDate,
  localDateOf,
  type SchoolCalendar,
} from "./school-calendar.ts";

/** MC-1. */
export function weekScores(
  classId: string,
  weeks: readonly (ScoredWeek & { weekStart: LocalDate })[],
  rules: ScoreRules,
): { weekStart: LocalDate; total: number }[] {
  return weeks.map((w) => ({ weekStart: w.weekStart, total: classScore(classId, [w], rules).total }));
}

export type KindCounts = Record<AreaKind, number>;

/** MC-2: one row per month in `months` (in that order). */
export function hazardsByKindAndMonth(
  hazards: readonly { areaId: string; foundAt: string }[],
  areaKinds: ReadonlyMap<string, AreaKind>,
  months: readonly string[],
  timeZone: string,
): { month: string; counts: KindCounts }[] {
  const rows = new Map(
    months.map((m) => [m, Object.fromEntries(AREA_KINDS.map((k) => [k, 0])) as KindCounts]),
  );
  for (const h of hazards) {
    const kind = areaKinds.get(h.areaId);
    const counts = rows.get(localDateOf(new Date(h.foundAt), timeZone).slice(0, 7));
    if (kind && counts) counts[kind]++;
  }
  return months.map((month) => ({ month, counts: rows.get(month) as KindCounts }));
}

/** MC-3: one row per round kind, for the school days from `from` to `asOf`. */
export function roundsByKind(args: {
  from: LocalDate;
  asOf: LocalDate;
  calendar: SchoolCalendar & EarlyRoundRule;
  areaIds: readonly string[];
  rounds: readonly (TimedRound & { areaId: string; date: LocalDate; round: RoundKind })[];
}): { round: RoundKind; due: number; done: number }[] {
  const days = args.from <= args.asOf ? datesBetween(args.from, args.asOf) : [];
  const schoolDays = days.filter((d) => isSchoolDay(d, args.calendar));
  const areas = new Set(args.areaIds);
  const inRange = new Set(schoolDays);
  const recorded = new Set(
    args.rounds
      .filter((r) => areas.has(r.areaId) && inRange.has(r.date) && countsAsRound(r, args.calendar))
      .map((r) => `${r.areaId}|${r.date}|${r.round}`),
  );
  return ROUND_KINDS.map((round) => ({
    round,
    due: schoolDays.length * areas.size,
    done: [...recorded].filter((key) => key.endsWith(`|${round}`)).length,
  }));
}
