// The report form's rules, free of the screen (SPEC §2 及时报告): which areas to offer first,
// what a person must give (an area and a description; on the gatekeeper's quick report a photo
// may stand for the words), and how many taps the booth phone's perimeter report takes.
import type { AreaKind } from "../../../domain/area-kinds.ts";
import { type Checker, isMyArea } from "../../../domain/rounds.ts";

export interface PickArea {
  id: string;
  name: string;
  kind: AreaKind;
  responsibleStaffId: string | null;
  classId: string | null;
}

export const PLACE_MAX = 200;
export const DESCRIPTION_MAX = 2000;

const KIND_ORDER: Record<AreaKind, number> = { campus: 0, classroom: 1, perimeter: 2 };
const byName = (a: PickArea, b: PickArea) => a.name.localeCompare(b.name, "zh-CN");

/** Case-insensitive "contains" on the area's name (Chinese matches as typed). */
export function matchesArea(area: PickArea, needle: string): boolean {
  const n = needle.trim().toLowerCase();
  return n === "" || area.name.toLowerCase().includes(n);
}

/**
 * The areas to choose from: mine first (RD-4), then everyone else's by kind and name; a search
 * narrows both. The chosen area always stays in the list, so a search never hides the choice.
 */
export function areaChoices<T extends PickArea>(
  areas: readonly T[],
  me: Checker,
  search: string,
  chosenId: string,
): { mine: T[]; others: Record<AreaKind, T[]> } {
  const keep = (a: T) => a.id === chosenId || matchesArea(a, search);
  const mine = areas.filter((a) => isMyArea(a, me) && keep(a)).sort(byName);
  const mineIds = new Set(mine.map((a) => a.id));
  const others: Record<AreaKind, T[]> = { campus: [], classroom: [], perimeter: [] };
  for (const a of [...areas].sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || byName(x, y))) {
    if (!mineIds.has(a.id) && keep(a)) others[a.kind].push(a);
  }
  return { mine, others };
}

/** The gatekeeper's perimeter areas, by name (the quick report's big buttons). */
export function perimeterAreas<T extends PickArea>(areas: readonly T[]): T[] {
  return areas.filter((a) => a.kind === "perimeter").sort(byName);
}

export type ReportProblemKind = "area" | "description" | "description_or_photo" | "too_long";

export interface ReportProblem {
  field: "areaId" | "place" | "description";
  kind: ReportProblemKind;
  max?: number;
  length?: number;
}

export interface ReportDraft {
  areaId: string;
  place: string;
  description: string;
  photos: readonly string[];
}

/**
 * Every problem at once. The full form needs a description; the quick perimeter report takes
 * the words or a photo (SPEC: "three taps plus the text or photo").
 */
export function reportProblems(draft: ReportDraft, options: { isQuick: boolean }): ReportProblem[] {
  const problems: ReportProblem[] = [];
  if (!draft.areaId) problems.push({ field: "areaId", kind: "area" });
  const place = draft.place.trim().length;
  if (place > PLACE_MAX) problems.push({ field: "place", kind: "too_long", max: PLACE_MAX, length: place });
  const description = draft.description.trim().length;
  if (description > DESCRIPTION_MAX) {
    problems.push({ field: "description", kind: "too_long", max: DESCRIPTION_MAX, length: description });
  } else if (description === 0) {
    if (!options.isQuick) problems.push({ field: "description", kind: "description" });
    else if (draft.photos.length === 0) problems.push({ field: "description", kind: "description_or_photo" });
  }
  return problems;
}

/** The description saved: what was typed, or on a photo-only quick report, a line saying so. */
export function descriptionToSave(draft: ReportDraft, areaName: string, lang: "zh" | "en"): string {
  const text = draft.description.trim();
  if (text) return text;
  return lang === "zh" ? `${areaName}发现隐患（见照片）` : `Hazard at ${areaName} (see the photos)`;
}

/**
 * The taps of the booth phone's perimeter report, text or photo aside: 报告周边隐患 on the home
 * page, the area (skipped when the school has a single perimeter area: it is chosen already),
 * then 上报.
 */
export function quickReportTaps(perimeterAreaCount: number): string[] {
  return ["home: 报告周边隐患", ...(perimeterAreaCount === 1 ? [] : ["choose the perimeter area"]), "上报"];
}

/** The thing a checklist item checks: "门窗：玻璃完好…" → "门窗". */
export function itemName(itemLabel: string): string {
  const at = itemLabel.search(/[:：]/);
  return (at > 0 ? itemLabel.slice(0, at) : itemLabel).trim();
}

/** How a report from a checklist item starts ("门窗："), so the person only adds what is wrong. */
export function descriptionStart(itemLabel: string, lang: "zh" | "en"): string {
  const name = itemName(itemLabel);
  return lang === "zh" ? `${name}：` : `${name}: `;
}
