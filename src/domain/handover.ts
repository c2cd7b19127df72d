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
//   HO-6 until it is received, the giver (or an admin) may withdraw the roll call or give it
//        again corrected; the roll call it replaces is kept in the history. Once received it
//        stands.
//   HO-7 the receiver types the count they see (no default). A count that differs is a
//        dispute; the receiver may name the pupils they find missing (from those the giver
//        counted present) or leave it at the count. The giver, the receiver or an admin
//        settles it with 已核实 and a note (state "resolved"), which closes its alert.
//   HO-8 a pupil a roll call marked away (sick, picked up, on leave) who comes back is marked
//        back on that roll call's record with the time they came back; from then on the
//        custody chain holds them again (custody.ts CU-6). An unaccounted pupil comes back
//        only by being found (the alert's 已找到, CU-2).

import type { HandoverKind } from "./handover-kinds.ts";
import type { RollCall, RollCallGroup } from "./roll-call.ts";
import { rollCallCounts } from "./roll-call.ts";
import { CAMPUS, type DutySlot, dutySlotId } from "./roster.ts";
import { atLocal, type LocalDate } from "./school-calendar.ts";
import { parseClockTime, type TimeSlotSettings } from "./time-slots.ts";

export { HANDOVER_KINDS, HANDOVER_LABELS, type HandoverKind } from "./handover-kinds.ts";

export const HANDOVER_STATES = [
  "given",
  "received_first",
  "completed",
  "disputed",
  "resolved",
  "recorded",
] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export const HANDOVER_STATE_LABELS: Record<HandoverState, { zh: string; en: string }> = {
  given: { zh: "待接收", en: "Waiting for the receiver" },
  received_first: { zh: "已接收，待交出方点名", en: "Received; waiting for the giver's roll call" },
  completed: { zh: "已交接", en: "Handed over" },
  disputed: { zh: "人数不符", en: "Counts differ" },
  resolved: { zh: "人数不符·已核实", en: "Counts differed · settled" },
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
  /** HO-7: pupils the receiver finds missing (of those the giver counted present). */
  missing?: string[] | undefined;
}

/** HO-8: a pupil marked away by this roll call came back at `at`. */
export interface PupilReturn {
  pupilId: string;
  at: string;
  by: string;
  note?: string | undefined;
  mutationId: string;
}

/** HO-7: a dispute settled by 已核实. */
export interface DisputeResolution {
  by: string;
  at: string;
  note: string;
}

export const HISTORY_STEPS = [
  "give",
  "receive",
  "refused_give",
  "refused_receive",
  "corrected",
  "withdrawn",
  "resolved",
  "returned",
] as const;
export type HistoryStep = (typeof HISTORY_STEPS)[number];

export interface HandoverHistoryEntry {
  at: string;
  by: string;
  step: HistoryStep;
  note?: string | undefined;
  /** HO-6: the roll call a correction or a withdrawal replaced. */
  replaced?: GiveHalf | undefined;
  /** HO-8: the pupil marked back. */
  pupilId?: string | undefined;
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
  /** HO-8 (absent on records made before it). */
  returns?: PupilReturn[] | undefined;
  /** HO-7 (absent until a dispute is settled). */
  resolution?: DisputeResolution | null | undefined;
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
  if (h.receive.count === h.give.presentCount) return { ...h, state: "completed" };
  return { ...h, state: h.resolution ? "resolved" : "disputed" };
}

/** HO-7: the counts differ (disputed or settled). */
export function countsDiffer(h: Pick<Handover, "give" | "receive">): boolean {
  return !!h.give && !!h.receive && h.give.presentCount !== h.receive.count;
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
    // HO-6: the same giver gives it again corrected while nobody has received it.
    if (current.give.by === half.by && !current.receive && current.kind !== "bedCheck")
      return {
        outcome: "applied",
        handover: settle({
          ...current,
          give,
          history: [
            ...current.history,
            { at: half.at, by: half.by, step: "corrected", replaced: current.give },
          ],
        }),
      };
    if (current.give.by === half.by)
      return {
        outcome: "refused",
        handover: {
          ...current,
          history: [...current.history, { at: half.at, by: half.by, step: "refused_give" }],
        },
        message: `已被接收，不能再更正（${current.receive?.at ?? ""}） / already received at ${current.receive?.at ?? ""}: it can no longer be corrected`,
      };
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
  // HO-7: the missing pupils are some of those the giver counted present (checked once the
  // giver's roll call is known; received first, they are kept as named).
  const missing = missingProblem(current, half.missing);
  if (missing)
    return {
      outcome: "refused",
      handover: current,
      message: missing,
    };
  const next = settle({
    ...current,
    receive: half.missing && half.missing.length > 0 ? half : withoutMissing(half),
    history: [...current.history, { at: half.at, by: half.by, step: "receive" }],
  });
  return { outcome: "applied", handover: next };
}

