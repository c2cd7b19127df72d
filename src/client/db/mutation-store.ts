// The one way the phone changes shared data: `mutate` validates the arguments with the
// registry, allocates the next deviceSeq and writes the outbox entry and the re-derived view
// in ONE transaction (SYNC S1). Entries leave the outbox only on a per-mutation verdict (S2);
// refused ones stay, out of the view, until a person dismisses or redoes them (S4). Each entry
// carries its actor, so another person on the same phone never sends it as theirs (S7).
import Dexie from "dexie";
import { ulid } from "ulidx";
import type { EntityRef, MutationArgs, MutationType } from "../../protocol/mutations.ts";
import type { Verdict } from "../../protocol/sync.ts";
import type { OutboxRow, OutboxStatus, SafetyRoundsDb, SyncStateRow, UrgentAlertRow } from "./db.ts";
import {
  deriveView,
  entityKey,
  loadMutationRegistry,
  parseEntityKey,
  readViewInputs,
  rederiveView,
  writeView,
} from "./entity-view.ts";

/** The arguments do not fit the mutation type, or the actor cannot make it here. Nothing was saved. */
export class InvalidMutationError extends Error {
  override readonly name = "InvalidMutationError";
}

export interface MutateInput<T extends MutationType = MutationType> {
  type: T;
  args: MutationArgs<T>;
  actorUserId: string;
  schoolId: string;
  /** Compare-and-set: the view's `version` of the entity being changed; omit when creating. */
  baseVersion?: number;
  /** An urgent-lane alert raised by this change, queued in the same transaction. */
  urgentAlert?: UrgentAlertInput;
  /**
   * Several alerts raised by one change (a roll call with two unaccounted pupils raises one
   * each), queued in the same transaction; together with `urgentAlert` when both are given.
   */
  urgentAlerts?: readonly UrgentAlertInput[];
}

export type UrgentAlertInput = Pick<UrgentAlertRow, "alertId" | "kind" | "subjectId" | "message" | "facts">;

export interface StoreOptions {
  /** Phone clock, ms. */
  now?: () => number;
}

// ---------------------------------------------------------------------------------------------
// "Something was written": the sync triggers listen, in this tab and (via BroadcastChannel) in
// the tab that holds the sync lock.

export const OUTBOX_CHANNEL = "safety-rounds-outbox";
const writeListeners = new Set<() => void>();

export function subscribeOutboxWrites(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

// One channel for the page's life: opening one per save cost about 0.35 ms of every save (B2).
let outboxChannel: BroadcastChannel | undefined;

function announceWrite(): void {
  for (const listener of writeListeners) listener();
  if (typeof BroadcastChannel === "undefined") return;
  try {
    if (!outboxChannel) {
      outboxChannel = new BroadcastChannel(OUTBOX_CHANNEL);
      // Node (tests): an open channel must not keep the process alive.
      (outboxChannel as { unref?: () => void }).unref?.();
    }
    outboxChannel.postMessage("write");
  } catch {
    // Other tabs pick the entry up on their next timer or visibility trigger.
    outboxChannel = undefined;
  }
}

// ---------------------------------------------------------------------------------------------

export function freshSyncState(schoolId: string): SyncStateRow {
  return {
    schoolId,
    cursor: null,
    nextDeviceSeq: 1,
    lastPullAt: null,
    lastPushAt: null,
    lastSuccessAt: null,
    clockSkewMs: null,
    isClockSuspect: false,
  };
}

async function allocateDeviceSeq(db: SafetyRoundsDb, schoolId: string): Promise<number> {
  const state = (await db.syncState.get(schoolId)) ?? freshSyncState(schoolId);
  await db.syncState.put({ ...state, nextDeviceSeq: state.nextDeviceSeq + 1 });
  return state.nextDeviceSeq;
}

function refsOf(row: Pick<OutboxRow, "touchKeys">): EntityRef[] {
  return row.touchKeys.map(parseEntityKey);
}

function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(args)"}: ${i.message}`).join("; ");
}

async function prepare(type: string, args: unknown, baseVersion: number | undefined) {
  const registry = await loadMutationRegistry();
  const def = registry.mutationDef(type);
  if (!def) throw new InvalidMutationError(`unknown mutation type "${type}"`);
  const parsed = def.args.safeParse(args);
  if (!parsed.success) throw new InvalidMutationError(`${type}: ${describeIssues(parsed.error)}`);
  if (baseVersion !== undefined) {
    if (!def.isCompareAndSet) throw new InvalidMutationError(`${type} takes no baseVersion`);
    if (!Number.isInteger(baseVersion) || baseVersion < 0)
      throw new InvalidMutationError(`${type}: baseVersion must be a whole number ≥ 0`);
  }
  const touchKeys = def.touches(parsed.data).map(entityKey);
  return { registry, def, args: parsed.data as Record<string, unknown>, touchKeys };
}

