// Pull (SYNC.md S5, S8): the caller's school's changes after an opaque cursor, in commit order,
// paged. An unknown, foreign or too-new cursor resets the phone instead of skipping anything.
import { DEFAULT_PULL_LIMIT, type PullRequest, type PullResponse } from "../../protocol/sync.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { changesAfter, lastSeq } from "../storage/entities.ts";
import { deviceState } from "../storage/sync-log.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

export async function handlePull(deps: AppDeps, auth: AuthState, req: PullRequest): Promise<PullResponse> {
  const now = deps.clock();
  const schoolId = auth.school.id;
  const serverTime = now.toISOString();
  if (req.deviceId !== auth.session.deviceId) {
    throw new HttpError(403, "device_mismatch", "deviceId is not the device this session was opened on");
  }
  const epoch = await deps.store.epoch();
  const d = deps.store.driver;
  const device = await deviceState(d, schoolId, req.deviceId);
  if (!device || device.isRevoked) {
    return {
      changes: [],
      nextCursor: encodeCursor({ epoch, schoolId, seq: 0 }),
      hasMore: false,
      wipe: true,
      serverTime,
    };
  }
  const limit = req.limit ?? DEFAULT_PULL_LIMIT;
  const decoded = req.cursor === undefined ? { epoch, schoolId, seq: 0 } : decodeCursor(req.cursor);
  const newest = await lastSeq(d, schoolId);
  const isUsable =
    decoded !== undefined &&
    decoded.epoch === epoch &&
    decoded.schoolId === schoolId &&
    decoded.seq <= newest;
  const after = isUsable ? decoded.seq : 0;
  const rows = await changesAfter(d, schoolId, after, limit + 1);
  const page = rows.slice(0, limit);
  return {
    changes: page.map((r) => ({
      serverSeq: r.serverSeq,
      entityType: r.entityType,
      entityId: r.entityId,
      op: r.isDeleted ? "delete" : "upsert",
      version: r.version,
      data: r.isDeleted ? null : r.data,
    })),
    nextCursor: encodeCursor({ epoch, schoolId, seq: page.at(-1)?.serverSeq ?? after }),
    hasMore: rows.length > limit,
    ...(isUsable ? {} : { reset: true }),
    serverTime,
  };
}
