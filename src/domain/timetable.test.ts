import { describe, expect, it } from "vitest";
import { DEFAULT_SCHOOL_DAYS, type SchoolCalendar, scheduleWeekdayOf } from "./school-calendar.ts";
import { DEFAULT_TIME_SLOTS, parseClockTime } from "./time-slots.ts";
import {
  DEFAULT_PERIODS,
  type Period,
  periodAtMinute,
  subjectTeacherOf,
  type Timetable,
  validatePeriods,
  validateTimetable,
} from "./timetable.ts";

const at = (hhmm: string) => parseClockTime(hhmm) as number;

// Class 三(2): Monday period 1 is 语文 (Ms Wang, also the class teacher), period 2 数学 (Mr Li);
// Thursday period 1 is 英语 (Ms Zhao).
const TIMETABLE: Timetable = {
  id: "class-3-2",
  classId: "class-3-2",
  entries: [
    { weekday: 1, period: 1, subjectTeacherId: "wang" },
    { weekday: 1, period: 2, subjectTeacherId: "li" },
    { weekday: 4, period: 1, subjectTeacherId: "zhao" },
    { weekday: 4, period: 7, subjectTeacherId: "sun" },
  ],
};

describe("[TT-1] the bell schedule", () => {
  it("TT-1: the default seven periods fit the default morning and afternoon class slots", () => {
    expect(validatePeriods(DEFAULT_PERIODS, DEFAULT_TIME_SLOTS)).toEqual([]);
  });

  it("TT-1: a period that ends when or before it starts is named with its number and times", () => {
    const periods: Period[] = [
      { start: "08:10", end: "08:50" },
      { start: "09:40", end: "09:00" },
    ];
    const problems = validatePeriods(periods, DEFAULT_TIME_SLOTS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 1 });
    expect(problems[0]?.en).toBe("Period 2 starts at 09:40 but ends at 09:00");
    expect(problems[0]?.zh).toContain("第 2 节");
    const empty = validatePeriods([{ start: "08:10", end: "08:10" }], DEFAULT_TIME_SLOTS);
    expect(empty).toHaveLength(1);
  });

  it("TT-1: a period starting before the previous one ends is an overlap; one starting as it ends is fine", () => {
    const overlap = validatePeriods(
      [
        { start: "08:10", end: "08:50" },
        { start: "08:45", end: "09:25" },
      ],
      DEFAULT_TIME_SLOTS,
    );
    expect(overlap).toHaveLength(1);
    expect(overlap[0]?.en).toMatch(/Period 2 starts at 08:45, before the previous period ends/);
    const touching = validatePeriods(
      [
        { start: "08:10", end: "08:50" },
        { start: "08:50", end: "09:30" },
      ],
      DEFAULT_TIME_SLOTS,
    );
    expect(touching).toEqual([]);
  });

  it("TT-1: periods out of order (a morning period after an afternoon one) are refused", () => {
    const problems = validatePeriods(
      [
        { start: "14:10", end: "14:50" },
        { start: "08:10", end: "08:50" },
      ],
      DEFAULT_TIME_SLOTS,
    );
    expect(problems.map((p) => p.index)).toEqual([1]);
  });

  it("TT-1: a period in the noon slot, or running over into it, lies outside the class slots", () => {
    const noon = validatePeriods([{ start: "12:30", end: "13:10" }], DEFAULT_TIME_SLOTS);
    expect(noon).toHaveLength(1);
    expect(noon[0]?.en).toMatch(/Period 1 \(12:30–13:10\) is outside the morning \(08:00–12:00\)/);
    expect(noon[0]?.zh).toMatch(/不在上午/);
    const spill = validatePeriods([{ start: "11:40", end: "12:20" }], DEFAULT_TIME_SLOTS);
    expect(spill).toHaveLength(1);
    const lastMinute = validatePeriods([{ start: "11:20", end: "12:00" }], DEFAULT_TIME_SLOTS);
    expect(lastMinute).toEqual([]);
  });

  it("TT-1: a time that is not 24-hour HH:mm is named", () => {
    const problems = validatePeriods([{ start: "8:10", end: "08:50" }], DEFAULT_TIME_SLOTS);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.en).toMatch(/Period 1: times must be 24-hour HH:mm/);
  });
});

