import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollCallList } from "./custody.ts";
import {
  EXCEPTION_LABELS,
  EXCEPTION_REASONS,
  type ExceptionReason,
  isOnLeave,
  type Leave,
  type RollCall,
  type RollCallException,
  type RollCallPupil,
  rollCallCounts,
  sortForRollCall,
  validateLeaveDates,
  validateRollCall,
} from "./roll-call.ts";

// Class 三(2) with boarders in rooms 301 (boys) and 201 (girls), and two day pupils.
const pupil = (
  id: string,
  name: string,
  studentNo: string,
  dorm: { room: string; bed: string | null } | null,
  classId = "class-3-2",
): RollCallPupil => ({
  id,
  name,
  studentNo,
  classId,
  isBoarder: dorm !== null,
  dormRoomId: dorm?.room ?? null,
  bed: dorm?.bed ?? null,
});

const ZHANG = pupil("p-zhang", "张伟", "10", { room: "r-301", bed: "10" });
const LI = pupil("p-li", "李明", "2", { room: "r-301", bed: "2" });
const WANG = pupil("p-wang", "王芳", "3", { room: "r-201", bed: "1" });
const ZHAO = pupil("p-zhao", "赵磊", "1", { room: "r-301", bed: null });
const CHEN = pupil("p-chen", "陈静", "4", null); // day pupil
const LIU = pupil("p-liu", "刘洋", "5", { room: "r-301", bed: "1" }, "class-4-1"); // another class
const PUPILS = [ZHANG, LI, WANG, ZHAO, CHEN, LIU];

const CLASS = { kind: "class", classId: "class-3-2" } as const;
const ROOM_301 = { kind: "room", roomId: "r-301" } as const;

const leave = (pupilId: string, from: string, to: string, cancelled = false): Leave => ({
  id: `leave-${pupilId}-${from}`,
  pupilId,
  from,
  to,
  note: "回家看病",
  recordedBy: "wang",
  recordedAt: "2026-11-27T02:00:00.000Z",
  cancelledBy: cancelled ? "wang" : null,
  cancelledAt: cancelled ? "2026-11-28T02:00:00.000Z" : null,
});

const ids = (ps: readonly RollCallPupil[]) => ps.map((p) => p.id);

describe("expected list (RC-1, RC-5)", () => {
  it("RC-1: a class's expected list is its boarders only, not day pupils nor other classes", () => {
    const { expected, onLeave } = rollCallList(
      CLASS,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      { handovers: [], leaves: [] },
    );
    expect(ids(expected).sort()).toEqual(["p-li", "p-wang", "p-zhang", "p-zhao"]);
    expect(onLeave).toEqual([]);
  });

  it("RC-1: a dorm room's expected list is the boarders sleeping in it, of any class", () => {
    const { expected } = rollCallList(
      ROOM_301,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      { handovers: [], leaves: [] },
    );
    expect(ids(expected).sort()).toEqual(["p-li", "p-liu", "p-zhang", "p-zhao"]);
  });

  it("RC-1: a pupil on leave is listed apart, never silently dropped", () => {
    const { expected, onLeave } = rollCallList(
      CLASS,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      { handovers: [], leaves: [leave("p-li", "2026-11-30", "2026-12-01")] },
    );
    expect(ids(expected)).not.toContain("p-li");
    expect(ids(onLeave)).toEqual(["p-li"]);
    expect(expected.length + onLeave.length).toBe(4);
  });

  it("RC-5: leave covers its first and last date and not the days either side", () => {
    const l = leave("p-li", "2026-11-30", "2026-12-02");
    expect(isOnLeave(l, "p-li", "2026-11-29")).toBe(false);
    expect(isOnLeave(l, "p-li", "2026-11-30")).toBe(true);
    expect(isOnLeave(l, "p-li", "2026-12-01")).toBe(true);
    expect(isOnLeave(l, "p-li", "2026-12-02")).toBe(true);
    expect(isOnLeave(l, "p-li", "2026-12-03")).toBe(false);
  });

  it("RC-5: a one-day leave (from = to) covers exactly that date, across a month end", () => {
    const l = leave("p-li", "2026-11-30", "2026-11-30");
    expect(isOnLeave(l, "p-li", "2026-11-30")).toBe(true);
    expect(isOnLeave(l, "p-li", "2026-12-01")).toBe(false);
    const overYear = leave("p-li", "2026-12-31", "2027-01-01");
    expect(isOnLeave(overYear, "p-li", "2026-12-31")).toBe(true);
    expect(isOnLeave(overYear, "p-li", "2027-01-01")).toBe(true);
    expect(isOnLeave(overYear, "p-li", "2027-01-02")).toBe(false);
  });

  it("RC-5: leave is the named pupil's only", () => {
    expect(isOnLeave(leave("p-li", "2026-11-30", "2026-11-30"), "p-zhang", "2026-11-30")).toBe(false);
  });

  it("RC-5: cancelled leave no longer counts, so the pupil is expected again", () => {
    const cancelled = leave("p-li", "2026-11-30", "2026-12-01", true);
    expect(isOnLeave(cancelled, "p-li", "2026-11-30")).toBe(false);
    const { expected, onLeave } = rollCallList(
      CLASS,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      { handovers: [], leaves: [cancelled] },
    );
    expect(ids(expected)).toContain("p-li");
    expect(onLeave).toEqual([]);
  });

  it("RC-5: a cancelled leave does not hide another leave that still stands", () => {
    const { onLeave } = rollCallList(
      CLASS,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      {
        handovers: [],
        leaves: [leave("p-li", "2026-11-30", "2026-11-30", true), leave("p-li", "2026-11-29", "2026-12-01")],
      },
    );
    expect(ids(onLeave)).toEqual(["p-li"]);
  });

  it("RC-5: leave ending before it starts is refused, naming both dates", () => {
    expect(validateLeaveDates("2026-11-30", "2026-11-30")).toEqual([]);
    expect(validateLeaveDates("2026-11-30", "2026-12-01")).toEqual([]);
    const problems = validateLeaveDates("2026-12-01", "2026-11-30");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("to");
    expect(problems[0]?.zh).toContain("2026-11-30");
    expect(problems[0]?.zh).toContain("2026-12-01");
    expect(problems[0]?.en).toContain("2026-11-30");
  });
});

