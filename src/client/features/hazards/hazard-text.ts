// The hazard page's own words (zh-CN first, English second), in the school's terms: 隐患,
// 整改, 临时管控, 验收, 夜间负责人. They load with the hazard page's chunk.
import { defineMessages } from "../../ui/i18n.ts";

export const ht = defineMessages({
  title: { zh: "隐患详情", en: "Hazard" },
  notFound: {
    zh: "本机上找不到这条隐患。可能尚未同步到本机，联网同步后再看。",
    en: "This hazard is not on this phone. It may not have synced yet; look again after a sync.",
  },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  pendingNote: {
    zh: "有操作保存在本机，联网后自动同步（标有“待同步”）。",
    en: "Some steps are saved on this phone and sync when online (marked “Unsent”).",
  },
  refusedNote: {
    zh: "您对这条隐患的 {n} 项操作没有被服务器接受，请到“需要处理”查看。",
    en: "{n} of your steps on this hazard were not accepted by the server; see “Needs attention”.",
  },
  openAttention: { zh: "查看需要处理", en: "Open Needs attention" },

  deadlineTitle: { zh: "整改期限", en: "Deadline" },
  deadlineAt: { zh: "期限 {time}", en: "Due {time}" },
  deadlineMovedBy: { zh: "期限由{name}调整", en: "Deadline moved by {name}" },
  notOvernight: {
    zh: "隐患整改不过夜：不能按期整改的，要有临时管控措施和新的整改期限。",
    en: "No hazard stays overnight: if it cannot be fixed in time it needs interim control and a new deadline.",
  },
  rectifiedOnTime: { zh: "已于 {time} 整改", en: "Rectified at {time}" },

  factPlace: { zh: "具体位置", en: "Place" },
  factSeverity: { zh: "隐患等级", en: "Severity" },
  factState: { zh: "状态", en: "State" },
  factDescription: { zh: "隐患描述", en: "Description" },
  factReporter: { zh: "发现人", en: "Found by" },
  factFoundAt: { zh: "发现时间", en: "Found at" },
  factAssignee: { zh: "整改责任人", en: "Assigned to" },
  factNightOwner: { zh: "夜间负责人", en: "Night owner" },
  factClosedBy: { zh: "验收人", en: "Verified by" },
  factBeforePhotos: { zh: "隐患照片", en: "Photos" },
  notAssigned: { zh: "（未指派）", en: "(not assigned)" },
  none: { zh: "（无）", en: "(none)" },
  byAt: { zh: "{name} · {time}", en: "{name} · {time}" },

  controlTitle: { zh: "临时管控措施", en: "Interim control" },
  rectifyTitle: { zh: "整改情况", en: "Rectification" },
  afterPhotos: { zh: "整改后照片", en: "After photos" },

  actionsTitle: { zh: "下一步", en: "Next steps" },
  noActions: {
    zh: "这条隐患现在没有您可以做的操作。",
    en: "There is nothing you can do on this hazard right now.",
  },

  ladderTitle: { zh: "逾期升级（管理网络）", en: "Escalation when overdue" },
  ladderIntro: {
    zh: "超过整改期限未整改的隐患，先报当前值班人员，再按学校设定的时间逐级上报。",
    en: "An open hazard past its deadline goes first to whoever is on duty, then climbs the management network at the delays the school set.",
  },
  ladderStopped: {
    zh: "隐患已整改，不再升级。",
    en: "Rectified: it no longer escalates.",
  },
  ladderReached: { zh: "已升级", en: "Escalated" },
  ladderNotYet: { zh: "未到", en: "Not yet" },
  ladderAt: { zh: "{time}", en: "{time}" },
  ladderNobody: { zh: "（未设置）", en: "(nobody set)" },
  ladderOnDuty: { zh: "当前值班", en: "On duty now" },
  ladderOnDutyUntil: { zh: "至 {time} 交班", en: "until {time}" },
  ladderOnDutyGap: { zh: "值班空缺（无人值班）", en: "Nobody on duty (a gap in the roster)" },
  ladderOnDutyClassTime: {
    zh: "上课时间：各班班主任和任课教师",
    en: "Class time: each class's teachers",
  },

  historyTitle: { zh: "处理记录", en: "History" },
  historyPending: { zh: "待同步", en: "Unsent" },
  historyRefused: { zh: "未生效：{reason}", en: "Not applied: {reason}" },
  historyRepeat: {
    zh: "重复操作（已有相同的一步，未改变任何内容）",
    en: "A repeat of the same step (changed nothing)",
  },
  historySeverity: { zh: "等级：{severity}", en: "Severity: {severity}" },
  historyAssignee: { zh: "整改责任人：{name}", en: "Assigned to {name}" },
  historyDeadline: { zh: "新的整改期限：{time}", en: "New deadline: {time}" },
  historyNightOwner: { zh: "夜间负责人：{name}", en: "Night owner: {name}" },

  // Forms
  cancel: { zh: "取消", en: "Cancel" },
  saving: { zh: "正在保存…", en: "Saving…" },
  saved: { zh: "已保存在本机，联网后自动同步。", en: "Saved on this phone; it syncs when online." },
  saveFailed: { zh: "没有保存：{message}", en: "Not saved: {message}" },
  changedMeanwhile: {
    zh: "这条隐患刚刚变为“{state}”。请确认后再提交一次。",
    en: "This hazard has just become “{state}”. Check it and submit again.",
  },
  noLongerPossible: {
    zh: "这条隐患现在是“{state}”，不能再{action}。",
    en: "This hazard is now “{state}”; {action} is no longer possible.",
  },

  assignee: { zh: "整改责任人", en: "Who fixes it" },
  assigneeRequired: { zh: "请选择整改责任人", en: "Choose who fixes it" },
  whyAreaResponsible: { zh: "区域责任人", en: "area responsible" },
  whyClassTeacher: { zh: "班主任", en: "class teacher" },
  whyGeneralAffairs: { zh: "总务主任", en: "general-affairs head" },
  whyCurrent: { zh: "当前责任人", en: "current" },
  note: { zh: "说明（可不填）", en: "Note (optional)" },

  measures: { zh: "临时管控措施", en: "Interim measures" },
  measuresHint: {
    zh: "例如：拉警戒线、放置警示牌、停止使用、专人看守",
    en: "E.g. cordon, warning sign, out of use, someone watching",
  },
  measuresRequired: { zh: "请填写临时管控措施", en: "Describe the interim measures" },
  measuresPhoto: { zh: "现场照片", en: "Photo on site" },
  measuresPhotoRequired: {
    zh: "临时管控需要一张现场照片",
    en: "Interim control needs a photo of the measures",
  },

  rectifyNote: { zh: "整改说明", en: "What was done" },
  rectifyNoteHint: { zh: "例如：已更换插座面板", en: "E.g. socket cover replaced" },
  afterPhoto: { zh: "整改后照片", en: "“After” photo" },
  afterPhotoRequired: {
    zh: "整改完成需要一张整改后的照片",
    en: "Rectifying needs an “after” photo",
  },
  afterPhotoNotFound: {
    zh: "整改后照片要拍整改后的样子，不能用发现隐患时的照片",
    en: "The “after” photo must show the fix, not the hazard as it was found",
  },

  closeConfirm: {
    zh: "确认已到现场查看，隐患已整改到位。",
    en: "I checked on site: the hazard is fixed.",
  },
  closeNote: { zh: "验收意见（可不填）", en: "Verification note (optional)" },

  reopenReason: { zh: "重新打开的原因", en: "Why reopen" },
  reopenReasonRequired: { zh: "请说明重新打开的原因", en: "Say why it is reopened" },

  commentText: { zh: "备注", en: "Comment" },
  commentPhotos: { zh: "照片（可选）", en: "Photos (optional)" },
  commentRequired: { zh: "请填写备注或添加照片", en: "Write something or add a photo" },

  newSeverity: { zh: "提高到", en: "Raise to" },
  severityOnlyUp: {
    zh: "等级只能提高，不能降低。",
    en: "Severity only goes up, never down.",
  },
  criticalWarning: {
    zh: "提高到“重大”会立即通知校长和总务主任。",
    en: "Raising it to critical alerts the principal and the general-affairs head at once.",
  },
  severityRequired: { zh: "请选择新的等级", en: "Choose the new severity" },
  alreadyHighest: { zh: "已是最高等级“重大”。", en: "Already at the highest severity." },

  newDeadline: { zh: "新的整改期限（{zone}）", en: "New deadline ({zone})" },
  newDeadlineHint: {
    zh: "按学校所在时区填写。只适用于已临时管控的隐患。",
    en: "In the school's time zone. Only for a hazard under interim control.",
  },
  deadlineRequired: { zh: "请填写新的整改期限（日期和时间）", en: "Enter the new deadline (date and time)" },
  deadlineInPast: { zh: "新的整改期限必须晚于现在", en: "The new deadline must be in the future" },
  saveDeadline: { zh: "保存新的整改期限", en: "Save the new deadline" },
  saveNightOwner: { zh: "保存夜间负责人", en: "Save the night owner" },
  deadlineReason: { zh: "原因（可不填）", en: "Reason (optional)" },

  nightOwner: { zh: "夜间负责人", en: "Night owner" },
  nightOwnerHint: {
    zh: "今晚负责看管这处隐患的人，通常是值班的保育员。",
    en: "Who watches over it tonight; usually the dorm caretaker on duty.",
  },
  nightOwnerRequired: { zh: "请选择夜间负责人", en: "Choose the night owner" },

  tooLong: { zh: "{field}最多 {max} 个字", en: "{field}: at most {max} characters" },

  // Domain refusals in the school's words (hazard-machine.ts messages).
  refusedActedFirst: {
    zh: "{action}：隐患已是“{state}”，不是“{from}”（别人先处理了）",
    en: "{action}: the hazard is now “{state}”, not “{from}” (someone acted first)",
  },
  refusedState: {
    zh: "隐患处于“{state}”时不能{action}",
    en: "{action} is not possible on a hazard that is “{state}”",
  },
  refusedRectifierCloses: {
    zh: "整改人不能验收自己整改的隐患，应由上报人或总务主任验收",
    en: "Whoever rectified a hazard cannot close it; the reporter or an admin verifies it",
  },
  refusedWho: { zh: "只有{who}可以{action}", en: "Only {who} may {action}" },
  whoAdmin: { zh: "总务主任", en: "an admin" },
  whoReporter: { zh: "上报人", en: "the reporter" },
  whoAssignee: { zh: "整改责任人", en: "the assignee" },
  whoAreaResponsible: { zh: "区域责任人", en: "the area's responsible person" },
  whoDutyTeacher: { zh: "值日教师", en: "a duty teacher" },
  whoAnyone: { zh: "教职工", en: "staff" },
  whoOr: { zh: "、", en: " or " },
  refusedDeadlineNotDate: { zh: "新的整改期限不是有效的日期时间", en: "The new deadline is not a date-time" },
});
