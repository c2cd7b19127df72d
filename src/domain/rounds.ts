// 三查 rounds (SPEC §2, source: 学校安全隐患排查实行一日早中晚三次，做到有排查、有记录):
// three rounds a school day, each in a window the school sets, and who checks which area.
// Rule ids (cited by the tests):
//   RD-1 three rounds a school day: morning, noon, evening; none are due on other days.
//   RD-2 default windows: morning = from the morning slot's start until morning classes
//        (before 08:00); noon = the noon slot (12:00–14:00); evening = evening dismissal until
//        bedtime (16:30–20:30). Windows are school settings, in order, not overlapping.
//   RD-3 an area's round is done when anyone records it (two records both count); a record
//        made after the window is "late"; no record by the window's end is "missed".
//   RD-4 who checks: a classroom by its class teacher (else its responsible person); campus
//        areas by the general-affairs office (admin) and the area's responsible person, and in
//        each round by the duty teacher(s) holding that round's duty slot of the day (roster.ts
//        DUTY_ROUND: 早活动 → morning round …), whatever their role; a duty teacher without the
//        slot does not. Where the roster has no slot of that kind for the date, or the slot has
//        nobody (a gap), every duty teacher (role) checks, as before rosters existed;
//        perimeter areas by the gatekeeper, or the responsible person.
//   RD-5 a record's timing (issue #14 §3): on a school day, a record made before its round's
//        window opens on the record's date is "early", after it closes "late"; on a day with no
//        rounds due there is no window to be outside of. The server decides it from its own
//        view of when the person checked and keeps it on the record.
//   RD-6 an early record does not count as that round (board, my rounds, the weekly summary,
//        the monthly score and its charts), unless the school allows early rounds in its
//        settings (allowEarlyRounds, default off). A late record counts, as "late" (RD-3).
//   RD-7 a record outside its window (early or late) needs a reason (a few words); without one
//        it is refused, naming the window.
import type { AreaKind } from "./area-kinds.ts";
import type { Role } from "./roles.ts";
// Types only: the first screen needs the rounds, not the roster code (roster.ts).
import type { DutySlot } from "./roster.ts";
import {
  atLocal,
  isSchoolDay,
  type LocalDate,
  localDateOf,
  localMinuteOf,
  type SchoolCalendar,
} from "./school-calendar.ts";
import { formatClockTime, parseClockTime, type SlotTimes, type TimeSlotSettings } from "./time-slots.ts";

