import { describe, expect, it } from "vitest";
import { type Commendation, emptyCommendation, MAX_GUARDIANS } from "../../../domain/commendation.ts";
import type { ClassScore, Ranked } from "../../../domain/monthly-score.ts";
import type { ClassMonth } from "../month/month-model.ts";
import {
  canNameGuardians,
  classPupils,
  commendationLink,
  editorClass,
  inRollOrder,
  matchPupils,
  monthList,
  namingClasses,
  sameChoice,
  savedGuardians,
  saveProblems,
  toggleGuardian,
} from "./commendation-model.ts";

const c1 = { id: "c1", grade: 1, name: "1班", classTeacherId: "t1" };
const c2 = { id: "c2", grade: 1, name: "2班", classTeacherId: "t2" };
const c3 = { id: "c3", grade: 2, name: "1班", classTeacherId: "t1" };
const c4 = { id: "c4", grade: 2, name: "2班", classTeacherId: null };
const classes = [c3, c2, c4, c1]; // not in the school's order on purpose

const admin = { id: "a", roles: ["admin"] as const };
const teacher1 = { id: "t1", roles: ["class_teacher"] as const };
const teacher2 = { id: "t2", roles: ["class_teacher"] as const };
const principal = { id: "p", roles: ["principal"] as const };
const dutyTeacher = { id: "t1", roles: ["duty_teacher"] as const };

const pupil = (id: string, studentNo: string, name: string, classId = "c1") => ({
  id,
  studentNo,
  name,
  classId,
});

function ranked(rows: [string, number, number][]): Ranked<ClassMonth & { total: number }>[] {
  const byId = new Map([c1, c2, c3, c4].map((c) => [c.id, c]));
  return rows.map(([classId, rank, total]) => ({
    rank,
    item: {
      schoolClass: byId.get(classId) as (typeof classes)[number],
      weeks: [],
      score: { classId, parts: [], total } as ClassScore,
      total,
    },
  }));
}

function record(classId: string, patch: Partial<Commendation>): Commendation {
  return { ...emptyCommendation("2026-05", classId), ...patch };
}

describe("who may name the safety guardians (CM-4)", () => {
  it("the class's own class teacher and an admin; not another teacher, the principal or a duty role", () => {
    expect(canNameGuardians(teacher1, c1)).toBe(true);
    expect(canNameGuardians(teacher2, c1)).toBe(false);
    expect(canNameGuardians(admin, c1)).toBe(true);
    expect(canNameGuardians(admin, c4)).toBe(true);
    expect(canNameGuardians(principal, c1)).toBe(false);
    expect(canNameGuardians(dutyTeacher, c1)).toBe(false);
  });

  it("lists the classes in the school's order: a teacher's own, every class for an admin", () => {
    expect(namingClasses(teacher1, classes).map((c) => c.id)).toEqual(["c1", "c3"]);
    expect(namingClasses(teacher2, classes).map((c) => c.id)).toEqual(["c2"]);
    expect(namingClasses(admin, classes).map((c) => c.id)).toEqual(["c1", "c2", "c3", "c4"]);
    expect(namingClasses(principal, classes)).toEqual([]);
  });

  it("opens the class the link names if allowed, else the first class the person teaches", () => {
    const mine1 = namingClasses(teacher1, classes);
    expect(editorClass(teacher1, mine1, "c3")?.id).toBe("c3");
    expect(editorClass(teacher1, mine1, "c2")?.id).toBe("c1");
    expect(editorClass(teacher1, mine1, null)?.id).toBe("c1");
    const all = namingClasses(admin, classes);
    expect(editorClass(admin, all, "c4")?.id).toBe("c4");
    // An admin who teaches no class picks one.
    expect(editorClass(admin, all, null)).toBeUndefined();
    expect(editorClass({ id: "t2", roles: ["admin", "class_teacher"] }, all, null)?.id).toBe("c2");
  });
});

describe("the class's pupils on the checklist", () => {
  const pupils = [
    pupil("p10", "10", "赵十"),
    pupil("p2", "2", "钱二"),
    pupil("px", "1", "外班", "c2"),
    pupil("p1", "1", "孙一"),
    pupil("p1b", "1", "李一"),
  ];

  it("keeps only the class's pupils, in student-number order (10 after 2), then by name", () => {
    expect(classPupils(pupils, "c1").map((p) => p.id)).toEqual(["p1b", "p1", "p2", "p10"]);
    expect(classPupils(new Map(pupils.map((p) => [p.id, p])).values(), "c2").map((p) => p.id)).toEqual([
      "px",
    ]);
  });

  it("filters by name or student number; a blank filter shows everyone", () => {
    const mine = classPupils(pupils, "c1");
    expect(matchPupils(mine, " 钱").map((p) => p.id)).toEqual(["p2"]);
    expect(matchPupils(mine, "10").map((p) => p.id)).toEqual(["p10"]);
    expect(matchPupils(mine, "  ")).toHaveLength(4);
    expect(matchPupils(mine, "周")).toEqual([]);
  });

  it("orders a choice as the roll does, with anyone off the roll last", () => {
    const mine = classPupils(pupils, "c1");
    expect(inRollOrder(["p10", "gone", "p1"], mine)).toEqual(["p1", "p10", "gone"]);
  });
});

