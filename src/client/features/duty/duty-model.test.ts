import { describe, expect, it } from "vitest";
import { type ResponsibleTarget, rosterLookup } from "../../../domain/responsible.ts";
import { CAMPUS, type DutyKind, type DutyScope, type DutySlot, dutySlotId } from "../../../domain/roster.ts";
import { atLocal } from "../../../domain/school-calendar.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import { isLaterDay, myDutiesOn, nowView, telHref } from "./duty-model.ts";

const TZ = "Asia/Shanghai";
const settings = effectiveSettings({
  timeZone: TZ,
  timeSlots: DEFAULT_TIME_SLOTS,
  terms: [{ id: "T", name: "秋季学期", start: "2026-09-01", end: "2027-01-20" }],
});
const at = (date: string, clock: string) => {
  const [h, m] = clock.split(":").map(Number);
  return atLocal(date, (h ?? 0) * 60 + (m ?? 0), TZ);
};

function slot(date: string, kind: DutyKind, staffIds: string[], scope: DutyScope = CAMPUS): DutySlot {
  return {
    id: dutySlotId(date, kind, scope),
    date,
    kind,
    scope,
    staffIds,
    source: "generated",
    templateId: null,
    history: [],
  };
}

const people = new Map([
  ["zhang", { name: "张三", phone: "138 0000 1111" }],
  ["li", { name: "李四", phone: null }],
  ["wang", { name: "王五", phone: "13900002222" }],
]);
const dir = (id: string) => people.get(id);
const campus = { kind: "campus" } as const;

describe("responsible now (view)", () => {
  it("RN-2, RN-5: the evening duty teacher holds the campus, with phone, until bedtime; the caretaker takes over", () => {
    const roster = rosterLookup([
      slot("2026-11-30", "evening", ["zhang"]),
      slot("2026-11-30", "night", ["wang"], { kind: "building", building: "男生宿舍楼" }),
    ]);
    const v = nowView(at("2026-11-30", "17:05"), campus, settings, roster, dir);
    expect(v.state).toBe("held");
    expect(v.people).toEqual([
      { staffId: "zhang", name: "张三", phone: "138 0000 1111", role: "duty", duty: "evening" },
    ]);
    expect(v.startsAt).toEqual(at("2026-11-30", "16:30"));
    expect(v.endsAt).toEqual(at("2026-11-30", "20:30"));
    expect(v.next?.state).toBe("held");
    expect(v.next?.people.map((p) => [p.name, p.role])).toEqual([["王五", "caretaker"]]);
  });

  it("RN-6: a slot nobody holds is a gap, never blank", () => {
    const v = nowView(at("2026-11-30", "12:30"), campus, settings, rosterLookup([]), dir);
    expect(v.state).toBe("gap");
    expect(v.people).toEqual([]);
  });

  it("RN-4: outside every term it is the vacation, with no next holder", () => {
    const v = nowView(at("2027-02-10", "10:00"), campus, settings, rosterLookup([]), dir);
    expect(v.state).toBe("vacation");
    expect(v.next).toBeNull();
  });

  it("RN-4: a weekend in term is the holiday duty's, from the morning slot's start to the next one's", () => {
    const roster = rosterLookup([slot("2026-11-28", "holiday", ["li"])]);
    const v = nowView(at("2026-11-28", "15:00"), campus, settings, roster, dir);
    expect(v.state).toBe("held");
    expect(v.people[0]).toMatchObject({ name: "李四", phone: null, role: "holiday" });
    expect(v.startsAt).toEqual(at("2026-11-28", "06:30"));
    expect(v.endsAt).toEqual(at("2026-11-29", "06:30"));
    expect(isLaterDay(v.endsAt, at("2026-11-28", "15:00"), TZ)).toBe(true);
  });

  it("RN-3: a dorm room is closed in class time; the noon duty teacher takes it at 12:00", () => {
    const room = { kind: "room", roomId: "r1", building: "男生宿舍楼" } as const;
    const roster = rosterLookup([slot("2026-11-30", "noon", ["zhang"])]);
    const v = nowView(at("2026-11-30", "09:15"), room, settings, roster, dir);
    expect(v.state).toBe("room_closed");
    expect(v.next?.at).toEqual(at("2026-11-30", "12:00"));
    expect(v.next?.people.map((p) => p.name)).toEqual(["张三"]);
  });

  it("RN-3: a class in class time: the class teacher and the period's subject teacher", () => {
    const target: ResponsibleTarget = {
      kind: "class",
      classId: "c1",
      classTeacherId: "li",
      timetable: { id: "c1", classId: "c1", entries: [{ weekday: 1, period: 2, subjectTeacherId: "wang" }] },
    };
    const v = nowView(at("2026-11-30", "09:10"), target, settings, rosterLookup([]), dir);
    expect(v.responsible.period).toBe(2);
    expect(v.people.map((p) => [p.name, p.role])).toEqual([
      ["李四", "classTeacher"],
      ["王五", "subjectTeacher"],
    ]);
  });

  it("dials only digits and a leading +", () => {
    expect(telHref("138 0000-1111")).toBe("tel:13800001111");
    expect(telHref("+86 138")).toBe("tel:+86138");
  });

  it("lists today's slots I hold in the day's order", () => {
    const slots = [
      slot("2026-11-30", "evening", ["zhang"]),
      slot("2026-11-30", "morning", ["zhang", "li"]),
      slot("2026-12-01", "noon", ["zhang"]),
    ];
    expect(myDutiesOn("zhang", "2026-11-30", slots, settings)).toEqual([
      { slotId: "2026-11-30|morning|campus", kind: "morning", start: "06:30", end: "08:00" },
      { slotId: "2026-11-30|evening|campus", kind: "evening", start: "16:30", end: "20:30" },
    ]);
  });
});
