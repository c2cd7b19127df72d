import { describe, expect, it } from "vitest";
import type { AreaKind } from "./area-kinds.ts";
import { hazardsByKindAndMonth, roundsByKind, weekScores } from "./month-charts.ts";
import { classScore, DEFAULT_SCORE_RULES, type ScoredWeek, type ScoreRules } from "./monthly-score.ts";
import type { RoundKind } from "./rounds.ts";
import type { SchoolCalendar } from "./school-calendar.ts";
import type { WeekNumbers } from "./weekly-summary.ts";

const TZ = "Asia/Shanghai";

function week(
  weekStart: string,
  over: Partial<WeekNumbers> = {},
  status: ScoredWeek["status"] = "submitted",
) {
  return {
    weekStart,
    status,
    numbers: {
      weekStart,
      asOf: weekStart,
      rounds: { due: 15, done: 15, missed: [] },
      hazards: { found: [], rectified: [], late: [] },
      exceptions: { leave: 0, sick: 0, picked_up: 0, unaccounted: 0 },
      exceptionList: [],
      unaccounted: [],
      lesson: { held: true, recordId: "L" },
      ...over,
    },
  };
}

describe("[MC-1] a class's score week by week", () => {
  const weeks = [
    week("2026-11-02"),
    week(
      "2026-11-09",
      { rounds: { due: 15, done: 9, missed: ["a", "b", "c", "d", "e", "f"] } },
      "submitted_late",
    ),
    week(
      "2026-11-16",
      { hazards: { found: ["h1"], rectified: [], late: ["h1"] }, unaccounted: ["x"] },
      "missing",
    ),
    week("2026-11-23", { lesson: { held: false, recordId: null } }, "not_due"),
  ];

  it("each week's bar is classScore() of that week alone, in the weeks' order", () => {
    const got = weekScores("c1", weeks, DEFAULT_SCORE_RULES);
    expect(got.map((w) => w.weekStart)).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    weeks.forEach((w, i) => {
      expect(got[i]?.total).toBe(classScore("c1", [w], DEFAULT_SCORE_RULES).total);
    });
    expect(got[0]?.total).toBe(100);
    expect(got[1]?.total).toBeLessThan(100);
    expect(got[2]?.total).toBeLessThan(got[1]?.total as number);
  });

  it("uses the school's own table", () => {
    const roundsOnly: ScoreRules = {
      rounds: 10,
      hazardsOnTime: 0,
      noUnaccounted: 0,
      summariesOnTime: 0,
      lessons: 0,
    };
    const got = weekScores("c1", weeks, roundsOnly);
    expect(got.map((w) => w.total)).toEqual([10, 6, 10, 10]);
  });

  it("no weeks, no bars", () => {
    expect(weekScores("c1", [], DEFAULT_SCORE_RULES)).toEqual([]);
  });
});

describe("[MC-2] hazards by area kind and month", () => {
  const kinds = new Map<string, AreaKind>([
    ["room", "classroom"],
    ["yard", "campus"],
    ["gate", "perimeter"],
  ]);
  const months = ["2026-09", "2026-10", "2026-11"];
  const zero = { classroom: 0, campus: 0, perimeter: 0 };

  it("counts each hazard once, in its school-day month and its area's kind", () => {
    const got = hazardsByKindAndMonth(
      [
        { areaId: "room", foundAt: "2026-10-08T02:00:00Z" },
        { areaId: "room", foundAt: "2026-10-09T02:00:00Z" },
        { areaId: "yard", foundAt: "2026-10-20T08:00:00Z" },
        { areaId: "gate", foundAt: "2026-11-03T00:10:00Z" },
      ],
      kinds,
      months,
      TZ,
    );
    expect(got).toEqual([
      { month: "2026-09", counts: zero },
      { month: "2026-10", counts: { classroom: 2, campus: 1, perimeter: 0 } },
      { month: "2026-11", counts: { classroom: 0, campus: 0, perimeter: 1 } },
    ]);
  });

  it("the school's time zone decides the month: 2026-10-31T17:30Z is 1 November in Shanghai", () => {
    const got = hazardsByKindAndMonth(
      [
        { areaId: "yard", foundAt: "2026-10-31T17:30:00Z" },
        { areaId: "yard", foundAt: "2026-10-31T15:59:00Z" },
      ],
      kinds,
      months,
      TZ,
    );
    expect(got[1]?.counts.campus).toBe(1);
    expect(got[2]?.counts.campus).toBe(1);
  });

  it("a hazard whose area is gone, or found outside the months asked, is not counted", () => {
    const got = hazardsByKindAndMonth(
      [
        { areaId: "demolished", foundAt: "2026-10-08T02:00:00Z" },
        { areaId: "room", foundAt: "2026-08-20T02:00:00Z" },
        { areaId: "room", foundAt: "2026-12-01T02:00:00Z" },
      ],
      kinds,
      months,
      TZ,
    );
    expect(got).toEqual(months.map((month) => ({ month, counts: zero })));
  });

  it("keeps the order of the months given, over a new year, with zeros for empty months", () => {
    const order = ["2027-01", "2026-11", "2026-12"];
    const got = hazardsByKindAndMonth(
      [{ areaId: "gate", foundAt: "2026-12-31T16:30:00Z" }],
      kinds,
      order,
      TZ,
    );
    expect(got.map((r) => r.month)).toEqual(order);
    expect(got[0]?.counts).toEqual({ ...zero, perimeter: 1 });
    expect(got[1]?.counts).toEqual(zero);
    expect(got[2]?.counts).toEqual(zero);
  });

  it("the rows do not share their counts", () => {
    const got = hazardsByKindAndMonth(
      [{ areaId: "room", foundAt: "2026-09-10T02:00:00Z" }],
      kinds,
      months,
      TZ,
    );
    expect(got.map((r) => r.counts.classroom)).toEqual([1, 0, 0]);
  });
});

