// A school's settings with every optional part filled in. Settings saved before a part existed
// (round windows, roll-call windows, whether early rounds count, school days, escalation delays, terms, holidays, bell periods, score rules) read as the defaults, so old records keep
// working on the server and on phones alike. Free of zod: the first screen uses it.
import { DEFAULT_ESCALATION_DELAYS, type EscalationDelays } from "./hazard-deadline.ts";
import { DEFAULT_SCORE_RULES, type ScoreRules } from "./monthly-score.ts";
import { defaultRollCallWindows, type RollCallWindows } from "./roll-call-window-defaults.ts";
import { defaultRoundWindows, type RoundWindows } from "./rounds.ts";
import {
  DEFAULT_SCHOOL_DAYS,
  type Holiday,
  type MakeUpDay,
  type Term,
  type Weekday,
} from "./school-calendar.ts";
import type { TimeSlotSettings } from "./time-slots.ts";
import { DEFAULT_PERIODS, type Period } from "./timetable.ts";

export interface StoredSettings {
  timeZone: string;
  timeSlots: TimeSlotSettings;
  roundWindows?: RoundWindows | undefined;
  rollCallWindows?: RollCallWindows | undefined;
  allowEarlyRounds?: boolean | undefined;
  schoolDays?: readonly Weekday[] | undefined;
  escalationDelays?: readonly number[] | undefined;
  terms?: readonly Term[] | undefined;
  holidays?: readonly Holiday[] | undefined;
  makeUpDays?: readonly MakeUpDay[] | undefined;
  periods?: readonly Period[] | undefined;
  scoreRules?: ScoreRules | undefined;
}

/** Also a SchoolCalendar (school-calendar.ts): pass it wherever a calendar is asked for. */
export interface EffectiveSettings {
  timeZone: string;
  timeSlots: TimeSlotSettings;
  roundWindows: RoundWindows;
  /** roll-call-windows.ts RW-1: default from the time slots. */
  rollCallWindows: RollCallWindows;
  /** rounds.ts RD-6: default false, a round done before its window opens does not count. */
  allowEarlyRounds: boolean;
  schoolDays: readonly Weekday[];
  escalationDelays: EscalationDelays;
  terms: readonly Term[];
  holidays: readonly Holiday[];
  makeUpDays: readonly MakeUpDay[];
  periods: readonly Period[];
  scoreRules: ScoreRules;
}

export function effectiveSettings(settings: StoredSettings): EffectiveSettings {
  const delays = settings.escalationDelays;
  return {
    timeZone: settings.timeZone,
    timeSlots: settings.timeSlots,
    roundWindows: settings.roundWindows ?? defaultRoundWindows(settings.timeSlots),
    rollCallWindows: settings.rollCallWindows ?? defaultRollCallWindows(settings.timeSlots),
    allowEarlyRounds: settings.allowEarlyRounds ?? false,
    schoolDays: settings.schoolDays ?? DEFAULT_SCHOOL_DAYS,
    escalationDelays:
      delays && delays.length === 4 ? (delays as unknown as EscalationDelays) : DEFAULT_ESCALATION_DELAYS,
    terms: settings.terms ?? [],
    holidays: settings.holidays ?? [],
    makeUpDays: settings.makeUpDays ?? [],
    periods: settings.periods ?? DEFAULT_PERIODS,
    scoreRules: settings.scoreRules ?? DEFAULT_SCORE_RULES,
  };
}
