import { describe, expect, it } from "vitest";
import {
  applyGive,
  applyReceive,
  applyResolve,
  applyWithdraw,
  countsDiffer,
  emptyHandover,
  type GiveHalf,
  HANDOVER_KINDS,
  HANDOVER_LABELS,
  HANDOVER_STATE_LABELS,
  HANDOVER_STATES,
  type Handover,
  type HandoverKind,
  handoverDeadline,
  handoverId,
  hasPassed,
  isLate,
  mayReceive,
  type PairOutcome,
  presentPupils,
  type ReceiveHalf,
  rosterReceivers,
} from "./handover.ts";
import { rosterLookup } from "./responsible.ts";
import type { RollCall, RollCallGroup } from "./roll-call.ts";
import { CAMPUS, type DutyKind, type DutyScope, type DutySlot, dutySlotId } from "./roster.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

const DATE = "2026-11-30"; // a Monday in term
const CLASS: RollCallGroup = { kind: "class", classId: "class-3-2" };
const ROOM: RollCallGroup = { kind: "room", roomId: "r-301" };
const SHANGHAI = { timeSlots: DEFAULT_TIME_SLOTS, timeZone: "Asia/Shanghai" };
/** A Shanghai wall-clock time (UTC+8 all year). */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const shIso = (hhmm: string, date = DATE) => sh(date, hhmm).toISOString();

// Five boarders, one sick: the giver counts 4 present.
const ROLL_CALL: RollCall = {
  expected: ["p1", "p2", "p3", "p4", "p5"],
  onLeave: ["p6"],
  exceptions: [{ pupilId: "p3", reason: "sick" }],
};

const give = (by: string, at: string, mutationId = `m-give-${by}`): Omit<GiveHalf, "presentCount"> => ({
  by,
  at: shIso(at),
  rollCall: ROLL_CALL,
  receiverIds: ["zhou"],
  mutationId,
});
const receive = (by: string, at: string, count: number, mutationId = `m-recv-${by}`): ReceiveHalf => ({
  by,
  at: shIso(at),
  count,
  confirmedOn: "own_phone",
  mutationId,
});

const dismissal = () => emptyHandover(handoverId(DATE, "dismissal", CLASS), DATE, "dismissal", CLASS);
const applied = (o: PairOutcome): Handover => {
  expect(o.outcome).toBe("applied");
  return o.handover;
};

