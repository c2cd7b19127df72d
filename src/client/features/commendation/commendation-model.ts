// What the commendation page (表彰名单, SPEC §4, issue #7 §2) computes, pure so the tests need no
// browser: the list itself (CM-5, from the month's ranking), who may name the safety guardians of
// which class (CM-4: the class's own class teacher or an admin — the same rule as writing the
// class's weekly summary), the class's pupils as the checklist shows them, the checklist's
// ticking with its limit, and what stops a save (CM-2, CM-4).
import {
  type Commendation,
  type CommendationList,
  type CommendationProblem,
  commendationId,
  commendationList,
  guardianProblems,
  MAX_GUARDIANS,
  monthProblem,
} from "../../../domain/commendation.ts";
import type { Ranked } from "../../../domain/monthly-score.ts";
import type { ClassMonth } from "../month/month-model.ts";
import { type ClassLike, canWriteSummary, type Me, sortClasses } from "../summaries/summary-model.ts";

/** The link that opens the list of `month` (?print=1: its A4 page; ?class=: the class in the editor). */
export function commendationLink(month: string, options: { print?: boolean; classId?: string } = {}): string {
  const params = new URLSearchParams({ m: month });
  if (options.classId) params.set("class", options.classId);
  if (options.print) params.set("print", "1");
  return `/commendation?${params.toString()}`;
}

export interface ListRow<C> {
  schoolClass: C;
  names: string[];
  /** This phone's change to the class's record has not reached the server yet. */
  isPending: boolean;
}

export interface MonthList<C> {
  commended: CommendationList<C>["commended"];
  guardians: ListRow<C>[];
}

/**
 * CM-5 from the month's ranking (month-model.ts monthRanking, in the school's class order among
 * equals) and the month's records as the phone has them; `classes` in the school's order.
 */
export function monthList<C extends ClassLike>(
  ranking: readonly Ranked<ClassMonth & { total: number }>[],
  classes: readonly C[],
  entries: readonly { entity: Commendation; hasPendingChanges: boolean }[],
  pupilName: (pupilId: string) => string | undefined,
): MonthList<C> {
  const list = commendationList(
    ranking.map(({ rank, item }) => ({ rank, item: { classId: item.schoolClass.id, total: item.total } })),
    classes,
    entries.map((e) => e.entity),
    pupilName,
  );
  const pending = new Set(entries.filter((e) => e.hasPendingChanges).map((e) => e.entity.classId));
  return {
    commended: list.commended,
    guardians: list.guardians.map((g) => ({ ...g, isPending: pending.has(g.schoolClass.id) })),
  };
}

/** CM-4: the class's own class teacher or an admin names its guardians (the server checks the same). */
export function canNameGuardians(me: Me, schoolClass: ClassLike): boolean {
  // The very rule of the weekly summary (WS-2); one function, so the two cannot drift apart.
  return canWriteSummary(me, schoolClass);
}

/** The classes a person may name guardians for, in the school's order (none: no editor). */
export function namingClasses<T extends ClassLike>(me: Me, classes: readonly T[]): T[] {
  return sortClasses(classes).filter((c) => canNameGuardians(me, c));
}

/**
 * The class the editor opens: the one the link names (if the person may name for it), else
 * the first class they teach. An admin who teaches none picks one: undefined.
 */
export function editorClass<T extends ClassLike>(
  me: Me,
  mine: readonly T[],
  param: string | null,
): T | undefined {
  return mine.find((c) => c.id === param) ?? mine.find((c) => c.classTeacherId === me.id);
}

export interface PupilLike {
  id: string;
  studentNo: string;
  name: string;
  classId: string;
}

/** The class's pupils in student-number order (numbers compared as numbers), then by name. */
export function classPupils<P extends PupilLike>(pupils: Iterable<P>, classId: string): P[] {
  return [...pupils]
    .filter((p) => p.classId === classId)
    .sort(
      (a, b) =>
        a.studentNo.localeCompare(b.studentNo, "zh-CN", { numeric: true }) ||
        a.name.localeCompare(b.name, "zh-CN"),
    );
}

/** The pupils whose name or student number contains `query` (blank: all). */
export function matchPupils<P extends PupilLike>(pupils: readonly P[], query: string): P[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...pupils];
  return pupils.filter((p) => p.name.toLowerCase().includes(q) || p.studentNo.toLowerCase().includes(q));
}

/**
 * One tick or untick on the checklist. An 11th tick is refused (the choice stays as it was) so
 * the teacher learns the limit at the tap, not at the save.
 */
export function toggleGuardian(
  chosen: readonly string[],
  pupilId: string,
  isTicked: boolean,
): { chosen: string[]; problem: "tooMany" | null } {
  if (!isTicked) return { chosen: chosen.filter((id) => id !== pupilId), problem: null };
  if (chosen.includes(pupilId)) return { chosen: [...chosen], problem: null };
  if (chosen.length >= MAX_GUARDIANS) return { chosen: [...chosen], problem: "tooMany" };
  return { chosen: [...chosen, pupilId], problem: null };
}

/** The chosen pupils in the checklist's order (student number), as they are saved and shown. */
export function inRollOrder(chosen: readonly string[], pupils: readonly PupilLike[]): string[] {
  const set = new Set(chosen);
  const onRoll = pupils.filter((p) => set.has(p.id)).map((p) => p.id);
  const onRollSet = new Set(onRoll);
  // Anyone not on the class's roll stays at the end, so guardianProblems() can name them.
  return [...onRoll, ...chosen.filter((id) => !onRollSet.has(id))];
}

/** The guardians saved for the class this month, as the editor starts from them. */
export function savedGuardians(
  entries: readonly { entity: Commendation }[],
  month: string,
  classId: string,
): string[] {
  const id = commendationId(month, classId);
  return [...(entries.find((e) => e.entity.id === id)?.entity.guardianIds ?? [])];
}

/** Whether two choices name the same pupils (order aside). */
export function sameChoice(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((id) => set.has(id));
}

/** CM-2 and CM-4: what stops the save, each problem naming what is wrong. */
export function saveProblems(args: {
  month: string;
  currentMonth: string;
  classId: string;
  pupilIds: readonly string[];
  pupils: ReadonlyMap<string, { classId: string; name: string }>;
}): CommendationProblem[] {
  const month = monthProblem(args.month, args.currentMonth);
  return [...(month ? [month] : []), ...guardianProblems(args.pupilIds, args.classId, args.pupils)];
}
