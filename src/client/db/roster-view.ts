// The duty roster as the UI reads it: duty slots by date through the view's date index
// (entity-view.ts viewKey), rotation templates, timetables and swaps, with this phone's pending
// edits on top. Everything works offline from what the phone last pulled.
import type { RosterLookup } from "../../domain/responsible.ts";
import type { DutySlot, RotationTemplate } from "../../domain/roster.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { Swap } from "../../domain/swap.ts";
import type { Timetable } from "../../domain/timetable.ts";
import type { EntityType } from "../../protocol/sync.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { type Entry, toEntry } from "./reference-view.ts";
import { byKeyRange } from "./safety-view.ts";

export type { Entry };

/** Duty slots of local dates `from`..`to` (both included), every kind and scope. */
export function listDutySlots(
  db: SafetyRoundsDb,
  schoolId: string,
  from: LocalDate,
  to: LocalDate = from,
): Promise<Entry<DutySlot>[]> {
  return byKeyRange<DutySlot>(db, schoolId, "dutySlot", from, `${to}\uffff`);
}

/** A RosterLookup (domain/responsible.ts) over slots already read. */
export function lookupOf(slots: readonly Entry<DutySlot>[]): RosterLookup {
  const byId = new Map<string, DutySlot>();
  for (const e of slots) byId.set(e.entity.id, e.entity);
  return {
    slot: (id) => byId.get(id),
    nightSlots: (date) => slots.map((e) => e.entity).filter((s) => s.kind === "night" && s.date === date),
  };
}

async function listAll<T>(db: SafetyRoundsDb, schoolId: string, entityType: EntityType): Promise<Entry<T>[]> {
  const rows = await db.view.where("[schoolId+entityType]").equals([schoolId, entityType]).toArray();
  const out: Entry<T>[] = [];
  for (const row of rows) {
    const entry = toEntry<T>(row);
    if (entry) out.push(entry);
  }
  return out;
}

export function listTemplates(db: SafetyRoundsDb, schoolId: string): Promise<Entry<RotationTemplate>[]> {
  return listAll<RotationTemplate>(db, schoolId, "rosterTemplate");
}

export function listTimetables(db: SafetyRoundsDb, schoolId: string): Promise<Entry<Timetable>[]> {
  return listAll<Timetable>(db, schoolId, "timetable");
}

/** Every swap of the school, newest first (a school has a few a week). */
export async function listSwaps(db: SafetyRoundsDb, schoolId: string): Promise<Entry<Swap>[]> {
  const swaps = await listAll<Swap>(db, schoolId, "swap");
  return swaps.sort((a, b) => b.entity.id.localeCompare(a.entity.id));
}

export async function getDutySlot(db: SafetyRoundsDb, slotId: string): Promise<Entry<DutySlot> | undefined> {
  const row = await db.view.get(["dutySlot", slotId]);
  return row ? toEntry<DutySlot>(row) : undefined;
}
