// What the boarders pages read from this phone (offline): the pupils, dorm rooms and leave, live
// so pending edits show at once. Hand-overs are read by date range where they are needed.
import { useLiveQuery } from "dexie-react-hooks";
import type { Leave } from "../../../domain/roll-call.ts";
import type { DormRoom, Pupil } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { type Entry, listLeaves } from "../../db/handover-view.ts";
import { listEntries } from "../../db/reference-view.ts";

export interface BoardersData {
  pupils: Pupil[];
  pupilById: ReadonlyMap<string, Pupil>;
  rooms: DormRoom[];
  roomById: ReadonlyMap<string, DormRoom>;
  leaves: Entry<Leave>[];
}

/** undefined while the first read runs. */
export function useBoardersData(schoolId: string): BoardersData | undefined {
  return useLiveQuery(async () => {
    const [pupils, rooms, leaves] = await Promise.all([
      listEntries(db, schoolId, "pupil"),
      listEntries(db, schoolId, "dormRoom"),
      listLeaves(db, schoolId),
    ]);
    // NK-10 (domain/need-to-know.ts): pupils this phone may not see arrive hidden, for the
    // month's numbers; /where, /leave and bed checks act on pupils, so they leave them out here.
    const pupilList = pupils.map((e) => e.entity).filter((p) => !p.isHidden);
    const roomList = rooms
      .map((e) => e.entity)
      .sort((a, b) => a.building.localeCompare(b.building, "zh-CN") || a.name.localeCompare(b.name, "zh-CN"));
    return {
      pupils: pupilList,
      pupilById: new Map(pupilList.map((p) => [p.id as string, p])),
      rooms: roomList,
      roomById: new Map(roomList.map((r) => [r.id as string, r])),
      leaves,
    };
  }, [schoolId]);
}
