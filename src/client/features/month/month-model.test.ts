import { describe, expect, it } from "vitest";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { DEFAULT_SCORE_RULES } from "../../../domain/monthly-score.ts";
import type { SchoolCalendar } from "../../../domain/school-calendar.ts";
import type { WeeklySummary } from "../../../domain/weekly-summary.ts";
import type { WeekRecords } from "../summaries/summary-model.ts";
import {
  classMonths,
  monthChoices,
  monthOfParam,
  monthRanking,
  monthWeeksSoFar,
  recentMonths,
} from "./month-model.ts";

const calendar: SchoolCalendar = {
  schoolDays: [1, 2, 3, 4, 5],
  terms: [{ id: "t", name: "2026秋", start: "2026-09-01", end: "2027-01-20" }],
  holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-09" }],
  makeUpDays: [],
};

describe("which month a link opens", () => {
  it("the month named, never a later one than this month; this month by default or for nonsense", () => {
    expect(monthOfParam("2026-10", "2026-11-28")).toBe("2026-10");
    expect(monthOfParam("2026-12", "2026-11-28")).toBe("2026-11");
    expect(monthOfParam(null, "2026-11-28")).toBe("2026-11");
    expect(monthOfParam("2026-13", "2026-11-28")).toBe("2026-11");
  });

  it("the picker: this month and the ones before, newest first; an older month named stays", () => {
    expect(recentMonths("2026-02-10", 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
    expect(monthChoices(["2026-02", "2026-01"], "2026-01")).toEqual(["2026-02", "2026-01"]);
    expect(monthChoices(["2026-02", "2026-01"], "2025-06")).toEqual(["2026-02", "2026-01", "2025-06"]);
  });
});

describe("the month's weeks so far", () => {
  it("weeks of the month's Mondays with a school day, up to this week", () => {
    // November 2026: Mondays 2, 9, 16, 23, 30.
    expect(monthWeeksSoFar("2026-11", calendar, "2026-11-28")).toEqual([
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
    ]);
    // October: the week of 10-05 is all holiday (国庆), so it has no summary and no score.
    expect(monthWeeksSoFar("2026-10", calendar, "2026-11-28")).toEqual([
      "2026-10-12",
      "2026-10-19",
      "2026-10-26",
    ]);
  });
});

describe("every class's month and the ranking (MS-1, MS-2, MS-4)", () => {
  const classes = [
    { id: "A", grade: 1, name: "1班", classTeacherId: "tA" },
    { id: "B", grade: 1, name: "2班", classTeacherId: "tB" },
    { id: "C", grade: 2, name: "1班", classTeacherId: "tC" },
  ];
  const areas = [
    { id: "roomA", kind: "classroom", classId: "A" },
    { id: "roomB", kind: "classroom", classId: "B" },
    { id: "roomC", kind: "classroom", classId: "C" },
  ];
  const week = "2026-11-16";
  const days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
  const every = (areaId: string) =>
    days.flatMap((date) =>
      (["morning", "noon", "evening"] as const).map((round) => ({
        id: `${areaId}${date}${round}`,
        areaId,
        date,
        round,
      })),
    );
  const lesson = (classId: string) => ({
    id: `L${classId}`,
    kind: "weeklyLesson" as const,
    date: "2026-11-17",
    classId,
    topic: "防溺水",
    note: "",
    photos: [],
    recordedBy: "x",
    recordedAt: "2026-11-17T08:00:00+08:00",
  });
  const summary = (classId: string, submittedAt: string): WeeklySummary =>
    ({
      id: `${week}|${classId}`,
      classId,
      weekStart: week,
      state: "submitted",
      submittedAt,
    }) as WeeklySummary;
  const records: WeekRecords = {
    // A and C did every round; B missed all of Friday's.
    rounds: [...every("roomA"), ...every("roomB").filter((r) => r.date !== "2026-11-20"), ...every("roomC")],
    hazards: [] as Hazard[],
    handovers: [],
    alerts: [],
    education: [lesson("A"), lesson("B"), lesson("C")],
    pupils: [],
  };
  const months = classMonths({
    classes,
    weeks: [week],
    records,
    // A on time; B on time; C late (after the Monday 00:00 due time, WS-3).
    summaries: [
      summary("A", "2026-11-22T20:00:00+08:00"),
      summary("B", "2026-11-22T20:00:00+08:00"),
      summary("C", "2026-11-23T09:00:00+08:00"),
    ],
    areas,
    rules: DEFAULT_SCORE_RULES,
    now: new Date("2026-11-28T12:00:00+08:00"),
    today: "2026-11-28",
    calendar,
    timeZone: "Asia/Shanghai",
  });

  it("counts each class's week from the records and its summary's status", () => {
    const [a, b, c] = months;
    expect(a?.weeks[0]).toMatchObject({ status: "submitted", numbers: { rounds: { due: 15, done: 15 } } });
    expect(b?.weeks[0]?.numbers.rounds).toMatchObject({ due: 15, done: 12 });
    expect(c?.weeks[0]?.status).toBe("submitted_late");
    expect(a?.score.total).toBe(100);
    // B: rounds 30 × 12/15 = 24 → 94; C: summaries 0 of 15 → 85.
    expect(b?.score.total).toBe(94);
    expect(c?.score.total).toBe(85);
  });

  it("ranks higher first, ties sharing a rank in the school's class order", () => {
    expect(monthRanking(months).map((r) => [r.rank, r.item.schoolClass.id, r.item.total])).toEqual([
      [1, "A", 100],
      [2, "B", 94],
      [3, "C", 85],
    ]);
    const tied = monthRanking([months[2], months[0], months[1], months[0]].filter((m) => m !== undefined));
    expect(tied.map((r) => r.rank)).toEqual([1, 1, 3, 4]);
  });
});
