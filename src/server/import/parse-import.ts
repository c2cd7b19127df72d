// Parsing of the CSV files an admin uploads to bulk-import staff, classes and pupils
// (docs/protocol.md, POST /api/v1/admin/import/{kind}). Pure: text in, rows or problems out;
// the server does the writing. A bad file is refused whole, so every problem in it is
// collected, each with its spreadsheet line (the header is line 1), the column as written in
// the file, and a reason in Chinese then English ("原因 / reason").
import Papa from "papaparse";
import { parseRole, ROLE_LABELS, ROLES, type Role } from "../../domain/roles.ts";
import type { ImportKind, ImportProblem } from "../../protocol/csv-import.ts";
import {
  bedLabel,
  className as classNameRule,
  fieldProblem,
  loginField,
  personName,
  phoneNumber,
  roleList,
  roomName,
  studentNo as studentNoRule,
} from "../../protocol/fields.ts";

export const MAX_IMPORT_ROWS = 5000;

export type ParseOutcome<T> = { ok: true; rows: T[] } | { ok: false; problems: ImportProblem[] };

export interface ImportContext {
  /** Logins of the school's staff (existing ones, plus those being imported when relevant). */
  staffLogins: Set<string>;
  /** The school's classes: for pupils, the union of existing classes and those being imported. */
  classes: Array<{ grade: number; name: string }>;
  /** Existing dorm rooms. Informational only: an unknown room in a pupils file is created. */
  dormRoomNames: Set<string>;
}

export interface StaffRow {
  line: number;
  login: string;
  name: string;
  roles: Role[];
  phone: string | null;
}

export interface ClassRow {
  line: number;
  grade: number;
  name: string;
  classTeacherLogin: string | null;
}

export interface PupilRow {
  line: number;
  studentNo: string;
  name: string;
  gender: "male" | "female" | null;
  grade: number;
  className: string;
  isBoarder: boolean;
  dormRoomName: string | null;
  bed: string | null;
}

export interface ImportColumn {
  key: string;
  /** The English header. */
  en: string;
  /** The Chinese header, used in the templates. */
  zh: string;
  /** Other headers accepted for the same column. */
  aliases: readonly string[];
  required: boolean;
}

const col = (key: string, zh: string, required: boolean, aliases: readonly string[] = []): ImportColumn => ({
  key,
  en: key,
  zh,
  aliases,
  required,
});

/** The columns of each kind of file, in template order. Headers may be English or Chinese. */
export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  staff: [
    col("login", "登录名", true, ["用户名", "账号", "帐号"]),
    col("name", "姓名", true),
    col("roles", "角色", true, ["role"]),
    col("phone", "电话", false, ["手机", "手机号", "联系电话", "mobile"]),
  ],
  classes: [
    col("grade", "年级", true),
    col("name", "班级", true, ["班级名称", "class"]),
    col("class_teacher_login", "班主任登录名", false, ["班主任账号"]),
  ],
  pupils: [
    col("student_no", "学号", true, ["student_number"]),
    col("name", "姓名", true, ["学生姓名"]),
    col("gender", "性别", false, ["sex"]),
    col("grade", "年级", true),
    col("class", "班级", true, ["班级名称"]),
    col("is_boarder", "住宿", true, ["是否住宿", "住校", "boarder"]),
    col("dorm_room", "寝室", false, ["宿舍", "寝室号"]),
    col("bed", "床位", false, ["床号"]),
  ],
};

/** Header and one example row for each kind (no BOM: the server adds it when it serves them). */
export const IMPORT_TEMPLATES: Record<ImportKind, string> = {
  staff: template("staff", ["wangfang", "王芳", "班主任、值日教师", "13807170001"]),
  classes: template("classes", ["3", "1班", "wangfang"]),
  pupils: template("pupils", ["2026030101", "张子涵", "女", "3", "1班", "是", "女生1室", "12号床"]),
};

function template(kind: ImportKind, example: string[]): string {
  return `${IMPORT_COLUMNS[kind].map((c) => c.zh).join(",")}\r\n${example.join(",")}\r\n`;
}

// --- reading the table ----------------------------------------------------------------------

class Problems {
  readonly list: ImportProblem[] = [];
  add(line: number, column: string, zh: string, en: string): void {
    this.addReason(line, column, `${zh} / ${en}`);
  }
  addReason(line: number, column: string, reason: string): void {
    this.list.push({ line, column, reason });
  }
}

