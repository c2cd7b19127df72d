import { describe, expect, it } from "vitest";
import { applyHazardAction, type Hazard, newHazard } from "../../../domain/hazard-machine.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import {
  checkerOf,
  type HomeArea,
  type HomeClass,
  isEscalatedTo,
  myHazards,
  myRoundsToday,
  roundLink,
} from "./my-work.ts";

// 2026-11-30 is a Monday, 2026-12-05 a Saturday; Shanghai is UTC+8 all year.
const MONDAY = "2026-11-30";
const at = (hhmm: string, day = MONDAY) => new Date(`${day}T${hhmm}:00+08:00`);
const settings = effectiveSettings({ timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS });

const TEACHER = "T".repeat(26);
const GATE = "G".repeat(26);
const ADMIN = "A".repeat(26);
const classes: HomeClass[] = [
  { id: "class-1a", grade: 1, classTeacherId: TEACHER },
  { id: "class-2a", grade: 2, classTeacherId: null },
];
const areas: HomeArea[] = [
  { id: "room-1a", name: "一年级1班教室", kind: "classroom", responsibleStaffId: null, classId: "class-1a" },
  { id: "room-2a", name: "二年级1班教室", kind: "classroom", responsibleStaffId: null, classId: "class-2a" },
  { id: "stairs", name: "教学楼楼梯", kind: "campus", responsibleStaffId: "facilities", classId: null },
  { id: "gate", name: "校门", kind: "perimeter", responsibleStaffId: null, classId: null },
  { id: "road", name: "门前道路路口", kind: "perimeter", responsibleStaffId: null, classId: null },
];

describe("my rounds today (RD-3, RD-4)", () => {
  const teacher = checkerOf({ id: TEACHER, roles: ["class_teacher"] }, classes);

  it("a class teacher's rounds are their own classroom's, three a day", () => {
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("12:30"), areas, me: teacher, records: [] });
    expect(mine.rounds.map((r) => r.round)).toEqual(["morning", "noon", "evening"]);
    for (const r of mine.rounds) expect(r.areas.map((a) => a.area.id)).toEqual(["room-1a"]);
  });

  it("at 12:30 the noon round is due and in focus, the morning one missed, the evening one upcoming", () => {
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("12:30"), areas, me: teacher, records: [] });
    expect(mine.focus).toBe("noon");
    expect(mine.rounds.map((r) => r.areas[0]?.status)).toEqual(["missed", "due", "upcoming"]);
  });

  it("a record inside the window is done, one after it late; a record still on the phone is pending", () => {
    const records = [
      {
        areaId: "room-1a",
        round: "morning" as const,
        checkedAt: at("07:40").toISOString(),
        hasPendingChanges: false,
      },
      {
        areaId: "room-1a",
        round: "noon" as const,
        checkedAt: at("14:20").toISOString(),
        hasPendingChanges: true,
      },
    ];
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("15:00"), areas, me: teacher, records });
    const [morning, noon] = mine.rounds;
    expect(morning?.areas[0]).toMatchObject({ status: "done", records: 1, isPending: false });
    expect(noon?.areas[0]).toMatchObject({ status: "late", records: 1, isPending: true });
  });

  it("before the first round the morning one is in focus; after the last, the evening one", () => {
    expect(
      myRoundsToday({ settings, date: MONDAY, now: at("06:00"), areas, me: teacher, records: [] }).focus,
    ).toBe("morning");
    expect(
      myRoundsToday({ settings, date: MONDAY, now: at("15:00"), areas, me: teacher, records: [] }).focus,
    ).toBe("evening");
    expect(
      myRoundsToday({ settings, date: MONDAY, now: at("21:00"), areas, me: teacher, records: [] }).focus,
    ).toBe("evening");
  });

  it("lists work first: due before missed before upcoming before done, then by name", () => {
    const gate = checkerOf({ id: GATE, roles: ["gatekeeper"] }, classes);
    const records = [
      {
        areaId: "gate",
        round: "noon" as const,
        checkedAt: at("12:10").toISOString(),
        hasPendingChanges: false,
      },
    ];
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("12:30"), areas, me: gate, records });
    const noon = mine.rounds.find((r) => r.round === "noon");
    expect(noon?.areas.map((a) => [a.area.id, a.status])).toEqual([
      ["road", "due"],
      ["gate", "done"],
    ]);
    expect(noon?.counts).toEqual({ due: 1, done: 1 });
  });

  it("on a non-school day nothing is required, and says so", () => {
    const mine = myRoundsToday({
      settings,
      date: "2026-12-05",
      now: at("12:30", "2026-12-05"),
      areas,
      me: teacher,
      records: [],
    });
    expect(mine.isSchoolDay).toBe(false);
    expect(mine.rounds.every((r) => r.areas.every((a) => a.status === "not_required"))).toBe(true);
  });

  it("someone with no area of their own has no rounds", () => {
    const principal = checkerOf({ id: "P".repeat(26), roles: ["principal"] }, classes);
    const mine = myRoundsToday({
      settings,
      date: MONDAY,
      now: at("12:30"),
      areas,
      me: principal,
      records: [],
    });
    expect(mine.rounds.every((r) => r.areas.length === 0)).toBe(true);
  });

  it("links a tap to the round page of that area, round and date", () => {
    expect(roundLink("room-1a", "noon", MONDAY)).toBe("/round/room-1a?round=noon&date=2026-11-30");
  });
});

