// Safety education, "六个一" (SPEC §5): the recurring duties of a term, each due in a window,
// and whether a record shows it was done. No clock inside: `today` is an argument.
//
// Rules (tests in safety-education.test.ts cite them):
//   ED-1 the duties of a term: a lecture at the start of term (开学安全第一课, within the first
//        five school days) and before each holiday inside the term and before the term ends
//        (假前安全教育, within the three school days before it); two large lectures a term
//        (大型安全讲座); one evacuation drill a term (疏散演练); one theme a month (每月安全主题,
//        each month the term touches); one lesson a week per class (每周一节安全课, each school
//        week); one bulletin a month (每月一期安全板报).
//   ED-2 a duty is done when a record of its kind (and its class, for the weekly lesson) is dated
//        inside its window; the two large lectures are two slots of one window (the term):
//        the first record fills the first, the second the second.
//   ED-3 status: done; due (the window is open today and nothing is recorded); missed (the window
//        has closed without a record); upcoming (the window has not opened).
//   ED-4 a record's date lies inside the term; the weekly lesson names a class, the school-wide
//        duties do not.
import {
  addDays,
  datesBetween,
  isSchoolDay,
  type LocalDate,
  type SchoolCalendar,
  type Term,
  weekdayOf,
} from "./school-calendar.ts";

export const EDUCATION_KINDS = [
  "termStartLecture",
  "holidayLecture",
  "largeLecture",
  "drill",
  "monthlyTheme",
  "weeklyLesson",
  "monthlyBulletin",
] as const;
export type EducationKind = (typeof EDUCATION_KINDS)[number];

export const EDUCATION_LABELS: Record<EducationKind, { zh: string; en: string }> = {
  termStartLecture: { zh: "开学安全第一课", en: "Start-of-term safety lecture" },
  holidayLecture: { zh: "假前安全教育", en: "Pre-holiday safety talk" },
  largeLecture: { zh: "大型安全讲座", en: "Large safety lecture" },
  drill: { zh: "疏散演练", en: "Evacuation drill" },
  monthlyTheme: { zh: "每月安全主题", en: "Monthly safety theme" },
  weeklyLesson: { zh: "每周安全课", en: "Weekly safety lesson" },
  monthlyBulletin: { zh: "每月安全板报", en: "Monthly safety bulletin" },
};

/** One recorded activity (an "education" entity). */
export interface EducationRecord {
  id: string;
  kind: EducationKind;
  date: LocalDate;
  /** The weekly lesson's class; null for school-wide duties. */
  classId: string | null;
  topic: string;
  note: string;
  photos: string[];
  recordedBy: string;
  recordedAt: string;
}

export interface EducationDuty {
  /** Stable within the term: kind, window start, class and slot number. */
  key: string;
  kind: EducationKind;
  classId: string | null;
  /** Both included. */
  from: LocalDate;
  to: LocalDate;
  /** What it is for: the holiday's name, the month ("2026-10"), the week's Monday. */
  about: string;
}

export type DutyStatus = "done" | "due" | "missed" | "upcoming";

export interface DutyState extends EducationDuty {
  status: DutyStatus;
  record: EducationRecord | null;
}

