import { describe, expect, it } from "vitest";
import {
  type DutyKind,
  type DutyScope,
  type DutySlot,
  dutySlotId,
  requiredDuties,
} from "../../../domain/roster.ts";
import type { SchoolCalendar } from "../../../domain/school-calendar.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import { buildWeek, clashesIn, problemsIn, type SlotEntry, weekDates, weekStartOf } from "./week-model.ts";

// The week of 2026-10-05 (Mon): 国庆 holiday Mon–Wed, school Thu–Fri, Saturday 10-10 a make-up
// school day running Friday's pattern, Sunday off.
const calendar: SchoolCalendar = {
  schoolDays: [1, 2, 3, 4, 5],
  terms: [{ id: "T", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-20" }],
  holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-07" }],
  makeUpDays: [{ date: "2026-10-10", followsWeekday: 5 }],
};
const BUILDING: DutyScope = { kind: "building", building: "男生宿舍楼" };
const ROOM: DutyScope = { kind: "room", roomId: "01J0000000000000000000ROOM" };
const CAMPUS: DutyScope = { kind: "campus" };
const A = "01J00000000000000000000AAA";
const B = "01J00000000000000000000BBB";

function slot(
  date: string,
  kind: DutyKind,
  scope: DutyScope,
  staffIds: string[],
  pending = false,
): SlotEntry {
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
  return { entity, version: 1, hasPendingChanges: pending };
}

const required = requiredDuties([], ["男生宿舍楼"]);
const entries = [
  slot("2026-10-05", "holiday", CAMPUS, [B]),
  slot("2026-10-08", "morning", CAMPUS, [A], true),
  slot("2026-10-09", "morning", CAMPUS, []),
  slot("2026-10-08", "night", BUILDING, [A]),
  slot("2026-10-08", "night", ROOM, [A]),
];
const week = buildWeek({ weekStart: "2026-10-05", entries, required, calendar, times: DEFAULT_TIME_SLOTS });
const row = (kind: DutyKind, scope: DutyScope = CAMPUS) =>
  week.rows.find((r) => r.row.kind === kind && JSON.stringify(r.row.scope) === JSON.stringify(scope));
const cell = (kind: DutyKind, date: string, scope: DutyScope = CAMPUS) =>
  row(kind, scope)?.cells.find((c) => c.date === date);

describe("the admin's week grid", () => {
  it("weeks run Monday to Sunday", () => {
    expect(weekStartOf("2026-10-11")).toBe("2026-10-05");
    expect(weekStartOf("2026-10-05")).toBe("2026-10-05");
    expect(weekDates("2026-10-05")).toHaveLength(7);
    expect(weekDates("2026-10-05")[6]).toBe("2026-10-11");
  });

  it("rows: the required duties in the day's order, plus a room slot made by hand", () => {
    expect(week.rows.map((r) => r.row.key)).toEqual([
      "morning|campus",
      "noon|campus",
      "evening|campus",
      "night|building:男生宿舍楼",
      `night|room:${ROOM.kind === "room" ? ROOM.roomId : ""}`,
      "holiday|campus",
    ]);
  });

  it("[RS-1, CAL-2, CAL-3] cells are held on school days and the make-up day, not on the holiday", () => {
    expect(
      row("morning")
        ?.cells.filter((c) => c.isHeld)
        .map((c) => c.date),
    ).toEqual(["2026-10-08", "2026-10-09", "2026-10-10"]);
    expect(
      row("holiday")
        ?.cells.filter((c) => c.isHeld)
        .map((c) => c.date),
    ).toEqual(["2026-10-05", "2026-10-06", "2026-10-07", "2026-10-11"]);
  });

  it("[RS-4] a cleared slot and a missing one are gaps; a filled one and an unheld day are not", () => {
    expect(cell("morning", "2026-10-08")?.isGap).toBe(false);
    expect(cell("morning", "2026-10-09")?.isGap).toBe(true);
    expect(cell("morning", "2026-10-10")?.isGap).toBe(true);
    expect(cell("morning", "2026-10-05")?.isGap).toBe(false);
    expect(cell("holiday", "2026-10-05")?.isGap).toBe(false);
    expect(cell("holiday", "2026-10-06")?.isGap).toBe(true);
    const cleared = week.gaps.find((g) => g.id === dutySlotId("2026-10-09", "morning", CAMPUS));
    expect(cleared?.cleared).toBe(true);
    // morning, noon, evening, night × Thu, Fri, Sat = 12, minus the filled morning and night of
    // Thursday = 10; holiday duty Tue, Wed, Sun = 3.
    expect(week.gaps).toHaveLength(13);
  });

  it("[RS-5] one person on two overlapping night slots is a clash on both cells", () => {
    expect(week.clashes).toEqual([
      {
        staffId: A,
        slotIds: [dutySlotId("2026-10-08", "night", BUILDING), dutySlotId("2026-10-08", "night", ROOM)],
      },
    ]);
    expect(cell("night", "2026-10-08", BUILDING)?.clashStaffIds).toEqual([A]);
    expect(cell("night", "2026-10-08", ROOM)?.clashStaffIds).toEqual([A]);
    expect(cell("morning", "2026-10-08")?.clashStaffIds).toEqual([]);
  });

  it("cells carry the entry, so an unsent edit is marked", () => {
    expect(cell("morning", "2026-10-08")?.entry?.hasPendingChanges).toBe(true);
    expect(cell("night", "2026-10-08", BUILDING)?.entry?.hasPendingChanges).toBe(false);
  });

  it("[RS-5] a night slot of the day before the range counts when it runs into the range", () => {
    const early = { ...DEFAULT_TIME_SLOTS, morning: { start: "06:00", end: "08:00" } };
    const list = [slot("2026-10-07", "night", BUILDING, [A]), slot("2026-10-08", "morning", CAMPUS, [A])];
    expect(clashesIn(list, early, "2026-10-08", "2026-10-14")).toHaveLength(1);
    expect(clashesIn(list, DEFAULT_TIME_SLOTS, "2026-10-08", "2026-10-14")).toHaveLength(0);
    expect(clashesIn(list, early, "2026-10-09", "2026-10-14")).toHaveLength(0);
  });

  it("[RS-4] the 14-day summary counts gaps from the range only", () => {
    const { gaps } = problemsIn({
      entries,
      required,
      calendar,
      times: DEFAULT_TIME_SLOTS,
      from: "2026-10-08",
      to: "2026-10-08",
    });
    expect(gaps.map((g) => g.kind)).toEqual(["noon", "evening"]);
  });
});
