import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_DELAYS } from "./hazard-deadline.ts";
import { DEFAULT_SCORE_RULES } from "./monthly-score.ts";
import { defaultRollCallWindows } from "./roll-call-windows.ts";
import { defaultRoundWindows } from "./rounds.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { effectiveSettings } from "./school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";
import { DEFAULT_PERIODS } from "./timetable.ts";

const stored = { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS };

describe("[RD-2][RD-6][RW-1][HZ-E1][CAL-1][TT-1][MS-3] settings saved before a part existed read as the defaults", () => {
  it("fills in round windows from the time slots, Monday–Friday, the default escalation delays, no terms, the default bell schedule and score rules", () => {
    expect(effectiveSettings(stored)).toEqual({
      timeZone: "Asia/Shanghai",
      timeSlots: DEFAULT_TIME_SLOTS,
      roundWindows: defaultRoundWindows(DEFAULT_TIME_SLOTS),
      rollCallWindows: defaultRollCallWindows(DEFAULT_TIME_SLOTS),
      allowEarlyRounds: false,
      schoolDays: DEFAULT_SCHOOL_DAYS,
      escalationDelays: DEFAULT_ESCALATION_DELAYS,
      terms: [],
      holidays: [],
      makeUpDays: [],
      periods: DEFAULT_PERIODS,
      scoreRules: DEFAULT_SCORE_RULES,
    });
  });

  it("round windows follow the school's own slots when not set", () => {
    const slots = {
      ...DEFAULT_TIME_SLOTS,
      evening: { start: "16:30", end: "21:00" },
      night: { start: "21:00", end: "06:30" },
    };
    expect(effectiveSettings({ ...stored, timeSlots: slots }).roundWindows.evening).toEqual({
      start: "16:30",
      end: "21:00",
    });
  });

  it("keeps what the school set", () => {
    const roundWindows = {
      morning: { start: "07:00", end: "07:50" },
      noon: { start: "12:10", end: "13:30" },
      evening: { start: "18:00", end: "20:00" },
    };
    const s = effectiveSettings({
      ...stored,
      roundWindows,
      schoolDays: [1, 2, 3, 4, 5, 6],
      escalationDelays: [30, 90, 180, 1440],
    });
    expect(s.roundWindows).toEqual(roundWindows);
    expect(s.schoolDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.escalationDelays).toEqual([30, 90, 180, 1440]);
  });

  it("escalation delays that are not one per level read as the defaults", () => {
    expect(effectiveSettings({ ...stored, escalationDelays: [30, 90] }).escalationDelays).toEqual(
      DEFAULT_ESCALATION_DELAYS,
    );
  });
});