describe("hand-over ids (HO-1)", () => {
  it("HO-1: the id is made of date, kind and group, so both halves land on one record", () => {
    expect(handoverId(DATE, "dismissal", CLASS)).toBe("2026-11-30|dismissal|class:class-3-2");
    expect(handoverId(DATE, "bedtime", ROOM)).toBe("2026-11-30|bedtime|room:r-301");
    expect(handoverId(DATE, "dismissal", CLASS)).toBe(handoverId(DATE, "dismissal", { ...CLASS }));
  });

  it("HO-1: different dates, kinds or groups never share an id", () => {
    const all = [
      handoverId(DATE, "dismissal", CLASS),
      handoverId("2026-12-01", "dismissal", CLASS),
      handoverId(DATE, "bedtime", ROOM),
      handoverId(DATE, "bedtime", { kind: "room", roomId: "r-302" }),
      handoverId(DATE, "dismissal", { kind: "class", classId: "class-3-1" }),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it("HO-1: every kind and state has a Chinese and an English label", () => {
    for (const k of HANDOVER_KINDS) expect(HANDOVER_LABELS[k].zh).toMatch(/\p{Script=Han}/u);
    for (const s of HANDOVER_STATES) {
      expect(HANDOVER_STATE_LABELS[s].zh).toMatch(/\p{Script=Han}/u);
      expect(HANDOVER_STATE_LABELS[s].en.length).toBeGreaterThan(0);
    }
  });
});

describe("pairing the halves (HO-3, HO-4)", () => {
  it("HO-3: give then receive with the same count completes, both names and times kept", () => {
    const given = applied(applyGive(dismissal(), give("wang", "16:35")));
    expect(given.state).toBe("given");
    expect(given.give?.presentCount).toBe(4);
    expect(hasPassed(given)).toBe(false);
    const done = applied(applyReceive(given, receive("zhou", "16:40", 4)));
    expect(done.state).toBe("completed");
    expect(hasPassed(done)).toBe(true);
    expect(done.give?.by).toBe("wang");
    expect(done.give?.at).toBe(shIso("16:35"));
    expect(done.receive?.by).toBe("zhou");
    expect(done.receive?.at).toBe(shIso("16:40"));
    expect(done.history.map((h) => [h.step, h.by])).toEqual([
      ["give", "wang"],
      ["receive", "zhou"],
    ]);
  });

  it("HO-3: receive then give (the receiver's phone synced first) completes the same way", () => {
    const first = applied(applyReceive(dismissal(), receive("zhou", "16:40", 4)));
    expect(first.state).toBe("received_first");
    const done = applied(applyGive(first, give("wang", "16:35")));
    expect(done.state).toBe("completed");
    expect(done.give?.by).toBe("wang");
    expect(done.receive?.by).toBe("zhou");
  });

  it("HO-3: both orders end in the same hand-over", () => {
    const a = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 4)),
    );
    const b = applied(
      applyGive(applied(applyReceive(dismissal(), receive("zhou", "16:40", 4))), give("wang", "16:35")),
    );
    expect({ ...b, history: [] }).toEqual({ ...a, history: [] });
    expect(new Set(b.history.map((h) => h.step))).toEqual(new Set(a.history.map((h) => h.step)));
  });

  it("HO-3: a receiver's count that differs from the giver's makes it disputed, in either order", () => {
    const giveFirst = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 3)),
    );
    expect(giveFirst.state).toBe("disputed");
    const receiveFirst = applied(
      applyGive(applied(applyReceive(dismissal(), receive("zhou", "16:40", 5))), give("wang", "16:35")),
    );
    expect(receiveFirst.state).toBe("disputed");
    // Responsibility passed all the same: the receiver confirmed.
    expect(hasPassed(giveFirst)).toBe(true);
  });

  it("HO-3: the giver's present count comes from the roll call (RC-3), not from the phone", () => {
    // A half that smuggles in its own count (the type forbids it; a stored record might not).
    const smuggled = { ...give("wang", "16:35"), presentCount: 99 };
    const g = applied(applyGive(dismissal(), smuggled));
    expect(g.give?.presentCount).toBe(4);
  });

  it("HO-4: the same giver's half twice (same mutation) is a no-op", () => {
    const once = applied(applyGive(dismissal(), give("wang", "16:35")));
    const twice = applyGive(once, give("wang", "16:35"));
    expect(twice.outcome).toBe("repeat");
    expect(twice.handover).toEqual(once);
  });

  it("HO-4: the same receiver's half twice is a no-op, even after completion", () => {
    const done = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 4)),
    );
    const again = applyReceive(done, receive("zhou", "16:40", 4));
    expect(again.outcome).toBe("repeat");
    expect(again.handover).toEqual(done);
    // Confirming again with another count does not reopen or dispute it.
    const otherCount = applyReceive(done, receive("zhou", "16:45", 2, "m-recv-zhou-2"));
    expect(otherCount.outcome).toBe("repeat");
    expect(otherCount.handover.state).toBe("completed");
  });

  it("HO-4: a second giver's half is refused, the first stands, and the refusal is kept in history", () => {
    const first = applied(applyGive(dismissal(), give("wang", "16:35")));
    const second = applyGive(first, {
      ...give("li", "16:37"),
      rollCall: { ...ROLL_CALL, exceptions: [] },
    });
    expect(second.outcome).toBe("refused");
    if (second.outcome !== "refused") return;
    expect(second.message).toMatch(/\p{Script=Han}/u);
    expect(second.message).toContain("already given");
    expect(second.handover.give).toEqual(first.give);
    expect(second.handover.give?.presentCount).toBe(4);
    expect(second.handover.history.at(-1)).toMatchObject({
      step: "refused_give",
      by: "li",
      at: shIso("16:37"),
    });
  });

  it("HO-6: the same giver's second roll call before anyone received it is a correction, the first kept", () => {
    const first = applied(applyGive(dismissal(), give("wang", "16:35", "m-phone-1")));
    const corrected = { ...give("wang", "16:36", "m-phone-2"), rollCall: { ...ROLL_CALL, exceptions: [] } };
    const second = applied(applyGive(first, corrected));
    expect(second.give?.mutationId).toBe("m-phone-2");
    expect(second.give?.presentCount).toBe(5);
    expect(second.history.map((h) => h.step)).toEqual(["give", "corrected"]);
    expect(second.history[1]?.replaced?.mutationId).toBe("m-phone-1");
  });

  it("HO-6: once received, the giver's correction is refused and the received roll call stands", () => {
    const done = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 4)),
    );
    const late = applyGive(done, give("wang", "16:45", "m-again"));
    expect(late.outcome).toBe("refused");
    expect(late.handover.give?.mutationId).toBe("m-give-wang");
    expect(late.handover.history.map((h) => h.step)).toEqual(["give", "receive", "refused_give"]);
  });

  it("HO-6: the giver or an admin withdraws a roll call nobody received; kept in history", () => {
    const given = applied(applyGive(dismissal(), give("wang", "16:35")));
    expect(applyWithdraw(given, { id: "sun", isAdmin: false }, shIso("16:36")).outcome).toBe("refused");
    const gone = applied(applyWithdraw(given, { id: "wang", isAdmin: false }, shIso("16:36")));
    expect(gone.give).toBeNull();
    expect(gone.history.map((h) => [h.step, h.replaced?.mutationId])).toEqual([
      ["give", undefined],
      ["withdrawn", "m-give-wang"],
    ]);
    expect(applied(applyWithdraw(given, { id: "admin", isAdmin: true }, shIso("16:36"))).give).toBeNull();
    // Given again after withdrawing: a fresh give.
    expect(applied(applyGive(gone, give("wang", "16:40", "m-new"))).give?.mutationId).toBe("m-new");
    const received = applied(applyReceive(given, receive("zhou", "16:40", 4)));
    expect(applyWithdraw(received, { id: "wang", isAdmin: false }, shIso("16:41")).outcome).toBe("refused");
  });

  it("HO-7: the receiver may name missing pupils, only among those counted present", () => {
    const given = applied(applyGive(dismissal(), give("wang", "16:35")));
    const ok = applied(applyReceive(given, { ...receive("zhou", "16:40", 3), missing: ["p5"] }));
    expect(ok.state).toBe("disputed");
    expect(ok.receive?.missing).toEqual(["p5"]);
    // p3 was marked sick by the giver, p9 is not on the roll call at all.
    expect(applyReceive(given, { ...receive("zhou", "16:40", 3), missing: ["p3"] }).outcome).toBe("refused");
    expect(applyReceive(given, { ...receive("zhou", "16:40", 3), missing: ["p9"] }).outcome).toBe("refused");
    expect(presentPupils(ROLL_CALL)).toEqual(["p1", "p2", "p4", "p5"]);
  });

  it("HO-7: 已核实 by the giver, the receiver or an admin with a note settles a dispute", () => {
    const disputed = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 3)),
    );
    expect(disputed.state).toBe("disputed");
    expect(countsDiffer(disputed)).toBe(true);
    expect(applyResolve(disputed, { id: "sun", isAdmin: false }, shIso("16:50"), "ok").outcome).toBe(
      "refused",
    );
    expect(applyResolve(disputed, { id: "zhou", isAdmin: false }, shIso("16:50"), "  ").outcome).toBe(
      "refused",
    );
    for (const by of [
      { id: "zhou", isAdmin: false },
      { id: "wang", isAdmin: false },
      { id: "admin", isAdmin: true },
    ]) {
      const settled = applied(applyResolve(disputed, by, shIso("16:50"), "王明在厕所，已回"));
      expect(settled.state).toBe("resolved");
      expect(settled.resolution).toEqual({ by: by.id, at: shIso("16:50"), note: "王明在厕所，已回" });
      expect(settled.history.at(-1)?.step).toBe("resolved");
      expect(applyResolve(settled, by, shIso("16:55"), "again").outcome).toBe("repeat");
    }
    const completed = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 4)),
    );
    expect(applyResolve(completed, { id: "zhou", isAdmin: false }, shIso("16:50"), "x").outcome).toBe(
      "refused",
    );
  });

  it("HO-4: a second receiver is refused and kept in history; the first receiver holds", () => {
    const done = applied(
      applyReceive(applied(applyGive(dismissal(), give("wang", "16:35"))), receive("zhou", "16:40", 4)),
    );
    const second = applyReceive(done, receive("sun", "16:42", 4));
    expect(second.outcome).toBe("refused");
    if (second.outcome !== "refused") return;
    expect(second.message).toContain("already received");
    expect(second.handover.receive?.by).toBe("zhou");
    expect(second.handover.state).toBe("completed");
    expect(second.handover.history.at(-1)).toMatchObject({ step: "refused_receive", by: "sun" });
  });

  it("HO-4: a second receiver before the giver's half is refused too", () => {
    const first = applied(applyReceive(dismissal(), receive("zhou", "16:40", 4)));
    const second = applyReceive(first, receive("sun", "16:41", 4));
    expect(second.outcome).toBe("refused");
    const done = applied(applyGive(second.handover, give("wang", "16:35")));
    expect(done.receive?.by).toBe("zhou");
    expect(done.state).toBe("completed");
  });

  it("HO-2, HO-3: the giver's own receive is refused in either order, and the record ends the same", () => {
    const giveFirst = applyReceive(
      applied(applyGive(dismissal(), give("zhou", "16:35"))),
      receive("zhou", "16:40", 4),
    );
    expect(giveFirst.outcome).toBe("refused");
    expect(giveFirst.handover.receive).toBeNull();
    const receiveFirst = applied(
      applyGive(applied(applyReceive(dismissal(), receive("zhou", "16:40", 4))), give("zhou", "16:35")),
    );
    expect(receiveFirst.receive).toBeNull();
    expect(receiveFirst.state).toBe("given");
    expect(hasPassed(receiveFirst)).toBe(false);
    expect(receiveFirst.history.at(-1)).toMatchObject({ step: "refused_receive", by: "zhou" });
    expect({ ...receiveFirst, history: [] }).toEqual({ ...giveFirst.handover, history: [] });
  });

  it("HO-3: a bed check is recorded with no receiver", () => {
    const check = emptyHandover("01JDQ0000000000000000000BC", DATE, "bedCheck", ROOM);
    const recorded = applied(applyGive(check, give("caretaker", "23:30")));
    expect(recorded.state).toBe("recorded");
    const r = applyReceive(recorded, receive("zhou", "23:31", 4));
    expect(r.outcome).toBe("refused");
    expect(r.handover.receive).toBeNull();
  });
});

