// Swaps (换班, SPEC §1 "swaps recorded with who approved them"): one teacher asks, the other
// accepts, an admin approves, and both slots change together or not at all.
//
// Rules (tests in swap.test.ts cite them):
//   SW-1 the asker holds the slot they give; the counterpart is another active member of staff
//        who does not hold it; when the counterpart gives a slot back, they hold it and the
//        asker does not. Both slots are in the future (not yet begun) when asked and approved.
//   SW-2 steps: asked → accepted (by the counterpart) → approved (by an admin: applied);
//        asked → declined (counterpart); asked/accepted → refused (admin) or cancelled (asker).
//        Any other step is invalid; the same step twice is a recorded no-op.
//   SW-3 approving applies the swap to both slots as one all-or-nothing change: if either slot
//        changed since the swap was asked (its version differs from the one the asker saw), or
//        no longer fits SW-1, nothing changes and the swap becomes void (作废) with the reason.
//   SW-4 every step keeps who and when; the slots' history names the swap and the approver.
import { type DutySlot, slotStartsAt } from "./roster.ts";
import type { TimeSlotSettings } from "./time-slots.ts";

export const SWAP_STATES = [
  "asked",
  "accepted",
  "approved",
  "declined",
  "refused",
  "cancelled",
  "void",
] as const;
export type SwapState = (typeof SWAP_STATES)[number];

export const SWAP_STEPS = ["accept", "decline", "approve", "refuse", "cancel"] as const;
export type SwapStep = (typeof SWAP_STEPS)[number];

export const SWAP_STATE_LABELS: Record<SwapState, { zh: string; en: string }> = {
  asked: { zh: "待对方同意", en: "Waiting for the colleague" },
  accepted: { zh: "待审批", en: "Waiting for approval" },
  approved: { zh: "已批准", en: "Approved" },
  declined: { zh: "对方已拒绝", en: "Declined" },
  refused: { zh: "未批准", en: "Not approved" },
  cancelled: { zh: "已撤回", en: "Cancelled" },
  void: { zh: "已作废", en: "Void" },
};

export interface SwapSide {
  slotId: string;
  /** The slot's version when the asker saw it (SW-3). */
  version: number;
}

export interface SwapHistoryEntry {
  at: string;
  by: string;
  step: "ask" | SwapStep | "void";
  note?: string | undefined;
}

export interface Swap {
  id: string;
  askedBy: string;
  counterpartId: string;
  /** The asker's slot, handed to the counterpart. */
  give: SwapSide;
  /** The counterpart's slot handed back, or null when the counterpart only covers. */
  take: SwapSide | null;
  reason: string;
  state: SwapState;
  decidedBy: string | null;
  history: SwapHistoryEntry[];
}

/** SW-2: who may take each step from which states. */
const STEP_RULES: Record<
  SwapStep,
  { from: readonly SwapState[]; to: SwapState; who: "counterpart" | "admin" | "asker" }
> = {
  accept: { from: ["asked"], to: "accepted", who: "counterpart" },
  decline: { from: ["asked"], to: "declined", who: "counterpart" },
  approve: { from: ["accepted"], to: "approved", who: "admin" },
  refuse: { from: ["asked", "accepted"], to: "refused", who: "admin" },
  cancel: { from: ["asked", "accepted"], to: "cancelled", who: "asker" },
};

export interface SwapActor {
  id: string;
  isAdmin: boolean;
}

export type StepOutcome =
  | { outcome: "applied"; swap: Swap }
  | { outcome: "repeat"; swap: Swap }
  | { outcome: "forbidden"; message: string }
  | { outcome: "invalid"; message: string };

/** SW-2 and SW-4 (approve's slot changes are applySwap's). */
export function stepSwap(
  swap: Swap,
  step: SwapStep,
  actor: SwapActor,
  at: string,
  note?: string,
): StepOutcome {
  const rule = STEP_RULES[step];
  // Who may act is decided before "already done": someone who may not take a step gets
  // "forbidden", not a silent no-op (as in hazard-machine.ts).
  const allowed =
    rule.who === "admin"
      ? actor.isAdmin
      : rule.who === "asker"
        ? actor.id === swap.askedBy
        : actor.id === swap.counterpartId;
  if (!allowed) {
    const who = {
      admin: { zh: "管理员（总务主任）", en: "an admin (总务主任)" },
      asker: { zh: "提出换班的人", en: "the person who asked" },
      counterpart: { zh: "被请求换班的同事", en: "the colleague asked" },
    }[rule.who];
    return {
      outcome: "forbidden",
      message: `只有${who.zh}可以${STEP_ZH[step]}这个换班 / only ${who.en} may ${step} this swap`,
    };
  }
  if (swap.state === rule.to) return { outcome: "repeat", swap };
  if (!rule.from.includes(swap.state)) {
    return {
      outcome: "invalid",
      message: `换班已是“${SWAP_STATE_LABELS[swap.state].zh}”，不能再${STEP_ZH[step]} / the swap is ${swap.state}; it cannot be ${step}ed now`,
    };
  }
  return {
    outcome: "applied",
    swap: {
      ...swap,
      state: rule.to,
      decidedBy: rule.who === "admin" ? actor.id : swap.decidedBy,
      history: [...swap.history, { at, by: actor.id, step, note }],
    },
  };
}

