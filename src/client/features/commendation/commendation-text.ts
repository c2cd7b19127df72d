// The commendation page's own words (zh-CN first, English second).
import { defineMessages } from "../../ui/i18n.ts";

export const cm = defineMessages({
  title: { zh: "表彰名单", en: "Commendation list" },
  intro: {
    zh: "本月的安全先进班级和各班评选的安全小卫士。",
    en: "The month's commended classes and each class's safety guardians.",
  },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  toMonth: { zh: "月度评比（得分与排名）", en: "Monthly review (scores and ranking)" },

  commendedTitle: { zh: "安全先进班级", en: "Commended classes (安全先进班级)" },
  commendedNoneAdmin: {
    zh: "本月还没有勾选安全先进班级。请在月度评比页勾选。",
    en: "No class is marked commended this month yet. Mark them on the monthly review page.",
  },
  commendedNone: {
    zh: "本月尚未评选安全先进班级。",
    en: "The month's commended classes have not been chosen yet.",
  },
  rank: { zh: "第 {rank} 名", en: "No. {rank}" },
  score: { zh: "{score} 分", en: "{score} points" },

  guardiansTitle: { zh: "安全小卫士", en: "Safety guardians (安全小卫士)" },
  guardiansNone: { zh: "未评选", en: "Not named yet" },
  namesJoin: { zh: "、", en: ", " },
  noClasses: { zh: "学校还没有班级。", en: "The school has no classes yet." },
  pending: { zh: "待同步", en: "Not synced yet" },

  editorTitle: { zh: "评选安全小卫士", en: "Name the safety guardians" },
  editorHint: {
    zh: "从本班学生中勾选，最多 {max} 名。离线也能保存，联网后自动上传。",
    en: "Tick pupils of the class, at most {max}. Saving works offline; it uploads when online.",
  },
  schoolClass: { zh: "班级", en: "Class" },
  chooseClass: { zh: "请选择班级", en: "Choose a class" },
  chooseClassHint: {
    zh: "选择一个班级，为它评选安全小卫士。",
    en: "Choose a class to name its safety guardians.",
  },
  chosenCount: { zh: "已选 {n} 名，最多 {max} 名", en: "{n} chosen, at most {max}" },
  chosenNames: { zh: "已选：{names}", en: "Chosen: {names}" },
  filter: { zh: "查找学生", en: "Find a pupil" },
  filterHint: { zh: "输入姓名或学号", en: "Type a name or student number" },
  noPupils: { zh: "本班名册上还没有学生。", en: "The class has no pupils on the roll." },
  noMatch: { zh: "没有与“{query}”相符的学生。", en: "No pupil matches \u201c{query}\u201d." },
  tooMany: {
    zh: "最多只能选 {max} 名安全小卫士。要改选，先取消一名。",
    en: "At most {max} safety guardians. Untick one first to choose another.",
  },
  unchanged: { zh: "名单没有改动，无需保存。", en: "Nothing changed: there is nothing to save." },
  save: { zh: "保存名单（{n} 名）", en: "Save the names ({n})" },
  saving: { zh: "正在保存…", en: "Saving…" },
  saved: { zh: "已保存。", en: "Saved." },
  savedPending: {
    zh: "已保存在本机，待同步：联网后自动上传。",
    en: "Saved on this phone, not synced yet: it uploads when online.",
  },
  saveFailed: { zh: "保存失败：{message}", en: "Could not save: {message}" },
  clearTitle: { zh: "清空本班的安全小卫士？", en: "Clear the class's safety guardians?" },
  clearText: {
    zh: "一个也没有勾选。保存后，{month}{className}的安全小卫士名单将被清空。",
    en: "Nobody is ticked. Saving clears the safety guardians of {className} for {month}.",
  },
  clearYes: { zh: "清空名单", en: "Clear the names" },
  cancel: { zh: "取消", en: "Cancel" },
  lastSaved: { zh: "{who} 于 {time} 保存", en: "Saved by {who}, {time}" },

  print: { zh: "打印表彰名单（A4）", en: "Print the list (A4)" },
  printNow: { zh: "打印", en: "Print" },
  backToPage: { zh: "返回表彰名单", en: "Back to the commendation list" },
  printTitle: { zh: "{month} 安全表彰名单", en: "Safety commendations, {month}" },
  printClass: { zh: "班级", en: "Class" },
  printTeacher: { zh: "班主任", en: "Class teacher" },
  printCitation: { zh: "评语", en: "Citation" },
  printGuardians: { zh: "安全小卫士", en: "Safety guardians" },
  printNoCommended: { zh: "本月未评选安全先进班级。", en: "No class was commended this month." },
  printedAt: { zh: "打印日期：{date}", en: "Printed on {date}" },
  liveNote: {
    zh: "得分按本机已有的记录计算。",
    en: "Scores are counted from the records on this phone.",
  },
  noTeacher: { zh: "未设班主任", en: "No class teacher" },
  signHead: { zh: "学校（盖章）：", en: "School (seal):" },
});

/** "92.5 分" / "92.5 points": a score as the month's rules give it (one decimal at most, MS-2). */
export function scoreText(total: number): string {
  return cm("score", { score: total });
}
