// Saving, submitting and adding to a weekly summary, and the admin's reminder, each one
// mutate() (outbox entry + view in one transaction, SYNC S1), so they work offline. The phone
// sends the week's numbers as draftNumbers() (domain/weekly-summary.ts WS-1) computed them from
// what it has: the server keeps them as the class teacher saw them (WS-2).
import { ulid } from "ulidx";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { SummaryInput } from "../../protocol/summary.ts";
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
