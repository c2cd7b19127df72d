// SQL of the sync lane: the per-database epoch, device sequence numbers, stored verdicts and
// the liveness of a mutation's actor. Callers pass the transaction they run in.
import { randomUUID } from "node:crypto";
import { LIVE_SESSION_SQL, liveSessionParams } from "./device-people.ts";
import type { SqlDriver, SqlExecutor, SqlValue } from "./sql-driver.ts";

export interface StoredVerdict {
  mutationId: string;
  payloadHash: string;
  status: "applied" | "rejected" | "conflict";
  reason: string | null;
  message: string | null;
  serverSeq: number | null;
  serverState: unknown;
}

/** A random id of this database, so a cursor from another (restored, replaced) one is known. */
export async function ensureEpoch(driver: SqlDriver): Promise<string> {
  await driver.run("INSERT INTO sync_meta (id, epoch) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", [
    randomUUID(),
  ]);
  const row = await driver.get<{ epoch: string }>("SELECT epoch FROM sync_meta WHERE id = 1");
  return String(row?.epoch);
}

/**
 * Locks the device row (PostgreSQL: until commit), so pushes of one device take turns; notes
 * when it was seen and, when given, its clock skew in the same statement (a write of its own
 * would cost a push one more commit, and a disk flush on SQLite).
 */
export async function lockDevice(
  tx: SqlExecutor,
  schoolId: string,
  deviceId: string,
  now: Date,
  clockSkewMs?: number,
) {
  const row = await tx.get<{ last_device_seq: number; revoked_at: number | null }>(
    "UPDATE devices SET last_seen_at = ?, clock_skew_ms = COALESCE(?, clock_skew_ms) WHERE school_id = ? AND id = ? RETURNING last_device_seq, revoked_at",
    [now.getTime(), clockSkewMs === undefined ? null : Math.round(clockSkewMs), schoolId, deviceId],
  );
  return row ? { lastDeviceSeq: Number(row.last_device_seq), isRevoked: row.revoked_at !== null } : undefined;
}

/** The school a device id is registered to, if any (device ids are unique across schools). */
export async function deviceSchool(ex: SqlExecutor, deviceId: string): Promise<string | undefined> {
  const row = await ex.get<{ school_id: string }>("SELECT school_id FROM devices WHERE id = ? LIMIT 1", [
    deviceId,
  ]);
  return row?.school_id;
}

/** The schools that revoked this phone, if `keyHash` is the key bound to its id (else none). */
export async function revokedSchoolsOf(
  ex: SqlExecutor,
  deviceId: string,
  keyHash: string,
): Promise<string[]> {
  const rows = await ex.all<{ school_id: string }>(
    "SELECT school_id FROM devices WHERE id = ? AND key_hash = ? AND revoked_at IS NOT NULL",
    [deviceId, keyHash],
  );
  return rows.map((r) => String(r.school_id));
}

export async function deviceState(ex: SqlExecutor, schoolId: string, deviceId: string) {
  const row = await ex.get<{ revoked_at: number | null }>(
    "SELECT revoked_at FROM devices WHERE school_id = ? AND id = ?",
    [schoolId, deviceId],
  );
  return row ? { isRevoked: row.revoked_at !== null } : undefined;
}

export async function setDeviceSeq(tx: SqlExecutor, schoolId: string, deviceId: string, deviceSeq: number) {
  await tx.run("UPDATE devices SET last_device_seq = ? WHERE school_id = ? AND id = ?", [
    deviceSeq,
    schoolId,
    deviceId,
  ]);
}

export async function recordClockSkew(ex: SqlExecutor, schoolId: string, deviceId: string, skewMs: number) {
  await ex.run("UPDATE devices SET clock_skew_ms = ? WHERE school_id = ? AND id = ?", [
    Math.round(skewMs),
    schoolId,
    deviceId,
  ]);
}

export async function revokeDevice(
  tx: SqlExecutor,
  schoolId: string,
  deviceId: string,
  now: Date,
): Promise<boolean> {
  const changed = await tx.run(
    "UPDATE devices SET revoked_at = ? WHERE school_id = ? AND id = ? AND revoked_at IS NULL",
    [now.getTime(), schoolId, deviceId],
  );
  await tx.run(
    "UPDATE sessions SET ended_at = ?, ended_reason = 'device_revoked' WHERE school_id = ? AND device_id = ? AND ended_at IS NULL",
    [now.getTime(), schoolId, deviceId],
  );
  return changed > 0;
}

/**
 * The school's phones, most recently seen first, each with the people signed in on it now
 * (a live session, storage/device-people.ts), most recent first, and who used it last.
 */
