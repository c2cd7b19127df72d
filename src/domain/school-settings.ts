// A school's settings with every optional part filled in. Settings saved before a part existed
// (round windows, school days, escalation delays, terms, holidays, bell periods, score rules) read as the defaults, so old records keep
// working on the server and on phones alike. Free of zod: the first screen uses it.
import { DEFAULT_ESCALATION_DELAYS, type EscalationDelays } from "./hazard-deadline.ts";
import { DEFAULT_SCORE_RULES, type ScoreRules } from "./monthly-score.ts";
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
