// The view the UI reads: each entity as last pulled (mirror) with this phone's pending
// mutations replayed on top, in deviceSeq order, through the registry's applyOptimistic.
// Only the entities a change touches are re-derived; callers run this inside their own
// read-write transaction over mirror, view and outbox, so the view never disagrees with them.
// Inside a transaction these functions chain Dexie's own promises rather than awaiting native
// ones: each native await in a Dexie transaction costs it a zone switch (B2: with single-row
// get/put, ~10% of a save's time at CPU ×6).
import Dexie from "dexie";
import type { EntityRef, MutationDef } from "../../protocol/mutations.ts";
import type { EntityType } from "../../protocol/sync.ts";
import type { MirrorRow, OutboxRow, SafetyRoundsDb, ViewRow } from "./db.ts";

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
 * rounds, day closes, duty slots, hand-overs and education records by local date; weekly
 * summaries and reminders by their week's Monday; commendations by month; hazards open by deadline ("open:…"), rectified ones
 * waiting for verification ("verify:…") and closed ones by when found ("closed:…").
 */
export function viewKey(entityType: EntityType, data: unknown): string | undefined {
  const d = data as Record<string, unknown>;
  switch (entityType) {
    case "round":
    case "dayClose":
    case "dutySlot":
    case "handover":
    case "education":
      return typeof d.date === "string" ? d.date : undefined;
    case "weeklySummary":
    case "summaryReminder":
      return typeof d.weekStart === "string" ? d.weekStart : undefined;
    case "commendation":
      return typeof d.month === "string" ? d.month : undefined;
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
 * View rows per batch of write requests. A batch's rows are cloned into IndexedDB in one go on
 * the main thread; 40 keeps that short on a slow phone (B2: CPU ×4, no task over 50 ms), and
 * under Dexie's 50, below which a write records the exact keys it changed, so a live query of
 * other records (the board's day, say) is not re-run after every pulled page.
 */
export const WRITE_CHUNK = 40;

/**
 * Runs `issue(0)`, `issue(1)` … `issue(steps - 1)`, giving the main thread back between them:
 * each step's requests are issued, then the step before it awaited (one step always in flight,
 * so the transaction never runs out of requests and commits early).
 */
export async function inSteps(steps: number, issue: (step: number) => Promise<unknown>): Promise<void> {
  let previous: Promise<unknown> | undefined;
  for (let i = 0; i < steps; i++) {
    const current = issue(i);
    // Awaited below; if an earlier step fails first, this one's failure is not left unhandled.
    current.catch(() => undefined);
    if (previous) await previous;
    previous = current;
  }
  await previous;
}

/** Issues `write` for the items WRITE_CHUNK at a time (see inSteps). */
export function inChunks<T>(items: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  return inSteps(Math.ceil(items.length / WRITE_CHUNK), (i) =>
    write(items.slice(i * WRITE_CHUNK, (i + 1) * WRITE_CHUNK)),
  );
}

/** Below this many entries the whole outbox is read at once and matched in memory. */
const SMALL_OUTBOX = 64;

/**
 * The outbox entries that touch any of `keys`, each once. One entity (a save) is one index
 * read. For several, a small outbox (the usual case: a few entries waiting) is read whole in
 * one request; a big one (a week offline, then the drain) gets one `equals` read per key, all
 * in flight together. Not `anyOf`: it walks a cursor that jumps from key to key, a request per
 * step, and over an outbox of thousands those steps dominated the push and the pull (B1).
 */
function readTouching(db: SafetyRoundsDb, keys: readonly string[]): Promise<OutboxRow[]> {
  const byKey = (key: string) => db.outbox.where("touchKeys").equals(key).toArray();
  if (keys.length === 1) return byKey(keys[0] as string);
  return db.outbox
    .limit(SMALL_OUTBOX)
    .toArray()
    .then((some) => {
      if (some.length < SMALL_OUTBOX) {
        const wanted = new Set(keys);
        return some.filter((row) => row.touchKeys.some((key) => wanted.has(key)));
      }
      return Dexie.Promise.all(keys.map(byKey)).then((lists) => {
        const byId = new Map<string, OutboxRow>();
        for (const list of lists) for (const row of list) byId.set(row.mutationId, row);
        return [...byId.values()];
      });
    });
}

/** What re-deriving some entities' view needs to read: their mirror rows and outbox entries. */
export interface ViewInputs {
  refs: EntityRef[];
  mirrored: (MirrorRow | undefined)[];
  touching: OutboxRow[];
}

/**
 * Reads the inputs of a re-derivation as one batch (a get or bulkGet, one index read per entity).
 * `knownMirror`: mirror rows the caller has just written or is about to write in the same
 * transaction (undefined: deleted), so they are not read. Returns a Dexie promise (see top).
 */
export function readViewInputs(
  db: SafetyRoundsDb,
  refs: Iterable<EntityRef>,
  knownMirror?: ReadonlyMap<string, MirrorRow | undefined>,
): Promise<ViewInputs> {
  const unique = uniqueRefs(refs);
  if (unique.length === 0) return Dexie.Promise.resolve({ refs: unique, mirrored: [], touching: [] });
  const unknown = knownMirror ? unique.filter((ref) => !knownMirror.has(entityKey(ref))) : unique;
  const only = unknown.length === 1 ? (unknown[0] as EntityRef) : undefined;
  return Dexie.Promise.all([
    only
      ? db.mirror.get([only.entityType, only.entityId]).then((row) => [row])
      : unknown.length > 0
        ? db.mirror.bulkGet(unknown.map((ref): [EntityType, string] => [ref.entityType, ref.entityId]))
        : Dexie.Promise.resolve([]),
    readTouching(db, unique.map(entityKey)),
  ]).then(([read, touching]) => {
    const fromRead = new Map(unknown.map((ref, i) => [entityKey(ref), read[i]]));
    const mirrored = unique.map((ref) => {
      const key = entityKey(ref);
      return knownMirror?.has(key) ? knownMirror.get(key) : fromRead.get(key);
    });
    return { refs: unique, mirrored, touching };
  });
}

export interface DerivedView {
  puts: ViewRow[];
  deletes: [EntityType, string][];
}

/**
 * The view rows of the inputs' entities: each mirror row with its pending (and applied, not
 * yet pulled) entries replayed in deviceSeq order. `extra`: entries being written in the same
 * transaction that the read could not see yet.
 */
export function deriveView(
  registry: MutationRegistry,
  inputs: ViewInputs,
  extra: readonly OutboxRow[] = [],
): DerivedView {
  const wanted = new Set(inputs.refs.map(entityKey));
  // Each entity's entries (an entry touching several of them is listed under each, once).
  const byEntity = new Map<string, OutboxRow[]>();
  const seen = new Set<string>();
  for (const row of [...inputs.touching, ...extra]) {
    if (seen.has(row.mutationId)) continue;
    seen.add(row.mutationId);
    if (!overlays(row)) continue;
    for (const key of row.touchKeys) {
      if (!wanted.has(key)) continue;
      const list = byEntity.get(key);
      if (list) list.push(row);
      else byEntity.set(key, [row]);
    }
  }
  const out: DerivedView = { puts: [], deletes: [] };
  inputs.refs.forEach((ref, i) => {
    const mirrored = inputs.mirrored[i];
    const pending = (byEntity.get(entityKey(ref)) ?? []).sort(
      (a, b) => a.deviceSeq - b.deviceSeq || a.createdAt - b.createdAt,
    );
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
      out.deletes.push([ref.entityType, ref.entityId]);
    } else {
      out.puts.push({
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
  });
  return out;
}

/**
 * Writes a derivation's view rows: a single row (a save) as one plain request, more in batches
 * (inChunks). Deletes and puts never name the same entity, so they go together.
 */
export function writeView(db: SafetyRoundsDb, derived: DerivedView): Promise<unknown> {
  const { puts, deletes } = derived;
  const writes: Promise<unknown>[] = [];
  if (deletes.length === 1) writes.push(db.view.delete(deletes[0] as [EntityType, string]));
  else if (deletes.length > 1) writes.push(db.view.bulkDelete(deletes));
  if (puts.length === 1) writes.push(db.view.put(puts[0] as ViewRow));
  else if (puts.length > 1) writes.push(inChunks(puts, (batch) => db.view.bulkPut(batch)));
  return Dexie.Promise.all(writes);
}

/**
 * Recomputes the view rows of `refs` from the mirror and the pending outbox. Must run inside
 * a "rw" transaction that includes db.mirror, db.view and db.outbox. The reads and the writes
 * go in batches (bulkGet, one index query, bulkPut / bulkDelete), not one awaited request per
 * entity: a pulled page of 500 records is a handful of round trips.
 */
export async function rederiveView(
  db: SafetyRoundsDb,
  registry: MutationRegistry,
  refs: Iterable<EntityRef>,
  knownMirror?: ReadonlyMap<string, MirrorRow | undefined>,
): Promise<void> {
  const inputs = await readViewInputs(db, refs, knownMirror);
  if (inputs.refs.length === 0) return;
  await writeView(db, deriveView(registry, inputs));
}
