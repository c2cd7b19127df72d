import { describe, expect, it } from "vitest";
import { CAMPUS, type DutyKind, type DutySlot, dutySlotId } from "../../../domain/roster.ts";
import { atLocal } from "../../../domain/school-calendar.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import type { Swap } from "../../../domain/swap.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import {
  askProblems,
  endNote,
  hasBegun,
  parseSlotId,
  type Shown,
  swapLists,
  upcomingSlotsOf,
} from "./swaps-model.ts";

const TZ = "Asia/Shanghai";
const settings = effectiveSettings({ timeZone: TZ, timeSlots: DEFAULT_TIME_SLOTS });
const NOW = atLocal("2026-11-30", 17 * 60, TZ); // Monday 17:00

function slot(date: string, kind: DutyKind, staffIds: string[], version: number | null = 2): Shown<DutySlot> {
  return {
    entity: {
      id: dutySlotId(date, kind, CAMPUS),
      date,
      kind,
      scope: CAMPUS,
      staffIds,
      source: "generated",
      templateId: null,
      history: [],
    },
    version,
    hasPendingChanges: false,
  };
}

function swap(over: Partial<Swap>): Shown<Swap> {
  return {
    entity: {
      id: "S",
      askedBy: "me",
      counterpartId: "li",
      give: { slotId: "2026-12-01|noon|campus", version: 2 },
      take: null,
      reason: "",
      state: "asked",
      decidedBy: null,
      history: [{ at: NOW.toISOString(), by: "me", step: "ask" }],
      ...over,
    },
    version: 1,
    hasPendingChanges: false,
  };
}

describe("swap form", () => {
  it("SW-1: a slot that has begun can no longer be offered", () => {
    expect(hasBegun(slot("2026-11-30", "evening", []).entity, settings, NOW)).toBe(true); // 16:30 began
    expect(hasBegun(slot("2026-11-30", "night", []).entity, settings, NOW)).toBe(false); // 20:30
    const slots = [
      slot("2026-11-30", "noon", ["me"]),
      slot("2026-11-30", "night", ["me"]),
      slot("2026-12-02", "morning", ["me"]),
      slot("2026-12-20", "morning", ["me"]),
      slot("2026-12-01", "noon", ["li"]),
    ];
    expect(upcomingSlotsOf("me", slots, settings, NOW, "2026-12-13").map((s) => s.entity.id)).toEqual([
      "2026-11-30|night|campus",
      "2026-12-02|morning|campus",
    ]);
  });

  it("SW-1: names what is wrong with an ask, field by field", () => {
    const slots = new Map(
      [
        slot("2026-12-01", "noon", ["me"]),
        slot("2026-12-02", "noon", ["li"]),
        slot("2026-12-03", "noon", ["li", "me"]),
        slot("2026-12-04", "noon", ["me"], null),
      ].map((s) => [s.entity.id, s]),
    );
    const ok = { giveId: "2026-12-01|noon|campus", counterpartId: "li", takeId: "", reason: "家里有事" };
    expect(askProblems(ok, "me", slots, settings, NOW)).toEqual([]);
    expect(askProblems({ ...ok, takeId: "2026-12-02|noon|campus" }, "me", slots, settings, NOW)).toEqual([]);
    const fields = (draft: typeof ok) => askProblems(draft, "me", slots, settings, NOW).map((p) => p.field);
    expect(fields({ ...ok, giveId: "" })).toEqual(["give"]);
    expect(fields({ ...ok, counterpartId: "me" })).toEqual(["counterpart"]);
    expect(fields({ ...ok, takeId: "2026-12-03|noon|campus" })).toEqual(["take"]); // I already hold it
    expect(fields({ ...ok, giveId: "2026-12-02|noon|campus" })).toEqual(["give", "counterpart"]);
    // Not yet on the server: no version to compare-and-set against (SW-3).
    expect(fields({ ...ok, giveId: "2026-12-04|noon|campus" })).toEqual(["give"]);
    expect(fields({ ...ok, reason: "长".repeat(201) })).toEqual(["reason"]);
  });
});

describe("swap lists", () => {
  it("SW-2: asked swaps wait for the colleague; accepted ones for an admin", () => {
    const asked = swap({ id: "A" });
    const accepted = swap({ id: "B", state: "accepted" });
    const toMe = swap({ id: "C", askedBy: "li", counterpartId: "me" });
    const answered = swap({ id: "D", askedBy: "li", counterpartId: "me", state: "accepted" });
    const all = [asked, accepted, toMe, answered];
    const lists = swapLists(all, "me", false);
    expect(lists.incoming.map((s) => s.entity.id)).toEqual(["C"]);
    expect(lists.answered.map((s) => s.entity.id)).toEqual(["D"]);
    expect(lists.mine.map((s) => s.entity.id)).toEqual(["A", "B"]);
    expect(lists.toApprove).toEqual([]);
    expect(swapLists(all, "admin", true).toApprove.map((s) => s.entity.id)).toEqual(["B", "D"]);
  });

  it("SW-3, SW-4: a void or refused swap shows its reason; an approved one none", () => {
    const voided = swap({
      state: "void",
      history: [
        { at: NOW.toISOString(), by: "me", step: "ask" },
        { at: NOW.toISOString(), by: "admin", step: "void", note: "值班已变动" },
      ],
    }).entity;
    expect(endNote(voided)?.note).toBe("值班已变动");
    expect(endNote(swap({ state: "approved" }).entity)).toBeUndefined();
  });

  it("reads a slot id it does not have", () => {
    expect(parseSlotId("2026-12-01|night|building:男生宿舍楼")).toEqual({
      date: "2026-12-01",
      kind: "night",
    });
    expect(parseSlotId("junk")).toBeUndefined();
  });
});
