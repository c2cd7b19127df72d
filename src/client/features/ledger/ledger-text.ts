// The ledger page's own words (zh-CN first, English second).
import { defineMessages } from "../../ui/i18n.ts";

export const lt = defineMessages({
  title: { zh: "隐患排查整改台账", en: "Hazard ledger (隐患排查整改台账)" },
  intro: {
    zh: "按发现日期列出隐患及整改情况，可打印（A4）或导出 CSV（Excel 可直接打开）。",
    en: "Hazards by the date found, with their rectification; print it (A4) or export CSV for Excel.",
  },
  from: { zh: "开始日期", en: "From" },
  to: { zh: "结束日期", en: "To" },
  thisMonth: { zh: "本月", en: "This month" },
  lastMonth: { zh: "上月", en: "Last month" },
  badFrom: { zh: "请填写有效的开始日期", en: "Enter a valid start date" },
  badTo: { zh: "请填写有效的结束日期", en: "Enter a valid end date" },
  reversed: { zh: "开始日期不能晚于结束日期", en: "The start date must not be after the end date" },
  tooLong: { zh: "一次最多查看 366 天", en: "At most 366 days at a time" },
  count: { zh: "共 {n} 条", en: "{n} hazards" },
  none: { zh: "这段时间没有发现隐患。", en: "No hazards were found in this period." },
  print: { zh: "打印", en: "Print" },
  exportCsv: { zh: "导出 CSV", en: "Export CSV" },
  exporting: { zh: "正在导出…", en: "Exporting…" },
  exportFailed: { zh: "导出失败：{message}", en: "Export failed: {message}" },
  range: { zh: "{from} 至 {to}", en: "{from} to {to}" },
  printedAt: { zh: "打印时间：{time}", en: "Printed {time}" },
  offlineNote: {
    zh: "显示本机已同步的数据（{time}）。",
    en: "Showing the data synced to this phone ({time}).",
  },
  signFiller: { zh: "填表人：", en: "Prepared by:" },
  signChecker: { zh: "审核人：", en: "Checked by:" },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
});
