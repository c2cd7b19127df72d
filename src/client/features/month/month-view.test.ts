import { describe, expect, it } from "vitest";
import { MAX_CITATION } from "../../../domain/commendation.ts";
import { DEFAULT_SCORE_RULES } from "../../../domain/monthly-score.ts";
import { monthRanking } from "./month-model.ts";
import {
  checkCitation,
  dayShort,
  hazardsChart,
  monthLong,
  monthShort,
  pointsText,
  rankingRows,
  roundsChart,
  roundsChartRange,
  ruleRows,
  weekShort,
} from "./month-view.ts";
import { classMonth, commendation } from "./month-view-fixtures.ts";

describe("the rule table in use", () => {
  it("lists the five parts in order with their weights and the sum", () => {
    const { rows, total } = ruleRows(DEFAULT_SCORE_RULES);
    expect(rows.map((r) => [r.part, r.weight])).toEqual([
      ["rounds", 30],
      ["hazardsOnTime", 25],
      ["noUnaccounted", 20],
      ["summariesOnTime", 15],
      ["lessons", 10],
    ]);
    expect(rows[0]?.label.zh).toBe("教室巡查完成率");
    expect(total).toBe(100);
  });

  it("shows a school's own table", () => {
    const rules = { rounds: 50, hazardsOnTime: 20, noUnaccounted: 20, summariesOnTime: 5, lessons: 0 };
    expect(ruleRows(rules).total).toBe(95);
  });
});

describe("[MS-4] the ranking rows", () => {
  const months = [
    // 一年级: rounds 52/55 → 28.4; everything else full → 98.4
    classMonth("a", 1, [
      { numbers: { rounds: { due: 15, done: 12, missed: ["x", "y", "z"] } } },
      { numbers: { rounds: { due: 15, done: 15, missed: [] } } },
      { numbers: { rounds: { due: 10, done: 10, missed: [] } } },
      { numbers: { rounds: { due: 15, done: 15, missed: [] } } },
    ]),
    // 二年级: perfect → 100
    classMonth("b", 2, [{}, {}, {}, {}]),
    // 三年级: one unaccounted alert → 80
    classMonth("c", 3, [{ numbers: { unaccounted: ["alert1"] } }, {}, {}, {}]),
    // 四年级: perfect too → shares rank 1 with b, after b (the school's order)
    classMonth("d", 4, [{}, {}, {}, {}]),
  ];
  const ranking = monthRanking(months);

  it("ranks by score, equal scores share a rank and the next skips", () => {
    const rows = rankingRows(ranking, []);
    expect(rows.map((r) => [r.classId, r.rank, r.total])).toEqual([
      ["b", 1, 100],
      ["d", 1, 100],
      ["a", 3, 98.4],
      ["c", 4, 80],
    ]);
  });

  it("gives each part's points and the counts behind them", () => {
    const a = rankingRows(ranking, []).find((r) => r.classId === "a");
    const rounds = a?.parts.find((p) => p.part === "rounds");
    expect(rounds).toMatchObject({ points: 28.4, weight: 30, numerator: 52, denominator: 55 });
    expect(rounds?.counts).toEqual({ zh: "52/55", en: "52/55" });
    expect(rounds?.short.zh).toBe("巡查");
    expect(a?.parts.map((p) => p.part)).toEqual([
      "rounds",
      "hazardsOnTime",
      "noUnaccounted",
      "summariesOnTime",
      "lessons",
    ]);
  });

  it("counts the unaccounted alerts for 'no pupil unaccounted' instead of its 1/1", () => {
    const rows = rankingRows(ranking, []);
    const c = rows.find((r) => r.classId === "c");
    expect(c?.unaccounted).toBe(1);
    expect(c?.parts.find((p) => p.part === "noUnaccounted")).toMatchObject({
      points: 0,
      counts: { zh: "1 次报警", en: "1 alert" },
    });
    expect(
      rows.find((r) => r.classId === "b")?.parts.find((p) => p.part === "noUnaccounted")?.counts.zh,
    ).toBe("无报警");
  });

  it("[CM-3] shows the admin's mark, its citation and whether it waits to sync", () => {
    const rows = rankingRows(ranking, [
      { entity: commendation("a", { commended: true, citation: "巡查认真" }), hasPendingChanges: true },
      { entity: commendation("b", { commended: true, citation: "全勤" }), hasPendingChanges: false },
      // Guardians named but not commended: no mark, the (stale) citation not shown.
      {
        entity: commendation("c", { commended: false, citation: "旧评语", guardianIds: ["p1"] }),
        hasPendingChanges: false,
      },
    ]);
    const by = new Map(rows.map((r) => [r.classId, r]));
    expect(by.get("a")).toMatchObject({ commended: true, citation: "巡查认真", isPending: true });
    expect(by.get("b")).toMatchObject({ commended: true, citation: "全勤", isPending: false });
    expect(by.get("c")).toMatchObject({ commended: false, citation: "", isPending: false });
    expect(by.get("d")).toMatchObject({ commended: false, citation: "", isPending: false });
  });

  it("writes points with a decimal only when there is one", () => {
    expect(pointsText(100)).toBe("100");
    expect(pointsText(28.4)).toBe("28.4");
    expect(pointsText(0)).toBe("0");
  });
});