function withoutMissing(half: ReceiveHalf): ReceiveHalf {
  const { missing: _, ...rest } = half;
  return rest;
}

/** HO-7: the pupils the giver counted present (expected, no exception). */
export function presentPupils(rollCall: RollCall): string[] {
  const marked = new Set(rollCall.exceptions.map((e) => e.pupilId));
  return rollCall.expected.filter((id) => !marked.has(id));
}

function missingProblem(current: Handover, missing: readonly string[] | undefined): string | undefined {
  if (!missing || missing.length === 0 || !current.give) return undefined;
  const present = new Set(presentPupils(current.give.rollCall));
  const strangers = missing.filter((id) => !present.has(id));
  if (strangers.length > 0)
    return `接收方标记缺少的学生不在交出方的实到名单里：${strangers.join("、")} / the pupils marked missing were not counted present by the giver: ${strangers.join(", ")}`;
  if (new Set(missing).size !== missing.length) return "缺少的学生有重复 / a missing pupil is named twice";
  return undefined;
}

/** HO-6: the giver (or an admin) withdraws a roll call nobody has received. */
export function applyWithdraw(
  current: Handover,
  by: { id: string; isAdmin: boolean },
  at: string,
): PairOutcome {
  const give = current.give;
  if (!give || current.kind === "bedCheck")
    return {
      outcome: "refused",
      handover: current,
      message: "没有可撤回的点名 / there is no roll call to withdraw",
    };
  if (current.receive)
    return {
      outcome: "refused",
      handover: current,
      message: `已被接收（${current.receive.at}），不能撤回 / already received at ${current.receive.at}: it cannot be withdrawn`,
    };
  if (give.by !== by.id && !by.isAdmin)
    return {
      outcome: "refused",
      handover: current,
      message: "只有交出方或管理员可以撤回 / only the giver or an admin may withdraw it",
    };
  return {
    outcome: "applied",
    handover: settle({
      ...current,
      give: null,
      history: [...current.history, { at, by: by.id, step: "withdrawn", replaced: give }],
    }),
  };
}

/** HO-7: 已核实 — the giver, the receiver or an admin settles a dispute with a note. */
export function applyResolve(
  current: Handover,
  by: { id: string; isAdmin: boolean },
  at: string,
  note: string,
): PairOutcome {
  if (current.state === "resolved" && current.resolution) return { outcome: "repeat", handover: current };
  if (current.state !== "disputed")
    return {
      outcome: "refused",
      handover: current,
      message: "这次交接没有人数不符需要核实 / this hand-over has no count dispute to settle",
    };
  const parties = [current.give?.by, current.receive?.by];
  if (!by.isAdmin && !parties.includes(by.id))
    return {
      outcome: "refused",
      handover: current,
      message: "只有交出方、接收方或管理员可以核实 / only the giver, the receiver or an admin may settle it",
    };
  const text = note.trim();
  if (!text)
    return {
      outcome: "refused",
      handover: current,
      message: "请写明核实的结果 / write what was checked and found",
    };
  return {
    outcome: "applied",
    handover: settle({
      ...current,
      resolution: { by: by.id, at, note: text },
      history: [...current.history, { at, by: by.id, step: "resolved", note: text }],
    }),
  };
}

/** HO-8: a pupil this roll call marked away came back at `back.at`. */
export function applyReturn(current: Handover, back: PupilReturn): PairOutcome {
  const returns = current.returns ?? [];
  if (returns.some((r) => r.mutationId === back.mutationId)) return { outcome: "repeat", handover: current };
  const exception = current.give?.rollCall.exceptions.find((e) => e.pupilId === back.pupilId);
  if (!current.give || !exception)
    return {
      outcome: "refused",
      handover: current,
      message: "这次点名没有把这名学生记为不在 / this roll call did not mark the pupil away",
    };
  if (exception.reason === "unaccounted")
    return {
      outcome: "refused",
      handover: current,
      message:
        "下落不明的学生请登记已找到 / an unaccounted pupil comes back by recording where they were found",
    };
  if (Date.parse(back.at) < Date.parse(current.give.at))
    return {
      outcome: "refused",
      handover: current,
      message: `回来的时间早于点名时间（${current.give.at}） / the time back is before the roll call (${current.give.at})`,
    };
  const earlier = returns.find((r) => r.pupilId === back.pupilId);
  if (earlier)
    return {
      outcome: "refused",
      handover: current,
      message: `已登记回来（${earlier.at}） / already marked back at ${earlier.at}`,
    };
  return {
    outcome: "applied",
    handover: {
      ...current,
      returns: [...returns, back],
      history: [
        ...current.history,
        { at: back.at, by: back.by, step: "returned", pupilId: back.pupilId, note: back.note },
      ],
    },
  };
}

/** HO-3: responsibility has passed (the receiver confirmed). */
export function hasPassed(h: Pick<Handover, "receive">): boolean {
  return h.receive !== null;
}
