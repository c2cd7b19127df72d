// Rounds, hazards and day closes as the UI reads them: the pulled view with this phone's
// pending work on top, read through the [schoolId+entityType+key] index (entity-view.ts
// viewKey) so a day's board or a month's ledger never scans a year of records.
import type { Hazard } from "../../domain/hazard-machine.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { DayClose, RoundRecord } from "../../protocol/safety.ts";
import type { EntityType } from "../../protocol/sync.ts";
import type { SafetyRoundsDb, ViewRow } from "./db.ts";
import { type Entry, toEntry } from "./reference-view.ts";

export type { Entry };

/** Entries of a type whose view key (entity-view.ts viewKey) lies in [lower, upper]. */
export async function byKeyRange<T>(
  db: SafetyRoundsDb,
  schoolId: string,
  entityType: EntityType,
  lower: string,
  upper: string,
): Promise<Entry<T>[]> {
  const rows: ViewRow[] = await db.view
    .where("[schoolId+entityType+key]")
    .between([schoolId, entityType, lower], [schoolId, entityType, upper], true, true)
    .toArray();
  const out: Entry<T>[] = [];
  for (const row of rows) {
    const entry = toEntry<T>(row);
    if (entry) out.push(entry);
  }
  return out;
}

/** Every round recorded on local dates `from`..`to` (both included), any area, anyone. */
export function listRounds(
  db: SafetyRoundsDb,
  schoolId: string,
  from: LocalDate,
  to: LocalDate = from,
): Promise<Entry<RoundRecord>[]> {
  return byKeyRange<RoundRecord>(db, schoolId, "round", from, to);
}

/** Hazards not yet rectified (reported, assigned, controlled), earliest deadline first. */
export function listOpenHazards(db: SafetyRoundsDb, schoolId: string): Promise<Entry<Hazard>[]> {
  return byKeyRange<Hazard>(db, schoolId, "hazard", "open:", "open:\uffff");
}

/** Rectified hazards waiting for the reporter or an admin to verify and close them. */
export function listHazardsToVerify(db: SafetyRoundsDb, schoolId: string): Promise<Entry<Hazard>[]> {
  return byKeyRange<Hazard>(db, schoolId, "hazard", "verify:", "verify:\uffff");
}

/**
 * Every hazard found between two instants (ISO, `from` included, `to` excluded), in any state,
 * oldest first: the ledger's rows.
 */
export async function listHazardsFound(
  db: SafetyRoundsDb,
  schoolId: string,
  fromIso: string,
  toIso: string,
): Promise<Entry<Hazard>[]> {
  const [open, verify, closed] = await Promise.all([
    listOpenHazards(db, schoolId),
    listHazardsToVerify(db, schoolId),
    byKeyRange<Hazard>(db, schoolId, "hazard", `closed:${fromIso}`, `closed:${toIso}`),
  ]);
  const inRange = (e: Entry<Hazard>) => {
    const t = Date.parse(e.entity.foundAt);
    return t >= Date.parse(fromIso) && t < Date.parse(toIso);
  };
  return [...open, ...verify, ...closed]
    .filter(inRange)
    .sort((a, b) => a.entity.foundAt.localeCompare(b.entity.foundAt));
}

export async function getHazard(db: SafetyRoundsDb, hazardId: string): Promise<Entry<Hazard> | undefined> {
  const row = await db.view.get(["hazard", hazardId]);
  return row ? toEntry<Hazard>(row) : undefined;
}

export async function getRound(db: SafetyRoundsDb, roundId: string): Promise<Entry<RoundRecord> | undefined> {
  const row = await db.view.get(["round", roundId]);
  return row ? toEntry<RoundRecord>(row) : undefined;
}

/** The day's closes (normally one; two duty teachers may both close). */
export function listDayCloses(
  db: SafetyRoundsDb,
  schoolId: string,
  date: LocalDate,
): Promise<Entry<DayClose>[]> {
  return byKeyRange<DayClose>(db, schoolId, "dayClose", date, date);
}
