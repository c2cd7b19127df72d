// The two hand-overs (两个交接, SPEC §3): at evening dismissal the class teacher hands the
// class's boarders to the evening duty teacher; before bed the evening duty teacher hands each
// dorm room to its caretaker. Each is a roll call (roll-call.ts) given by one adult and
// confirmed by the next; the caretaker's bed checks in the night are roll calls with no
// receiver. The halves meet on one record whatever order and phones they come from.
//
// Rules (tests in handover.test.ts cite them):
//   HO-1 one hand-over per date, kind and class (dismissal) or dorm room (bedtime): its id is
//        made of those, so both halves, made offline on any phones, land on the same record.
//        A bed check is its own record each time (a ULID).
//   HO-2 the receiver is the roster's holder of the next slot: the evening duty teacher(s) for
//        dismissal, the caretaker(s) of the room (else of its building) for bedtime. With nobody
//        on the roster (a gap), any duty teacher (dismissal) or caretaker (bedtime) may receive;
//        an admin always may. The giver may not receive their own hand-over.
//   HO-3 the giver's half and the receiver's half pair in either order. The receiver confirms
//        the count present; equal to the giver's present count → completed; different →
//        disputed (an alert to the duty chain). Responsibility passes when the receiver
//        confirms, and both names and times are kept.
//   HO-4 the first giver's half stands: a second giver's half is kept in the history and shown
//        as refused; the same receiver confirming twice is a no-op; a second receiver's half is
//        likewise kept and refused.
//   HO-5 late: a hand-over not completed by its slot boundary plus the grace (dismissal: the
//        evening slot's start; bedtime: the night slot's start; default grace 30 minutes) is
//        late, and stays marked late when completed after it.

import type { HandoverKind } from "./handover-kinds.ts";
import type { RollCall, RollCallGroup } from "./roll-call.ts";
import { rollCallCounts } from "./roll-call.ts";
import { CAMPUS, type DutySlot, dutySlotId } from "./roster.ts";
import { atLocal, type LocalDate } from "./school-calendar.ts";
import { parseClockTime, type TimeSlotSettings } from "./time-slots.ts";

export { HANDOVER_KINDS, HANDOVER_LABELS, type HandoverKind } from "./handover-kinds.ts";

export const HANDOVER_STATES = ["given", "received_first", "completed", "disputed", "recorded"] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export const HANDOVER_STATE_LABELS: Record<HandoverState, { zh: string; en: string }> = {
  given: { zh: "待接收", en: "Waiting for the receiver" },
  received_first: { zh: "已接收，待交出方点名", en: "Received; waiting for the giver's roll call" },
  completed: { zh: "已交接", en: "Handed over" },
  disputed: { zh: "人数不符", en: "Counts differ" },
  recorded: { zh: "已查寝", en: "Checked" },
};

/** Minutes after the boundary before a hand-over counts as late (HO-5). */
export const DEFAULT_HANDOVER_GRACE_MINUTES = 30;

/** HO-1. */
export function handoverId(
  date: LocalDate,
  kind: Exclude<HandoverKind, "bedCheck">,
  group: RollCallGroup,
): string {
  return `${date}|${kind}|${group.kind === "class" ? `class:${group.classId}` : `room:${group.roomId}`}`;
}

/** The group each kind is given for. */
export function groupKindOf(kind: HandoverKind): RollCallGroup["kind"] {
  return kind === "dismissal" ? "class" : "room";
}

export interface GiveHalf {
  by: string;
  at: string;
  rollCall: RollCall;
  /** Present as the giver counted (RC-3), kept so the pairing never recounts differently. */
  presentCount: number;
  /** Whom the roster named as receivers when given (HO-2). */
  receiverIds: string[];
  mutationId: string;
  /** Why it was given outside its window (roll-call-windows.ts RW-3). */
  outsideWindow?: { reason: string } | undefined;
}

export interface ReceiveHalf {
  by: string;
  at: string;
  /** The number present as the receiver counted them. */
  count: number;
  /** Confirmed on the receiver's own phone, or on the giver's with the receiver's PIN. */
  confirmedOn: "own_phone" | "giver_phone";
  mutationId: string;
}

export interface HandoverHistoryEntry {
  at: string;
  by: string;
  step: "give" | "receive" | "refused_give" | "refused_receive";
  note?: string | undefined;
}

export interface Handover {
  id: string;
  date: LocalDate;
  kind: HandoverKind;
  group: RollCallGroup;
  give: GiveHalf | null;
  receive: ReceiveHalf | null;
  state: HandoverState;
  /** HO-5, set when the hand-over completes (or is disputed) after its deadline. */
  late: boolean;
  /** The dispute's alert (HO-3), if one was raised. */
  alertId: string | null;
  history: HandoverHistoryEntry[];
}

/** HO-5: when a hand-over of a date is due. */
export function handoverDeadline(
  date: LocalDate,
  kind: HandoverKind,
  settings: { timeSlots: TimeSlotSettings; timeZone: string },
  graceMinutes = DEFAULT_HANDOVER_GRACE_MINUTES,
): Date | null {
  if (kind === "bedCheck") return null;
  const boundary = kind === "dismissal" ? settings.timeSlots.evening.start : settings.timeSlots.night.start;
  return atLocal(date, (parseClockTime(boundary) ?? 0) + graceMinutes, settings.timeZone);
}

