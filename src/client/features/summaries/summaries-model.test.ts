// The admin's week: every class's status (WS-3), the counts, whom a reminder goes to, which
// reminders reach a class teacher, and the export rows and CSV file (UTF-8 with BOM).
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { WeeklySummary, WeekNumbers } from "../../../domain/weekly-summary.ts";
import { BOM, csvText } from "../../ui/csv-file.ts";
import {
  defaultReminderTargets,
  openReminders,
  reminderProblem,
  remindersFor,
  statusCounts,
  weekRows,
} from "./summaries-model.ts";
import { exportFileName, exportTable } from "./summary-export.ts";

const TZ = "Asia/Shanghai";
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const WEEK = "2026-11-23";

const numbers = (overrides: Partial<WeekNumbers> = {}): WeekNumbers => ({
  weekStart: WEEK,
  asOf: "2026-11-29",
  rounds: { due: 15, done: 14, missed: ["room|2026-11-27|noon"] },
  hazards: { found: ["h1", "h2"], rectified: ["h1"], late: ["h2"] },
  exceptions: { leave: 1, sick: 2, picked_up: 0, unaccounted: 0 },
  exceptionList: [],
  unaccounted: [],
  lesson: { held: true, recordId: "e1" },
  ...overrides,
});

function summary(
  classId: string,
  state: "draft" | "submitted",
  submittedAt: Date | null,
  text = "",
): WeeklySummary {
  return {
    id: `${WEEK}|${classId}`,
    classId,
    weekStart: WEEK,
    text,
    state,
    numbers: numbers(),
    savedBy: "t1",
    savedAt: (submittedAt ?? sh("2026-11-27", "17:00")).toISOString(),
    submittedBy: state === "submitted" ? "t1" : null,
    submittedAt: submittedAt ? submittedAt.toISOString() : null,
    addenda: [],
  };
}

const CLASSES = [
  { id: "c1", grade: 1, name: "1班", classTeacherId: "t1" },
  { id: "c2", grade: 1, name: "2班", classTeacherId: "t2" },
  { id: "c3", grade: 1, name: "3班", classTeacherId: "t3" },
  { id: "c4", grade: 1, name: "4班", classTeacherId: null },
  { id: "c5", grade: 1, name: "5班", classTeacherId: "t5" },
];
const SUMMARIES = [
  {
    entity: summary("c1", "submitted", sh("2026-11-27", "18:00"), '本周平稳, 无"事故"\n下周加强午查'),
    hasPendingChanges: false,
  },
  { entity: summary("c2", "submitted", sh("2026-11-30", "08:10")), hasPendingChanges: true },
  { entity: summary("c3", "draft", null), hasPendingChanges: false },
];
const live = numbers({ rounds: { due: 15, done: 0, missed: [] }, lesson: { held: false, recordId: null } });

const rowsAt = (now: Date) =>
  weekRows({
    classes: CLASSES,
    summaries: SUMMARIES,
    weekStart: WEEK,
    now,
    timeZone: TZ,
    liveNumbers: () => live,
  });

