// 课程表 CSV (issue #5 §2): 班级, 星期, 节次, 科任教师 — read on the admin's phone (offline) and
// saved as one timetable per class. The columns and values are written the way the school's
// other CSV imports accept them (src/server/import/parse-import.ts): a class as "三年级2班" or
// with a 年级 column; a weekday 1–7, 一…日 or 周一; a period number; a teacher by login or name.
// A file with any bad row is refused whole, each problem naming its line and what is wrong, so a
// half-imported timetable never replaces a good one (TT-3).
import Papa from "papaparse";
import type { Weekday } from "../../../domain/school-calendar.ts";
import type { TimetableEntry } from "../../../domain/timetable.ts";

export interface CsvProblem {
  /** 1-based line as a spreadsheet shows it (the header is line 1). */
  line: number;
  zh: string;
  en: string;
}

export interface TimetableCsvContext {
  classes: readonly { id: string; grade: number; name: string }[];
  staff: readonly { id: string; login: string; name: string; isActive: boolean }[];
  /** The bell schedule's number of periods (TT-1). */
  periodCount: number;
}

export type TimetableCsvResult =
  | { ok: true; byClass: Map<string, TimetableEntry[]>; rows: number }
  | { ok: false; problems: CsvProblem[] };

type ColumnKey = "class" | "grade" | "weekday" | "period" | "teacher" | "subject";

const COLUMNS: { key: ColumnKey; names: string[]; required: boolean }[] = [
  { key: "class", names: ["班级", "班级名称", "class"], required: true },
  { key: "grade", names: ["年级", "grade"], required: false },
  { key: "weekday", names: ["星期", "周几", "weekday", "day"], required: true },
  { key: "period", names: ["节次", "节", "第几节", "period"], required: true },
  {
    key: "teacher",
    names: ["科任教师", "教师", "任课教师", "教师登录名", "teacher", "subject_teacher"],
    required: true,
  },
  // A subject column is welcome (the school's own sheets have one) but not stored.
  { key: "subject", names: ["科目", "学科", "subject"], required: false },
];

const GRADE_ZH = ["一", "二", "三", "四", "五", "六"];
const WEEKDAY_ZH = ["一", "二", "三", "四", "五", "六", "日"];
const WEEKDAY_EN = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function halfWidth(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
}

function normalizeHeader(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[*＊\s_-]/g, "")
    .toLowerCase();
}

/** 1–6 from "3", "三", "三年级", "3年级". */
export function parseGrade(text: string): number | undefined {
  const t = halfWidth(text).replace(/年级$/, "");
  if (/^[1-6]$/.test(t)) return Number(t);
  const zh = GRADE_ZH.indexOf(t);
  return zh >= 0 ? zh + 1 : undefined;
}

/** "1班" as written; a bare number "1" or "01" becomes "1班" (as the class import does). */
export function normalizeClassName(text: string): string {
  const t = halfWidth(text);
  return /^\d+$/.test(t) ? `${Number(t)}班` : t;
}

/** 1–7 from "1", "一", "周一", "星期一", "礼拜天", "Mon", "Monday". */
export function parseWeekday(text: string): Weekday | undefined {
  const t = halfWidth(text)
    .replace(/^(星期|周|礼拜)/, "")
    .toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t) as Weekday;
  if (t === "天") return 7;
  const zh = WEEKDAY_ZH.indexOf(t);
  if (zh >= 0) return (zh + 1) as Weekday;
  const en = WEEKDAY_EN.indexOf(t.slice(0, 3));
  return en >= 0 && /^[a-z]+$/.test(t) ? ((en + 1) as Weekday) : undefined;
}

/** 3 from "3" or "第3节" (digits, as a spreadsheet numbers them). */
export function parsePeriod(text: string): number | undefined {
  const t = halfWidth(text).replace(/^第/, "").replace(/节$/, "");
  return /^\d{1,2}$/.test(t) ? Number(t) : undefined;
}

/** The class a row names, by grade and name; "三年级2班" in the class column alone is enough. */
function findClass(
  classText: string,
  gradeText: string,
  classes: TimetableCsvContext["classes"],
): { id: string } | { zh: string; en: string } {
  let grade: number | undefined;
  let name: string;
  if (gradeText !== "") {
    grade = parseGrade(gradeText);
    if (grade === undefined)
      return { zh: `年级“${gradeText}”无效，应为 1–6`, en: `grade "${gradeText}" must be 1–6` };
    name = normalizeClassName(classText);
  } else {
    const m = /^(.+?)年级(.+)$/.exec(halfWidth(classText));
    grade = m ? parseGrade(m[1] ?? "") : undefined;
    if (!m || grade === undefined)
      return {
        zh: `班级“${classText}”没有写年级，请写成“三年级2班”或加一列“年级”`,
        en: `class "${classText}" has no grade: write it as 三年级2班 or add a 年级 (grade) column`,
      };
    name = normalizeClassName(m[2] ?? "");
  }
  const found = classes.find((c) => c.grade === grade && normalizeClassName(c.name) === name);
  if (found) return { id: found.id };
  const label = `${GRADE_ZH[grade - 1] ?? grade}年级${name}`;
  return { zh: `没有班级“${label}”`, en: `there is no class "${label}"` };
}

