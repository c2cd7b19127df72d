// CU-6, CU-7 (custody.ts) and HO-8 (handover.ts): every roll call's list comes from the one
// custody chain. The examples follow the evening of issue #14; the property test plays any
// sequence of roll calls, leave, returns and found alerts against a small model of where each
// child is, and checks the list of every roll call and 学生在谁那里 (custodyAt) against it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChainInput, custodyAt, rollCallList } from "./custody.ts";
import {
  applyGive,
  applyReceive,
  applyReturn,
  emptyHandover,
  type Handover,
  type HandoverKind,
  handoverId,
} from "./handover.ts";
import { rosterLookup } from "./responsible.ts";
import type { ExceptionReason, Leave, RollCallException, RollCallGroup, RollCallPupil } from "./roll-call.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { effectiveSettings } from "./school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

// Monday 30 November 2026, Asia/Shanghai, the SPEC's default slots (evening 16:30–20:30,
// night 20:30–06:30).
const SETTINGS = effectiveSettings({
  timeZone: "Asia/Shanghai",
  timeSlots: DEFAULT_TIME_SLOTS,
  schoolDays: DEFAULT_SCHOOL_DAYS,
  terms: [{ id: "t", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
  holidays: [],
});
const MON = "2026-11-30";
const TUE = "2026-12-01";
/** Minutes after Monday 00:00 Shanghai → a Date (past 24:00 is Tuesday morning). */
const atMin = (min: number) => new Date(Date.parse(`${MON}T00:00:00+08:00`) + min * 60_000);
const hm = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h as number) * 60 + (m as number);
};

const CLASS_A = "01JDQCLASSA000000000000000";
const CLASS_B = "01JDQCLASSB000000000000000";
const ROOM_1 = "01JDQROOM10000000000000000";
const ROOM_2 = "01JDQROOM20000000000000000";
const pupil = (n: number, classId: string, roomId: string): RollCallPupil => ({
  id: `p${n}`,
  name: `学生${n}`,
  studentNo: String(n),
  classId,
  isBoarder: true,
  dormRoomId: roomId,
  bed: String(n),
});
// Class A sleeps in both rooms; class B shares room 1.
const PUPILS = [
  pupil(1, CLASS_A, ROOM_1),
  pupil(2, CLASS_A, ROOM_1),
  pupil(3, CLASS_A, ROOM_2),
  pupil(4, CLASS_A, ROOM_2),
  pupil(5, CLASS_B, ROOM_1),
  pupil(6, CLASS_B, ROOM_2),
];
const classOf = (id: string): RollCallGroup => ({ kind: "class", classId: id });
const roomOf = (id: string): RollCallGroup => ({ kind: "room", roomId: id });

function give(
  kind: HandoverKind,
  group: RollCallGroup,
  instant: Date,
  chain: ChainInput,
  marks: RollCallException[],
  checkNo = 0,
): Handover {
  const id = kind === "bedCheck" ? `check-${checkNo}` : handoverId(MON, kind, group);
  const list = rollCallList(group, MON, instant, PUPILS, chain, id);
  const expected = list.expected.map((p) => p.id);
  return applyGive(emptyHandover(id, MON, kind, group), {
    by: "giver",
    at: instant.toISOString(),
    rollCall: {
      expected,
      onLeave: list.onLeave.map((p) => p.id),
      away: list.away.map((a) => ({ pupilId: a.pupil.id, reason: a.away.reason })),
      exceptions: marks.filter((m) => expected.includes(m.pupilId)),
    },
    receiverIds: [],
    mutationId: `g-${id}`,
  }).handover;
}

const ids = (ps: readonly { id: string }[]) => ps.map((p) => p.id);

