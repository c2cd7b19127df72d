// The class's month page's model: which class a link opens, the class's place in the ranking,
// the records behind each part of the score week by week (MS-1), and the week-by-week bars (MC-1).
import { describe, expect, it } from "vitest";
import type { Commendation } from "../../../domain/commendation.ts";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { DEFAULT_SCORE_RULES, rankByScore } from "../../../domain/monthly-score.ts";
import type { EducationRecord } from "../../../domain/safety-education.ts";
import type { SummaryAlert, SummaryStatus, WeekNumbers } from "../../../domain/weekly-summary.ts";
import type { ClassLike } from "../summaries/summary-model.ts";
import {
  chooseMonthClass,
  classCommendation,
  hazardRows,
  lessonRows,
  missedDays,
  mondayShort,
  roundsRows,
  runningWeek,
  standingOf,
  summaryRows,
  unaccountedRows,
  weekBars,
} from "./class-month-model.ts";
import type { ClassMonth, ClassWeek } from "./month-model.ts";

const CLASSES: ClassLike[] = [
  { id: "c21", grade: 2, name: "1班", classTeacherId: "t21" },
  { id: "c12", grade: 1, name: "2班", classTeacherId: "t12" },
  { id: "c11", grade: 1, name: "1班", classTeacherId: "t11" },
];

function numbers(weekStart: string, part: Partial<WeekNumbers> = {}): WeekNumbers {
  return {
    weekStart,
    asOf: part.asOf ?? weekStart,
    rounds: { due: 0, done: 0, missed: [] },
    hazards: { found: [], rectified: [], late: [] },
    exceptions: { leave: 0, sick: 0, picked_up: 0, unaccounted: 0 },
    exceptionList: [],
    unaccounted: [],
    lesson: { held: false, recordId: null },
    ...part,
  };
}

const week = (weekStart: string, status: SummaryStatus, part: Partial<WeekNumbers> = {}): ClassWeek => ({
  weekStart,
  status,
  summary: undefined,
  numbers: numbers(weekStart, part),
});

const monthOf = (weeks: ClassWeek[]): ClassMonth => ({
  schoolClass: CLASSES[2] as ClassLike,
  weeks,
  score: { classId: "c11", parts: [], total: 0 },
});

describe("chooseMonthClass", () => {
  it("opens any class named by the link, not only the person's own (the ranking is public)", () => {
    const choice = chooseMonthClass({ id: "t11", roles: ["class_teacher"] }, CLASSES, "c21");
    expect(choice).toEqual({ kind: "class", schoolClass: CLASSES[0] });
  });

  it("without a class: a class teacher lands on their own, an admin on the school's first", () => {
    const teacher = chooseMonthClass({ id: "t12", roles: ["class_teacher"] }, CLASSES, null);
    expect(teacher.kind === "class" && teacher.schoolClass.id).toBe("c12");
    const admin = chooseMonthClass({ id: "a", roles: ["admin"] }, CLASSES, null);
    expect(admin.kind === "class" && admin.schoolClass.id).toBe("c11");
  });

  it("someone who teaches no class lands on the school's first class", () => {
    const choice = chooseMonthClass({ id: "d", roles: ["duty_teacher"] }, CLASSES, null);
    expect(choice.kind === "class" && choice.schoolClass.id).toBe("c11");
  });

  it("names back a class the school does not have, and says when there are no classes", () => {
    expect(chooseMonthClass({ id: "a", roles: ["admin"] }, CLASSES, "gone")).toEqual({
      kind: "notFound",
      classId: "gone",
    });
    expect(chooseMonthClass({ id: "a", roles: ["admin"] }, [], null)).toEqual({ kind: "noClasses" });
  });
});

describe("standingOf", () => {
  const ranking = rankByScore([
    { schoolClass: { id: "a" }, total: 90 },
    { schoolClass: { id: "b" }, total: 80 },
    { schoolClass: { id: "c" }, total: 80 },
    { schoolClass: { id: "d" }, total: 70 },
  ]);

  it("gives the rank among all classes, shared by equal scores (MS-4)", () => {
    expect(standingOf(ranking, "a")).toEqual({ rank: 1, of: 4, isTied: false });
    expect(standingOf(ranking, "c")).toEqual({ rank: 2, of: 4, isTied: true });
    expect(standingOf(ranking, "d")).toEqual({ rank: 4, of: 4, isTied: false });
    expect(standingOf(ranking, "x")).toBeUndefined();
  });
});

