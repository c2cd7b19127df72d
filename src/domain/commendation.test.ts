import { describe, expect, it } from "vitest";
import {
  addMonths,
  type Commendation,
  commendationId,
  commendationList,
  emptyCommendation,
  guardianProblems,
  isMonth,
  MAX_GUARDIANS,
  markCommended,
  monthOf,
  monthProblem,
  monthsUpTo,
  nameGuardians,
} from "./commendation.ts";
import { rankByScore } from "./monthly-score.ts";

const ADMIN = "01ADMIN0000000000000000000";
const TEACHER = "01TEACHER00000000000000000";
const MONTH = "2026-11";

describe("[CM-1] one record per month and class", () => {
  it("the id is month|classId, the same on every phone", () => {
    expect(commendationId(MONTH, "c1")).toBe("2026-11|c1");
    expect(commendationId(MONTH, "c1")).toBe(commendationId("2026-11", "c1"));
    expect(commendationId("2026-10", "c1")).not.toBe(commendationId(MONTH, "c1"));
    expect(commendationId(MONTH, "c2")).not.toBe(commendationId(MONTH, "c1"));
  });

  it("a class with no record is neither commended nor has guardians", () => {
    expect(emptyCommendation(MONTH, "c1")).toEqual({
      id: "2026-11|c1",
      month: MONTH,
      classId: "c1",
      commended: false,
      citation: "",
      commendedBy: null,
      commendedAt: null,
      guardianIds: [],
      guardiansBy: null,
      guardiansAt: null,
    });
  });
});

