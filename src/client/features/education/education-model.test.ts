import { describe, expect, it } from "vitest";
import type { EducationRecord } from "../../../domain/safety-education.ts";
import type { SchoolCalendar, Term } from "../../../domain/school-calendar.ts";
import {
  buildTermCalendar,
  canRecord,
  checkDraft,
  currentWeekIndex,
  defaultTerm,
  type FormDraft,
  lessonClasses,
  myClassIds,
  recordableKinds,
} from "./education-model.ts";

const ULID = (tail: string) => `01J${"0".repeat(23 - tail.length)}${tail}`;
const CA = ULID("CA");
const CB = ULID("CB");
const TEACHER_A = "T-A";
const classes = [
  { id: CB, grade: 3, name: "2班", classTeacherId: "T-B" },
  { id: CA, grade: 3, name: "1班", classTeacherId: TEACHER_A },
];
const AUTUMN: Term = { id: "T1", name: "秋季学期", start: "2026-09-01", end: "2026-10-16" };
const SPRING: Term = { id: "T2", name: "春季学期", start: "2027-02-22", end: "2027-07-02" };
const calendar: SchoolCalendar = {
  schoolDays: [1, 2, 3, 4, 5],
  terms: [AUTUMN, SPRING],
  holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-07" }],
  makeUpDays: [],
};

let n = 0;
function rec(kind: EducationRecord["kind"], date: string, classId: string | null = null): EducationRecord {
  n++;
  return {
    id: ULID(`R${n}`),
    kind,
    date,
    classId,
    topic: "防溺水",
    note: "",
    photos: [],
    recordedBy: TEACHER_A,
    recordedAt: `${date}T08:00:00Z`,
  };
}

describe("which term", () => {
  it("the term containing today, else the next, else the last", () => {
    expect(defaultTerm([SPRING, AUTUMN], "2026-09-10")?.id).toBe("T1");
    expect(defaultTerm([SPRING, AUTUMN], "2026-12-01")?.id).toBe("T2");
    expect(defaultTerm([SPRING, AUTUMN], "2027-08-01")?.id).toBe("T2");
    expect(defaultTerm([], "2027-08-01")).toBeUndefined();
  });
});

describe("who may record (the server's rule)", () => {
  const teacher = { id: TEACHER_A, roles: ["class_teacher" as const] };
  const admin = { id: "X", roles: ["admin" as const] };
  const leader = { id: "G", roles: ["grade_leader" as const] };
  const gatekeeper = { id: "K", roles: ["gatekeeper" as const] };

  it("a class teacher records the weekly lesson of their own class only", () => {
    expect(recordableKinds(teacher, classes)).toEqual(["weeklyLesson"]);
    expect(canRecord(teacher, "weeklyLesson", CA, classes)).toBe(true);
    expect(canRecord(teacher, "weeklyLesson", CB, classes)).toBe(false);
    expect(canRecord(teacher, "drill", null, classes)).toBe(false);
    expect(lessonClasses(teacher, classes).map((c) => c.id)).toEqual([CA]);
    expect(myClassIds(teacher, classes)).toEqual([CA]);
  });

  it("an admin records everything, for every class; a grade leader without a class the school-wide kinds", () => {
    expect(recordableKinds(admin, classes)).toHaveLength(7);
    expect(canRecord(admin, "weeklyLesson", CB, classes)).toBe(true);
    expect(recordableKinds(leader, classes)).not.toContain("weeklyLesson");
    expect(recordableKinds(leader, classes)).toContain("largeLecture");
  });

  it("someone else records nothing (the page hides the button)", () => {
    expect(recordableKinds(gatekeeper, classes)).toEqual([]);
  });
});