// urgentAlerts is missing from a database still on an older schema (scenario 13, before the
// update has opened it at version 6).
const writeTables = (db: SafetyRoundsDb) =>
  [db.outbox, db.view, db.mirror, db.syncState, db.accounts, db.urgentAlerts].filter(
    (table) => table !== undefined,
  );

/** A save locks only what it writes or reads: urgentAlerts only when it queues an alert. */
const saveTables = (db: SafetyRoundsDb, withAlert: boolean) =>
  withAlert ? writeTables(db) : [db.outbox, db.view, db.mirror, db.syncState, db.accounts];

/**
 * Records a change made by `actorUserId`: outbox entry + view in one transaction (S1).
 * Throws InvalidMutationError (and saves nothing) on bad arguments. Returns the mutationId.
 */
export async function mutate<T extends MutationType>(
  db: SafetyRoundsDb,
  input: MutateInput<T>,
  options: StoreOptions = {},
): Promise<string> {
  const now = options.now ?? Date.now;
  const { registry, def, args, touchKeys } = await prepare(input.type, input.args, input.baseVersion);
  const mutationId = ulid(now());
  const refs = touchKeys.map(parseEntityKey);
  const alerts = [...(input.urgentAlert ? [input.urgentAlert] : []), ...(input.urgentAlerts ?? [])];
  // All reads together, then all writes together: a save is two round trips, not one per
  // request. The view is derived with the new entry added to what the outbox already holds.
  // Dexie promises throughout: no native await inside the transaction (see entity-view.ts).
  await db.transaction("rw", saveTables(db, alerts.length > 0), () =>
    Dexie.Promise.all([
      // The actor is checked inside the transaction, against the account as it is now (S7).
      db.accounts.get(input.actorUserId),
      db.syncState.get(input.schoolId),
      readViewInputs(db, refs),
    ]).then(([actor, state, viewInputs]) => {
      if (!actor) throw new InvalidMutationError(`no account ${input.actorUserId} on this phone`);
      if (actor.schoolId !== input.schoolId)
        throw new InvalidMutationError(
          `account ${input.actorUserId} does not belong to school ${input.schoolId}`,
        );
      const seqState = state ?? freshSyncState(input.schoolId);
      const row: OutboxRow = {
        mutationId,
        deviceSeq: seqState.nextDeviceSeq,
        type: def.type,
        typeVersion: def.typeVersion,
        args,
        actorUserId: input.actorUserId,
        schoolId: input.schoolId,
        clientCreatedAt: new Date(now()).toISOString(),
        status: "pending",
        attempts: 0,
        createdAt: now(),
        touchKeys,
      };
      if (input.baseVersion !== undefined) row.baseVersion = input.baseVersion;
      const writes: Promise<unknown>[] = [
        db.syncState.put({ ...seqState, nextDeviceSeq: seqState.nextDeviceSeq + 1 }),
        db.outbox.add(row),
        writeView(db, deriveView(registry, viewInputs, [row])),
      ];
      for (const alert of alerts)
        writes.push(
          db.urgentAlerts.put({
            ...alert,
            schoolId: input.schoolId,
            actorUserId: input.actorUserId,
            clientCreatedAt: row.clientCreatedAt,
            status: "pending",
            attempts: 0,
            lastError: null,
            sentAt: null,
          }),
        );
      return Dexie.Promise.all(writes);
    }),
  );
  announceWrite();
  return mutationId;
}

/**
 * Queues an urgent-lane alert on its own, before any record that explains it is saved: a pupil
 * marked unaccounted in the middle of a roll call is reported at once (SPEC §3), while the
 * roll call itself is still being taken.
 */
export async function queueUrgentAlert(
  db: SafetyRoundsDb,
  actor: { actorUserId: string; schoolId: string },
  alert: UrgentAlertInput,
  options: StoreOptions = {},
): Promise<void> {
  const now = options.now ?? Date.now;
  await db.urgentAlerts.put({
    ...alert,
    schoolId: actor.schoolId,
    actorUserId: actor.actorUserId,
    clientCreatedAt: new Date(now()).toISOString(),
    status: "pending",
    attempts: 0,
    lastError: null,
    sentAt: null,
  });
  announceWrite();
}