describe("late (HO-5)", () => {
  it("HO-5: with the Asia/Shanghai default slots, dismissal is due 17:00 and bedtime 21:00", () => {
    expect(handoverDeadline(DATE, "dismissal", SHANGHAI)?.toISOString()).toBe(shIso("17:00"));
    expect(handoverDeadline(DATE, "bedtime", SHANGHAI)?.toISOString()).toBe(shIso("21:00"));
    expect(handoverDeadline(DATE, "bedCheck", SHANGHAI)).toBeNull();
  });

  it("HO-5: the grace can be changed", () => {
    expect(handoverDeadline(DATE, "dismissal", SHANGHAI, 0)?.toISOString()).toBe(shIso("16:30"));
  });

  it("HO-5: a dismissal hand-over still open is on time at 17:00 and late a minute after", () => {
    const open = { date: DATE, kind: "dismissal" as const, receive: null };
    expect(isLate(open, sh(DATE, "16:50"), SHANGHAI)).toBe(false);
    expect(isLate(open, sh(DATE, "17:00"), SHANGHAI)).toBe(false);
    expect(isLate(open, sh(DATE, "17:01"), SHANGHAI)).toBe(true);
  });

  it("HO-5: a bedtime hand-over still open is late after 21:00, also past midnight", () => {
    const open = { date: DATE, kind: "bedtime" as const, receive: null };
    expect(isLate(open, sh(DATE, "20:59"), SHANGHAI)).toBe(false);
    expect(isLate(open, sh(DATE, "21:01"), SHANGHAI)).toBe(true);
    expect(isLate(open, sh("2026-12-01", "01:00"), SHANGHAI)).toBe(true);
  });

  it("HO-5: completed before the deadline stays on time whenever it is asked", () => {
    const done = { date: DATE, kind: "dismissal" as const, receive: receive("zhou", "16:50", 4) };
    expect(isLate(done, sh(DATE, "23:00"), SHANGHAI)).toBe(false);
  });

  it("HO-5: completed after the deadline stays late", () => {
    const lateDone = { date: DATE, kind: "dismissal" as const, receive: receive("zhou", "17:20", 4) };
    expect(isLate(lateDone, sh(DATE, "17:30"), SHANGHAI)).toBe(true);
    expect(isLate(lateDone, sh("2026-12-01", "09:00"), SHANGHAI)).toBe(true);
    const lateBed = { date: DATE, kind: "bedtime" as const, receive: receive("caretaker", "21:15", 4) };
    expect(isLate(lateBed, sh(DATE, "22:00"), SHANGHAI)).toBe(true);
  });

  it("HO-5: a bed check is never late", () => {
    expect(isLate({ date: DATE, kind: "bedCheck", receive: null }, sh("2026-12-01", "05:00"), SHANGHAI)).toBe(
      false,
    );
  });

  it("HO-5: the deadline follows the school's own slots and time zone", () => {
    const berlin = {
      timeZone: "Europe/Berlin",
      timeSlots: {
        ...DEFAULT_TIME_SLOTS,
        afternoonClasses: { start: "14:00", end: "17:00" },
        evening: { start: "17:00", end: "20:30" },
      },
    };
    expect(handoverDeadline(DATE, "dismissal", berlin)?.toISOString()).toBe("2026-11-30T16:30:00.000Z");
  });
});

