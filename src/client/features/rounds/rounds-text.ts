// The round page's words (一日三查, 有排查、有记录), zh-CN first. They load with the round page.
import { defineMessages } from "../../ui/i18n.ts";

export const rt = defineMessages({
  title: { zh: "记录检查", en: "Record a round" },
  notFound: {
    zh: "找不到这个区域，可能已被删除或尚未同步到本机。",
    en: "This area was not found; it may have been removed or not reached this phone yet.",
  },
  noData: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  shortMorning: { zh: "早查", en: "Morning" },
  shortNoon: { zh: "午查", en: "Noon" },
  shortEvening: { zh: "晚查", en: "Evening" },
  roundLegend: { zh: "哪一次检查", en: "Which round" },
  roundOn: { zh: "{round} · {date}", en: "{round} · {date}" },
  window: { zh: "时间 {start}–{end}", en: "Window {start}–{end}" },
  lateNote: {
    zh: "这次检查的时间已过，现在保存记为补查，需说明原因。",
    en: "This round's window has passed: saved now it is late and needs a reason.",
  },
  notSchoolDay: {
    zh: "这天不是上学日，无需检查；记录照样保存。",
    en: "Not a school day: no round is due, but the record is kept.",
  },
  earlyNote: {
    zh: "这次检查 {start} 开始；现在保存记为提前，不算作这次检查，需说明原因。",
    en: "This round starts at {start}: saved now it is early, does not count, and needs a reason.",
  },
  earlyNoteCounts: {
    zh: "这次检查 {start} 开始；现在保存记为提前（学校允许，仍算数），需说明原因。",
    en: "This round starts at {start}: saved now it is early (the school counts it) and needs a reason.",
  },
  savedEarly: {
    zh: "记为提前检查，不算作这次{round}；到时间后请再查一次。",
    en: "Kept as an early check: it does not count as this {round}; check again in its window.",
  },
  savedReason: { zh: "原因：{reason}", en: "Reason: {reason}" },
  otherDay: { zh: "补记 {date} 的检查", en: "Recording for {date}" },
  alreadyDone: {
    zh: "本次已有记录：{who}。再记录一次也可以，两条都算。",
    en: "Already recorded by {who}. You may record again; both count.",
  },
  intro: {
    zh: "每项默认“正常”，有问题的项点一下。",
    en: "Every item is OK by default; tap one that has a problem.",
  },
  noChecklist: {
    zh: "这类区域还没有检查清单（请总务主任在“管理 → 检查清单”中添加）。可以只写备注后保存。",
    en: "This kind of area has no checklist yet (the general-affairs head adds one under Admin → Checklists). You can save with a note.",
  },
  itemOk: { zh: "正常", en: "OK" },
  itemProblem: { zh: "有问题", en: "Problem" },
  itemToggleOk: { zh: "点按标记为有问题", en: "Tap to mark a problem" },
  itemToggleProblem: { zh: "点按改回正常", en: "Tap to set back to OK" },
  itemNote: { zh: "问题说明", en: "What is wrong" },
  itemNoteHint: {
    zh: "例如：后门门锁损坏，关不上",
    en: "e.g. the back door lock is broken and will not close",
  },
  reportItem: { zh: "上报隐患", en: "Report as a hazard" },
  reportItemHint: {
    zh: "指派给 {who} 整改，{deadline}",
    en: "Assigned to {who} to fix, {deadline}",
  },
  reportItemNobody: {
    zh: "由总务处指派整改，{deadline}",
    en: "The general-affairs office assigns it, {deadline}",
  },
  severity: { zh: "隐患等级", en: "Severity" },
  criticalWarn: {
    zh: "重大隐患：保存后立即通知校长和总务主任。",
    en: "Critical: the principal and the general-affairs head are alerted at once when you save.",
  },
  itemPhotos: { zh: "隐患照片", en: "Photos of the hazard" },
  note: { zh: "备注", en: "Note" },
  notePlaceholder: { zh: "选填，例如：已提醒学生", en: "Optional, e.g. reminded the pupils" },
  photos: { zh: "现场照片", en: "Photos" },
  saveNothingFound: { zh: "检查无异常，保存", en: "Nothing found — save" },
  saveWithProblems: { zh: "保存（{n} 项有问题）", en: "Save ({n} with a problem)" },
  saveWithHazards: {
    zh: "保存并上报 {n} 条隐患",
    en: "Save and report {n} hazards",
  },
  saving: { zh: "正在保存…", en: "Saving…" },
  photosSaving: { zh: "正在保存照片…", en: "Saving the photos…" },
  offlineNote: {
    zh: "没有网络也能保存，联网后自动同步",
    en: "Saves without a network; syncs when online",
  },
  fixFirst: { zh: "请先改正：", en: "Please fix first:" },
  errTooLong: {
    zh: "{field}最多 {max} 个字（现在 {n} 个）",
    en: "{field}: at most {max} characters (now {n})",
  },
  errItemNote: { zh: "“{label}”的问题说明", en: "the note on “{label}”" },
  errSaveFailed: {
    zh: "没有保存：{message}。您填写的内容都还在，请再试一次。",
    en: "Not saved: {message}. Everything you entered is still here; please try again.",
  },
  errHazardsSaved: {
    zh: "已上报的 {n} 条隐患已保存，再次保存不会重复上报。",
    en: "The {n} hazards already reported are saved; saving again will not report them twice.",
  },

  savedTitle: { zh: "已保存", en: "Saved" },
  savedWhat: { zh: "{area} · {round}", en: "{area} · {round}" },
  savedNothingFound: { zh: "检查无异常", en: "Checked, nothing found" },
  savedProblems: { zh: "{n} 项有问题", en: "{n} with a problem" },
  savedHazards: { zh: "已上报隐患：", en: "Hazards reported:" },
  savedPending: {
    zh: "已保存在本机，联网后自动同步",
    en: "Saved on this phone; it syncs when online",
  },
  savedSynced: { zh: "已同步到学校服务器", en: "Synced to the school's server" },
  pendingTag: { zh: "待同步", en: "Unsent" },
  syncedTag: { zh: "已同步", en: "Synced" },
  nextArea: { zh: "下一个：{area}", en: "Next: {area}" },
  home: { zh: "返回首页", en: "Back to home" },
});
