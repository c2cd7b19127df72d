// What every roster page reads, live from this phone's view (offline): the school directory
// (settings = calendar and time slots, staff), the dorm rooms and buildings, the rotation
// templates, and the duties the school must fill (RS-4 requiredDuties).
import { useLiveQuery } from "dexie-react-hooks";
import { type RequiredDuty, type RotationTemplate, requiredDuties } from "../../../domain/roster.ts";
import { addDays, isLocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { listEntries } from "../../db/reference-view.ts";
import { type Entry, listDutySlots, listTemplates } from "../../db/roster-view.ts";
import { useLocation } from "../../ui/router.ts";
import { type SchoolDirectory, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { buildingsOf } from "./roster-names.ts";
import { weekStartOf } from "./week-model.ts";

export interface RosterBasics {
  directory: SchoolDirectory;
  rooms: DormRoom[];
  roomsById: ReadonlyMap<string, DormRoom>;
  buildings: string[];
  templates: Entry<RotationTemplate>[];
  required: RequiredDuty[];
}

/** null while loading, undefined when the school has not reached this phone yet. */
export function useRosterBasics(schoolId: string): RosterBasics | null | undefined {
  const directory = useSchoolDirectory(schoolId);
  const extra = useLiveQuery(async () => {
    const [rooms, templates] = await Promise.all([
      listEntries(db, schoolId, "dormRoom"),
      listTemplates(db, schoolId),
    ]);
    return { rooms: rooms.map((e) => e.entity), templates };
  }, [schoolId]);
  if (directory === undefined) return undefined;
  if (directory === null || extra === undefined) return null;
  const rooms = [...extra.rooms].sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  const buildings = buildingsOf(rooms);
  const templates = [...extra.templates].sort((a, b) => a.entity.name.localeCompare(b.entity.name, "zh-CN"));
  return {
    directory,
    rooms,
    roomsById: new Map(rooms.map((r) => [r.id, r])),
    buildings,
    templates,
    required: requiredDuties(
      templates.map((t) => t.entity),
      buildings,
    ),
  };
}

/**
 * The week a roster page shows (?week=YYYY-MM-DD, else this week) and its duty slots, read from
 * the day before: a night slot of that day runs into the week's first morning (RS-5).
 */
export function useShownWeek(schoolId: string, timeZone: string) {
  const now = useNow(60_000);
  const { search } = useLocation();
  const today = localDateOf(now, timeZone);
  const asked = search.get("week");
  const weekStart = weekStartOf(asked && isLocalDate(asked) ? asked : today);
  const weekEnd = addDays(weekStart, 6);
  const entries = useLiveQuery(
    () => listDutySlots(db, schoolId, addDays(weekStart, -1), weekEnd),
    [schoolId, weekStart],
  );
  return { now, today, weekStart, weekEnd, entries };
}