describe("receivers from the roster (HO-2)", () => {
  const slot = (kind: DutyKind, scope: DutyScope, staffIds: string[], date = DATE): DutySlot => ({
    id: dutySlotId(date, kind, scope),
    date,
    kind,
    scope,
    staffIds,
    source: "generated",
    templateId: null,
    history: [],
  });
  const BOYS: DutyScope = { kind: "building", building: "男生宿舍楼" };
  const roster = rosterLookup([
    slot("evening", CAMPUS, ["zhou", "sun"]),
    slot("night", BOYS, ["boys-care"]),
    slot("night", { kind: "room", roomId: "r-301" }, ["room301-care"]),
    slot("night", { kind: "room", roomId: "r-303" }, []),
    slot("evening", CAMPUS, [], "2026-12-01"),
  ]);

  it("HO-2: the dismissal receivers are the evening duty teachers of the date", () => {
    expect(rosterReceivers(DATE, "dismissal", CLASS, roster)).toEqual(["zhou", "sun"]);
  });

  it("HO-2: the bedtime receiver is the room's own caretaker when it has one", () => {
    expect(rosterReceivers(DATE, "bedtime", ROOM, roster, "男生宿舍楼")).toEqual(["room301-care"]);
  });

  it("HO-2: without its own caretaker (or with an emptied one) a room falls back to its building's", () => {
    expect(rosterReceivers(DATE, "bedtime", { kind: "room", roomId: "r-302" }, roster, "男生宿舍楼")).toEqual(
      ["boys-care"],
    );
    expect(rosterReceivers(DATE, "bedtime", { kind: "room", roomId: "r-303" }, roster, "男生宿舍楼")).toEqual(
      ["boys-care"],
    );
  });

  it("HO-2: a gap on the roster gives no names", () => {
    expect(rosterReceivers("2026-12-01", "dismissal", CLASS, roster)).toEqual([]);
    expect(rosterReceivers("2026-12-02", "dismissal", CLASS, roster)).toEqual([]);
    expect(rosterReceivers(DATE, "bedtime", { kind: "room", roomId: "r-201" }, roster, "女生宿舍楼")).toEqual(
      [],
    );
    expect(rosterReceivers(DATE, "bedCheck", ROOM, roster, "男生宿舍楼")).toEqual([]);
  });

  const person = (id: string, ...roles: string[]) => ({ id, roles });
  const givenBy = (kind: HandoverKind, by: string) => ({
    kind,
    give: { ...give(by, "16:35"), presentCount: 4 },
  });

  it("HO-2: a named receiver may receive; another duty teacher may not while the roster names someone", () => {
    const h = givenBy("dismissal", "wang");
    expect(mayReceive(person("zhou", "duty_teacher"), h, ["zhou", "sun"])).toBe(true);
    expect(mayReceive(person("sun", "class_teacher"), h, ["zhou", "sun"])).toBe(true);
    expect(mayReceive(person("qian", "duty_teacher"), h, ["zhou", "sun"])).toBe(false);
  });

  it("HO-2: in a gap, any duty teacher (dismissal) or caretaker (bedtime) may receive, nobody else", () => {
    expect(mayReceive(person("qian", "duty_teacher"), givenBy("dismissal", "wang"), [])).toBe(true);
    expect(mayReceive(person("qian", "dorm_caretaker"), givenBy("dismissal", "wang"), [])).toBe(false);
    expect(mayReceive(person("care", "dorm_caretaker"), givenBy("bedtime", "zhou"), [])).toBe(true);
    expect(mayReceive(person("qian", "duty_teacher"), givenBy("bedtime", "zhou"), [])).toBe(false);
    expect(mayReceive(person("li", "class_teacher"), givenBy("dismissal", "wang"), [])).toBe(false);
  });

  it("HO-2: an admin always may receive, named or not", () => {
    expect(mayReceive(person("boss", "admin"), givenBy("dismissal", "wang"), ["zhou"])).toBe(true);
    expect(mayReceive(person("boss", "admin"), givenBy("bedtime", "zhou"), [])).toBe(true);
  });

  it("HO-2: the giver cannot receive their own hand-over, even when named or an admin", () => {
    expect(mayReceive(person("zhou", "duty_teacher"), givenBy("dismissal", "zhou"), ["zhou"])).toBe(false);
    expect(mayReceive(person("wang", "admin", "class_teacher"), givenBy("dismissal", "wang"), [])).toBe(
      false,
    );
  });

  it("HO-2: before the giver's half arrives, the roster still decides", () => {
    const notYet = { kind: "dismissal" as const, give: null };
    expect(mayReceive(person("zhou", "duty_teacher"), notYet, ["zhou"])).toBe(true);
    expect(mayReceive(person("qian", "duty_teacher"), notYet, ["zhou"])).toBe(false);
  });
});
