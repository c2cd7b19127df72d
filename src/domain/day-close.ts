// Close the day (隐患整改不过夜, SPEC §2): before bedtime the evening duty teacher closes the
// day. Rule ids (cited by the tests):
//   DC-1 every hazard still open (reported, assigned or controlled) must be either rectified,
//        or under interim control with a named night owner; otherwise closing is refused with
//        the list of what is missing, per hazard.
//   DC-2 closing is done by a duty teacher or an admin; the record keeps each open hazard's
//        state, measures and night owner as they were at closing.
//   DC-3 the next morning, the interim controls carried over the night come first on the
//        morning duty teacher's screen.
import { type Hazard, isOpenState } from "./hazard-machine.ts";
import type { Role } from "./roles.ts";

export type DayCloseProblem = "not_controlled" | "no_night_owner";

export interface DayCloseGap {
  hazardId: string;
  problems: DayCloseProblem[];
}

/** DC-1: what stops the day from closing (empty: it may close). */
export function dayCloseGaps(hazards: readonly Hazard[]): DayCloseGap[] {
  const gaps: DayCloseGap[] = [];
  for (const h of hazards) {
    if (!isOpenState(h.state)) continue;
    const problems: DayCloseProblem[] = [];
    if (h.state !== "controlled") problems.push("not_controlled");
    if (!h.nightOwnerId) problems.push("no_night_owner");
    if (problems.length > 0) gaps.push({ hazardId: h.id, problems });
  }
  return gaps;
}

export const DAY_CLOSE_PROBLEM_LABELS: Record<DayCloseProblem, { zh: string; en: string }> = {
  not_controlled: { zh: "未整改，也没有临时管控措施", en: "neither rectified nor under interim control" },
  no_night_owner: { zh: "没有指定夜间负责人", en: "no night owner named" },
};

/** DC-2 */
export function mayCloseDay(roles: readonly Role[]): boolean {
  return roles.includes("duty_teacher") || roles.includes("admin");
}

export interface CarriedHazard {
  hazardId: string;
  state: Hazard["state"];
  measures: string | null;
  nightOwnerId: string | null;
}

/** DC-2: the record of the open hazards at closing. */
export function carriedOver(hazards: readonly Hazard[]): CarriedHazard[] {
  return hazards
    .filter((h) => isOpenState(h.state))
    .map((h) => ({
      hazardId: h.id,
      state: h.state,
      measures: h.control?.text ?? null,
      nightOwnerId: h.nightOwnerId,
    }));
}

/** DC-3: hazards under interim control overnight, first for the morning duty teacher. */
export function morningFirst(hazards: readonly Hazard[]): Hazard[] {
  return hazards.filter((h) => h.state === "controlled").sort((a, b) => a.deadline.localeCompare(b.deadline));
}