describe("ticking guardians", () => {
  it("adds and removes a pupil", () => {
    expect(toggleGuardian(["a"], "b", true)).toEqual({ chosen: ["a", "b"], problem: null });
    expect(toggleGuardian(["a", "b"], "a", false)).toEqual({ chosen: ["b"], problem: null });
    expect(toggleGuardian(["a"], "a", true)).toEqual({ chosen: ["a"], problem: null });
  });

  it(`refuses an ${MAX_GUARDIANS + 1}th guardian and keeps the choice as it was`, () => {
    const ten = Array.from({ length: MAX_GUARDIANS }, (_, i) => `p${i}`);
    expect(toggleGuardian(ten, "p99", true)).toEqual({ chosen: ten, problem: "tooMany" });
    // Unticking still works at the limit.
    expect(toggleGuardian(ten, "p0", false).chosen).toHaveLength(MAX_GUARDIANS - 1);
  });

  it("compares choices regardless of order", () => {
    expect(sameChoice(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameChoice(["a"], ["a", "b"])).toBe(false);
    expect(sameChoice([], [])).toBe(true);
  });

  it("starts from the month's saved names of the class", () => {
    const entries = [{ entity: record("c1", { guardianIds: ["p1", "p2"] }) }];
    expect(savedGuardians(entries, "2026-05", "c1")).toEqual(["p1", "p2"]);
    expect(savedGuardians(entries, "2026-05", "c2")).toEqual([]);
    expect(savedGuardians(entries, "2026-04", "c1")).toEqual([]);
  });
});

describe("what stops a save (CM-2, CM-4)", () => {
  const pupils = new Map([
    ["p1", { classId: "c1", name: "孙一" }],
    ["px", { classId: "c2", name: "外班" }],
  ]);

  it("accepts the class's pupils in a month that has begun, and an empty list", () => {
    const base = { month: "2026-05", currentMonth: "2026-05", classId: "c1", pupils };
    expect(saveProblems({ ...base, pupilIds: ["p1"] })).toEqual([]);
    expect(saveProblems({ ...base, pupilIds: [] })).toEqual([]);
    expect(saveProblems({ ...base, month: "2026-04", pupilIds: ["p1"] })).toEqual([]);
  });

  it("names a later month, another class's pupil and an unknown pupil", () => {
    const problems = saveProblems({
      month: "2026-06",
      currentMonth: "2026-05",
      classId: "c1",
      pupilIds: ["px", "nobody"],
      pupils,
    });
    expect(problems.map((p) => p.zh)).toEqual([
      "2026-06 还没到，不能评比（本月是 2026-05）",
      "外班 不是本班学生",
      "学生 nobody 不存在",
    ]);
  });

  it(`names more than ${MAX_GUARDIANS}`, () => {
    const many = new Map(
      Array.from({ length: MAX_GUARDIANS + 1 }, (_, i) => [`p${i}`, { classId: "c1", name: `学生${i}` }]),
    );
    const problems = saveProblems({
      month: "2026-05",
      currentMonth: "2026-05",
      classId: "c1",
      pupilIds: [...many.keys()],
      pupils: many,
    });
    expect(problems.map((p) => p.en)).toEqual([`at most ${MAX_GUARDIANS} safety guardians; 11 chosen`]);
  });
});

describe("the month's list (CM-5)", () => {
  const names = new Map([
    ["p1", "孙一"],
    ["p2", "钱二"],
    ["p3", "周三"],
  ]);
  const school = [c1, c2, c3, c4];

  it("lists the commended classes in ranking order with rank and score, and every class's guardians", () => {
    const ranking = ranked([
      ["c3", 1, 96],
      ["c1", 2, 90],
      ["c2", 2, 90],
      ["c4", 4, 70],
    ]);
    const entries = [
      { entity: record("c1", { commended: true, citation: "巡查全勤" }), hasPendingChanges: false },
      { entity: record("c3", { commended: true, guardianIds: ["p3"] }), hasPendingChanges: false },
      { entity: record("c2", { guardianIds: ["p2", "gone", "p1"] }), hasPendingChanges: true },
      { entity: record("c4", { commended: false, citation: "" }), hasPendingChanges: false },
    ];
    const list = monthList(ranking, school, entries, (id) => names.get(id));
    expect(list.commended.map((c) => [c.rank, c.schoolClass.id, c.total, c.citation])).toEqual([
      [1, "c3", 96, ""],
      [2, "c1", 90, "巡查全勤"],
    ]);
    expect(list.guardians.map((g) => [g.schoolClass.id, g.names, g.isPending])).toEqual([
      ["c1", [], false],
      ["c2", ["钱二", "孙一"], true],
      ["c3", ["周三"], false],
      ["c4", [], false],
    ]);
  });

  it("has no commended class and nobody named when the month has no records", () => {
    const list = monthList(ranked([["c1", 1, 50]]), school, [], () => undefined);
    expect(list.commended).toEqual([]);
    expect(list.guardians.every((g) => g.names.length === 0 && !g.isPending)).toBe(true);
  });
});

describe("links and words", () => {
  it("builds the page's links", () => {
    expect(commendationLink("2026-05")).toBe("/commendation?m=2026-05");
    expect(commendationLink("2026-05", { print: true })).toBe("/commendation?m=2026-05&print=1");
    expect(commendationLink("2026-05", { classId: "c1" })).toBe("/commendation?m=2026-05&class=c1");
  });
});
