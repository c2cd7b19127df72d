// 等我处理 (issue #14 §5): each kind appears while it waits on this person and goes as the
// records change. The clock is always injected (Shanghai wall-clock times below).
import { describe, expect, it } from "vitest";
import {
  applyGive,
  applyReceive,
  emptyHandover,
  type Handover,
  handoverId,
} from "../../../domain/handover.ts";
import type { RollCallGroup } from "../../../domain/roll-call.ts";
import { CAMPUS, dutySlotId } from "../../../domain/roster.ts";
import { atLocal } from "../../../domain/school-calendar.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import type { Swap } from "../../../domain/swap.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import type { WeeklySummary } from "../../../domain/weekly-summary.ts";
import type { SummaryReminder } from "../../../protocol/summary.ts";
import { buildMyHandovers, type Shown } from "../handovers/handovers-model.ts";
import { handoversInOrder, type WaitingInput, waitingFor } from "./waiting-model.ts";

const TZ = "Asia/Shanghai";
const settings = effectiveSettings({ timeZone: TZ, timeSlots: DEFAULT_TIME_SLOTS });
const DATE = "2026-11-02"; // a Monday
const at = (hhmm: string, date = DATE) => {
  const [h, m] = hhmm.split(":").map(Number);
  return atLocal(date, (h ?? 0) * 60 + (m ?? 0), TZ);
};

const TEACHER = "T-CLASS-A";
const EVENING = "T-EVENING";
const CARETAKER = "T-CARE";
const ADMIN = "T-ADMIN";
const names: Record<string, string> = {
  [TEACHER]: "王芳",
  [EVENING]: "李强",
  [CARETAKER]: "张姨",
  [ADMIN]: "赵主任",
};

let slots: Record<string, string[]> = {};
const roster = { slot: (id: string) => (slots[id] ? ({ staffIds: slots[id] } as never) : undefined) };
const classes = [
  { id: "CA", name: "三年级1班", classTeacherId: TEACHER, boarderCount: 25 },
  { id: "CB", name: "三年级2班", classTeacherId: "T-CLASS-B", boarderCount: 20 },
];
const rooms = [{ id: "R1", name: "宿舍楼 101", building: "宿舍楼", boarderCount: 3 }];
const CLASS_A: RollCallGroup = { kind: "class", classId: "CA" };
const ROOM_1: RollCallGroup = { kind: "room", roomId: "R1" };
const rollCall = { expected: ["P1", "P2", "P3"], onLeave: [], exceptions: [] };

function given(kind: "dismissal" | "bedtime", group: RollCallGroup, by: string, time: string): Handover {
  const id = handoverId(DATE, kind, group);
  return applyGive(emptyHandover(id, DATE, kind, group), {
    by,
    at: at(time).toISOString(),
    rollCall,
    receiverIds: [],
    mutationId: `give-${id}`,
  }).handover;
}

function received(h: Handover, by: string, count: number, time: string): Handover {
  return applyReceive(h, {
    by,
    at: at(time).toISOString(),
    count,
    confirmedOn: "own_phone",
    mutationId: `receive-${h.id}`,
  }).handover;
}

function swap(over: Partial<Swap>): Swap {
  return {
    id: "S1",
    askedBy: "T-DUTY3",
    counterpartId: EVENING,
    give: { slotId: dutySlotId("2026-11-05", "evening", CAMPUS), version: 1 },
    take: null,
    reason: "",
    state: "asked",
    decidedBy: null,
    history: [],
    ...over,
  };
}

interface Records {
  handovers?: Handover[];
  alerts?: [string, string][];
  swaps?: Swap[];
  reminders?: SummaryReminder[];
  summaries?: WeeklySummary[];
}

function waiting(meId: string, roles: string[], now: Date, records: Records = {}) {
  const handovers = records.handovers ?? [];
  const me = { id: meId, roles };
  const shown: Shown<Handover>[] = handovers.map((entity) => ({ entity, hasPendingChanges: false }));
  const input: WaitingInput = {
    me,
    now,
    settings,
    date: DATE,
    today: buildMyHandovers({
      me,
      date: DATE,
      now,
      settings,
      classes,
      rooms,
      roster,
      handovers: shown.filter((e) => e.entity.date === DATE),
    }),
    recent: handovers,
    alertStatus: new Map(records.alerts ?? []),
    swaps: records.swaps ?? [],
    reminders: records.reminders ?? [],
    summaries: records.summaries ?? [],
    myClasses: classes.filter((c) => c.classTeacherId === meId).map((c) => ({ id: c.id, name: c.name })),
    staffName: (id) => names[id] ?? id,
    groupName: (g) => (g.kind === "class" ? "三年级1班" : "宿舍楼 101"),
  };
  return waitingFor(input);
}