describe("roll-call order (RC-4)", () => {
  it('RC-4: a dorm room sorts by bed number numerically ("2" before "10"), no bed last', () => {
    const { expected } = rollCallList(
      ROOM_301,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      { handovers: [], leaves: [] },
    );
    expect(expected.map((p) => p.bed)).toEqual(["1", "2", "10", null]);
  });

  it('RC-4: a class sorts by student number numerically ("2" before "10")', () => {
    const { expected } = rollCallList(
      CLASS,
      "2026-11-30",
      new Date(`${"2026-11-30"}T12:00:00+08:00`),
      PUPILS,
      { handovers: [], leaves: [] },
    );
    expect(expected.map((p) => p.studentNo)).toEqual(["1", "2", "3", "10"]);
  });

  it("RC-4: pupils without a number come last, in order of name", () => {
    const a = pupil("a", "王五", "", { room: "r", bed: null });
    const b = pupil("b", "李四", "", { room: "r", bed: null });
    const c = pupil("c", "张三", "", { room: "r", bed: "9" });
    const sorted = sortForRollCall([a, b, c], { kind: "room", roomId: "r" });
    expect(sorted.map((p) => p.id)).toEqual(["c", "b", "a"]);
  });

  it("RC-4: sorting does not change the list it was given", () => {
    const input = [ZHANG, LI];
    sortForRollCall(input, ROOM_301);
    expect(input).toEqual([ZHANG, LI]);
  });
});

