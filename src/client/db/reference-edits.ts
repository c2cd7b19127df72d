// Admin edits of the school's reference data, saved offline: each picks its compare-and-set
// base version and goes through mutate(), which writes the record's view and its outbox entry in
// one transaction (SYNC S1) and validates the arguments with the registry first.
import type { MutationType } from "../../protocol/mutations.ts";
import type { SchoolSettings } from "../../protocol/reference.ts";
import type { EntityType } from "../../protocol/sync.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { type MutateInput, mutate } from "./mutation-store.ts";
import type { ReferenceEntities, ReferenceType } from "./reference-view.ts";

/**
 * The base version for the next compare-and-set edit of an entity: its view version (the
 * server's version plus this phone's pending edits of it). Undefined means "create".
 */
export async function nextBaseVersion(
  db: SafetyRoundsDb,
  entityType: EntityType,
  entityId: string,
): Promise<number | undefined> {
  return (await db.view.get([entityType, entityId]))?.version ?? undefined;
}

type UpsertType = Exclude<MutationType, "school.updateSettings">;
const UPSERT_TYPES: { [K in Exclude<ReferenceType, "school">]: UpsertType } = {
  staff: "staff.upsert",
  class: "class.upsert",
  dormRoom: "dormRoom.upsert",
  pupil: "pupil.upsert",
  area: "area.upsert",
  checklistItem: "checklistItem.upsert",
};

export interface Actor {
  actorUserId: string;
  schoolId: string;
}

/** Saves a whole record offline (create or edit); returns the mutationId. */
export async function saveReference<K extends Exclude<ReferenceType, "school">>(
  db: SafetyRoundsDb,
  actor: Actor,
  entityType: K,
  entity: ReferenceEntities[K],
): Promise<string> {
  const baseVersion = await nextBaseVersion(db, entityType, entity.id);
  // The registry parses the arguments against the type's schema before anything is written.
  const input = {
    type: UPSERT_TYPES[entityType],
    args: { entity },
    actorUserId: actor.actorUserId,
    schoolId: actor.schoolId,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  } as MutateInput<UpsertType>;
  return mutate(db, input);
}

/** Saves the school's settings (time zone, time slots) offline. */
export async function saveSchoolSettings(
  db: SafetyRoundsDb,
  actor: Actor,
  settings: SchoolSettings,
): Promise<string> {
  const baseVersion = await nextBaseVersion(db, "school", actor.schoolId);
  return mutate(db, {
    type: "school.updateSettings",
    args: { schoolId: actor.schoolId, settings },
    actorUserId: actor.actorUserId,
    schoolId: actor.schoolId,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
}