const STEP_ZH: Record<SwapStep, string> = {
  accept: "同意",
  decline: "拒绝",
  approve: "批准",
  refuse: "驳回",
  cancel: "撤回",
};

export interface SwapSlots {
  give: { slot: DutySlot; version: number } | undefined;
  take: { slot: DutySlot; version: number } | undefined;
}

/** SW-1: what is wrong with the swap's slots as they are now (versions aside). */
export function swapProblem(
  swap: Pick<Swap, "askedBy" | "counterpartId" | "take">,
  slots: SwapSlots,
  today: string,
): string | undefined {
  const give = slots.give?.slot;
  if (!give) return "the slot to give does not exist / 要换出的值班不存在";
  if (!give.staffIds.includes(swap.askedBy)) return `you do not hold ${give.id} / 您不在这个值班上`;
  if (give.staffIds.includes(swap.counterpartId))
    return `the colleague already holds ${give.id} / 对方已在这个值班上`;
  if (give.date < today) return `${give.date} has passed / 该值班日期已过`;
  if (swap.take) {
    const take = slots.take?.slot;
    if (!take) return "the slot to take does not exist / 要换入的值班不存在";
    if (take.id === give.id) return "a slot cannot be swapped with itself / 不能和同一个值班互换";
    if (!take.staffIds.includes(swap.counterpartId))
      return `the colleague does not hold ${take.id} / 对方不在要换入的值班上`;
    if (take.staffIds.includes(swap.askedBy)) return `you already hold ${take.id} / 您已在要换入的值班上`;
    if (take.date < today) return `${take.date} has passed / 要换入的值班日期已过`;
  }
  return undefined;
}

/**
 * SW-1, to the minute: swapProblem() compares dates; this refuses a slot of today that has
 * already begun (the evening duty at 17:00 can no longer be handed over by a swap).
 */
export function begunSlotProblem(
  slots: SwapSlots,
  now: Date,
  settings: { timeSlots: TimeSlotSettings; timeZone: string },
): string | undefined {
  for (const side of [slots.give, slots.take]) {
    if (!side) continue;
    if (slotStartsAt(side.slot, settings.timeSlots, settings.timeZone).getTime() <= now.getTime())
      return `${side.slot.id} has already begun / 该值班已经开始，不能再换`;
  }
  return undefined;
}

export type ApplyOutcome = { ok: true; slots: DutySlot[] } | { ok: false; reason: string };

/** SW-3 and SW-4: both slots changed, or neither. */
export function applySwap(
  swap: Swap,
  slots: SwapSlots,
  approverId: string,
  at: string,
  today: string,
): ApplyOutcome {
  const changed = [
    slots.give && slots.give.version !== swap.give.version ? swap.give.slotId : undefined,
    swap.take && slots.take && slots.take.version !== swap.take.version ? swap.take.slotId : undefined,
  ].filter(Boolean);
  if (changed.length > 0)
    return {
      ok: false,
      reason: `值班已变动（${changed.join("，")}） / the roster changed since the swap was asked: ${changed.join(", ")}`,
    };
  const problem = swapProblem(swap, slots, today);
  if (problem) return { ok: false, reason: problem };
  const replace = (slot: DutySlot, from: string, to: string): DutySlot => {
    const staffIds = slot.staffIds.map((id) => (id === from ? to : id));
    return {
      ...slot,
      staffIds,
      source: "swapped",
      history: [
        ...slot.history,
        { at, by: swap.askedBy, change: "swapped", staffIds, approvedBy: approverId, swapId: swap.id },
      ],
    };
  };
  const out = [replace((slots.give as { slot: DutySlot }).slot, swap.askedBy, swap.counterpartId)];
  if (swap.take && slots.take) out.push(replace(slots.take.slot, swap.counterpartId, swap.askedBy));
  return { ok: true, slots: out };
}