export const ROUND_KINDS = ["morning", "noon", "evening"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const ROUND_LABELS: Record<RoundKind, { zh: string; en: string }> = {
  morning: { zh: "早查", en: "Morning round" },
  noon: { zh: "午查", en: "Noon round" },
  evening: { zh: "晚查", en: "Evening round" },
};

export type RoundWindows = Record<RoundKind, SlotTimes>;

/** RD-2: the windows the time slots imply. */
export function defaultRoundWindows(slots: TimeSlotSettings): RoundWindows {
  return {
    morning: { start: slots.morning.start, end: slots.morningClasses.start },
    noon: { start: slots.noon.start, end: slots.noon.end },
    evening: { start: slots.evening.start, end: slots.evening.end },
  };
}

export interface WindowProblem {
  round: RoundKind;
  zh: string;
  en: string;
}

/** RD-2: each window starts before it ends on the same day, and they follow in order. */
export function validateRoundWindows(windows: RoundWindows): WindowProblem[] {
  const problems: WindowProblem[] = [];
  let previousEnd = -1;
  for (const round of ROUND_KINDS) {
    const w = windows[round];
    const start = parseClockTime(w.start);
    const end = parseClockTime(w.end);
    const label = ROUND_LABELS[round];
    if (start === undefined || end === undefined) {
      problems.push({ round, zh: `${label.zh}时间格式应为 HH:mm`, en: `${label.en}: times must be HH:mm` });
      continue;
    }
    if (end <= start) {
      problems.push({
        round,
        zh: `${label.zh}的结束时间 ${w.end} 应晚于开始时间 ${w.start}（不跨午夜）`,
        en: `${label.en} must end (${w.end}) after it starts (${w.start}), on the same day`,
      });
    } else if (start < previousEnd) {
      problems.push({
        round,
        zh: `${label.zh}（${w.start}）与上一次检查的时间重叠`,
        en: `${label.en} (${w.start}) overlaps the round before it`,
      });
    }
    previousEnd = Math.max(previousEnd, end);
  }
  return problems;
}

export interface RoundSettings extends SchoolCalendar, EarlyRoundRule {
  timeZone: string;
  roundWindows: RoundWindows;
}

/** RD-6: whether the school counts a round done before its window opens (default no). */
export interface EarlyRoundRule {
  allowEarlyRounds?: boolean | undefined;
}

/** The window of one round on one date, as instants. */
export function roundWindowOn(
  settings: RoundSettings,
  date: LocalDate,
  round: RoundKind,
): { start: Date; end: Date } {
  const w = settings.roundWindows[round];
  return {
    start: atLocal(date, parseClockTime(w.start) ?? 0, settings.timeZone),
    end: atLocal(date, parseClockTime(w.end) ?? 0, settings.timeZone),
  };
}

/**
 * The round a record made at `instant` belongs to: the open window, else the last one that has
 * ended today (a late record), else the first one of the day (an early one). Any day works: a
 * person may check on a non-school day too, and the record's date says which.
 */
export function roundForRecording(
  settings: RoundSettings,
  instant: Date,
): { date: LocalDate; round: RoundKind } {
  const date = localDateOf(instant, settings.timeZone);
  const minute = localMinuteOf(instant, settings.timeZone);
  let chosen: RoundKind = "morning";
  for (const round of ROUND_KINDS) {
    const start = parseClockTime(settings.roundWindows[round].start) ?? 0;
    if (minute >= start) chosen = round;
  }
  return { date, round: chosen };
}

export type RoundStatus = "done" | "late" | "due" | "upcoming" | "missed" | "not_required";

/** When something was done against its window (rounds RD-5; roll calls roll-call-windows.ts). */
export type WindowTiming = "early" | "in_window" | "late";
export type RoundTiming = WindowTiming;

/** Before the window opens, after it closes (its last minute included), or inside it. */
export function timingIn(window: { start: Date; end: Date }, at: Date): WindowTiming {
  if (at.getTime() < window.start.getTime()) return "early";
  return at.getTime() > window.end.getTime() ? "late" : "in_window";
}

/** RD-7 (and RW-3 for roll calls): the reason's length, in characters after trimming. */
export const WINDOW_REASON_MAX = 200;

/** RD-5: the timing of a record of `round` on `date` made at `at`. */
export function roundTiming(
  settings: RoundSettings,
  date: LocalDate,
  round: RoundKind,
  at: Date,
): RoundTiming {
  if (!isSchoolDay(date, settings)) return "in_window";
  return timingIn(roundWindowOn(settings, date, round), at);
}

/** RD-7: a record with this timing must say why. */
export function needsWindowReason(timing: WindowTiming): boolean {
  return timing !== "in_window";
}

export interface OutsideWindowProblem {
  timing: "early" | "late";
  zh: string;
  en: string;
}

/**
 * RD-7 and roll-call-windows.ts RW-3 in words: something done at `at` outside its window with
 * no reason, naming the window; undefined when inside it or a reason was given.
 */
export function outsideWindowProblem(
  what: { zh: string; en: string },
  date: LocalDate,
  window: { start: Date; end: Date },
  at: Date,
  timeZone: string,
  reason: string | undefined,
): OutsideWindowProblem | undefined {
  const timing = timingIn(window, at);
  if (timing === "in_window" || (reason ?? "").trim() !== "") return undefined;
  const clock = (d: Date) => formatClockTime(localMinuteOf(d, timeZone));
  const span = `${clock(window.start)}–${clock(window.end)}`;
  const early = timing === "early";
  return {
    timing,
    zh: `${date} ${what.zh}的时间是 ${span}，${clock(at)} ${early ? "还没到时间" : "已过时间"}：请填写原因（如 提前放学、临时调整）`,
    en: `${what.en} on ${date} is done ${span}; ${clock(at)} is ${early ? "before" : "after"} that: give a reason (e.g. early dismissal, schedule change)`,
  };
}

/** RD-5, RD-7: a round recorded at `at` outside its window, without a reason. */
export function roundWindowProblem(
  settings: RoundSettings,
  date: LocalDate,
  round: RoundKind,
  at: Date,
  reason: string | undefined,
): OutsideWindowProblem | undefined {
  if (!isSchoolDay(date, settings)) return undefined;
  return outsideWindowProblem(
    ROUND_LABELS[round],
    date,
    roundWindowOn(settings, date, round),
    at,
    settings.timeZone,
    reason,
  );
}

/** RD-5, as a record keeps it: absent means in its window (and every record made before RD-5). */
export interface TimedRound {
  timing?: "early" | "late" | undefined;
}

/**
 * RD-6: the one answer to "does this record count as its round?" — every count of rounds done
 * (roundStatus's callers, weekly-summary.ts WS-1, month-charts.ts MC-3) asks it.
 */
export function countsAsRound(record: TimedRound, rule: EarlyRoundRule): boolean {
  return record.timing !== "early" || rule.allowEarlyRounds === true;
}

/**
 * RD-3, RD-6: the status of one area's round on one date from its records: those that count
 * (countsAsRound) and when they were made.
 */
export function roundStatusOf(
  settings: RoundSettings,
  date: LocalDate,
  round: RoundKind,
  records: readonly (TimedRound & { checkedAt: string })[],
  now: Date,
): RoundStatus {
  const times = records.filter((r) => countsAsRound(r, settings)).map((r) => new Date(r.checkedAt));
  return roundStatus(settings, date, round, times, now);
}

/**
 * RD-1, RD-3: the status of one area's round on one date, given when the records of it were
 * made (phone clocks of the people who checked).
 */
export function roundStatus(
  settings: RoundSettings,
  date: LocalDate,
  round: RoundKind,
  recordTimes: readonly Date[],
  now: Date,
): RoundStatus {
  const { start, end } = roundWindowOn(settings, date, round);
  const required = isSchoolDay(date, settings);
  if (recordTimes.some((t) => t.getTime() <= end.getTime())) return "done";
  // Nothing is due on a non-school day, so nothing recorded then can be late.
  if (recordTimes.length > 0) return required ? "late" : "done";
  if (!required) return "not_required";
  if (now.getTime() < start.getTime()) return "upcoming";
  if (now.getTime() < end.getTime()) return "due";
  return "missed";
}

// ── RD-4: who checks which area ─────────────────────────────────────────────────────────

export interface CheckableArea {
  id: string;
  kind: AreaKind;
  responsibleStaffId: string | null;
  classId: string | null;
}

export interface Checker {
  id: string;
  roles: readonly Role[];
  /** Classes this person is the class teacher of. */
  classIds: readonly string[];
  /**
   * RD-4, for the date in question: per round, whether this person holds that round's campus
   * duty slot. A round left out has no staffed slot on the roster (none made, or a gap), so the
   * duty_teacher role decides; no map at all: the school keeps no roster (role-based).
   */
  dutyRounds?: Partial<Record<RoundKind, boolean>> | undefined;
}

/** RD-4: whether this person walks the campus in a round (any round, when none is named). */
function isCampusDuty(me: Checker, round: RoundKind | undefined): boolean {
  const byRole = me.roles.includes("duty_teacher");
  const held = (r: RoundKind) => me.dutyRounds?.[r] ?? byRole;
  return round ? held(round) : ROUND_KINDS.some(held);
}

/**
 * Whether checking this area is this person's job (RD-4), in `round` when given, else in any
 * round of the day. Anyone may still record any area.
 */
export function isMyArea(area: CheckableArea, me: Checker, round?: RoundKind): boolean {
  if (area.responsibleStaffId === me.id) return true;
  switch (area.kind) {
    case "classroom":
      return area.classId !== null && me.classIds.includes(area.classId);
    case "campus":
      return me.roles.includes("admin") || isCampusDuty(me, round);
    case "perimeter":
      return me.roles.includes("gatekeeper");
  }
}

/**
 * RD-4: Checker.dutyRounds for one person on one date, from that date's duty slots. Only staffed
 * campus slots count: a missing or empty slot leaves its round to the duty_teacher role.
 */
export function dutyRoundsOn(
  staffId: string,
  date: LocalDate,
  slots: Iterable<Pick<DutySlot, "date" | "kind" | "scope" | "staffIds">>,
): Partial<Record<RoundKind, boolean>> {
  const out: Partial<Record<RoundKind, boolean>> = {};
  for (const s of slots) {
    // roster.ts DUTY_ROUND: the morning, noon and evening duties walk the rounds of their name.
    const round = ROUND_KINDS.find((r) => r === s.kind);
    if (!round || s.date !== date || s.scope.kind !== "campus" || s.staffIds.length === 0) continue;
    out[round] = (out[round] ?? false) || s.staffIds.includes(staffId);
  }
  return out;
}

/** The person expected to check an area when nobody is named on it (for the board). */
export function checkerRoleOf(kind: AreaKind): Role {
  return kind === "classroom" ? "class_teacher" : kind === "campus" ? "admin" : "gatekeeper";
}
