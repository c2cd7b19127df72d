// The urgent lane's queue on the phone (SYNC.md: "An unaccounted pupil's alert goes out first,
// ahead of any backlog"). mutate() writes an alert in the same transaction as the record that
// raised it (mutation-store.ts); the sync engine sends the school's pending alerts, oldest
// first, before any outbox entry, and records here what the server said. An alert is
// "pending" until the server confirmed it: the shell keeps saying "紧急报警尚未送达" (phone the
// duty chain) for every pending alert, including one the server refused for good (refusedAt),
// which the engine does not send again.
import type { SafetyRoundsDb, UrgentAlertRow } from "./db.ts";

const bySchoolAndStatus = (db: SafetyRoundsDb, schoolId: string) =>
  db.urgentAlerts.where("[schoolId+status]").equals([schoolId, "pending"]);

function oldestFirst(a: UrgentAlertRow, b: UrgentAlertRow): number {
  return a.clientCreatedAt.localeCompare(b.clientCreatedAt) || a.alertId.localeCompare(b.alertId);
}

/** The school's alerts the engine should send now (not confirmed, not refused), oldest first. */
export async function pendingAlerts(db: SafetyRoundsDb, schoolId: string): Promise<UrgentAlertRow[]> {
  const rows = await bySchoolAndStatus(db, schoolId).toArray();
  return rows.filter((row) => !row.refusedAt).sort(oldestFirst);
}

/** True when an alert was queued and never tried yet: the engine sends it without waiting. */
export async function hasUntriedAlerts(db: SafetyRoundsDb): Promise<boolean> {
  const row = await db.urgentAlerts
    .where("status")
    .equals("pending")
    .filter((a) => a.attempts === 0 && !a.refusedAt)
    .first();
  return row !== undefined;
}

/** Schools with an alert not yet confirmed by the server. */
export async function schoolsWithPendingAlerts(db: SafetyRoundsDb): Promise<string[]> {
  const rows = await db.urgentAlerts.where("status").equals("pending").toArray();
  return [...new Set(rows.map((row) => row.schoolId))];
}

/** The server confirmed the alert ("received", or "duplicate" for a repeat): it is delivered. */
export async function markAlertSent(db: SafetyRoundsDb, alertId: string, sentAt: number): Promise<void> {
  await db.urgentAlerts
    .where("alertId")
    .equals(alertId)
    .modify((row) => {
      row.attempts += 1;
      row.status = "sent";
      row.sentAt = sentAt;
      row.lastError = null;
    });
}

/**
 * A try that did not get the alert through. `refusedAt` (phone clock, ms) marks a refusal that
 * will never succeed (400 malformed, 409 id reused …): it is not sent again and stays pending,
 * so the screen keeps showing it as undelivered.
 */
export async function markAlertFailed(
  db: SafetyRoundsDb,
  alertId: string,
  error: string,
  options: { refusedAt?: number } = {},
): Promise<void> {
  await db.urgentAlerts
    .where("alertId")
    .equals(alertId)
    .modify((row) => {
      if (row.status !== "pending") return;
      row.attempts += 1;
      row.lastError = error;
      if (options.refusedAt !== undefined) row.refusedAt = options.refusedAt;
    });
}

/**
 * Alerts the server has not confirmed (refused ones included: they did not arrive either),
 * for one school or, without `schoolId`, the whole phone. What the "not yet delivered"
 * banner counts.
 */
export function countPendingAlerts(db: SafetyRoundsDb, schoolId?: string): Promise<number> {
  if (schoolId !== undefined) return bySchoolAndStatus(db, schoolId).count();
  return db.urgentAlerts.where("status").equals("pending").count();
}

/** Alerts the server refused for good (shown until a person deals with them by phone). */
export async function listRefusedAlerts(db: SafetyRoundsDb, schoolId: string): Promise<UrgentAlertRow[]> {
  const rows = await bySchoolAndStatus(db, schoolId).toArray();
  return rows.filter((row) => Boolean(row.refusedAt)).sort(oldestFirst);
}
