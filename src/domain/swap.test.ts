import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CAMPUS, type DutySlot, dutySlotId } from "./roster.ts";
import {
  applySwap,
  begunSlotProblem,
  type StepOutcome,
  SWAP_STATE_LABELS,
  SWAP_STATES,
  SWAP_STEPS,
  type Swap,
  type SwapActor,
  type SwapSlots,
  type SwapState,
  type SwapStep,
  stepSwap,
  swapProblem,
} from "./swap.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

// Ms Li holds Wednesday 2 December's evening duty (with Mr Wu) and asks Mr Zhao to take it; Mr Zhao
// gives her his Friday 4 December evening duty in return. Ms Chen is the admin (总务主任).
const TODAY = "2026-11-28";
const LI: SwapActor = { id: "li", isAdmin: false };
const ZHAO: SwapActor = { id: "zhao", isAdmin: false };
const CHEN: SwapActor = { id: "chen", isAdmin: true };
const OUTSIDER: SwapActor = { id: "wu", isAdmin: false };

function slot(date: string, staffIds: string[]): DutySlot {
  return {
    id: dutySlotId(date, "evening", CAMPUS),
    date,
    kind: "evening",
    scope: CAMPUS,
    staffIds,
    source: "generated",
    templateId: "tpl-evening",
    history: [{ at: "2026-08-25T02:00:00.000Z", by: "admin", change: "generated", staffIds }],
  };
}
const WED = slot("2026-12-02", ["li", "wu"]);
const FRI = slot("2026-12-04", ["zhao"]);

const SWAP: Swap = {
  id: "swap-1",
  askedBy: "li",
  counterpartId: "zhao",
  give: { slotId: WED.id, version: 3 },
  take: { slotId: FRI.id, version: 5 },
  reason: "孩子家长会 / parents' evening",
  state: "asked",
  decidedBy: null,
  history: [{ at: "2026-11-28T01:00:00.000Z", by: "li", step: "ask" }],
};
const COVER: Swap = { ...SWAP, id: "swap-2", take: null };
const AS_ASKED: SwapSlots = { give: { slot: WED, version: 3 }, take: { slot: FRI, version: 5 } };

