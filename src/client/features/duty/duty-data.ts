// What the duty pages read from this phone (offline): the duty slots of a few days around now,
// the class timetables and the dorm rooms. One live read per page; pending edits show too.
import { useLiveQuery } from "dexie-react-hooks";
import type { DutySlot } from "../../../domain/roster.ts";
import { addDays, type LocalDate } from "../../../domain/school-calendar.ts";
import type { Timetable } from "../../../domain/timetable.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { listEntries } from "../../db/reference-view.ts";
import { type Entry, listDutySlots, listTimetables } from "../../db/roster-view.ts";

export interface RosterData {
  slots: Entry<DutySlot>[];
  timetables: ReadonlyMap<string, Timetable>;
  rooms: DormRoom[];
  roomById: ReadonlyMap<string, DormRoom>;
}

/**
 * Slots from the day before `from` (its night runs into `from`) through `to`'s next day (the
 * next hand-over may fall on it). undefined while the first read runs.
 */
export function useRosterData(schoolId: string, from: LocalDate, to: LocalDate): RosterData | undefined {
  return useLiveQuery(async () => {
    const [slots, timetables, rooms] = await Promise.all([
      listDutySlots(db, schoolId, addDays(from, -1), addDays(to, 1)),
      listTimetables(db, schoolId),
      listEntries(db, schoolId, "dormRoom"),
    ]);
    const roomList = rooms
      .map((e) => e.entity)
      .sort((a, b) => a.building.localeCompare(b.building, "zh-CN") || a.name.localeCompare(b.name, "zh-CN"));
    return {
      slots,
      timetables: new Map(timetables.map((e) => [e.entity.classId, e.entity])),
      rooms: roomList,
      roomById: new Map(roomList.map((r) => [r.id, r])),
    };
  }, [schoolId, from, to]);
}