interface DataRow {
  line: number;
  /** Trimmed values by column key; a column missing from the header is absent. */
  values: Map<string, string>;
}

interface Table {
  rows: DataRow[];
  /** How each column is called in this file (its Chinese name when the file lacks it). */
  columnName: (key: string) => string;
  has: (key: string) => boolean;
}

function normalizeHeader(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[*＊]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === "");
}

function readTable(text: string, columns: readonly ImportColumn[], problems: Problems): Table | undefined {
  const body = text.replace(/^\uFEFF/, "");
  // PostgreSQL cannot store a NUL; a file full of them is UTF-16 (Excel's "Unicode text").
  const nul = body.indexOf("\u0000");
  if (nul >= 0) {
    problems.add(
      body.slice(0, nul).split(/\r\n|\n|\r/).length,
      "",
      "文件中有空字符（NUL），可能不是 UTF-8 编码：请另存为“CSV UTF-8”后重新导入",
      "the file contains a NUL character (perhaps it is not UTF-8): save it as “CSV UTF-8” and import again",
    );
    return undefined;
  }
  const firstLine = body.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const delimiter = !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  for (const e of parsed.errors) {
    if (e.type === "Quotes") {
      problems.add((e.row ?? 0) + 1, "", "引号不配对", "a quoted value is not closed");
    }
  }
  // Record i (blank ones included) is spreadsheet line i + 1, even when a quoted value spans lines.
  const records = parsed.data.map((fields, i) => ({ line: i + 1, fields }));
  const nonBlank = records.filter((r) => !isBlank(r.fields));
  const header = nonBlank[0];
  if (!header) {
    problems.add(1, "", "文件为空：第一行应为表头", "the file is empty: the first line must be the header");
    return undefined;
  }

  const byName = new Map<string, ImportColumn>();
  for (const c of columns) {
    for (const name of [c.key, c.en, c.zh, ...c.aliases]) byName.set(normalizeHeader(name), c);
  }
  const cells = [...header.fields];
  while (cells.length > 0 && (cells[cells.length - 1] ?? "").trim() === "") cells.pop();
  const index = new Map<string, number>();
  const names = new Map<string, string>();
  cells.forEach((raw, j) => {
    const name = raw.trim();
    if (name === "") {
      problems.add(header.line, `第${j + 1}列`, `第${j + 1}列没有列名`, `column ${j + 1} has no header`);
      return;
    }
    const c = byName.get(normalizeHeader(name));
    if (!c) {
      const hint = /[，；;]/.test(name);
      problems.add(
        header.line,
        name,
        `未知的列“${name}”${hint ? "（列之间请用英文逗号分隔）" : ""}，可用的列：${listColumns(columns, "zh")}`,
        `unknown column "${name}"${hint ? " (separate columns with plain commas)" : ""}; known columns: ${listColumns(columns, "en")}`,
      );
      return;
    }
    if (index.has(c.key)) {
      problems.add(
        header.line,
        name,
        `列“${name}”与“${names.get(c.key)}”重复`,
        `column "${name}" repeats "${names.get(c.key)}"`,
      );
      return;
    }
    index.set(c.key, j);
    names.set(c.key, name);
  });
  for (const c of columns) {
    if (c.required && !index.has(c.key)) {
      problems.add(
        header.line,
        c.zh,
        `缺少必填列“${c.zh}”（也可写作 ${c.en}）`,
        `missing required column "${c.en}" (or ${c.zh})`,
      );
    }
  }

  const data = nonBlank.slice(1);
  if (data.length === 0) {
    problems.add(header.line + 1, "", "文件中没有数据行", "the file has no data rows");
    return undefined;
  }
  if (data.length > MAX_IMPORT_ROWS) {
    const first = data[MAX_IMPORT_ROWS] as (typeof data)[number];
    problems.add(
      first.line,
      "",
      `数据超过 ${MAX_IMPORT_ROWS} 行（共 ${data.length} 行），请分成几个文件导入`,
      `more than ${MAX_IMPORT_ROWS} data rows (${data.length}): split the file`,
    );
    return undefined;
  }

  const width = cells.length;
  const rows: DataRow[] = [];
  for (const r of data) {
    const extra = r.fields.slice(width);
    if (r.fields.length < width || !isBlank(extra)) {
      problems.add(
        r.line,
        "",
        `这一行有 ${r.fields.length} 个字段，表头有 ${width} 列`,
        `this row has ${r.fields.length} fields but the header has ${width} columns`,
      );
      continue;
    }
    const values = new Map<string, string>();
    for (const [key, j] of index) values.set(key, (r.fields[j] ?? "").trim());
    rows.push({ line: r.line, values });
  }
  return {
    rows,
    columnName: (key) => names.get(key) ?? columns.find((c) => c.key === key)?.zh ?? key,
    has: (key) => index.has(key),
  };
}