describe("the term's calendar", () => {
  const records = [
    rec("termStartLecture", "2026-09-02"),
    rec("weeklyLesson", "2026-09-01", CA),
    rec("weeklyLesson", "2026-09-08", CA),
    rec("weeklyLesson", "2026-09-07", CB),
    rec("largeLecture", "2026-09-20"),
    rec("drill", "2027-03-01"), // another term: not this one's
  ];
  const cal = buildTermCalendar({ term: AUTUMN, calendar, classes, records, today: "2026-09-16" });

  it("ED-1: school-wide kinds grouped (no weekly lesson among them), the weekly lesson as a grid in class order", () => {
    expect(cal.groups.map((g) => g.kind)).toEqual([
      "termStartLecture",
      "holidayLecture",
      "largeLecture",
      "drill",
      "monthlyTheme",
      "monthlyBulletin",
    ]);
    expect(cal.lessons.map((l) => l.classId)).toEqual([CA, CB]);
    // Sep 1 (Tue) to Oct 16: seven school weeks, the 国庆 week (Oct 1–7 off; Sep 28–30 school) counted.
    expect(cal.weeks).toEqual([
      "2026-08-31",
      "2026-09-07",
      "2026-09-14",
      "2026-09-21",
      "2026-09-28",
      "2026-10-05",
      "2026-10-12",
    ]);
    expect(cal.groups.find((g) => g.kind === "holidayLecture")?.duties.map((d) => d.about)).toEqual([
      "国庆节",
      "秋季学期",
    ]);
  });

  it("ED-2, ED-3: done, missed, due and upcoming per week and class", () => {
    const row = (id: string) => cal.lessons.find((l) => l.classId === id)?.cells.map((c) => c.state.status);
    expect(row(CA)).toEqual(["done", "done", "due", "upcoming", "upcoming", "upcoming", "upcoming"]);
    expect(row(CB)).toEqual(["missed", "done", "due", "upcoming", "upcoming", "upcoming", "upcoming"]);
    const group = (k: string) => cal.groups.find((g) => g.kind === k);
    expect(group("termStartLecture")?.done).toBe(1);
    expect(group("largeLecture")?.duties.map((d) => d.status)).toEqual(["done", "due"]);
    // The drill was recorded in another term: this term's is still due.
    expect(group("drill")?.duties[0]?.status).toBe("due");
    expect(cal.missedCount).toBe(1);
  });

  it("the grid opens at this week", () => {
    expect(currentWeekIndex(cal.weeks, "2026-09-16")).toBe(2);
    expect(currentWeekIndex(cal.weeks, "2026-08-01")).toBe(0);
  });
});

describe("the record form's checks", () => {
  const teacher = { id: TEACHER_A, roles: ["class_teacher" as const] };
  const ctx = { me: teacher, classes, terms: [AUTUMN, SPRING] };
  const draft = (over: Partial<FormDraft>): FormDraft => ({
    kind: "weeklyLesson",
    date: "2026-09-16",
    classId: CA,
    topic: "防溺水",
    note: "",
    photos: [],
    ...over,
  });

  it("a good weekly lesson passes", () => {
    expect(checkDraft(draft({}), ctx)).toEqual([]);
  });

  it("names what is wrong: no kind, no topic, a too long note", () => {
    expect(checkDraft(draft({ kind: "" }), ctx).map((p) => p.field)).toEqual(["kind"]);
    expect(checkDraft(draft({ topic: "  " }), ctx)).toEqual([
      { field: "topic", zh: "请填写主题", en: "Enter the topic" },
    ]);
    expect(checkDraft(draft({ note: "字".repeat(1001) }), ctx).map((p) => p.field)).toEqual(["note"]);
  });

  it("ED-4: the date lies in a term; the weekly lesson names a class", () => {
    const outside = checkDraft(draft({ date: "2026-12-01" }), ctx);
    expect(outside.map((p) => p.field)).toEqual(["date"]);
    expect(outside[0]?.zh).toContain("2026-12-01");
    expect(checkDraft(draft({ classId: "" }), ctx).map((p) => p.field)).toEqual(["classId"]);
  });

  it("who may: another class's lesson and a school-wide kind are refused for a class teacher", () => {
    expect(checkDraft(draft({ classId: CB }), ctx)[0]?.en).toMatch(/own class/);
    expect(checkDraft(draft({ kind: "drill" }), ctx).map((p) => p.field)).toEqual(["kind"]);
    const admin = { ...ctx, me: { id: "X", roles: ["admin" as const] } };
    // A school-wide kind ignores the class left in the form.
    expect(checkDraft(draft({ kind: "drill", classId: CB }), admin)).toEqual([]);
  });
});
