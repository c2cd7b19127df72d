import { describe, expect, it } from "vitest";
import {
  type DutyState,
  dutyStates,
  EDUCATION_KINDS,
  EDUCATION_LABELS,
  type EducationDuty,
  type EducationKind,
  type EducationRecord,
  mondayOf,
  termDuties,
  validateEducationRecord,
} from "./safety-education.ts";
import { type SchoolCalendar, type Term, validateCalendar } from "./school-calendar.ts";

// The 2026 autumn term, Tuesday 2026-09-01 .. Friday 2027-01-22, with 国庆节 (10-01..10-07)
// and its make-up days (Sunday 09-20, Saturday 10-10), 元旦 (Friday 01-01..Sunday 01-03),
// the summer holiday before the term and the winter holiday after it.
const TERM: Term = { id: "t-2026a", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" };
const CALENDAR: SchoolCalendar = {
  schoolDays: [1, 2, 3, 4, 5],
  terms: [TERM],
  holidays: [
    { name: "暑假", start: "2026-07-11", end: "2026-08-31" },
    { name: "国庆节", start: "2026-10-01", end: "2026-10-07" },
    { name: "元旦", start: "2027-01-01", end: "2027-01-03" },
    { name: "寒假", start: "2027-01-23", end: "2027-02-28" },
  ],
  makeUpDays: [
    { date: "2026-09-20", followsWeekday: 4 },
    { date: "2026-10-10", followsWeekday: 5 },
  ],
};
const CLASSES = ["c1", "c2"];
const DUTIES = termDuties(TERM, CALENDAR, CLASSES);

const window = (d: Pick<EducationDuty, "from" | "to">) => `${d.from}..${d.to}`;
const ofKind = <D extends EducationDuty>(duties: readonly D[], kind: EducationKind) =>
  duties.filter((d) => d.kind === kind);
const weekOf = (duties: readonly EducationDuty[], classId: string, monday: string) =>
  duties.find((d) => d.kind === "weeklyLesson" && d.classId === classId && d.about === monday);

let seq = 0;
const rec = (
  kind: EducationKind,
  date: string,
  classId: string | null = null,
  id?: string,
): EducationRecord => ({
  id: id ?? `r${String(++seq).padStart(3, "0")}`,
  kind,
  date,
  classId,
  topic: "",
  note: "",
  photos: [],
  recordedBy: "u-admin",
  recordedAt: `${date}T10:00:00+08:00`,
});

describe("[ED-1] the duties of the 2026 autumn term", () => {
  it("fixture: the calendar is valid", () => {
    expect(validateCalendar(CALENDAR)).toEqual([]);
    expect(mondayOf("2026-09-20")).toBe("2026-09-14");
    expect(mondayOf("2026-09-01")).toBe("2026-08-31");
  });

  it("ED-1 the start-of-term lecture is due within the first five school days", () => {
    const start = ofKind(DUTIES, "termStartLecture");
    // Tue 09-01 .. Fri 09-04, Mon 09-07.
    expect(start.map(window)).toEqual(["2026-09-01..2026-09-07"]);
    expect(start[0]?.classId).toBeNull();
    expect(start[0]?.about).toBe(TERM.name);
  });

  it("ED-1 a pre-holiday talk in the three school days before each holiday inside the term and before the term ends", () => {
    const talks = ofKind(DUTIES, "holidayLecture");
    expect(talks.map((d) => `${d.about} ${window(d)}`)).toEqual([
      "国庆节 2026-09-28..2026-09-30",
      "元旦 2026-12-29..2026-12-31",
      `${TERM.name} 2027-01-20..2027-01-22`,
    ]);
    // 暑假 ends before the term and 寒假 starts after it: no talk of their own.
    expect(talks.some((d) => d.about === "暑假" || d.about === "寒假")).toBe(false);
  });

  it("ED-1 two large lectures and one drill, each in the whole term", () => {
    const large = ofKind(DUTIES, "largeLecture");
    expect(large.map(window)).toEqual(["2026-09-01..2027-01-22", "2026-09-01..2027-01-22"]);
    expect(new Set(large.map((d) => d.key)).size).toBe(2);
    expect(ofKind(DUTIES, "drill").map(window)).toEqual(["2026-09-01..2027-01-22"]);
  });

  it("ED-1 one theme and one bulletin for each month the term touches, from its first to its last school day", () => {
    const months = [
      "2026-09 2026-09-01..2026-09-30",
      "2026-10 2026-10-08..2026-10-30", // 国庆节 first, then the make-up Saturday is inside
      "2026-11 2026-11-02..2026-11-30",
      "2026-12 2026-12-01..2026-12-31",
      "2027-01 2027-01-04..2027-01-22", // 元旦 first
    ];
    expect(ofKind(DUTIES, "monthlyTheme").map((d) => `${d.about} ${window(d)}`)).toEqual(months);
    expect(ofKind(DUTIES, "monthlyBulletin").map((d) => `${d.about} ${window(d)}`)).toEqual(months);
  });

  it("ED-1 one lesson per class per school week, its window the week's school days (make-up days included)", () => {
    const lessons = ofKind(DUTIES, "weeklyLesson");
    // 21 school weeks from the week of Monday 08-31 to the week of Monday 01-18.
    expect(lessons.filter((d) => d.classId === "c1")).toHaveLength(21);
    expect(lessons.filter((d) => d.classId === "c2")).toHaveLength(21);
    const c1 = (monday: string) => {
      const d = weekOf(DUTIES, "c1", monday);
      return d ? window(d) : "none";
    };
    expect(c1("2026-08-31")).toBe("2026-09-01..2026-09-04");
    expect(c1("2026-09-14")).toBe("2026-09-14..2026-09-20"); // the make-up Sunday
    expect(c1("2026-09-28")).toBe("2026-09-28..2026-09-30"); // then 国庆节
    expect(c1("2026-10-05")).toBe("2026-10-08..2026-10-10"); // after 国庆节, make-up Saturday
    expect(c1("2026-12-28")).toBe("2026-12-28..2026-12-31"); // then 元旦
    expect(c1("2027-01-18")).toBe("2027-01-18..2027-01-22");
    expect(c1("2027-01-25")).toBe("none");
    expect(lessons.every((d) => d.classId !== null && mondayOf(d.from) === d.about)).toBe(true);
  });

  it("ED-1 without the make-up days, their weeks shrink to the weekdays", () => {
    const plain = termDuties(TERM, { ...CALENDAR, makeUpDays: [] }, ["c1"]);
    expect(window(weekOf(plain, "c1", "2026-09-14") as EducationDuty)).toBe("2026-09-14..2026-09-18");
    expect(window(weekOf(plain, "c1", "2026-10-05") as EducationDuty)).toBe("2026-10-08..2026-10-09");
  });

  it("ED-1 the whole term: 1 + 3 + 2 + 1 + 5 + 5 + 21 × 2 duties, each with its own key", () => {
    expect(DUTIES).toHaveLength(1 + 3 + 2 + 1 + 5 + 5 + 21 * 2);
    expect(new Set(DUTIES.map((d) => d.key)).size).toBe(DUTIES.length);
    // Only the weekly lesson names a class.
    expect(DUTIES.filter((d) => d.classId !== null).every((d) => d.kind === "weeklyLesson")).toBe(true);
    // Every window lies inside the term and runs forwards.
    expect(DUTIES.every((d) => TERM.start <= d.from && d.from <= d.to && d.to <= TERM.end)).toBe(true);
  });

  it("ED-1 a holiday that begins where the term's school days end needs one talk, not two", () => {
    // The term is entered to end on 01-31, the winter holiday starts 01-23: the three school
    // days before both are the same 01-20..01-22.
    const term: Term = { ...TERM, end: "2027-01-31" };
    const duties = termDuties(term, { ...CALENDAR, terms: [term] }, ["c1"]);
    const talks = ofKind(duties, "holidayLecture");
    expect(talks.map(window)).toEqual([
      "2026-09-28..2026-09-30",
      "2026-12-29..2026-12-31",
      "2027-01-20..2027-01-22",
    ]);
    expect(new Set(duties.map((d) => d.key)).size).toBe(duties.length);
  });

  it("ED-1 the same duties in the same order whatever order the holidays were entered in", () => {
    const reversed = { ...CALENDAR, holidays: [...(CALENDAR.holidays ?? [])].reverse() };
    expect(termDuties(TERM, reversed, CLASSES)).toEqual(DUTIES);
  });

  it("ED-1 a term with no school days has no duties", () => {
    const closed: SchoolCalendar = {
      ...CALENDAR,
      holidays: [{ name: "停课", start: "2026-09-01", end: "2027-01-22" }],
      makeUpDays: [],
    };
    expect(termDuties(TERM, closed, CLASSES)).toEqual([]);
  });
});

describe("[ED-2] records fill duties", () => {
  const at = (states: readonly DutyState[], key: (d: DutyState) => boolean) => states.filter(key);

  it("ED-2 the two large lectures need two records, filled in date order whatever order they come in", () => {
    const later = rec("largeLecture", "2026-11-20", null, "a-later");
    const earlier = rec("largeLecture", "2026-10-15", null, "z-earlier");
    const one = ofKind(dutyStates(DUTIES, [later], "2027-01-25"), "largeLecture");
    expect(one.map((d) => d.status)).toEqual(["done", "missed"]);
    const two = ofKind(dutyStates(DUTIES, [later, earlier], "2027-01-25"), "largeLecture");
    expect(two.map((d) => d.status)).toEqual(["done", "done"]);
    expect(two.map((d) => d.record?.id)).toEqual(["z-earlier", "a-later"]);
  });

  it("ED-2 a record fills the duty whose window holds its date, and only one", () => {
    const talk = rec("holidayLecture", "2026-09-29", null, "talk");
    const stray = rec("holidayLecture", "2026-10-15", null, "stray"); // inside no window
    const states = ofKind(dutyStates(DUTIES, [stray, talk], "2027-01-25"), "holidayLecture");
    expect(states.map((d) => `${d.about} ${d.status} ${d.record?.id ?? "-"}`)).toEqual([
      "国庆节 done talk",
      "元旦 missed -",
      `${TERM.name} missed -`,
    ]);
  });

  it("ED-2 two themes in September fill September only; the earlier is the one shown", () => {
    const states = ofKind(
      dutyStates(
        DUTIES,
        [rec("monthlyTheme", "2026-09-30", null, "sep-b"), rec("monthlyTheme", "2026-09-10", null, "sep-a")],
        "2026-10-20",
      ),
      "monthlyTheme",
    );
    expect(states.map((d) => `${d.about} ${d.status} ${d.record?.id ?? "-"}`)).toEqual([
      "2026-09 done sep-a",
      "2026-10 due -",
      "2026-11 upcoming -",
      "2026-12 upcoming -",
      "2027-01 upcoming -",
    ]);
  });

  it("ED-2 a weekly lesson of another class does not count; one on the week's make-up day does", () => {
    const states = dutyStates(
      DUTIES,
      [
        rec("weeklyLesson", "2026-09-16", "c2", "c2-lesson"),
        rec("weeklyLesson", "2026-09-20", "c1", "c1-sunday"),
      ],
      "2026-09-25",
    );
    const week = (classId: string) =>
      at(states, (d) => d.kind === "weeklyLesson" && d.classId === classId && d.about === "2026-09-14")[0];
    expect(week("c2")).toMatchObject({ status: "done", record: { id: "c2-lesson" } });
    expect(week("c1")).toMatchObject({ status: "done", record: { id: "c1-sunday" } });
    // c2's lesson did not fill c1's week, and c1's did not fill c2's.
    const onlyC2 = dutyStates(DUTIES, [rec("weeklyLesson", "2026-09-16", "c2")], "2026-09-25");
    expect(
      at(onlyC2, (d) => d.kind === "weeklyLesson" && d.classId === "c1" && d.about === "2026-09-14")[0]
        ?.status,
    ).toBe("missed");
  });

  it("ED-2 a lesson dated outside the week's school days (a Saturday, a holiday) fills no week", () => {
    const states = dutyStates(
      DUTIES,
      [rec("weeklyLesson", "2026-09-05", "c1"), rec("weeklyLesson", "2026-10-06", "c1")],
      "2026-10-20",
    );
    const c1 = (monday: string) =>
      at(states, (d) => d.kind === "weeklyLesson" && d.classId === "c1" && d.about === monday)[0]?.status;
    expect(c1("2026-08-31")).toBe("missed");
    expect(c1("2026-09-07")).toBe("missed");
    expect(c1("2026-10-05")).toBe("missed");
  });

  it("ED-2 a record of another kind does not fill a duty", () => {
    const states = dutyStates(DUTIES, [rec("drill", "2026-09-02")], "2026-09-03");
    expect(ofKind(states, "termStartLecture")[0]?.status).toBe("due");
    expect(ofKind(states, "drill")[0]?.status).toBe("done");
    expect(ofKind(states, "largeLecture").map((d) => d.status)).toEqual(["due", "due"]);
  });
});

describe("[ED-3] done / due / missed / upcoming", () => {
  const RECORDS = [
    rec("termStartLecture", "2026-09-02", null, "start"),
    rec("weeklyLesson", "2026-09-03", "c1", "c1-w1"),
    rec("largeLecture", "2026-11-10", null, "large-1"),
  ];
  const status = (today: string) => {
    // Only what had been recorded by that day.
    const states = dutyStates(
      DUTIES,
      RECORDS.filter((r) => r.date <= today),
      today,
    );
    return (kind: EducationKind, about?: string, classId?: string) =>
      states
        .filter((d) => d.kind === kind && (about === undefined || d.about === about))
        .filter((d) => classId === undefined || d.classId === classId)
        .map((d) => d.status)
        .join(",");
  };

  it("ED-3 before the term: everything not yet recorded is upcoming", () => {
    const states = dutyStates(DUTIES, [], "2026-08-20");
    expect(states.every((d) => d.status === "upcoming" && d.record === null)).toBe(true);
  });

  it("ED-3 on 09-03: open windows are due, later ones upcoming, recorded ones done", () => {
    const s = status("2026-09-03");
    expect(s("termStartLecture")).toBe("done");
    expect(s("weeklyLesson", "2026-08-31", "c1")).toBe("done");
    expect(s("weeklyLesson", "2026-08-31", "c2")).toBe("due");
    expect(s("weeklyLesson", "2026-09-07", "c2")).toBe("upcoming");
    expect(s("largeLecture")).toBe("due,due");
    expect(s("drill")).toBe("due");
    expect(s("monthlyTheme", "2026-09")).toBe("due");
    expect(s("monthlyTheme", "2026-10")).toBe("upcoming");
    expect(s("holidayLecture", "国庆节")).toBe("upcoming");
  });

  it("ED-3 a window's first and last days are inside it; the day after, it is missed", () => {
    expect(status("2026-09-07")("weeklyLesson", "2026-08-31", "c2")).toBe("missed");
    expect(status("2026-09-28")("holidayLecture", "国庆节")).toBe("due");
    expect(status("2026-09-30")("holidayLecture", "国庆节")).toBe("due");
    expect(status("2026-10-01")("holidayLecture", "国庆节")).toBe("missed");
    expect(status("2026-09-27")("holidayLecture", "国庆节")).toBe("upcoming");
  });

  it("ED-3 during 国庆节 the week's lesson is upcoming until the school days after the holiday", () => {
    const s = status("2026-10-06");
    expect(s("weeklyLesson", "2026-10-05", "c1")).toBe("upcoming");
    expect(s("weeklyLesson", "2026-09-28", "c1")).toBe("missed");
    expect(s("monthlyTheme", "2026-10")).toBe("upcoming");
    expect(s("monthlyTheme", "2026-09")).toBe("missed");
    expect(status("2026-10-08")("weeklyLesson", "2026-10-05", "c1")).toBe("due");
    expect(status("2026-10-10")("weeklyLesson", "2026-10-05", "c1")).toBe("due"); // make-up Saturday
    expect(status("2026-10-11")("weeklyLesson", "2026-10-05", "c1")).toBe("missed");
  });

  it("ED-3 after the term: the recorded are done, everything else missed", () => {
    const states = dutyStates(DUTIES, RECORDS, "2027-01-25");
    const done = states.filter((d) => d.status === "done").map((d) => d.record?.id);
    expect(done.sort()).toEqual(["c1-w1", "large-1", "start"]);
    expect(states.filter((d) => d.status !== "done").every((d) => d.status === "missed")).toBe(true);
    expect(states).toHaveLength(DUTIES.length);
  });
});

describe("[ED-4] a record's date and class", () => {
  const TERMS = [TERM];

  it("ED-4 a valid record has no problems", () => {
    expect(
      validateEducationRecord({ kind: "weeklyLesson", date: "2026-09-03", classId: "c1" }, TERMS),
    ).toEqual([]);
    expect(validateEducationRecord({ kind: "drill", date: "2026-11-11", classId: null }, TERMS)).toEqual([]);
    expect(validateEducationRecord({ kind: "holidayLecture", date: TERM.end, classId: null }, TERMS)).toEqual(
      [],
    );
  });

  it("ED-4 a date outside every term is refused, naming the date", () => {
    for (const date of ["2026-08-31", "2027-01-23"]) {
      const problems = validateEducationRecord({ kind: "drill", date, classId: null }, TERMS);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ field: "date" });
      expect(problems[0]?.zh).toContain(date);
      expect(problems[0]?.en).toContain(date);
    }
  });

  it("ED-4 with no terms entered yet, any date is accepted", () => {
    expect(validateEducationRecord({ kind: "drill", date: "2026-08-01", classId: null }, [])).toEqual([]);
  });

  it("ED-4 the weekly lesson names a class; the school-wide duties do not", () => {
    const noClass = validateEducationRecord(
      { kind: "weeklyLesson", date: "2026-09-03", classId: null },
      TERMS,
    );
    expect(noClass.map((p) => p.field)).toEqual(["classId"]);
    expect(noClass[0]?.zh).toContain("班级");
    for (const kind of EDUCATION_KINDS.filter((k) => k !== "weeklyLesson")) {
      const withClass = validateEducationRecord({ kind, date: "2026-09-03", classId: "c1" }, TERMS);
      expect(withClass.map((p) => p.field)).toEqual(["classId"]);
    }
  });

  it("ED-4 both problems at once", () => {
    const problems = validateEducationRecord(
      { kind: "weeklyLesson", date: "2027-02-01", classId: null },
      TERMS,
    );
    expect(problems.map((p) => p.field).sort()).toEqual(["classId", "date"]);
  });

  it("every kind has a Chinese and an English label", () => {
    for (const kind of EDUCATION_KINDS) {
      expect(EDUCATION_LABELS[kind].zh).toMatch(/\p{Script=Han}/u);
      expect(EDUCATION_LABELS[kind].en.length).toBeGreaterThan(0);
    }
  });
});