function listColumns(columns: readonly ImportColumn[], lang: "zh" | "en"): string {
  return columns.map((c) => c[lang]).join(lang === "zh" ? "、" : ", ");
}

/** Reads one row's values, recording problems against that row. */
class RowReader {
  private readonly before: number;
  constructor(
    private readonly table: Table,
    readonly row: DataRow,
    private readonly problems: Problems,
  ) {
    this.before = problems.list.length;
  }
  get line(): number {
    return this.row.line;
  }
  get ok(): boolean {
    return this.problems.list.length === this.before;
  }
  /** The trimmed value; "" when blank or when the file lacks the column. */
  value(key: string): string {
    return this.row.values.get(key) ?? "";
  }
  /** A required value: undefined (and a problem) when blank; undefined alone when the column is missing. */
  required(key: string): string | undefined {
    if (!this.table.has(key)) return undefined;
    const v = this.value(key);
    if (v === "") {
      this.fail(key, "必填项不能为空", "a value is required");
      return undefined;
    }
    return v;
  }
  fail(key: string, zh: string, en: string): void {
    this.problems.add(this.row.line, this.table.columnName(key), zh, en);
  }
  /**
   * The value as the field's shared rule (protocol/fields.ts) gives it back, or undefined and
   * the rule's own reason as this row's problem: the sync mutations refuse it the same way.
   */
  check<T>(key: string, rule: Parameters<typeof fieldProblem>[0], value: unknown): T | undefined {
    const result = fieldProblem(rule, value);
    if (result.ok) return result.value as T;
    this.problems.addReason(this.row.line, this.table.columnName(key), result.reason);
    return undefined;
  }
}

function parseWith<T>(
  text: string,
  kind: ImportKind,
  readRow: (r: RowReader) => T | undefined,
): ParseOutcome<T> {
  const problems = new Problems();
  const table = readTable(text, IMPORT_COLUMNS[kind], problems);
  const rows: T[] = [];
  if (table) {
    for (const row of table.rows) {
      const reader = new RowReader(table, row, problems);
      const value = readRow(reader);
      if (value !== undefined && reader.ok) rows.push(value);
    }
  }
  // In file order; Array.prototype.sort is stable, so a line's problems keep their column order.
  if (problems.list.length > 0) return { ok: false, problems: problems.list.sort((a, b) => a.line - b.line) };
  return { ok: true, rows };
}

/** Remembers the first line of each key, to report repeats inside one file. */
class Seen {
  private readonly lines = new Map<string, number>();
  /** The earlier line with this key, or undefined (and remembered) when it is new. */
  repeat(key: string, line: number): number | undefined {
    const earlier = this.lines.get(key);
    if (earlier !== undefined) return earlier;
    this.lines.set(key, line);
    return undefined;
  }
}

// --- values ---------------------------------------------------------------------------------

const GRADE_ZH = ["一", "二", "三", "四", "五", "六"] as const;

function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** 1–6 from "3", "三", "三年级", "3年级"; undefined otherwise. */
export function parseGrade(text: string): number | undefined {
  const t = halfWidthDigits(text.trim()).replace(/年级$/, "").trim();
  if (/^[1-6]$/.test(t)) return Number(t);
  const zh = GRADE_ZH.indexOf(t as (typeof GRADE_ZH)[number]);
  return zh >= 0 ? zh + 1 : undefined;
}

/** "1班" as written; a bare number "1" or "01" becomes "1班". */
export function normalizeClassName(text: string): string {
  const t = halfWidthDigits(text.trim());
  return /^\d+$/.test(t) ? `${Number(t)}班` : t;
}

