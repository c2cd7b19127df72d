// Close-the-day's own words (zh-CN first, English second), in the school's terms.
import { defineMessages } from "../../ui/i18n.ts";

export const ct = defineMessages({
  title: { zh: "结束今日检查", en: "Close the day" },
  intro: {
    zh: "隐患整改不过夜：就寝前，每条未整改的隐患都要有临时管控措施，并指定夜间负责人。",
    en: "No hazard stays overnight: before bedtime every open hazard needs interim control and a named night owner.",
  },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  notAllowed: {
    zh: "结束今日检查由晚值日教师或总务主任负责。您可以查看下面的情况。",
    en: "The evening duty teacher or the general-affairs head closes the day. You can look at where things stand.",
  },
  closedBy: {
    zh: "今日检查已结束：{name} · {time}",
    en: "The day is closed: {name} · {time}",
  },
  closedCarried: {
    zh: "结束时有 {n} 条隐患在临时管控下过夜。",
    en: "{n} hazards were carried overnight under interim control.",
  },
  closedPending: { zh: "已保存在本机，联网后自动同步。", en: "Saved on this phone; it syncs when online." },
  openTitle: { zh: "未整改隐患（{n}）", en: "Open hazards ({n})" },
  noneOpen: { zh: "没有未整改的隐患，可以结束今日检查。", en: "No open hazards: the day can be closed." },
  gapCount: {
    zh: "{n} 条还缺少临时管控或夜间负责人",
    en: "{n} still need interim control or a night owner",
  },
  allCovered: { zh: "每条都有临时管控和夜间负责人", en: "Every one has interim control and a night owner" },
  covered: { zh: "已管控，夜间负责人：{name}", en: "Under control; night owner: {name}" },
  recordControl: { zh: "记录临时管控", en: "Record interim control" },
  nightOwner: { zh: "夜间负责人", en: "Night owner" },
  nightOwnerHint: {
    zh: "建议：值班的保育员",
    en: "Suggested: the dorm caretaker on duty",
  },
  nameOwner: { zh: "指定夜间负责人", en: "Name the night owner" },
  nightOwnerRequired: { zh: "请选择夜间负责人", en: "Choose the night owner" },
  saveFailed: { zh: "没有保存：{message}", en: "Not saved: {message}" },
  note: { zh: "交接说明（可不填）", en: "Hand-over note (optional)" },
  noteTooLong: { zh: "交接说明最多 1000 个字", en: "The note is at most 1000 characters" },
  closeButton: { zh: "结束今日检查", en: "Close the day" },
  closing: { zh: "正在保存…", en: "Saving…" },
  refused: {
    zh: "还不能结束今日检查。下列隐患还缺少：",
    en: "The day cannot be closed yet. These hazards still lack:",
  },
  done: {
    zh: "今日检查已结束。已保存在本机，联网后自动同步。",
    en: "The day is closed. Saved on this phone; it syncs when online.",
  },
  closeAgain: { zh: "再次结束（更新过夜记录）", en: "Close again (update the overnight record)" },
});
