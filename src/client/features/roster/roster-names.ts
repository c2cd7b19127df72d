// How the roster pages name things: a duty and its scope (全校 / a dorm building / a room), the
// time a slot is held (from the school's time slots, RS-1), a day of the week, and the people
// on a slot. One place, so the week view, the editor and the printed 值日表 say the same.
import { DUTY_LABELS, type DutyKind, type DutyScope, heldInterval } from "../../../domain/roster.ts";
import { type LocalDate, weekdayOf } from "../../../domain/school-calendar.ts";
import type { TimeSlotSettings } from "../../../domain/time-slots.ts";
import type { DormRoom, Staff } from "../../../protocol/reference.ts";
import { getLang, inLang } from "../../ui/i18n.ts";
import { rt } from "./roster-text.ts";

export const dutyLabel = (kind: DutyKind): string => inLang(DUTY_LABELS[kind]);

export function scopeLabel(scope: DutyScope, roomsById: ReadonlyMap<string, DormRoom>): string {
  switch (scope.kind) {
    case "campus":
      return rt("campus");
    case "building":
      return scope.building;
    case "room": {
      const room = roomsById.get(scope.roomId);
      return room ? room.name : rt("unknownRoom");
    }
  }
}

/** "晚活动值日" for campus duties, "夜间保育 · 男生宿舍楼" for a building or room. */
export function dutyRowLabel(
  row: { kind: DutyKind; scope: DutyScope },
  roomsById: ReadonlyMap<string, DormRoom>,
): string {
  const duty = dutyLabel(row.kind);
  return row.scope.kind === "campus" ? duty : `${duty} · ${scopeLabel(row.scope, roomsById)}`;
}

/** "16:30–20:30", "20:30–次日06:30": when a duty is held (RS-1). */
export function dutyTimeText(kind: DutyKind, times: TimeSlotSettings): string {
  const h = heldInterval("2000-01-03", kind, times);
  const clock = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const next = h.endDate !== h.startDate ? rt("nextDay") : "";
  return `${clock(h.startMinute)}–${next}${clock(h.endMinute)}`;
}

const WEEKDAY_ZH = ["一", "二", "三", "四", "五", "六", "日"];
const WEEKDAY_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function weekdayName(day: number): string {
  return getLang() === "zh" ? `周${WEEKDAY_ZH[day - 1] ?? ""}` : (WEEKDAY_EN[day - 1] ?? "");
}

/** "10/8": a short date for column heads. */
export function shortDate(date: LocalDate): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

/** "周四 10/8" / "Thu 10/8". */
export function dayLabel(date: LocalDate): string {
  return `${weekdayName(weekdayOf(date))} ${shortDate(date)}`;
}

/** The names of the people on a slot, in the slot's order; someone not on this phone reads (未知). */
export function peopleNames(staffIds: readonly string[], staffById: ReadonlyMap<string, Staff>): string[] {
  return staffIds.map((id) => staffById.get(id)?.name ?? (getLang() === "zh" ? "（未知）" : "(unknown)"));
}

/** The dorm buildings, from the dorm rooms (a building is a name rooms share). */
export function buildingsOf(rooms: readonly DormRoom[]): string[] {
  const names = new Set(rooms.map((r) => r.building.trim()).filter((b) => b !== ""));
  return [...names].sort((a, b) => a.localeCompare(b, "zh-CN"));
}