describe("WS-3: the week's status for every class", () => {
  it("is submitted, late, draft, and missing once due; not yet due while the week runs", () => {
    const due = rowsAt(sh("2026-11-30", "09:00"));
    expect(due.map((r) => r.status)).toEqual(["submitted", "submitted_late", "draft", "missing", "missing"]);
    expect(due[1]?.isPending).toBe(true);
    expect(due[3]?.isLiveCount).toBe(true);
    expect(due[3]?.numbers).toBe(live);
    expect(due[0]?.numbers.rounds.done).toBe(14);
    expect(statusCounts(due)).toEqual({ missing: 2, draft: 1, not_due: 0, submitted_late: 1, submitted: 1 });
    const running = rowsAt(sh("2026-11-29", "23:59"));
    expect(running.map((r) => r.status)).toEqual([
      "submitted",
      "submitted_late",
      "draft",
      "not_due",
      "not_due",
    ]);
  });

  it("reminds by default every class not submitted that has a class teacher", () => {
    expect(defaultReminderTargets(rowsAt(sh("2026-11-30", "09:00")))).toEqual(["c3", "c5"]);
    expect(reminderProblem([], "")).toBe("noClass");
    expect(reminderProblem(["c3"], "x".repeat(201))).toBe("noteTooLong");
    expect(reminderProblem(["c3"], "请周一前提交")).toBeUndefined();
  });

  it("shows a class teacher the newest reminder naming their class", () => {
    const reminders = [
      { id: "r1", classIds: ["c3", "c5"], sentAt: "2026-11-30T01:00:00.000Z", note: "first" },
      { id: "r2", classIds: ["c5"], sentAt: "2026-11-30T03:00:00.000Z", note: "second" },
      { id: "r3", classIds: ["c3"], sentAt: "2026-11-30T02:00:00.000Z", note: "third" },
    ];
    expect(remindersFor(reminders, ["c3"]).map((r) => r.id)).toEqual(["r3", "r1"]);
    expect(remindersFor(reminders, ["c1"])).toEqual([]);
  });

  it("WS-3: a reminder waits on a class teacher until the week it names is submitted", () => {
    const reminder = {
      id: "r1",
      weekStart: WEEK,
      classIds: ["c3", "c5"],
      sentAt: "2026-11-30T01:00:00.000Z",
    };
    const at = sh("2026-11-30", "09:00");
    expect(openReminders([reminder], [], ["c3"], at, TZ)).toEqual([{ reminder, classIds: ["c3"] }]);
    const submitted = { ...summary("c3", "submitted", sh("2026-11-30", "10:00")), classId: "c3" };
    expect(openReminders([reminder], [submitted], ["c3"], sh("2026-11-30", "10:30"), TZ)).toEqual([]);
    // A draft is not submitted: the reminder still waits.
    const draft = { ...summary("c3", "draft", null), classId: "c3" };
    expect(openReminders([reminder], [draft], ["c3"], at, TZ)).toHaveLength(1);
    expect(openReminders([reminder], [], ["c1"], at, TZ)).toEqual([]);
  });
});

describe("the week's export", () => {
  const names = {
    className: (r: { schoolClass: { name: string } }) => `一年级${r.schoolClass.name}`,
    staffName: (id: string | null | undefined) => (id ? ({ t1: "王芳", t2: "李娜" }[id] ?? "某老师") : ""),
  };
  const table = exportTable(rowsAt(sh("2026-11-30", "09:00")), WEEK, names, TZ, "zh");

  it("has one row per class with status, numbers and words", () => {
    expect(table.headers.slice(0, 6)).toEqual(["周次", "班级", "班主任", "状态", "提交人", "提交时间"]);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0]?.slice(0, 12)).toEqual([
      "2026-11-23 ~ 2026-11-29",
      "一年级1班",
      "王芳",
      "已提交",
      "王芳",
      "2026-11-27 18:00",
      "15",
      "14",
      "1",
      "2",
      "1",
      "1",
    ]);
    expect(table.rows[1]?.[3]).toBe("逾期提交");
    expect(table.rows[3]?.[3]).toBe("未提交（系统统计，未保存）");
    expect(table.rows[3]?.[2]).toBe("");
    expect(table.rows[3]?.at(-3)).toBe("未上");
    expect(exportFileName(WEEK, "zh")).toBe("班级每周安全小结_2026-11-23.csv");
  });

  it("writes CSV with a UTF-8 BOM and CRLF, quoting commas, quotes and line breaks", () => {
    const csv = csvText(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]?.startsWith("周次,班级,班主任,状态,提交人,提交时间,教室巡查应查,已查,漏查")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(6);
    expect(parsed.data[1]?.at(-2)).toBe('本周平稳, 无"事故"\n下周加强午查');
    expect(parsed.data[1]).toHaveLength(table.headers.length);
  });
});
