// 等我处理 (issue #14 §5), pure: what waits on this person now, from what the phone has — the
// hand-overs given to me and not yet received (HO-2: the roster names me, or nobody and I hold
// the receiving role), disputed counts I am part of or, as the admin, must see (HO-3), the
// hand-overs I must give once their time has come (my class at dismissal, the evening duty's
// dorm rooms at bedtime: handovers-model.ts decides which are mine), swaps asked of me or, as
// the admin, to approve (SW-2, only while the duty has not begun: SW-1), and the admin's
// reminders naming a class of mine whose summary is not in (WS-3). The home card lists them,
// the home tab counts them, and 交接 puts them first (handovers-page.tsx).
import { HANDOVER_LABELS, type Handover, handoverDeadline, mayReceive } from "../../../domain/handover.ts";
import type { RollCallGroup } from "../../../domain/roll-call.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import type { Swap } from "../../../domain/swap.ts";
import type { WeeklySummary } from "../../../domain/weekly-summary.ts";
import type { SummaryReminder } from "../../../protocol/summary.ts";
import { formatClock, inLang } from "../../ui/i18n.ts";
import { dayTitle, dutyName } from "../duty/duty-parts.tsx";
import { disputeLink } from "../handovers/dispute-link.ts";
import type { HandoverItem, MyHandovers } from "../handovers/handovers-model.ts";
import { openReminders } from "../summaries/summaries-model.ts";
import { summaryLink } from "../summaries/summary-model.ts";
import { hasBegun, parseSlotId } from "../swaps/swaps-model.ts";
import { wt } from "./waiting-text.ts";

/** In the order the card lists them: what someone else stands waiting on comes first. */
export const WAITING_KINDS = ["receive", "dispute", "give", "swapAccept", "swapApprove", "reminder"] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

export interface WaitingItem {
  key: string;
  kind: WaitingKind;
  title: string;
  line: string;
  /** The page that opens it. */
  link: string;
  /** Late or disputed: shown in red. */
  isUrgent: boolean;
}

type Me = { id: string; roles: readonly string[] };
type Settings = Pick<EffectiveSettings, "timeSlots" | "timeZone">;

/**
 * A hand-over's roll call is due from this long before its boundary (dismissal: the evening
 * slot's start; bedtime: the night slot's start), so the class teacher sees it as the last
 * lesson ends, not from the morning on.
 */
export const GIVE_LEAD_MINUTES = 30;

/** HO-2: given, not received, and the roster names me (a gap: I hold the receiving role). */
export function waitsToReceive(item: Pick<HandoverItem, "handover" | "receiverIds">, me: Me): boolean {
  const h = item.handover;
  if (!h?.give || h.receive || h.kind === "bedCheck") return false;
  // An admin may always receive (HO-2), but is not the one expected: it waits on them only
  // when they also hold the receiving role.
  return mayReceive({ id: me.id, roles: me.roles.filter((r) => r !== "admin") }, h, item.receiverIds);
}

/** Not given yet (received first still waits for the giver's roll call), and its time has come. */
export function waitsToGive(
  item: Pick<HandoverItem, "handover" | "kind">,
  date: string,
  now: Date,
  settings: Settings,
): boolean {
  if (item.handover?.give || item.kind === "bedCheck") return false;
  const from = handoverDeadline(date, item.kind, settings, -GIVE_LEAD_MINUTES);
  return from !== null && now.getTime() >= from.getTime();
}

/**
 * HO-3, HO-7: a disputed count waits until it is settled (state "resolved") or its alert is
 * closed; one without an alert yet (made offline) waits too.
 */
export function isOpenDispute(h: Handover | null, alertStatus: ReadonlyMap<string, string>): boolean {
  if (h?.state !== "disputed") return false;
  return h.alertId === null || alertStatus.get(h.alertId) !== "resolved";
}

/** The giver, the receiver, and the admin, who runs the school's hand-overs. */
export function isMyDispute(h: Handover, me: Me): boolean {
  return h.give?.by === me.id || h.receive?.by === me.id || me.roles.includes("admin");
}

export interface WaitingInput {
  me: Me;
  now: Date;
  settings: EffectiveSettings;
  /** The duty date's hand-overs (handovers-model.ts buildMyHandovers, with `now`). */
  today: MyHandovers;
  /** The duty date these are of. */
  date: string;
  /** Hand-overs of the last days: a dispute waits after its night. */
  recent: readonly Handover[];
  /** Alert statuses on this phone by id. */
  alertStatus: ReadonlyMap<string, string>;
  swaps: readonly Swap[];
  /** This and last week's reminders and summaries. */
  reminders: readonly SummaryReminder[];
  summaries: readonly WeeklySummary[];
  /** The classes I am class teacher of, with their names. */
  myClasses: readonly { id: string; name: string }[];
  staffName(id: string): string;
  groupName(group: RollCallGroup): string;
}

/** "12月1日 星期二 晚间值日": a duty slot by id. */
function slotText(slotId: string): string {
  const key = parseSlotId(slotId);
  return key ? `${dayTitle(key.date)} ${dutyName(key.kind)}` : slotId;
}