const kinds = (items: { kind: string }[]) => items.map((i) => i.kind);

describe("what waits on me (等我处理)", () => {
  slots = {
    [dutySlotId(DATE, "evening", CAMPUS)]: [EVENING],
    [dutySlotId(DATE, "night", { kind: "room", roomId: "R1" })]: [CARETAKER],
  };

  it("HO-2: a dismissal given waits on the evening duty teacher the roster names, until received", () => {
    const givenA = given("dismissal", CLASS_A, TEACHER, "16:32");
    const before = waiting(EVENING, ["duty_teacher"], at("16:33"), { handovers: [givenA] });
    const receive = before.filter((i) => i.kind === "receive");
    expect(receive).toEqual([
      {
        key: `receive|${givenA.id}`,
        kind: "receive",
        title: "接收：三年级1班 放学交接",
        line: "王芳 16:32 交出，实到 3 人",
        link: `/roll-call/dismissal/CA?date=${DATE}`,
        isUrgent: false,
      },
    ]);
    // Nobody else is waited on: not the giver, not another duty teacher, not the admin.
    expect(kinds(waiting("T-DUTY2", ["duty_teacher"], at("16:33"), { handovers: [givenA] }))).toEqual([]);
    expect(kinds(waiting(ADMIN, ["admin"], at("16:33"), { handovers: [givenA] }))).toEqual([]);
    expect(kinds(waiting(TEACHER, ["class_teacher"], at("16:33"), { handovers: [givenA] }))).toEqual([]);

    const done = received(givenA, EVENING, 3, "16:40");
    expect(kinds(waiting(EVENING, ["duty_teacher"], at("16:41"), { handovers: [done] }))).not.toContain(
      "receive",
    );
  });

  it("HO-2: with a gap on the roster, it waits on every duty teacher", () => {
    const saved = slots;
    slots = {};
    const givenA = given("dismissal", CLASS_A, TEACHER, "16:32");
    expect(kinds(waiting("T-DUTY2", ["duty_teacher"], at("16:33"), { handovers: [givenA] }))).toEqual([
      "receive",
    ]);
    expect(kinds(waiting(CARETAKER, ["dorm_caretaker"], at("16:33"), { handovers: [givenA] }))).toEqual([]);
    slots = saved;
  });

  it("HO-5: my class's dismissal waits on me from 30 minutes before the evening slot, late after its grace", () => {
    expect(waiting(TEACHER, ["class_teacher"], at("15:59"))).toEqual([]);
    const due = waiting(TEACHER, ["class_teacher"], at("16:00"));
    expect(due.map((i) => [i.kind, i.title, i.line, i.isUrgent])).toEqual([
      ["give", "交出：三年级1班 放学交接", "17:00 前点名交出", false],
    ]);
    const late = waiting(TEACHER, ["class_teacher"], at("17:01"));
    expect(late.map((i) => [i.line, i.isUrgent])).toEqual([["已超时（应在 17:00 前交出）", true]]);
    // Given: it no longer waits on the class teacher (it waits on the receiver instead).
    const givenA = given("dismissal", CLASS_A, TEACHER, "16:35");
    expect(waiting(TEACHER, ["class_teacher"], at("16:36"), { handovers: [givenA] })).toEqual([]);
  });

  it("the evening duty teacher's bedtime rooms wait from 20:00, until given; then they wait on the caretaker", () => {
    const gives = (now: Date, handovers: Handover[] = []) =>
      waiting(EVENING, ["duty_teacher"], now, { handovers }).filter((i) => i.kind === "give");
    expect(gives(at("19:59"))).toEqual([]);
    expect(gives(at("20:00")).map((i) => i.link)).toEqual([`/roll-call/bedtime/R1?date=${DATE}`]);
    const room = given("bedtime", ROOM_1, EVENING, "20:10");
    expect(gives(at("20:11"), [room])).toEqual([]);
    expect(kinds(waiting(CARETAKER, ["dorm_caretaker"], at("20:11"), { handovers: [room] }))).toEqual([
      "receive",
    ]);
    // After midnight the night still belongs to the duty date: the caretaker receives at 00:30.
    expect(
      kinds(waiting(CARETAKER, ["dorm_caretaker"], at("00:30", "2026-11-03"), { handovers: [room] })),
    ).toEqual(["receive"]);
  });

  it("HO-3: a disputed count waits on the giver, the receiver and the admin until its alert closes", () => {
    const disputed = { ...received(given("dismissal", CLASS_A, TEACHER, "16:32"), EVENING, 2, "16:40") };
    expect(disputed.state).toBe("disputed");
    const withAlert = { ...disputed, alertId: "AL1" };
    for (const [id, roles] of [
      [TEACHER, ["class_teacher"]],
      [EVENING, ["duty_teacher"]],
      [ADMIN, ["admin"]],
    ] as const) {
      const items = waiting(id, [...roles], at("16:41"), {
        handovers: [withAlert],
        alerts: [["AL1", "open"]],
      });
      expect(items.filter((i) => i.kind === "dispute").map((i) => [i.title, i.line, i.isUrgent])).toEqual([
        ["人数不符：三年级1班 放学交接", "11月2日 星期一 交出 3 人，接收 2 人，请核实", true],
      ]);
    }
    // Not part of it: another class teacher (whose own dismissal waits on them) or a caretaker.
    expect(kinds(waiting("T-CLASS-B", ["class_teacher"], at("16:41"), { handovers: [withAlert] }))).toEqual([
      "give",
    ]);
    expect(kinds(waiting(CARETAKER, ["dorm_caretaker"], at("16:41"), { handovers: [withAlert] }))).toEqual(
      [],
    );
    // Raised offline (no alert yet): it waits too.
    expect(kinds(waiting(ADMIN, ["admin"], at("16:41"), { handovers: [disputed] }))).toEqual(["dispute"]);
    // The alert closed: it waits no more; nor in a later state than "disputed".
    expect(
      kinds(
        waiting(ADMIN, ["admin"], at("16:41"), { handovers: [withAlert], alerts: [["AL1", "resolved"]] }),
      ),
    ).toEqual([]);
    const later = { ...withAlert, state: "resolved" } as unknown as Handover;
    expect(kinds(waiting(ADMIN, ["admin"], at("16:41"), { handovers: [later] }))).toEqual([]);
  });

  it("SW-2: a swap asked of me waits until I answer, and only while its duty has not begun (SW-1)", () => {
    const asked = swap({});
    const items = waiting(EVENING, ["duty_teacher"], at("09:00"), { swaps: [asked] });
    expect(items.map((i) => [i.kind, i.title, i.line, i.link])).toEqual([
      ["swapAccept", "T-DUTY3 请您代班", "11月5日 星期四 晚活动值日", "/swaps"],
    ]);
    const trade = swap({ take: { slotId: dutySlotId("2026-11-09", "noon", CAMPUS), version: 1 } });
    expect(waiting(EVENING, ["duty_teacher"], at("09:00"), { swaps: [trade] })[0]?.title).toBe(
      "T-DUTY3 请您换班",
    );
    // Answered, asked of someone else, or begun: nothing.
    expect(waiting(EVENING, ["duty_teacher"], at("09:00"), { swaps: [swap({ state: "declined" })] })).toEqual(
      [],
    );
    expect(waiting("T-DUTY2", ["duty_teacher"], at("09:00"), { swaps: [asked] })).toEqual([]);
    const begun = waiting(EVENING, ["duty_teacher"], at("16:30", "2026-11-05"), { swaps: [asked] });
    expect(begun.filter((i) => i.kind === "swapAccept")).toEqual([]);
  });

  it("SW-2: a swap accepted by the colleague waits on the admin's approval", () => {
    const accepted = swap({ state: "accepted" });
    expect(kinds(waiting(ADMIN, ["admin"], at("09:00"), { swaps: [accepted] }))).toEqual(["swapApprove"]);
    expect(waiting(ADMIN, ["admin"], at("09:00"), { swaps: [accepted] })[0]?.title).toBe(
      "换班待审批：T-DUTY3 → 李强",
    );
    expect(kinds(waiting(EVENING, ["duty_teacher"], at("09:00"), { swaps: [accepted] }))).toEqual([]);
    expect(kinds(waiting(ADMIN, ["admin"], at("09:00"), { swaps: [swap({ state: "approved" })] }))).toEqual(
      [],
    );
  });

  it("WS-3: the admin's reminder naming my class waits until my summary of that week is submitted", () => {
    const week = "2026-10-26";
    const reminder: SummaryReminder = {
      id: "RM1",
      weekStart: week,
      classIds: ["CA", "CB"],
      note: "请今天提交",
      sentBy: ADMIN,
      sentAt: at("08:00").toISOString(),
    };
    const again = { ...reminder, id: "RM2", note: "", sentAt: at("09:00").toISOString() };
    const items = waiting(TEACHER, ["class_teacher"], at("10:00"), { reminders: [reminder, again] });
    // Reminded twice for the same week: one item, the newest.
    expect(items.map((i) => [i.kind, i.title, i.line, i.link])).toEqual([
      [
        "reminder",
        "提交安全小结：三年级1班",
        "10月26日 星期一 那一周，总务主任已提醒",
        `/summary?week=${week}&class=CA`,
      ],
    ]);
    expect(waiting("T-CLASS-C", ["class_teacher"], at("10:00"), { reminders: [reminder] })).toEqual([]);
    const submitted = {
      id: `${week}|CA`,
      classId: "CA",
      weekStart: week,
      state: "submitted",
      submittedAt: at("09:30").toISOString(),
    } as WeeklySummary;
    expect(
      waiting(TEACHER, ["class_teacher"], at("10:00"), { reminders: [reminder], summaries: [submitted] }),
    ).toEqual([]);
  });

  it("lists what someone stands waiting on first: receive, dispute, give, swaps, reminders", () => {
    const givenA = given("dismissal", CLASS_A, TEACHER, "16:32");
    const items = waiting(EVENING, ["duty_teacher"], at("20:05"), {
      handovers: [givenA],
      swaps: [swap({ give: { slotId: dutySlotId("2026-11-05", "evening", CAMPUS), version: 1 } })],
    });
    expect(kinds(items)).toEqual(["receive", "give", "swapAccept"]);
    expect(items[0]?.isUrgent).toBe(true);
  });
});

