// The out-of-window prompt's words (rounds.ts RD-7, roll-call-windows.ts RW-3), zh-CN first.
// They load with the round and roll-call pages, which are the only ones that ask.
import { defineMessages } from "./i18n.ts";

export const wt = defineMessages({
  earlyTitle: { zh: "还没到{what}时间", en: "{what}: not yet its time" },
  lateTitle: { zh: "{what}时间已过", en: "{what}: its time has passed" },
  window: {
    zh: "{what}的时间是 {start}–{end}，现在是 {now}。",
    en: "{what} is done {start}–{end}; it is {now} now.",
  },
  earlyRoundNote: {
    zh: "现在保存记为“提前”，不算作这次{what}。",
    en: "Saved now it is kept as early and does not count as this round.",
  },
  earlyRoundCounts: {
    zh: "学校允许提前检查：现在保存记为“提前”，仍算作这次{what}。",
    en: "The school counts early rounds: kept as early, it still counts.",
  },
  lateRoundNote: { zh: "现在保存记为补查。", en: "Saved now it is kept as late." },
  askReason: { zh: "请说明原因", en: "Say why" },
  reasonPlaceholder: { zh: "也可以自己写", en: "Or type your own" },
  reasonMissing: { zh: "请点一个原因或写几个字", en: "Tap a reason or type a few words" },
  reasonTooLong: { zh: "原因最多 {max} 字（现在 {n} 字）", en: "At most {max} characters ({n} now)" },
  chipEarlyDismissal: { zh: "提前放学", en: "Early dismissal" },
  chipScheduleChange: { zh: "临时调整", en: "Schedule change" },
  chipRecordedLater: { zh: "事后补录", en: "Recorded afterwards" },
  chipOtherDuty: { zh: "另有公务", en: "Other duty" },
  confirm: { zh: "填好原因，保存", en: "Save with this reason" },
  cancel: { zh: "先不保存", en: "Not now" },
});

/** The quick reasons offered, roll calls first with 提前放学 (issue #14 §3). */
export const ROLL_CALL_CHIPS = ["chipEarlyDismissal", "chipScheduleChange", "chipRecordedLater"] as const;
export const ROUND_CHIPS = ["chipScheduleChange", "chipOtherDuty", "chipRecordedLater"] as const;