describe("mondayShort", () => {
  it("names a week by the month and day of its Monday", () => {
    expect(mondayShort("2026-11-02")).toBe("11/2");
    expect(mondayShort("2026-03-30")).toBe("3/30");
  });
});

describe("the records behind each part", () => {
  const month = monthOf([
    week("2026-11-02", "submitted", {
      rounds: { due: 3, done: 1, missed: ["room|2026-11-03|evening", "room|2026-11-03|morning"] },
      hazards: { found: ["h1", "h2"], rectified: ["h1"], late: ["h2"] },
      unaccounted: ["a2"],
      lesson: { held: true, recordId: "e1" },
    }),
    week("2026-11-09", "missing", {
      rounds: { due: 3, done: 3, missed: [] },
      hazards: { found: ["h3"], rectified: [], late: [] },
      unaccounted: ["a1"],
    }),
    week("2026-11-16", "not_due", { asOf: "2026-11-18" }),
  ]);

  it("rounds: per week the counts and the missed slots, by date then round", () => {
    const rows = roundsRows(month);
    expect(rows.map((r) => [r.weekStart, r.due, r.done, r.missed.length])).toEqual([
      ["2026-11-02", 3, 1, 2],
      ["2026-11-09", 3, 3, 0],
      ["2026-11-16", 0, 0, 0],
    ]);
    expect(rows[0]?.missed.map((m) => m.round)).toEqual(["morning", "evening"]);
    expect(rows[0]?.missedDays).toEqual([
      { date: "2026-11-03", areaId: "room", rounds: ["morning", "evening"] },
    ]);
  });

  it("groups the missed slots by day and area", () => {
    const slot = (date: string, areaId: string, round: "morning" | "noon" | "evening") => ({
      date,
      areaId,
      round,
    });
    expect(
      missedDays([
        slot("2026-11-02", "a", "morning"),
        slot("2026-11-02", "b", "morning"),
        slot("2026-11-02", "a", "noon"),
        slot("2026-11-03", "a", "evening"),
      ]),
    ).toEqual([
      { date: "2026-11-02", areaId: "a", rounds: ["morning", "noon"] },
      { date: "2026-11-02", areaId: "b", rounds: ["morning"] },
      { date: "2026-11-03", areaId: "a", rounds: ["evening"] },
    ]);
  });

  it("hazards: each one found, its state, rectified and late; one not on the phone still listed", () => {
    const h1 = { id: "h1", state: "closed" } as Hazard;
    const h2 = { id: "h2", state: "assigned" } as Hazard;
    const rows = hazardRows(
      month,
      new Map([
        ["h1", h1],
        ["h2", h2],
      ]),
    );
    expect(rows.map((r) => [r.id, r.weekStart, r.state, r.isRectified, r.isLate])).toEqual([
      ["h1", "2026-11-02", "closed", true, false],
      ["h2", "2026-11-02", "assigned", false, true],
      ["h3", "2026-11-09", undefined, false, false],
    ]);
    expect(rows[2]?.hazard).toBeUndefined();
  });

  it("unaccounted: each alert with its pupil's name, oldest first", () => {
    const alerts = new Map<string, SummaryAlert>([
      ["a1", { id: "a1", kind: "unaccounted_pupil", subjectId: "p1", raisedAt: "2026-11-10T12:00:00Z" }],
      ["a2", { id: "a2", kind: "unaccounted_pupil", subjectId: "p9", raisedAt: "2026-11-03T12:00:00Z" }],
    ]);
    const rows = unaccountedRows(month, alerts, new Map([["p1", { name: "李小明" }]]));
    expect(rows.map((r) => [r.alertId, r.pupilId, r.pupilName, r.isHidden])).toEqual([
      ["a2", "p9", null, false],
      ["a1", "p1", "李小明", false],
    ]);
    // NK-10: a pupil on this phone only as a member of the class (named neutrally, no link).
    const hidden = unaccountedRows(
      month,
      alerts,
      new Map([["p1", { name: "（本机不显示姓名）", isHidden: true }]]),
    );
    expect(hidden.map((r) => [r.pupilId, r.isHidden])).toEqual([
      ["p9", false],
      ["p1", true],
    ]);
  });

  it("summaries: each week's status; a week still running counts neither way (MS-1)", () => {
    expect(summaryRows(month).map((r) => [r.status, r.isCounted, r.isOnTime])).toEqual([
      ["submitted", true, true],
      ["missing", true, false],
      ["not_due", false, false],
    ]);
  });

  it("lessons: held with its record, not held; a running week counts only once held (MS-1)", () => {
    const e1 = { id: "e1", date: "2026-11-04", topic: "防溺水" } as EducationRecord;
    const rows = lessonRows(month, new Map([["e1", e1]]));
    expect(rows.map((r) => [r.held, r.record?.topic, r.isCounted])).toEqual([
      [true, "防溺水", true],
      [false, undefined, true],
      [false, undefined, false],
    ]);
    const heldNow = lessonRows(
      monthOf([week("2026-11-16", "not_due", { lesson: { held: true, recordId: "e9" } })]),
      new Map(),
    );
    expect(heldNow[0]).toMatchObject({ held: true, record: undefined, isCounted: true });
  });
});

