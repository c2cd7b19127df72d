// Push (SYNC.md S2–S4, S6, S7): mutations in deviceSeq order, each in its own transaction that
// stores the verdict with the effects, so a retry is answered from the stored verdict and
// applies nothing twice. A gap in deviceSeq or a transient failure stops the batch; the rest
// stays pending on the phone. A mutation that can never succeed is rejected and the queue moves on.
import { createHash } from "node:crypto";
import { type MutationDef, mutationDef } from "../../protocol/mutations.ts";
import type { Mutation, PushRequest, PushResponse, Verdict } from "../../protocol/sync.ts";
import { deviceRevoked } from "../auth/require-session.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { TransientStorageError } from "../storage/sql-driver.ts";
import { readStaff } from "../storage/store.ts";
import {
  findVerdict,
  isSignedInOnDevice,
  lockDevice,
  recordClockSkew,
  recordVerdict,
  setDeviceSeq,
  type VerdictRecord,
} from "../storage/sync-log.ts";
import type { Handler, HandlerOutcome } from "./handlers/handler.ts";
import { REFERENCE_HANDLERS } from "./handlers/reference-handlers.ts";

const HANDLERS: Record<string, Handler<unknown>> = {
  ...(REFERENCE_HANDLERS as Record<string, Handler<unknown>>),
};

type Step = { kind: "verdict"; verdict: Verdict } | { kind: "gap"; expected: number };

/**
 * Mutations per database transaction. Each mutation still commits or fails whole with its
 * verdict (a savepoint each); sharing the commit saves one disk flush per mutation. The answer
 * goes out only after the commit, so no verdict is ever reported that could be lost.
 */
export const PUSH_CHUNK = 100;

async function applyChunk(
  deps: AppDeps,
  auth: AuthState,
  chunk: Mutation[],
  now: Date,
  clockSkewMs: number | undefined,
  tx: Parameters<Handler>[0]["tx"],
): Promise<{ verdicts: Verdict[]; gap?: { expected: number; got: number } }> {
  const verdicts: Verdict[] = [];
  for (const m of chunk) {
    await tx.run("SAVEPOINT mutation");
    let step: Step;
    try {
      step = await applyOne(deps, auth, m, now, clockSkewMs, tx);
      await tx.run("RELEASE SAVEPOINT mutation");
    } catch (error) {
      await tx.run("ROLLBACK TO SAVEPOINT mutation");
      await tx.run("RELEASE SAVEPOINT mutation");
      if (error instanceof TransientStorageError || error instanceof HttpError) throw error;
      // A bug in a handler must not block this phone's queue forever: reject the mutation
      // (it stays visible on the phone to redo or dismiss) and log it for us.
      deps.logger.error("mutation handler failed", {
        mutationId: m.mutationId,
        type: m.type,
        error: String(error),
      });
      step = (await precheck(tx, auth, m, now)) ?? {
        kind: "verdict",
        verdict: {
          mutationId: m.mutationId,
          status: "rejected",
          reason: "server_error",
          message: "the server could not apply this change",
        },
      };
      if (step.kind === "verdict" && step.verdict.reason === "server_error") {
        await store(tx, auth, m, step.verdict, now, clockSkewMs);
      }
    }
    if (step.kind === "gap") return { verdicts, gap: { expected: step.expected, got: m.deviceSeq } };
    verdicts.push(step.verdict);
  }
  return { verdicts };
}