describe("[MC-3] rounds done against due by round", () => {
  // Monday 2 to Sunday 8 November 2026; Wednesday the 4th is a holiday: four school days.
  const calendar: SchoolCalendar = {
    schoolDays: [1, 2, 3, 4, 5],
    holidays: [{ name: "校运会调休", start: "2026-11-04", end: "2026-11-04" }],
  };
  const areaIds = ["a1", "a2"];
  const record = (areaId: string, date: string, round: RoundKind, checkedAt = `${date}T00:00:00Z`) => ({
    areaId,
    date,
    round,
    checkedAt,
  });

  it("RD-6: an early record is not done, unless the school allows early rounds", () => {
    const rounds = [{ ...record("a1", "2026-11-02", "noon"), timing: "early" as const }];
    const noonDone = (allowEarlyRounds: boolean) =>
      roundsByKind({
        from: "2026-11-02",
        asOf: "2026-11-08",
        calendar: { ...calendar, allowEarlyRounds },
        areaIds,
        rounds,
      }).find((r) => r.round === "noon")?.done;
    expect(noonDone(false)).toBe(0);
    expect(noonDone(true)).toBe(1);
  });

  it("due = school days × areas for each round (holidays and weekends skipped)", () => {
    const got = roundsByKind({ from: "2026-11-02", asOf: "2026-11-08", calendar, areaIds, rounds: [] });
    expect(got).toEqual([
      { round: "morning", due: 8, done: 0 },
      { round: "noon", due: 8, done: 0 },
      { round: "evening", due: 8, done: 0 },
    ]);
  });

  it("done: one per area, date and round; duplicates once, late ones count, the rest ignored", () => {
    const rounds = [
      record("a1", "2026-11-02", "morning"),
      record("a1", "2026-11-02", "morning", "2026-11-02T01:00:00Z"), // a second phone: once
      record("a2", "2026-11-02", "morning", "2026-11-02T09:00:00Z"), // late (after the window): done
      record("a2", "2026-11-03", "noon"),
      record("a1", "2026-11-06", "evening"),
      record("a1", "2026-11-04", "morning"), // the holiday: not due, not counted
      record("a1", "2026-11-07", "noon"), // Saturday
      record("a9", "2026-11-03", "morning"), // an area not in the list
      record("a1", "2026-11-09", "morning"), // after asOf
      record("a1", "2026-11-01", "morning"), // before from
    ];
    const got = roundsByKind({ from: "2026-11-02", asOf: "2026-11-08", calendar, areaIds, rounds });
    expect(got).toEqual([
      { round: "morning", due: 8, done: 2 },
      { round: "noon", due: 8, done: 1 },
      { round: "evening", due: 8, done: 1 },
    ]);
  });

  it("asOf part-way through counts the school days up to it", () => {
    const got = roundsByKind({
      from: "2026-11-02",
      asOf: "2026-11-04",
      calendar,
      areaIds,
      rounds: [record("a1", "2026-11-03", "evening")],
    });
    expect(got.map((r) => [r.due, r.done])).toEqual([
      [4, 0],
      [4, 0],
      [4, 1],
    ]);
  });

  it("a make-up school day counts; a day outside every term does not", () => {
    const withTerm: SchoolCalendar = {
      ...calendar,
      terms: [{ id: "t", name: "秋季", start: "2026-09-01", end: "2026-11-06" }],
      makeUpDays: [{ date: "2026-11-01", followsWeekday: 3 }],
    };
    // Sunday 1st (make-up) + Mon, Tue, Thu, Fri; the weekend after the term's end is not in term.
    const got = roundsByKind({
      from: "2026-11-01",
      asOf: "2026-11-08",
      calendar: withTerm,
      areaIds: ["a1"],
      rounds: [],
    });
    expect(got[0]).toEqual({ round: "morning", due: 5, done: 0 });
  });

  it("asOf before from: nothing due, nothing done", () => {
    const got = roundsByKind({
      from: "2026-11-02",
      asOf: "2026-11-01",
      calendar,
      areaIds,
      rounds: [record("a1", "2026-11-02", "morning")],
    });
    expect(got).toEqual([
      { round: "morning", due: 0, done: 0 },
      { round: "noon", due: 0, done: 0 },
      { round: "evening", due: 0, done: 0 },
    ]);
  });

  it("no areas: nothing due", () => {
    const got = roundsByKind({ from: "2026-11-02", asOf: "2026-11-08", calendar, areaIds: [], rounds: [] });
    expect(got.every((r) => r.due === 0 && r.done === 0)).toBe(true);
  });
});
