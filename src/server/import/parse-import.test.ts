import { describe, expect, it } from "vitest";
import { ImportProblem } from "../../protocol/csv-import.ts";
import {
  IMPORT_TEMPLATES,
  type ImportContext,
  MAX_IMPORT_ROWS,
  type ParseOutcome,
  parseClassesCsv,
  parseGrade,
  parsePupilsCsv,
  parseStaffCsv,
} from "./parse-import.ts";

// docs/protocol.md, POST /api/v1/admin/import/{kind}: "UTF-8 with or without BOM" and a bad
// file is "refused whole, with problems: [{line, column, reason}]" (src/protocol/csv-import.ts:
// "1-based line number in the file as a spreadsheet shows it (the header is line 1)").

const BOM = "\uFEFF";
const ctx: ImportContext = {
  staffLogins: new Set(["wangfang", "grade1", "teacher101"]),
  classes: [
    { grade: 1, name: "1班" },
    { grade: 3, name: "1班" },
    { grade: 3, name: "2班" },
  ],
  dormRoomNames: new Set(["女生1室"]),
};

function problems<T>(outcome: ParseOutcome<T>): ImportProblem[] {
  if (outcome.ok) throw new Error(`expected problems, got ${outcome.rows.length} rows`);
  for (const p of outcome.problems) ImportProblem.parse(p);
  return outcome.problems;
}

function rows<T>(outcome: ParseOutcome<T>): T[] {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 1));
  return outcome.rows;
}

/** [line, column] pairs, the shape the admin sees as a list. */
const where = (list: ImportProblem[]) => list.map((p) => [p.line, p.column]);

