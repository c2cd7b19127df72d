// Push (SYNC.md S2–S4, S6, S7): mutations in deviceSeq order, each applied all-or-nothing
// together with its stored verdict, so a retry is answered from the stored verdict and applies
// nothing twice. A gap in deviceSeq or a transient failure stops the batch; the rest stays
// pending on the phone. A mutation that can never succeed is rejected and the queue moves on.
// Fairness (issue #16 §6): each chunk and each request has a budget of time and bytes
// (limits.ts PUSH_BUDGET, CHUNK_BUDGET); past it a chunk commits early and a request stops with
// `transient`, so one school's big push holds the database for a bounded time and the next
// request of another school gets in between. The rest stays pending and comes again.
import { hash } from "node:crypto";
import { CHUNK_BUDGET, PUSH_BUDGET } from "../../protocol/limits.ts";
import { type EntityRef, type MutationDef, mutationDef } from "../../protocol/mutations.ts";
import type { Mutation, PushRequest, PushResponse, Verdict } from "../../protocol/sync.ts";
import { deviceRevoked } from "../auth/require-session.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { withSchoolChanges } from "../storage/entities.ts";
import { RecordTooLargeError } from "../storage/record-bounds.ts";
import { type SqlExecutor, TransientStorageError } from "../storage/sql-driver.ts";
import {
  findVerdicts,
  lockDevice,
  recordClockSkew,
  recordVerdict,
  recordVerdicts,
  type StoredVerdict,
  setDeviceSeq,
  type VerdictRecord,
} from "../storage/sync-log.ts";
import type { Handler, HandlerOutcome } from "./handlers/handler.ts";
import { HANDOVER_HANDLERS } from "./handlers/handover-handlers.ts";
import { REFERENCE_HANDLERS } from "./handlers/reference-handlers.ts";
import { ROSTER_HANDLERS } from "./handlers/roster-handlers.ts";
import { SAFETY_HANDLERS } from "./handlers/safety-handlers.ts";
import { SUMMARY_HANDLERS } from "./handlers/summary-handlers.ts";
import { photoOwnershipProblem } from "./photo-ownership.ts";

const HANDLERS: Record<string, Handler<unknown>> = {
  ...(REFERENCE_HANDLERS as Record<string, Handler<unknown>>),
  ...(SAFETY_HANDLERS as Record<string, Handler<unknown>>),
  ...(ROSTER_HANDLERS as Record<string, Handler<unknown>>),
  ...(HANDOVER_HANDLERS as Record<string, Handler<unknown>>),
  ...(SUMMARY_HANDLERS as Record<string, Handler<unknown>>),
};

/**
 * Mutations per database transaction. Each mutation still commits or fails whole with its
 * verdict (ChunkMode); sharing the commit saves one disk flush per mutation. The answer
 * goes out only after the commit, so no verdict is ever reported that could be lost. 200
 * rather than a whole push of 500: B4 gained ~7% from 500, but the school's change lock would
 * be held for a whole push and a push cut short would keep nothing of it (scenario 6).
 */
export const PUSH_CHUNK = 200;

type Step = { kind: "verdict"; verdict: Verdict } | { kind: "gap"; expected: number };

/** How much work a request or a chunk may do: milliseconds by deps.clock(), bytes of mutations. */
export interface WorkBudget {
  ms: number;
  bytes: number;
}
export interface PushBudget {
  request: WorkBudget;
  chunk: WorkBudget;
}
export const DEFAULT_PUSH_BUDGET: PushBudget = { request: PUSH_BUDGET, chunk: CHUNK_BUDGET };

/** What a chunk may still spend: until `until` (epoch ms) and `bytes` more. */
interface ChunkAllowance {
  until: number;
  bytes: number;
}

/** An applied mutation, logged once its chunk has committed. */
interface AppliedNote {
  m: Mutation;
  refs: EntityRef[];
}