export async function handlePush(deps: AppDeps, auth: AuthState, req: PushRequest): Promise<PushResponse> {
  const now = deps.clock();
  const schoolId = auth.school.id;
  if (req.deviceId !== auth.session.deviceId) {
    throw new HttpError(403, "device_mismatch", "deviceId is not the device this session was opened on");
  }
  const clockSkewMs = req.clientTime ? Date.parse(req.clientTime) - now.getTime() : undefined;
  if (clockSkewMs !== undefined)
    await recordClockSkew(deps.store.driver, schoolId, req.deviceId, clockSkewMs);

  const results: Verdict[] = [];
  let stopped: PushResponse["stopped"];
  const ordered = [...req.mutations].sort((a, b) => a.deviceSeq - b.deviceSeq);
  const chunkSize = deps.pushChunkSize ?? PUSH_CHUNK;
  for (let i = 0; i < ordered.length && !stopped; i += chunkSize) {
    try {
      const chunk = await deps.store.driver.transaction((tx) =>
        applyChunk(deps, auth, ordered.slice(i, i + chunkSize), now, clockSkewMs, tx),
      );
      results.push(...chunk.verdicts);
      if (chunk.gap) {
        stopped = {
          reason: "device_seq_gap",
          message: `expected deviceSeq ${chunk.gap.expected}, got ${chunk.gap.got}: send the earlier mutations first`,
          expectedDeviceSeq: chunk.gap.expected,
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

/** Hash of everything the mutation says, so the same id with another payload is caught. */
function payloadHash(m: Mutation): string {
  const { mutationId, deviceSeq, type, typeVersion, args, actorUserId, clientCreatedAt, baseVersion } = m;
  return createHash("sha256")
    .update(
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
    )
    .digest("hex");
}

/** Checks that need no handler: a stored verdict, and the device's sequence. */
async function precheck(
  tx: Parameters<Handler>[0]["tx"],
  auth: AuthState,
  m: Mutation,
  now: Date,
): Promise<Step | undefined> {
  const schoolId = auth.school.id;
  const device = await lockDevice(tx, schoolId, auth.session.deviceId, now);
  if (!device || device.isRevoked) throw deviceRevoked();
  const stored = await findVerdict(tx, schoolId, m.mutationId);
  if (stored) {
    if (stored.payloadHash !== payloadHash(m)) {
      return verdict(
        m,
        "rejected",
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
  const expected = device.lastDeviceSeq + 1;
  if (m.deviceSeq > expected) return { kind: "gap", expected };
  if (m.deviceSeq < expected) {
    return verdict(
      m,
      "rejected",
      "device_seq_reused",
      `deviceSeq ${m.deviceSeq} was already used by another mutation of this device`,
    );
  }
  return undefined;
}

async function applyOne(
  deps: AppDeps,
  auth: AuthState,
  m: Mutation,
  now: Date,
  clockSkewMs: number | undefined,
  tx: Parameters<Handler>[0]["tx"],
): Promise<Step> {
  const early = await precheck(tx, auth, m, now);
  if (early) return early;
  const outcome = await decide(deps, auth, m, now, tx);
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
  await store(tx, auth, m, v, now, clockSkewMs);
  return { kind: "verdict", verdict: v };
}

async function decide(
  deps: AppDeps,
  auth: AuthState,
  m: Mutation,
  now: Date,
  tx: Parameters<Handler>[0]["tx"],
): Promise<HandlerOutcome> {
  const schoolId = auth.school.id;
  const actor = m.actorUserId === auth.staff.id ? auth.staff : await readStaff(tx, schoolId, m.actorUserId);
  if (
    !actor ||
    !(await isSignedInOnDevice(tx, schoolId, m.actorUserId, auth.session.deviceId, now, deps.sessionIdleMs))
  ) {
    return {
      status: "rejected",
      reason: "actor_not_signed_in",
      message: "the person who made this change has no live session on this device",
    };
  }
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
  return handler({ tx, schoolId, actor, now, mutation: m }, args.data);
}

async function store(
  tx: Parameters<Handler>[0]["tx"],
  auth: AuthState,
  m: Mutation,
  v: Verdict,
  now: Date,
  clockSkewMs: number | undefined,
) {
  // device_seq_reused and mutation_id_reused are answers about the request, not outcomes of a
  // mutation: there is nothing to store under an id or a sequence number that is taken.
  if (v.reason === "device_seq_reused" || v.reason === "mutation_id_reused") return;
  const record: VerdictRecord = {
    mutationId: m.mutationId,
    payloadHash: payloadHash(m),
    status: v.status as VerdictRecord["status"],
    reason: v.reason ?? null,
    message: v.message ?? null,
    serverSeq: v.serverSeq ?? null,
    serverState: v.serverState,
    deviceId: auth.session.deviceId,
    deviceSeq: m.deviceSeq,
    actorId: m.actorUserId,
    type: m.type,
    typeVersion: m.typeVersion,
    receivedAt: now.getTime(),
    clientCreatedAt: m.clientCreatedAt,
    clockSkewMs: clockSkewMs === undefined ? null : Math.round(clockSkewMs),
  };
  await recordVerdict(tx, auth.school.id, record);
  await setDeviceSeq(tx, auth.school.id, auth.session.deviceId, m.deviceSeq);
}

function verdict(m: Mutation, status: "rejected", reason: string, message: string): Step {
  return { kind: "verdict", verdict: { mutationId: m.mutationId, status, reason, message } };
}
