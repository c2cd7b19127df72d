// The class's month page's own words (zh-CN first, English second).
import { defineMessages, getLang } from "../../ui/i18n.ts";

export const cmt = defineMessages({
  title: { zh: "班级月度评分", en: "Class's month score" },
  backToMonth: { zh: "月度评比", en: "Monthly review" },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  noClasses: { zh: "学校还没有登记班级。", en: "The school has no classes yet." },
  classNotFound: {
    zh: "找不到班级“{id}”：本机的学校资料里没有这个班，可能已删除或链接有误。",
    en: 'No class "{id}" in the school\'s records on this phone: it may have been removed, or the link is wrong.',
  },
  noWeeks: {
    zh: "{month}到目前还没有上课周，没有可评分的数据。",
    en: "{month} has no school weeks so far, so there is nothing to score yet.",
  },
  total: { zh: "本月得分", en: "Score this month" },
  points: { zh: "{n} 分", en: "{n} pts" },
  outOf: { zh: "满分 {n}", en: "out of {n}" },
  rank: { zh: "全校第 {rank} 名（共 {of} 个班）", en: "Rank {rank} of {of} classes" },
  tied: { zh: "并列", en: "tied" },
  asOf: {
    zh: "按本机已有的记录计算，统计至 {date}。",
    en: "Counted from the records on this phone, up to {date}.",
  },
  partsTitle: { zh: "得分怎么来的", en: "How the score is made" },
  partsHint: {
    zh: "每项得分 = 分值 × 完成比例。点开一项查看背后的记录。",
    en: "Each part scores its weight × its ratio. Tap a part to see the records behind it.",
  },
  partHead: { zh: "{points} / {weight} 分", en: "{points} of {weight} pts" },
  ratio: { zh: "{pct}%", en: "{pct}%" },
  nothingToCount: { zh: "没有可计数的，按满分计", en: "nothing to count: full marks" },
  roundsCount: { zh: "已查 {n} 次 / 应查 {d} 次", en: "{n} of {d} rounds done" },
  hazardsCount: { zh: "按时整改 {n} 处 / 发现 {d} 处", en: "{n} of {d} fixed on time" },
  unaccountedCount: { zh: "下落不明报警 {k} 次", en: "{k} unaccounted-pupil alerts" },
  summariesCount: { zh: "按时提交 {n} 周 / 已到期 {d} 周", en: "{n} of {d} due weeks on time" },
  lessonsCount: { zh: "已上 {n} 周 / 计入 {d} 周", en: "{n} of {d} weeks held" },
  weekRounds: {
    zh: "应查 {due} 次，已查 {done} 次，漏查 {missed} 次",
    en: "{done} of {due} done, {missed} missed",
  },
  weekNoRounds: { zh: "本周没有应查的教室巡查", en: "No classroom rounds due this week" },
  openSummary: { zh: "本周小结", en: "The week's summary" },
  noHazards: {
    zh: "本月本班区域没有发现隐患。",
    en: "No hazards were found in the class's areas this month.",
  },
  hazardUnknown: { zh: "隐患记录（本机暂无详情）", en: "Hazard (details not on this phone)" },
  rectifiedOnTime: { zh: "按时整改", en: "fixed on time" },
  late: { zh: "逾期", en: "late" },
  noUnaccounted: {
    zh: "本月本班学生没有下落不明的报警。",
    en: "No unaccounted-pupil alerts for the class's pupils this month.",
  },
  pupilUnknown: { zh: "（未知学生）", en: "(unknown pupil)" },
  alertUnknown: { zh: "报警记录（本机暂无详情）", en: "Alert (details not on this phone)" },
  notCounted: { zh: "本周未结束，不计入", en: "week still running: not counted" },
  lessonHeld: { zh: "已上", en: "held" },
  lessonNotHeld: { zh: "未记录", en: "not recorded" },
  lessonHeldOn: { zh: "{date}《{topic}》", en: "{date} “{topic}”" },
  lessonNoRecord: { zh: "（本机暂无记录详情）", en: "(record not on this phone)" },
  education: { zh: "安全教育记录", en: "Safety-education records" },
  chartTitle: { zh: "本班每周得分", en: "The class's score by week" },
  chartWeek: { zh: "{label}周", en: "w/c {label}" },
  chartSeries: { zh: "得分", en: "Score" },
  chartUnit: { zh: "分", en: " pts" },
  chartRunning: {
    zh: "{label}周还没结束，按到今天为止的记录计分。",
    en: "The week of {label} is still running: it is scored on the records so far.",
  },
  commendTitle: { zh: "本月表彰", en: "Commendation this month" },
  commended: { zh: "安全先进班级", en: "Safety model class" },
  notCommended: { zh: "本月未评为安全先进班级。", en: "Not commended as a safety model class this month." },
  guardians: { zh: "安全小卫士：{names}", en: "Safety guardians: {names}" },
  noGuardians: { zh: "还没有推选安全小卫士。", en: "No safety guardians named yet." },
  noCommendation: {
    zh: "本月还没有表彰记录。",
    en: "Nothing recorded for this month's commendation yet.",
  },
  listSep: { zh: "、", en: ", " },
  pending: { zh: "待同步", en: "Not synced yet" },
  commendationList: { zh: "表彰名单", en: "Commendation list" },
});

/** "11月29日" / "2026-11-29": a date short enough not to break a line. */
export function dateText(date: string): string {
  if (getLang() !== "zh") return date;
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
