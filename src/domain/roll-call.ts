// Name-by-name roll call (点名, SPEC §3 住宿学生管理责任化): the expected boarders of a class or
// a dorm room, everyone present by default, exceptions tapped with a reason. Leave (请假) is
// recorded ahead by the class teacher and takes the pupil off the expected list.
//
// Rules (tests in roll-call.test.ts cite them):
//   RC-1 the expected list is the boarders of the class (dismissal hand-over) or of the dorm room
//        (bedtime hand-over, bed checks), minus those on approved leave that covers the date;
//        those on leave are listed apart, never silently dropped. The list itself is made in
//        one place with the rest of the custody chain (custody.ts rollCallList, CU-7).
//   RC-2 everyone expected is present unless marked; an exception names one expected pupil once,
//        with one reason: on leave (请假), sick / infirmary (生病·医务室), picked up by a parent
//        (家长接走: who and when are required) or unaccounted (下落不明).
//   RC-3 the counts always add up: expected = present + leave + sick + picked up + unaccounted.
//   RC-4 the list is sorted by bed number (dorm room) or student number (class), numbers in
//        numeric order ("2" before "10"), pupils without one last by name.
//   RC-5 leave is recorded by the pupil's class teacher or an admin for whole dates, from ≤ to;
//        cancelled leave no longer counts.
import type { LocalDate } from "./school-calendar.ts";

export const EXCEPTION_REASONS = ["leave", "sick", "picked_up", "unaccounted"] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

export const EXCEPTION_LABELS: Record<ExceptionReason, { zh: string; en: string }> = {
  leave: { zh: "请假", en: "On leave" },
  sick: { zh: "生病·医务室", en: "Sick / infirmary" },
  picked_up: { zh: "家长接走", en: "Picked up by a parent" },
  unaccounted: { zh: "下落不明", en: "Unaccounted" },
};

/** The pupil as a roll call needs them (protocol Pupil has more). */
export interface RollCallPupil {
  id: string;
  name: string;
  studentNo: string;
  classId: string;
  isBoarder: boolean;
  dormRoomId: string | null;
  bed: string | null;
}

export interface Leave {
  id: string;
  pupilId: string;
  from: LocalDate;
  to: LocalDate;
  note: string;
  recordedBy: string;
  recordedAt: string;
  cancelledBy: string | null;
  cancelledAt: string | null;
}

export interface RollCallException {
  pupilId: string;
  reason: ExceptionReason;
  note?: string | undefined;
  /** RC-2: picked up by a parent — who (e.g. "父亲 王强") and when (ISO). */
  pickedUpBy?: string | undefined;
  pickedUpAt?: string | undefined;
}

/** A pupil an earlier roll call marked away, listed apart (custody.ts CU-7). */
export interface RollCallAway {
  pupilId: string;
  reason: ExceptionReason;
}

/** What a roll call records: who was expected and the exceptions; the rest were present. */
export interface RollCall {
  expected: string[];
  /** Pupils left off the expected list because of recorded leave (RC-1). */
  onLeave: string[];
  /** Pupils left off it because an earlier roll call marked them away (CU-7; absent before). */
  away?: RollCallAway[] | undefined;
  exceptions: RollCallException[];
}

export type RollCallGroup = { kind: "class"; classId: string } | { kind: "room"; roomId: string };

/** RC-5: leave that counts on a date. */
export function isOnLeave(leave: Leave, pupilId: string, date: LocalDate): boolean {
  return leave.pupilId === pupilId && leave.cancelledAt === null && leave.from <= date && date <= leave.to;
}

const numeric = new Intl.Collator("zh-CN", { numeric: true });

/** RC-4. */
export function sortForRollCall<P extends RollCallPupil>(pupils: readonly P[], group: RollCallGroup): P[] {
  const keyOf = (p: P) => (group.kind === "room" ? p.bed : p.studentNo) ?? "";
  return [...pupils].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka === "" && kb !== "") return 1;
    if (kb === "" && ka !== "") return -1;
    return numeric.compare(ka, kb) || numeric.compare(a.name, b.name);
  });
}

export type RollCallCounts = { expected: number; present: number } & Record<ExceptionReason, number>;

/** RC-3. */
export function rollCallCounts(rollCall: Pick<RollCall, "expected" | "exceptions">): RollCallCounts {
  const counts: RollCallCounts = {
    expected: rollCall.expected.length,
    present: 0,
    leave: 0,
    sick: 0,
    picked_up: 0,
    unaccounted: 0,
  };
  const expected = new Set(rollCall.expected);
  const seen = new Set<string>();
  for (const e of rollCall.exceptions) {
    if (!expected.has(e.pupilId) || seen.has(e.pupilId)) continue;
    seen.add(e.pupilId);
    counts[e.reason]++;
  }
  counts.present = counts.expected - seen.size;
  return counts;
}

export interface RollCallProblem {
  pupilId: string | null;
  zh: string;
  en: string;
}

/** RC-2: everything wrong with a roll call, each naming the pupil (by name when known). */
export function validateRollCall(
  rollCall: RollCall,
  nameOf: (pupilId: string) => string = (id) => id,
): RollCallProblem[] {
  const problems: RollCallProblem[] = [];
  const expected = new Set(rollCall.expected);
  if (expected.size !== rollCall.expected.length)
    problems.push({
      pupilId: null,
      zh: "应到名单里有重复的学生",
      en: "a pupil is on the expected list twice",
    });
  for (const { pupilId } of rollCall.away ?? []) {
    if (expected.has(pupilId))
      problems.push({
        pupilId,
        zh: `${nameOf(pupilId)} 已记为不在，不应在应到名单里`,
        en: `${nameOf(pupilId)} is listed away and cannot also be expected`,
      });
  }
  for (const id of rollCall.onLeave) {
    if (expected.has(id))
      problems.push({
        pupilId: id,
        zh: `${nameOf(id)} 已请假，不应在应到名单里`,
        en: `${nameOf(id)} is on leave and cannot also be expected`,
      });
  }
  const seen = new Set<string>();
  for (const e of rollCall.exceptions) {
    const name = nameOf(e.pupilId);
    if (!expected.has(e.pupilId))
      problems.push({
        pupilId: e.pupilId,
        zh: `${name} 不在应到名单里`,
        en: `${name} is not on the expected list`,
      });
    if (seen.has(e.pupilId))
      problems.push({ pupilId: e.pupilId, zh: `${name} 被标记了两次`, en: `${name} is marked twice` });
    seen.add(e.pupilId);
    if (e.reason === "picked_up" && (!e.pickedUpBy?.trim() || !e.pickedUpAt))
      problems.push({
        pupilId: e.pupilId,
        zh: `${name} 家长接走：请填写接走人和时间`,
        en: `${name} picked up: enter who picked them up and when`,
      });
  }
  return problems;
}

export interface LeaveProblem {
  field: "from" | "to" | "pupilId";
  zh: string;
  en: string;
}

/** RC-5: the dates of a leave. */
export function validateLeaveDates(from: LocalDate, to: LocalDate): LeaveProblem[] {
  if (from > to)
    return [
      {
        field: "to",
        zh: `结束日期 ${to} 早于开始日期 ${from}`,
        en: `ends on ${to}, before it starts on ${from}`,
      },
    ];
  return [];
}
