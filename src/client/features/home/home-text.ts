// The home page's words for the day's work (zh-CN first). Small: the home page is the first screen.
import { defineMessages } from "../../ui/i18n.ts";

export const hm = defineMessages({
  report: { zh: "上报隐患", en: "Report a hazard" },
  reportHint: { zh: "发现隐患及时报告", en: "Found a hazard? Report it at once" },
  quickPerimeter: { zh: "报告周边隐患", en: "Report a perimeter hazard" },
  quickPerimeterHint: {
    zh: "校门、路口、摊点、施工、积水…",
    en: "Gate, crossing, vendors, construction, standing water…",
  },
  otherHazard: { zh: "校内其他隐患", en: "Other hazard on campus" },

  myRounds: { zh: "我的检查（一日三查）", en: "My rounds (three a day)" },
  roundNow: { zh: "进行中", en: "Now" },
  notSchoolDay: {
    zh: "今天不是上学日，无需检查；如需检查仍可记录。",
    en: "Not a school day: no rounds are due, but you can still record one.",
  },
  noAreas: {
    zh: "没有分配给您的检查区域。发现隐患请点上方“上报隐患”。",
    en: "No areas are yours to check. If you see a hazard, tap “Report a hazard” above.",
  },
  statusDone: { zh: "已检查", en: "Done" },
  statusLate: { zh: "已补查", en: "Done late" },
  statusDue: { zh: "去检查", en: "Check now" },
  statusUpcoming: { zh: "未开始", en: "Later" },
  statusMissed: { zh: "漏查", en: "Missed" },
  statusNotRequired: { zh: "无需检查", en: "Not required" },
  countDone: { zh: "已检查 {n}", en: "{n} done" },
  countLate: { zh: "补查 {n}", en: "{n} late" },
  countDue: { zh: "待检查 {n}", en: "{n} to check" },
  countUpcoming: { zh: "未开始 {n}", en: "{n} later" },
  countMissed: { zh: "漏查 {n}", en: "{n} missed" },
  countNotRequired: { zh: "无需检查 {n}", en: "{n} not required" },
  pending: { zh: "待同步", en: "Unsent" },

  assignedTitle: { zh: "指派给我整改的隐患（{n}）", en: "Hazards for me to fix ({n})" },
  verifyTitle: { zh: "已整改，待我验收（{n}）", en: "Rectified, for me to verify ({n})" },
  carriedTitle: { zh: "昨夜临时管控的隐患（先处理）", en: "Under interim control overnight (first)" },
  carriedHint: {
    zh: "这些隐患昨晚未整改完，已采取临时管控措施。请先查看。",
    en: "Not fixed last night; interim measures are in place. Look at these first.",
  },
  unassignedTitle: { zh: "待指派整改人的隐患（{n}）", en: "Hazards nobody is fixing yet ({n})" },
  escalatedTitle: { zh: "超期未整改，已升级到我（{n}）", en: "Overdue and escalated to me ({n})" },
  escalatedTo: { zh: "已升级至{level}", en: "Escalated to {level}" },
  measures: { zh: "管控措施：{text}", en: "Measures: {text}" },
  rectifiedAgo: { zh: "整改：{text}", en: "Fixed: {text}" },
});