describe("[CM-2] months", () => {
  it("isMonth: YYYY-MM with a month from 01 to 12", () => {
    for (const good of ["2026-01", "2026-09", "2026-10", "2026-12", "1999-07"])
      expect(isMonth(good)).toBe(true);
    for (const bad of ["2026-00", "2026-13", "2026-1", "26-11", "2026/11", "2026-11-01", "", "november"])
      expect(isMonth(bad)).toBe(false);
  });

  it("monthOf a local date", () => {
    expect(monthOf("2026-11-30")).toBe("2026-11");
    expect(monthOf("2027-01-01")).toBe("2027-01");
  });

  it("addMonths across year boundaries, both ways", () => {
    expect(addMonths("2026-11", 0)).toBe("2026-11");
    expect(addMonths("2026-11", 1)).toBe("2026-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", -14)).toBe("2025-01");
    expect(addMonths("2026-03", 22)).toBe("2028-01");
    expect(addMonths("2026-12", -12)).toBe("2025-12");
  });

  it("monthsUpTo: the count months ending with the last, oldest first, over a new year", () => {
    expect(monthsUpTo("2027-02", 6)).toEqual([
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(monthsUpTo(MONTH, 1)).toEqual([MONTH]);
    expect(monthsUpTo(MONTH, 0)).toEqual([]);
  });

  it("monthProblem: a bad format is named; a later month is refused, naming both months", () => {
    for (const bad of ["2026-13", "2026-1", "11/2026"]) {
      const p = monthProblem(bad, MONTH);
      expect(p?.field).toBe("month");
      expect(p?.zh).toContain(bad);
      expect(p?.en).toContain(bad);
      expect(p?.en).toContain("YYYY-MM");
    }
    const future = monthProblem("2026-12", MONTH);
    expect(future).toMatchObject({ field: "month" });
    expect(future?.zh).toContain("2026-12");
    expect(future?.en).toBe("2026-12 has not begun; this month is 2026-11");
    // A later year, though its month number is smaller.
    expect(monthProblem("2027-01", "2026-12")?.en).toContain("has not begun");
  });

  it("monthProblem: the current month and earlier ones are fine", () => {
    expect(monthProblem(MONTH, MONTH)).toBeUndefined();
    expect(monthProblem("2026-10", MONTH)).toBeUndefined();
    expect(monthProblem("2025-12", "2026-01")).toBeUndefined();
  });
});

describe("[CM-3] the admin's mark", () => {
  const mark = (commended: boolean, citation = "") => ({ month: MONTH, classId: "c1", commended, citation });

  it("marks a class with no record yet, with who, when and the citation (trimmed)", () => {
    const got = markCommended(
      undefined,
      mark(true, "  巡查认真，隐患整改及时  "),
      ADMIN,
      "2026-11-30T02:00:00.000Z",
    );
    expect(got).toEqual({
      ...emptyCommendation(MONTH, "c1"),
      commended: true,
      citation: "巡查认真，隐患整改及时",
      commendedBy: ADMIN,
      commendedAt: "2026-11-30T02:00:00.000Z",
    });
  });

  it("unmarking clears the citation; the last mark stands, with its author", () => {
    const first = markCommended(undefined, mark(true, "表现突出"), ADMIN, "2026-11-30T02:00:00.000Z");
    const off = markCommended(
      first,
      mark(false, "表现突出"),
      "01OTHERADMIN00000000000000",
      "2026-11-30T03:00:00.000Z",
    );
    expect(off).toMatchObject({
      commended: false,
      citation: "",
      commendedBy: "01OTHERADMIN00000000000000",
      commendedAt: "2026-11-30T03:00:00.000Z",
    });
    const again = markCommended(off, mark(true, "新的评语"), ADMIN, "2026-11-30T04:00:00.000Z");
    expect(again).toMatchObject({
      commended: true,
      citation: "新的评语",
      commendedAt: "2026-11-30T04:00:00.000Z",
    });
  });

  it("leaves the guardians as they are (and does not change the record it was given)", () => {
    const named = nameGuardians(
      undefined,
      { month: MONTH, classId: "c1", pupilIds: ["p1", "p2"] },
      TEACHER,
      "t1",
    );
    const snapshot = structuredClone(named);
    const marked = markCommended(named, mark(true, "好"), ADMIN, "t2");
    expect(marked).toMatchObject({ guardianIds: ["p1", "p2"], guardiansBy: TEACHER, guardiansAt: "t1" });
    expect(markCommended(marked, mark(false), ADMIN, "t3").guardianIds).toEqual(["p1", "p2"]);
    expect(named).toEqual(snapshot);
  });
});

describe("[CM-4] the class's guardians", () => {
  const pupils = new Map([
    ["p1", { classId: "c1", name: "王小明" }],
    ["p2", { classId: "c1", name: "李小红" }],
    ["p3", { classId: "c1", name: "张小刚" }],
    ["q1", { classId: "c2", name: "周小军" }],
  ]);

  it("names pupils of the class, with who and when; an empty list clears them", () => {
    const named = nameGuardians(
      undefined,
      { month: MONTH, classId: "c1", pupilIds: ["p2", "p1"] },
      TEACHER,
      "t1",
    );
    expect(named).toEqual({
      ...emptyCommendation(MONTH, "c1"),
      guardianIds: ["p2", "p1"],
      guardiansBy: TEACHER,
      guardiansAt: "t1",
    });
    const cleared = nameGuardians(named, { month: MONTH, classId: "c1", pupilIds: [] }, ADMIN, "t2");
    expect(cleared).toMatchObject({ guardianIds: [], guardiansBy: ADMIN, guardiansAt: "t2" });
  });

  it("keeps the admin's mark and citation", () => {
    const marked = markCommended(
      undefined,
      { month: MONTH, classId: "c1", commended: true, citation: "好" },
      ADMIN,
      "t1",
    );
    const named = nameGuardians(marked, { month: MONTH, classId: "c1", pupilIds: ["p1"] }, TEACHER, "t2");
    expect(named).toMatchObject({
      commended: true,
      citation: "好",
      commendedBy: ADMIN,
      commendedAt: "t1",
      guardianIds: ["p1"],
    });
  });

  it("the list it is given is copied, not shared", () => {
    const ids = ["p1"];
    const named = nameGuardians(undefined, { month: MONTH, classId: "c1", pupilIds: ids }, TEACHER, "t1");
    ids.push("p2");
    expect(named.guardianIds).toEqual(["p1"]);
  });

  it("pupils of the class, each once, are fine (none is fine too)", () => {
    expect(guardianProblems(["p1", "p2", "p3"], "c1", pupils)).toEqual([]);
    expect(guardianProblems([], "c1", pupils)).toEqual([]);
  });

  it("too many: the limit and the count", () => {
    const many = new Map(
      Array.from(
        { length: MAX_GUARDIANS + 1 },
        (_, i) => [`x${i}`, { classId: "c1", name: `学生${i}` }] as const,
      ),
    );
    const problems = guardianProblems([...many.keys()], "c1", many);
    expect(problems).toEqual([
      {
        field: "pupilIds",
        zh: `安全小卫士最多 ${MAX_GUARDIANS} 名，选了 ${MAX_GUARDIANS + 1} 名`,
        en: `at most ${MAX_GUARDIANS} safety guardians; ${MAX_GUARDIANS + 1} chosen`,
      },
    ]);
    expect(guardianProblems([...many.keys()].slice(0, MAX_GUARDIANS), "c1", many)).toEqual([]);
  });

  it("the same pupil twice, an unknown pupil, a pupil of another class: each names the pupil", () => {
    const problems = guardianProblems(["p1", "p1", "ghost", "q1"], "c1", pupils);
    expect(problems).toEqual([
      { field: "pupilIds", zh: "王小明 选了两次", en: "王小明 is chosen twice" },
      { field: "pupilIds", zh: "学生 ghost 不存在", en: "pupil ghost does not exist" },
      { field: "pupilIds", zh: "周小军 不是本班学生", en: "周小军 is not a pupil of this class" },
    ]);
  });
});

describe("[CM-5] the commendation list", () => {
  const classes = [
    { id: "c1", label: "一年级1班" },
    { id: "c2", label: "一年级2班" },
    { id: "c3", label: "二年级1班" },
    { id: "c4", label: "二年级2班" },
  ];
  const names = new Map([
    ["p1", "王小明"],
    ["p2", "李小红"],
    ["p3", "张小刚"],
    ["p4", "周小军"],
  ]);
  const pupilName = (id: string) => names.get(id);
  const record = (classId: string, over: Partial<Commendation>): Commendation => ({
    ...emptyCommendation(MONTH, classId),
    ...over,
  });

  it("commended classes in ranking order, ties sharing a rank; the others left out", () => {
    // In the school's order: c1 90, c2 95, c3 90, c4 80 → c2 1st, c1 and c3 2nd (tie), c4 4th.
    const ranking = rankByScore([
      { classId: "c1", total: 90 },
      { classId: "c2", total: 95 },
      { classId: "c3", total: 90 },
      { classId: "c4", total: 80 },
    ]);
    const list = commendationList(
      ranking,
      classes,
      [
        record("c4", { commended: true, citation: "进步最大" }),
        record("c3", { commended: true, citation: "隐患整改及时" }),
        record("c1", { commended: true, citation: "巡查认真" }),
        record("c2", { commended: false, guardianIds: ["p1"] }),
      ],
      pupilName,
    );
    expect(list.commended).toEqual([
      { rank: 2, total: 90, schoolClass: classes[0], citation: "巡查认真" },
      { rank: 2, total: 90, schoolClass: classes[2], citation: "隐患整改及时" },
      { rank: 4, total: 80, schoolClass: classes[3], citation: "进步最大" },
    ]);
  });

  it("a commended class missing from the ranking or from the classes is left out", () => {
    const ranking = rankByScore([
      { classId: "c1", total: 70 },
      { classId: "gone", total: 99 },
    ]);
    const list = commendationList(
      ranking,
      classes,
      [
        record("c1", { commended: true }),
        record("c2", { commended: true }),
        record("gone", { commended: true }),
      ],
      pupilName,
    );
    expect(list.commended.map((c) => c.schoolClass.id)).toEqual(["c1"]);
    expect(list.commended[0]?.rank).toBe(2);
  });

  it("every class in the school's order with its guardians' names; nobody named → empty", () => {
    const list = commendationList(
      rankByScore([]),
      classes,
      [
        record("c3", { guardianIds: ["p3", "p4"] }),
        record("c1", { guardianIds: ["p2", "p1"] }),
        record("c2", { commended: true, guardianIds: [] }),
      ],
      pupilName,
    );
    expect(list.guardians).toEqual([
      { schoolClass: classes[0], names: ["李小红", "王小明"] },
      { schoolClass: classes[1], names: [] },
      { schoolClass: classes[2], names: ["张小刚", "周小军"] },
      { schoolClass: classes[3], names: [] },
    ]);
    expect(list.commended).toEqual([]);
  });

  it("pupils no longer on the roll are left out of the names", () => {
    const list = commendationList(
      rankByScore([]),
      classes.slice(0, 1),
      [record("c1", { guardianIds: ["p1", "left-school", "p2"] })],
      pupilName,
    );
    expect(list.guardians).toEqual([{ schoolClass: classes[0], names: ["王小明", "李小红"] }]);
  });
});