describe("交接 in order: what waits for me first", () => {
  const mineAt = (meId: string, roles: string[], now: Date, handovers: Handover[]) =>
    buildMyHandovers({
      me: { id: meId, roles },
      date: DATE,
      now,
      settings,
      classes,
      rooms,
      roster,
      handovers: handovers.map((entity) => ({ entity, hasPendingChanges: false })),
    });
  const keys = (items: { key: string }[]) => items.map((i) => i.key);
  const idA = handoverId(DATE, "dismissal", CLASS_A);
  const idB = handoverId(DATE, "dismissal", { kind: "class", classId: "CB" });
  const idRoom = handoverId(DATE, "bedtime", ROOM_1);
  const me = { id: EVENING, roles: ["duty_teacher"] };

  it("lists given classes to receive, then rooms to give, then the rest; 待接收 drops as she receives", () => {
    const givenA = given("dismissal", CLASS_A, TEACHER, "16:32");
    const before = handoversInOrder(mineAt(EVENING, me.roles, at("16:40"), [givenA]), me, new Map());
    expect(keys(before.toReceive)).toEqual([idA]);
    expect(keys(before.toGive)).toEqual([idRoom]);
    expect(before.rest.map((r) => [r.item.key, r.role])).toEqual([[idB, "receive"]]);

    const done = received(givenA, EVENING, 3, "16:45");
    const after = handoversInOrder(mineAt(EVENING, me.roles, at("16:46"), [done]), me, new Map());
    expect(after.toReceive).toEqual([]);
    expect(after.rest.map((r) => r.item.key)).toEqual([idA, idB]);
  });

  it("HO-3: a disputed count comes before what I must give, and leaves once its alert closes", () => {
    const disputed = { ...received(given("dismissal", CLASS_A, TEACHER, "16:32"), EVENING, 2, "16:40") };
    const withAlert = { ...disputed, alertId: "AL1" };
    const open = handoversInOrder(
      mineAt(EVENING, me.roles, at("16:41"), [withAlert]),
      me,
      new Map([["AL1", "open"]]),
    );
    expect(keys(open.disputes)).toEqual([idA]);
    expect(open.rest.map((r) => r.item.key)).toEqual([idB]);
    const closed = handoversInOrder(
      mineAt(EVENING, me.roles, at("16:41"), [withAlert]),
      me,
      new Map([["AL1", "resolved"]]),
    );
    expect(closed.disputes).toEqual([]);
    expect(closed.rest.map((r) => r.item.key)).toEqual([idA, idB]);
  });

  it("the class teacher's class waits to give until given, then is in the rest", () => {
    const teacher = { id: TEACHER, roles: ["class_teacher"] };
    expect(
      keys(handoversInOrder(mineAt(TEACHER, teacher.roles, at("16:00"), []), teacher, new Map()).toGive),
    ).toEqual([idA]);
    const givenA = given("dismissal", CLASS_A, TEACHER, "16:32");
    const after = handoversInOrder(mineAt(TEACHER, teacher.roles, at("16:33"), [givenA]), teacher, new Map());
    expect(after.toGive).toEqual([]);
    expect(after.rest.map((r) => [r.item.key, r.role])).toEqual([[idA, "give"]]);
  });
});
