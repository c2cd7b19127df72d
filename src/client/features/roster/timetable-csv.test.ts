import { describe, expect, it } from "vitest";
import { parsePeriod, parseTimetableCsv, parseWeekday } from "./timetable-csv.ts";

const C32 = "01J000000000000000000CLS32";
const C41 = "01J000000000000000000CLS41";
const WANG = "01J0000000000000000000WANG";
const LI1 = "01J000000000000000000000L1";
const LI2 = "01J000000000000000000000L2";
const OLD = "01J00000000000000000000OLD";
const ctx = {
  classes: [
    { id: C32, grade: 3, name: "2班" },
    { id: C41, grade: 4, name: "1班" },
  ],
  staff: [
    { id: WANG, login: "wangfang", name: "王芳", isActive: true },
    { id: LI1, login: "lina", name: "李娜", isActive: true },
    { id: LI2, login: "lina2", name: "李娜", isActive: true },
    { id: OLD, login: "zhaolei", name: "赵磊", isActive: false },
  ],
  periodCount: 7,
};

describe("课程表 CSV", () => {
  it("reads classes by name or grade column, weekdays in digits or Chinese, teachers by login or name", () => {
    const csv = [
      "\uFEFF班级,星期,节次,科任教师,科目",
      "三年级2班,1,1,wangfang,语文",
      "3年级2班,周二,第2节,王芳,数学",
      "",
      "四年级1班,日,7,LINA,美术",
    ].join("\r\n");
    const result = parseTimetableCsv(csv, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toBe(3);
    expect(result.byClass.get(C32)).toEqual([
      { weekday: 1, period: 1, subjectTeacherId: WANG },
      { weekday: 2, period: 2, subjectTeacherId: WANG },
    ]);
    expect(result.byClass.get(C41)).toEqual([{ weekday: 7, period: 7, subjectTeacherId: LI1 }]);
    const withGrade = parseTimetableCsv("年级,班级,星期,节次,教师\n三,2,3,4,wangfang\n", ctx);
    expect(withGrade.ok && withGrade.byClass.get(C32)).toEqual([
      { weekday: 3, period: 4, subjectTeacherId: WANG },
    ]);
  });

  it("[TT-3] every bad row is reported with its line and what is wrong, and nothing is imported", () => {
    const csv = [
      "班级,星期,节次,科任教师",
      "三年级2班,1,1,wangfang", // line 2: fine
      "五年级9班,1,1,wangfang", // 3: no such class
      "2班,1,1,wangfang", // 4: no grade
      "三年级2班,8,1,wangfang", // 5: weekday
      "三年级2班,1,9,wangfang", // 6: period beyond the bell schedule
      "三年级2班,2,1,李娜", // 7: two people called 李娜
      "三年级2班,2,2,赵磊", // 8: disabled
      "三年级2班,2,3,nobody", // 9: unknown
      "三年级2班,一,1,wangfang", // 10: repeats line 2
      "三年级2班,3,,wangfang", // 11: empty period
    ].join("\n");
    const result = parseTimetableCsv(csv, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const zh = result.problems.map((p) => p.zh);
    expect(zh[0]).toBe("没有班级“五年级9班”");
    expect(zh[1]).toContain("没有写年级");
    expect(zh[2]).toBe("星期“8”无效，应为 1–7 或 一…日");
    expect(zh[3]).toBe("节次“9”无效，作息时间共 7 节");
    expect(zh[4]).toBe("有 2 位教职工叫“李娜”，请改用登录名");
    expect(zh[5]).toBe("赵磊的账号已停用");
    expect(zh[6]).toContain("nobody");
    expect(zh[7]).toBe("三年级2班 星期一第 1 节与第 2 行重复");
    expect(zh[8]).toBe("节次没有填");
  });

  it("names a missing or unknown column in the header, and an empty file", () => {
    const bad = parseTimetableCsv("班级,星期,老师\n三年级2班,1,wangfang\n", ctx);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.zh)).toEqual([
      "未知的列“老师”，可用的列：班级、年级、星期、节次、科任教师、科目",
      "缺少必填列：节次、科任教师",
    ]);
    const empty = parseTimetableCsv("", ctx);
    expect(!empty.ok && empty.problems[0]?.zh).toBe("文件是空的");
    const headerOnly = parseTimetableCsv("班级,星期,节次,科任教师\n", ctx);
    expect(!headerOnly.ok && headerOnly.problems[0]).toMatchObject({ line: 2, zh: "文件中没有数据行" });
  });

  it("weekday and period spellings", () => {
    expect(["1", "一", "周一", "星期一", "Mon", "monday", "１"].map(parseWeekday)).toEqual(Array(7).fill(1));
    expect(["7", "日", "天", "周日", "礼拜天", "Sun"].map(parseWeekday)).toEqual(Array(6).fill(7));
    expect(["0", "8", "周八", "x"].map(parseWeekday)).toEqual(Array(4).fill(undefined));
    expect(["3", "第3节", "03"].map(parsePeriod)).toEqual([3, 3, 3]);
    expect(parsePeriod("三")).toBeUndefined();
  });
});