/** A bed as written; a bare number "12" becomes "12号床". */
function normalizeBed(text: string): string {
  const t = halfWidthDigits(text.trim());
  return /^\d+$/.test(t) ? `${Number(t)}号床` : t;
}

function gradeZh(grade: number): string {
  return `${GRADE_ZH[grade - 1] ?? grade}年级`;
}

function checkGrade(r: RowReader): number | undefined {
  const raw = r.required("grade");
  if (raw === undefined) return undefined;
  const grade = parseGrade(raw);
  if (grade === undefined) r.fail("grade", "年级必须是1–6的整数", "grade must be a whole number 1–6");
  return grade;
}

function checkName(r: RowReader): string | undefined {
  const name = r.required("name");
  return name === undefined ? undefined : r.check<string>("name", personName, name);
}

function lookupLogin(ctx: ImportContext): (login: string) => string | undefined {
  const byLower = new Map<string, string>();
  for (const login of ctx.staffLogins) byLower.set(login.toLowerCase(), login);
  return (login) => (ctx.staffLogins.has(login) ? login : byLower.get(login.toLowerCase()));
}

// --- staff ----------------------------------------------------------------------------------

const ROLE_SEPARATORS = /[;；、,，|｜]/;

export function parseStaffCsv(text: string): ParseOutcome<StaffRow> {
  const logins = new Seen();
  return parseWith(text, "staff", (r) => {
    const rawLogin = r.required("login");
    const login = rawLogin === undefined ? undefined : r.check<string>("login", loginField, rawLogin);
    if (login !== undefined) {
      const earlier = logins.repeat(login.toLowerCase(), r.line);
      if (earlier !== undefined) {
        r.fail("login", `登录名“${login}”与第 ${earlier} 行重复`, `login "${login}" repeats line ${earlier}`);
      }
    }
    const name = checkName(r);

    const roles: Role[] = [];
    const rolesText = r.required("roles");
    if (rolesText !== undefined) {
      const parts = rolesText
        .split(ROLE_SEPARATORS)
        .map((p) => p.trim())
        .filter((p) => p !== "");
      for (const part of parts) {
        const role = parseRole(part);
        if (role === undefined) {
          r.fail(
            "roles",
            `未知角色“${part}”，可用：${ROLES.map((x) => ROLE_LABELS[x].zh).join("、")}`,
            `unknown role "${part}"; use one of ${ROLES.join(", ")}`,
          );
        } else if (!roles.includes(role)) {
          roles.push(role);
        }
      }
      if (parts.length === 0) r.check("roles", roleList, roles);
    }

    const phoneText = r.value("phone");
    const phone = phoneText === "" ? null : (r.check<string>("phone", phoneNumber, phoneText) ?? null);

    if (login === undefined || name === undefined || roles.length === 0) return undefined;
    return { line: r.line, login, name, roles, phone };
  });
}

// --- classes --------------------------------------------------------------------------------

export function parseClassesCsv(text: string, ctx: ImportContext): ParseOutcome<ClassRow> {
  const keys = new Seen();
  const findLogin = lookupLogin(ctx);
  return parseWith(text, "classes", (r) => {
    const grade = checkGrade(r);
    const rawName = r.required("name");
    const name =
      rawName === undefined ? undefined : r.check<string>("name", classNameRule, normalizeClassName(rawName));
    if (grade !== undefined && name !== undefined) {
      const earlier = keys.repeat(`${grade}/${name}`, r.line);
      if (earlier !== undefined) {
        r.fail(
          "name",
          `${gradeZh(grade)}${name} 与第 ${earlier} 行重复`,
          `grade ${grade} class "${name}" repeats line ${earlier}`,
        );
      }
    }

    let classTeacherLogin: string | null = null;
    const loginText = r.value("class_teacher_login");
    if (loginText !== "") {
      const found = findLogin(loginText);
      if (found === undefined) {
        r.fail(
          "class_teacher_login",
          `没有登录名为“${loginText}”的教职工（请先导入教职工）`,
          `no staff member has login "${loginText}" (import staff first)`,
        );
      } else {
        classTeacherLogin = found;
      }
    }

    if (grade === undefined || name === undefined) return undefined;
    return { line: r.line, grade, name, classTeacherLogin };
  });
}

// --- pupils ---------------------------------------------------------------------------------

