// Pull (SYNC.md S5, S8): the caller's school's changes after an opaque cursor, in commit order,
// paged. An unknown, foreign or too-new cursor resets the phone instead of skipping anything.
// Need-to-know (domain/need-to-know.ts): each change is sent as the device's scope sees it, or
// not at all; the cursor carries the scope's fingerprint, and a device whose scope changed
// (someone signed in or out, a role, a class teacher or the roster changed) is answered from
// the start with `reset`, so the phone drops what it may no longer hold and gets what it now may.
import { canHold, type PupilFacts, pupilsToLookUp, visible } from "../../domain/need-to-know.ts";
import type { Pupil } from "../../protocol/reference.ts";
import { type Change, DEFAULT_PULL_LIMIT, type PullRequest, type PullResponse } from "../../protocol/sync.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { changesAfter, type EntityRow, getEntitiesByIds, lastSeq } from "../storage/entities.ts";
import { deviceState } from "../storage/sync-log.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { type DeviceScope, deviceScope } from "./device-scope.ts";

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
  const seen = await deviceScope(deps, auth, now);
  const decoded = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  const newest = await lastSeq(d, schoolId);
  const isUsable =
    decoded !== undefined &&
    decoded.epoch === epoch &&
    decoded.schoolId === schoolId &&
    decoded.seq <= newest &&
    decoded.scope === seen.fingerprint;
  // No cursor: a phone that holds nothing of this school yet, nothing to reset.
  const after = isUsable ? decoded.seq : 0;
  const rows = await changesAfter(d, schoolId, after, limit + 1);
  const page = rows.slice(0, limit);
  // The cursor moves past every row read, sent or not; a page may be empty and have more.
  const throughSeq = page.at(-1)?.serverSeq ?? after;
  return {
    changes: await scopedChanges(deps, schoolId, page, seen, after === 0),
    nextCursor: encodeCursor({ epoch, schoolId, seq: throughSeq, scope: seen.fingerprint }),
    hasMore: rows.length > limit,
    throughSeq,
    ...(isUsable || req.cursor === undefined ? {} : { reset: true }),
    serverTime,
  };
}

/** NK-2..10: the page's rows as the device's scope receives them. */
async function scopedChanges(
  deps: AppDeps,
  schoolId: string,
  rows: readonly EntityRow[],
  { scope }: DeviceScope,
  fromNothing: boolean,
): Promise<Change[]> {
  const live = rows.filter((r) => !r.isDeleted);
  const ids = pupilsToLookUp(live, scope);
  const pupils =
    ids.length === 0 ? new Map() : await getEntitiesByIds<Pupil>(deps.store.driver, schoolId, "pupil", ids);
  const pupilOf = (id: string): PupilFacts | undefined => {
    const row = pupils.get(id);
    return row && !row.isDeleted ? row.data : undefined;
  };
  const out: Change[] = [];
  for (const r of rows) {
    const base = {
      serverSeq: r.serverSeq,
      entityType: r.entityType,
      entityId: r.entityId,
      version: r.version,
    };
    const data = r.isDeleted ? null : visible(r, scope, pupilOf);
    if (data !== null) out.push({ ...base, op: "upsert", data });
    // NK-9: the phone may hold an older version it may no longer see (leave: NK-10 sends every
    // pupil and roll call), unless it holds nothing.
    else if ((r.isDeleted || !fromNothing) && canHold(r.entityType, scope))
      out.push({ ...base, op: "delete", data: null });
  }
  return out;
}