function findTeacher(
  text: string,
  staff: TimetableCsvContext["staff"],
): { id: string } | { zh: string; en: string } {
  const byLogin = staff.find((s) => s.login.toLowerCase() === text.toLowerCase());
  const byName = staff.filter((s) => s.name === text);
  const person = byLogin ?? (byName.length === 1 ? byName[0] : undefined);
  if (byLogin === undefined && byName.length > 1)
    return {
      zh: `有 ${byName.length} 位教职工叫“${text}”，请改用登录名`,
      en: `${byName.length} staff members are called "${text}": use the login instead`,
    };
  if (!person)
    return {
      zh: `没有登录名或姓名为“${text}”的教职工`,
      en: `no staff member has the login or name "${text}"`,
    };
  if (!person.isActive)
    return { zh: `${person.name}的账号已停用`, en: `${person.name}'s account is disabled` };
  return { id: person.id };
}

export function parseTimetableCsv(text: string, ctx: TimetableCsvContext): TimetableCsvResult {
  const problems: CsvProblem[] = [];
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const delimiter = !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  for (const e of parsed.errors)
    if (e.type === "Quotes")
      problems.push({ line: (e.row ?? 0) + 1, zh: "引号不配对", en: "a quoted value is not closed" });
  const records = parsed.data
    .map((fields, i) => ({ line: i + 1, fields }))
    .filter((r) => r.fields.some((f) => f.trim() !== ""));
  const header = records[0];
  if (!header) return { ok: false, problems: [{ line: 1, zh: "文件是空的", en: "the file is empty" }] };

  const index = new Map<ColumnKey, number>();
  header.fields.forEach((raw, j) => {
    const name = normalizeHeader(raw);
    if (name === "") return;
    const column = COLUMNS.find((c) => c.names.some((n) => normalizeHeader(n) === name));
    if (!column)
      problems.push({
        line: header.line,
        zh: `未知的列“${raw.trim()}”，可用的列：班级、年级、星期、节次、科任教师、科目`,
        en: `unknown column "${raw.trim()}"; known columns: class, grade, weekday, period, teacher, subject`,
      });
    else if (index.has(column.key))
      problems.push({ line: header.line, zh: `列“${raw.trim()}”重复`, en: `column "${raw.trim()}" repeats` });
    else index.set(column.key, j);
  });
  const missing = COLUMNS.filter((c) => c.required && !index.has(c.key));
  if (missing.length > 0) {
    problems.push({
      line: header.line,
      zh: `缺少必填列：${missing.map((c) => c.names[0]).join("、")}`,
      en: `missing required columns: ${missing.map((c) => c.names.at(-1)).join(", ")}`,
    });
    return { ok: false, problems };
  }
  const data = records.slice(1);
  if (data.length === 0)
    return {
      ok: false,
      problems: [...problems, { line: 2, zh: "文件中没有数据行", en: "the file has no data rows" }],
    };

  const byClass = new Map<string, TimetableEntry[]>();
  const seen = new Map<string, number>();
  for (const { line, fields } of data) {
    const value = (key: ColumnKey) => {
      const j = index.get(key);
      return j === undefined ? "" : (fields[j] ?? "").trim();
    };
    const fail = (zh: string, en: string) => problems.push({ line, zh, en });
    const required = (key: ColumnKey, zh: string, en: string) => {
      const v = value(key);
      if (v === "") fail(`${zh}没有填`, `${en} is empty`);
      return v;
    };
    const classText = required("class", "班级", "class");
    const weekdayText = required("weekday", "星期", "weekday");
    const periodText = required("period", "节次", "period");
    const teacherText = required("teacher", "科任教师", "teacher");

    let classId: string | undefined;
    if (classText) {
      const found = findClass(classText, value("grade"), ctx.classes);
      if ("id" in found) classId = found.id;
      else fail(found.zh, found.en);
    }
    let weekday: Weekday | undefined;
    if (weekdayText) {
      weekday = parseWeekday(weekdayText);
      if (weekday === undefined)
        fail(
          `星期“${weekdayText}”无效，应为 1–7 或 一…日`,
          `weekday "${weekdayText}" must be 1–7 or Mon…Sun`,
        );
    }
    let period: number | undefined;
    if (periodText) {
      period = parsePeriod(periodText);
      if (period === undefined || period < 1 || period > ctx.periodCount) {
        fail(
          `节次“${periodText}”无效，作息时间共 ${ctx.periodCount} 节`,
          `period "${periodText}" is not valid; the bell schedule has ${ctx.periodCount} periods`,
        );
        period = undefined;
      }
    }
    let teacherId: string | undefined;
    if (teacherText) {
      const found = findTeacher(teacherText, ctx.staff);
      if ("id" in found) teacherId = found.id;
      else fail(found.zh, found.en);
    }
    if (classId === undefined || weekday === undefined || period === undefined || teacherId === undefined)
      continue;
    // TT-3: one teacher per class, weekday and period.
    const key = `${classId}/${weekday}/${period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(
        `${classText} 星期${WEEKDAY_ZH[weekday - 1]}第 ${period} 节与第 ${earlier} 行重复`,
        `${classText} weekday ${weekday} period ${period} repeats line ${earlier}`,
      );
      continue;
    }
    seen.set(key, line);
    const list = byClass.get(classId) ?? [];
    list.push({ weekday, period, subjectTeacherId: teacherId });
    byClass.set(classId, list);
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  for (const list of byClass.values()) list.sort((a, b) => a.weekday - b.weekday || a.period - b.period);
  return { ok: true, byClass, rows: data.length };
}

/** A template file to fill in (UTF-8 with BOM so Excel reads the Chinese). */
export const TIMETABLE_TEMPLATE =
  "\uFEFF班级,星期,节次,科任教师,科目\r\n三年级2班,1,1,wangfang,语文\r\n三年级2班,一,2,王芳,数学\r\n";
