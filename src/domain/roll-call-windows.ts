// When each roll call may be taken (issue #14 §3 "Times that mean something", SPEC §3): the
// dismissal roll call (放学交接), the bedtime roll call (就寝交接) and the night's bed checks
// (夜间查寝) each have a window of the school's day, a school setting; outside it the roll call
// still saves (nothing a teacher records is lost) but must say why. Late hand-overs stay
// flagged by handover.ts HO-5, which this module does not change. No clock inside.
//
// Rules (tests in roll-call-windows.test.ts cite them):
//   RW-1 default windows from the time slots: dismissal from an hour before the evening slot
//        starts until the evening ends (15:30–20:30); bedtime an hour either side of the night
//        slot's start (19:30–21:30); bed checks the whole night slot (20:30–06:30).
//   RW-2 a window belongs to the roll call's date (the duty date: the night of Monday is
//        Monday's); an end at or before its start is on the next day (the night wraps past
//        midnight). Each time is HH:mm and a window cannot be empty.
//   RW-3 a roll call given outside its date's window (before it opens or after it closes) needs
//        a reason (a few words); without one it is refused, naming the window.
import { HANDOVER_KINDS, HANDOVER_LABELS, type HandoverKind } from "./handover-kinds.ts";
import type { RollCallWindows } from "./roll-call-window-defaults.ts";
import { type OutsideWindowProblem, outsideWindowProblem, timingIn, type WindowTiming } from "./rounds.ts";
import { atLocal, type LocalDate } from "./school-calendar.ts";
import { parseClockTime } from "./time-slots.ts";

export { defaultRollCallWindows, type RollCallWindows } from "./roll-call-window-defaults.ts";

const MINUTES_PER_DAY = 24 * 60;
export interface RollCallWindowProblem {
  kind: HandoverKind;
  zh: string;
  en: string;
}

/** RW-2: each time is HH:mm, and no window is empty. */
export function validateRollCallWindows(windows: RollCallWindows): RollCallWindowProblem[] {
  const problems: RollCallWindowProblem[] = [];
  for (const kind of HANDOVER_KINDS) {
    const w = windows[kind];
    const label = HANDOVER_LABELS[kind];
    const start = parseClockTime(w.start);
    const end = parseClockTime(w.end);
    if (start === undefined || end === undefined)
      problems.push({ kind, zh: `${label.zh}时间格式应为 HH:mm`, en: `${label.en}: times must be HH:mm` });
    else if (start === end)
      problems.push({
        kind,
        zh: `${label.zh}的开始和结束都是 ${w.start}，时间段不能为空`,
        en: `${label.en} starts and ends at ${w.start}: the window cannot be empty`,
      });
  }
  return problems;
}

export interface RollCallWindowSettings {
  timeZone: string;
  rollCallWindows: RollCallWindows;
}

/** RW-2: the window of one roll call on its date, as instants. */
export function rollCallWindowOn(
  settings: RollCallWindowSettings,
  date: LocalDate,
  kind: HandoverKind,
): { start: Date; end: Date } {
  const w = settings.rollCallWindows[kind];
  const start = parseClockTime(w.start) ?? 0;
  const end = parseClockTime(w.end) ?? 0;
  return {
    start: atLocal(date, start, settings.timeZone),
    end: atLocal(date, end <= start ? end + MINUTES_PER_DAY : end, settings.timeZone),
  };
}

/** RW-2, RW-3: a roll call of `kind` for `date` given at `at`, against its window. */
export function rollCallTiming(
  settings: RollCallWindowSettings,
  date: LocalDate,
  kind: HandoverKind,
  at: Date,
): WindowTiming {
  return timingIn(rollCallWindowOn(settings, date, kind), at);
}

/** RW-3: a roll call given at `at` outside its window, without a reason (naming the window). */
export function rollCallWindowProblem(
  settings: RollCallWindowSettings,
  date: LocalDate,
  kind: HandoverKind,
  at: Date,
  reason: string | undefined,
): OutsideWindowProblem | undefined {
  return outsideWindowProblem(
    HANDOVER_LABELS[kind],
    date,
    rollCallWindowOn(settings, date, kind),
    at,
    settings.timeZone,
    reason,
  );
}
