// The /education page's rules, apart from React: which term to show, who may record which
// kind (the server's rule, so the page never offers what the server would refuse), the term's
// duties with their state (domain/safety-education.ts ED-1..3) grouped for a phone, the
// weekly-lesson grid (classes × weeks) and the record form's checks (ED-4 plus the zod schema).
import type { Role } from "../../../domain/roles.ts";
import {
  type DutyState,
  dutyStates,
  EDUCATION_KINDS,
  type EducationKind,
  type EducationRecord,
  termDuties,
  validateEducationRecord,
} from "../../../domain/safety-education.ts";
import type { LocalDate, SchoolCalendar, Term } from "../../../domain/school-calendar.ts";
import { EducationInput } from "../../../protocol/summary.ts";

export interface Me {
  id: string;
  roles: readonly Role[];
}

export interface ClassRef {
  id: string;
  grade: number;
  name: string;
  classTeacherId: string | null;
}

/** The term containing today; else the next to come; else the last one that ended. */
export function defaultTerm(terms: readonly Term[], today: LocalDate): Term | undefined {
  const sorted = [...terms].sort((a, b) => a.start.localeCompare(b.start));
  return (
    sorted.find((t) => t.start <= today && today <= t.end) ??
    sorted.find((t) => t.start > today) ??
    sorted[sorted.length - 1]
  );
}

/** The school-wide duties are recorded by the school's leaders (as the server checks). */
const SCHOOL_WIDE_ROLES: readonly Role[] = ["admin", "principal", "department_head", "grade_leader"];

/** The classes whose weekly lesson this person may record: their own, or every class for an admin. */
export function lessonClasses(me: Me, classes: readonly ClassRef[]): ClassRef[] {
  if (me.roles.includes("admin")) return [...classes];
  return classes.filter((c) => c.classTeacherId === me.id);
}

/** The kinds this person may record, in the calendar's order. */
export function recordableKinds(me: Me, classes: readonly ClassRef[]): EducationKind[] {
  const schoolWide = me.roles.some((r) => SCHOOL_WIDE_ROLES.includes(r));
  const lessons = lessonClasses(me, classes).length > 0;
  return EDUCATION_KINDS.filter((k) => (k === "weeklyLesson" ? lessons : schoolWide));
}

export function canRecord(me: Me, kind: EducationKind, classId: string | null, classes: readonly ClassRef[]) {
  if (kind !== "weeklyLesson") return me.roles.some((r) => SCHOOL_WIDE_ROLES.includes(r));
  return classId !== null && lessonClasses(me, classes).some((c) => c.id === classId);
}

/** The classes a class teacher teaches (the grid's "my class" filter). */
export function myClassIds(me: Me, classes: readonly ClassRef[]): string[] {
  return classes.filter((c) => c.classTeacherId === me.id).map((c) => c.id);
}

export interface KindGroup {
  kind: EducationKind;
  duties: DutyState[];
  done: number;
}

export interface LessonCell {
  weekStart: LocalDate;
  state: DutyState;
}

export interface LessonRow {
  classId: string;
  cells: LessonCell[];
  done: number;
}

export interface TermCalendar {
  /** The school-wide duties by kind (the weekly lesson is the grid). */
  groups: KindGroup[];
  /** The term's school weeks (Mondays). */
  weeks: LocalDate[];
  lessons: LessonRow[];
  /** Duties whose window is open now with nothing recorded: the page's "to do" count. */
  dueCount: number;
  missedCount: number;
}

/** ED-1..3 laid out for the page. Classes in the school's order (grade, then name). */
export function buildTermCalendar(input: {
  term: Term;
  calendar: SchoolCalendar;
  classes: readonly ClassRef[];
  records: readonly EducationRecord[];
  today: LocalDate;
}): TermCalendar {
  const classes = [...input.classes].sort(
    (a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN", { numeric: true }),
  );
  const duties = termDuties(
    input.term,
    input.calendar,
    classes.map((c) => c.id),
  );
  const inTerm = input.records.filter((r) => input.term.start <= r.date && r.date <= input.term.end);
  const states = dutyStates(duties, inTerm, input.today);
  const groups: KindGroup[] = EDUCATION_KINDS.filter((k) => k !== "weeklyLesson")
    .map((kind) => {
      const list = states.filter((s) => s.kind === kind);
      return { kind, duties: list, done: list.filter((s) => s.status === "done").length };
    })
    .filter((g) => g.duties.length > 0);
  const lessonStates = states.filter((s) => s.kind === "weeklyLesson");
  const weeks = [...new Set(lessonStates.map((s) => s.about))].sort();
  const lessons = classes.map((c) => {
    const cells = lessonStates
      .filter((s) => s.classId === c.id)
      .map((state) => ({ weekStart: state.about, state }));
    return { classId: c.id, cells, done: cells.filter((x) => x.state.status === "done").length };
  });
  return {
    groups,
    weeks,
    lessons,
    dueCount: states.filter((s) => s.status === "due").length,
    missedCount: states.filter((s) => s.status === "missed").length,
  };
}

/** The grid's columns to show first: scrolled so this week is in view (index of its Monday). */
export function currentWeekIndex(weeks: readonly LocalDate[], today: LocalDate): number {
  let index = 0;
  weeks.forEach((w, i) => {
    if (w <= today) index = i;
  });
  return index;
}

export interface FormDraft {
  kind: EducationKind | "";
  date: LocalDate;
  classId: string;
  topic: string;
  note: string;
  photos: string[];
}

export interface FormProblem {
  field: "kind" | "date" | "classId" | "topic" | "note" | "photos";
  zh: string;
  en: string;
}

/** ED-4 (domain), the schema's limits (protocol/summary.ts EducationInput) and who may record. */
export function checkDraft(
  draft: FormDraft,
  ctx: { me: Me; classes: readonly ClassRef[]; terms: readonly Term[] },
): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!draft.kind) {
    problems.push({ field: "kind", zh: "请选择活动类型", en: "Choose what kind of activity it was" });
    return problems;
  }
  const classId = draft.kind === "weeklyLesson" ? draft.classId || null : null;
  for (const p of validateEducationRecord({ kind: draft.kind, date: draft.date, classId }, ctx.terms))
    problems.push(p);
  if (!problems.some((p) => p.field === "classId") && !canRecord(ctx.me, draft.kind, classId, ctx.classes))
    problems.push(
      draft.kind === "weeklyLesson"
        ? {
            field: "classId",
            zh: "只能记录自己班的安全课",
            en: "You can record the lesson of your own class only",
          }
        : { field: "kind", zh: "这项活动由学校领导记录", en: "The school's leaders record this activity" },
    );
  const parsed = EducationInput.safeParse({
    id: "00000000000000000000000000",
    kind: draft.kind,
    date: draft.date,
    classId,
    topic: draft.topic,
    note: draft.note,
    photos: draft.photos,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (field === "topic")
        problems.push(
          draft.topic.trim() === ""
            ? { field: "topic", zh: "请填写主题", en: "Enter the topic" }
            : { field: "topic", zh: "主题最多 100 字", en: "The topic is at most 100 characters" },
        );
      else if (field === "note")
        problems.push({ field: "note", zh: "说明最多 1000 字", en: "The note is at most 1000 characters" });
      else if (field === "photos")
        problems.push({ field: "photos", zh: "最多 9 张照片", en: "At most 9 photos" });
      else if (field === "date" && !problems.some((p) => p.field === "date"))
        problems.push({ field: "date", zh: "请填写日期", en: "Enter the date" });
    }
  return problems;
}
