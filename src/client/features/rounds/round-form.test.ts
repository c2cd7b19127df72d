import { describe, expect, it } from "vitest";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import {
  type CheckItem,
  checklistFor,
  exceptionCount,
  exceptionsToReport,
  hazardDescription,
  ITEM_NOTE_MAX,
  type Marks,
  ROUND_NOTE_MAX,
  roundFromQuery,
  roundItems,
  roundProblems,
  splitLabel,
  toggleException,
  updateMark,
} from "./round-form.ts";

const item = (id: string, position: number, over: Partial<CheckItem> = {}): CheckItem => ({
  id,
  areaKind: "classroom",
  position,
  labelZh: `项目${id}：要求${id}`,
  labelEn: `Item ${id}: rule ${id}`,
  whyZh: "",
  whyEn: "",
  isActive: true,
  ...over,
});

const checklist = [item("a", 0), item("b", 1), item("c", 2)];

describe("the area's checklist", () => {
  it("is the active items of the area's kind, in the admin's order", () => {
    const items = [
      item("late", 5),
      item("off", 1, { isActive: false }),
      item("gate", 0, { areaKind: "perimeter" }),
      item("first", 0),
    ];
    expect(checklistFor(items, "classroom").map((i) => i.id)).toEqual(["first", "late"]);
  });
});

describe("marking a round (every item OK until tapped)", () => {
  it("one tap marks an exception, to be reported by default; a second tap sets it back to OK", () => {
    const once = toggleException({}, "b");
    expect(once.b).toEqual({ note: "", shouldReport: true, severity: "general", photos: [] });
    expect(toggleException(once, "b")).toEqual({});
  });

  it("a change touches only a marked item", () => {
    const marks = toggleException({}, "b");
    expect(updateMark(marks, "b", { note: "门锁坏" }).b?.note).toBe("门锁坏");
    expect(updateMark(marks, "a", { note: "x" })).toBe(marks);
  });

  it("the record keeps every item, OK unless marked; an exception copies its words and the trimmed note", () => {
    const marks = updateMark(toggleException({}, "b"), "b", { note: "  后门门锁损坏 " });
    expect(roundItems(checklist, marks)).toEqual([
      { itemId: "a", ok: true },
      { itemId: "b", labelZh: "项目b：要求b", labelEn: "Item b: rule b", ok: false, note: "后门门锁损坏" },
      { itemId: "c", ok: true },
    ]);
  });

  it("“checked, nothing found” is every item OK and no hazard", () => {
    expect(roundItems(checklist, {}).every((i) => i.ok)).toBe(true);
    expect(exceptionsToReport(checklist, {})).toEqual([]);
    expect(exceptionCount(checklist, {})).toBe(0);
  });

  it("reports the exceptions the person left ticked, in checklist order", () => {
    let marks: Marks = toggleException(toggleException(toggleException({}, "c"), "a"), "b");
    marks = updateMark(marks, "b", { shouldReport: false });
    expect(exceptionsToReport(checklist, marks).map((x) => x.item.id)).toEqual(["a", "c"]);
    expect(exceptionCount(checklist, marks)).toBe(3);
  });
});

describe("a hazard from a checklist item", () => {
  it("splits a label into the thing checked and its rule", () => {
    expect(splitLabel("门窗：玻璃完好，窗扇开关灵活")).toEqual({
      name: "门窗",
      rule: "玻璃完好，窗扇开关灵活",
    });
    expect(splitLabel("Windows: glass intact")).toEqual({ name: "Windows", rule: "glass intact" });
    expect(splitLabel("护栏")).toEqual({ name: "护栏", rule: "" });
  });

  it("is described by the thing checked and the note, or the rule it failed", () => {
    const windows = item("w", 0, { labelZh: "门窗：玻璃完好", labelEn: "Windows: glass intact" });
    expect(hazardDescription(windows, " 后窗玻璃破裂 ", "zh")).toBe("门窗：后窗玻璃破裂");
    expect(hazardDescription(windows, "", "zh")).toBe("门窗：不符合“玻璃完好”");
    expect(hazardDescription(windows, "", "en")).toBe("Windows: not as required (glass intact)");
  });
});

describe("what can be wrong with a round", () => {
  it("only notes that are too long, each named", () => {
    const marks = updateMark(toggleException({}, "b"), "b", { note: "字".repeat(ITEM_NOTE_MAX + 1) });
    expect(roundProblems(checklist, marks, "x".repeat(ROUND_NOTE_MAX + 1))).toEqual([
      { field: "note-b", kind: "too_long", itemId: "b", max: ITEM_NOTE_MAX, length: ITEM_NOTE_MAX + 1 },
      { field: "note", kind: "too_long", itemId: null, max: ROUND_NOTE_MAX, length: ROUND_NOTE_MAX + 1 },
    ]);
    expect(roundProblems(checklist, toggleException({}, "a"), "")).toEqual([]);
  });
});

describe("which round the page records", () => {
  const settings = effectiveSettings({ timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS });
  const noon = new Date("2026-11-30T12:30:00+08:00");

  it("the one the home page asked for", () => {
    expect(roundFromQuery(new URLSearchParams("round=morning&date=2026-11-27"), settings, noon)).toEqual({
      round: "morning",
      date: "2026-11-27",
    });
  });

  it("else the round a record made now belongs to (RD roundForRecording)", () => {
    expect(roundFromQuery(new URLSearchParams(""), settings, noon)).toEqual({
      round: "noon",
      date: "2026-11-30",
    });
  });

  it("ignores a round or date that is not one", () => {
    expect(roundFromQuery(new URLSearchParams("round=night&date=2026-02-30"), settings, noon)).toEqual({
      round: "noon",
      date: "2026-11-30",
    });
  });
});