describe("[CM-3] the citation", () => {
  it("is trimmed", () => {
    expect(checkCitation("  认真负责  ")).toEqual({ citation: "认真负责" });
    expect(checkCitation("")).toEqual({ citation: "" });
  });

  it(`may have ${MAX_CITATION} characters, not one more, and the problem names the limit`, () => {
    expect(checkCitation("安".repeat(MAX_CITATION))).toEqual({ citation: "安".repeat(MAX_CITATION) });
    const result = checkCitation("安".repeat(MAX_CITATION + 1));
    expect(result).toEqual({
      problem: {
        zh: `评语最多 ${MAX_CITATION} 字，现在 ${MAX_CITATION + 1} 字`,
        en: `The citation is at most ${MAX_CITATION} characters; it has ${MAX_CITATION + 1}`,
      },
    });
  });
});

describe("months and weeks in words", () => {
  it("names months short and long in both languages", () => {
    expect(monthShort("2026-07", "zh")).toBe("7月");
    expect(monthShort("2026-11", "en")).toBe("Nov");
    expect(monthLong("2026-11", "zh")).toBe("2026年11月");
    expect(monthLong("2026-01", "en")).toBe("Jan 2026");
  });

  it("names a week by its Monday and Sunday, across a month's end", () => {
    expect(weekShort("2026-11-30")).toBe("11/30–12/6");
    expect(dayShort("2026-11-01", "zh")).toBe("11月1日");
    expect(dayShort("2026-11-01", "en")).toBe("Nov 1");
  });
});

describe("[MC-2] the hazards chart", () => {
  const areas = [
    { id: "room", kind: "classroom" as const },
    { id: "yard", kind: "campus" as const },
    { id: "gate", kind: "perimeter" as const },
  ];

  it("has the six months up to the chosen one, a stacked series per area kind", () => {
    const chart = hazardsChart({
      hazards: [
        { areaId: "room", foundAt: "2026-11-03T02:00:00Z" },
        { areaId: "room", foundAt: "2026-11-20T02:00:00Z" },
        { areaId: "yard", foundAt: "2026-09-10T02:00:00Z" },
        // 2026-07-31 17:00 UTC is 8月1日 01:00 in Shanghai: counts in August.
        { areaId: "gate", foundAt: "2026-07-31T17:00:00Z" },
        // An area that is gone is not counted.
        { areaId: "gone", foundAt: "2026-11-03T02:00:00Z" },
        // Before the chart's first month.
        { areaId: "room", foundAt: "2026-05-20T02:00:00Z" },
      ],
      areas,
      month: "2026-11",
      count: 6,
      timeZone: "Asia/Shanghai",
      lang: "zh",
    });
    expect(chart.categories).toEqual(["6月", "7月", "8月", "9月", "10月", "11月"]);
    expect(chart.series).toEqual([
      { name: "教室", values: [0, 0, 0, 0, 0, 2] },
      { name: "校园", values: [0, 0, 0, 1, 0, 0] },
      { name: "周边", values: [0, 0, 1, 0, 0, 0] },
    ]);
  });

  it("crosses a year and speaks English", () => {
    const chart = hazardsChart({
      hazards: [],
      areas,
      month: "2027-02",
      count: 6,
      timeZone: "Asia/Shanghai",
      lang: "en",
    });
    expect(chart.categories).toEqual(["Sep", "Oct", "Nov", "Dec", "Jan", "Feb"]);
    expect(chart.series.map((s) => s.name)).toEqual(["Classroom", "Campus", "Perimeter"]);
  });
});

describe("[MC-3] the rounds chart", () => {
  const calendar = { schoolDays: [1, 2, 3, 4, 5] as const };

  it("counts from the month's first day to today, or to the month's end for a past month", () => {
    expect(roundsChartRange("2026-11", "2026-11-18")).toEqual({ from: "2026-11-01", to: "2026-11-18" });
    expect(roundsChartRange("2026-10", "2026-11-18")).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(roundsChartRange("2026-12", "2027-01-05")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("groups 应查 and 已查 per round over the school's areas", () => {
    // 2026-11-02 (Mon) … 2026-11-04 (Wed): three school days × two areas = 6 due per round.
    const chart = roundsChart({
      month: "2026-11",
      today: "2026-11-04",
      calendar,
      areaIds: ["room", "yard"],
      rounds: [
        { areaId: "room", date: "2026-11-02", round: "morning" },
        // Twice the same slot counts once.
        { areaId: "room", date: "2026-11-02", round: "morning" },
        { areaId: "yard", date: "2026-11-03", round: "morning" },
        { areaId: "yard", date: "2026-11-03", round: "evening" },
        // Not one of the school's areas.
        { areaId: "gone", date: "2026-11-03", round: "noon" },
      ],
      lang: "zh",
    });
    expect(chart.categories).toEqual(["早查", "午查", "晚查"]);
    expect(chart.series).toEqual([
      { name: "应查", values: [6, 6, 6], tone: 3 },
      { name: "已查", values: [2, 0, 1], tone: 0 },
    ]);
    expect(chart.due).toBe(18);
    expect(chart.to).toBe("2026-11-04");
  });

  it("has nothing due before the month's first school day", () => {
    const chart = roundsChart({
      month: "2026-11",
      today: "2026-11-01",
      calendar,
      areaIds: ["room"],
      rounds: [],
      lang: "en",
    });
    expect(chart.due).toBe(0);
    expect(chart.series.map((s) => s.name)).toEqual(["Due", "Done"]);
  });
});
