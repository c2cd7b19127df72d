// Class time (SPEC §1: 晨会—放中学 and 下午第一节—放晚学 belong to the class teacher and the
// subject teacher of each period). The bell schedule (作息时间) says when each period runs; an
// optional timetable per class names the subject teacher of each weekday's period.
//
// Rules (tests in timetable.test.ts cite them):
//   TT-1 periods are numbered 1…n through the day, each starts before it ends, they follow one
//        another without overlap, and each lies inside a class slot (上午 or 下午).
//   TT-2 at a minute inside a period, the class's subject teacher of that period (by the date's
//        schedule weekday, CAL-3) is responsible together with the class teacher; between
//        periods (breaks, 晨会) the class teacher alone.
//   TT-3 a timetable row names an existing period (1…n), a weekday 1–7 and a member of staff;
//        one teacher per class, weekday and period.
import type { Weekday } from "./school-calendar.ts";
import { parseClockTime, type SlotTimes, type TimeSlotSettings } from "./time-slots.ts";

/** One period of the bell schedule, "HH:mm" local. */
export type Period = SlotTimes;

/** A usual primary-school day: four periods in the morning and three in the afternoon. */
export const DEFAULT_PERIODS: readonly Period[] = [
  { start: "08:10", end: "08:50" },
  { start: "09:00", end: "09:40" },
  { start: "10:00", end: "10:40" },
  { start: "10:50", end: "11:30" },
  { start: "14:10", end: "14:50" },
  { start: "15:00", end: "15:40" },
  { start: "15:50", end: "16:30" },
];

export interface TimetableEntry {
  weekday: Weekday;
  /** 1-based period number. */
  period: number;
  subjectTeacherId: string;
}

/** One class's timetable (课程表); the entity id is the class id. */
export interface Timetable {
  id: string;
  classId: string;
  entries: TimetableEntry[];
}

export interface PeriodProblem {
  index: number;
  zh: string;
  en: string;
}

/** TT-1. */
export function validatePeriods(periods: readonly Period[], slots: TimeSlotSettings): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  const inside = (w: SlotTimes, s: number, e: number) => {
    const ws = parseClockTime(w.start) ?? -1;
    const we = parseClockTime(w.end) ?? -1;
    return s >= ws && e <= we;
  };
  let previousEnd = -1;
  periods.forEach((p, index) => {
    const n = index + 1;
    const s = parseClockTime(p.start);
    const e = parseClockTime(p.end);
    if (s === undefined || e === undefined) {
      problems.push({
        index,
        zh: `第 ${n} 节的时间无效，应为 24 小时制 HH:mm`,
        en: `Period ${n}: times must be 24-hour HH:mm`,
      });
      return;
    }
    if (s >= e) {
      problems.push({
        index,
        zh: `第 ${n} 节 ${p.start} 开始，却在 ${p.end} 结束`,
        en: `Period ${n} starts at ${p.start} but ends at ${p.end}`,
      });
      return;
    }
    if (s < previousEnd) {
      problems.push({
        index,
        zh: `第 ${n} 节 ${p.start} 开始，与上一节重叠`,
        en: `Period ${n} starts at ${p.start}, before the previous period ends`,
      });
    }
    previousEnd = e;
    if (!inside(slots.morningClasses, s, e) && !inside(slots.afternoonClasses, s, e)) {
      problems.push({
        index,
        zh: `第 ${n} 节（${p.start}–${p.end}）不在上午（${slots.morningClasses.start}–${slots.morningClasses.end}）或下午（${slots.afternoonClasses.start}–${slots.afternoonClasses.end}）上课时段内`,
        en: `Period ${n} (${p.start}–${p.end}) is outside the morning (${slots.morningClasses.start}–${slots.morningClasses.end}) and afternoon (${slots.afternoonClasses.start}–${slots.afternoonClasses.end}) class slots`,
      });
    }
  });
  return problems;
}

/** The 1-based period running at a local minute of the day, if any (TT-2). */
export function periodAtMinute(periods: readonly Period[], minuteOfDay: number): number | undefined {
  const i = periods.findIndex((p) => {
    const s = parseClockTime(p.start) ?? 0;
    const e = parseClockTime(p.end) ?? 0;
    return minuteOfDay >= s && minuteOfDay < e;
  });
  return i < 0 ? undefined : i + 1;
}

/** TT-2: the subject teacher of a class in a period of a schedule weekday. */
export function subjectTeacherOf(
  timetable: Timetable | undefined,
  weekday: Weekday,
  period: number,
): string | undefined {
  return timetable?.entries.find((e) => e.weekday === weekday && e.period === period)?.subjectTeacherId;
}

/** TT-3: problems of a timetable against the bell schedule (staff are checked by the caller). */
export function validateTimetable(entries: readonly TimetableEntry[], periodCount: number): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((e, index) => {
    if (!Number.isInteger(e.weekday) || e.weekday < 1 || e.weekday > 7) {
      problems.push({
        index,
        zh: `星期“${e.weekday}”无效，应为 1–7`,
        en: `weekday "${e.weekday}" must be 1–7`,
      });
    }
    if (!Number.isInteger(e.period) || e.period < 1 || e.period > periodCount) {
      problems.push({
        index,
        zh: `第 ${e.period} 节不存在，作息时间共 ${periodCount} 节`,
        en: `period ${e.period} does not exist; the bell schedule has ${periodCount} periods`,
      });
    }
    const key = `${e.weekday}/${e.period}`;
    if (seen.has(key)) {
      problems.push({
        index,
        zh: `星期${e.weekday}第 ${e.period} 节填了两位教师`,
        en: `weekday ${e.weekday} period ${e.period} is given twice`,
      });
    }
    seen.add(key);
  });
  return problems;
}