describe("the evening of one class, one picked up and one sick (CU-7, CU-6, HO-8)", () => {
  const pickedUp: RollCallException = {
    pupilId: "p1",
    reason: "picked_up",
    pickedUpBy: "母亲",
    pickedUpAt: atMin(hm("16:40")).toISOString(),
  };
  const sick: RollCallException = { pupilId: "p3", reason: "sick" };
  const dismissal = give("dismissal", classOf(CLASS_A), atMin(hm("16:45")), { handovers: [], leaves: [] }, [
    pickedUp,
    sick,
  ]);

  it("CU-7: the bedtime roll call of her room leaves the picked-up pupil out of 应到, with her reason", () => {
    const list = rollCallList(roomOf(ROOM_1), MON, atMin(hm("20:40")), PUPILS, {
      handovers: [dismissal],
      leaves: [],
    });
    expect(ids(list.expected)).toEqual(["p2", "p5"]);
    expect(list.away.map((a) => [a.pupil.id, a.away.reason, a.away.handoverId])).toEqual([
      ["p1", "picked_up", dismissal.id],
    ]);
    expect(list.away[0]?.away.exception.pickedUpBy).toBe("母亲");
  });

  it("CU-7: 学生在谁那里 says the same at the same instant", () => {
    const chain = { handovers: [dismissal], leaves: [] };
    for (const p of PUPILS.filter((x) => x.dormRoomId === ROOM_1)) {
      const c = custodyAt(atMin(hm("20:40")), {
        ...chain,
        pupil: p,
        classTeacherId: "wang",
        settings: SETTINGS,
        roster: rosterLookup([]),
      });
      expect(c.kind, p.id).toBe(p.id === "p1" ? "exception" : "held");
    }
  });

  it("CU-7: the bed check after the bedtime roll call still lists her away, not in bed", () => {
    const bedtime = give(
      "bedtime",
      roomOf(ROOM_1),
      atMin(hm("20:40")),
      { handovers: [dismissal], leaves: [] },
      [],
    );
    expect(bedtime.give?.rollCall.expected).toEqual(["p2", "p5"]);
    const list = rollCallList(roomOf(ROOM_1), MON, atMin(hm("22:00")), PUPILS, {
      handovers: [dismissal, bedtime],
      leaves: [],
    });
    expect(ids(list.expected)).toEqual(["p2", "p5"]);
    expect(ids(list.away.map((a) => a.pupil))).toEqual(["p1"]);
  });

  it("CU-6, HO-8: the infirmary pupil marked back at 19:30 is expected again from 19:30 on", () => {
    const back = applyReturn(dismissal, {
      pupilId: "p3",
      at: atMin(hm("19:30")).toISOString(),
      by: "zhou",
      mutationId: "back-1",
    });
    expect(back.outcome).toBe("applied");
    const chain = { handovers: [back.handover], leaves: [] };
    const before = rollCallList(roomOf(ROOM_2), MON, atMin(hm("19:29")), PUPILS, chain);
    const after = rollCallList(roomOf(ROOM_2), MON, atMin(hm("19:30")), PUPILS, chain);
    expect(ids(before.away.map((a) => a.pupil))).toEqual(["p3"]);
    expect(ids(after.expected)).toEqual(["p3", "p4", "p6"]);
    expect(after.away).toEqual([]);
  });

  it("HO-8: only a pupil the roll call marked away, not unaccounted, not before the roll call, once", () => {
    const r = (pupilId: string, hhmm: string, mutationId = `m-${pupilId}-${hhmm}`) =>
      applyReturn(dismissal, { pupilId, at: atMin(hm(hhmm)).toISOString(), by: "zhou", mutationId });
    expect(r("p2", "19:00").outcome).toBe("refused");
    expect(r("p3", "16:00").outcome).toBe("refused");
    const missing = give("dismissal", classOf(CLASS_B), atMin(hm("16:50")), { handovers: [], leaves: [] }, [
      { pupilId: "p5", reason: "unaccounted" },
    ]);
    expect(
      applyReturn(missing, { pupilId: "p5", at: atMin(hm("18:00")).toISOString(), by: "z", mutationId: "x" })
        .outcome,
    ).toBe("refused");
    const once = r("p3", "19:00", "same");
    expect(applyReturn(once.handover, once.handover.returns?.[0] as never).outcome).toBe("repeat");
    const twice = applyReturn(once.handover, {
      pupilId: "p3",
      at: atMin(hm("19:10")).toISOString(),
      by: "zhou",
      mutationId: "other",
    });
    expect(twice.outcome).toBe("refused");
  });

  it("CU-1, CU-7: leave recorded ahead is listed apart from the roll calls' marks", () => {
    const leave: Leave = {
      id: "l1",
      pupilId: "p2",
      from: MON,
      to: TUE,
      note: "",
      recordedBy: "wang",
      recordedAt: atMin(0).toISOString(),
      cancelledBy: null,
      cancelledAt: null,
    };
    const list = rollCallList(roomOf(ROOM_1), MON, atMin(hm("20:40")), PUPILS, {
      handovers: [dismissal],
      leaves: [leave],
    });
    expect(ids(list.expected)).toEqual(["p5"]);
    expect(ids(list.onLeave)).toEqual(["p2"]);
    expect(ids(list.away.map((a) => a.pupil))).toEqual(["p1"]);
  });

  it("CU-7: a correction of a roll call (HO-6) is listed without that roll call's own marks", () => {
    const list = rollCallList(
      classOf(CLASS_A),
      MON,
      atMin(hm("16:50")),
      PUPILS,
      { handovers: [dismissal], leaves: [] },
      dismissal.id,
    );
    expect(ids(list.expected)).toEqual(["p1", "p2", "p3", "p4"]);
  });
});

