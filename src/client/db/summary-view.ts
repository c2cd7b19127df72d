// Weekly summaries, the admin's reminders, the month's commendations and safety-education
// records as the UI reads them:
// the pulled view with this phone's pending saves on top. Summaries and reminders are read by
// their week's Monday and education records by date, through the view's key index
// (entity-view.ts viewKey), so a week's page never scans a term of records. Works offline.

import type { Commendation } from "../../domain/commendation.ts";
import type { EducationRecord } from "../../domain/safety-education.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { WeeklySummary } from "../../domain/weekly-summary.ts";
import type { SummaryReminder } from "../../protocol/summary.ts";
import type { AlertEntity } from "../../protocol/sync.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { type Entry, toEntry } from "./reference-view.ts";
import { byKeyRange } from "./safety-view.ts";

export type { Entry };

/** Every class's summary of the week starting `weekStart` (a Monday). */
export function listSummaries(
  db: SafetyRoundsDb,
  schoolId: string,
  weekStart: LocalDate,
): Promise<Entry<WeeklySummary>[]> {
  return byKeyRange<WeeklySummary>(db, schoolId, "weeklySummary", weekStart, weekStart);
}

export async function getSummary(db: SafetyRoundsDb, id: string): Promise<Entry<WeeklySummary> | undefined> {
  const row = await db.view.get(["weeklySummary", id]);
  return row ? toEntry<WeeklySummary>(row) : undefined;
}

/** The reminders the admin sent for a week, oldest first. */
export async function listReminders(
  db: SafetyRoundsDb,
  schoolId: string,
  weekStart: LocalDate,
): Promise<Entry<SummaryReminder>[]> {
  const list = await byKeyRange<SummaryReminder>(db, schoolId, "summaryReminder", weekStart, weekStart);
  return list.sort((a, b) => a.entity.sentAt.localeCompare(b.entity.sentAt));
}

/** Safety-education records dated `from`..`to` (both included), every kind and class. */
export function listEducation(
  db: SafetyRoundsDb,
  schoolId: string,
  from: LocalDate,
  to: LocalDate = from,
): Promise<Entry<EducationRecord>[]> {
  return byKeyRange<EducationRecord>(db, schoolId, "education", from, to);
}

/** The school's alerts (a few a term; they have no key of their own in the view index). */
export async function listAlerts(db: SafetyRoundsDb, schoolId: string): Promise<AlertEntity[]> {
  const rows = await db.view.where("[schoolId+entityType]").equals([schoolId, "alert"]).toArray();
  const out: AlertEntity[] = [];
  for (const row of rows) {
    const entry = toEntry<AlertEntity>(row);
    if (entry) out.push(entry.entity);
  }
  return out;
}

/** The month's commendation records (CM-1), one per class that has one. */
export function listCommendations(
  db: SafetyRoundsDb,
  schoolId: string,
  month: string,
): Promise<Entry<Commendation>[]> {
  return byKeyRange<Commendation>(db, schoolId, "commendation", month, month);
}
