import { describe, expect, it } from "vitest";
import { isLate } from "./handover.ts";
import {
  defaultRollCallWindows,
  rollCallTiming,
  rollCallWindowOn,
  rollCallWindowProblem,
  validateRollCallWindows,
} from "./roll-call-windows.ts";
import { DEFAULT_TIME_SLOTS, type TimeSlotSettings } from "./time-slots.ts";

const TZ = "Asia/Shanghai";
// 2026-11-30 is a Monday; Shanghai is UTC+8 all year. Every instant is injected.
const DATE = "2026-11-30";
const at = (hhmm: string, day = DATE) => new Date(`${day}T${hhmm}:00+08:00`);
const settings = { timeZone: TZ, rollCallWindows: defaultRollCallWindows(DEFAULT_TIME_SLOTS) };

describe("[RW-1] default roll-call windows from the time slots", () => {
  it("RW-1: dismissal 15:30–20:30, bedtime 19:30–21:30, bed checks the night 20:30–06:30", () => {
    expect(defaultRollCallWindows(DEFAULT_TIME_SLOTS)).toEqual({
      dismissal: { start: "15:30", end: "20:30" },
      bedtime: { start: "19:30", end: "21:30" },
      bedCheck: { start: "20:30", end: "06:30" },
    });
    expect(validateRollCallWindows(defaultRollCallWindows(DEFAULT_TIME_SLOTS))).toEqual([]);
  });

  it("RW-1: they follow the school's own slots (dismissal 17:10, bedtime 21:00)", () => {
    const slots: TimeSlotSettings = {
      ...DEFAULT_TIME_SLOTS,
      afternoonClasses: { start: "14:00", end: "17:10" },
      evening: { start: "17:10", end: "21:00" },
      night: { start: "21:00", end: "06:30" },
    };
    expect(defaultRollCallWindows(slots)).toEqual({
      dismissal: { start: "16:10", end: "21:00" },
      bedtime: { start: "20:00", end: "22:00" },
      bedCheck: { start: "21:00", end: "06:30" },
    });
  });

  it("RW-1: a night slot starting at 23:30 puts bedtime across midnight (22:30–00:30)", () => {
    const slots: TimeSlotSettings = {
      ...DEFAULT_TIME_SLOTS,
      evening: { start: "16:30", end: "23:30" },
      night: { start: "23:30", end: "06:30" },
    };
    const windows = defaultRollCallWindows(slots);
    expect(windows.bedtime).toEqual({ start: "22:30", end: "00:30" });
    const w = rollCallWindowOn({ timeZone: TZ, rollCallWindows: windows }, DATE, "bedtime");
    expect(w.end).toEqual(at("00:30", "2026-12-01"));
  });
});

describe("[RW-2] a window on its date", () => {
  it("RW-2: the night's bed-check window runs from the date's evening into the next morning", () => {
    expect(rollCallWindowOn(settings, DATE, "bedCheck")).toEqual({
      start: at("20:30"),
      end: at("06:30", "2026-12-01"),
    });
    expect(rollCallTiming(settings, DATE, "bedCheck", at("01:00", "2026-12-01"))).toBe("in_window");
    expect(rollCallTiming(settings, DATE, "bedCheck", at("07:00", "2026-12-01"))).toBe("late");
    expect(rollCallTiming(settings, DATE, "bedCheck", at("20:00"))).toBe("early");
  });

  it("RW-2: both ends are inside the window", () => {
    expect(rollCallTiming(settings, DATE, "dismissal", at("15:30"))).toBe("in_window");
    expect(rollCallTiming(settings, DATE, "dismissal", at("20:30"))).toBe("in_window");
    expect(rollCallTiming(settings, DATE, "dismissal", at("15:29"))).toBe("early");
    expect(rollCallTiming(settings, DATE, "dismissal", new Date(at("20:30").getTime() + 1000))).toBe("late");
  });

  it("RW-2: times must be HH:mm and a window cannot be empty, each problem naming the roll call", () => {
    const problems = validateRollCallWindows({
      ...settings.rollCallWindows,
      dismissal: { start: "4pm", end: "20:30" },
      bedtime: { start: "21:00", end: "21:00" },
    });
    expect(problems.map((p) => p.kind)).toEqual(["dismissal", "bedtime"]);
    expect(problems[0]?.zh).toContain("放学交接");
    expect(problems[1]?.en).toContain("cannot be empty");
  });
});

describe("[RW-3] outside the window a roll call needs a reason", () => {
  it("RW-3: a dismissal roll call at 07:54 needs one, naming the window in both languages", () => {
    const problem = rollCallWindowProblem(settings, DATE, "dismissal", at("07:54"), undefined);
    expect(problem?.timing).toBe("early");
    expect(problem?.zh).toContain("放学交接的时间是 15:30–20:30");
    expect(problem?.zh).toContain("07:54");
    expect(problem?.en).toContain("15:30–20:30");
  });

  it("RW-3: with a reason, or inside the window, there is no problem; a blank reason is none", () => {
    expect(rollCallWindowProblem(settings, DATE, "dismissal", at("07:54"), "提前放学")).toBeUndefined();
    expect(rollCallWindowProblem(settings, DATE, "dismissal", at("16:40"), undefined)).toBeUndefined();
    expect(rollCallWindowProblem(settings, DATE, "dismissal", at("07:54"), "  ")?.timing).toBe("early");
  });

  it("RW-3: a bedtime roll call at 22:10 is late and needs a reason", () => {
    expect(rollCallWindowProblem(settings, DATE, "bedtime", at("22:10"), undefined)?.timing).toBe("late");
  });

  it("RW-3 with HO-5: a dismissal given inside its window at 17:20 is still flagged late (due 17:00)", () => {
    expect(rollCallWindowProblem(settings, DATE, "dismissal", at("17:20"), undefined)).toBeUndefined();
    const open = { date: DATE, kind: "dismissal" as const, receive: null };
    expect(isLate(open, at("17:20"), { timeSlots: DEFAULT_TIME_SLOTS, timeZone: TZ })).toBe(true);
  });
});