// ── Hazards ───────────────────────────────────────────────────────────────────────────────

let seq = 0;
function hazard(over: {
  areaId?: string;
  assigneeId?: string | null;
  reportedBy?: string;
  deadline: Date;
  foundAt?: Date;
}): Hazard {
  seq++;
  const id = `H${String(seq).padStart(25, "0")}`;
  return newHazard(
    {
      id,
      areaId: over.areaId ?? "stairs",
      place: "",
      severity: "general",
      description: `hazard ${seq}`,
      photos: [],
      roundId: null,
      checklistItemId: null,
      assigneeId: over.assigneeId === undefined ? TEACHER : over.assigneeId,
      alertId: null,
    },
    {
      id: `M${id.slice(1)}`,
      by: over.reportedBy ?? ADMIN,
      foundAt: over.foundAt ?? at("07:00"),
      deadline: over.deadline,
    },
  );
}

function step(h: Hazard, action: Parameters<typeof applyHazardAction>[1], by: string, when: Date): Hazard {
  const out = applyHazardAction(h, action, {
    id: `S${seq++}`,
    actor: { id: by, roles: ["admin"] },
    at: when,
    context: { areaResponsibleId: null },
    checkPermission: false,
  });
  if (out.outcome !== "applied") throw new Error(out.outcome);
  return out.hazard;
}

const base = { areas, classes, settings, slot: "noon" as const };