/** What one chunk's transaction knows: the device row is locked for the whole chunk. */
interface Chunk {
  tx: SqlExecutor;
  deps: AppDeps;
  auth: AuthState;
  now: Date;
  clockSkewMs: number | undefined;
  lastDeviceSeq: number;
  stored: Map<string, StoredVerdict>;
  /**
   * "fast" mode: verdict rows waiting to be inserted together at the end of the chunk, in the
   * same transaction as the effects (one statement per 50 instead of one per mutation; nothing
   * reads them before: a repeat within the chunk is answered from `stored`). Undefined: each
   * verdict is inserted at once, inside its mutation's savepoint.
   */
  unsaved: VerdictRecord[] | undefined;
  applied: AppliedNote[];
}

export async function handlePush(
  deps: AppDeps,
  auth: AuthState,
  req: PushRequest,
  requestId?: string,
): Promise<PushResponse> {
  const now = deps.clock();
  const schoolId = auth.school.id;
  if (req.deviceId !== auth.session.deviceId) {
    throw new HttpError(403, "device_mismatch", "deviceId is not the device this session was opened on");
  }
  const clockSkewMs = req.clientTime ? Date.parse(req.clientTime) - now.getTime() : undefined;
  // With mutations, the skew is noted as each chunk locks the device (lockDevice).
  if (clockSkewMs !== undefined && req.mutations.length === 0)
    await recordClockSkew(deps.store.driver, schoolId, req.deviceId, clockSkewMs);

  const results: Verdict[] = [];
  let stopped: PushResponse["stopped"];
  const ordered = [...req.mutations].sort((a, b) => a.deviceSeq - b.deviceSeq);
  const chunkSize = deps.pushChunkSize ?? PUSH_CHUNK;
  const budget = deps.pushBudget ?? DEFAULT_PUSH_BUDGET;
  const requestUntil = now.getTime() + budget.request.ms;
  let bytesLeft = budget.request.bytes;
  for (let i = 0; i < ordered.length && !stopped; ) {
    if (i > 0 && (bytesLeft <= 0 || deps.clock().getTime() >= requestUntil)) {
      stopped = {
        reason: "transient",
        message: `this push used its share of the server (${results.length} of ${ordered.length} answered); send the rest now`,
        retryAfterMs: 0,
      };
      break;
    }
    const mutations = ordered.slice(i, i + chunkSize);
    try {
      const run = (mode: ChunkMode) => {
        // Measured from the chunk's start, so a chunk run again with savepoints has its own share.
        const allowance: ChunkAllowance = {
          until: Math.min(requestUntil, deps.clock().getTime() + budget.chunk.ms),
          bytes: Math.min(bytesLeft, budget.chunk.bytes),
        };
        return deps.store.driver.transaction((tx) =>
          withSchoolChanges(tx, auth.school.id, () =>
            applyChunk(deps, auth, mutations, now, clockSkewMs, tx, mode, allowance),
          ),
        );
      };
      // Fast first; a handler that throws undoes the chunk, which runs again with a savepoint
      // per mutation so that only the failing one is rejected.
      const out = await run("fast").catch((error: unknown) => {
        if (error instanceof HandlerFailure) return run("savepoints");
        throw error;
      });
      results.push(...out.verdicts);
      i += out.verdicts.length;
      bytesLeft -= out.bytes;
      logApplied(deps, auth, out.applied, requestId);
      if (out.gap) {
        stopped = {
          reason: "device_seq_gap",
          message: `expected deviceSeq ${out.gap.expected}, got ${out.gap.got}: send the earlier mutations first`,
          expectedDeviceSeq: out.gap.expected,
        };
      }
    } catch (error) {
      if (!(error instanceof TransientStorageError)) throw error;
      // This chunk rolled back whole; what earlier chunks committed stands.
      stopped = { reason: "transient", message: "the database is busy; the rest will be sent again" };
    }
  }
  if (results.length > 0 || stopped) {
    deps.logger.info("push", {
      school: auth.school.code,
      deviceId: req.deviceId,
      received: req.mutations.length,
      answered: results.length,
      stopped: stopped?.reason,
    });
  }
  return {
    results,
    ...(stopped ? { stopped } : {}),
    serverTime: now.toISOString(),
    ...(clockSkewMs !== undefined ? { clockSkewMs } : {}),
  };
}

