// The swap page's own words (zh-CN first, English second).
import { defineMessages } from "../../ui/i18n.ts";

export const sw = defineMessages({
  title: { zh: "换班", en: "Swaps" },
  backToDuties: { zh: "我的值班", en: "My duties" },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  askTitle: { zh: "申请换班", en: "Ask a swap" },
  askIntro: {
    zh: "对方同意、总务主任批准后，两个值班同时调换。",
    en: "Once the colleague accepts and the general-affairs head approves, both duties change together.",
  },
  give: { zh: "我的值班（换出）", en: "My duty (to give)" },
  giveNone: { zh: "今后 14 天没有可换的值班", en: "No duty to swap in the next 14 days" },
  choose: { zh: "请选择…", en: "Choose…" },
  counterpart: { zh: "换给哪位同事", en: "Colleague" },
  take: { zh: "换回对方的值班（可选）", en: "Their duty in return (optional)" },
  takeNone: { zh: "不换回：对方代班", en: "Nothing back: they cover" },
  takeHint: { zh: "对方今后 30 天的值班", en: "Their duties in the next 30 days" },
  takeNoneFound: { zh: "对方今后 30 天没有值班", en: "They have no duties in the next 30 days" },
  reason: { zh: "理由（可选）", en: "Reason (optional)" },
  submit: { zh: "提交申请", en: "Send the request" },
  saving: { zh: "正在保存…", en: "Saving…" },
  saved: {
    zh: "已保存申请，联网后发送给对方",
    en: "Request saved; it goes to the colleague when online",
  },
  saveFailed: { zh: "保存失败：{message}", en: "Could not save: {message}" },
  fixFirst: { zh: "请先修改：", en: "Please fix:" },
  offlineNote: { zh: "没有网络也可以提交，联网后自动发送", en: "Works offline: sent when online" },

  incomingTitle: { zh: "等我同意（{n}）", en: "Waiting for me ({n})" },
  mineTitle: { zh: "我申请的（{n}）", en: "Asked by me ({n})" },
  approveTitle: { zh: "待审批（{n}）", en: "To approve ({n})" },
  answeredTitle: { zh: "换给我的（{n}）", en: "Asked of me, answered ({n})" },
  noneIncoming: { zh: "没有等您同意的换班", en: "Nothing waiting for you" },
  noneMine: { zh: "您还没有申请过换班", en: "You have not asked any swap" },
  noneToApprove: { zh: "没有待审批的换班", en: "Nothing to approve" },

  gives: { zh: "{name} 换出", en: "{name} gives" },
  takes: { zh: "{name} 换出", en: "{name} gives" },
  covers: { zh: "{name} 代班，不换回", en: "{name} covers, nothing back" },
  askedBy: { zh: "{name} 申请", en: "Asked by {name}" },
  reasonLine: { zh: "理由：{text}", en: "Reason: {text}" },
  why: { zh: "原因：{text}", en: "Why: {text}" },
  byAt: { zh: "{name}，{time}", en: "{name}, {time}" },
  refusedStep: {
    zh: "您的操作未被服务器接受，请到“需要处理”查看",
    en: "The server did not accept your step: see Needs attention",
  },

  accept: { zh: "同意", en: "Accept" },
  decline: { zh: "拒绝", en: "Decline" },
  approve: { zh: "批准", en: "Approve" },
  refuse: { zh: "驳回", en: "Refuse" },
  cancelAsk: { zh: "撤回申请", en: "Cancel the request" },
  notePrompt: { zh: "说明原因（可选）", en: "Say why (optional)" },
  confirmStep: { zh: "确定{step}", en: "Confirm: {step}" },
  back: { zh: "取消", en: "Back" },
  stepSaved: { zh: "已保存，联网后发送", en: "Saved; sent when online" },
});