const inState = (state: SwapState): Swap => ({ ...SWAP, state });
const applied = (o: StepOutcome): Swap => {
  if (o.outcome !== "applied") throw new Error(`expected applied, got ${JSON.stringify(o)}`);
  return o.swap;
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("[SW-2] steps and who may take them", () => {
  it("SW-2: asked → accepted by the colleague → approved by the admin", () => {
    const accepted = applied(stepSwap(SWAP, "accept", ZHAO, "2026-11-28T02:00:00.000Z"));
    expect(accepted.state).toBe("accepted");
    expect(accepted.decidedBy).toBeNull();
    const approved = applied(stepSwap(accepted, "approve", CHEN, "2026-11-28T03:00:00.000Z"));
    expect(approved.state).toBe("approved");
    expect(approved.decidedBy).toBe("chen");
  });

  it("SW-2: the colleague may decline; the admin may refuse before or after acceptance; the asker may cancel", () => {
    expect(applied(stepSwap(SWAP, "decline", ZHAO, "t")).state).toBe("declined");
    expect(applied(stepSwap(SWAP, "refuse", CHEN, "t")).state).toBe("refused");
    expect(applied(stepSwap(inState("accepted"), "refuse", CHEN, "t"))).toMatchObject({
      state: "refused",
      decidedBy: "chen",
    });
    expect(applied(stepSwap(SWAP, "cancel", LI, "t")).state).toBe("cancelled");
    expect(applied(stepSwap(inState("accepted"), "cancel", LI, "t")).state).toBe("cancelled");
  });

  it("SW-2: only the colleague accepts, only an admin approves, only the asker cancels", () => {
    expect(stepSwap(SWAP, "accept", LI, "t").outcome).toBe("forbidden");
    expect(stepSwap(SWAP, "accept", CHEN, "t").outcome).toBe("forbidden");
    expect(stepSwap(inState("accepted"), "approve", ZHAO, "t").outcome).toBe("forbidden");
    expect(stepSwap(inState("accepted"), "approve", LI, "t").outcome).toBe("forbidden");
    expect(stepSwap(SWAP, "cancel", ZHAO, "t").outcome).toBe("forbidden");
    expect(stepSwap(SWAP, "decline", OUTSIDER, "t").outcome).toBe("forbidden");
    const forbidden = stepSwap(inState("accepted"), "approve", ZHAO, "t");
    expect(forbidden.outcome === "forbidden" && forbidden.message).toMatch(
      /只有管理员.*可以批准.* \/ only an admin/,
    );
  });

  it("SW-2: an admin cannot approve before the colleague has accepted", () => {
    const o = stepSwap(SWAP, "approve", CHEN, "t");
    expect(o.outcome).toBe("invalid");
    expect(o.outcome === "invalid" && o.message).toMatch(/待对方同意.*the swap is asked/);
  });

  it("SW-2: every state × step × person gives the outcome of the rules (exhaustive table)", () => {
    const rules: Record<SwapStep, { from: SwapState[]; to: SwapState; who: (a: SwapActor) => boolean }> = {
      accept: { from: ["asked"], to: "accepted", who: (a) => a.id === "zhao" },
      decline: { from: ["asked"], to: "declined", who: (a) => a.id === "zhao" },
      approve: { from: ["accepted"], to: "approved", who: (a) => a.isAdmin },
      refuse: { from: ["asked", "accepted"], to: "refused", who: (a) => a.isAdmin },
      cancel: { from: ["asked", "accepted"], to: "cancelled", who: (a) => a.id === "li" },
    };
    for (const state of SWAP_STATES)
      for (const step of SWAP_STEPS)
        for (const actor of [LI, ZHAO, CHEN, OUTSIDER]) {
          const rule = rules[step];
          const expected = !rule.who(actor)
            ? "forbidden"
            : state === rule.to
              ? "repeat"
              : rule.from.includes(state)
                ? "applied"
                : "invalid";
          const o = stepSwap(inState(state), step, actor, "t");
          expect(o.outcome, `${actor.id} ${step} on ${state}`).toBe(expected);
          if (o.outcome === "applied") expect(o.swap.state).toBe(rule.to);
        }
  });

  it("SW-2: once approved, declined, refused, cancelled or void, no step moves the swap again", () => {
    for (const state of ["approved", "declined", "refused", "cancelled", "void"] as const)
      for (const step of SWAP_STEPS)
        for (const actor of [LI, ZHAO, CHEN]) {
          const o = stepSwap(inState(state), step, actor, "t");
          expect(o.outcome, `${actor.id} ${step} on ${state}`).not.toBe("applied");
        }
  });

  it("SW-2: the same step twice is a no-op that returns the swap unchanged", () => {
    const accepted = applied(stepSwap(SWAP, "accept", ZHAO, "2026-11-28T02:00:00.000Z"));
    const again = stepSwap(accepted, "accept", ZHAO, "2026-11-28T02:05:00.000Z");
    expect(again).toEqual({ outcome: "repeat", swap: accepted });
    const approved = applied(stepSwap(accepted, "approve", CHEN, "2026-11-28T03:00:00.000Z"));
    const twice = stepSwap(approved, "approve", CHEN, "2026-11-28T03:01:00.000Z");
    expect(twice.outcome).toBe("repeat");
    expect(twice.outcome === "repeat" && twice.swap.history).toHaveLength(3);
  });

  it("SW-2: every state and step has a label in Chinese and English", () => {
    for (const state of SWAP_STATES) {
      expect(SWAP_STATE_LABELS[state].zh).not.toBe("");
      expect(SWAP_STATE_LABELS[state].en).not.toBe("");
    }
    const o = stepSwap(inState("declined"), "accept", ZHAO, "t");
    expect(o.outcome === "invalid" && o.message).toMatch(/对方已拒绝.*不能再同意 \/ the swap is declined/);
  });
});

describe("[SW-1] who holds which slot", () => {
  it("SW-1: the swap as asked fits; so does a cover with nothing given back", () => {
    expect(swapProblem(SWAP, AS_ASKED, TODAY)).toBeUndefined();
    expect(swapProblem(COVER, { give: AS_ASKED.give, take: undefined }, TODAY)).toBeUndefined();
  });

  it("SW-1: the asker must hold the slot they give, and the colleague must not", () => {
    const notMine = { ...AS_ASKED, give: { slot: slot("2026-12-02", ["wu"]), version: 3 } };
    expect(swapProblem(SWAP, notMine, TODAY)).toMatch(/you do not hold 2026-12-02\|evening\|campus/);
    const theirsToo = { ...AS_ASKED, give: { slot: slot("2026-12-02", ["li", "zhao"]), version: 3 } };
    expect(swapProblem(SWAP, theirsToo, TODAY)).toMatch(/already holds/);
    expect(swapProblem(SWAP, { ...AS_ASKED, give: undefined }, TODAY)).toMatch(/does not exist/);
  });

  it("SW-1: asking oneself is refused (one holds the slot one would take over)", () => {
    expect(swapProblem({ ...COVER, counterpartId: "li" }, AS_ASKED, TODAY)).toMatch(/already holds/);
  });

  it("SW-1: the colleague must hold the slot given back, and the asker must not; not the same slot", () => {
    const notTheirs = { ...AS_ASKED, take: { slot: slot("2026-12-04", ["sun"]), version: 5 } };
    expect(swapProblem(SWAP, notTheirs, TODAY)).toMatch(/the colleague does not hold 2026-12-04/);
    const mineToo = { ...AS_ASKED, take: { slot: slot("2026-12-04", ["zhao", "li"]), version: 5 } };
    expect(swapProblem(SWAP, mineToo, TODAY)).toMatch(/you already hold 2026-12-04/);
    expect(swapProblem(SWAP, { ...AS_ASKED, take: undefined }, TODAY)).toMatch(/to take does not exist/);
    const self = { ...SWAP, take: { slotId: WED.id, version: 3 } };
    expect(swapProblem(self, { give: AS_ASKED.give, take: AS_ASKED.give }, TODAY)).toMatch(/itself/);
  });

  it("SW-1: a slot whose date has passed cannot be swapped; today's still can", () => {
    expect(swapProblem(SWAP, AS_ASKED, "2026-12-03")).toMatch(/2026-12-02 has passed/);
    expect(swapProblem(SWAP, AS_ASKED, "2026-12-02")).toBeUndefined();
    expect(swapProblem(SWAP, AS_ASKED, "2026-12-05")).toMatch(/has passed/);
    const pastTake = { ...AS_ASKED, take: { slot: slot("2026-11-27", ["zhao"]), version: 5 } };
    expect(swapProblem(SWAP, pastTake, TODAY)).toMatch(/2026-11-27 has passed/);
  });

  it("SW-1: every problem is told in Chinese and English", () => {
    const problem = swapProblem(SWAP, { ...AS_ASKED, give: undefined }, TODAY) as string;
    expect(problem).toMatch(/[a-z].* \/ .*[\u4e00-\u9fff]/);
  });
});

describe("[SW-3] all or nothing", () => {
  it("SW-3: approving swaps the two people in both slots and leaves the others in them", () => {
    const out = applySwap(SWAP, AS_ASKED, "chen", "2026-11-28T03:00:00.000Z", TODAY);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.slots.map((s) => [s.id, s.staffIds])).toEqual([
      [WED.id, ["zhao", "wu"]],
      [FRI.id, ["li"]],
    ]);
    expect(out.slots.every((s) => s.source === "swapped")).toBe(true);
  });

  it("SW-3: a cover changes only the given slot", () => {
    const out = applySwap(COVER, AS_ASKED, "chen", "t", TODAY);
    expect(out.ok && out.slots.map((s) => [s.id, s.staffIds])).toEqual([[WED.id, ["zhao", "wu"]]]);
  });

  it("SW-3: if the given slot's version changed since asking, nothing changes and the reason names it", () => {
    const out = applySwap(SWAP, { ...AS_ASKED, give: { slot: WED, version: 4 } }, "chen", "t", TODAY);
    expect(out).toEqual({ ok: false, reason: expect.stringContaining(WED.id) });
    expect(out.ok === false && out.reason).toMatch(/值班已变动.*the roster changed since the swap was asked/);
  });

  it("SW-3: if the slot given back changed, nothing changes either", () => {
    const out = applySwap(SWAP, { ...AS_ASKED, take: { slot: FRI, version: 6 } }, "chen", "t", TODAY);
    expect(out.ok).toBe(false);
    expect(out.ok === false && out.reason).toContain(FRI.id);
    expect(out.ok === false && out.reason).not.toContain(WED.id);
  });

  it("SW-3: with the versions unchanged but a slot no longer fitting SW-1 (or passed), nothing changes", () => {
    const gone = { ...AS_ASKED, take: { slot: slot("2026-12-04", ["sun"]), version: 5 } };
    expect(applySwap(SWAP, gone, "chen", "t", TODAY)).toEqual({
      ok: false,
      reason: expect.stringMatching(/colleague does not hold/),
    });
    expect(applySwap(SWAP, AS_ASKED, "chen", "t", "2026-12-03").ok).toBe(false);
  });

  it("SW-3: both slots change or neither, and the slots passed in are never modified (property)", () => {
    const staff = fc.constantFrom("li", "zhao", "wu", "sun");
    const arbSlot = (date: string) =>
      fc.uniqueArray(staff, { minLength: 0, maxLength: 3 }).map((people) => slot(date, people));
    fc.assert(
      fc.property(
        arbSlot("2026-12-02"),
        arbSlot("2026-12-04"),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 4, max: 6 }),
        fc.boolean(),
        (give, take, giveVersion, takeVersion, isCover) => {
          const swap = isCover ? COVER : SWAP;
          const slots = deepFreeze<SwapSlots>({
            give: { slot: give, version: giveVersion },
            take: { slot: take, version: takeVersion },
          });
          const snapshot = structuredClone(slots);
          const out = applySwap(swap, slots, "chen", "t", TODAY);
          expect(slots).toEqual(snapshot);
          const versionsMatch = giveVersion === 3 && (isCover || takeVersion === 5);
          const fits = swapProblem(swap, slots, TODAY) === undefined;
          expect(out.ok).toBe(versionsMatch && fits);
          if (!out.ok) return;
          expect(out.slots).toHaveLength(isCover ? 1 : 2);
          const [newGive, newTake] = out.slots as [DutySlot, DutySlot | undefined];
          expect(newGive.staffIds).toContain("zhao");
          expect(newGive.staffIds).not.toContain("li");
          expect(newGive.staffIds).toHaveLength(give.staffIds.length);
          if (!isCover) {
            expect(newTake?.staffIds).toContain("li");
            expect(newTake?.staffIds).not.toContain("zhao");
            expect(newTake?.staffIds).toHaveLength(take.staffIds.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("[SW-4] who and when, kept", () => {
  it("SW-4: every step adds who, when, the step and any note to the swap's history", () => {
    const accepted = applied(stepSwap(SWAP, "accept", ZHAO, "2026-11-28T02:00:00.000Z", "可以 / fine"));
    const approved = applied(stepSwap(accepted, "approve", CHEN, "2026-11-28T03:00:00.000Z"));
    expect(approved.history).toEqual([
      { at: "2026-11-28T01:00:00.000Z", by: "li", step: "ask" },
      { at: "2026-11-28T02:00:00.000Z", by: "zhao", step: "accept", note: "可以 / fine" },
      { at: "2026-11-28T03:00:00.000Z", by: "chen", step: "approve", note: undefined },
    ]);
    expect(SWAP.history).toHaveLength(1); // the earlier version is untouched
  });

  it("SW-4: the slots' history names the swap, who asked and the admin who approved it", () => {
    const out = applySwap(SWAP, AS_ASKED, "chen", "2026-11-28T03:00:00.000Z", TODAY);
    if (!out.ok) throw new Error(out.reason);
    for (const s of out.slots) {
      expect(s.history).toHaveLength(2);
      expect(s.history[1]).toEqual({
        at: "2026-11-28T03:00:00.000Z",
        by: "li",
        change: "swapped",
        staffIds: s.staffIds,
        approvedBy: "chen",
        swapId: "swap-1",
      });
    }
  });
});

describe("[SW-1] a slot that has already begun cannot be swapped (to the minute)", () => {
  const settings = { timeSlots: DEFAULT_TIME_SLOTS, timeZone: "Asia/Shanghai" };
  const evening: DutySlot = {
    id: "2026-11-30|evening|campus",
    date: "2026-11-30",
    kind: "evening",
    scope: { kind: "campus" },
    staffIds: ["A"],
    source: "generated",
    templateId: null,
    history: [],
  };
  const slots = { give: { slot: evening, version: 1 }, take: undefined };
  it("before 16:30 in Shanghai the evening duty can still be swapped", () => {
    expect(begunSlotProblem(slots, new Date("2026-11-30T08:29:00Z"), settings)).toBeUndefined();
  });
  it("from 16:30 it cannot, on either side of the swap", () => {
    expect(begunSlotProblem(slots, new Date("2026-11-30T08:30:00Z"), settings)).toContain(
      "has already begun",
    );
    const asTake = { give: undefined, take: { slot: evening, version: 1 } };
    expect(begunSlotProblem(asTake, new Date("2026-11-30T09:00:00Z"), settings)).toContain("已经开始");
  });
});
