// The weekly class safety summary (班级每周上报小结, SPEC §4 两个一): the app drafts the week's
// numbers from what was recorded, the class teacher adds words and submits; a submission is
// final and addenda may follow. No clock inside: `asOf` and `now` are arguments.
//
// Rules (tests in weekly-summary.test.ts cite them):
//   WS-1 the draft's numbers for a class and a school week (Monday–Sunday), counted up to `asOf`:
//        rounds of the class's classrooms done against due (each school day × the three rounds
//        × each classroom of the class; done when at least one record that counts as the round
//        (rounds.ts RD-6: not an early one, unless the school allows them) exists for that
//        area, date and round); hazards found in the class's areas that week, of them rectified, and
//        late (rectified after the deadline, or still open past it); roll-call exceptions of
//        the class's pupils by reason (one per pupil, date and reason); unaccounted incidents
//        (alerts raised that week for the class's pupils); the weekly safety lesson held or not
//        (safety-education.ts ED-2).
//   WS-2 the class teacher of the class (or an admin) saves the draft's words and submits; once
//        submitted the words and the numbers as they stood are final; only addenda follow.
//   WS-3 a week's summary is due by the end of its Sunday (the next Monday 00:00, school time);
//        for the admin each class is submitted (on time or late), draft, not yet due, or missing.

import type { Handover } from "./handover.ts";
import type { Hazard } from "./hazard-machine.ts";
import { EXCEPTION_REASONS, type ExceptionReason } from "./roll-call.ts";
import {
  countsAsRound,
  type EarlyRoundRule,
  ROUND_KINDS,
  type RoundKind,
  type TimedRound,
} from "./rounds.ts";
import { type EducationRecord, mondayOf } from "./safety-education.ts";
import {
  addDays,
  atLocal,
  datesBetween,
  isSchoolDay,
  type LocalDate,
  localDateOf,
  type SchoolCalendar,
} from "./school-calendar.ts";

export { mondayOf };

export interface SummaryArea {
  id: string;
  kind: string;
  classId: string | null;
}

export interface SummaryRound extends TimedRound {
  id: string;
  areaId: string;
  round: RoundKind;
  date: LocalDate;
}

export interface SummaryAlert {
  id: string;
  kind: string;
  subjectId: string;
  raisedAt: string;
}

export interface WeekInput {
  classId: string;
  weekStart: LocalDate;
  /** Count up to and including this date (today while the week runs, else its Sunday). */
  asOf: LocalDate;
  /** The end of `asOf` as an instant, for "still open past its deadline". */
  asOfEnd: Date;
  /** The school's calendar and whether early rounds count (EffectiveSettings is both). */
  calendar: SchoolCalendar & EarlyRoundRule;
  timeZone: string;
  areas: readonly SummaryArea[];
  rounds: readonly SummaryRound[];
  hazards: readonly Hazard[];
  handovers: readonly Handover[];
  /** The ids of the class's pupils. */
  pupilIds: ReadonlySet<string>;
  alerts: readonly SummaryAlert[];
  education: readonly EducationRecord[];
}

export interface WeekNumbers {
  weekStart: LocalDate;
  asOf: LocalDate;
  rounds: { due: number; done: number; missed: string[] };
  hazards: { found: string[]; rectified: string[]; late: string[] };
  exceptions: Record<ExceptionReason, number>;
  exceptionList: { date: LocalDate; pupilId: string; reason: ExceptionReason; handoverId: string }[];
  unaccounted: string[];
  lesson: { held: boolean; recordId: string | null };
}

