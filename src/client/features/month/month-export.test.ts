import { describe, expect, it } from "vitest";
import { DEFAULT_SCORE_RULES } from "../../../domain/monthly-score.ts";
import { BOM, csvText } from "../../ui/csv-file.ts";
import { monthExportFileName, monthExportTable } from "./month-export.ts";
import { monthRanking } from "./month-model.ts";
import { rankingRows } from "./month-view.ts";
import { classMonth, commendation } from "./month-view-fixtures.ts";

const rows = rankingRows(
  monthRanking([
    classMonth("a", 1, [
      {
        numbers: {
          rounds: { due: 15, done: 12, missed: ["x", "y", "z"] },
          hazards: { found: ["h1", "h2"], rectified: ["h1", "h2"], late: ["h2"] },
        },
      },
      { numbers: { rounds: { due: 15, done: 15, missed: [] } }, status: "submitted_late" },
    ]),
    classMonth("b", 2, [{ numbers: { unaccounted: ["al1", "al2"] } }, {}]),
  ]),
  [
    {
      entity: commendation("a", { commended: true, citation: "巡查认真，整改及时" }),
      hasPendingChanges: false,
    },
  ],
);
const names = {
  className: (r: (typeof rows)[number]) => `${r.schoolClass.grade}年级${r.schoolClass.name}`,
  teacherName: (r: (typeof rows)[number]) => `老师${r.classId}`,
};

describe("the month's CSV table", () => {
  it("has the columns in Chinese: rank, class, teacher, score, each part's points and counts, the mark", () => {
    const table = monthExportTable(rows, "2026-11", DEFAULT_SCORE_RULES, names, "zh");
    expect(table.headers).toEqual([
      "月份",
      "名次",
      "班级",
      "班主任",
      "总分",
      "教室巡查完成率得分（满分 30）",
      "教室巡查已查次数",
      "教室巡查应查次数",
      "隐患按时整改得分（满分 25）",
      "按时整改隐患数",
      "发现隐患数",
      "无学生下落不明得分（满分 20）",
      "下落不明报警次数",
      "小结按时提交得分（满分 15）",
      "按时提交小结周数",
      "应交小结周数",
      "每周安全课得分（满分 10）",
      "已上安全课周数",
      "计入安全课周数",
      "安全先进班级",
      "评语",
    ]);
  });

  it("has one row per class in ranking order, the counts in their own cells", () => {
    const table = monthExportTable(rows, "2026-11", DEFAULT_SCORE_RULES, names, "zh");
    // a: rounds 27/30 → 27; hazards 1/2 → 12.5; no unaccounted → 20; summaries 1/2 → 7.5;
    //    lessons 2/2 → 10: 77. b: 100 − 20 = 80.
    expect(table.rows).toEqual([
      [
        "2026-11",
        "1",
        "2年级b班",
        "老师b",
        "80",
        "30",
        "30",
        "30",
        "25",
        "0",
        "0",
        "0",
        "2",
        "15",
        "2",
        "2",
        "10",
        "2",
        "2",
        "否",
        "",
      ],
      [
        "2026-11",
        "2",
        "1年级a班",
        "老师a",
        "77",
        "27",
        "27",
        "30",
        "12.5",
        "1",
        "2",
        "20",
        "0",
        "7.5",
        "1",
        "2",
        "10",
        "2",
        "2",
        "是",
        "巡查认真，整改及时",
      ],
    ]);
    for (const row of table.rows) expect(row).toHaveLength(table.headers.length);
  });

  it("speaks English and carries the school's own weights in the headers", () => {
    const rules = { rounds: 40, hazardsOnTime: 20, noUnaccounted: 20, summariesOnTime: 10, lessons: 10 };
    const table = monthExportTable(rows, "2026-11", rules, names, "en");
    expect(table.headers.slice(0, 6)).toEqual([
      "Month",
      "Rank",
      "Class",
      "Class teacher",
      "Score",
      "Classroom rounds done: points (of 40)",
    ]);
    expect(table.headers.at(-2)).toBe("Commended");
    expect(table.rows.map((r) => r.at(-2))).toEqual(["No", "Yes"]);
  });

  it("becomes a UTF-8 file with a BOM that Excel opens, CRLF line ends", () => {
    const csv = csvText(monthExportTable(rows, "2026-11", DEFAULT_SCORE_RULES, names, "zh"));
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith("月份,名次,班级,班主任,总分,")).toBe(true);
    expect(lines[2]?.endsWith(",是,巡查认真，整改及时")).toBe(true);
  });

  it("names the file by the month in the page's language", () => {
    expect(monthExportFileName("2026-11", "zh")).toBe("月度安全评比-2026-11.csv");
    expect(monthExportFileName("2026-11", "en")).toBe("monthly-safety-2026-11.csv");
  });
});
