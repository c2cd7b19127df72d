// The server's data as this phone last pulled it (mirror), the per-school sync state, and the
// reads of the view the UI shows. A pulled page and the cursor that covers it are saved in ONE
// transaction (SYNC S5), so a crash leaves both or neither; the touched entities' view is
// re-derived in the same transaction.

import Dexie from "dexie";
import type { EntityRef } from "../../protocol/mutations.ts";
import type { Change, EntityType } from "../../protocol/sync.ts";
import type { MirrorRow, SafetyRoundsDb, SyncStateRow, ViewRow } from "./db.ts";
import {
  deriveView,
  entityKey,
  inSteps,
  loadMutationRegistry,
  parseEntityKey,
  readViewInputs,
  WRITE_CHUNK,
} from "./entity-view.ts";
import { putNewDevice } from "./meta-store.ts";
import { freshSyncState } from "./mutation-store.ts";
import { tokenVault } from "./token-vault.ts";

export interface PulledPage {
  changes: readonly Change[];
  nextCursor: string;
  /** The server did not know the cursor: everything this school had in the mirror is replaced. */
  reset?: boolean;
  /** How far the server read: past changes this device may not see (docs/need-to-know.md). */
  throughSeq?: number;
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

/**
 * Mirror rows per write batch of a pulled page. No screen watches the mirror (they read the
 * view), so its batches may reach Dexie's 50, from which a write is noted as "the whole table
 * changed" instead of key by key (B2: skipping that bookkeeping made the import of 10,000
 * records ~20% faster at CPU ×4). View rows stay at WRITE_CHUNK, under 50 (entity-view.ts).
 */
const MIRROR_CHUNK = 50;

/**
 * Saves one pulled page, its cursor and the re-derived view in one transaction (S5). All reads
 * come first (the outbox entries this page retires or that overlay its entities, the cursor
 * row, mirror rows of retired entries' entities not in the page); then the page's mirror rows
 * and view rows are written together in steps (inSteps), one step in flight: the page costs a
 * few round trips plus one per step, not one per table and batch.
 */
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
    // What the mirror holds for the page's entities once it is written (undefined: nothing), so
    // the view need not read it back.
    const known = new Map<string, MirrorRow | undefined>();
    if (page.reset) {
      // Start again from nothing: forget this school's mirror; the page refills it.
      const old = await db.mirror.where("schoolId").equals(schoolId).primaryKeys();
      for (const [entityType, entityId] of old) {
        refs.push({ entityType, entityId });
        known.set(entityKey({ entityType, entityId }), undefined);
      }
      await db.mirror.where("schoolId").equals(schoolId).delete();
    }
    // The page's last word on each entity.
    const last = new Map<string, Change>();
    for (const change of page.changes) {
      const id = entityKey(change);
      last.delete(id);
      last.set(id, change);
    }
    const mirrorPuts: MirrorRow[] = [];
    const mirrorDeletes: [EntityType, string][] = [];
    for (const change of last.values()) {
      refs.push({ entityType: change.entityType, entityId: change.entityId });
      if (change.op === "delete") {
        known.set(entityKey(change), undefined);
        mirrorDeletes.push([change.entityType, change.entityId]);
        continue;
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
      mirrorPuts.push(row);
    }
    // Applied entries whose effect this page brought (or an earlier one) stop overlaying.
    // An entry whose effect the device may not see is passed all the same (throughSeq).
    let newestSeq = page.throughSeq ?? 0;
    for (const change of page.changes) if (change.serverSeq > newestSeq) newestSeq = change.serverSeq;
    const [retired, state] = await Dexie.Promise.all([
      db.outbox
        .where("[schoolId+appliedSeq]")
        .between([schoolId, Dexie.minKey], [schoolId, page.reset ? Dexie.maxKey : newestSeq], true, true)
        .toArray()
        .then((rows) => rows.filter((row) => row.status === "applied")),
      db.syncState.get(schoolId),
    ]);
    const retiredIds = new Set<string>();
    for (const row of retired) {
      retiredIds.add(row.mutationId);
      for (const key of row.touchKeys) refs.push(parseEntityKey(key));
    }
    const inputs = await readViewInputs(db, refs, known);
    // The retired entries are deleted below: they no longer overlay.
    if (retiredIds.size > 0)
      inputs.touching = inputs.touching.filter((row) => !retiredIds.has(row.mutationId));
    const view = deriveView(registry, inputs);
    const writes: Promise<unknown>[] = [
      db.syncState.put({
        ...(state ?? freshSyncState(schoolId)),
        cursor: page.nextCursor,
        lastPullAt: now(),
      }),
    ];
    if (retiredIds.size > 0) writes.push(db.outbox.bulkDelete([...retiredIds]));
    if (mirrorDeletes.length > 0) writes.push(db.mirror.bulkDelete(mirrorDeletes));
    if (view.deletes.length > 0) writes.push(db.view.bulkDelete(view.deletes));
    // The rows themselves, in steps of MIRROR_CHUNK mirror rows and WRITE_CHUNK view rows.
    const steps = Math.max(
      Math.ceil(mirrorPuts.length / MIRROR_CHUNK),
      Math.ceil(view.puts.length / WRITE_CHUNK),
    );
    writes.push(
      inSteps(steps, (i) => {
        const batch: Promise<unknown>[] = [];
        const mirrorRows = mirrorPuts.slice(i * MIRROR_CHUNK, (i + 1) * MIRROR_CHUNK);
        const viewRows = view.puts.slice(i * WRITE_CHUNK, (i + 1) * WRITE_CHUNK);
        if (mirrorRows.length > 0) batch.push(db.mirror.bulkPut(mirrorRows));
        if (viewRows.length > 0) batch.push(db.view.bulkPut(viewRows));
        return Dexie.Promise.all(batch);
      }),
    );
    await Promise.all(writes);
  });
}

/**
 * The server revoked this device for this school (a lost or stolen phone): delete the
 * school's mirror, view, outbox, photos, urgent alerts and cursor, and forget its accounts'
 * tokens (sealed, send-only and in memory) and PINs. Other schools' rows, outbox included, are untouched (S8). The deviceSeq
 * counter stays: the server remembers the sequence.
 */
export async function wipeSchool(db: SafetyRoundsDb, schoolId: string): Promise<void> {
  const people = await db.transaction(
    "rw",
    [db.mirror, db.view, db.outbox, db.syncState, db.accounts, db.meta, db.photos, db.urgentAlerts],
    async () => {
      // The server refuses the revoked device id for good: the phone starts again as a new device.
      await putNewDevice(db);
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
      await db.accounts
        .where("schoolId")
        .equals(schoolId)
        .modify((row) => {
          Object.assign(row, {
            sealedToken: null,
            sendOnlyToken: null,
            tokenExpiresAt: null,
            pinLength: null,
            pinFailures: 0,
            needsLogin: true,
            isSignedOut: true,
          });
          delete row.legacyPin;
        });
      return db.accounts.where("schoolId").equals(schoolId).primaryKeys();
    },
  );
  const vault = tokenVault(db);
  for (const userId of people) vault.drop(userId);
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