/** HO-5: not completed by the deadline (at `now`, or at the moment it completed). */
export function isLate(
  handover: Pick<Handover, "date" | "kind" | "receive">,
  now: Date,
  settings: { timeSlots: TimeSlotSettings; timeZone: string },
): boolean {
  const deadline = handoverDeadline(handover.date, handover.kind, settings);
  if (!deadline) return false;
  const doneAt = handover.receive ? new Date(handover.receive.at) : now;
  return doneAt.getTime() > deadline.getTime();
}

export interface ReceiverRoster {
  slot(id: string): DutySlot | undefined;
}

/** HO-2: whom the roster names to receive a hand-over (empty: a gap on the roster). */
export function rosterReceivers(
  date: LocalDate,
  kind: HandoverKind,
  group: RollCallGroup,
  roster: ReceiverRoster,
  roomBuilding?: string,
): string[] {
  if (kind === "dismissal") return roster.slot(dutySlotId(date, "evening", CAMPUS))?.staffIds ?? [];
  if (kind === "bedtime" && group.kind === "room") {
    const own =
      roster.slot(dutySlotId(date, "night", { kind: "room", roomId: group.roomId }))?.staffIds ?? [];
    if (own.length > 0 || roomBuilding === undefined) return own;
    return (
      roster.slot(dutySlotId(date, "night", { kind: "building", building: roomBuilding }))?.staffIds ?? []
    );
  }
  return [];
}

/** HO-2: may this person receive? */
export function mayReceive(
  person: { id: string; roles: readonly string[] },
  handover: Pick<Handover, "kind" | "give">,
  rosterNames: readonly string[],
): boolean {
  if (handover.give && handover.give.by === person.id) return false;
  if (person.roles.includes("admin")) return true;
  if (rosterNames.length > 0) return rosterNames.includes(person.id);
  return person.roles.includes(handover.kind === "dismissal" ? "duty_teacher" : "dorm_caretaker");
}

export type PairOutcome =
  | { outcome: "applied"; handover: Handover }
  | { outcome: "repeat"; handover: Handover }
  | { outcome: "refused"; handover: Handover; message: string };

function settle(h: Handover): Handover {
  if (h.kind === "bedCheck") return { ...h, state: "recorded" };
  if (!h.give) return { ...h, state: h.receive ? "received_first" : "given" };
  if (!h.receive) return { ...h, state: "given" };
  return { ...h, state: h.receive.count === h.give.presentCount ? "completed" : "disputed" };
}

/** An empty record for the id, before either half arrives. */
export function emptyHandover(
  id: string,
  date: LocalDate,
  kind: HandoverKind,
  group: RollCallGroup,
): Handover {
  return {
    id,
    date,
    kind,
    group,
    give: null,
    receive: null,
    state: "given",
    late: false,
    alertId: null,
    history: [],
  };
}

/** HO-3, HO-4: the giver's half arrives. */
export function applyGive(current: Handover, half: Omit<GiveHalf, "presentCount">): PairOutcome {
  const give: GiveHalf = { ...half, presentCount: rollCallCounts(half.rollCall).present };
  if (current.give) {
    if (current.give.mutationId === half.mutationId) return { outcome: "repeat", handover: current };
    return {
      outcome: "refused",
      handover: {
        ...current,
        history: [...current.history, { at: half.at, by: half.by, step: "refused_give" }],
      },
      message: `已由他人点名交出（${current.give.at}） / the roll call was already given by someone else at ${current.give.at}`,
    };
  }
  // HO-2: the giver may not receive their own hand-over. Given first, the receive is refused
  // (mayReceive); received first, the same person's receive is undone here, so the record ends
  // the same in either order.
  if (current.receive && current.receive.by === half.by) {
    const selfReceive = current.receive;
    const next = settle({
      ...current,
      give,
      receive: null,
      history: [
        ...current.history,
        { at: half.at, by: half.by, step: "give" },
        {
          at: selfReceive.at,
          by: selfReceive.by,
          step: "refused_receive",
          note: "交出方不能接收自己的交接 / the giver cannot receive their own hand-over",
        },
      ],
    });
    return { outcome: "applied", handover: next };
  }
  const next = settle({
    ...current,
    give,
    history: [...current.history, { at: half.at, by: half.by, step: "give" }],
  });
  return { outcome: "applied", handover: next };
}

/** HO-3, HO-4: the receiver's half arrives. */
export function applyReceive(current: Handover, half: ReceiveHalf): PairOutcome {
  if (current.kind === "bedCheck")
    return { outcome: "refused", handover: current, message: "查寝没有接收方 / a bed check has no receiver" };
  if (current.give && current.give.by === half.by)
    return {
      outcome: "refused",
      handover: {
        ...current,
        history: [...current.history, { at: half.at, by: half.by, step: "refused_receive" }],
      },
      message: "交出方不能接收自己的交接 / the giver cannot receive their own hand-over",
    };
  if (current.receive) {
    if (current.receive.by === half.by) return { outcome: "repeat", handover: current };
    return {
      outcome: "refused",
      handover: {
        ...current,
        history: [...current.history, { at: half.at, by: half.by, step: "refused_receive" }],
      },
      message: `已由他人接收（${current.receive.at}） / already received by someone else at ${current.receive.at}`,
    };
  }
  const next = settle({
    ...current,
    receive: half,
    history: [...current.history, { at: half.at, by: half.by, step: "receive" }],
  });
  return { outcome: "applied", handover: next };
}

/** HO-3: responsibility has passed (the receiver confirmed). */
export function hasPassed(h: Pick<Handover, "receive">): boolean {
  return h.receive !== null;
}
