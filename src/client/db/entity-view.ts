// The view the UI reads: each entity as last pulled (mirror) with this phone's pending
// mutations replayed on top, in deviceSeq order, through the registry's applyOptimistic.
// Only the entities a change touches are re-derived; callers run this inside their own
// read-write transaction over mirror, view and outbox, so the view never disagrees with them.
import type { EntityRef, MutationDef } from "../../protocol/mutations.ts";
import type { EntityType } from "../../protocol/sync.ts";
import type { OutboxRow, SafetyRoundsDb } from "./db.ts";

/** The part of the mutation registry the phone needs (protocol/mutations.ts). */
export interface MutationRegistry {
  mutationDef(type: string): MutationDef | undefined;
}

let registry: Promise<MutationRegistry> | undefined;

/**
 * The registry pulls in zod and every schema, so it is loaded on the first write or pull
 * instead of with the first screen. Await it BEFORE opening a Dexie transaction: awaiting a
 * foreign promise inside one commits it early.
 */
export function loadMutationRegistry(): Promise<MutationRegistry> {
  registry ??= import("../../protocol/mutations.ts").catch((error: unknown) => {
    registry = undefined;
    throw error;
  });
  return registry;
}

/** "class:01J…": the outbox's touchKeys index entry for an entity. */
export function entityKey(ref: EntityRef): string {
  return `${ref.entityType}:${ref.entityId}`;
}

export function parseEntityKey(key: string): EntityRef {
  const at = key.indexOf(":");
  return { entityType: key.slice(0, at) as EntityType, entityId: key.slice(at + 1) };
}

function uniqueRefs(refs: Iterable<EntityRef>): EntityRef[] {
  const seen = new Map<string, EntityRef>();
  for (const ref of refs) seen.set(entityKey(ref), ref);
  return [...seen.values()];
}

/**
 * A per-type secondary key, indexed with [schoolId+entityType+key], so the board and the
 * ledger read one day (or the open hazards) without scanning a year of records:
 * rounds and day closes by local date; hazards open by deadline ("open:…"), rectified ones
 * waiting for verification ("verify:…") and closed ones by when found ("closed:…").
 */
export function viewKey(entityType: EntityType, data: unknown): string | undefined {
  const d = data as Record<string, unknown>;
  switch (entityType) {
    case "round":
    case "dayClose":
      return typeof d.date === "string" ? d.date : undefined;
    case "hazard": {
      const state = d.state;
      if (state === "closed") return `closed:${String(d.foundAt)}`;
      if (state === "rectified") return `verify:${String(d.foundAt)}`;
      return `open:${String(d.deadline)}`;
    }
    default:
      return undefined;
  }
}

/** Pending outbox entries overlay the view; rejected and conflicting ones no longer do (S4). */
function overlays(row: OutboxRow): boolean {
  // Applied entries keep showing until the pull brings their effect, so a record never
  // disappears between its verdict and the next pull (or when the network drops in between).
  return row.status === "pending" || row.status === "applied";
}

/**
 * Recomputes the view rows of `refs` from the mirror and the pending outbox. Must run inside
 * a "rw" transaction that includes db.mirror, db.view and db.outbox.
 */
export async function rederiveView(
  db: SafetyRoundsDb,
  registry: MutationRegistry,
  refs: Iterable<EntityRef>,
): Promise<void> {
  for (const ref of uniqueRefs(refs)) {
    const key: [EntityType, string] = [ref.entityType, ref.entityId];
    const mirrored = await db.mirror.get(key);
    const pending = (await db.outbox.where("touchKeys").equals(entityKey(ref)).toArray())
      .filter(overlays)
      .sort((a, b) => a.deviceSeq - b.deviceSeq || a.createdAt - b.createdAt);
    let data: unknown = mirrored ? mirrored.data : null;
    let replayed = 0;
    for (const entry of pending) {
      const def = registry.mutationDef(entry.type);
      // A type this version of the app no longer knows cannot be shown; it is still sent.
      if (!def) continue;
      data = def.applyOptimistic(entry.args, ref, data ?? null, {
        mutationId: entry.mutationId,
        actorUserId: entry.actorUserId,
        clientCreatedAt: entry.clientCreatedAt,
      });
      replayed++;
    }
    const schoolId = mirrored?.schoolId ?? pending[0]?.schoolId;
    if (data === null || data === undefined || schoolId === undefined) {
      await db.view.delete(key);
    } else {
      await db.view.put({
        entityType: ref.entityType,
        entityId: ref.entityId,
        schoolId,
        data,
        version: mirrored || replayed > 0 ? (mirrored?.version ?? 0) + replayed : null,
        serverVersion: mirrored ? mirrored.version : null,
        hasPendingChanges: replayed > 0,
        key: viewKey(ref.entityType, data),
      });
    }
  }
}
