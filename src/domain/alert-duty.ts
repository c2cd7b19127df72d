// Who an urgent alert names as on duty (alerts.ts AL-6): at the instant it is recorded, the
// holders of its own class or dorm room (responsible.ts: the evening duty teacher in the evening
// slot, the room's caretaker at night, the class's teachers in class time), then for a disputed
// hand-over whom the roster names to receive it (handover.ts HO-2), then whoever holds the
// campus; each person once, in that order. No clock inside: the instant is an argument.
import { type ResponsibleTarget, type RosterLookup, responsibleAt } from "./responsible.ts";
import type { EffectiveSettings } from "./school-settings.ts";

/** AL-6: the class or room an alert is about, with what responsibleAt needs to know of it. */
export interface DutyChainInput {
  /** The alert's own class and/or dorm room (a pupil's: both). */
  targets: ResponsibleTarget[];
  /** HO-2: a disputed hand-over's roster receivers. */
  receivers?: readonly string[];
}

/** AL-6: who an alert names as on duty at `instant`, in the order to phone them. */
export function dutyChainAt(
  instant: Date,
  input: DutyChainInput,
  settings: EffectiveSettings,
  roster: RosterLookup,
): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const target of input.targets)
    for (const h of responsibleAt(instant, target, settings, roster).holders) add(h.staffId);
  for (const id of input.receivers ?? []) add(id);
  for (const h of responsibleAt(instant, { kind: "campus" }, settings, roster).holders) add(h.staffId);
  return out;
}