// ── The property: any evening ────────────────────────────────────────────────────────────

type Step =
  | {
      kind: "rollCall";
      handover: HandoverKind;
      group: RollCallGroup;
      min: number;
      marks: [number, ExceptionReason][];
    }
  | { kind: "return"; pupil: number; min: number }
  | { kind: "found"; pupil: number; min: number };

const reason = fc.constantFrom<ExceptionReason>("leave", "sick", "picked_up", "unaccounted");
const marks = fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), reason), { maxLength: 4 });
const minute = (from: string, to: string) => fc.integer({ min: hm(from), max: hm(to) });

const evening = fc.record({
  leave: fc.subarray([1, 2, 3, 4, 5, 6], { maxLength: 2 }),
  dismissalA: fc.tuple(minute("16:31", "17:10"), marks),
  dismissalB: fc.tuple(minute("16:31", "17:10"), marks),
  bedtime1: fc.tuple(minute("20:31", "21:10"), marks),
  bedtime2: fc.tuple(minute("20:31", "21:10"), marks),
  checks: fc.array(fc.tuple(fc.constantFrom(ROOM_1, ROOM_2), minute("21:15", "29:30"), marks), {
    maxLength: 3,
  }),
  others: fc.array(
    fc.tuple(
      fc.constantFrom<"return" | "found">("return", "found"),
      fc.integer({ min: 1, max: 6 }),
      minute("16:32", "29:50"),
    ),
    { maxLength: 8 },
  ),
});

/** The model: where each child is, step by step, knowing nothing of the domain's code. */
interface ModelMark {
  reason: ExceptionReason;
  /** The record that marked it (a return is made on it). */
  handoverId: string;
}

