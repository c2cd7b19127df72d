// The month page's own words (月度安全评比, zh-CN first, English second).
import { defineMessages } from "../../ui/i18n.ts";

export const mm = defineMessages({
  title: { zh: "月度安全评比", en: "Monthly safety ranking" },
  intro: {
    zh: "按本月记录为各班计分排名；点班级查看每项分数背后的记录。",
    en: "Each class's score from the month's records; tap a class to see the records behind each number.",
  },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  month: { zh: "月份", en: "Month" },
  monthName: { zh: "{y}年{m}月", en: "{name} {y}" },
  thisMonth: { zh: "（本月）", en: " (this month)" },
  weeksLine: { zh: "计入 {n} 个教学周：{weeks}", en: "{n} school weeks counted: {weeks}" },
  noWeeks: {
    zh: "本月还没有教学周，暂无评分。",
    en: "No school week of this month has begun yet, so there is no score.",
  },
  noClasses: { zh: "学校还没有登记班级。", en: "The school has no classes yet." },
  asOf: {
    zh: "按本机已有的记录统计，{time}",
    en: "Counted from the records on this phone, {time}",
  },
  // The rule table
  rulesTitle: { zh: "评分规则", en: "How the score is made" },
  rulesHint: {
    zh: "每项得分 = 分值 × 完成比例（保留一位小数），总分为各项之和；没有可计的项目按满分计。",
    en: "Each part scores its weight × the share done (one decimal); the score is their sum. A part with nothing to count scores in full.",
  },
  rulesPart: { zh: "项目", en: "Part" },
  rulesWeight: { zh: "分值", en: "Weight" },
  rulesTotal: { zh: "合计", en: "Total" },
  // The ranking
  rankingTitle: { zh: "排名", en: "Ranking" },
  rank: { zh: "第 {n} 名", en: "No. {n}" },
  rankShort: { zh: "名次", en: "Rank" },
  schoolClass: { zh: "班级", en: "Class" },
  teacher: { zh: "班主任", en: "Class teacher" },
  noTeacher: { zh: "未设班主任", en: "No class teacher" },
  total: { zh: "总分", en: "Score" },
  ofWeight: { zh: "满分 {n}", en: "of {n}" },
  commended: { zh: "安全先进班级", en: "Commended class" },
  commendedShort: { zh: "先进", en: "Commended" },
  pending: { zh: "待同步", en: "Not synced yet" },
  // The admin's mark
  commendAction: { zh: "评为安全先进班级", en: "Commend this class" },
  uncommendAction: { zh: "取消先进", en: "Take back" },
  editCitation: { zh: "修改评语", en: "Edit the citation" },
  citation: { zh: "评语（可选）", en: "Citation (optional)" },
  citationHint: { zh: "最多 {n} 字，会印在表彰名单上", en: "At most {n} characters; printed on the list" },
  commendSave: { zh: "保存", en: "Save" },
  commendCancel: { zh: "取消", en: "Cancel" },
  saving: { zh: "正在保存…", en: "Saving…" },
  saveFailed: { zh: "保存失败：{message}", en: "Could not save: {message}" },
  commendationList: { zh: "表彰名单", en: "Commendation list" },
  commendedCount: { zh: "已评 {n} 个安全先进班级", en: "{n} classes commended" },
  // Charts
  chartsTitle: { zh: "图表", en: "Charts" },
  hazardsChart: { zh: "各月隐患数（按区域类别）", en: "Hazards found by month and area kind" },
  roundsChart: { zh: "巡查完成情况（全校区域）", en: "Rounds done against due (every area)" },
  roundsRange: {
    zh: "统计 {from} 至 {to} 的上课日，按早、午、晚查。",
    en: "School days from {from} to {to}, by round.",
  },
  roundsNone: { zh: "本月还没有上课日。", en: "The month has had no school day yet." },
  // Print and export
  print: { zh: "打印（A4）", en: "Print (A4)" },
  backToPage: { zh: "返回评比", en: "Back to the ranking" },
  printedAt: { zh: "打印时间：{time}", en: "Printed {time}" },
  printCommended: { zh: "安全先进班级", en: "Commended classes" },
  printCommendedLine: { zh: "（第 {rank} 名，总分 {total}）", en: " (No. {rank}, score {total})" },
  printNoCommended: { zh: "本月尚未评出安全先进班级。", en: "No class has been commended this month." },
  signHead: { zh: "审核人：", en: "Checked by:" },
});
