// 隐患整改不过夜 (SPEC §2, source: 发现隐患及时报告、及时整改，隐患整改不过夜): the deadline of
// a hazard, and when an overdue one climbs the management network (管理网络化:
// 总务处 → 各部门 → 年级组长 → 各区域责任人, walked upwards).
// Rule ids (cited by the tests):
//   HZ-D1 found during a school day (from the morning slot's start until bedtime): the deadline
//         is bedtime (the night slot's start) of that day.
//   HZ-D2 found during the night (from bedtime until the morning slot's start): the deadline is
//         the start of morning classes of the morning that night ends in.
//   HZ-D3 when the day the deadline falls on is not a school day (no pupils on campus), the
//         deadline is the start of morning classes of the next school day.
//   HZ-D4 a phone clock more than 5 minutes ahead of the server, or more than 14 days behind,
//         is not trusted for "when found": the server's time of receipt is used instead.
//   HZ-E1 an overdue hazard escalates at the delays the school sets after its deadline, to the
//         area's responsible person, then the grade leader / department head, then the
//         general-affairs head, then the principal; a hazard rectified or closed stops climbing.
import {
  addDays,
  atLocal,
  isSchoolDay,
  type LocalDate,
  localDateOf,
  localMinuteOf,
  nextSchoolDay,
  type SchoolCalendar,
} from "./school-calendar.ts";
import { parseClockTime, type TimeSlotSettings } from "./time-slots.ts";

export interface DeadlineSettings extends SchoolCalendar {
  timeZone: string;
  timeSlots: TimeSlotSettings;
}

const mod = (n: number) => ((n % 1440) + 1440) % 1440;

function minute(clock: string): number {
  const m = parseClockTime(clock);
  if (m === undefined) throw new Error(`"${clock}" is not a time HH:mm`);
  return m;
}

/** HZ-D1..D3: the deadline of a hazard found at `foundAt`. */
export function hazardDeadline(foundAt: Date, settings: DeadlineSettings): Date {
  const tz = settings.timeZone;
  const dayStart = minute(settings.timeSlots.morning.start);
  const bedtime = minute(settings.timeSlots.night.start);
  const classesStart = minute(settings.timeSlots.morningClasses.start);
  const date = localDateOf(foundAt, tz);
  const at = localMinuteOf(foundAt, tz);

  // The night runs from bedtime round to the morning slot's start; a school may put bedtime
  // after midnight (00:30), so compare on the 24-hour circle, not on one side of midnight.
  const isNight = mod(at - bedtime) < mod(dayStart - bedtime);
  if (!isNight) {
    // The school day began at the morning slot's start: today, or yesterday when it is past
    // midnight before a late bedtime.
    const day: LocalDate = at >= dayStart ? date : addDays(date, -1);
    if (!isSchoolDay(day, settings)) return atLocal(nextSchoolDay(day, settings), classesStart, tz); // HZ-D3
    return atLocal(bedtime > dayStart ? day : addDays(day, 1), bedtime, tz); // HZ-D1
  }
  const morning: LocalDate = at >= dayStart ? addDays(date, 1) : date; // HZ-D2
  const day = isSchoolDay(morning, settings) ? morning : nextSchoolDay(morning, settings); // HZ-D3
  return atLocal(day, classesStart, tz);
}

export const CLOCK_AHEAD_LIMIT_MS = 5 * 60_000;
export const CLOCK_BEHIND_LIMIT_MS = 14 * 24 * 60 * 60_000;

/** HZ-D4: when the hazard was found, from the phone's clock if it is believable. */
export function effectiveFoundAt(clientTime: Date, serverTime: Date): Date {
  const diff = clientTime.getTime() - serverTime.getTime();
  if (Number.isNaN(diff) || diff > CLOCK_AHEAD_LIMIT_MS || diff < -CLOCK_BEHIND_LIMIT_MS) return serverTime;
  return clientTime;
}

// ── HZ-E1: escalation up the management network ──────────────────────────────────────────

export const ESCALATION_LEVELS = [
  "area_responsible",
  "grade_or_department",
  "general_affairs",
  "principal",
] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_LABELS: Record<EscalationLevel, { zh: string; en: string }> = {
  area_responsible: { zh: "区域责任人", en: "Area responsible person" },
  grade_or_department: { zh: "年级组长 / 部门负责人", en: "Grade leader / department head" },
  general_affairs: { zh: "总务主任", en: "General-affairs head" },
  principal: { zh: "校长", en: "Principal" },
};

/** Minutes after the deadline at which each level is reached (one number per level, rising). */
export type EscalationDelays = readonly [number, number, number, number];

export const DEFAULT_ESCALATION_DELAYS: EscalationDelays = [0, 60, 120, 240];

/** A message per problem, or none when the delays can be used. */
export function validateEscalationDelays(delays: readonly number[]): { zh: string; en: string }[] {
  if (delays.length !== ESCALATION_LEVELS.length) {
    return [{ zh: "升级时间需要 4 个", en: "escalation needs 4 delays, one per level" }];
  }
  const problems: { zh: string; en: string }[] = [];
  delays.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d > 7 * 24 * 60) {
      problems.push({
        zh: `第 ${i + 1} 级的升级时间应为 0 到 10080 分钟`,
        en: `level ${i + 1}: the delay must be 0–10080 minutes`,
      });
    } else if (i > 0 && d <= (delays[i - 1] ?? 0)) {
      problems.push({
        zh: `第 ${i + 1} 级的升级时间应晚于第 ${i} 级`,
        en: `level ${i + 1} must come after level ${i}`,
      });
    }
  });
  return problems;
}

export interface EscalationStep {
  level: EscalationLevel;
  at: Date;
}

/** HZ-E1: every step of the ladder for a deadline, reached or not. */
export function escalationSteps(deadline: Date, delays: EscalationDelays): EscalationStep[] {
  return ESCALATION_LEVELS.map((level, i) => ({
    level,
    at: new Date(deadline.getTime() + (delays[i] ?? 0) * 60_000),
  }));
}

/**
 * HZ-E1: the steps reached by `now` for a hazard still open (not rectified nor closed).
 * An open hazard before its deadline, or one already fixed, has none.
 */
export function reachedEscalations(
  deadline: Date,
  isStillOpen: boolean,
  delays: EscalationDelays,
  now: Date,
): EscalationStep[] {
  if (!isStillOpen) return [];
  return escalationSteps(deadline, delays).filter((s) => s.at.getTime() <= now.getTime());
}
