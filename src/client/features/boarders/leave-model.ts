// Leave (请假, RC-5) as the /leave page needs it: which classes this person may record leave for
// (their own class; an admin any), the class's pupils with the boarders first, the form's named
// problems, and the list of current and upcoming leave. Pure: the page passes what it read.
import { isOnLeave, type Leave, validateLeaveDates } from "../../../domain/roll-call.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";
import { getLang, inLang } from "../../ui/i18n.ts";
import { bt } from "./boarders-text.ts";

export interface LeaveClass {
  id: string;
  grade: number;
  name: string;
  classTeacherId: string | null;
}

export interface LeavePupil {
  id: string;
  name: string;
  studentNo: string;
  classId: string;
  isBoarder: boolean;
}

/** RC-5: a class teacher records leave for their own class(es); an admin for any class. */
export function leaveClassesFor<C extends LeaveClass>(
  me: { id: string; roles: readonly string[] },
  classes: readonly C[],
): C[] {
  const sorted = [...classes].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN"));
  if (me.roles.includes("admin")) return sorted;
  return sorted.filter((c) => c.classTeacherId === me.id);
}

const numeric = new Intl.Collator("zh-CN", { numeric: true });

/** The class's pupils: boarders first (leave matters most for them), each by student number. */
export function pupilsForLeave<P extends LeavePupil>(pupils: readonly P[], classId: string): P[] {
  return pupils
    .filter((p) => p.classId === classId)
    .sort(
      (a, b) =>
        Number(b.isBoarder) - Number(a.isBoarder) ||
        numeric.compare(a.studentNo, b.studentNo) ||
        numeric.compare(a.name, b.name),
    );
}

export interface LeaveForm {
  pupilId: string;
  from: LocalDate | "";
  to: LocalDate | "";
  note: string;
}

export interface LeaveFormProblem {
  field: "pupilId" | "from" | "to";
  message: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "5月3日" / "May 3": a school date short enough for a phone (no time zone involved). */
export function dateText(date: LocalDate): string {
  const [, m = 1, d = 1] = date.split("-").map(Number);
  return getLang() === "zh" ? `${m}月${d}日` : `${MONTHS[m - 1]} ${d}`;
}

export function datesText(from: LocalDate, to: LocalDate): string {
  return from === to ? dateText(from) : bt("dates", { from: dateText(from), to: dateText(to) });
}

/**
 * Everything that stops the leave being saved, each naming the field: no pupil, a missing date,
 * dates the wrong way round (RC-5 validateLeaveDates), leave wholly in the past, or an overlap
 * with the pupil's other leave that still counts.
 */
export function leaveFormProblems(
  form: LeaveForm,
  today: LocalDate,
  leaves: readonly Leave[],
  nameOf: (pupilId: string) => string,
): LeaveFormProblem[] {
  const problems: LeaveFormProblem[] = [];
  if (!form.pupilId) problems.push({ field: "pupilId", message: bt("errNoPupil") });
  if (!form.from) problems.push({ field: "from", message: bt("errNoDate", { field: bt("from") }) });
  if (!form.to) problems.push({ field: "to", message: bt("errNoDate", { field: bt("to") }) });
  if (!form.from || !form.to) return problems;
  for (const p of validateLeaveDates(form.from, form.to))
    problems.push({ field: p.field, message: inLang(p) });
  if (form.to < today) problems.push({ field: "to", message: bt("errPast", { to: dateText(form.to) }) });
  if (form.pupilId && form.from <= form.to) {
    const clash = leaves.find(
      (l) => l.pupilId === form.pupilId && l.cancelledAt === null && l.from <= form.to && form.from <= l.to,
    );
    if (clash)
      problems.push({
        field: "from",
        message: bt("errOverlap", { name: nameOf(form.pupilId), dates: datesText(clash.from, clash.to) }),
      });
  }
  return problems;
}

export interface LeaveRow {
  leave: Leave;
  /** On leave today, or from a later date. */
  when: "now" | "upcoming";
}

/** RC-5: leave that still counts today or later, the current first, then by start date. */
export function currentAndUpcoming(leaves: readonly Leave[], today: LocalDate): LeaveRow[] {
  return leaves
    .filter((l) => l.cancelledAt === null && l.to >= today)
    .map(
      (leave) => ({ leave, when: isOnLeave(leave, leave.pupilId, today) ? "now" : "upcoming" }) as LeaveRow,
    )
    .sort(
      (a, b) =>
        (a.when === "now" ? 0 : 1) - (b.when === "now" ? 0 : 1) ||
        a.leave.from.localeCompare(b.leave.from) ||
        a.leave.id.localeCompare(b.leave.id),
    );
}