/**
 * How a chunk keeps each mutation all-or-nothing (S3). A savepoint only matters when a handler
 * throws (a bug, or a statement failing half-way): whatever a handler returns, its writes are
 * kept with its verdict. "fast" runs without savepoints and, on such a throw, undoes the whole
 * chunk (HandlerFailure); "savepoints" then runs it again with one savepoint per mutation,
 * rejects the failing one and applies the rest. Two statements per mutation saved on the path
 * every push takes (B4).
 */
type ChunkMode = "fast" | "savepoints";

/** A handler threw in a chunk run without savepoints: the chunk is undone and run again. */
class HandlerFailure extends Error {
  override name = "HandlerFailure";
}

/** One chunk, inside its transaction and with the school's change lock held (withSchoolChanges). */
async function applyChunk(
  deps: AppDeps,
  auth: AuthState,
  mutations: Mutation[],
  now: Date,
  clockSkewMs: number | undefined,
  tx: SqlExecutor,
  mode: ChunkMode,
  allowance: ChunkAllowance,
): Promise<{
  verdicts: Verdict[];
  gap?: { expected: number; got: number };
  bytes: number;
  applied: AppliedNote[];
}> {
  const schoolId = auth.school.id;
  // Locking the device row makes two pushes of one device (two tabs) take turns.
  const device = await lockDevice(tx, schoolId, auth.session.deviceId, now, clockSkewMs);
  if (!device || device.isRevoked) throw deviceRevoked();
  const chunk: Chunk = {
    tx,
    deps,
    auth,
    now,
    clockSkewMs,
    lastDeviceSeq: device.lastDeviceSeq,
    stored: await findVerdicts(
      tx,
      schoolId,
      mutations.map((m) => m.mutationId),
    ),
    unsaved: mode === "fast" ? [] : undefined,
    applied: [],
  };
  const verdicts: Verdict[] = [];
  let gap: { expected: number; got: number } | undefined;
  let bytes = 0;
  for (const m of mutations) {
    // At least one mutation per chunk, so every push makes progress however large it is.
    if (verdicts.length > 0 && (bytes >= allowance.bytes || deps.clock().getTime() >= allowance.until)) break;
    const step = mode === "fast" ? await applyFast(chunk, m) : await applyInSavepoint(chunk, m);
    if (step.kind === "gap") {
      gap = { expected: step.expected, got: m.deviceSeq };
      break;
    }
    verdicts.push(step.verdict);
    bytes += Buffer.byteLength(JSON.stringify(m.args));
  }
  if (chunk.unsaved) await recordVerdicts(tx, schoolId, chunk.unsaved);
  if (chunk.lastDeviceSeq !== device.lastDeviceSeq)
    await setDeviceSeq(tx, schoolId, auth.session.deviceId, chunk.lastDeviceSeq);
  const done = { verdicts, bytes, applied: chunk.applied };
  return gap ? { ...done, gap } : done;
}

/**
 * One line per applied mutation, after its chunk committed (a chunk run again with savepoints
 * logs once): who did what to which record, never the content (issue #16).
 */
function logApplied(deps: AppDeps, auth: AuthState, applied: AppliedNote[], requestId: string | undefined) {
  for (const { m, refs } of applied) {
    const first = refs[0];
    deps.logger.info("mutation applied", {
      requestId,
      school: auth.school.code,
      staffId: m.actorUserId,
      type: m.type,
      entityType: first?.entityType,
      entityId: first?.entityId,
      ...(refs.length > 1 ? { entities: refs.length } : {}),
      mutationId: m.mutationId,
    });
  }
}

async function applyFast(chunk: Chunk, m: Mutation): Promise<Step> {
  try {
    return await applyOne(chunk, m);
  } catch (error) {
    if (error instanceof TransientStorageError || error instanceof HttpError) throw error;
    throw new HandlerFailure(`mutation ${m.mutationId} failed`, { cause: error });
  }
}