const GENDERS = new Map<string, "male" | "female">([
  ["男", "male"],
  ["男生", "male"],
  ["male", "male"],
  ["m", "male"],
  ["女", "female"],
  ["女生", "female"],
  ["female", "female"],
  ["f", "female"],
]);
const YES_NO = new Map<string, boolean>([
  ["是", true],
  ["住宿", true],
  ["住校", true],
  ["yes", true],
  ["y", true],
  ["true", true],
  ["1", true],
  ["否", false],
  ["走读", false],
  ["no", false],
  ["n", false],
  ["false", false],
  ["0", false],
]);

export function parsePupilsCsv(text: string, ctx: ImportContext): ParseOutcome<PupilRow> {
  const studentNos = new Seen();
  const beds = new Seen();
  const classes = new Set(ctx.classes.map((c) => `${c.grade}/${normalizeClassName(c.name)}`));
  return parseWith(text, "pupils", (r) => {
    const rawStudentNo = r.required("student_no");
    const studentNo =
      rawStudentNo === undefined ? undefined : r.check<string>("student_no", studentNoRule, rawStudentNo);
    if (studentNo !== undefined) {
      const earlier = studentNos.repeat(studentNo.toUpperCase(), r.line);
      if (earlier !== undefined) {
        r.fail(
          "student_no",
          `学号“${studentNo}”与第 ${earlier} 行重复`,
          `student number "${studentNo}" repeats line ${earlier}`,
        );
      }
    }
    const name = checkName(r);

    let gender: "male" | "female" | null = null;
    const genderText = r.value("gender");
    if (genderText !== "") {
      const g = GENDERS.get(genderText.toLowerCase());
      if (g === undefined) {
        r.fail(
          "gender",
          `性别“${genderText}”只能是 男、女 或留空`,
          `gender "${genderText}" must be male, female (男, 女) or empty`,
        );
      } else {
        gender = g;
      }
    }

    const grade = checkGrade(r);
    const rawClass = r.required("class");
    const className = rawClass === undefined ? undefined : normalizeClassName(rawClass);
    if (grade !== undefined && className !== undefined && !classes.has(`${grade}/${className}`)) {
      r.fail(
        "class",
        `${gradeZh(grade)}没有“${className}”（请先导入班级）`,
        `grade ${grade} has no class "${className}" (import classes first)`,
      );
    }

    let isBoarder: boolean | undefined;
    const boarderText = r.required("is_boarder");
    if (boarderText !== undefined) {
      isBoarder = YES_NO.get(boarderText.toLowerCase());
      if (isBoarder === undefined) {
        r.fail(
          "is_boarder",
          `住宿“${boarderText}”只能填 是 或 否`,
          `is_boarder "${boarderText}" must be yes or no (是 / 否)`,
        );
      }
    }

    const roomText = r.value("dorm_room");
    const bedText = r.value("bed");
    const dormRoomName = roomText === "" ? null : (r.check<string>("dorm_room", roomName, roomText) ?? null);
    const bed = bedText === "" ? null : (r.check<string>("bed", bedLabel, normalizeBed(bedText)) ?? null);
    if (isBoarder === true) {
      if (roomText === "") r.fail("dorm_room", "住宿生必须填写寝室", "a boarder needs a dorm room");
      if (dormRoomName !== null && bed !== null) {
        const earlier = beds.repeat(`${dormRoomName}/${bed}`, r.line);
        if (earlier !== undefined) {
          r.fail(
            "bed",
            `${dormRoomName}的“${bed}”已分给第 ${earlier} 行的学生`,
            `bed "${bed}" in ${dormRoomName} is already given to the pupil on line ${earlier}`,
          );
        }
      }
    } else if (isBoarder === false) {
      if (dormRoomName !== null) {
        r.fail(
          "dorm_room",
          "走读生（不住宿）不能填写寝室",
          "a pupil who does not board cannot have a dorm room",
        );
      }
      if (bed !== null)
        r.fail("bed", "走读生（不住宿）不能填写床位", "a pupil who does not board cannot have a bed");
    }

    if (
      studentNo === undefined ||
      name === undefined ||
      grade === undefined ||
      className === undefined ||
      isBoarder === undefined
    ) {
      return undefined;
    }
    return { line: r.line, studentNo, name, gender, grade, className, isBoarder, dormRoomName, bed };
  });
}
