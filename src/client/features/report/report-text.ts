// The report page's words (发现隐患及时报告), zh-CN first. They load with the report page.
import { defineMessages } from "../../ui/i18n.ts";

export const rp = defineMessages({
  title: { zh: "上报隐患", en: "Report a hazard" },
  quickTitle: { zh: "报告周边隐患", en: "Report a perimeter hazard" },
  noData: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  fromRound: { zh: "来自{round} · 检查项：{item}", en: "From the {round} · item: {item}" },
  fromItem: { zh: "检查项：{item}", en: "Checklist item: {item}" },
  fromRoundNoItem: { zh: "来自{round}", en: "From the {round}" },
  area: { zh: "区域", en: "Area" },
  areaSearch: { zh: "查找区域", en: "Find an area" },
  areaChoose: { zh: "（请选择区域）", en: "(choose an area)" },
  areaMine: { zh: "我的区域", en: "My areas" },
  kindCampus: { zh: "校园", en: "Campus" },
  kindClassroom: { zh: "教室", en: "Classrooms" },
  kindPerimeter: { zh: "周边", en: "Perimeter" },
  areaNoMatch: { zh: "没有找到“{text}”，请换个词", en: "No area matches “{text}”" },
  quickArea: { zh: "在哪里？", en: "Where?" },
  place: { zh: "具体位置", en: "Exact place" },
  placeHint: { zh: "选填，例如：二楼东侧楼梯扶手", en: "Optional, e.g. the east stair rail, 2nd floor" },
  severity: { zh: "隐患等级", en: "Severity" },
  criticalWarn: {
    zh: "重大隐患：上报后立即通知校长和总务主任（没有网络时先存在本机，联网后最先发送）。",
    en: "Critical: the principal and the general-affairs head are alerted at once (offline, the alert is sent first when the network returns).",
  },
  description: { zh: "隐患描述", en: "What is the hazard" },
  descriptionHint: {
    zh: "写清是什么、有什么危险，例如：校门口下水道盖板缺失，学生易踩空",
    en: "What it is and why it is dangerous, e.g. a drain cover is missing at the gate",
  },
  quickDescriptionHint: { zh: "写几个字或拍张照片都可以", en: "A few words or a photo will do" },
  required: { zh: "（必填）", en: "(required)" },
  photos: { zh: "照片", en: "Photos" },
  assignee: { zh: "整改人", en: "Who fixes it" },
  assigneeHint: {
    zh: "建议：区域责任人；没有时由总务主任",
    en: "Suggested: the area's responsible person, else the general-affairs head",
  },
  whyResponsible: { zh: "区域责任人", en: "area responsible" },
  whyClassTeacher: { zh: "班主任", en: "class teacher" },
  whyHead: { zh: "总务主任", en: "general-affairs head" },
  assignedTo: { zh: "整改人：{who}", en: "To fix: {who}" },
  unassigned: { zh: "由总务处指派", en: "the general-affairs office assigns it" },
  deadlineRule: {
    zh: "隐患整改不过夜：当天就寝前完成；夜间发现的，次日上课前完成。",
    en: "No hazard stays overnight: fixed by bedtime; found at night, before morning classes.",
  },
  submit: { zh: "上报", en: "Report" },
  submitting: { zh: "正在保存…", en: "Saving…" },
  photosSaving: { zh: "正在保存照片…", en: "Saving the photos…" },
  offlineNote: {
    zh: "没有网络也能上报：先存在本机，联网后自动同步。",
    en: "Works offline: saved on this phone, synced when online.",
  },
  fixFirst: { zh: "请先改正：", en: "Please fix first:" },
  errArea: { zh: "请选择隐患所在的区域", en: "Choose the area where the hazard is" },
  errDescription: {
    zh: "请描述隐患情况（是什么、在哪里、有什么危险）",
    en: "Describe the hazard (what, where, why it is dangerous)",
  },
  errDescriptionOrPhoto: {
    zh: "请写几个字说明隐患，或拍一张照片",
    en: "Write a few words about the hazard, or take a photo",
  },
  errTooLong: {
    zh: "{field}最多 {max} 个字（现在 {n} 个）",
    en: "{field}: at most {max} characters (now {n})",
  },
  errSaveFailed: {
    zh: "没有保存：{message}。您填写的内容都还在，请再试一次。",
    en: "Not saved: {message}. Everything you entered is still here; please try again.",
  },
  fullForm: { zh: "填写完整表单（位置、整改人）", en: "Use the full form (place, who fixes it)" },
});