/** WS-1. */
export function draftNumbers(input: WeekInput): WeekNumbers {
  const weekEnd = addDays(input.weekStart, 6);
  // Dates as "YYYY-MM-DD" compare in calendar order: the earlier of asOf and the week's Sunday.
  const last = [input.asOf, weekEnd].sort()[0] as LocalDate;
  const days = datesBetween(input.weekStart, last).filter((d) => isSchoolDay(d, input.calendar));
  const inWeek = (d: LocalDate) => input.weekStart <= d && d <= last;

  const classrooms = input.areas.filter((a) => a.kind === "classroom" && a.classId === input.classId);
  const classAreas = new Set(input.areas.filter((a) => a.classId === input.classId).map((a) => a.id));
  const recorded = new Set(
    input.rounds
      .filter((r) => countsAsRound(r, input.calendar))
      .map((r) => `${r.areaId}|${r.date}|${r.round}`),
  );
  const missed: string[] = [];
  let due = 0;
  for (const date of days)
    for (const round of ROUND_KINDS)
      for (const area of classrooms) {
        due++;
        const key = `${area.id}|${date}|${round}`;
        if (!recorded.has(key)) missed.push(key);
      }

  const found = input.hazards.filter(
    (h) => classAreas.has(h.areaId) && inWeek(localDateOf(new Date(h.foundAt), input.timeZone)),
  );
  const rectifiedAt = (h: Hazard) => h.rectification?.at ?? null;
  const rectified = found.filter((h) => rectifiedAt(h) !== null);
  const late = found.filter((h) => {
    const at = rectifiedAt(h);
    const deadline = Date.parse(h.deadline);
    return at ? Date.parse(at) > deadline : input.asOfEnd.getTime() > deadline;
  });

  const exceptions = Object.fromEntries(EXCEPTION_REASONS.map((r) => [r, 0])) as Record<
    ExceptionReason,
    number
  >;
  const seen = new Set<string>();
  const exceptionList: WeekNumbers["exceptionList"] = [];
  for (const h of [...input.handovers].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!inWeek(h.date) || !h.give) continue;
    for (const e of h.give.rollCall.exceptions) {
      if (!input.pupilIds.has(e.pupilId)) continue;
      const key = `${h.date}|${e.pupilId}|${e.reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      exceptions[e.reason]++;
      exceptionList.push({ date: h.date, pupilId: e.pupilId, reason: e.reason, handoverId: h.id });
    }
  }
  const unaccounted = input.alerts
    .filter(
      (a) =>
        a.kind === "unaccounted_pupil" &&
        input.pupilIds.has(a.subjectId) &&
        inWeek(localDateOf(new Date(a.raisedAt), input.timeZone)),
    )
    .map((a) => a.id);
  // ED-2's window for the week's lesson (its first to last school day, the whole week, not only
  // up to asOf) and its order (earliest record first), so the summary and the education
  // calendar never disagree: a lesson dated on a holiday or a weekend fills neither.
  const weekSchool = datesBetween(input.weekStart, weekEnd).filter((d) => isSchoolDay(d, input.calendar));
  const lessonFrom = weekSchool[0];
  const lessonTo = weekSchool[weekSchool.length - 1];
  const lesson = [...input.education]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .find(
      (r) =>
        r.kind === "weeklyLesson" &&
        r.classId === input.classId &&
        lessonFrom !== undefined &&
        lessonTo !== undefined &&
        lessonFrom <= r.date &&
        r.date <= lessonTo,
    );
  return {
    weekStart: input.weekStart,
    asOf: last,
    rounds: { due, done: due - missed.length, missed },
    hazards: {
      found: found.map((h) => h.id),
      rectified: rectified.map((h) => h.id),
      late: late.map((h) => h.id),
    },
    exceptions,
    exceptionList,
    unaccounted,
    lesson: { held: lesson !== undefined, recordId: lesson?.id ?? null },
  };
}

export interface Addendum {
  at: string;
  by: string;
  text: string;
}

/** The "weeklySummary" entity; its id is weeklySummaryId(weekStart, classId). */
export interface WeeklySummary {
  id: string;
  classId: string;
  weekStart: LocalDate;
  text: string;
  state: "draft" | "submitted";
  /** Frozen at submission (WS-2); the last saved draft's numbers before. */
  numbers: WeekNumbers;
  savedBy: string;
  savedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  addenda: Addendum[];
}

export function weeklySummaryId(weekStart: LocalDate, classId: string): string {
  return `${weekStart}|${classId}`;
}

/** WS-3: when a week's summary is due (the next Monday 00:00 in the school's time zone). */
export function summaryDueAt(weekStart: LocalDate, timeZone: string): Date {
  return atLocal(addDays(weekStart, 7), 0, timeZone);
}

export type SummaryStatus = "submitted" | "submitted_late" | "draft" | "not_due" | "missing";

export const SUMMARY_STATUS_LABELS: Record<SummaryStatus, { zh: string; en: string }> = {
  submitted: { zh: "已提交", en: "Submitted" },
  submitted_late: { zh: "逾期提交", en: "Submitted late" },
  draft: { zh: "草稿", en: "Draft" },
  not_due: { zh: "未到期", en: "Not yet due" },
  missing: { zh: "未提交", en: "Missing" },
};

/** WS-3. A draft past its due time is still a draft (the admin sees it was started). */
export function summaryStatus(
  summary: Pick<WeeklySummary, "state" | "submittedAt"> | undefined,
  weekStart: LocalDate,
  now: Date,
  timeZone: string,
): SummaryStatus {
  const due = summaryDueAt(weekStart, timeZone);
  if (summary?.state === "submitted")
    return summary.submittedAt && Date.parse(summary.submittedAt) > due.getTime()
      ? "submitted_late"
      : "submitted";
  if (summary) return "draft";
  return now.getTime() < due.getTime() ? "not_due" : "missing";
}

export type SummaryStepOutcome =
  | { outcome: "applied"; summary: WeeklySummary }
  | { outcome: "refused"; message: string };

/** WS-2: saving words (and the current numbers) on a draft; refused once submitted. */
export function saveDraft(
  current: WeeklySummary | undefined,
  input: { id: string; classId: string; weekStart: LocalDate; text: string; numbers: WeekNumbers },
  by: string,
  at: string,
): SummaryStepOutcome {
  if (current?.state === "submitted")
    return {
      outcome: "refused",
      message: "本周小结已提交，不能再改，可以补充说明 / already submitted: add an addendum instead",
    };
  return {
    outcome: "applied",
    summary: {
      id: input.id,
      classId: input.classId,
      weekStart: input.weekStart,
      text: input.text,
      state: "draft",
      numbers: input.numbers,
      savedBy: by,
      savedAt: at,
      submittedBy: null,
      submittedAt: null,
      addenda: current?.addenda ?? [],
    },
  };
}

/** WS-2: submitting freezes the words and numbers; submitting twice is refused. */
export function submitSummary(
  current: WeeklySummary | undefined,
  input: { id: string; classId: string; weekStart: LocalDate; text: string; numbers: WeekNumbers },
  by: string,
  at: string,
): SummaryStepOutcome {
  if (current?.state === "submitted")
    return {
      outcome: "refused",
      message: `本周小结已于 ${current.submittedAt} 提交 / already submitted at ${current.submittedAt}`,
    };
  const draft = saveDraft(current, input, by, at);
  if (draft.outcome !== "applied") return draft;
  return {
    outcome: "applied",
    summary: { ...draft.summary, state: "submitted", submittedBy: by, submittedAt: at },
  };
}

/** WS-2: an addendum follows a submission. */
export function addAddendum(
  current: WeeklySummary | undefined,
  text: string,
  by: string,
  at: string,
): SummaryStepOutcome {
  if (current?.state !== "submitted")
    return {
      outcome: "refused",
      message: "请先提交本周小结，再补充说明 / submit the summary first, then add to it",
    };
  return { outcome: "applied", summary: { ...current, addenda: [...current.addenda, { at, by, text }] } };
}

/** The week ranges of a month's school weeks (a week belongs to the month of its Monday). */
export function weeksOfMonth(month: string, calendar: SchoolCalendar): LocalDate[] {
  const first = `${month}-01`;
  const days = datesBetween(first, addDays(addDays(first, 31), -1)).filter((d) => d.startsWith(month));
  const mondays = [...new Set(days.map(mondayOf))].filter((m) => m.startsWith(month));
  return mondays.filter((m) => datesBetween(m, addDays(m, 6)).some((d) => isSchoolDay(d, calendar)));
}
