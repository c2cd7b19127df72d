import { describe, expect, it } from "vitest";
import { type DutySlot, dutySlotId, type RotationTemplate, requiredDuties } from "../../../domain/roster.ts";
import type { SchoolCalendar } from "../../../domain/school-calendar.ts";
import { defaultStart, inBatches, previewGeneration, validateTemplate } from "./setup-model.ts";

const A = "01J00000000000000000000AAA";
const B = "01J00000000000000000000BBB";
const C = "01J00000000000000000000CCC";
const calendar: SchoolCalendar = {
  schoolDays: [1, 2, 3, 4, 5],
  terms: [{ id: "T", name: "秋季", start: "2026-09-01", end: "2027-01-20" }],
  holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-07" }],
  makeUpDays: [{ date: "2026-10-10", followsWeekday: 5 }],
};
const morning: RotationTemplate = {
  id: "01J000000000000000000TMPL1",
  name: "早活动值日",
  kind: "morning",
  scope: { kind: "campus" },
  pattern: { mode: "rotation", staffIds: [A, B, C], perDay: 1 },
  isActive: true,
};

describe("rotation template form", () => {
  it("a good template has no problems", () => {
    expect(validateTemplate(morning, [])).toEqual([]);
  });

  it("names the field: name, scope of a night caretaker, empty rotation, people a day", () => {
    const bad: RotationTemplate = {
      ...morning,
      name: " ",
      kind: "night",
      pattern: { mode: "rotation", staffIds: [], perDay: 0 },
    };
    expect(validateTemplate(bad, []).map((p) => p.field)).toEqual(["name", "scope", "pattern", "perDay"]);
    const tooMany = { ...morning, pattern: { mode: "rotation" as const, staffIds: [A], perDay: 2 } };
    expect(validateTemplate(tooMany, [])[0]?.zh).toBe("每天 2 人，但名单只有 1 人");
  });

  it("two active templates on the same duty and scope would overwrite each other", () => {
    const twin = { ...morning, id: "01J000000000000000000TMPL2", name: "另一个" };
    expect(validateTemplate(twin, [morning])[0]?.zh).toBe(
      "模板“早活动值日”已经负责同一值日和范围；请停用其中一个",
    );
    expect(validateTemplate({ ...twin, isActive: false }, [morning])).toEqual([]);
  });

  it("a weekly pattern needs someone on some day", () => {
    const empty = { ...morning, pattern: { mode: "weekly" as const, byWeekday: { "1": [] } } };
    expect(validateTemplate(empty, [])[0]?.field).toBe("pattern");
  });
});

describe("generating a term", () => {
  it("starts at the term's start, or today once the term has begun", () => {
    expect(defaultStart({ start: "2026-09-01", end: "2027-01-20" }, "2026-08-20")).toBe("2026-09-01");
    expect(defaultStart({ start: "2026-09-01", end: "2027-01-20" }, "2026-11-28")).toBe("2026-11-28");
  });

  it("[RS-3] the preview counts slots, people evenly, keeps edited slots and lists the gaps left", () => {
    const edited: DutySlot = {
      id: dutySlotId("2026-10-08", "morning", { kind: "campus" }),
      date: "2026-10-08",
      kind: "morning",
      scope: { kind: "campus" },
      staffIds: [A],
      source: "edited",
      templateId: null,
      history: [],
    };
    const preview = previewGeneration({
      templates: [morning],
      calendar,
      from: "2026-10-05",
      to: "2026-10-16",
      existing: [edited],
      required: requiredDuties([morning], []),
      by: A,
      at: "2026-09-30T08:00:00.000Z",
    });
    // School days: 8, 9, 10 (make-up), 12–16 = 8; one kept.
    expect(preview.perKind).toEqual([{ kind: "morning", count: 7 }]);
    expect(preview.result.kept.map((s) => s.id)).toEqual([edited.id]);
    const totals = preview.perPerson.map((p) => p.total);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(8);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(2);
    // Noon and evening have no template: every school day is a gap; holiday duty Mon–Wed, Sun.
    expect(preview.gapsAfter.filter((g) => g.kind === "noon")).toHaveLength(8);
    expect(preview.gapsAfter.filter((g) => g.kind === "morning")).toHaveLength(0);
    expect(preview.gapsAfter.filter((g) => g.kind === "holiday").map((g) => g.date)).toEqual([
      "2026-10-05",
      "2026-10-06",
      "2026-10-07",
      "2026-10-11",
    ]);
  });

  it("batches a long term into pushes the server takes", () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([], 2)).toEqual([]);
  });
});
