// Roster edits saved offline, each one mutate() (outbox entry + view in one transaction, SYNC
// S1): templates and timetables are compare-and-set records; a generated term is one mutation;
// assigning or clearing a slot is compare-and-set on the slot's version (RS-2); swaps are
// asked and stepped (domain/swap.ts).
import { ulid } from "ulidx";
import type { DutySlot, GenerateResult, RotationTemplate } from "../../domain/roster.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { SwapStep } from "../../domain/swap.ts";
import type { Timetable } from "../../domain/timetable.ts";
import type { DutySlotKey, SwapAskInput } from "../../protocol/roster.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { mutate } from "./mutation-store.ts";
import { type Actor, nextBaseVersion } from "./reference-edits.ts";

export type { Actor };

export async function saveTemplate(
  db: SafetyRoundsDb,
  actor: Actor,
  template: RotationTemplate,
): Promise<string> {
  const baseVersion = await nextBaseVersion(db, "rosterTemplate", template.id);
  return mutate(db, {
    type: "rosterTemplate.upsert",
    args: { entity: template },
    ...actor,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
}

export async function saveTimetable(db: SafetyRoundsDb, actor: Actor, timetable: Timetable): Promise<string> {
  const baseVersion = await nextBaseVersion(db, "timetable", timetable.id);
  return mutate(db, {
    type: "timetable.upsert",
    args: { entity: timetable },
    ...actor,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
}

/** Saves what generateRoster() made (its `slots`; kept ones are not sent). */
export function saveGeneratedRoster(
  db: SafetyRoundsDb,
  actor: Actor,
  range: { from: LocalDate; to: LocalDate },
  result: Pick<GenerateResult, "slots">,
): Promise<string> {
  const slots = result.slots.map((s) => ({
    id: s.id,
    date: s.date,
    kind: s.kind,
    scope: s.scope,
    staffIds: s.staffIds,
    templateId: s.templateId as string,
  }));
  return mutate(db, { type: "roster.generate", args: { ...range, slots }, ...actor });
}

/** Assigns people to a slot, or clears it with []; compare-and-set on the slot as shown. */
export async function assignDutySlot(
  db: SafetyRoundsDb,
  actor: Actor,
  slot: DutySlotKey | DutySlot,
  staffIds: readonly string[],
): Promise<string> {
  const baseVersion = await nextBaseVersion(db, "dutySlot", slot.id);
  const key = { id: slot.id, date: slot.date, kind: slot.kind, scope: slot.scope };
  return mutate(db, {
    type: "roster.assign",
    args: { slot: key, staffIds: [...staffIds] },
    ...actor,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
}

/** Asks a colleague to take one of my slots (and, optionally, to give me one of theirs). */
export function askSwap(
  db: SafetyRoundsDb,
  actor: Actor,
  swap: Omit<SwapAskInput, "id">,
  options: { now?: () => number } = {},
): Promise<string> {
  const id = ulid((options.now ?? Date.now)());
  return mutate(db, { type: "swap.ask", args: { swap: { ...swap, id } }, ...actor }, options);
}

export function stepSwapRequest(
  db: SafetyRoundsDb,
  actor: Actor,
  swapId: string,
  step: SwapStep,
  note?: string,
): Promise<string> {
  return mutate(db, { type: "swap.step", args: { swapId, step, ...(note ? { note } : {}) }, ...actor });
}
