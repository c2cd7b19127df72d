// 交接 /handovers and the home card, pure: from the day's hand-over records, the roster and the
// school's classes and rooms, what each person has to do on a duty date (SPEC §3 两个交接) —
// a class teacher gives the class's boarders at dismissal; the evening duty teacher receives
// each class and gives each dorm room at bedtime; a caretaker receives their rooms and checks
// beds in the night. Admin and principal see every group of the day. HO-2 says who receives,
// HO-5 what is late.
import {
  type Handover,
  type HandoverKind,
  handoverId,
  isLate,
  type ReceiverRoster,
  rosterReceivers,
} from "../../../domain/handover.ts";
import type { RollCallGroup } from "../../../domain/roll-call.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";
import type { TimeSlotSettings } from "../../../domain/time-slots.ts";

export interface Shown<T> {
  entity: T;
  hasPendingChanges: boolean;
}

export interface NamedClass {
  id: string;
  name: string;
  classTeacherId: string | null;
  /** Only classes with boarders have a dismissal hand-over. */
  boarderCount: number;
}

export interface NamedRoom {
  id: string;
  name: string;
  building: string;
  boarderCount: number;
}

export interface HandoverItem {
  key: string;
  kind: HandoverKind;
  group: RollCallGroup;
  groupName: string;
  handover: Handover | null;
  isPending: boolean;
  /** HO-5, at `now` or when it completed. */
  isLate: boolean;
  /** HO-2: whom the roster names to receive. */
  receiverIds: string[];
  /** The roll-call page for it. */
  link: string;
  /** Bed checks of the night for the room (kind bedCheck only). */
  checks?: Handover[];
}

export interface MyHandovers {
  toGive: HandoverItem[];
  toReceive: HandoverItem[];
  bedChecks: HandoverItem[];
  /** Admin and principal: every group of the day; null for others. */
  all: HandoverItem[] | null;
  /** Every group of the day, whoever asks (home/waiting-model.ts: a roster gap's receivers). */
  groups: HandoverItem[];
}

export interface MyHandoversInput {
  me: { id: string; roles: readonly string[] };
  date: LocalDate;
  now: Date;
  settings: { timeSlots: TimeSlotSettings; timeZone: string };
  classes: readonly NamedClass[];
  rooms: readonly NamedRoom[];
  roster: ReceiverRoster;
  handovers: readonly Shown<Handover>[];
  /** No dismissal on a day without classes (weekend, holiday); default true. */
  isSchoolDay?: boolean;
}

export function rollCallLink(kind: HandoverKind, groupId: string, date: LocalDate): string {
  return `/roll-call/${kind}/${groupId}?date=${date}`;
}

export function buildMyHandovers(input: MyHandoversInput): MyHandovers {
  const { me, date, now, settings, roster } = input;
  const byId = new Map(input.handovers.map((e) => [e.entity.id, e]));
  const checksByRoom = new Map<string, Handover[]>();
  for (const e of input.handovers) {
    const h = e.entity;
    if (h.kind !== "bedCheck" || h.date !== date || h.group.kind !== "room") continue;
    checksByRoom.set(h.group.roomId, [...(checksByRoom.get(h.group.roomId) ?? []), h]);
  }
  const item = (
    kind: Exclude<HandoverKind, "bedCheck">,
    group: RollCallGroup,
    groupId: string,
    groupName: string,
    building?: string,
  ): HandoverItem => {
    const id = handoverId(date, kind, group);
    const shown = byId.get(id);
    const h = shown?.entity ?? null;
    return {
      key: id,
      kind,
      group,
      groupName,
      handover: h,
      isPending: shown?.hasPendingChanges ?? false,
      isLate: isLate({ date, kind, receive: h?.receive ?? null }, now, settings),
      receiverIds: rosterReceivers(date, kind, group, roster, building),
      link: rollCallLink(kind, groupId, date),
    };
  };
  const classes = input.isSchoolDay === false ? [] : input.classes.filter((c) => c.boarderCount > 0);
  const rooms = input.rooms.filter((r) => r.boarderCount > 0);
  const dismissals = classes.map((c) => item("dismissal", { kind: "class", classId: c.id }, c.id, c.name));
  const bedtimes = rooms.map((r) =>
    item("bedtime", { kind: "room", roomId: r.id }, r.id, r.name, r.building),
  );
  const evening = rosterReceivers(date, "dismissal", { kind: "class", classId: "" }, roster);
  const isEvening = evening.includes(me.id);
  const myClassIds = new Set(classes.filter((c) => c.classTeacherId === me.id).map((c) => c.id));

  const toGive = [
    ...dismissals.filter((i) => i.group.kind === "class" && myClassIds.has(i.group.classId)),
    ...(isEvening ? bedtimes : []),
  ];
  const myRooms = bedtimes.filter((i) => i.receiverIds.includes(me.id));
  const toReceive = [...(isEvening ? dismissals : []), ...myRooms];
  const bedChecks: HandoverItem[] = myRooms.map((i) => {
    const roomId = i.group.kind === "room" ? i.group.roomId : "";
    return {
      ...i,
      key: `${date}|bedCheck|room:${roomId}`,
      kind: "bedCheck",
      handover: null,
      isPending: false,
      isLate: false,
      link: rollCallLink("bedCheck", roomId, date),
      checks: (checksByRoom.get(roomId) ?? []).sort((a, b) =>
        (a.give?.at ?? "").localeCompare(b.give?.at ?? ""),
      ),
    };
  });
  const seesAll = me.roles.includes("admin") || me.roles.includes("principal");
  const groups = [...dismissals, ...bedtimes];
  return { toGive, toReceive, bedChecks, all: seesAll ? groups : null, groups };
}

/**
 * The home card's summary: how many are mine, done, late, disputed. What waits for me is
 * home/waiting-model.ts's (the same rule as 等我处理).
 */
export function summaryOf(mine: MyHandovers) {
  const items = [...mine.toGive, ...mine.toReceive];
  const unique = new Map(items.map((i) => [i.key, i]));
  const all = [...unique.values()];
  return {
    total: all.length + mine.bedChecks.length,
    done: all.filter((i) => i.handover?.state === "completed").length,
    late: all.filter((i) => i.isLate && i.handover?.state !== "completed").length,
    disputed: all.filter((i) => i.handover?.state === "disputed").length,
  };
}

/** History of one class or room: newest night first, bed checks after the hand-over. */
export function historyOf(handovers: readonly Handover[], group: RollCallGroup): Handover[] {
  const same = (g: RollCallGroup) =>
    g.kind === group.kind &&
    (g.kind === "class"
      ? g.classId === (group as { classId: string }).classId
      : g.roomId === (group as { roomId: string }).roomId);
  return handovers
    .filter((h) => same(h.group) && (h.give || h.receive))
    .sort(
      (a, b) =>
        b.date.localeCompare(a.date) ||
        (a.give?.at ?? a.receive?.at ?? "").localeCompare(b.give?.at ?? b.receive?.at ?? ""),
    );
}
