// The round form's rules, free of the screen (SPEC §2 三查): which items the area's checklist
// has, the marks a person makes (every item OK until tapped), the items snapshot the record
// keeps (labels copied, so later checklist edits never change a past round), and the hazards
// the exceptions become (及时报告).

import type { AreaKind } from "../../../domain/area-kinds.ts";
import type { Severity } from "../../../domain/hazard-machine.ts";
import {
  ROUND_KINDS,
  type RoundKind,
  type RoundSettings,
  roundForRecording,
} from "../../../domain/rounds.ts";
import { isLocalDate, type LocalDate } from "../../../domain/school-calendar.ts";

export interface CheckItem {
  id: string;
  areaKind: AreaKind;
  position: number;
  labelZh: string;
  labelEn: string;
  whyZh: string;
  whyEn: string;
  isActive: boolean;
}

/** What the person marked on one item. Only exceptions are kept; a missing mark means OK. */
export interface ItemMark {
  note: string;
  /** Report it as a hazard when saving (on by default: 发现隐患及时报告). */
  shouldReport: boolean;
  severity: Severity;
  photos: string[];
}
export type Marks = Readonly<Record<string, ItemMark>>;

export const NEW_MARK: ItemMark = { note: "", shouldReport: true, severity: "general", photos: [] };

/** protocol/safety.ts limits. */
export const ITEM_NOTE_MAX = 500;
export const ROUND_NOTE_MAX = 1000;

/** The area's checklist: the active items of its kind, in the admin's order. */
export function checklistFor<T extends CheckItem>(items: readonly T[], kind: AreaKind): T[] {
  return items
    .filter((i) => i.isActive && i.areaKind === kind)
    .sort((a, b) => a.position - b.position || a.labelZh.localeCompare(b.labelZh, "zh-CN"));
}

/** One tap: OK ↔ exception. Un-marking forgets the note (the person said it is fine after all). */
export function toggleException(marks: Marks, itemId: string): Marks {
  const next = { ...marks };
  if (next[itemId]) delete next[itemId];
  else next[itemId] = { ...NEW_MARK, photos: [] };
  return next;
}

export function updateMark(marks: Marks, itemId: string, change: Partial<ItemMark>): Marks {
  const current = marks[itemId];
  if (!current) return marks;
  return { ...marks, [itemId]: { ...current, ...change } };
}

/** protocol RoundItem: which item, and how it was found (an exception keeps its words and note). */
export type RoundItemSnapshot =
  | { itemId: string; ok: true }
  | { itemId: string; ok: false; labelZh: string; labelEn: string; note: string };

/**
 * The record's items: every checklist item in use now (later additions do not change it), OK
 * unless marked. An exception copies the item's words as they read today; an OK item is named
 * by its id only, which keeps a year of rounds small on every phone.
 */
export function roundItems(checklist: readonly CheckItem[], marks: Marks): RoundItemSnapshot[] {
  return checklist.map((item) => {
    const mark = marks[item.id];
    if (!mark) return { itemId: item.id, ok: true };
    return {
      itemId: item.id,
      ok: false,
      labelZh: item.labelZh,
      labelEn: item.labelEn,
      note: mark.note.trim(),
    };
  });
}

/** The exceptions to report as hazards, in checklist order. */
export function exceptionsToReport(
  checklist: readonly CheckItem[],
  marks: Marks,
): { item: CheckItem; mark: ItemMark }[] {
  const out: { item: CheckItem; mark: ItemMark }[] = [];
  for (const item of checklist) {
    const mark = marks[item.id];
    if (mark?.shouldReport) out.push({ item, mark });
  }
  return out;
}

export function exceptionCount(checklist: readonly CheckItem[], marks: Marks): number {
  return checklist.filter((i) => marks[i.id] !== undefined).length;
}

/**
 * A checklist label split into the thing checked and what "OK" means: "门窗：玻璃完好…" →
 * { name: "门窗", rule: "玻璃完好…" }. A label without a colon is all name.
 */
export function splitLabel(label: string): { name: string; rule: string } {
  const at = label.search(/[:：]/);
  if (at <= 0) return { name: label.trim(), rule: "" };
  return { name: label.slice(0, at).trim(), rule: label.slice(at + 1).trim() };
}

/**
 * The hazard's description: the thing checked and what the person wrote ("门窗：后门门锁损坏");
 * with no words, what it failed ("门窗：不符合“玻璃完好…”").
 */
export function hazardDescription(item: CheckItem, note: string, lang: "zh" | "en"): string {
  const { name, rule } = splitLabel(lang === "zh" ? item.labelZh : item.labelEn);
  const text = note.trim();
  if (lang === "zh") return `${name}：${text || (rule ? `不符合“${rule}”` : "检查发现问题")}`;
  return `${name}: ${text || (rule ? `not as required (${rule})` : "problem found on the round")}`;
}

export interface FormProblem {
  field: string;
  /** Which message and its values; the page words it. */
  kind: "too_long";
  /** The checklist item whose note it is; null for the round's own note. */
  itemId: string | null;
  max: number;
  length: number;
}

/** Every problem with what was typed (nothing else can be wrong: the marks are taps). */
export function roundProblems(checklist: readonly CheckItem[], marks: Marks, note: string): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const item of checklist) {
    const mark = marks[item.id];
    const length = mark ? mark.note.trim().length : 0;
    if (mark && length > ITEM_NOTE_MAX)
      problems.push({
        field: `note-${item.id}`,
        kind: "too_long",
        itemId: item.id,
        max: ITEM_NOTE_MAX,
        length,
      });
  }
  const length = note.trim().length;
  if (length > ROUND_NOTE_MAX)
    problems.push({ field: "note", kind: "too_long", itemId: null, max: ROUND_NOTE_MAX, length });
  return problems;
}

/**
 * Which round and date the page records: the query's (?round=&date=, from the home page), else
 * the round a record made now belongs to (RD roundForRecording). A bad query value is ignored.
 */
export function roundFromQuery(
  search: URLSearchParams,
  settings: RoundSettings,
  now: Date,
): { round: RoundKind; date: LocalDate } {
  const fallback = roundForRecording(settings, now);
  const round = search.get("round");
  const date = search.get("date");
  return {
    round:
      round && (ROUND_KINDS as readonly string[]).includes(round) ? (round as RoundKind) : fallback.round,
    date: date && isLocalDate(date) ? date : fallback.date,
  };
}
