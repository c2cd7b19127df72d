import { describe, expect, it } from "vitest";
import { CAMPUS, type DutyKind, type DutyScope, type DutySlot, dutySlotId } from "../../../domain/roster.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import { buildMyDuties, type SlotEntry } from "./my-duties-model.ts";

// 2026-11-30 is a Monday. The term runs through December; 2026-12-03 (Thursday) is a holiday.
const settings = effectiveSettings({
  timeZone: "Asia/Shanghai",
  timeSlots: DEFAULT_TIME_SLOTS,
  terms: [{ id: "T", name: "秋季学期", start: "2026-09-01", end: "2027-01-20" }],
  holidays: [{ name: "校庆", start: "2026-12-03", end: "2026-12-03" }],
});
const ME = "me";
const OTHER = "other";
const campusAreas = [
  { id: "a1", name: "操场" },
  { id: "a2", name: "教学楼楼梯" },
];

function slot(date: string, kind: DutyKind, staffIds: string[], scope: DutyScope = CAMPUS): SlotEntry {
  const entity: DutySlot = {
    id: dutySlotId(date, kind, scope),
    date,
    kind,
    scope,
    staffIds,
    source: "generated",
    templateId: null,
    history: [],
  };
  return { entity, version: 3, hasPendingChanges: false };
}

const base = { staffId: ME, today: "2026-11-30", settings, campusAreas, myClasses: [] };

describe("my duties (next 14 days)", () => {
  it("RS-1: an evening duty brings the evening round of every campus area and both hand-overs", () => {
    const days = buildMyDuties({ ...base, slots: [slot("2026-12-01", "evening", [ME])] });
    expect(days).toHaveLength(1);
    const [item] = days[0]?.items ?? [];
    expect(item).toMatchObject({
      date: "2026-12-01",
      kind: "evening",
      start: "16:30",
      end: "20:30",
      endsNextDay: false,
      slotId: "2026-12-01|evening|campus",
      version: 3,
    });
    expect(item?.tasks.map((t) => t.kind)).toEqual(["round", "receiveFromClasses", "handToCaretaker"]);
    expect(item?.tasks[0]).toMatchObject({ round: "evening", areas: campusAreas });
  });

  it("RS-1: the night caretaker's slot ends the next morning and brings receiving boarders and bed checks", () => {
    const scope: DutyScope = { kind: "building", building: "女生宿舍楼" };
    const days = buildMyDuties({ ...base, slots: [slot("2026-11-30", "night", [ME], scope)] });
    const item = days[0]?.items[0];
    expect(days[0]?.isToday).toBe(true);
    expect(item).toMatchObject({ start: "20:30", end: "06:30", endsNextDay: true, scope });
    expect(item?.tasks.map((t) => t.kind)).toEqual(["receiveBoarders", "bedCheck"]);
  });

  it("RS-1: a holiday duty holds the whole day until the next morning", () => {
    const days = buildMyDuties({ ...base, slots: [slot("2026-12-05", "holiday", [ME])] });
    expect(days[0]?.items[0]).toMatchObject({
      kind: "holiday",
      start: "06:30",
      end: "06:30",
      endsNextDay: true,
    });
    expect(days[0]?.items[0]?.tasks).toEqual([{ kind: "holidayAll", until: "06:30" }]);
  });

  it("lists only my slots, from today through the 14th day", () => {
    const days = buildMyDuties({
      ...base,
      slots: [
        slot("2026-11-29", "noon", [ME]), // yesterday
        slot("2026-11-30", "noon", [OTHER]),
        slot("2026-12-13", "morning", [OTHER, ME]), // day 14
        slot("2026-12-14", "morning", [ME]), // day 15
      ],
    });
    expect(days.map((d) => d.date)).toEqual(["2026-12-13"]);
    expect(days[0]?.items.map((i) => i.kind)).toEqual(["morning"]);
  });

  it("CAL-2: a class teacher hands the boarders to that day's evening duty teacher on each school day, not on holidays or weekends", () => {
    const days = buildMyDuties({
      ...base,
      myClasses: [{ id: "c1", name: "三年级2班" }],
      slots: [slot("2026-12-01", "evening", ["eve"])],
    });
    const dates = days.map((d) => d.date);
    // Mon–Fri of two weeks, minus Thursday 12-03 (holiday): 9 school days.
    expect(dates).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-04",
      "2026-12-07",
      "2026-12-08",
      "2026-12-09",
      "2026-12-10",
      "2026-12-11",
    ]);
    const tuesday = days.find((d) => d.date === "2026-12-01")?.items[0];
    expect(tuesday).toMatchObject({ kind: "classHandover", start: "16:30", slotId: null });
    expect(tuesday?.tasks[0]).toEqual({
      kind: "handToEvening",
      classId: "c1",
      className: "三年级2班",
      eveningIds: ["eve"],
    });
    // A day nobody is rostered for the evening: the task says so (no names).
    expect(days[0]?.items[0]?.tasks[0]).toMatchObject({ eveningIds: [] });
  });

  it("orders a day's items by time: noon duty, then the class hand-over, then the evening duty", () => {
    const days = buildMyDuties({
      ...base,
      myClasses: [{ id: "c1", name: "三年级2班" }],
      slots: [slot("2026-11-30", "evening", [ME]), slot("2026-11-30", "noon", [ME])],
    });
    expect(days[0]?.items.map((i) => i.kind)).toEqual(["noon", "classHandover", "evening"]);
  });
});
