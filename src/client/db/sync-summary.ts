// What the status strip says about one person's work on this phone, read straight from the
// database (so it is right from the first paint, before the sync engine has loaded, and after a
// reload): their unsent and refused entries, other people's work waiting for them to log in,
// and the school's last successful sync and measured clock skew (SYNC S4, S6, S7).

import { canUnlockWithPin, tokenOf } from "./account-store.ts";
import { canSync } from "./can-sync.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { tokenVault } from "./token-vault.ts";

export interface WaitingOther {
  userId: string;
  name: string;
  count: number;
  /** Signed in but not opened on this page (a reload since their PIN): their PIN sends it. */
  needsPin: boolean;
}

export interface SyncSummary {
  /** This person's entries not yet accepted by the server. */
  pendingCount: number;
  /** This person's rejected and conflicting entries (the needs-attention page). */
  attentionCount: number;
  /** Phone clock, ms, of this person's oldest unsent entry. */
  oldestPendingAt: number | null;
  /** Other people on this phone with unsent work who must log in before it can go. */
  waitingOthers: WaitingOther[];
  /** Phone clock, ms, of the school's last clean sync cycle. */
  lastSuccessAt: number | null;
  clockSkewMs: number | null;
  isClockSuspect: boolean;
}

export async function readSyncSummary(
  db: SafetyRoundsDb,
  actorUserId: string,
  schoolId: string,
): Promise<SyncSummary> {
  const vault = tokenVault(db);
  return db.transaction("r", [db.outbox, db.syncState, db.accounts], async () => {
    const [mine, refusedCount, others, state] = await Promise.all([
      db.outbox.where("[actorUserId+status]").equals([actorUserId, "pending"]).toArray(),
      db.outbox
        .where("[actorUserId+status]")
        .anyOf([
          [actorUserId, "rejected"],
          [actorUserId, "conflict"],
        ])
        .count(),
      db.outbox
        .where("schoolId")
        .equals(schoolId)
        .filter((row) => row.status === "pending" && row.actorUserId !== actorUserId)
        .toArray(),
      db.syncState.get(schoolId),
    ]);
    const byPerson = new Map<string, number>();
    for (const row of others) byPerson.set(row.actorUserId, (byPerson.get(row.actorUserId) ?? 0) + 1);
    const waitingOthers: WaitingOther[] = [];
    for (const [userId, count] of byPerson) {
      const account = await db.accounts.get(userId);
      // Someone with a working session (or a send-only one) sends their own work; the others
      // wait for their login, or for their PIN when this page has not opened their token.
      if (account && canSync(account) && tokenOf(account, vault)) continue;
      const needsPin = account !== undefined && canSync(account) && canUnlockWithPin(account);
      waitingOthers.push({ userId, name: account?.name ?? userId, count, needsPin });
    }
    return {
      pendingCount: mine.length,
      attentionCount: refusedCount,
      oldestPendingAt: mine.reduce<number | null>(
        (oldest, row) => (oldest === null || row.createdAt < oldest ? row.createdAt : oldest),
        null,
      ),
      waitingOthers,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      clockSkewMs: state?.clockSkewMs ?? null,
      isClockSuspect: state?.isClockSuspect ?? false,
    };
  });
}

/**
 * Since when this person's work has been waiting with nothing getting through (phone clock, ms):
 * the later of "the oldest unsent entry was made" and "the last clean sync". Null when nothing
 * waits. The strip warns once this is long ago (ui/use-sync-status.ts isStalled).
 */
export function stalledSinceOf(
  summary: Pick<SyncSummary, "oldestPendingAt" | "lastSuccessAt">,
): number | null {
  if (summary.oldestPendingAt === null) return null;
  return Math.max(summary.oldestPendingAt, summary.lastSuccessAt ?? 0);
}
