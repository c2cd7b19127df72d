// The hazard-check words shared by several pages (rounds, hazards, board, ledger), in the
// current language, from the domain's own labels (the school's terms, zh-CN first).
import { AREA_KIND_LABELS, type AreaKind } from "../../domain/area-kinds.ts";
import { ESCALATION_LABELS, type EscalationLevel } from "../../domain/hazard-deadline.ts";
import {
  ACTION_LABELS,
  HAZARD_STATE_LABELS,
  type HazardActionKind,
  type HazardState,
  SEVERITY_LABELS,
  type Severity,
} from "../../domain/hazard-machine.ts";
import { ROUND_LABELS, type RoundKind } from "../../domain/rounds.ts";
import { inLang } from "./i18n.ts";

export const severityLabel = (s: Severity): string => inLang(SEVERITY_LABELS[s]);
export const hazardStateLabel = (s: HazardState): string => inLang(HAZARD_STATE_LABELS[s]);
export const hazardActionLabel = (k: HazardActionKind | "report"): string => inLang(ACTION_LABELS[k]);
export const roundLabel = (r: RoundKind): string => inLang(ROUND_LABELS[r]);
export const areaKindLabel = (k: AreaKind): string => inLang(AREA_KIND_LABELS[k]);
export const escalationLabel = (l: EscalationLevel): string => inLang(ESCALATION_LABELS[l]);
