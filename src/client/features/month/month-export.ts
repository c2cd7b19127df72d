// The month's ranking as one table, one row per class in ranking order, for the school's
// archive and the education bureau: the CSV file (ui/csv-file.ts, UTF-8 with BOM) reads it.
// Each part has its points and the counts behind them in separate columns, never "52/55" in
// one cell: Excel would read that as a date. Pure, with the names passed in.
import {
  SCORE_PART_LABELS,
  SCORE_PARTS,
  type ScorePart,
  type ScoreRules,
} from "../../../domain/monthly-score.ts";
import type { ExportTable } from "../summaries/summary-export.ts";
import type { Label, Lang, RankingRow } from "./month-view.ts";

/** What a part's numerator and denominator count, as the columns say it. */
const COUNT_HEADERS: Record<ScorePart, { numerator: Label; denominator?: Label }> = {
  rounds: {
    numerator: { zh: "教室巡查已查次数", en: "Classroom rounds done" },
    denominator: { zh: "教室巡查应查次数", en: "Classroom rounds due" },
  },
  hazardsOnTime: {
    numerator: { zh: "按时整改隐患数", en: "Hazards fixed on time" },
    denominator: { zh: "发现隐患数", en: "Hazards found" },
  },
  // Its 1/0 says nothing a reader can check: the number of alerts instead.
  noUnaccounted: { numerator: { zh: "下落不明报警次数", en: "Unaccounted-pupil alerts" } },
  summariesOnTime: {
    numerator: { zh: "按时提交小结周数", en: "Weeks with the summary on time" },
    denominator: { zh: "应交小结周数", en: "Weeks with a summary due" },
  },
  lessons: {
    numerator: { zh: "已上安全课周数", en: "Weeks with the lesson held" },
    denominator: { zh: "计入安全课周数", en: "Weeks counted for lessons" },
  },
};

const HEADERS = {
  month: { zh: "月份", en: "Month" },
  rank: { zh: "名次", en: "Rank" },
  class: { zh: "班级", en: "Class" },
  teacher: { zh: "班主任", en: "Class teacher" },
  total: { zh: "总分", en: "Score" },
  commended: { zh: "安全先进班级", en: "Commended" },
  citation: { zh: "评语", en: "Citation" },
} satisfies Record<string, Label>;

const YES_NO = { yes: { zh: "是", en: "Yes" }, no: { zh: "否", en: "No" } } satisfies Record<string, Label>;

function pointsHeader(part: ScorePart, weight: number, lang: Lang): string {
  const label = SCORE_PART_LABELS[part][lang];
  return lang === "zh" ? `${label}得分（满分 ${weight}）` : `${label}: points (of ${weight})`;
}

export interface MonthExportNames {
  className(row: RankingRow): string;
  teacherName(row: RankingRow): string;
}

export function monthExportTable(
  rows: readonly RankingRow[],
  month: string,
  rules: ScoreRules,
  names: MonthExportNames,
  lang: Lang,
): ExportTable {
  const partHeaders = SCORE_PARTS.flatMap((part) => {
    const counts = COUNT_HEADERS[part];
    return [
      pointsHeader(part, rules[part], lang),
      counts.numerator[lang],
      ...(counts.denominator ? [counts.denominator[lang]] : []),
    ];
  });
  const headers = [
    HEADERS.month[lang],
    HEADERS.rank[lang],
    HEADERS.class[lang],
    HEADERS.teacher[lang],
    HEADERS.total[lang],
    ...partHeaders,
    HEADERS.commended[lang],
    HEADERS.citation[lang],
  ];
  return {
    headers,
    rows: rows.map((row) => {
      const partCells = SCORE_PARTS.flatMap((part) => {
        const p = row.parts.find((x) => x.part === part);
        if (!p) return COUNT_HEADERS[part].denominator ? ["", "", ""] : ["", ""];
        return part === "noUnaccounted"
          ? [String(p.points), String(row.unaccounted)]
          : [String(p.points), String(p.numerator), String(p.denominator)];
      });
      return [
        month,
        String(row.rank),
        names.className(row),
        names.teacherName(row),
        String(row.total),
        ...partCells,
        (row.commended ? YES_NO.yes : YES_NO.no)[lang],
        row.citation,
      ];
    }),
  };
}

/** 月度安全评比-2026-11.csv / monthly-safety-2026-11.csv */
export function monthExportFileName(month: string, lang: Lang): string {
  return `${lang === "zh" ? "月度安全评比" : "monthly-safety"}-${month}.csv`;
}
