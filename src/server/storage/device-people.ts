// The people with a live session on one device of a school (need-to-know NK-1, domain/
// need-to-know.ts): live as server/auth/require-session.ts accepts a session — not ended, not
// past its expiry, not idle too long — and the account active. One indexed read per pull.
import type { NkPerson } from "../../domain/need-to-know.ts";
import type { Role } from "../../domain/roles.ts";
import type { SqlExecutor } from "./sql-driver.ts";

/**
 * A live session `x` of staff `s`, as require-session.ts accepts one; its parameters come from
 * liveSessionParams. The one definition the pull's scope and 管理 → 设备 both read.
 */
export const LIVE_SESSION_SQL =
  "x.ended_at IS NULL AND x.expires_at > ? AND x.last_used_at > ? AND s.is_active = 1";
export const liveSessionParams = (now: Date, idleMs: number) => [now.getTime(), now.getTime() - idleMs];

export async function livePeopleOnDevice(
  ex: SqlExecutor,
  schoolId: string,
  deviceId: string,
  now: Date,
  idleMs: number,
): Promise<NkPerson[]> {
  const rows = await ex.all<{ id: string; roles: string }>(
    `SELECT DISTINCT s.id, s.roles FROM sessions x
       JOIN staff s ON s.school_id = x.school_id AND s.id = x.staff_id
     WHERE x.school_id = ? AND x.device_id = ? AND ${LIVE_SESSION_SQL}`,
    [schoolId, deviceId, ...liveSessionParams(now, idleMs)],
  );
  return rows.map((r) => ({ id: String(r.id), roles: JSON.parse(String(r.roles)) as Role[] }));
}
