// 换班 as the phone shows it (SPEC §1 "swaps recorded with who approved them", domain/swap.ts):
// which of my slots I can offer (not yet begun, SW-1), which of the colleague's I can take
// back, what is wrong with an ask before it is saved, and the three lists — waiting for me,
// asked by me, waiting for an admin's approval — with why a swap ended. Pure.

import {
  DUTY_KINDS,
  type DutyKind,
  type DutySlot,
  heldInterval,
  slotsHeldBy,
} from "../../../domain/roster.ts";
import { atLocal, type LocalDate } from "../../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import type { Swap, SwapHistoryEntry } from "../../../domain/swap.ts";

/** A record as the view gives it (Entry<T>). */
export interface Shown<T> {
  entity: T;
  version: number | null;
  hasPendingChanges: boolean;
}

/** SW-1: a slot can be swapped until it begins. */
export function hasBegun(
  slot: Pick<DutySlot, "date" | "kind">,
  settings: EffectiveSettings,
  now: Date,
): boolean {
  const h = heldInterval(slot.date, slot.kind, settings.timeSlots);
  return atLocal(h.startDate, h.startMinute, settings.timeZone).getTime() <= now.getTime();
}

/** A person's slots not yet begun, up to and including `until`, in date and day order. */
export function upcomingSlotsOf(
  staffId: string,
  slots: readonly Shown<DutySlot>[],
  settings: EffectiveSettings,
  now: Date,
  until: LocalDate,
): Shown<DutySlot>[] {
  const byId = new Map(slots.map((e) => [e.entity.id, e]));
  return slotsHeldBy(
    staffId,
    slots.map((e) => e.entity),
  )
    .filter((s) => s.date <= until && !hasBegun(s, settings, now))
    .map((s) => byId.get(s.id) as Shown<DutySlot>);
}

export interface AskDraft {
  giveId: string;
  counterpartId: string;
  takeId: string;
  reason: string;
}

export type AskField = "give" | "counterpart" | "take" | "reason";

export interface AskProblem {
  field: AskField;
  zh: string;
  en: string;
}

/** SW-1, checked on the phone before the ask is saved (the server checks again). */
export function askProblems(
  draft: AskDraft,
  me: string,
  slots: ReadonlyMap<string, Shown<DutySlot>>,
  settings: EffectiveSettings,
  now: Date,
): AskProblem[] {
  const problems: AskProblem[] = [];
  const give = slots.get(draft.giveId);
  if (!draft.giveId)
    problems.push({ field: "give", zh: "请选择要换出的值班", en: "Choose the duty to give away" });
  else if (!give?.entity.staffIds.includes(me))
    problems.push({ field: "give", zh: "您不在这个值班上", en: "You do not hold this duty" });
  else if (hasBegun(give.entity, settings, now))
    problems.push({
      field: "give",
      zh: "这个值班已经开始，不能再换",
      en: "This duty has begun: it cannot be swapped",
    });
  else if (!give.version)
    problems.push({
      field: "give",
      zh: "这个值班还没同步到服务器，请联网同步后再申请",
      en: "This duty has not reached the server yet: sync, then ask",
    });

  if (!draft.counterpartId)
    problems.push({ field: "counterpart", zh: "请选择换班的同事", en: "Choose the colleague" });
  else if (draft.counterpartId === me)
    problems.push({ field: "counterpart", zh: "不能和自己换班", en: "You cannot swap with yourself" });
  else if (give?.entity.staffIds.includes(draft.counterpartId))
    problems.push({
      field: "counterpart",
      zh: "这位同事已在这个值班上",
      en: "This colleague already holds that duty",
    });

  if (draft.takeId) {
    const take = slots.get(draft.takeId);
    if (!take?.entity.staffIds.includes(draft.counterpartId))
      problems.push({
        field: "take",
        zh: "对方不在要换入的值班上",
        en: "The colleague does not hold that duty",
      });
    else if (take.entity.staffIds.includes(me))
      problems.push({ field: "take", zh: "您已在要换入的值班上", en: "You already hold that duty" });
    else if (hasBegun(take.entity, settings, now))
      problems.push({ field: "take", zh: "要换入的值班已经开始", en: "That duty has begun" });
    else if (!take.version)
      problems.push({
        field: "take",
        zh: "要换入的值班还没同步到服务器",
        en: "That duty has not reached the server yet",
      });
  }
  if (draft.reason.trim().length > 200)
    problems.push({ field: "reason", zh: "理由最多 200 个字", en: "The reason is at most 200 characters" });
  return problems;
}

export interface SwapLists {
  /** Asked of me, waiting for my answer (accept / decline). */
  incoming: Shown<Swap>[];
  /** Asked by me, every state, newest first. */
  mine: Shown<Swap>[];
  /** Asked of me and already answered (or decided): so I see how it ended. */
  answered: Shown<Swap>[];
  /** Admins: accepted by the colleague, waiting for approval (approve / refuse). */
  toApprove: Shown<Swap>[];
}

/** SW-2: who answers next. Lists keep the view's order (newest first). */
export function swapLists(swaps: readonly Shown<Swap>[], me: string, isAdmin: boolean): SwapLists {
  return {
    incoming: swaps.filter((e) => e.entity.counterpartId === me && e.entity.state === "asked"),
    mine: swaps.filter((e) => e.entity.askedBy === me),
    answered: swaps.filter((e) => e.entity.counterpartId === me && e.entity.state !== "asked"),
    toApprove: isAdmin ? swaps.filter((e) => e.entity.state === "accepted") : [],
  };
}

/** SW-4: why a swap ended without being applied (the note of its last decline / refuse / void). */
export function endNote(swap: Swap): SwapHistoryEntry | undefined {
  if (swap.state !== "declined" && swap.state !== "refused" && swap.state !== "void") return undefined;
  const step = swap.state === "declined" ? "decline" : swap.state === "refused" ? "refuse" : "void";
  return [...swap.history].reverse().find((h) => h.step === step);
}

/** "2026-12-01|evening|campus" → its date and kind, for a slot this phone does not have. */
export function parseSlotId(id: string): { date: LocalDate; kind: DutyKind } | undefined {
  const [date, kind] = id.split("|");
  if (!date || !kind || !(DUTY_KINDS as readonly string[]).includes(kind)) return undefined;
  return { date, kind: kind as DutyKind };
}
