// What the roll-call and hand-over pages read from this phone (offline): the pupils, dorm
// rooms, leave, the duty slots of the date (HO-2 receivers), the hand-overs of the date and the
// pupils found after being unaccounted (custody.ts CU-2). One live read; this phone's pending
// halves show at once.
import { useLiveQuery } from "dexie-react-hooks";
import type { Handover } from "../../../domain/handover.ts";
import type { Leave } from "../../../domain/roll-call.ts";
import { addDays, isLocalDate, type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import type { DormRoom, Pupil } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { type Entry, listHandovers, listLeaves } from "../../db/handover-view.ts";
import { listEntries } from "../../db/reference-view.ts";
import { listDutySlots, lookupOf } from "../../db/roster-view.ts";
import { listAlerts } from "../../db/summary-view.ts";
import { classLabel } from "../../ui/i18n.ts";
import type { SchoolDirectory } from "../../ui/school-directory.ts";
import { foundSubjects } from "../boarders/where-model.ts";

export interface BoarderData {
  pupils: Pupil[];
  pupilById: ReadonlyMap<string, Pupil>;
  rooms: DormRoom[];
  roomById: ReadonlyMap<string, DormRoom>;
  leaves: Leave[];
  roster: ReturnType<typeof lookupOf>;
  /** Hand-overs of `from`..`to`. */
  handovers: Entry<Handover>[];
  /** CU-2: pupils whose unaccounted alert of the date is resolved as found. */
  foundSubjects: ReadonlySet<string>;
  /** Every alert's status by id (a dispute waits until its alert is closed). */
  alertStatus: ReadonlyMap<string, string>;
}

/** undefined while the first read runs. `historyDays` widens the hand-overs read backwards. */
export function useBoarderData(
  schoolId: string,
  date: LocalDate,
  timeZone: string,
  historyDays = 0,
): BoarderData | undefined {
  return useLiveQuery(async () => {
    // The date comes from the school's settings: "" until the directory has loaded.
    if (!isLocalDate(date)) return undefined;
    const [pupils, rooms, leaves, slots, handovers, alerts] = await Promise.all([
      listEntries(db, schoolId, "pupil"),
      listEntries(db, schoolId, "dormRoom"),
      listLeaves(db, schoolId),
      listDutySlots(db, schoolId, date),
      listHandovers(db, schoolId, addDays(date, -historyDays), date),
      listAlerts(db, schoolId),
    ]);
    // NK-10 (domain/need-to-know.ts): pupils this phone may not see arrive hidden, for the
    // month's numbers; roll calls and hand-overs act on pupils, so they leave them out here.
    const pupilList = pupils.map((e) => e.entity).filter((p) => !p.isHidden);
    const roomList = rooms
      .map((e) => e.entity)
      .sort(
        (a, b) =>
          a.building.localeCompare(b.building, "zh-CN") ||
          a.name.localeCompare(b.name, "zh-CN", { numeric: true }),
      );
    return {
      pupils: pupilList,
      pupilById: new Map(pupilList.map((p) => [p.id, p])),
      rooms: roomList,
      roomById: new Map(roomList.map((r) => [r.id, r])),
      leaves: leaves.map((e) => e.entity),
      roster: lookupOf(slots),
      handovers,
      foundSubjects: foundSubjects(alerts, (iso) => localDateOf(new Date(iso), timeZone), date),
      alertStatus: new Map(alerts.map((a) => [a.id, a.status])),
    };
  }, [schoolId, date, timeZone, historyDays]);
}

/** The school's classes and rooms with how many boarders each has. */
export function namedGroups(directory: SchoolDirectory, data: BoarderData) {
  const byClass = new Map<string, number>();
  const byRoom = new Map<string, number>();
  for (const p of data.pupils) {
    if (!p.isBoarder) continue;
    byClass.set(p.classId, (byClass.get(p.classId) ?? 0) + 1);
    if (p.dormRoomId) byRoom.set(p.dormRoomId, (byRoom.get(p.dormRoomId) ?? 0) + 1);
  }
  const classes = [...directory.classes]
    .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN", { numeric: true }))
    .map((c) => ({
      id: c.id,
      name: classLabel(c),
      classTeacherId: c.classTeacherId,
      boarderCount: byClass.get(c.id) ?? 0,
    }));
  const rooms = data.rooms.map((r) => ({
    id: r.id,
    name: `${r.building} ${r.name}`,
    building: r.building,
    boarderCount: byRoom.get(r.id) ?? 0,
  }));
  return { classes, rooms };
}