/** The Monday of a date's week. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

function schoolDays(from: LocalDate, to: LocalDate, calendar: SchoolCalendar): LocalDate[] {
  return datesBetween(from, to).filter((d) => isSchoolDay(d, calendar));
}

/** ED-1: the duties of one term for the given classes. */
export function termDuties(
  term: Term,
  calendar: SchoolCalendar,
  classIds: readonly string[],
): EducationDuty[] {
  const days = schoolDays(term.start, term.end, calendar);
  if (days.length === 0) return [];
  const first = days[0] as LocalDate;
  const last = days[days.length - 1] as LocalDate;
  const duties: EducationDuty[] = [];
  const add = (d: Omit<EducationDuty, "key">, slot = "") =>
    duties.push({ ...d, key: `${d.kind}|${d.from}|${d.classId ?? "school"}${slot}` });

  add({
    kind: "termStartLecture",
    classId: null,
    from: first,
    to: days[Math.min(4, days.length - 1)] as LocalDate,
    about: term.name,
  });
  // Before each holiday that starts inside the term, and before the term ends.
  const breaks = (calendar.holidays ?? [])
    .filter((h) => h.start > term.start && h.start <= term.end)
    .map((h) => ({ name: h.name, start: h.start }))
    // In date order whatever order the school entered its holidays in.
    .sort((a, b) => a.start.localeCompare(b.start));
  breaks.push({ name: term.name, start: addDays(term.end, 1) });
  const talkWindows = new Set<LocalDate>();
  for (const b of breaks) {
    const before = days.filter((d) => d < b.start).slice(-3);
    // A holiday entered to start after the last school day but before the term's end date
    // (寒假 from 01-23, term "ends" 01-31) has the same three days as the term's end: one talk,
    // not two duties with one key.
    if (before.length === 0 || talkWindows.has(before[0] as LocalDate)) continue;
    talkWindows.add(before[0] as LocalDate);
    add({
      kind: "holidayLecture",
      classId: null,
      from: before[0] as LocalDate,
      to: before[before.length - 1] as LocalDate,
      about: b.name,
    });
  }
  add({ kind: "largeLecture", classId: null, from: first, to: last, about: term.name }, "|1");
  add({ kind: "largeLecture", classId: null, from: first, to: last, about: term.name }, "|2");
  add({ kind: "drill", classId: null, from: first, to: last, about: term.name });
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  for (const month of months) {
    const inMonth = days.filter((d) => d.startsWith(month));
    const from = inMonth[0] as LocalDate;
    const to = inMonth[inMonth.length - 1] as LocalDate;
    add({ kind: "monthlyTheme", classId: null, from, to, about: month });
    add({ kind: "monthlyBulletin", classId: null, from, to, about: month });
  }
  const weeks = [...new Set(days.map(mondayOf))];
  for (const monday of weeks) {
    const inWeek = days.filter((d) => mondayOf(d) === monday);
    for (const classId of classIds)
      add({
        kind: "weeklyLesson",
        classId,
        from: inWeek[0] as LocalDate,
        to: inWeek[inWeek.length - 1] as LocalDate,
        about: monday,
      });
  }
  return duties;
}

/** ED-2, ED-3: each duty with its status and the record that fills it. */
export function dutyStates(
  duties: readonly EducationDuty[],
  records: readonly EducationRecord[],
  today: LocalDate,
): DutyState[] {
  const used = new Set<string>();
  const sorted = [...records].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return duties.map((duty) => {
    const record =
      sorted.find(
        (r) =>
          !used.has(r.id) &&
          r.kind === duty.kind &&
          (duty.kind !== "weeklyLesson" || r.classId === duty.classId) &&
          duty.from <= r.date &&
          r.date <= duty.to,
      ) ?? null;
    if (record) used.add(record.id);
    const status: DutyStatus = record
      ? "done"
      : today > duty.to
        ? "missed"
        : today >= duty.from
          ? "due"
          : "upcoming";
    return { ...duty, status, record };
  });
}

export interface EducationProblem {
  field: "date" | "classId";
  zh: string;
  en: string;
}

/** ED-4. */
export function validateEducationRecord(
  record: Pick<EducationRecord, "kind" | "date" | "classId">,
  terms: readonly Term[],
): EducationProblem[] {
  const problems: EducationProblem[] = [];
  if (terms.length > 0 && !terms.some((t) => t.start <= record.date && record.date <= t.end))
    problems.push({
      field: "date",
      zh: `${record.date} 不在任何学期内`,
      en: `${record.date} is outside every term`,
    });
  if (record.kind === "weeklyLesson" && !record.classId)
    problems.push({
      field: "classId",
      zh: "每周安全课要选班级",
      en: "a weekly safety lesson names its class",
    });
  if (record.kind !== "weeklyLesson" && record.classId)
    problems.push({ field: "classId", zh: "全校活动不选班级", en: "a school-wide activity names no class" });
  return problems;
}
