// The server's data as this phone last pulled it (mirror), the per-school sync state, and the
// reads of the view the UI shows. A pulled page and the cursor that covers it are saved in ONE
// transaction (SYNC S5), so a crash leaves both or neither; the touched entities' view is
// re-derived in the same transaction.

import Dexie from "dexie";
import { ulid } from "ulidx";
import type { EntityRef } from "../../protocol/mutations.ts";
import type { Change, EntityType } from "../../protocol/sync.ts";
import type { MirrorRow, SafetyRoundsDb, SyncStateRow, ViewRow } from "./db.ts";
import { entityKey, inChunks, loadMutationRegistry, parseEntityKey, rederiveView } from "./entity-view.ts";
import { freshSyncState } from "./mutation-store.ts";

export interface PulledPage {
  changes: readonly Change[];
  nextCursor: string;
  /** The server did not know the cursor: everything this school had in the mirror is replaced. */
  reset?: boolean;
}

export async function readSyncState(db: SafetyRoundsDb, schoolId: string): Promise<SyncStateRow> {
  return (await db.syncState.get(schoolId)) ?? freshSyncState(schoolId);
}

/** Updates the bookkeeping fields only; deviceSeq allocation belongs to mutation-store. */
export async function noteSyncState(
  db: SafetyRoundsDb,
  schoolId: string,
  patch: Partial<Omit<SyncStateRow, "schoolId" | "nextDeviceSeq" | "cursor">>,
): Promise<void> {
  await db.transaction("rw", db.syncState, async () => {
    const state = (await db.syncState.get(schoolId)) ?? freshSyncState(schoolId);
    await db.syncState.put({ ...state, ...patch, schoolId, nextDeviceSeq: state.nextDeviceSeq });
  });
}

/** Saves one pulled page, its cursor and the re-derived view in one transaction (S5). */
export async function applyPulledPage(
  db: SafetyRoundsDb,
  schoolId: string,
  page: PulledPage,
  options: { now?: () => number } = {},
): Promise<void> {
  const now = options.now ?? Date.now;
  const registry = await loadMutationRegistry();
  await db.transaction("rw", [db.mirror, db.view, db.outbox, db.syncState], async () => {
    const refs: EntityRef[] = [];
    if (page.reset) {
      // Start again from nothing: forget this school's mirror; the page refills it.
      const old = await db.mirror.where("schoolId").equals(schoolId).toArray();
      for (const row of old) refs.push({ entityType: row.entityType, entityId: row.entityId });
      await db.mirror.where("schoolId").equals(schoolId).delete();
    }
    // The page's last word on each entity. The writes are issued in batches (inChunks), not
    // one awaited request after another: a page of 500 is a few round trips.
    const last = new Map<string, Change>();
    for (const change of page.changes) {
      refs.push({ entityType: change.entityType, entityId: change.entityId });
      const id = entityKey(change);
      last.delete(id);
      last.set(id, change);
    }
    // What the mirror holds for these entities once written, so the view need not read it back.
    const known = new Map<string, MirrorRow | undefined>();
    if (page.reset) for (const ref of refs) known.set(entityKey(ref), undefined);
    await inChunks([...last.values()], (batch) =>
      Promise.all(
        batch.map((change) => {
          if (change.op === "delete") {
            known.set(entityKey(change), undefined);
            return db.mirror.delete([change.entityType, change.entityId]);
          }
          const row: MirrorRow = {
            entityType: change.entityType,
            entityId: change.entityId,
            schoolId,
            data: change.data,
            version: change.version,
            serverSeq: change.serverSeq,
          };
          known.set(entityKey(change), row);
          return db.mirror.put(row);
        }),
      ),
    );
    // Applied entries whose effect this page brought (or an earlier one) stop overlaying.
    const newestSeq = Math.max(0, ...page.changes.map((c) => c.serverSeq));
    const retired = await db.outbox
      .where("status")
      .equals("applied")
      .filter(
        (row) => row.schoolId === schoolId && (page.reset === true || (row.appliedSeq ?? 0) <= newestSeq),
      )
      .toArray();
    for (const row of retired) {
      for (const key of row.touchKeys) refs.push(parseEntityKey(key));
      await db.outbox.delete(row.mutationId);
    }
    const state = (await db.syncState.get(schoolId)) ?? freshSyncState(schoolId);
    await db.syncState.put({ ...state, cursor: page.nextCursor, lastPullAt: now() });
    await rederiveView(db, registry, refs, known);
  });
}

/**
 * The server revoked this device for this school (a lost or stolen phone): delete the
 * school's mirror, view, outbox, photos, urgent alerts and cursor, and forget its accounts'
 * tokens and PINs. Other schools' rows, outbox included, are untouched (S8). The deviceSeq
 * counter stays: the server remembers the sequence.
 */
export async function wipeSchool(db: SafetyRoundsDb, schoolId: string): Promise<void> {
  await db.transaction(
    "rw",
    [db.mirror, db.view, db.outbox, db.syncState, db.accounts, db.meta, db.photos, db.urgentAlerts],
    async () => {
      // The server refuses the revoked device id for good: the phone starts again as a new device.
      await db.meta.put({ key: "deviceId", value: ulid() });
      await db.mirror.where("schoolId").equals(schoolId).delete();
      await db.view.where("schoolId").equals(schoolId).delete();
      await db.outbox.where("schoolId").equals(schoolId).delete();
      await db.photos.where("schoolId").equals(schoolId).delete();
      await db.urgentAlerts
        .where("[schoolId+status]")
        .between([schoolId, Dexie.minKey], [schoolId, Dexie.maxKey])
        .delete();
      // A new device numbers its mutations from 1 again.
      await db.syncState.put(freshSyncState(schoolId));
      await db.accounts.where("schoolId").equals(schoolId).modify({
        token: null,
        tokenExpiresAt: null,
        pinHash: null,
        pinSalt: null,
        pinIterations: null,
        pinLength: null,
        pinFailures: 0,
        needsLogin: true,
        isSignedOut: true,
      });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Reads of the view (what features show).

/** Every entity of a type in a school, as the UI should show it (pending work included). */
export function listView(db: SafetyRoundsDb, schoolId: string, entityType: EntityType): Promise<ViewRow[]> {
  return db.view.where("[schoolId+entityType]").equals([schoolId, entityType]).toArray();
}

export function getView(db: SafetyRoundsDb, entityType: EntityType, entityId: string) {
  return db.view.get([entityType, entityId]);
}