export function waitingFor(input: WaitingInput): WaitingItem[] {
  const { me, now, settings, today, date } = input;
  const tz = settings.timeZone;
  const items: WaitingItem[] = [];
  const kindText = (h: Pick<Handover, "kind">) => inLang(HANDOVER_LABELS[h.kind]);

  for (const item of today.groups) {
    const h = item.handover;
    if (!h?.give || !waitsToReceive(item, me)) continue;
    items.push({
      key: `receive|${item.key}`,
      kind: "receive",
      title: wt("receiveTitle", { group: item.groupName, kind: kindText(item) }),
      line: wt("receiveLine", {
        name: input.staffName(h.give.by),
        time: formatClock(new Date(h.give.at), tz),
        n: h.give.presentCount,
      }),
      link: item.link,
      isUrgent: item.isLate,
    });
  }

  const disputes = new Map(input.recent.map((h) => [h.id, h]));
  for (const h of disputes.values()) {
    if (!isOpenDispute(h, input.alertStatus) || !isMyDispute(h, me) || h.kind === "bedCheck") continue;
    items.push({
      key: `dispute|${h.id}`,
      kind: "dispute",
      title: wt("disputeTitle", { group: input.groupName(h.group), kind: kindText(h) }),
      line: wt("disputeLine", {
        date: dayTitle(h.date),
        give: h.give?.presentCount ?? 0,
        receive: h.receive?.count ?? 0,
      }),
      link: disputeLink(h.id),
      isUrgent: true,
    });
  }

  for (const item of today.toGive) {
    if (!waitsToGive(item, date, now, settings)) continue;
    const deadline = handoverDeadline(date, item.kind, settings);
    const time = deadline ? formatClock(deadline, tz) : "";
    items.push({
      key: `give|${item.key}`,
      kind: "give",
      title: wt("giveTitle", { group: item.groupName, kind: kindText(item) }),
      line: item.isLate ? wt("giveLate", { time }) : wt("giveLine", { time }),
      link: item.link,
      isUrgent: item.isLate,
    });
  }

  // SW-1: a swap of a duty that has begun can no longer be answered.
  const isAhead = (s: Swap) => {
    const slot = parseSlotId(s.give.slotId);
    return slot !== undefined && !hasBegun(slot, settings, now);
  };
  const swapLine = (s: Swap) =>
    s.take
      ? wt("swapTradeLine", { give: slotText(s.give.slotId), take: slotText(s.take.slotId) })
      : wt("swapLine", { give: slotText(s.give.slotId) });
  for (const s of input.swaps) {
    if (s.state !== "asked" || s.counterpartId !== me.id || !isAhead(s)) continue;
    items.push({
      key: `swap|${s.id}`,
      kind: "swapAccept",
      title: wt(s.take ? "swapTradeTitle" : "swapAcceptTitle", { name: input.staffName(s.askedBy) }),
      line: swapLine(s),
      link: "/swaps",
      isUrgent: false,
    });
  }
  if (me.roles.includes("admin"))
    for (const s of input.swaps) {
      if (s.state !== "accepted" || !isAhead(s)) continue;
      items.push({
        key: `swap|${s.id}`,
        kind: "swapApprove",
        title: wt("swapApproveTitle", {
          asker: input.staffName(s.askedBy),
          counterpart: input.staffName(s.counterpartId),
        }),
        line: swapLine(s),
        link: "/swaps",
        isUrgent: false,
      });
    }

  // Newest first (openReminders): the admin reminding a class twice for a week is one item.
  const className = new Map(input.myClasses.map((c) => [c.id, c.name]));
  const reminded = new Set<string>();
  for (const { reminder, classIds } of openReminders(
    input.reminders,
    input.summaries,
    input.myClasses.map((c) => c.id),
    now,
    tz,
  )) {
    const fresh = classIds.filter((id) => !reminded.has(`${reminder.weekStart}|${id}`));
    if (fresh.length === 0) continue;
    for (const id of fresh) reminded.add(`${reminder.weekStart}|${id}`);
    const from = dayTitle(reminder.weekStart);
    items.push({
      key: `reminder|${reminder.id}`,
      kind: "reminder",
      title: wt("reminderTitle", { class: fresh.map((id) => className.get(id) ?? id).join("、") }),
      line: reminder.note.trim()
        ? wt("reminderNote", { from, note: reminder.note.trim() })
        : wt("reminderWeek", { from }),
      link: summaryLink(reminder.weekStart, fresh[0] as string),
      isUrgent: false,
    });
  }
  return items.sort((a, b) => WAITING_KINDS.indexOf(a.kind) - WAITING_KINDS.indexOf(b.kind));
}

export interface HandoversInOrder {
  /** Given to me, not yet received (HO-2). */
  toReceive: HandoverItem[];
  /** Today's disputed counts I am part of, or as the admin must see (HO-3). */
  disputes: HandoverItem[];
  /** Mine to give and not given yet. */
  toGive: HandoverItem[];
  /** The rest of mine: not given to me yet, received, given by me; each once. */
  rest: { item: HandoverItem; role: "give" | "receive" }[];
}

/**
 * 交接's order (issue #14 §5): what waits for me first, then what I must give, then the rest;
 * each list holds only what is still in that state, so its count drops as work is done.
 */
export function handoversInOrder(
  mine: MyHandovers,
  me: Me,
  alertStatus: ReadonlyMap<string, string>,
): HandoversInOrder {
  const toReceive = mine.groups.filter((i) => waitsToReceive(i, me));
  const disputes = mine.groups.filter(
    (i) => i.handover !== null && isOpenDispute(i.handover, alertStatus) && isMyDispute(i.handover, me),
  );
  const toGive = mine.toGive.filter((i) => !i.handover?.give);
  const shown = new Set([...toReceive, ...disputes, ...toGive].map((i) => i.key));
  const rest: HandoversInOrder["rest"] = [];
  for (const [list, role] of [
    [mine.toReceive, "receive"],
    [mine.toGive, "give"],
  ] as const)
    for (const item of list) {
      if (shown.has(item.key)) continue;
      shown.add(item.key);
      rest.push({ item, role });
    }
  return { toReceive, disputes, toGive, rest };
}
