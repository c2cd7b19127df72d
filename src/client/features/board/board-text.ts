// The board's own words (zh-CN first, English second); they load with the board's chunk.
import { defineMessages } from "../../ui/i18n.ts";

export const bt = defineMessages({
  title: { zh: "今日看板", en: "Today's board" },
  dayTitle: { zh: "检查看板", en: "Board" },
  date: { zh: "日期", en: "Date" },
  previousDay: { zh: "前一天", en: "Previous day" },
  nextDay: { zh: "后一天", en: "Next day" },
  today: { zh: "今天", en: "Today" },
  badDate: { zh: "请选择一个有效的日期", en: "Choose a valid date" },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  noAreas: {
    zh: "还没有设置检查区域。总务主任可在“管理 → 区域”中添加。",
    en: "No areas to check yet. The general-affairs head adds them under Admin → Areas.",
  },

  freshOffline: {
    zh: "离线：显示的是 {time} 同步的数据",
    en: "Offline: showing data synced at {time}",
  },
  freshOfflineNever: {
    zh: "离线：尚未同步过，只显示本机上的记录",
    en: "Offline: never synced; showing only what is on this phone",
  },
  freshOnline: { zh: "数据同步于 {time}", en: "Data synced at {time}" },
  freshNever: {
    zh: "尚未同步，只显示本机上的记录",
    en: "Not synced yet; showing only what is on this phone",
  },

  roundsTitle: { zh: "三查情况", en: "Rounds" },
  tabMorning: { zh: "早查", en: "Morning" },
  tabNoon: { zh: "午查", en: "Noon" },
  tabEvening: { zh: "晚查", en: "Evening" },
  roundWindow: { zh: "{start}–{end}", en: "{start}–{end}" },
  roundSummary: {
    zh: "已查 {checked}/{total}，漏查 {missed}，待查 {due}",
    en: "{checked}/{total} checked, {missed} missed, {due} due",
  },
  notSchoolDay: { zh: "非上课日，不要求三查", en: "Not a school day: no rounds required" },
  groupCount: { zh: "{kind} {checked}/{total}", en: "{kind} {checked}/{total}" },
  cellLabel: { zh: "{area}：{status}", en: "{area}: {status}" },
  /** A cell's short name first (what it shows), then the area's own name. */
  cellPlace: { zh: "{short}（{area}）", en: "{short} ({area})" },
  cellBy: { zh: "（{names}）", en: " ({names})" },
  tapToRecord: { zh: "点区域可记录检查", en: "Tap an area to record its round" },

  statusDone: { zh: "已查", en: "Done" },
  statusLate: { zh: "补查", en: "Late" },
  statusDue: { zh: "待查", en: "Due" },
  statusUpcoming: { zh: "未开始", en: "Upcoming" },
  statusMissed: { zh: "漏查", en: "Missed" },
  statusNotRequired: { zh: "不要求", en: "Not required" },

  openTitle: { zh: "未整改隐患（{n}）", en: "Open hazards ({n})" },
  overdueCount: { zh: "其中 {n} 条已超期", en: "{n} overdue" },
  noOpen: { zh: "没有未整改的隐患", en: "No open hazards" },
  verifyTitle: { zh: "已整改待验收（{n}）", en: "Rectified, to verify ({n})" },
  foundTitle: { zh: "当天发现的隐患（{n}）", en: "Hazards found that day ({n})" },
  noneFound: { zh: "当天没有发现隐患", en: "No hazards found that day" },

  moreTitle: { zh: "更多", en: "More" },
  closeDay: { zh: "结束今日检查", en: "Close the day" },
  closeDayHint: {
    zh: "晚值日教师：核对未整改隐患的管控和夜间负责人",
    en: "Evening duty: check every open hazard is covered overnight",
  },
  ledger: { zh: "隐患排查整改台账", en: "Hazard ledger (台账)" },
  ledgerHint: { zh: "按日期查看、打印、导出 CSV", en: "By date range: print or export CSV" },
});
