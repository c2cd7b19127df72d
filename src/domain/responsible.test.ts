import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Responsible, type ResponsibleTarget, responsibleAt, rosterLookup } from "./responsible.ts";
import {
  assignSlot,
  CAMPUS,
  type DutyKind,
  type DutyScope,
  type DutySlot,
  dutySlotId,
  generateRoster,
  type RotationTemplate,
} from "./roster.ts";
import { addDays, atLocal, DEFAULT_SCHOOL_DAYS, type Weekday } from "./school-calendar.ts";
import { type EffectiveSettings, effectiveSettings } from "./school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";
import type { Timetable } from "./timetable.ts";

// The 2026 autumn term in a boarding primary school in Shanghai's zone: 中秋节 Fri 25 – Sun 27 Sep,
// 国庆节 Thu 1 – Wed 7 Oct with make-up school days Sun 20 Sep (runs Thursday) and Sat 10 Oct
// (runs Friday), 元旦 Fri 1 – Sun 3 Jan 2027. Slots: the SPEC defaults (night 20:30 → 06:30).
function settingsIn(timeZone: string): EffectiveSettings {
  return effectiveSettings({
    timeZone,
    timeSlots: DEFAULT_TIME_SLOTS,
    schoolDays: DEFAULT_SCHOOL_DAYS,
    terms: [{ id: "t-2026-autumn", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
    holidays: [
      { name: "中秋节", start: "2026-09-25", end: "2026-09-27" },
      { name: "国庆节", start: "2026-10-01", end: "2026-10-07" },
      { name: "元旦", start: "2027-01-01", end: "2027-01-03" },
    ],
    makeUpDays: [
      { date: "2026-09-20", followsWeekday: 4 },
      { date: "2026-10-10", followsWeekday: 5 },
    ],
  });
}
const SHANGHAI = settingsIn("Asia/Shanghai");
const BERLIN = settingsIn("Europe/Berlin");

const BOYS: DutyScope = { kind: "building", building: "男生宿舍楼" };
const GIRLS: DutyScope = { kind: "building", building: "女生宿舍楼" };
const ROOM_301: ResponsibleTarget = { kind: "room", roomId: "r-301", building: "男生宿舍楼" };
const ROOM_201: ResponsibleTarget = { kind: "room", roomId: "r-201", building: "女生宿舍楼" };
const CAMPUS_TARGET: ResponsibleTarget = { kind: "campus" };

const DAYS = ["mon", "tue", "wed", "thu", "fri"] as const;
const weekly = (prefix: string, extra: Partial<Record<Weekday, string[]>> = {}) => ({
  mode: "weekly" as const,
  byWeekday: Object.fromEntries(
    DAYS.map((d, i) => [String(i + 1), [`${prefix}-${d}`, ...(extra[(i + 1) as Weekday] ?? [])]]),
  ),
});
const tpl = (
  kind: DutyKind,
  pattern: RotationTemplate["pattern"],
  scope: DutyScope = CAMPUS,
): RotationTemplate => ({
  id: `tpl-${kind}-${JSON.stringify(scope)}`,
  name: kind,
  kind,
  scope,
  pattern,
  isActive: true,
});

// Morning "m-mon" …, noon "n-mon" …, evening "e-mon" (+ "e-mon2" on Mondays) …, caretakers
// "boys-mon" / "girls-mon" …, holiday duty rotating h1, h2, h3.
const TERM_SLOTS: DutySlot[] = generateRoster({
  templates: [
    tpl("morning", weekly("m")),
    tpl("noon", weekly("n")),
    tpl("evening", weekly("e", { 1: ["e-mon2"] })),
    tpl("night", weekly("boys"), BOYS),
    tpl("night", weekly("girls"), GIRLS),
    tpl("holiday", { mode: "rotation", staffIds: ["h1", "h2", "h3"], perDay: 1 }),
  ],
  calendar: SHANGHAI,
  from: "2026-09-01",
  to: "2027-01-22",
  existing: new Map(),
  by: "admin",
  at: "2026-08-25T02:00:00.000Z",
}).slots;

// Room 301 has its own caretaker on Monday 30 November only.
const ROOM_NIGHT: DutySlot = {
  id: dutySlotId("2026-11-30", "night", { kind: "room", roomId: "r-301" }),
  date: "2026-11-30",
  kind: "night",
  scope: { kind: "room", roomId: "r-301" },
  staffIds: ["room301"],
  source: "edited",
  templateId: null,
  history: [],
};
const ROSTER = rosterLookup([...TERM_SLOTS, ROOM_NIGHT]);
const holidayHolder = (date: string) =>
  TERM_SLOTS.find((s) => s.id === dutySlotId(date, "holiday", CAMPUS))?.staffIds[0];

// Class 三(2): class teacher Ms Wang; Monday period 1 Mr Li (数学), period 2 Ms Wang herself;
// Thursday period 1 Ms Zhao (英语).
const CLASS_3_2: ResponsibleTarget = {
  kind: "class",
  classId: "class-3-2",
  classTeacherId: "wang",
  timetable: {
    id: "class-3-2",
    classId: "class-3-2",
    entries: [
      { weekday: 1, period: 1, subjectTeacherId: "li" },
      { weekday: 1, period: 2, subjectTeacherId: "wang" },
      { weekday: 4, period: 1, subjectTeacherId: "zhao" },
    ],
  } satisfies Timetable,
};

/** A Shanghai wall-clock time (UTC+8 all year). */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const ask = (
  instant: Date,
  target: ResponsibleTarget = CAMPUS_TARGET,
  settings = SHANGHAI,
  roster = ROSTER,
) => responsibleAt(instant, target, settings, roster);
const ids = (r: Responsible) => r.holders.map((h) => h.staffId);

describe("[RN-1] the slot of an instant, and the night across midnight (Asia/Shanghai)", () => {
  it("RN-1: at midnight between Monday and Tuesday the caretakers of Monday's night hold the campus", () => {
    const r = ask(sh("2026-12-01", "00:00"));
    expect(r).toMatchObject({
      slot: "night",
      dutyDate: "2026-11-30",
      duty: "night",
      isSchoolDay: true,
      isGap: false,
    });
    expect(ids(r).sort()).toEqual(["boys-mon", "girls-mon", "room301"]);
    expect(r.holders.every((h) => h.role === "caretaker")).toBe(true);
  });

  it("RN-1: 23:59 Monday and 06:29 Tuesday are the same night; 06:30 Tuesday is Tuesday's morning duty", () => {
    expect(ask(sh("2026-11-30", "23:59"), ROOM_201)).toMatchObject({ dutyDate: "2026-11-30", slot: "night" });
    expect(ids(ask(sh("2026-12-01", "06:29"), ROOM_201))).toEqual(["girls-mon"]);
    const morning = ask(sh("2026-12-01", "06:30"), ROOM_201);
    expect(morning).toMatchObject({ slot: "morning", dutyDate: "2026-12-01", duty: "morning" });
    expect(ids(morning)).toEqual(["m-tue"]);
  });

  it("RN-1: the evening ends and the night begins at 20:30", () => {
    expect(ids(ask(sh("2026-11-30", "20:29")))).toEqual(["e-mon", "e-mon2"]);
    expect(ask(sh("2026-11-30", "20:30")).slot).toBe("night");
  });

  it("RN-1: the night of the last day of a month and of the term ends on the next date", () => {
    const r = ask(sh("2027-01-23", "03:00"), ROOM_301);
    expect(r).toMatchObject({ dutyDate: "2027-01-22", isSchoolDay: true, duty: "night" });
    expect(ids(r)).toEqual(["boys-fri"]);
    expect(ask(sh("2026-12-01", "02:00"), ROOM_301).dutyDate).toBe("2026-11-30");
  });
});

describe("[RN-2] duty teachers and caretakers on a school day", () => {
  it("RN-2: morning, noon and evening are the day's duty teacher for the campus, a class and a dorm room", () => {
    for (const target of [CAMPUS_TARGET, CLASS_3_2, ROOM_301]) {
      expect(ids(ask(sh("2026-12-02", "07:00"), target))).toEqual(["m-wed"]);
      expect(ids(ask(sh("2026-12-02", "12:30"), target))).toEqual(["n-wed"]);
      expect(ids(ask(sh("2026-12-02", "18:00"), target))).toEqual(["e-wed"]);
      expect(ask(sh("2026-12-02", "18:00"), target).holders[0]?.role).toBe("duty");
    }
  });

  it("RN-2: at night a dorm room is held by its own caretaker when it has one, else by its building's", () => {
    expect(ids(ask(sh("2026-11-30", "22:00"), ROOM_301))).toEqual(["room301"]);
    expect(ids(ask(sh("2026-12-01", "22:00"), ROOM_301))).toEqual(["boys-tue"]);
    expect(ids(ask(sh("2026-11-30", "22:00"), ROOM_201))).toEqual(["girls-mon"]);
  });

  it("RN-2: a room whose own night slot was cleared falls back to its building's caretaker", () => {
    const cleared = assignSlot(ROOM_NIGHT, ROOM_NIGHT, [], "admin", "2026-11-29T00:00:00.000Z");
    const roster = rosterLookup([...TERM_SLOTS, cleared]);
    expect(ids(ask(sh("2026-11-30", "22:00"), ROOM_301, SHANGHAI, roster))).toEqual(["boys-mon"]);
  });

  it("RN-2: a class at night is held by every caretaker on duty that night", () => {
    const r = ask(sh("2026-12-01", "21:00"), CLASS_3_2);
    expect(ids(r).sort()).toEqual(["boys-tue", "girls-tue"]);
  });

  it("RN-2: someone on two night slots is listed once", () => {
    const both = TERM_SLOTS.map((s) =>
      s.id === dutySlotId("2026-12-01", "night", GIRLS) ? { ...s, staffIds: ["boys-tue", "girls-tue"] } : s,
    );
    expect(ids(ask(sh("2026-12-01", "21:00"), CAMPUS_TARGET, SHANGHAI, rosterLookup(both))).sort()).toEqual([
      "boys-tue",
      "girls-tue",
    ]);
  });
});

describe("[RN-3] class time", () => {
  it("RN-3: in period 1 on a Monday, the class teacher and the period's subject teacher", () => {
    const r = ask(sh("2026-11-30", "08:20"), CLASS_3_2);
    expect(r).toMatchObject({ slot: "morningClasses", duty: null, period: 1, isGap: false });
    expect(r.holders).toEqual([
      { staffId: "wang", role: "classTeacher" },
      { staffId: "li", role: "subjectTeacher" },
    ]);
  });

  it("RN-3: in the break and at 晨会 only the class teacher; when she teaches the period herself she is listed once", () => {
    expect(ask(sh("2026-11-30", "08:55"), CLASS_3_2)).toMatchObject({ period: null });
    expect(ids(ask(sh("2026-11-30", "08:55"), CLASS_3_2))).toEqual(["wang"]);
    expect(ids(ask(sh("2026-11-30", "08:05"), CLASS_3_2))).toEqual(["wang"]);
    expect(ask(sh("2026-11-30", "09:10"), CLASS_3_2).holders).toEqual([
      { staffId: "wang", role: "classTeacher" },
    ]);
  });

  it("RN-3 with CAL-3: on the make-up Sunday 2026-09-20 period 1 is Thursday's teacher", () => {
    expect(ids(ask(sh("2026-09-20", "08:20"), CLASS_3_2))).toEqual(["wang", "zhao"]);
    expect(ids(ask(sh("2026-09-20", "07:00")))).toEqual(["m-thu"]);
  });

  it("RN-3: a dorm room is closed in class time; the campus answers per class", () => {
    const room = ask(sh("2026-11-30", "15:00"), ROOM_301);
    expect(room).toMatchObject({ nobodyNeeded: "room_closed", holders: [], isGap: false });
    const campus = ask(sh("2026-11-30", "10:00"));
    expect(campus).toMatchObject({ nobodyNeeded: "class_time_campus", holders: [], isGap: false });
  });
});

describe("[RN-4] non-school days", () => {
  it("RN-4: on a Saturday in term the holiday duty holds the campus, a class and a room, all day", () => {
    const duty = holidayHolder("2026-12-05") as string;
    expect(duty).toMatch(/^h[123]$/);
    for (const hhmm of ["06:30", "10:00", "15:00", "22:00"]) {
      for (const target of [CAMPUS_TARGET, CLASS_3_2, ROOM_301]) {
        const r = ask(sh("2026-12-05", hhmm), target);
        expect(r).toMatchObject({
          isSchoolDay: false,
          duty: "holiday",
          dutyDate: "2026-12-05",
          isGap: false,
        });
        expect(r.holders).toEqual([{ staffId: duty, role: "holiday" }]);
      }
    }
  });

  it("RN-4: before dawn on Sunday it is still Saturday's holiday duty; before dawn on Monday, Sunday's", () => {
    expect(ask(sh("2026-12-06", "03:00"))).toMatchObject({ dutyDate: "2026-12-05", duty: "holiday" });
    expect(ids(ask(sh("2026-12-06", "03:00")))).toEqual([holidayHolder("2026-12-05")]);
    expect(ids(ask(sh("2026-12-07", "06:29")))).toEqual([holidayHolder("2026-12-06")]);
    expect(ids(ask(sh("2026-12-07", "06:30")))).toEqual(["m-mon"]);
  });

  it("RN-4: every day of 国庆节, weekdays included, is holiday duty; the night of Wednesday 7 Oct too", () => {
    for (let i = 0; i < 7; i++) {
      const date = addDays("2026-10-01", i);
      expect(ask(sh(date, "12:00"))).toMatchObject({ duty: "holiday", isSchoolDay: false });
      expect(ids(ask(sh(date, "12:00")))).toEqual([holidayHolder(date)]);
    }
    expect(ids(ask(sh("2026-10-08", "03:00")))).toEqual([holidayHolder("2026-10-07")]);
    expect(ids(ask(sh("2026-10-08", "07:00")))).toEqual(["m-thu"]);
  });

  it("RN-4: the night of 30 September, before 国庆节, is still the school night's caretakers", () => {
    expect(ids(ask(sh("2026-10-01", "02:00"), ROOM_301))).toEqual(["boys-wed"]);
  });

  it("RN-4: in the winter vacation nobody is rostered and it is not a gap", () => {
    const r = ask(sh("2027-02-10", "12:00"), ROOM_301);
    expect(r).toMatchObject({
      isSchoolDay: false,
      duty: null,
      holders: [],
      nobodyNeeded: "vacation",
      isGap: false,
    });
  });
});

describe("[RN-5] the next hand-over", () => {
  const handover = (instant: Date) => ask(instant).nextHandoverAt.toISOString();

  it("RN-5: on a school day it is the end of the current slot", () => {
    expect(handover(sh("2026-11-30", "07:00"))).toBe(sh("2026-11-30", "08:00").toISOString());
    expect(handover(sh("2026-11-30", "09:00"))).toBe(sh("2026-11-30", "12:00").toISOString());
    expect(handover(sh("2026-11-30", "17:00"))).toBe(sh("2026-11-30", "20:30").toISOString());
  });

  it("RN-5: in the night it is the next morning at 06:30, from before and after midnight", () => {
    expect(handover(sh("2026-11-30", "23:00"))).toBe(sh("2026-12-01", "06:30").toISOString());
    expect(handover(sh("2026-12-01", "00:00"))).toBe(sh("2026-12-01", "06:30").toISOString());
    expect(handover(sh("2026-12-04", "22:00"))).toBe(sh("2026-12-05", "06:30").toISOString());
  });

  it("RN-5: on a non-school day it is the next morning slot's start, including the night after it", () => {
    expect(handover(sh("2026-12-05", "10:00"))).toBe(sh("2026-12-06", "06:30").toISOString());
    expect(handover(sh("2026-12-06", "22:00"))).toBe(sh("2026-12-07", "06:30").toISOString());
    expect(handover(sh("2026-12-07", "05:00"))).toBe(sh("2026-12-07", "06:30").toISOString());
  });

  it("RN-5 with RN-6: at any minute of the term the answer is never blank and holds until the hand-over (property)", () => {
    const targets = [CAMPUS_TARGET, ROOM_301, ROOM_201];
    const start = sh("2026-08-25", "00:00").getTime();
    const minutes = 160 * 24 * 60;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: minutes }), fc.constantFrom(...targets), (m, target) => {
        const instant = new Date(start + m * 60_000);
        const r = ask(instant, target);
        // RN-6: holders, or a reason nobody is needed; with the full roster, never a gap.
        expect(r.holders.length > 0 || r.nobodyNeeded !== null).toBe(true);
        expect(r.isGap).toBe(false);
        const until = r.nextHandoverAt.getTime();
        expect(until).toBeGreaterThan(instant.getTime());
        expect(until - instant.getTime()).toBeLessThanOrEqual(24 * 60 * 60_000);
        // Nothing changes until the hand-over, and something does at it.
        const before = ask(new Date(until - 60_000), target);
        expect([before.dutyDate, before.duty, ids(before), before.nobodyNeeded]).toEqual([
          r.dutyDate,
          r.duty,
          ids(r),
          r.nobodyNeeded,
        ]);
        const after = ask(new Date(until), target);
        expect(`${after.dutyDate}/${after.slot}`).not.toBe(`${r.dutyDate}/${r.slot}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe("[RN-6] gaps are shown as gaps", () => {
  const without = (id: string) => rosterLookup([...TERM_SLOTS, ROOM_NIGHT].filter((s) => s.id !== id));

  it("RN-6: a cleared morning duty is a gap with nobody, not blank", () => {
    const id = dutySlotId("2026-12-01", "morning", CAMPUS);
    const cleared = TERM_SLOTS.map((s) =>
      s.id === id ? assignSlot(s, s, [], "admin", "2026-11-30T00:00:00.000Z") : s,
    );
    const r = ask(sh("2026-12-01", "07:00"), CLASS_3_2, SHANGHAI, rosterLookup(cleared));
    expect(r).toMatchObject({ duty: "morning", holders: [], isGap: true, nobodyNeeded: null });
  });

  it("RN-6: a missing holiday duty and a missing building caretaker are gaps", () => {
    const noHoliday = without(dutySlotId("2026-12-05", "holiday", CAMPUS));
    expect(ask(sh("2026-12-05", "10:00"), CAMPUS_TARGET, SHANGHAI, noHoliday)).toMatchObject({
      duty: "holiday",
      isGap: true,
    });
    const noGirlsNight = without(dutySlotId("2026-12-01", "night", GIRLS));
    expect(ask(sh("2026-12-01", "23:00"), ROOM_201, SHANGHAI, noGirlsNight)).toMatchObject({ isGap: true });
    expect(ids(ask(sh("2026-12-01", "23:00"), CAMPUS_TARGET, SHANGHAI, noGirlsNight))).toEqual(["boys-tue"]);
  });

  it("RN-6: a class with no class teacher and no subject teacher in class time is a gap", () => {
    const orphan: ResponsibleTarget = { kind: "class", classId: "c", classTeacherId: null };
    expect(ask(sh("2026-11-30", "08:20"), orphan)).toMatchObject({ holders: [], isGap: true, period: 1 });
  });

  it("RN-6: an empty roster in term gives gaps at every rostered slot", () => {
    const empty = rosterLookup([]);
    for (const hhmm of ["07:00", "12:30", "18:00", "23:00"])
      expect(ask(sh("2026-11-30", hhmm), ROOM_301, SHANGHAI, empty).isGap).toBe(true);
  });
});

describe("[RN] another time zone: Europe/Berlin, with summer time", () => {
  it("RN-1: the same instant is Monday's morning duty in Berlin and afternoon class time in Shanghai", () => {
    const instant = new Date("2026-11-30T06:00:00Z"); // 07:00 in Berlin, 14:00 in Shanghai
    expect(ids(ask(instant, CAMPUS_TARGET, BERLIN))).toEqual(["m-mon"]);
    expect(ask(instant, CAMPUS_TARGET, SHANGHAI).slot).toBe("afternoonClasses");
  });

  it("RN-1: midnight in Berlin is Monday's night; the hand-over is 06:30 Berlin time", () => {
    const midnight = atLocal("2026-12-01", 0, "Europe/Berlin");
    expect(midnight.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    const r = ask(midnight, ROOM_301, BERLIN);
    expect(r).toMatchObject({ dutyDate: "2026-11-30", duty: "night" });
    expect(ids(r)).toEqual(["room301"]);
    expect(r.nextHandoverAt.toISOString()).toBe("2026-12-01T05:30:00.000Z");
  });

  it("RN-4/RN-5: the holiday duty of Saturday 24 October lasts 25 hours, across the end of summer time", () => {
    // Clocks go back at 03:00 CEST on Sunday 25 October 2026 (01:00 UTC).
    const start = atLocal("2026-10-24", 6 * 60 + 30, "Europe/Berlin");
    expect(start.toISOString()).toBe("2026-10-24T04:30:00.000Z");
    const r = ask(new Date("2026-10-25T01:30:00Z"), CAMPUS_TARGET, BERLIN); // 02:30 CET, after the change
    expect(r).toMatchObject({ dutyDate: "2026-10-24", duty: "holiday", slot: "night" });
    expect(r.nextHandoverAt.toISOString()).toBe("2026-10-25T05:30:00.000Z");
    expect(r.nextHandoverAt.getTime() - start.getTime()).toBe(25 * 60 * 60_000);
    expect(ask(new Date("2026-10-25T05:29:00Z"), CAMPUS_TARGET, BERLIN).dutyDate).toBe("2026-10-24");
    expect(ask(new Date("2026-10-25T05:30:00Z"), CAMPUS_TARGET, BERLIN)).toMatchObject({
      dutyDate: "2026-10-25",
      slot: "morning",
      duty: "holiday",
    });
  });

  it("RN-3: class time follows Berlin's clock: 08:20 Berlin in summer time is period 1", () => {
    const r = ask(new Date("2026-09-21T06:20:00Z"), CLASS_3_2, BERLIN); // Monday 08:20 CEST
    expect(r).toMatchObject({ period: 1 });
    expect(ids(r)).toEqual(["wang", "li"]);
  });
});
