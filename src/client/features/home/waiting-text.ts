// 等我处理 (the home card, the home tab's badge and the sections of 交接): its own words, zh-CN
// first. Kinds and states of hand-overs come from domain/handover.ts.
import { defineMessages } from "../../ui/i18n.ts";

export const wt = defineMessages({
  cardTitle: { zh: "等我处理（{n}）", en: "Waiting for me ({n})" },
  badgeLabel: { zh: "{n} 项等我处理", en: "{n} waiting for me" },

  receiveTitle: { zh: "接收：{group} {kind}", en: "Receive: {group}, {kind}" },
  receiveLine: {
    zh: "{name} {time} 交出，实到 {n} 人",
    en: "{name} gave it at {time}, {n} present",
  },
  giveTitle: { zh: "交出：{group} {kind}", en: "Give: {group}, {kind}" },
  giveLine: { zh: "{time} 前点名交出", en: "Call the roll, hand over by {time}" },
  giveLate: { zh: "已超时（应在 {time} 前交出）", en: "Late (due by {time})" },
  disputeTitle: { zh: "人数不符：{group} {kind}", en: "Counts differ: {group}, {kind}" },
  disputeLine: {
    zh: "{date} 交出 {give} 人，接收 {receive} 人，请核实",
    en: "{date}: {give} given, {receive} received; check it",
  },
  swapAcceptTitle: { zh: "{name} 请您代班", en: "{name} asks you to cover" },
  swapTradeTitle: { zh: "{name} 请您换班", en: "{name} asks you to swap" },
  swapApproveTitle: {
    zh: "换班待审批：{asker} → {counterpart}",
    en: "Swap to approve: {asker} → {counterpart}",
  },
  swapLine: { zh: "{give}", en: "{give}" },
  swapTradeLine: { zh: "{give}，换回 {take}", en: "{give}; back: {take}" },
  reminderTitle: { zh: "提交安全小结：{class}", en: "Submit the safety summary: {class}" },
  reminderWeek: { zh: "{from} 那一周，总务主任已提醒", en: "Week of {from}: the admin reminded you" },
  disputesSection: { zh: "人数不符（{n}）", en: "Counts differ ({n})" },
  restSection: { zh: "其他交接（{n}）", en: "Other hand-overs ({n})" },
  reminderNote: { zh: "{from} 那一周：{note}", en: "Week of {from}: {note}" },
});