describe("roll-call arithmetic (RC-2, RC-3)", () => {
  it("RC-3: with no exceptions everyone expected is present", () => {
    expect(rollCallCounts({ expected: ["a", "b", "c"], exceptions: [] })).toEqual({
      expected: 3,
      present: 3,
      leave: 0,
      sick: 0,
      picked_up: 0,
      unaccounted: 0,
    });
  });

  it("RC-3: each exception takes one pupil from present to its reason", () => {
    const counts = rollCallCounts({
      expected: ["a", "b", "c", "d", "e"],
      exceptions: [
        { pupilId: "a", reason: "sick" },
        { pupilId: "b", reason: "unaccounted" },
        { pupilId: "c", reason: "picked_up", pickedUpBy: "父亲", pickedUpAt: "2026-11-30T09:00:00Z" },
      ],
    });
    expect(counts).toEqual({ expected: 5, present: 2, leave: 0, sick: 1, picked_up: 1, unaccounted: 1 });
  });

  it("RC-3: an exception for a pupil not expected, or a second one for the same pupil, is not counted", () => {
    const counts = rollCallCounts({
      expected: ["a", "b"],
      exceptions: [
        { pupilId: "a", reason: "sick" },
        { pupilId: "a", reason: "unaccounted" },
        { pupilId: "stranger", reason: "unaccounted" },
      ],
    });
    expect(counts).toEqual({ expected: 2, present: 1, leave: 0, sick: 1, picked_up: 0, unaccounted: 0 });
  });

  it("RC-3: the counts always add up (random expected lists and exceptions)", () => {
    const arbException = (pool: string[]) =>
      fc.record({
        pupilId: fc.constantFrom(...pool),
        reason: fc.constantFrom(...EXCEPTION_REASONS),
      });
    const arb = fc
      .uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 0, maxLength: 80 })
      .chain((expected) =>
        fc.record({
          expected: fc.constant(expected),
          // Exceptions mostly for expected pupils, some for strangers, duplicates allowed.
          exceptions: fc.array(arbException([...expected, "stranger-1", "stranger-2"]), { maxLength: 90 }),
        }),
      );
    fc.assert(
      fc.property(arb, (rollCall) => {
        const c = rollCallCounts(rollCall);
        expect(c.expected).toBe(rollCall.expected.length);
        expect(c.present + c.leave + c.sick + c.picked_up + c.unaccounted).toBe(c.expected);
        expect(c.present).toBeGreaterThanOrEqual(0);
        const marked = new Set(
          rollCall.exceptions.map((e) => e.pupilId).filter((id) => rollCall.expected.includes(id)),
        );
        expect(c.present).toBe(rollCall.expected.length - marked.size);
        // The first mark of each pupil decides their reason.
        const firstReason = new Map<string, ExceptionReason>();
        for (const e of rollCall.exceptions)
          if (marked.has(e.pupilId) && !firstReason.has(e.pupilId)) firstReason.set(e.pupilId, e.reason);
        for (const reason of EXCEPTION_REASONS)
          expect(c[reason]).toBe([...firstReason.values()].filter((r) => r === reason).length);
      }),
      { numRuns: 300 },
    );
  });

  it("RC-2: a 60-pupil room with two exceptions has 58 present", () => {
    const expected = Array.from({ length: 60 }, (_, i) => `p${i + 1}`);
    const counts = rollCallCounts({
      expected,
      exceptions: [
        { pupilId: "p7", reason: "sick" },
        { pupilId: "p42", reason: "unaccounted" },
      ],
    });
    expect(counts.present).toBe(58);
  });

  const name = (id: string) => ({ a: "张伟", b: "李明", c: "王芳" })[id] ?? id;
  const rc = (exceptions: RollCallException[], extra: Partial<RollCall> = {}): RollCall => ({
    expected: ["a", "b", "c"],
    onLeave: [],
    exceptions,
    ...extra,
  });

  it("RC-2: a valid roll call has no problems", () => {
    expect(
      validateRollCall(
        rc([
          { pupilId: "a", reason: "sick" },
          { pupilId: "b", reason: "picked_up", pickedUpBy: "母亲 李华", pickedUpAt: "2026-11-30T09:10:00Z" },
        ]),
        name,
      ),
    ).toEqual([]);
  });

  it("RC-2: a pupil marked twice is named", () => {
    const problems = validateRollCall(
      rc([
        { pupilId: "a", reason: "sick" },
        { pupilId: "a", reason: "unaccounted" },
      ]),
      name,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ pupilId: "a" });
    expect(problems[0]?.zh).toContain("张伟");
    expect(problems[0]?.en).toContain("twice");
  });

  it("RC-2: an exception for a pupil not on the expected list is refused", () => {
    const problems = validateRollCall(rc([{ pupilId: "x", reason: "sick" }]), name);
    expect(problems.map((p) => p.pupilId)).toEqual(["x"]);
    expect(problems[0]?.en).toContain("not on the expected list");
  });

  it("RC-2: picked up by a parent needs who and when", () => {
    for (const e of [
      { pupilId: "c", reason: "picked_up" as const },
      { pupilId: "c", reason: "picked_up" as const, pickedUpBy: "  ", pickedUpAt: "2026-11-30T09:10:00Z" },
      { pupilId: "c", reason: "picked_up" as const, pickedUpBy: "父亲" },
    ]) {
      const problems = validateRollCall(rc([e]), name);
      expect(problems, JSON.stringify(e)).toHaveLength(1);
      expect(problems[0]?.zh).toContain("王芳");
      expect(problems[0]?.zh).toContain("接走人");
    }
  });

  it("RC-1, RC-2: a pupil both on leave and expected, or expected twice, is refused", () => {
    expect(validateRollCall(rc([], { onLeave: ["a"] }), name)[0]).toMatchObject({ pupilId: "a" });
    expect(validateRollCall(rc([], { expected: ["a", "a", "b"] }), name)).toHaveLength(1);
  });

  it("RC-2: every reason has a Chinese and an English label", () => {
    for (const reason of EXCEPTION_REASONS) {
      expect(EXCEPTION_LABELS[reason].zh).toMatch(/\p{Script=Han}/u);
      expect(EXCEPTION_LABELS[reason].en.length).toBeGreaterThan(0);
    }
  });
});
