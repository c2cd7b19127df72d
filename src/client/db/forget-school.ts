// What leaves the phone when no one of a school is signed in on it any more (issue #16 §2,
// docs/security.md "A lost or shared phone"): account-store.ts decides when, at a logout or a PIN lock-out, and the
// sync engine after it sent what was left. Loaded only then, not with the first screen.
import Dexie from "dexie";
import { SHA256_HEX } from "../../protocol/blobs.ts";
import type { SafetyRoundsDb } from "./db.ts";

/**
 * No one of this school is signed in on this phone any more (its last logout, or a PIN lock-out
 * of the last one: account-store.ts decides): the school's data goes (issue #16 §2) — mirror,
 * view, delivered urgent alerts, applied outbox entries, photos no kept work needs — and the pull
 * cursor, so the next login pulls everything again. What was not delivered stays until it is:
 * pending entries (the send-only token sends them, S7), refused and conflicting ones (they wait
 * for their person, S4), photos not yet uploaded or named by a kept entry, alerts not yet
 * delivered. The device id and deviceSeq stay: unlike a revoked phone (wipeSchool) this is
 * still the same device to the server. One transaction; a caller's may include it
 * (forgetSchoolTables).
 */
export async function forgetSchool(db: SafetyRoundsDb, schoolId: string): Promise<void> {
  await db.transaction("rw", forgetSchoolTables(db), async () => {
    await db.mirror.where("schoolId").equals(schoolId).delete();
    await db.view.where("schoolId").equals(schoolId).delete();
    await db.outbox
      .where("[schoolId+status+deviceSeq]")
      .between([schoolId, "applied", Dexie.minKey], [schoolId, "applied", Dexie.maxKey])
      .delete();
    const kept = await db.outbox.where("schoolId").equals(schoolId).toArray();
    const named = new Set(kept.flatMap((row) => photoNamesIn(row.args)));
    await db.photos
      .where("schoolId")
      .equals(schoolId)
      .filter((photo) => photo.status !== "pending" && !named.has(photo.sha256))
      .delete();
    await db.urgentAlerts.where("[schoolId+status]").equals([schoolId, "sent"]).delete();
    const state = await db.syncState.get(schoolId);
    if (state) await db.syncState.put({ ...state, cursor: null, lastPullAt: null });
  });
}

/** The tables forgetSchool writes: a transaction that calls it must hold them. */
export function forgetSchoolTables(db: SafetyRoundsDb) {
  return [db.mirror, db.view, db.outbox, db.syncState, db.photos, db.urgentAlerts];
}

/** Photo names (SHA-256 hex) anywhere in a mutation's arguments. */
function photoNamesIn(value: unknown): string[] {
  if (typeof value === "string") return SHA256_HEX.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(photoNamesIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(photoNamesIn);
  return [];
}
