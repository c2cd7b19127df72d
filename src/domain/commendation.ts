// The month's commendation (总结表彰, SPEC §4 两个一): once a month the school ranks its classes
// by their score (monthly-score.ts), the admin marks the commended classes (安全先进班级) and
// each class names its safety guardians (安全小卫士) among its pupils. No clock inside: the
// school's current month and the time of a change are arguments.
//
// Rules (tests in commendation.test.ts cite them):
//   CM-1 one record per month and class, id "YYYY-MM|classId", so marks and names made offline
//        on several phones meet in one record; a class with no record is neither commended nor
//        has guardians named.
//   CM-2 a month is "YYYY-MM"; only a month that has begun (up to the school's current month)
//        can be commended or named: a later month has no score yet.
//   CM-3 the admin marks a class commended or not, with an optional citation (评语, ≤ 200
//        characters); the mark is a plain setting: the last one to reach the server stands and
//        each is kept in the record's history.
//   CM-4 the class teacher of the class (or an admin) names its guardians: pupils of that class,
//        each once, at most MAX_GUARDIANS; an empty list clears them. Naming is a plain setting
//        like CM-3 and leaves the admin's mark as it is (and CM-3 leaves the names).
//   CM-5 the commendation list: the commended classes in ranking order (rank, score, citation),
//        then every class in the school's order with its guardians' names (pupils no longer on
//        the roll are left out); classes with nobody named say so.
import type { Ranked } from "./monthly-score.ts";

export const MAX_GUARDIANS = 10;
export const MAX_CITATION = 200;

export interface Commendation {
  id: string;
  month: string;
  classId: string;
  commended: boolean;
  citation: string;
  commendedBy: string | null;
  commendedAt: string | null;
  guardianIds: string[];
  guardiansBy: string | null;
  guardiansAt: string | null;
}

/** CM-1. */
export function commendationId(month: string, classId: string): string {
  return `${month}|${classId}`;
}

export function emptyCommendation(month: string, classId: string): Commendation {
  return {
    id: commendationId(month, classId),
    month,
    classId,
    commended: false,
    citation: "",
    commendedBy: null,
    commendedAt: null,
    guardianIds: [],
    guardiansBy: null,
    guardiansAt: null,
  };
}

/** CM-2: "YYYY-MM" with a month from 01 to 12. */
export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** The month ("YYYY-MM") of a local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** `month` moved by `delta` months ("2026-01", -1 → "2025-12"). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The `count` months ending with `last`, oldest first (for the charts). */
export function monthsUpTo(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

export interface CommendationProblem {
  field: "month" | "pupilIds" | "citation";
  zh: string;
  en: string;
}

/** CM-2. */
export function monthProblem(month: string, currentMonth: string): CommendationProblem | undefined {
  if (!isMonth(month))
    return {
      field: "month",
      zh: `月份“${month}”无效，应为 YYYY-MM`,
      en: `"${month}" is not a month YYYY-MM`,
    };
  if (month > currentMonth)
    return {
      field: "month",
      zh: `${month} 还没到，不能评比（本月是 ${currentMonth}）`,
      en: `${month} has not begun; this month is ${currentMonth}`,
    };
  return undefined;
}

/** CM-3. */
export function markCommended(
  current: Commendation | undefined,
  mark: { month: string; classId: string; commended: boolean; citation: string },
  by: string,
  at: string,
): Commendation {
  const base = current ?? emptyCommendation(mark.month, mark.classId);
  return {
    ...base,
    commended: mark.commended,
    citation: mark.commended ? mark.citation.trim() : "",
    commendedBy: by,
    commendedAt: at,
  };
}

/** CM-4: who among `pupilIds` may not be named, each problem naming the pupil. */
export function guardianProblems(
  pupilIds: readonly string[],
  classId: string,
  pupils: ReadonlyMap<string, { classId: string; name: string }>,
): CommendationProblem[] {
  const problems: CommendationProblem[] = [];
  if (pupilIds.length > MAX_GUARDIANS)
    problems.push({
      field: "pupilIds",
      zh: `安全小卫士最多 ${MAX_GUARDIANS} 名，选了 ${pupilIds.length} 名`,
      en: `at most ${MAX_GUARDIANS} safety guardians; ${pupilIds.length} chosen`,
    });
  const seen = new Set<string>();
  for (const id of pupilIds) {
    const pupil = pupils.get(id);
    if (seen.has(id))
      problems.push({
        field: "pupilIds",
        zh: `${pupil?.name ?? id} 选了两次`,
        en: `${pupil?.name ?? id} is chosen twice`,
      });
    else if (!pupil)
      problems.push({ field: "pupilIds", zh: `学生 ${id} 不存在`, en: `pupil ${id} does not exist` });
    else if (pupil.classId !== classId)
      problems.push({
        field: "pupilIds",
        zh: `${pupil.name} 不是本班学生`,
        en: `${pupil.name} is not a pupil of this class`,
      });
    seen.add(id);
  }
  return problems;
}

/** CM-4. */
export function nameGuardians(
  current: Commendation | undefined,
  naming: { month: string; classId: string; pupilIds: readonly string[] },
  by: string,
  at: string,
): Commendation {
  const base = current ?? emptyCommendation(naming.month, naming.classId);
  return { ...base, guardianIds: [...naming.pupilIds], guardiansBy: by, guardiansAt: at };
}

export interface CommendationList<C> {
  /** The commended classes in ranking order. */
  commended: { rank: number; total: number; schoolClass: C; citation: string }[];
  /** Every class in the order given, with its guardians' names (empty: nobody named). */
  guardians: { schoolClass: C; names: string[] }[];
}

/** CM-5. `ranking` from rankByScore(); `classes` in the school's order. */
export function commendationList<C extends { id: string }>(
  ranking: readonly Ranked<{ classId: string; total: number }>[],
  classes: readonly C[],
  commendations: readonly Commendation[],
  pupilName: (pupilId: string) => string | undefined,
): CommendationList<C> {
  const byClass = new Map(commendations.map((c) => [c.classId, c]));
  const classById = new Map(classes.map((c) => [c.id, c]));
  const commended: CommendationList<C>["commended"] = [];
  for (const { rank, item } of ranking) {
    const record = byClass.get(item.classId);
    const schoolClass = classById.get(item.classId);
    if (record?.commended && schoolClass)
      commended.push({ rank, total: item.total, schoolClass, citation: record.citation });
  }
  const guardians = classes.map((schoolClass) => ({
    schoolClass,
    names: (byClass.get(schoolClass.id)?.guardianIds ?? []).flatMap((id) => {
      const name = pupilName(id);
      return name === undefined ? [] : [name];
    }),
  }));
  return { commended, guardians };
}