describe("weekBars and runningWeek", () => {
  it("scores each week alone with the same table (MC-1), topped at the weights' sum", () => {
    const month = monthOf([
      week("2026-11-02", "submitted", {
        rounds: { due: 10, done: 5, missed: [] },
        lesson: { held: true, recordId: "e1" },
      }),
      week("2026-11-09", "missing", { rounds: { due: 10, done: 10, missed: [] } }),
    ]);
    const bars = weekBars(month, DEFAULT_SCORE_RULES);
    expect(bars.labels).toEqual(["11/2", "11/9"]);
    expect(bars.weekStarts).toEqual(["2026-11-02", "2026-11-09"]);
    // Week 1: rounds 15 + hazards 25 + unaccounted 20 + summaries 15 + lessons 10.
    // Week 2: rounds 30 + hazards 25 + unaccounted 20 + summaries 0 + lessons 0.
    expect(bars.totals).toEqual([85, 75]);
    expect(bars.max).toBe(100);
    expect(weekBars(month, { ...DEFAULT_SCORE_RULES, lessons: 20 }).max).toBe(110);
  });

  it("finds the week that holds today, if the month has it", () => {
    const month = monthOf([week("2026-11-02", "submitted"), week("2026-11-09", "not_due")]);
    expect(runningWeek(month, "2026-11-15")).toBe("2026-11-09");
    expect(runningWeek(month, "2026-11-16")).toBeUndefined();
  });
});

describe("classCommendation", () => {
  const record = (part: Partial<Commendation>): Commendation => ({
    id: "2026-11|c11",
    month: "2026-11",
    classId: "c11",
    commended: false,
    citation: "",
    commendedBy: null,
    commendedAt: null,
    guardianIds: [],
    guardiansBy: null,
    guardiansAt: null,
    ...part,
  });
  const pupils = new Map([
    ["p1", { name: "王一" }],
    ["p2", { name: "赵二" }],
  ]);

  it("shows the mark, the citation and the guardians still on the roll, in the order named", () => {
    const entries = [
      {
        entity: record({ commended: true, citation: "巡查全勤", guardianIds: ["p2", "gone", "p1"] }),
        hasPendingChanges: true,
      },
    ];
    expect(classCommendation(entries, "c11", pupils)).toEqual({
      commended: true,
      citation: "巡查全勤",
      guardians: ["赵二", "王一"],
      isPending: true,
    });
  });

  it("is nothing for a class with no record, or a record with nothing in it (CM-1)", () => {
    expect(classCommendation([], "c11", pupils)).toBeUndefined();
    expect(
      classCommendation([{ entity: record({}), hasPendingChanges: false }], "c11", pupils),
    ).toBeUndefined();
    expect(
      classCommendation([{ entity: record({ commended: true }), hasPendingChanges: false }], "c12", pupils),
    ).toBeUndefined();
  });
});