async function applyInSavepoint(chunk: Chunk, m: Mutation): Promise<Step> {
  const { tx } = chunk;
  await tx.run("SAVEPOINT mutation");
  try {
    const step = await applyOne(chunk, m);
    await tx.run("RELEASE SAVEPOINT mutation");
    return step;
  } catch (error) {
    await tx.run("ROLLBACK TO SAVEPOINT mutation");
    await tx.run("RELEASE SAVEPOINT mutation");
    if (error instanceof TransientStorageError || error instanceof HttpError) throw error;
    if (error instanceof RecordTooLargeError) {
      // A record at its bound (record-bounds.ts): this step is undone, the record stays as it was.
      const v: Verdict = {
        mutationId: m.mutationId,
        status: "rejected",
        reason: "too_large",
        message: error.message,
      };
      await store(chunk, m, v);
      return { kind: "verdict", verdict: v };
    }
    // A bug in a handler must not block this phone's queue forever: reject the mutation
    // (it stays visible on the phone to redo or dismiss) and log it for us.
    chunk.deps.logger.error("mutation handler failed", {
      mutationId: m.mutationId,
      type: m.type,
      error: String(error),
    });
    const v: Verdict = {
      mutationId: m.mutationId,
      status: "rejected",
      reason: "server_error",
      message: "the server could not apply this change",
    };
    await store(chunk, m, v);
    return { kind: "verdict", verdict: v };
  }
}

async function applyOne(chunk: Chunk, m: Mutation): Promise<Step> {
  const early = precheck(chunk, m);
  if (early) return early;
  const outcome = await decide(chunk, m);
  if (outcome.status === "applied") chunk.applied.push({ m, refs: outcome.refs });
  const v: Verdict =
    outcome.status === "applied"
      ? { mutationId: m.mutationId, status: "applied", serverSeq: outcome.serverSeq }
      : outcome.status === "conflict"
        ? {
            mutationId: m.mutationId,
            status: "conflict",
            reason: "version_conflict",
            message: outcome.message,
            serverState: outcome.serverState,
          }
        : { mutationId: m.mutationId, status: "rejected", reason: outcome.reason, message: outcome.message };
  await store(chunk, m, v);
  return { kind: "verdict", verdict: v };
}

/** Hash of everything the mutation says, so the same id with another payload is caught. */
function payloadHash(m: Mutation): string {
  const { mutationId, deviceSeq, type, typeVersion, args, actorUserId, clientCreatedAt, baseVersion } = m;
  // crypto.hash: the same SHA-256 hex as createHash, without a Hash object per mutation.
  return hash(
    "sha256",
    JSON.stringify([
      mutationId,
      deviceSeq,
      type,
      typeVersion,
      args,
      actorUserId,
      clientCreatedAt,
      baseVersion ?? null,
    ]),
  );
}

/** Checks that need no handler: a stored verdict, and the device's sequence. */
function precheck(chunk: Chunk, m: Mutation): Step | undefined {
  const stored = chunk.stored.get(m.mutationId);
  if (stored) {
    if (stored.payloadHash !== payloadHash(m)) {
      return rejectedStep(
        m,
        "mutation_id_reused",
        "this mutation id was already used for a different change",
      );
    }
    if (stored.status === "applied") {
      return {
        kind: "verdict",
        verdict: { mutationId: m.mutationId, status: "duplicate", serverSeq: stored.serverSeq ?? undefined },
      };
    }
    return {
      kind: "verdict",
      verdict: {
        mutationId: m.mutationId,
        status: stored.status,
        reason: stored.reason ?? undefined,
        message: stored.message ?? undefined,
        ...(stored.serverState !== undefined ? { serverState: stored.serverState } : {}),
      },
    };
  }
  const expected = chunk.lastDeviceSeq + 1;
  if (m.deviceSeq > expected) return { kind: "gap", expected };
  if (m.deviceSeq < expected) {
    return rejectedStep(
      m,
      "device_seq_reused",
      `deviceSeq ${m.deviceSeq} was already used by another mutation of this device`,
    );
  }
  return undefined;
}

