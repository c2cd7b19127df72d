// The admin's week (/summaries), pure: every class with its status (WS-3 summaryStatus), the
// counts at the top, whom a reminder goes to by default, and which reminders reached a class
// teacher (the home card). The print page and the CSV file read the same rows.
import type { LocalDate } from "../../../domain/school-calendar.ts";
import {
  type SummaryStatus,
  summaryStatus,
  type WeeklySummary,
  type WeekNumbers,
} from "../../../domain/weekly-summary.ts";
import type { ClassLike } from "./summary-model.ts";

export const STATUS_ORDER: readonly SummaryStatus[] = [
  "missing",
  "draft",
  "not_due",
  "submitted_late",
  "submitted",
];

export interface ClassWeekRow {
  classId: string;
  schoolClass: ClassLike;
  status: SummaryStatus;
  summary: WeeklySummary | undefined;
  /** The summary waits to sync from this phone. */
  isPending: boolean;
  /** The submitted or saved numbers; the phone's own count while nothing is saved. */
  numbers: WeekNumbers;
  /** The numbers are the phone's count, not what a class teacher saved. */
  isLiveCount: boolean;
}

/** WS-3: one row per class (in the order given) with its status at `now`. */
export function weekRows(args: {
  classes: readonly ClassLike[];
  summaries: readonly { entity: WeeklySummary; hasPendingChanges: boolean }[];
  weekStart: LocalDate;
  now: Date;
  timeZone: string;
  /** The phone's own count for a class with nothing saved (WS-1). */
  liveNumbers: (classId: string) => WeekNumbers;
}): ClassWeekRow[] {
  const byClass = new Map(
    args.summaries.filter((e) => e.entity.weekStart === args.weekStart).map((e) => [e.entity.classId, e]),
  );
  return args.classes.map((c) => {
    const entry = byClass.get(c.id);
    const summary = entry?.entity;
    return {
      classId: c.id,
      schoolClass: c,
      status: summaryStatus(summary, args.weekStart, args.now, args.timeZone),
      summary,
      isPending: entry?.hasPendingChanges ?? false,
      numbers: summary ? summary.numbers : args.liveNumbers(c.id),
      isLiveCount: !summary,
    };
  });
}

export function statusCounts(rows: readonly { status: SummaryStatus }[]): Record<SummaryStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<SummaryStatus, number>;
  for (const row of rows) counts[row.status]++;
  return counts;
}

export function isSubmitted(status: SummaryStatus): boolean {
  return status === "submitted" || status === "submitted_late";
}

/** A reminder goes by default to every class not submitted that has a class teacher to read it. */
export function defaultReminderTargets(rows: readonly ClassWeekRow[]): string[] {
  return rows
    .filter((r) => !isSubmitted(r.status) && r.schoolClass.classTeacherId !== null)
    .map((r) => r.classId);
}

/** Why a reminder cannot go yet, or undefined. */
export function reminderProblem(
  classIds: readonly string[],
  note: string,
): "noClass" | "noteTooLong" | undefined {
  if (classIds.length === 0) return "noClass";
  if (note.trim().length > 200) return "noteTooLong";
  return undefined;
}

/**
 * The reminders that still wait on a class teacher, newest first, each with the classes of
 * `classIds` it names whose summary of its week is not submitted at `now` (WS-3): a reminder
 * stops mattering once the week it names is in. The home card and home/waiting-model.ts.
 */
export function openReminders<
  R extends { classIds: readonly string[]; sentAt: string; weekStart: LocalDate },
>(
  reminders: readonly R[],
  summaries: readonly WeeklySummary[],
  classIds: readonly string[],
  now: Date,
  timeZone: string,
): { reminder: R; classIds: string[] }[] {
  const isOpen = (classId: string, week: LocalDate) =>
    !isSubmitted(
      summaryStatus(
        summaries.find((s) => s.classId === classId && s.weekStart === week),
        week,
        now,
        timeZone,
      ),
    );
  return remindersFor(reminders, classIds).flatMap((reminder) => {
    const open = reminder.classIds.filter((id) => classIds.includes(id) && isOpen(id, reminder.weekStart));
    return open.length > 0 ? [{ reminder, classIds: open }] : [];
  });
}

/** The reminders that name one of `classIds`, newest first (the class teacher's home card). */
export function remindersFor<R extends { classIds: readonly string[]; sentAt: string }>(
  reminders: readonly R[],
  classIds: readonly string[],
): R[] {
  const mine = new Set(classIds);
  return reminders
    .filter((r) => r.classIds.some((id) => mine.has(id)))
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}
