// Hand-overs, bed checks and leave as the UI reads them: the pulled view with this phone's
// pending halves on top. Hand-overs are read by date through the view's date index
// (entity-view.ts viewKey: a hand-over's key is its date), so a night's list or two weeks of
// history never scan a term of records. Everything works offline from what the phone has.
import type { Handover } from "../../domain/handover.ts";
import type { Leave } from "../../domain/roll-call.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { type Entry, toEntry } from "./reference-view.ts";
import { byKeyRange } from "./safety-view.ts";

export type { Entry };

/** Hand-overs and bed checks of duty dates `from`..`to` (both included), every kind and group. */
export function listHandovers(
  db: SafetyRoundsDb,
  schoolId: string,
  from: LocalDate,
  to: LocalDate = from,
): Promise<Entry<Handover>[]> {
  return byKeyRange<Handover>(db, schoolId, "handover", from, to);
}

export async function getHandover(db: SafetyRoundsDb, id: string): Promise<Entry<Handover> | undefined> {
  const row = await db.view.get(["handover", id]);
  return row ? toEntry<Handover>(row) : undefined;
}

/** Every leave of the school, cancelled ones included (RC-5 isOnLeave says which count). */
export async function listLeaves(db: SafetyRoundsDb, schoolId: string): Promise<Entry<Leave>[]> {
  const rows = await db.view.where("[schoolId+entityType]").equals([schoolId, "leave"]).toArray();
  const out: Entry<Leave>[] = [];
  for (const row of rows) {
    const entry = toEntry<Leave>(row);
    if (entry) out.push(entry);
  }
  return out;
}