export async function listDevices(ex: SqlExecutor, schoolId: string, now: Date, idleMs: number) {
  const [rows, sessions] = await Promise.all([
    ex.all(
      `SELECT id, created_at, last_seen_at, revoked_at, clock_skew_ms, last_device_seq
       FROM devices WHERE school_id = ? ORDER BY last_seen_at DESC`,
      [schoolId],
    ),
    ex.all(
      `SELECT x.device_id, s.name, CASE WHEN ${LIVE_SESSION_SQL} THEN 1 ELSE 0 END AS is_live
       FROM sessions x JOIN staff s ON s.school_id = x.school_id AND s.id = x.staff_id
       WHERE x.school_id = ? ORDER BY x.last_used_at DESC`,
      [...liveSessionParams(now, idleMs), schoolId],
    ),
  ]);
  const byDevice = new Map<string, { lastUser: string; signedIn: string[] }>();
  for (const x of sessions) {
    const id = String(x.device_id);
    const entry = byDevice.get(id) ?? { lastUser: String(x.name), signedIn: [] };
    if (Number(x.is_live) === 1 && !entry.signedIn.includes(String(x.name)))
      entry.signedIn.push(String(x.name));
    byDevice.set(id, entry);
  }
  return rows.map((r) => ({
    id: String(r.id),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    lastSeenAt: new Date(Number(r.last_seen_at)).toISOString(),
    revokedAt: r.revoked_at === null ? null : new Date(Number(r.revoked_at)).toISOString(),
    clockSkewMs: r.clock_skew_ms === null ? null : Number(r.clock_skew_ms),
    lastDeviceSeq: Number(r.last_device_seq),
    lastUser: byDevice.get(String(r.id))?.lastUser ?? null,
    signedIn: byDevice.get(String(r.id))?.signedIn ?? [],
  }));
}

/** Stored verdicts of the given mutation ids (one query for a whole chunk). */
export async function findVerdicts(
  tx: SqlExecutor,
  schoolId: string,
  mutationIds: string[],
): Promise<Map<string, StoredVerdict>> {
  const found = new Map<string, StoredVerdict>();
  if (mutationIds.length === 0) return found;
  const rows = await tx.all(
    `SELECT mutation_id, payload_hash, status, reason, message, server_seq, server_state FROM mutations
     WHERE school_id = ? AND mutation_id IN (${mutationIds.map(() => "?").join(", ")})`,
    [schoolId, ...mutationIds],
  );
  for (const r of rows) {
    found.set(String(r.mutation_id), {
      mutationId: String(r.mutation_id),
      payloadHash: String(r.payload_hash),
      status: r.status as StoredVerdict["status"],
      reason: (r.reason as string | null) ?? null,
      message: (r.message as string | null) ?? null,
      serverSeq: r.server_seq === null ? null : Number(r.server_seq),
      serverState: r.server_state === null ? undefined : JSON.parse(String(r.server_state)),
    });
  }
  return found;
}

export interface VerdictRecord extends Omit<StoredVerdict, "serverState"> {
  serverState?: unknown;
  deviceId: string;
  deviceSeq: number;
  actorId: string;
  type: string;
  typeVersion: number;
  receivedAt: number;
  clientCreatedAt: string;
  clockSkewMs: number | null;
}

const VERDICT_COLUMNS = `school_id, mutation_id, device_id, device_seq, actor_id, type, type_version, payload_hash, status,
       reason, message, server_seq, server_state, received_at, client_created_at, clock_skew_ms`;
const VERDICT_ROW = `(${Array.from({ length: 16 }, () => "?").join(", ")})`;

function verdictValues(schoolId: string, v: VerdictRecord): SqlValue[] {
  return [
    schoolId,
    v.mutationId,
    v.deviceId,
    v.deviceSeq,
    v.actorId,
    v.type,
    v.typeVersion,
    v.payloadHash,
    v.status,
    v.reason,
    v.message,
    v.serverSeq,
    v.serverState === undefined ? null : JSON.stringify(v.serverState),
    v.receivedAt,
    v.clientCreatedAt,
    v.clockSkewMs,
  ];
}

export async function recordVerdict(tx: SqlExecutor, schoolId: string, v: VerdictRecord) {
  await recordVerdicts(tx, schoolId, [v]);
}

/** Rows per INSERT: 50 × 16 values, well under both engines' limits on bound values. */
const VERDICTS_PER_INSERT = 50;

/** Several verdicts in a few multi-row INSERTs (a push chunk stores its verdicts together). */
export async function recordVerdicts(tx: SqlExecutor, schoolId: string, verdicts: readonly VerdictRecord[]) {
  for (let i = 0; i < verdicts.length; i += VERDICTS_PER_INSERT) {
    const part = verdicts.slice(i, i + VERDICTS_PER_INSERT);
    await tx.run(
      `INSERT INTO mutations (${VERDICT_COLUMNS}) VALUES ${part.map(() => VERDICT_ROW).join(", ")}`,
      part.flatMap((v) => verdictValues(schoolId, v)),
    );
  }
}