/** A person saw a refused entry and lets it go. Pending entries cannot be dismissed. */
export async function dismiss(db: SafetyRoundsDb, mutationId: string): Promise<boolean> {
  const registry = await loadMutationRegistry();
  return db.transaction("rw", [db.outbox, db.view, db.mirror], async () => {
    const row = await db.outbox.get(mutationId);
    if (!row || row.status === "pending") return false;
    await db.outbox.delete(mutationId);
    await rederiveView(db, registry, refsOf(row));
    return true;
  });
}

/**
 * Tries a refused entry again as a NEW mutation (new id, next deviceSeq) with the same type
 * and arguments; compare-and-set types take the mirror's current version as their base, so
 * the person's change now knowingly replaces what the server has. The old entry is removed.
 */
export async function redo(
  db: SafetyRoundsDb,
  mutationId: string,
  options: StoreOptions = {},
): Promise<string> {
  const now = options.now ?? Date.now;
  const old = await db.outbox.get(mutationId);
  if (!old) throw new InvalidMutationError(`no outbox entry ${mutationId}`);
  if (old.status === "pending") throw new InvalidMutationError("a pending entry is still being sent");
  const { registry, def, args, touchKeys } = await prepare(old.type, old.args, undefined);
  const newId = ulid(now());
  await db.transaction("rw", writeTables(db), async () => {
    const current = await db.outbox.get(mutationId);
    if (!current || current.status === "pending")
      throw new InvalidMutationError("the entry changed meanwhile");
    const row: OutboxRow = {
      mutationId: newId,
      deviceSeq: await allocateDeviceSeq(db, old.schoolId),
      type: def.type,
      typeVersion: def.typeVersion,
      args,
      actorUserId: old.actorUserId,
      schoolId: old.schoolId,
      clientCreatedAt: new Date(now()).toISOString(),
      status: "pending",
      attempts: 0,
      createdAt: now(),
      touchKeys,
    };
    const first = touchKeys[0];
    if (def.isCompareAndSet && first) {
      // The view counts the server's version and this phone's other pending edits of the record.
      const seen = await db.view.get(keyOf(parseEntityKey(first)));
      if (seen?.version) row.baseVersion = seen.version;
    }
    await db.outbox.delete(mutationId);
    await db.outbox.add(row);
    await rederiveView(db, registry, [...refsOf(old), ...touchKeys.map(parseEntityKey)]);
  });
  announceWrite();
  return newId;
}

function keyOf(ref: EntityRef): [EntityRef["entityType"], string] {
  return [ref.entityType, ref.entityId];
}

// ---------------------------------------------------------------------------------------------
// Reads for the UI.