describe("my hazards", () => {
  it("assigned to me: open ones only, overdue first, then by deadline", () => {
    const later = hazard({ deadline: at("20:30") });
    const overdue = hazard({ deadline: at("12:00") });
    const someoneElse = hazard({ deadline: at("10:00"), assigneeId: ADMIN });
    const out = myHazards({
      ...base,
      me: { id: TEACHER, roles: ["class_teacher"] },
      open: [later, someoneElse, overdue],
      toVerify: [],
      now: at("13:00"),
    });
    expect(out.assigned.map((h) => h.id)).toEqual([overdue.id, later.id]);
  });

  it("to verify: the rectified hazards I reported; an admin sees all but those they rectified (HZ-S4)", () => {
    const mine = step(
      hazard({ reportedBy: TEACHER, deadline: at("20:30") }),
      { kind: "rectify", from: "assigned", text: "ok", photos: ["p"] },
      ADMIN,
      at("10:00"),
    );
    const others = step(
      hazard({ reportedBy: GATE, deadline: at("20:30") }),
      { kind: "rectify", from: "assigned", text: "ok", photos: ["p"] },
      TEACHER,
      at("10:05"),
    );
    const byAdmin = step(
      hazard({ reportedBy: GATE, deadline: at("20:30") }),
      { kind: "rectify", from: "assigned", text: "ok", photos: ["p"] },
      ADMIN,
      at("10:10"),
    );
    const teacher = myHazards({
      ...base,
      me: { id: TEACHER, roles: ["class_teacher"] },
      open: [],
      toVerify: [mine, others, byAdmin],
      now: at("13:00"),
    });
    expect(teacher.toVerify.map((h) => h.id)).toEqual([mine.id]);
    const admin = myHazards({
      ...base,
      me: { id: ADMIN, roles: ["admin"] },
      open: [],
      toVerify: [mine, others, byAdmin],
      now: at("13:00"),
    });
    expect(admin.toVerify.map((h) => h.id)).toEqual([others.id]);
  });

  it("[DC-3] in the morning the duty teacher sees the interim controls carried over the night first", () => {
    const controlled = step(
      hazard({ deadline: at("08:00"), foundAt: at("19:00", "2026-11-29") }),
      { kind: "control", from: "assigned", text: "警示带", photos: ["p"] },
      ADMIN,
      at("19:30", "2026-11-29"),
    );
    const open = hazard({ deadline: at("20:30") });
    const duty = { id: "D".repeat(26), roles: ["duty_teacher"] as const };
    const morning = myHazards({
      ...base,
      slot: "morning",
      me: { ...duty, roles: [...duty.roles] },
      open: [controlled, open],
      toVerify: [],
      now: at("07:10"),
    });
    expect(morning.carried.map((h) => h.id)).toEqual([controlled.id]);
    const noon = myHazards({
      ...base,
      slot: "noon",
      me: { ...duty, roles: [...duty.roles] },
      open: [controlled, open],
      toVerify: [],
      now: at("12:10"),
    });
    expect(noon.carried).toEqual([]);
    const teacher = myHazards({
      ...base,
      slot: "morning",
      me: { id: TEACHER, roles: ["class_teacher"] },
      open: [controlled],
      toVerify: [],
      now: at("07:10"),
    });
    expect(teacher.carried).toEqual([]);
    expect(teacher.assigned).toEqual([controlled]);
    // RD-4 with a roster: the holder of this morning's slot, not every duty teacher.
    const onRoster = (dutyRounds: { morning: boolean }, roles: ("duty_teacher" | "class_teacher")[]) =>
      myHazards({
        ...base,
        slot: "morning",
        me: { id: TEACHER, roles },
        open: [controlled],
        toVerify: [],
        now: at("07:10"),
        dutyRounds,
      }).carried.map((h) => h.id);
    expect(onRoster({ morning: false }, ["duty_teacher"])).toEqual([]);
    expect(onRoster({ morning: true }, ["class_teacher"])).toEqual([controlled.id]);
  });

  it("shows each hazard once: carried over the night first, then not again as mine or escalated", () => {
    const carriedOverdue = step(
      hazard({ deadline: at("08:00"), assigneeId: "facilities", foundAt: at("19:00", "2026-11-29") }),
      { kind: "control", from: "assigned", text: "警示带", photos: ["p"] },
      ADMIN,
      at("19:30", "2026-11-29"),
    );
    const out = myHazards({
      ...base,
      slot: "morningClasses",
      me: { id: ADMIN, roles: ["admin"] },
      open: [carriedOverdue],
      toVerify: [],
      now: at("11:00"),
    });
    expect(out.carried).toEqual([carriedOverdue]);
    expect(out.assigned).toEqual([]);
    expect(out.escalated).toEqual([]);
  });

  it("[HZ-E1] an overdue hazard reaches the area's responsible person at once, the general-affairs head after 2 hours, the principal after 4", () => {
    const h = hazard({ areaId: "room-1a", deadline: at("08:00"), assigneeId: "facilities" });
    const teacher = { id: TEACHER, roles: ["class_teacher" as const] };
    const admin = { id: ADMIN, roles: ["admin" as const] };
    const principal = { id: "P".repeat(26), roles: ["principal" as const] };
    const run = (me: { id: string; roles: ("class_teacher" | "admin" | "principal")[] }, now: Date) =>
      myHazards({ ...base, me, open: [h], toVerify: [], now }).escalated;
    expect(run({ ...teacher, roles: [...teacher.roles] }, at("07:59"))).toEqual([]);
    expect(run({ ...teacher, roles: [...teacher.roles] }, at("08:00"))).toEqual([
      { hazard: h, level: "area_responsible" },
    ]);
    expect(run({ ...admin, roles: [...admin.roles] }, at("09:59"))).toEqual([]);
    expect(run({ ...admin, roles: [...admin.roles] }, at("10:00"))).toEqual([
      { hazard: h, level: "general_affairs" },
    ]);
    expect(run({ ...principal, roles: [...principal.roles] }, at("11:59"))).toEqual([]);
    expect(run({ ...principal, roles: [...principal.roles] }, at("12:00"))).toEqual([
      { hazard: h, level: "principal" },
    ]);
  });

  it("[HZ-E1] a hazard assigned to me is not repeated among the escalated ones", () => {
    const h = hazard({ areaId: "room-1a", deadline: at("08:00"), assigneeId: TEACHER });
    const out = myHazards({
      ...base,
      me: { id: TEACHER, roles: ["class_teacher"] },
      open: [h],
      toVerify: [],
      now: at("09:00"),
    });
    expect(out.assigned).toEqual([h]);
    expect(out.escalated).toEqual([]);
  });

  it("[HZ-E1] grade leaders answer for their grade's classrooms, department heads for every area", () => {
    const leader = { id: "L".repeat(26), roles: ["grade_leader" as const, "class_teacher" as const] };
    const gradeOne: HomeClass[] = [...classes, { id: "class-1b", grade: 1, classTeacherId: leader.id }];
    const room1a = areas[0];
    const room2a = areas[1];
    const stairs = areas[2];
    const me = { id: leader.id, roles: [...leader.roles] };
    expect(isEscalatedTo("grade_or_department", me, room1a, gradeOne)).toBe(true);
    expect(isEscalatedTo("grade_or_department", me, room2a, gradeOne)).toBe(false);
    expect(isEscalatedTo("grade_or_department", me, stairs, gradeOne)).toBe(false);
    expect(
      isEscalatedTo("grade_or_department", { id: "X", roles: ["department_head"] }, stairs, classes),
    ).toBe(true);
    expect(isEscalatedTo("general_affairs", { id: "X", roles: ["class_teacher"] }, stairs, classes)).toBe(
      false,
    );
  });
});

