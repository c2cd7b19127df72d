// The school's reference data (settings, staff, classes, dorm rooms, pupils, areas, checklists)
// as the UI reads it: the pulled view with this phone's pending edits on top, typed per entity.
// Edits go through reference-edits.ts.
import type {
  Area,
  ChecklistItem,
  DormRoom,
  Pupil,
  School,
  SchoolClass,
  Staff,
} from "../../protocol/reference.ts";
import type { SafetyRoundsDb, ViewRow } from "./db.ts";

export interface ReferenceEntities {
  school: School;
  staff: Staff;
  class: SchoolClass;
  dormRoom: DormRoom;
  pupil: Pupil;
  area: Area;
  checklistItem: ChecklistItem;
}
export type ReferenceType = keyof ReferenceEntities;

/** One record as shown: the entity, the server version it is based on, and whether it waits to sync. */
export interface Entry<T> {
  entity: T;
  /** The base for the next edit: the server's version plus this phone's pending edits. */
  version: number | null;
  /** The version last pulled; null while the server has not got the record yet. */
  serverVersion: number | null;
  hasPendingChanges: boolean;
}

// The view holds what the server sent (pulled pages) or what the registry's schemas accepted
// (pending mutations), so rows are trusted here; a row without an object is skipped.
export function toEntry<T>(row: ViewRow): Entry<T> | undefined {
  if (typeof row.data !== "object" || row.data === null) return undefined;
  return {
    entity: row.data as T,
    version: row.version,
    serverVersion: row.serverVersion ?? null,
    hasPendingChanges: row.hasPendingChanges,
  };
}

/** Every record of a type in a school (unsorted). */
export async function listEntries<K extends ReferenceType>(
  db: SafetyRoundsDb,
  schoolId: string,
  entityType: K,
): Promise<Entry<ReferenceEntities[K]>[]> {
  const rows = await db.view.where("[schoolId+entityType]").equals([schoolId, entityType]).toArray();
  const out: Entry<ReferenceEntities[K]>[] = [];
  for (const row of rows) {
    const entry = toEntry<ReferenceEntities[K]>(row);
    if (entry) out.push(entry);
  }
  return out;
}

export async function getEntry<K extends ReferenceType>(
  db: SafetyRoundsDb,
  entityType: K,
  entityId: string,
): Promise<Entry<ReferenceEntities[K]> | undefined> {
  const row = await db.view.get([entityType, entityId]);
  return row ? toEntry<ReferenceEntities[K]>(row) : undefined;
}