describe("[TT-2] who teaches a class now", () => {
  it("TT-2: the running period, 1-based; its end minute already belongs to the break", () => {
    expect(periodAtMinute(DEFAULT_PERIODS, at("08:10"))).toBe(1);
    expect(periodAtMinute(DEFAULT_PERIODS, at("08:49"))).toBe(1);
    expect(periodAtMinute(DEFAULT_PERIODS, at("08:50"))).toBeUndefined();
    expect(periodAtMinute(DEFAULT_PERIODS, at("09:00"))).toBe(2);
    expect(periodAtMinute(DEFAULT_PERIODS, at("14:10"))).toBe(5);
    expect(periodAtMinute(DEFAULT_PERIODS, at("16:29"))).toBe(7);
    expect(periodAtMinute(DEFAULT_PERIODS, at("16:30"))).toBeUndefined();
  });

  it("TT-2: 晨会 before period 1, the long break and the noon slot have no period", () => {
    expect(periodAtMinute(DEFAULT_PERIODS, at("08:00"))).toBeUndefined();
    expect(periodAtMinute(DEFAULT_PERIODS, at("09:45"))).toBeUndefined();
    expect(periodAtMinute(DEFAULT_PERIODS, at("12:30"))).toBeUndefined();
    expect(periodAtMinute(DEFAULT_PERIODS, at("03:00"))).toBeUndefined();
  });

  it("TT-2: the subject teacher of a weekday's period, or nobody when the timetable is silent", () => {
    expect(subjectTeacherOf(TIMETABLE, 1, 1)).toBe("wang");
    expect(subjectTeacherOf(TIMETABLE, 1, 2)).toBe("li");
    expect(subjectTeacherOf(TIMETABLE, 4, 1)).toBe("zhao");
    expect(subjectTeacherOf(TIMETABLE, 2, 1)).toBeUndefined();
    expect(subjectTeacherOf(undefined, 1, 1)).toBeUndefined();
  });

  it("TT-2 with CAL-3: on the make-up Sunday 2026-09-20 that follows Thursday, period 1 is Thursday's teacher", () => {
    const calendar: SchoolCalendar = {
      schoolDays: DEFAULT_SCHOOL_DAYS,
      terms: [{ id: "t", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
      makeUpDays: [{ date: "2026-09-20", followsWeekday: 4 }],
    };
    expect(subjectTeacherOf(TIMETABLE, scheduleWeekdayOf("2026-09-20", calendar), 1)).toBe("zhao");
    expect(subjectTeacherOf(TIMETABLE, scheduleWeekdayOf("2026-09-21", calendar), 1)).toBe("wang");
  });
});

describe("[TT-3] timetable rows", () => {
  it("TT-3: a full week of valid rows has no problems", () => {
    const entries = [1, 2, 3, 4, 5].flatMap((weekday) =>
      [1, 2, 3, 4, 5, 6, 7].map((period) => ({
        weekday: weekday as 1 | 2 | 3 | 4 | 5,
        period,
        subjectTeacherId: `t${period}`,
      })),
    );
    expect(validateTimetable(entries, 7)).toEqual([]);
  });

  it("TT-3: a weekday outside 1–7 and a period the bell schedule does not have are named", () => {
    const problems = validateTimetable(
      [
        { weekday: 0 as never, period: 1, subjectTeacherId: "a" },
        { weekday: 8 as never, period: 1, subjectTeacherId: "a" },
        { weekday: 1, period: 0, subjectTeacherId: "a" },
        { weekday: 1, period: 8, subjectTeacherId: "a" },
        { weekday: 1, period: 1.5, subjectTeacherId: "a" },
      ],
      7,
    );
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(problems[0]?.en).toBe('weekday "0" must be 1–7');
    expect(problems[3]?.en).toBe("period 8 does not exist; the bell schedule has 7 periods");
    expect(problems[3]?.zh).toBe("第 8 节不存在，作息时间共 7 节");
  });

  it("TT-3: two teachers for the same weekday and period is refused at the second row", () => {
    const problems = validateTimetable(
      [
        { weekday: 3, period: 2, subjectTeacherId: "li" },
        { weekday: 3, period: 3, subjectTeacherId: "li" },
        { weekday: 3, period: 2, subjectTeacherId: "zhao" },
      ],
      7,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 2, en: "weekday 3 period 2 is given twice" });
  });
});