describe("my rounds for a class teacher on duty", () => {
  it("puts their own classroom before the campus areas of the same status", () => {
    const me = checkerOf({ id: TEACHER, roles: ["class_teacher", "duty_teacher"] }, classes);
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("12:30"), areas, me, records: [] });
    expect(mine.rounds[1]?.areas.map((a) => a.area.id)).toEqual(["room-1a", "stairs"]);
  });
});

describe("[RD-4] my rounds follow today's duty roster", () => {
  const OTHER = "O".repeat(26);
  const slot = (kind: "morning" | "noon" | "evening", staffIds: string[], date = MONDAY) => ({
    date,
    kind,
    scope: { kind: "campus" as const },
    staffIds,
  });
  const roster = [
    slot("morning", [OTHER]),
    slot("noon", [TEACHER]),
    slot("evening", [OTHER, "X".repeat(26)]),
  ];
  const ids = (r: { areas: { area: { id: string } }[] } | undefined) => r?.areas.map((a) => a.area.id);

  it("the duty teacher holding today's noon slot walks the campus at noon only", () => {
    const me = checkerOf({ id: TEACHER, roles: ["class_teacher", "duty_teacher"] }, classes, {
      date: MONDAY,
      slots: roster,
    });
    const [morning, noon, evening] = myRoundsToday({
      settings,
      date: MONDAY,
      now: at("12:30"),
      areas,
      me,
      records: [],
    }).rounds;
    expect(ids(morning)).toEqual(["room-1a"]);
    expect(ids(noon)).toEqual(["room-1a", "stairs"]);
    expect(ids(evening)).toEqual(["room-1a"]);
  });

  it("a duty teacher with no slot today has no campus rounds; the slots of another date do not count", () => {
    const idle = checkerOf({ id: "D".repeat(26), roles: ["duty_teacher"] }, classes, {
      date: MONDAY,
      slots: roster,
    });
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("12:30"), areas, me: idle, records: [] });
    expect(mine.rounds.every((r) => r.areas.length === 0)).toBe(true);
    const tomorrow = checkerOf({ id: TEACHER, roles: ["duty_teacher"] }, classes, {
      date: "2026-12-01",
      slots: roster,
    });
    expect(tomorrow.dutyRounds).toEqual({});
  });

  it("without any roster for the day, every duty teacher keeps the campus rounds (as before rosters)", () => {
    const me = checkerOf({ id: "D".repeat(26), roles: ["duty_teacher"] }, classes, {
      date: MONDAY,
      slots: [],
    });
    const mine = myRoundsToday({ settings, date: MONDAY, now: at("12:30"), areas, me, records: [] });
    for (const r of mine.rounds) expect(ids(r)).toEqual(["stairs"]);
  });
});

describe("hazards nobody was named to fix", () => {
  it("are the general-affairs head's to assign", () => {
    const orphan = hazard({ deadline: at("20:30"), assigneeId: null });
    const admin = myHazards({
      ...base,
      me: { id: ADMIN, roles: ["admin"] },
      open: [orphan],
      toVerify: [],
      now: at("13:00"),
    });
    expect(admin.unassigned).toEqual([orphan]);
    const teacher = myHazards({
      ...base,
      me: { id: TEACHER, roles: ["class_teacher"] },
      open: [orphan],
      toVerify: [],
      now: at("13:00"),
    });
    expect(teacher.unassigned).toEqual([]);
  });
});