/** A person's refused entries (rejected or conflict), oldest first: the needs-attention list. */
export async function listNeedsAttention(db: SafetyRoundsDb, actorUserId: string): Promise<OutboxRow[]> {
  const rows = await db.outbox
    .where("[actorUserId+status]")
    .anyOf([
      [actorUserId, "rejected"],
      [actorUserId, "conflict"],
    ])
    .toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

/** How many of a person's entries are not yet sent (ask before logging out; S7). */
export function countUnsent(db: SafetyRoundsDb, actorUserId: string): Promise<number> {
  return db.outbox.where("[actorUserId+status]").equals([actorUserId, "pending"]).count();
}

export interface OutboxCounts {
  pendingCount: number;
  /** Rejected and conflicting entries waiting for a person. */
  rejectedCount: number;
}

export async function countOutbox(db: SafetyRoundsDb): Promise<OutboxCounts> {
  const [pendingCount, rejectedCount] = await Promise.all([
    db.outbox.where("status").equals("pending").count(),
    db.outbox.where("status").anyOf(["rejected", "conflict"]).count(),
  ]);
  return { pendingCount, rejectedCount };
}

// ---------------------------------------------------------------------------------------------
// For the sync engine.

/** The first `limit` pending entries of a school, in deviceSeq order (re-read every batch). */
export async function listPending(db: SafetyRoundsDb, schoolId: string, limit: number): Promise<OutboxRow[]> {
  return db.outbox
    .where("[schoolId+status+deviceSeq]")
    .between([schoolId, "pending", Dexie.minKey], [schoolId, "pending", Dexie.maxKey])
    .limit(limit)
    .toArray();
}

export async function markAttempted(db: SafetyRoundsDb, mutationIds: readonly string[]): Promise<void> {
  // By primary key in bulk: a cursor over anyOf() steps through the outbox entry by entry.
  await db.transaction("rw", db.outbox, async () => {
    const rows = await db.outbox.bulkGet([...mutationIds]);
    await db.outbox.bulkPut(rows.flatMap((row) => (row ? [{ ...row, attempts: row.attempts + 1 }] : [])));
  });
}

/**
 * Applies the server's per-mutation verdicts in one transaction: applied and duplicate
 * entries leave the outbox, rejected and conflict stay with their verdict (S2, S4), and the
 * touched entities' view is re-derived. Verdicts for ids not in `sentIds` are ignored.
 */
export async function applyVerdicts(
  db: SafetyRoundsDb,
  verdicts: readonly Verdict[],
  sentIds: ReadonlySet<string>,
): Promise<{ settled: number; answered: number }> {
  const registry = await loadMutationRegistry();
  return db.transaction("rw", [db.outbox, db.view, db.mirror], async () => {
    const refs: EntityRef[] = [];
    // Sent ids the server gave a verdict for, whether or not this tab still had them: another
    // tab of the same phone may have settled them first.
    const answered = [
      ...new Map(verdicts.filter((v) => sentIds.has(v.mutationId)).map((v) => [v.mutationId, v])).values(),
    ];
    // Read and write the batch in bulk: one await per step, not four per entry (a backlog of
    // thousands drains in batches of 200, scenario 8).
    const rows = await db.outbox.bulkGet(answered.map((v) => v.mutationId));
    const settling = answered.flatMap((verdict, i) => {
      const row = rows[i];
      return row?.status === "pending" ? [{ verdict, row }] : [];
    });
    const touchKeys = [...new Set(settling.flatMap(({ row }) => row.touchKeys))];
    const mirrored = await db.mirror.bulkGet(touchKeys.map((k) => keyOf(parseEntityKey(k))));
    const pulledSeq = new Map(touchKeys.map((k, i) => [k, mirrored[i]?.serverSeq ?? 0]));
    const knownMirror = new Map(touchKeys.map((k, i) => [k, mirrored[i]]));
    const gone: string[] = [];
    const changed: OutboxRow[] = [];
    for (const { verdict, row } of settling) {
      if (verdict.status === "applied" || verdict.status === "duplicate") {
        // Out of the queue for good (S2). It stays in the view until a pull covers its effect,
        // unless the mirror already has it (pulled before this answer came).
        const newestPulled = Math.max(0, ...row.touchKeys.map((k) => pulledSeq.get(k) ?? 0));
        if (verdict.serverSeq === undefined || newestPulled >= verdict.serverSeq) {
          gone.push(row.mutationId);
          refs.push(...refsOf(row));
        }
        // Applied entries overlay the view exactly as pending ones do (entity-view.ts overlays),
        // so an entry that only turns applied leaves its entities' view as it is: no re-derive
        // (a backlog drain settles thousands this way).
        else changed.push({ ...row, status: "applied", appliedSeq: verdict.serverSeq });
      } else {
        refs.push(...refsOf(row));
        const status: OutboxStatus = verdict.status;
        changed.push({
          ...row,
          status,
          verdict: {
            reason: verdict.reason ?? status,
            message: verdict.message ?? verdict.reason ?? status,
            ...(verdict.serverState !== undefined ? { serverState: verdict.serverState } : {}),
          },
        });
      }
    }
    await db.outbox.bulkDelete(gone);
    await db.outbox.bulkPut(changed);
    const settled = settling.length;
    await rederiveView(db, registry, refs, knownMirror);
    return { settled, answered: answered.length };
  });
}

/**
 * The server expects deviceSeq `expected` but this phone's first pending entry is later:
 * the entries in between are gone from the phone (storage cleared, server restored from a
 * backup). The server has applied nothing from `expected` on, so the pending entries are
 * renumbered from there, in their order, keeping their ids. Returns false when that is not
 * the situation (nothing changed).
 */
export async function renumberPending(
  db: SafetyRoundsDb,
  schoolId: string,
  expected: number,
): Promise<boolean> {
  return db.transaction("rw", [db.outbox, db.syncState], async () => {
    const pending = await db.outbox
      .where("[schoolId+status+deviceSeq]")
      .between([schoolId, "pending", Dexie.minKey], [schoolId, "pending", Dexie.maxKey])
      .toArray();
    const first = pending[0];
    if (!first || first.deviceSeq <= expected) return false;
    let seq = expected;
    for (const row of pending) await db.outbox.update(row.mutationId, { deviceSeq: seq++ });
    const state = (await db.syncState.get(schoolId)) ?? freshSyncState(schoolId);
    await db.syncState.put({ ...state, nextDeviceSeq: seq });
    return true;
  });
}