/** A handler's outcome; an applied one names the records it wrote (for the log line). */
type Decision =
  | Exclude<HandlerOutcome, { status: "applied" }>
  | { status: "applied"; serverSeq: number; refs: EntityRef[] };

async function decide(chunk: Chunk, m: Mutation): Promise<Decision> {
  const { tx, auth, now } = chunk;
  const schoolId = auth.school.id;
  // S7: work is accepted only from its own person's token, whoever else is signed in on the
  // device (the phone sends each person's entries with that person's token, sync-engine.ts).
  if (m.actorUserId !== auth.staff.id) {
    return {
      status: "rejected",
      reason: "actor_not_token_owner",
      message: "actorUserId: this change is someone else's; it is sent only with their own sign-in",
    };
  }
  const actor = auth.staff;
  const def: MutationDef | undefined = mutationDef(m.type);
  const handler = HANDLERS[m.type];
  if (!def || !handler)
    return { status: "rejected", reason: "unknown_type", message: `unknown mutation type "${m.type}"` };
  if (def.typeVersion !== m.typeVersion) {
    return {
      status: "rejected",
      reason: "unsupported_type_version",
      message: `${m.type} version ${m.typeVersion} is not supported (this server speaks version ${def.typeVersion}); update the app`,
    };
  }
  const args = def.args.safeParse(m.args);
  if (!args.success) {
    const issue = args.error.issues[0];
    return {
      status: "rejected",
      reason: "invalid_args",
      message: `${issue?.path.join(".") || "args"}: ${issue?.message ?? "invalid"}`,
    };
  }
  if (!def.roles.some((r) => actor.roles.includes(r))) {
    return {
      status: "rejected",
      reason: "forbidden",
      message: `${m.type} needs the role ${def.roles.join(" or ")}`,
    };
  }
  const refs = def.touches(args.data);
  const photoProblem = await photoOwnershipProblem(tx, schoolId, actor.id, args.data, refs);
  if (photoProblem) return { status: "rejected", reason: "photo_not_yours", message: photoProblem };
  const outcome = await handler({ tx, schoolId, actor, now, mutation: m }, args.data);
  return outcome.status === "applied" ? { ...outcome, refs } : outcome;
}

/** Stores the verdict with the effects already written (now, or with the chunk's others) and takes the deviceSeq. */
async function store(chunk: Chunk, m: Mutation, v: Verdict) {
  // device_seq_reused and mutation_id_reused are answers about the request, not outcomes of a
  // mutation: there is nothing to store under an id or a sequence number that is taken.
  if (v.reason === "device_seq_reused" || v.reason === "mutation_id_reused") return;
  const record: StoredVerdict = {
    mutationId: m.mutationId,
    payloadHash: payloadHash(m),
    status: v.status as StoredVerdict["status"],
    reason: v.reason ?? null,
    message: v.message ?? null,
    serverSeq: v.serverSeq ?? null,
    serverState: v.serverState,
  };
  const row: VerdictRecord = {
    ...record,
    deviceId: chunk.auth.session.deviceId,
    deviceSeq: m.deviceSeq,
    actorId: m.actorUserId,
    type: m.type,
    typeVersion: m.typeVersion,
    receivedAt: chunk.now.getTime(),
    clientCreatedAt: m.clientCreatedAt,
    clockSkewMs: chunk.clockSkewMs === undefined ? null : Math.round(chunk.clockSkewMs),
  };
  if (chunk.unsaved) chunk.unsaved.push(row);
  else await recordVerdict(chunk.tx, chunk.auth.school.id, row);
  chunk.stored.set(m.mutationId, record);
  chunk.lastDeviceSeq = m.deviceSeq;
}

function rejectedStep(m: Mutation, reason: string, message: string): Step {
  return { kind: "verdict", verdict: { mutationId: m.mutationId, status: "rejected", reason, message } };
}
