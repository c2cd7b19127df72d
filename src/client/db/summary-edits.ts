// Saving, submitting and adding to a weekly summary, the admin's reminder and the month's
// commendation marks and guardians, each one mutate() (outbox entry + view in one transaction,
// SYNC S1), so they work offline. The phone
// sends the week's numbers as draftNumbers() (domain/weekly-summary.ts WS-1) computed them from
// what it has: the server keeps them as the class teacher saw them (WS-2).
import { ulid } from "ulidx";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { CommendMarkInput, GuardiansInput, SummaryInput } from "../../protocol/summary.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { mutate } from "./mutation-store.ts";
import type { Actor } from "./reference-edits.ts";

export type { Actor };

export interface EditOptions {
  /** Phone clock, ms. */
  now?: () => number;
}

/** WS-2: saves the words (and the numbers as they stand) as a draft; returns the mutationId. */
export function saveSummary(
  db: SafetyRoundsDb,
  actor: Actor,
  summary: SummaryInput,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "summary.save", args: { summary }, ...actor }, options);
}

/** WS-2: submits the summary; its words and numbers are final from now on. */
export function submitSummary(
  db: SafetyRoundsDb,
  actor: Actor,
  summary: SummaryInput,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "summary.submit", args: { summary }, ...actor }, options);
}

/** WS-2: an addendum (补充说明) to a submitted summary. */
export function addAddendum(
  db: SafetyRoundsDb,
  actor: Actor,
  summaryId: string,
  text: string,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "summary.addendum", args: { summaryId, text }, ...actor }, options);
}

/** The admin reminds the class teachers of `classIds` to submit the week's summary. */
export function sendReminder(
  db: SafetyRoundsDb,
  actor: Actor,
  reminder: { weekStart: LocalDate; classIds: string[]; note: string },
  options: EditOptions = {},
): Promise<string> {
  const id = ulid((options.now ?? Date.now)());
  return mutate(db, { type: "summary.remind", args: { reminder: { id, ...reminder } }, ...actor }, options);
}

/** CM-3: the admin marks a class commended (安全先进班级) for a month, or takes the mark back. */
export function markCommended(
  db: SafetyRoundsDb,
  actor: Actor,
  mark: CommendMarkInput,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "commendation.mark", args: { mark }, ...actor }, options);
}

/** CM-4: the class's safety guardians (安全小卫士) for a month; [] clears them. */
export function nameGuardians(
  db: SafetyRoundsDb,
  actor: Actor,
  guardians: GuardiansInput,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "commendation.guardians", args: { guardians }, ...actor }, options);
}
