import { describe, expect, it } from "vitest";
import {
  classScore,
  DEFAULT_SCORE_RULES,
  rankByScore,
  SCORE_PARTS,
  type ScoredWeek,
  validateScoreRules,
} from "./monthly-score.ts";
import type { WeekNumbers } from "./weekly-summary.ts";

function week(over: Partial<WeekNumbers> & { status?: ScoredWeek["status"] } = {}): ScoredWeek {
  const { status = "submitted", ...numbers } = over;
  return {
    status,
    numbers: {
      weekStart: "2026-11-02",
      asOf: "2026-11-08",
      rounds: { due: 15, done: 15, missed: [] },
      hazards: { found: [], rectified: [], late: [] },
      exceptions: { leave: 0, sick: 0, picked_up: 0, unaccounted: 0 },
      exceptionList: [],
      unaccounted: [],
      lesson: { held: true, recordId: "L" },
      ...numbers,
    },
  };
}

const part = (score: ReturnType<typeof classScore>, name: string) => score.parts.find((p) => p.part === name);

describe("[MS-1][MS-2] a class's month from its weeks", () => {
  it("a perfect month scores the whole table (100 with the defaults)", () => {
    const score = classScore("c1", [week(), week(), week(), week()], DEFAULT_SCORE_RULES);
    expect(score.total).toBe(100);
    expect(score.parts.map((p) => p.ratio)).toEqual([1, 1, 1, 1, 1]);
  });

  it("each part is its ratio times its weight, with the counts behind it", () => {
    const weeks = [
      week({
        rounds: { due: 15, done: 12, missed: ["a", "b", "c"] },
        hazards: { found: ["h1", "h2"], rectified: ["h1", "h2"], late: ["h2"] },
      }),
      week({
        rounds: { due: 15, done: 15, missed: [] },
        lesson: { held: false, recordId: null },
        status: "submitted_late",
      }),
      week({
        rounds: { due: 10, done: 10, missed: [] },
        status: "missing",
        lesson: { held: false, recordId: null },
      }),
      week({ rounds: { due: 15, done: 15, missed: [] }, unaccounted: ["alert1"] }),
    ];
    const score = classScore("c1", weeks, DEFAULT_SCORE_RULES);
    expect(part(score, "rounds")).toMatchObject({ numerator: 52, denominator: 55, points: 28.4 });
    expect(part(score, "hazardsOnTime")).toMatchObject({
      numerator: 1,
      denominator: 2,
      ratio: 0.5,
      points: 12.5,
    });
    expect(part(score, "noUnaccounted")).toMatchObject({ numerator: 0, denominator: 1, points: 0 });
    expect(part(score, "summariesOnTime")).toMatchObject({ numerator: 2, denominator: 4, points: 7.5 });
    expect(part(score, "lessons")).toMatchObject({ numerator: 2, denominator: 4, points: 5 });
    expect(score.total).toBe(53.4);
  });

  it("a part with nothing to count counts as full (no hazards found, no rounds due, no weeks)", () => {
    const quiet = classScore("c1", [week({ rounds: { due: 0, done: 0, missed: [] } })], DEFAULT_SCORE_RULES);
    expect(part(quiet, "rounds")?.ratio).toBe(1);
    expect(part(quiet, "hazardsOnTime")?.ratio).toBe(1);
    const none = classScore("c1", [], DEFAULT_SCORE_RULES);
    expect(none.total).toBe(100);
  });

  it("a week still running is not marked down for its summary, nor for a lesson not yet held", () => {
    const running = week({ status: "not_due", lesson: { held: false, recordId: null } });
    const score = classScore("c1", [week(), running], DEFAULT_SCORE_RULES);
    expect(part(score, "summariesOnTime")).toMatchObject({ numerator: 1, denominator: 1, points: 15 });
    expect(part(score, "lessons")).toMatchObject({ numerator: 1, denominator: 1, points: 10 });
    // Once its lesson is held, the running week counts in the lessons part.
    const held = classScore(
      "c1",
      [week({ lesson: { held: false, recordId: null } }), week({ status: "not_due" })],
      DEFAULT_SCORE_RULES,
    );
    expect(part(held, "lessons")).toMatchObject({ numerator: 1, denominator: 2, points: 5 });
    // A past week with no summary is missing, and counts against.
    const missed = classScore("c1", [week({ status: "missing" }), running], DEFAULT_SCORE_RULES);
    expect(part(missed, "summariesOnTime")).toMatchObject({ numerator: 0, denominator: 1, points: 0 });
  });

  it("the school's own weights are used", () => {
    const rules = { rounds: 50, hazardsOnTime: 0, noUnaccounted: 50, summariesOnTime: 0, lessons: 0 };
    const score = classScore("c1", [week({ rounds: { due: 10, done: 5, missed: [] } })], rules);
    expect(score.total).toBe(75);
  });
});

describe("[MS-3] the rule table", () => {
  it("the defaults add up to 100 and pass", () => {
    expect(SCORE_PARTS.reduce((s, p) => s + DEFAULT_SCORE_RULES[p], 0)).toBe(100);
    expect(validateScoreRules(DEFAULT_SCORE_RULES)).toEqual([]);
  });

  it("names a bad weight, and refuses all zeros", () => {
    const bad = validateScoreRules({ ...DEFAULT_SCORE_RULES, lessons: -5, rounds: 2.5 });
    expect(bad.map((p) => p.part)).toEqual(["rounds", "lessons"]);
    expect(bad[1]?.zh).toContain("每周安全课");
    const zeros = validateScoreRules({
      rounds: 0,
      hazardsOnTime: 0,
      noUnaccounted: 0,
      summariesOnTime: 0,
      lessons: 0,
    });
    expect(zeros).toHaveLength(1);
    expect(zeros[0]?.en).toContain("cannot all be 0");
  });
});

describe("[MS-4] ranking", () => {
  it("higher first; equal scores share a rank and the next skips; ties keep the class order", () => {
    const ranked = rankByScore([
      { id: "一1", total: 90 },
      { id: "一2", total: 95.5 },
      { id: "一3", total: 90 },
      { id: "一4", total: 80 },
      { id: "二1", total: 95.5 },
    ]);
    expect(ranked.map((r) => `${r.rank}:${r.item.id}`)).toEqual([
      "1:一2",
      "1:二1",
      "3:一1",
      "3:一3",
      "5:一4",
    ]);
  });
});
