// RW-1 (roll-call-windows.ts, where the rules and their tests are): the roll calls' default
// windows from the time slots. On its own because school-settings.ts, on the first screen,
// needs only this (tests/integration/bundle-budget.test.ts); roll-call-windows.ts re-exports it.
import type { HandoverKind } from "./handover-kinds.ts";
import { formatClockTime, parseClockTime, type SlotTimes, type TimeSlotSettings } from "./time-slots.ts";

export type RollCallWindows = Record<HandoverKind, SlotTimes>;

/** RW-1: how far before the evening slot dismissal may begin, and bedtime around the night's start. */
const DISMISSAL_LEAD_MINUTES = 60;
const BEDTIME_SPREAD_MINUTES = 60;

const shift = (clock: string, minutes: number) => formatClockTime((parseClockTime(clock) ?? 0) + minutes);

/** RW-1. */
export function defaultRollCallWindows(slots: TimeSlotSettings): RollCallWindows {
  return {
    dismissal: { start: shift(slots.evening.start, -DISMISSAL_LEAD_MINUTES), end: slots.evening.end },
    bedtime: {
      start: shift(slots.night.start, -BEDTIME_SPREAD_MINUTES),
      end: shift(slots.night.start, BEDTIME_SPREAD_MINUTES),
    },
    bedCheck: { start: slots.night.start, end: slots.night.end },
  };
}
