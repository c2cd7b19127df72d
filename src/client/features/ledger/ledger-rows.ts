// 隐患排查整改台账: one row per hazard found in a date range, in the columns the school keeps
// on paper (date found, place, description, severity, finder, assignee, deadline, measures,
// rectified at, verified by, status), as text in the school's time zone. Pure, so the printed
// table and the CSV file are the same rows and the tests need no browser.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { HAZARD_STATE_LABELS, type Hazard, SEVERITY_LABELS } from "../../../domain/hazard-machine.ts";
import { addDays, atLocal, isLocalDate, type LocalDate } from "../../../domain/school-calendar.ts";

export const LEDGER_COLUMNS = [
  "foundAt",
  "place",
  "description",
  "severity",
  "finder",
  "assignee",
  "deadline",
  "measures",
  "rectifiedAt",
  "verifiedBy",
  "status",
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export const LEDGER_HEADERS: Record<LedgerColumn, { zh: string; en: string }> = {
  foundAt: { zh: "发现时间", en: "Found" },
  place: { zh: "隐患地点", en: "Place" },
  description: { zh: "隐患描述", en: "Description" },
  severity: { zh: "隐患等级", en: "Severity" },
  finder: { zh: "发现人", en: "Found by" },
  assignee: { zh: "整改责任人", en: "Assigned to" },
  deadline: { zh: "整改期限", en: "Deadline" },
  measures: { zh: "整改及管控措施", en: "Measures" },
  rectifiedAt: { zh: "整改完成时间", en: "Rectified" },
  verifiedBy: { zh: "验收人", en: "Verified by" },
  status: { zh: "状态", en: "Status" },
};

export type LedgerRow = Record<LedgerColumn, string>;

export interface LedgerNames {
  staffName(id: string): string;
  areaName(id: string): string;
}

type Lang = "zh" | "en";

/** "2026-05-03 21:30" in the school's time zone: sorts and reads the same in Excel. */
export function ledgerTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "";
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  return format(new TZDate(at, timeZone), "yyyy-MM-dd HH:mm");
}

function measuresOf(h: Hazard, lang: Lang): string {
  const parts: string[] = [];
  const rectified = h.rectification?.text.trim();
  if (rectified) parts.push(rectified);
  const control = h.control?.text.trim();
  if (control) parts.push(lang === "zh" ? `临时管控：${control}` : `Interim control: ${control}`);
  return parts.join(lang === "zh" ? "；" : "; ");
}

export function ledgerRow(h: Hazard, names: LedgerNames, timeZone: string, lang: Lang): LedgerRow {
  const place = h.place.trim();
  const area = names.areaName(h.areaId);
  return {
    foundAt: ledgerTime(h.foundAt, timeZone),
    place: place ? `${area} ${place}` : area,
    description: h.description,
    severity: SEVERITY_LABELS[h.severity][lang],
    finder: names.staffName(h.reportedBy),
    assignee: h.assigneeId ? names.staffName(h.assigneeId) : "",
    deadline: ledgerTime(h.deadline, timeZone),
    measures: measuresOf(h, lang),
    rectifiedAt: ledgerTime(h.rectification?.at, timeZone),
    verifiedBy: h.closedBy ? names.staffName(h.closedBy) : "",
    status: HAZARD_STATE_LABELS[h.state][lang],
  };
}

export interface LedgerTable {
  headers: string[];
  rows: string[][];
}

/** Oldest found first (ties by id), the ledger's order. */
export function sortForLedger<T extends Pick<Hazard, "foundAt" | "id">>(hazards: readonly T[]): T[] {
  return [...hazards].sort((a, b) => a.foundAt.localeCompare(b.foundAt) || a.id.localeCompare(b.id));
}

/** The hazards, oldest found first, as header and cells in LEDGER_COLUMNS order. */
export function ledgerTable(
  hazards: readonly Hazard[],
  names: LedgerNames,
  timeZone: string,
  lang: Lang,
): LedgerTable {
  const sorted = sortForLedger(hazards);
  return {
    headers: LEDGER_COLUMNS.map((c) => LEDGER_HEADERS[c][lang]),
    rows: sorted.map((h) => {
      const row = ledgerRow(h, names, timeZone, lang);
      return LEDGER_COLUMNS.map((c) => row[c]);
    }),
  };
}

// ── The date range ───────────────────────────────────────────────────────────────────────

export const MAX_RANGE_DAYS = 366;

export type RangeProblem = "badFrom" | "badTo" | "reversed" | "tooLong";

export function checkRange(from: string, to: string): RangeProblem | undefined {
  if (!isLocalDate(from)) return "badFrom";
  if (!isLocalDate(to)) return "badTo";
  if (from > to) return "reversed";
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) return "tooLong";
  return undefined;
}

/** The instants of a range of local dates: from its first midnight to the midnight after its last day. */
export function rangeInstants(
  from: LocalDate,
  to: LocalDate,
  timeZone: string,
): { fromIso: string; toIso: string } {
  return {
    fromIso: atLocal(from, 0, timeZone).toISOString(),
    toIso: atLocal(addDays(to, 1), 0, timeZone).toISOString(),
  };
}

/** The month a date is in: its first and last day. */
export function monthOf(date: LocalDate): { from: LocalDate; to: LocalDate } {
  const from = `${date.slice(0, 7)}-01`;
  const nextMonth = addDays(from, 32).slice(0, 7);
  return { from, to: addDays(`${nextMonth}-01`, -1) };
}

/** "隐患排查整改台账_2026-05-01_2026-05-31.csv". */
export function ledgerFileName(from: LocalDate, to: LocalDate, lang: Lang): string {
  return `${lang === "zh" ? "隐患排查整改台账" : "hazard-ledger"}_${from}_${to}.csv`;
}
