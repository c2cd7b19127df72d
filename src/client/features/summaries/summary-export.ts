// A week's summaries as one table, one row per class, in the columns the school files with the
// education bureau: the print page (A4) and the CSV file (ui/csv-file.ts) read the same rows.
// Pure, with the words passed in, so the tests need no browser.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { EXCEPTION_LABELS, EXCEPTION_REASONS } from "../../../domain/roll-call.ts";
import { addDays, type LocalDate } from "../../../domain/school-calendar.ts";
import { SUMMARY_STATUS_LABELS } from "../../../domain/weekly-summary.ts";
import type { ClassWeekRow } from "./summaries-model.ts";

type Lang = "zh" | "en";
type Label = { zh: string; en: string };

export const EXPORT_COLUMNS = [
  "week",
  "class",
  "teacher",
  "status",
  "submittedBy",
  "submittedAt",
  "roundsDue",
  "roundsDone",
  "roundsMissed",
  "hazardsFound",
  "hazardsRectified",
  "hazardsLate",
  ...EXCEPTION_REASONS.map((r) => `exception_${r}` as const),
  "unaccountedAlerts",
  "lesson",
  "text",
  "addenda",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

const HEADERS: Record<ExportColumn, Label> = {
  week: { zh: "周次", en: "Week" },
  class: { zh: "班级", en: "Class" },
  teacher: { zh: "班主任", en: "Class teacher" },
  status: { zh: "状态", en: "Status" },
  submittedBy: { zh: "提交人", en: "Submitted by" },
  submittedAt: { zh: "提交时间", en: "Submitted at" },
  roundsDue: { zh: "教室巡查应查", en: "Rounds due" },
  roundsDone: { zh: "已查", en: "Rounds done" },
  roundsMissed: { zh: "漏查", en: "Rounds missed" },
  hazardsFound: { zh: "发现隐患", en: "Hazards found" },
  hazardsRectified: { zh: "已整改", en: "Rectified" },
  hazardsLate: { zh: "逾期整改", en: "Late" },
  exception_leave: {
    zh: `点名异常：${EXCEPTION_LABELS.leave.zh}`,
    en: `Roll call: ${EXCEPTION_LABELS.leave.en}`,
  },
  exception_sick: {
    zh: `点名异常：${EXCEPTION_LABELS.sick.zh}`,
    en: `Roll call: ${EXCEPTION_LABELS.sick.en}`,
  },
  exception_picked_up: {
    zh: `点名异常：${EXCEPTION_LABELS.picked_up.zh}`,
    en: `Roll call: ${EXCEPTION_LABELS.picked_up.en}`,
  },
  exception_unaccounted: {
    zh: `点名异常：${EXCEPTION_LABELS.unaccounted.zh}`,
    en: `Roll call: ${EXCEPTION_LABELS.unaccounted.en}`,
  },
  unaccountedAlerts: { zh: "下落不明报警", en: "Unaccounted alerts" },
  lesson: { zh: "每周安全课", en: "Weekly safety lesson" },
  text: { zh: "班主任小结", en: "Class teacher's words" },
  addenda: { zh: "补充说明", en: "Addenda" },
};

const WORDS = {
  held: { zh: "已上", en: "Held" },
  notHeld: { zh: "未上", en: "Not held" },
  liveCount: { zh: "（系统统计，未保存）", en: " (counted by the app, not saved)" },
} satisfies Record<string, Label>;

export interface ExportNames {
  className(row: ClassWeekRow): string;
  staffName(id: string | null | undefined): string;
}

export interface ExportTable {
  headers: string[];
  rows: string[][];
}

/** "2026-11-23 ~ 2026-11-29": a week in the file. */
export function weekRangeText(weekStart: LocalDate): string {
  return `${weekStart} ~ ${addDays(weekStart, 6)}`;
}

/** "2026-11-30 08:05" in the school's time zone. */
export function schoolTime(iso: string | null, timeZone: string): string {
  return iso ? format(new TZDate(Date.parse(iso), timeZone), "yyyy-MM-dd HH:mm") : "";
}

export function exportRow(
  row: ClassWeekRow,
  weekStart: LocalDate,
  names: ExportNames,
  timeZone: string,
  lang: Lang,
): Record<ExportColumn, string> {
  const n = row.numbers;
  const s = row.summary;
  const addenda = (s?.addenda ?? [])
    .map((a) => `${schoolTime(a.at, timeZone)} ${names.staffName(a.by)}：${a.text}`)
    .join("\n");
  return {
    week: weekRangeText(weekStart),
    class: names.className(row),
    teacher: names.staffName(row.schoolClass.classTeacherId),
    status: SUMMARY_STATUS_LABELS[row.status][lang] + (row.isLiveCount ? WORDS.liveCount[lang] : ""),
    submittedBy: names.staffName(s?.submittedBy),
    submittedAt: schoolTime(s?.submittedAt ?? null, timeZone),
    roundsDue: String(n.rounds.due),
    roundsDone: String(n.rounds.done),
    roundsMissed: String(n.rounds.missed.length),
    hazardsFound: String(n.hazards.found.length),
    hazardsRectified: String(n.hazards.rectified.length),
    hazardsLate: String(n.hazards.late.length),
    exception_leave: String(n.exceptions.leave),
    exception_sick: String(n.exceptions.sick),
    exception_picked_up: String(n.exceptions.picked_up),
    exception_unaccounted: String(n.exceptions.unaccounted),
    unaccountedAlerts: String(n.unaccounted.length),
    lesson: (n.lesson.held ? WORDS.held : WORDS.notHeld)[lang],
    text: s?.text ?? "",
    addenda,
  };
}

export function exportTable(
  rows: readonly ClassWeekRow[],
  weekStart: LocalDate,
  names: ExportNames,
  timeZone: string,
  lang: Lang,
): ExportTable {
  return {
    headers: EXPORT_COLUMNS.map((c) => HEADERS[c][lang]),
    rows: rows.map((r) => {
      const cells = exportRow(r, weekStart, names, timeZone, lang);
      return EXPORT_COLUMNS.map((c) => cells[c]);
    }),
  };
}

export function exportFileName(weekStart: LocalDate, lang: Lang): string {
  return `${lang === "zh" ? "班级每周安全小结" : "weekly-class-summaries"}_${weekStart}.csv`;
}
