// Close-the-day's list, as data: every open hazard with what it still lacks (DC-1), the ones
// that block closing first, each group by deadline; and the record to save when nothing does
// (DC-2). Pure: the open hazards and the date are arguments.
import type { CarriedHazard, DayCloseProblem } from "../../../domain/day-close.ts";
import { carriedOver, dayCloseGaps } from "../../../domain/day-close.ts";
import { type Hazard, isOpenState } from "../../../domain/hazard-machine.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";

export interface CloseDayItem {
  hazard: Hazard;
  problems: DayCloseProblem[];
}

export function closeDayItems(hazards: readonly Hazard[]): CloseDayItem[] {
  const gaps = new Map(dayCloseGaps(hazards).map((g) => [g.hazardId, g.problems]));
  return hazards
    .filter((h) => isOpenState(h.state))
    .map((hazard) => ({ hazard, problems: gaps.get(hazard.id) ?? [] }))
    .sort(
      (a, b) =>
        Number(b.problems.length > 0) - Number(a.problems.length > 0) ||
        a.hazard.deadline.localeCompare(b.hazard.deadline),
    );
}

export type CloseDayDecision =
  | { may: false; blocking: CloseDayItem[] }
  | { may: true; close: { date: LocalDate; note: string; carried: CarriedHazard[] } };

/** DC-1, DC-2: refused with the list of what is missing, or the record to save. */
export function decideCloseDay(hazards: readonly Hazard[], date: LocalDate, note: string): CloseDayDecision {
  const blocking = closeDayItems(hazards).filter((i) => i.problems.length > 0);
  if (blocking.length > 0) return { may: false, blocking };
  return { may: true, close: { date, note: note.trim(), carried: carriedOver(hazards) } };
}