describe("any evening (CU-7 property)", () => {
  it("CU-7: every roll call's 应到 and away lists, and custodyAt, equal where the model says each child is", () => {
    fc.assert(
      fc.property(evening, (e) => {
        const rollCall = (
          handover: HandoverKind,
          group: RollCallGroup,
          [min, m]: [number, [number, ExceptionReason][]],
        ): Step => ({ kind: "rollCall", handover, group, min, marks: m });
        const steps: Step[] = [
          rollCall("dismissal", classOf(CLASS_A), e.dismissalA),
          rollCall("dismissal", classOf(CLASS_B), e.dismissalB),
          rollCall("bedtime", roomOf(ROOM_1), e.bedtime1),
          rollCall("bedtime", roomOf(ROOM_2), e.bedtime2),
          ...e.checks.map(([room, min, m]) => rollCall("bedCheck", roomOf(room), [min, m])),
          ...e.others.map(([kind, pupilN, min]): Step => ({ kind, pupil: pupilN, min })),
        ].sort((a, b) => a.min - b.min);

        const leaves: Leave[] = e.leave.map((n) => ({
          id: `l${n}`,
          pupilId: `p${n}`,
          from: MON,
          to: MON,
          note: "",
          recordedBy: "wang",
          recordedAt: atMin(0).toISOString(),
          cancelledBy: null,
          cancelledAt: null,
        }));
        const onLeave = new Set(e.leave.map((n) => `p${n}`));
        const away = new Map<string, ModelMark>();
        const found = new Set<string>();
        const handovers = new Map<string, Handover>();
        let seq = 0;

        for (const step of steps) {
          const instant = atMin(step.min);
          const chain: ChainInput = { handovers: [...handovers.values()], leaves, foundAlertSubjects: found };
          if (step.kind === "return") {
            const id = `p${step.pupil}`;
            const mark = away.get(id);
            const h = mark ? handovers.get(mark.handoverId) : undefined;
            if (!mark || !h || mark.reason === "unaccounted") continue;
            const r = applyReturn(h, {
              pupilId: id,
              at: instant.toISOString(),
              by: "duty",
              mutationId: `r${seq++}`,
            });
            if (r.outcome !== "applied") return false;
            handovers.set(h.id, r.handover);
            away.delete(id);
            continue;
          }
          if (step.kind === "found") {
            const id = `p${step.pupil}`;
            if (away.get(id)?.reason !== "unaccounted") continue;
            found.add(id);
            away.delete(id);
            continue;
          }
          // A roll call: its list must be what the model says, then it is given.
          const members = PUPILS.filter((p) =>
            step.group.kind === "class"
              ? p.classId === step.group.classId
              : p.dormRoomId === step.group.roomId,
          );
          const list = rollCallList(step.group, MON, instant, PUPILS, chain);
          expect(ids(list.onLeave)).toEqual(ids(members.filter((p) => onLeave.has(p.id))));
          expect(ids(list.away.map((a) => a.pupil))).toEqual(
            ids(members.filter((p) => !onLeave.has(p.id) && away.has(p.id))),
          );
          expect(list.away.map((a) => a.away.reason)).toEqual(
            list.away.map((a) => away.get(a.pupil.id)?.reason),
          );
          const inCare = members.filter((p) => !onLeave.has(p.id) && !away.has(p.id));
          expect(ids(list.expected)).toEqual(ids(inCare));
          for (const p of members) {
            const c = custodyAt(instant, {
              ...chain,
              pupil: p,
              classTeacherId: "wang",
              settings: SETTINGS,
              roster: rosterLookup([]),
            });
            const want = onLeave.has(p.id) ? "on_leave" : away.has(p.id) ? "exception" : "held";
            expect(c.kind, `${p.id} at ${step.min}`).toBe(want);
          }

          const exceptions: RollCallException[] = [];
          for (const [n, r] of step.marks) {
            const id = `p${n}`;
            if (!inCare.some((p) => p.id === id) || exceptions.some((x) => x.pupilId === id)) continue;
            exceptions.push(
              r === "picked_up"
                ? { pupilId: id, reason: r, pickedUpBy: "父亲", pickedUpAt: instant.toISOString() }
                : { pupilId: id, reason: r },
            );
          }
          let h = give(step.handover, step.group, instant, chain, exceptions, seq++);
          if (step.handover !== "bedCheck")
            h = applyReceive(h, {
              by: "receiver",
              at: instant.toISOString(),
              count: h.give?.presentCount ?? 0,
              confirmedOn: "own_phone",
              mutationId: `rc${seq++}`,
            }).handover;
          handovers.set(h.id, h);
          for (const p of inCare) {
            const x = exceptions.find((m) => m.pupilId === p.id);
            if (x) {
              away.set(p.id, { reason: x.reason, handoverId: h.id });
              // A new mark of 下落不明 opens a new alert: an earlier "found" no longer counts.
              if (x.reason === "unaccounted") found.delete(p.id);
            } else away.delete(p.id);
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