describe("parseStaffCsv", () => {
  it("reads a good file with a BOM, CRLF, Chinese headers and blank lines", () => {
    const text = `${BOM}登录名,姓名,角色,电话\r\nwangfang,王芳,班主任、值日教师,138 0717 0001\r\n\r\nzhao.li,赵丽,"admin;校长",0717-6543210\r\nmen_wei,门卫老李,门卫,\r\n`;
    expect(rows(parseStaffCsv(text))).toEqual([
      {
        line: 2,
        login: "wangfang",
        name: "王芳",
        roles: ["class_teacher", "duty_teacher"],
        phone: "13807170001",
      },
      { line: 4, login: "zhao.li", name: "赵丽", roles: ["admin", "principal"], phone: "0717-6543210" },
      { line: 5, login: "men_wei", name: "门卫老李", roles: ["gatekeeper"], phone: null },
    ]);
  });

  it("reads English headers in any order, LF line ends and role separators ; ； | ,", () => {
    const text = "name,login,phone,roles\n李明,liming,,subject_teacher；duty_teacher|class_teacher\n";
    expect(rows(parseStaffCsv(text))).toEqual([
      {
        line: 2,
        login: "liming",
        name: "李明",
        roles: ["subject_teacher", "duty_teacher", "class_teacher"],
        phone: null,
      },
    ]);
  });

  it("lists every problem of a bad file with its line and column", () => {
    const text = [
      "登录名,姓名,角色,电话",
      "wangfang,王芳,班主任,13807170001", // 2 fine
      "a,李四,校长,", // 3 login too short
      "zhangsan,,班长,12345", // 4 empty name, unknown role, bad phone
      "wangfang,王芳二,门卫,", // 5 duplicate login
      "lisi,李四,门卫", // 6 too few fields
      "zhou,周,门卫,1.38071E+10", // 7 Excel mangled the phone
    ].join("\r\n");
    const list = problems(parseStaffCsv(text));
    expect(where(list)).toEqual([
      [3, "登录名"],
      [4, "姓名"],
      [4, "角色"],
      [4, "电话"],
      [5, "登录名"],
      [6, ""],
      [7, "电话"],
    ]);
    expect(list[1]?.reason).toBe("必填项不能为空 / a value is required");
    expect(list[2]?.reason).toContain("班长");
    expect(list[4]?.reason).toBe('登录名“wangfang”与第 2 行重复 / login "wangfang" repeats line 2');
    expect(list[6]?.reason).toContain("科学计数法");
    for (const p of list) expect(p.reason).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  it("reports missing and unknown headers on line 1, and still checks the rows", () => {
    const list = problems(parseStaffCsv("登录名,名字,电话\nwangfang,王芳,1380717000\n"));
    expect(where(list)).toEqual([
      [1, "名字"],
      [1, "姓名"],
      [1, "角色"],
      [2, "电话"],
    ]);
    expect(list[0]?.reason).toContain("未知的列“名字”");
    expect(list[1]?.reason).toBe(
      '缺少必填列“姓名”（也可写作 name） / missing required column "name" (or 姓名)',
    );
  });

  it("treats logins differing only in case as duplicates", () => {
    const list = problems(parseStaffCsv("login,name,roles\nWangFang,王芳,门卫\nwangfang,王芳,门卫\n"));
    expect(where(list)).toEqual([[3, "login"]]);
  });

  it("refuses an empty file and a file with only a header", () => {
    expect(where(problems(parseStaffCsv("")))).toEqual([[1, ""]]);
    expect(where(problems(parseStaffCsv(`${BOM}\r\n\r\n`)))).toEqual([[1, ""]]);
    const headerOnly = problems(parseStaffCsv("登录名,姓名,角色\r\n"));
    expect(where(headerOnly)).toEqual([[2, ""]]);
    expect(headerOnly[0]?.reason).toBe("文件中没有数据行 / the file has no data rows");
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const lines = ["login,name,roles"];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`t${i},教师${i},科任教师`);
    const list = problems(parseStaffCsv(lines.join("\n")));
    expect(where(list)).toEqual([[MAX_IMPORT_ROWS + 2, ""]]);
    expect(list[0]?.reason).toContain(String(MAX_IMPORT_ROWS));
    expect(rows(parseStaffCsv(lines.slice(0, MAX_IMPORT_ROWS + 1).join("\n")))).toHaveLength(MAX_IMPORT_ROWS);
  });

  it("counts a quoted value spanning two lines as one spreadsheet row", () => {
    const text = 'login,name,roles\n"a1","王\n芳",门卫\nxy,李四,nope\n';
    expect(where(problems(parseStaffCsv(text)))).toEqual([[3, "roles"]]);
  });

  it("tolerates trailing empty columns that spreadsheets add", () => {
    expect(rows(parseStaffCsv("login,name,roles,,\nwangfang,王芳,门卫,,\n"))).toHaveLength(1);
    expect(where(problems(parseStaffCsv("login,name,roles\nwangfang,王芳,门卫,extra\n")))).toEqual([[2, ""]]);
  });
});

describe("parseClassesCsv", () => {
  it("reads a good file: BOM, CRLF, Chinese headers, grades as 1, 三 or 三年级", () => {
    const text = `${BOM}年级,班级,班主任登录名\r\n1,1班,teacher101\r\n三,2,\r\n三年级,3班,GRADE1\r\n`;
    expect(rows(parseClassesCsv(text, ctx))).toEqual([
      { line: 2, grade: 1, name: "1班", classTeacherLogin: "teacher101" },
      { line: 3, grade: 3, name: "2班", classTeacherLogin: null },
      { line: 4, grade: 3, name: "3班", classTeacherLogin: "grade1" },
    ]);
  });

  it("reports a bad grade, a duplicate class and an unknown teacher", () => {
    const text = ["grade,name,class_teacher_login", "7,1班,", "1,1班,nobody", "1,1,", "2,,"].join("\n");
    const list = problems(parseClassesCsv(text, ctx));
    expect(where(list)).toEqual([
      [2, "grade"],
      [3, "class_teacher_login"],
      [4, "name"],
      [5, "name"],
    ]);
    expect(list[0]?.reason).toBe("年级必须是1–6的整数 / grade must be a whole number 1–6");
    expect(list[1]?.reason).toContain("nobody");
    expect(list[2]?.reason).toBe('一年级1班 与第 3 行重复 / grade 1 class "1班" repeats line 3');
  });
});

describe("parsePupilsCsv", () => {
  const header = "学号,姓名,性别,年级,班级,住宿,寝室,床位";

  it("reads a good file: BOM, CRLF, Chinese headers, yes/no in many spellings", () => {
    const text = [
      `${BOM}${header}`,
      "2026030101,张子涵,女,3,1班,是,女生1室,12号床",
      "2026030102,李浩,男,三年级,1班,Y,男生9室,7",
      "2026010101,王一,,1,1,否,,",
      "2026030201,赵明,male,3,2班,0,,",
    ].join("\r\n");
    expect(rows(parsePupilsCsv(text, ctx))).toEqual([
      {
        line: 2,
        studentNo: "2026030101",
        name: "张子涵",
        gender: "female",
        grade: 3,
        className: "1班",
        isBoarder: true,
        dormRoomName: "女生1室",
        bed: "12号床",
      },
      {
        line: 3,
        studentNo: "2026030102",
        name: "李浩",
        gender: "male",
        grade: 3,
        className: "1班",
        isBoarder: true,
        // Unknown rooms are allowed: the server creates them.
        dormRoomName: "男生9室",
        bed: "7号床",
      },
      {
        line: 4,
        studentNo: "2026010101",
        name: "王一",
        gender: null,
        grade: 1,
        className: "1班",
        isBoarder: false,
        dormRoomName: null,
        bed: null,
      },
      {
        line: 5,
        studentNo: "2026030201",
        name: "赵明",
        gender: "male",
        grade: 3,
        className: "2班",
        isBoarder: false,
        dormRoomName: null,
        bed: null,
      },
    ]);
  });

  it("reports a boarder without a room, a non-boarder with a room or bed, duplicates and unknown classes", () => {
    const text = [
      "student_no,name,gender,grade,class,is_boarder,dorm_room,bed",
      "1001,甲,女,3,1班,是,,", // 2 boarder without a room
      "1002,乙,男,3,1班,否,男生1室,", // 3 non-boarder with a room
      "1003,丙,男,3,1班,no,,5号床", // 4 non-boarder with a bed
      "1001,丁,女,3,1班,是,女生1室,1号床", // 5 duplicate student number
      "1005,戊,女,3,1班,是,女生1室,1", // 6 bed already taken (1 = 1号床)
      "1006,己,男,2,1班,是,男生1室,", // 7 no such class
      "1007,庚,人,3,1班,也许,,", // 8 bad gender, bad is_boarder
    ].join("\n");
    const list = problems(parsePupilsCsv(text, ctx));
    expect(where(list)).toEqual([
      [2, "dorm_room"],
      [3, "dorm_room"],
      [4, "bed"],
      [5, "student_no"],
      [6, "bed"],
      [7, "class"],
      [8, "gender"],
      [8, "is_boarder"],
    ]);
    expect(list[0]?.reason).toBe("住宿生必须填写寝室 / a boarder needs a dorm room");
    expect(list[3]?.reason).toContain("第 2 行");
    expect(list[5]?.reason).toBe(
      '二年级没有“1班”（请先导入班级） / grade 2 has no class "1班" (import classes first)',
    );
  });

  it("names a missing dorm-room column by its Chinese name when a boarder needs it", () => {
    const text = "学号,姓名,年级,班级,住宿\n1001,甲,3,1班,是\n1002,乙,3,1班,否\n";
    expect(where(problems(parsePupilsCsv(text, ctx)))).toEqual([[2, "寝室"]]);
  });

  it("refuses an empty file", () => {
    expect(where(problems(parsePupilsCsv(BOM, ctx)))).toEqual([[1, ""]]);
  });
});

describe("IMPORT_TEMPLATES", () => {
  it("have no BOM, a Chinese header and an example row that parses", () => {
    for (const t of Object.values(IMPORT_TEMPLATES)) {
      expect(t.startsWith(BOM)).toBe(false);
      expect(t.split("\r\n")[0]).toMatch(/^[\u4e00-\u9fff,]+$/);
    }
    const staff = rows(parseStaffCsv(IMPORT_TEMPLATES.staff));
    expect(staff).toHaveLength(1);
    const templateCtx: ImportContext = {
      staffLogins: new Set(staff.map((s) => s.login)),
      classes: rows(
        parseClassesCsv(IMPORT_TEMPLATES.classes, { ...ctx, staffLogins: new Set(["wangfang"]) }),
      ),
      dormRoomNames: new Set(),
    };
    expect(templateCtx.classes).toHaveLength(1);
    expect(rows(parsePupilsCsv(IMPORT_TEMPLATES.pupils, templateCtx))).toHaveLength(1);
  });
});

describe("parseGrade", () => {
  it("accepts 1–6 as digits, full-width digits and Chinese numerals", () => {
    expect(["1", "６", "二", "四年级", "5年级"].map(parseGrade)).toEqual([1, 6, 2, 4, 5]);
    expect(["0", "7", "1.5", "", "七年级", "初一"].map(parseGrade)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
