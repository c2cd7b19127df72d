import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignSlot,
  CAMPUS,
  DUTY_KINDS,
  DUTY_ROUND,
  type DutyKind,
  type DutyScope,
  type DutySlot,
  dutyDates,
  dutyKindOfSlot,
  dutySlotId,
  findClashes,
  findGaps,
  generateRoster,
  heldInterval,
  type RotationTemplate,
  requiredDuties,
  scopeKey,
  slotsHeldBy,
} from "./roster.ts";
import {
  addDays,
  DEFAULT_SCHOOL_DAYS,
  datesBetween,
  isSchoolDay,
  type SchoolCalendar,
} from "./school-calendar.ts";
import { DEFAULT_TIME_SLOTS, SLOT_KINDS } from "./time-slots.ts";

// The 2026 autumn term: 中秋节 Fri 25 – Sun 27 Sep, 国庆节 Thu 1 – Wed 7 Oct with make-up school
// days Sun 20 Sep (runs Thursday) and Sat 10 Oct (runs Friday), 元旦 Fri 1 – Sun 3 Jan 2027.
const AUTUMN_2026: SchoolCalendar = {
  schoolDays: DEFAULT_SCHOOL_DAYS,
  terms: [{ id: "t-2026-autumn", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
  holidays: [
    { name: "中秋节", start: "2026-09-25", end: "2026-09-27" },
    { name: "国庆节", start: "2026-10-01", end: "2026-10-07" },
    { name: "元旦", start: "2027-01-01", end: "2027-01-03" },
  ],
  makeUpDays: [
    { date: "2026-09-20", followsWeekday: 4 },
    { date: "2026-10-10", followsWeekday: 5 },
  ],
};
const TERM_START = "2026-09-01";
const TERM_END = "2027-01-22";
const GOLDEN_WEEK = datesBetween("2026-10-01", "2026-10-07");

const BOYS: DutyScope = { kind: "building", building: "男生宿舍楼" };
const GIRLS: DutyScope = { kind: "building", building: "女生宿舍楼" };

function template(
  kind: DutyKind,
  pattern: RotationTemplate["pattern"],
  scope: DutyScope = CAMPUS,
  id = `tpl-${kind}-${scopeKey(scope)}`,
): RotationTemplate {
  return { id, name: id, kind, scope, pattern, isActive: true };
}

const WEEKLY_MORNING = template("morning", {
  mode: "weekly",
  byWeekday: { "1": ["mon"], "2": ["tue"], "3": ["wed"], "4": ["thu"], "5": ["fri", "fri2"] },
});

function generate(
  templates: RotationTemplate[],
  existing: DutySlot[] = [],
  from = TERM_START,
  to = TERM_END,
  calendar = AUTUMN_2026,
) {
  return generateRoster({
    templates,
    calendar,
    from,
    to,
    existing: new Map(existing.map((s) => [s.id, s])),
    by: "admin",
    at: "2026-08-25T02:00:00.000Z",
  });
}

function slot(date: string, kind: DutyKind, staffIds: string[], scope: DutyScope = CAMPUS): DutySlot {
  return {
    id: dutySlotId(date, kind, scope),
    date,
    kind,
    scope,
    staffIds,
    source: "generated",
    templateId: null,
    history: [],
  };
}

const byId = (slots: DutySlot[]) => new Map(slots.map((s) => [s.id, s]));

describe("[RS-1] duty kinds and when they are held", () => {
  it("RS-1: the morning, noon, evening and night slots are roster duties; class time is not", () => {
    expect(SLOT_KINDS.map((s) => dutyKindOfSlot(s))).toEqual([
      "morning",
      undefined,
      "noon",
      undefined,
      "evening",
      "night",
    ]);
    expect(DUTY_ROUND).toEqual({ morning: "morning", noon: "noon", evening: "evening" });
  });

  it("RS-1: a duty teacher holds their slot from its start to its end on the same date", () => {
    expect(heldInterval("2026-11-30", "morning", DEFAULT_TIME_SLOTS)).toEqual({
      startDate: "2026-11-30",
      startMinute: 6 * 60 + 30,
      endDate: "2026-11-30",
      endMinute: 8 * 60,
    });
    expect(heldInterval("2026-11-30", "evening", DEFAULT_TIME_SLOTS)).toEqual({
      startDate: "2026-11-30",
      startMinute: 16 * 60 + 30,
      endDate: "2026-11-30",
      endMinute: 20 * 60 + 30,
    });
  });

  it("RS-1: the night caretaker holds Monday's night until Tuesday 06:30, across midnight and a month's end", () => {
    expect(heldInterval("2026-11-30", "night", DEFAULT_TIME_SLOTS)).toEqual({
      startDate: "2026-11-30",
      startMinute: 20 * 60 + 30,
      endDate: "2026-12-01",
      endMinute: 6 * 60 + 30,
    });
  });

  it("RS-1: the holiday duty holds a whole day, from the morning slot's start to the next morning's", () => {
    expect(heldInterval("2026-12-31", "holiday", DEFAULT_TIME_SLOTS)).toEqual({
      startDate: "2026-12-31",
      startMinute: 6 * 60 + 30,
      endDate: "2027-01-01",
      endMinute: 6 * 60 + 30,
    });
  });

  it("RS-1: duty teachers and caretakers work on school days only — none in 国庆节, one on each make-up day", () => {
    for (const kind of ["morning", "noon", "evening", "night"] as const) {
      const dates = dutyDates(kind, "2026-09-14", "2026-10-16", AUTUMN_2026);
      expect(dates).toContain("2026-09-20");
      expect(dates).toContain("2026-10-10");
      for (const d of GOLDEN_WEEK) expect(dates).not.toContain(d);
      expect(dates).not.toContain("2026-09-19");
      expect(dates.every((d) => isSchoolDay(d, AUTUMN_2026))).toBe(true);
    }
  });

  it("RS-1: holiday duty is held on non-school days inside the term only — weekends and 国庆节, not the vacation nor make-up days", () => {
    const dates = dutyDates("holiday", "2026-08-29", "2026-10-16", AUTUMN_2026);
    expect(dates[0]).toBe("2026-09-05"); // the first Saturday of term; not 29/30 August
    for (const d of GOLDEN_WEEK) expect(dates).toContain(d);
    expect(dates).toContain("2026-09-25"); // 中秋节 Friday
    expect(dates).toContain("2026-09-19");
    expect(dates).not.toContain("2026-09-20");
    expect(dates).not.toContain("2026-10-10");
    expect(dates).toContain("2026-10-11");
    expect(dutyDates("holiday", "2027-01-23", "2027-02-28", AUTUMN_2026)).toEqual([]);
  });

  it("RS-1: over the term, school days and holiday-duty days split the 144 days 99 / 45", () => {
    expect(dutyDates("morning", "2026-08-01", "2027-02-28", AUTUMN_2026)).toHaveLength(99);
    expect(dutyDates("holiday", "2026-08-01", "2027-02-28", AUTUMN_2026)).toHaveLength(45);
  });
});

describe("[RS-2] slot ids are date, kind and scope", () => {
  it("RS-2: the id reads the date, the duty and where", () => {
    expect(dutySlotId("2026-11-30", "night", BOYS)).toBe("2026-11-30|night|building:男生宿舍楼");
    expect(dutySlotId("2026-11-30", "night", { kind: "room", roomId: "r-301" })).toBe(
      "2026-11-30|night|room:r-301",
    );
    expect(dutySlotId("2026-11-30", "morning", CAMPUS)).toBe("2026-11-30|morning|campus");
  });

  it("RS-2: two phones generating the same term make the same ids; every id is unique", () => {
    const templates = [
      WEEKLY_MORNING,
      template("night", { mode: "rotation", staffIds: ["a", "b"], perDay: 1 }, BOYS),
    ];
    const one = generate(templates).slots.map((s) => s.id);
    const two = generate(templates).slots.map((s) => s.id);
    expect(one).toEqual(two);
    expect(new Set(one).size).toBe(one.length);
  });

  it("RS-2: ids differ by date, by kind and by scope (property)", () => {
    const date = fc.integer({ min: 0, max: 500 }).map((n) => addDays("2026-09-01", n));
    const kind = fc.constantFrom(...DUTY_KINDS);
    const scope = fc.oneof(
      fc.constant(CAMPUS),
      fc.string({ minLength: 1, maxLength: 6 }).map((b): DutyScope => ({ kind: "building", building: b })),
      fc.string({ minLength: 1, maxLength: 6 }).map((r): DutyScope => ({ kind: "room", roomId: r })),
    );
    fc.assert(
      fc.property(date, kind, scope, date, kind, scope, (d1, k1, s1, d2, k2, s2) => {
        const same = d1 === d2 && k1 === k2 && scopeKey(s1) === scopeKey(s2);
        expect(dutySlotId(d1, k1, s1) === dutySlotId(d2, k2, s2)).toBe(same);
      }),
    );
  });
});

describe("[RS-3] generating a term", () => {
  it("RS-3: a morning duty on each of the 99 school days, none in 国庆节, and on the make-up days", () => {
    const { slots, kept } = generate([WEEKLY_MORNING]);
    expect(kept).toEqual([]);
    expect(slots).toHaveLength(99);
    const dates = slots.map((s) => s.date);
    for (const d of GOLDEN_WEEK) expect(dates).not.toContain(d);
    expect(dates).toContain("2026-09-20");
    expect(dates).toContain("2026-10-10");
    expect(slots.every((s) => s.kind === "morning" && s.source === "generated")).toBe(true);
    expect(slots.every((s) => s.templateId === WEEKLY_MORNING.id)).toBe(true);
  });

  it("RS-3 with CAL-3: a weekly pattern gives the make-up Sunday to Thursday's teacher and the make-up Saturday to Friday's", () => {
    const slots = byId(generate([WEEKLY_MORNING]).slots);
    expect(slots.get("2026-09-20|morning|campus")?.staffIds).toEqual(["thu"]);
    expect(slots.get("2026-10-10|morning|campus")?.staffIds).toEqual(["fri", "fri2"]);
    expect(slots.get("2026-11-30|morning|campus")?.staffIds).toEqual(["mon"]);
    expect(slots.get("2026-12-04|morning|campus")?.staffIds).toEqual(["fri", "fri2"]);
  });

  it("RS-3: a weekly pattern with no one on a weekday leaves that day empty (a gap), not someone else's", () => {
    const sparse = template("noon", { mode: "weekly", byWeekday: { "1": ["mon"] } });
    const slots = byId(generate([sparse], [], "2026-11-30", "2026-12-01").slots);
    expect(slots.get("2026-11-30|noon|campus")?.staffIds).toEqual(["mon"]);
    expect(slots.get("2026-12-01|noon|campus")?.staffIds).toEqual([]);
  });

  it("RS-3: a rotation walks its list in order, perDay people a day, skipping 国庆节 without skipping a person", () => {
    const rotation = template("evening", { mode: "rotation", staffIds: ["a", "b", "c"], perDay: 2 });
    // 20 school days of the term come before 29 September: 40 turns, so it starts at "b".
    const slots = generate([rotation], [], TERM_START, "2026-10-09").slots;
    expect(slots.filter((s) => s.date >= "2026-09-29").map((s) => [s.date, s.staffIds])).toEqual([
      ["2026-09-29", ["b", "c"]],
      ["2026-09-30", ["a", "b"]],
      ["2026-10-08", ["c", "a"]],
      ["2026-10-09", ["b", "c"]],
    ]);
    expect(slots.slice(0, 2).map((s) => s.staffIds)).toEqual([
      ["a", "b"],
      ["c", "a"],
    ]);
  });

  it("RS-3: holiday duty rotates over the weekends and holidays of the term only", () => {
    const holiday = template("holiday", { mode: "rotation", staffIds: ["p", "q"], perDay: 1 });
    const slots = generate([holiday], [], "2026-09-26", "2026-10-11").slots;
    expect(slots.map((s) => s.date)).toEqual(["2026-09-26", "2026-09-27", ...GOLDEN_WEEK, "2026-10-11"]);
    expect(slots.map((s) => s.staffIds[0])).toEqual(["p", "q", "p", "q", "p", "q", "p", "q", "p", "q"]);
  });

  it("RS-3 fairness: over any staff list, perDay and date range, counts per person differ by at most one (property)", () => {
    const staff = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });
    const day = fc.integer({ min: 0, max: 200 }).map((n) => addDays("2026-08-15", n));
    const kind = fc.constantFrom<DutyKind>("morning", "noon", "evening", "night", "holiday");
    fc.assert(
      fc.property(staff, fc.integer({ min: 1, max: 14 }), day, day, kind, (staffIds, perDay, a, b, k) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const tpl = template(k, { mode: "rotation", staffIds, perDay });
        const { slots } = generate([tpl], [], from, to);
        expect(slots).toHaveLength(dutyDates(k, from, to, AUTUMN_2026).length);
        const perSlot = Math.min(perDay, staffIds.length);
        const counts = new Map(staffIds.map((s) => [s, 0]));
        for (const s of slots) {
          expect(s.staffIds).toHaveLength(perSlot);
          expect(new Set(s.staffIds).size).toBe(perSlot); // nobody twice in one slot
          for (const p of s.staffIds) counts.set(p, (counts.get(p) ?? 0) + 1);
        }
        if (slots.length === 0) return;
        const values = [...counts.values()];
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it("RS-3 fairness: every stretch of consecutive duty days inside a generated term is fair too (property)", () => {
    const staff = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 9 });
    fc.assert(
      fc.property(staff, fc.integer({ min: 1, max: 4 }), fc.nat(98), fc.nat(98), (staffIds, perDay, i, j) => {
        const slots = generate([template("noon", { mode: "rotation", staffIds, perDay })]).slots;
        const window = slots.slice(Math.min(i, j), Math.max(i, j) + 1);
        const counts = new Map(staffIds.map((s) => [s, 0]));
        for (const s of window) for (const p of s.staffIds) counts.set(p, (counts.get(p) ?? 0) + 1);
        const values = [...counts.values()];
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });

  it("RS-3: regenerating the rest of the term from a mid-term date keeps the rotation where it was", () => {
    // The admin's page generates "from today to the end of term": it must not restart the list.
    const rotation = template("evening", { mode: "rotation", staffIds: ["a", "b", "c", "d"], perDay: 1 });
    const whole = byId(generate([rotation]).slots);
    const rest = generate([rotation], [...whole.values()], "2026-10-14", TERM_END).slots;
    expect(rest.length).toBeGreaterThan(60);
    for (const s of rest) expect(s.staffIds, s.date).toEqual(whole.get(s.id)?.staffIds);
  });

  it("RS-3 fairness: a term generated in two pieces is as fair as one generated at once (property)", () => {
    const staff = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 9 });
    const cut = fc.integer({ min: 1, max: 140 }).map((n) => addDays(TERM_START, n));
    fc.assert(
      fc.property(staff, fc.integer({ min: 1, max: 3 }), cut, (staffIds, perDay, splitAt) => {
        const rotation = template("noon", { mode: "rotation", staffIds, perDay });
        const first = generate([rotation], [], TERM_START, addDays(splitAt, -1)).slots;
        const second = generate([rotation], first, splitAt, TERM_END).slots;
        const counts = new Map(staffIds.map((s) => [s, 0]));
        for (const s of [...first, ...second])
          for (const p of s.staffIds) counts.set(p, (counts.get(p) ?? 0) + 1);
        const values = [...counts.values()];
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });

  it("RS-3: with no terms entered, a rotation starts at the first date generated", () => {
    const noTerms: SchoolCalendar = { schoolDays: DEFAULT_SCHOOL_DAYS };
    const rotation = template("noon", { mode: "rotation", staffIds: ["a", "b", "c"], perDay: 1 });
    for (const from of ["2026-12-01", "2026-12-02", "2026-12-03"]) {
      const slots = generate([rotation], [], from, "2026-12-08", noTerms).slots;
      expect(slots.map((s) => s.staffIds[0]).slice(0, 3), from).toEqual(["a", "b", "c"]);
    }
  });

  it("RS-3: each term's rotation starts at the top of the list on its first duty day, generated together or apart", () => {
    const twoTerms: SchoolCalendar = {
      ...AUTUMN_2026,
      terms: [
        ...(AUTUMN_2026.terms ?? []),
        { id: "t-2027-spring", name: "2027春季学期", start: "2027-02-22", end: "2027-07-02" },
      ],
    };
    const rotation = template("morning", {
      mode: "rotation",
      staffIds: ["a", "b", "c", "d", "e"],
      perDay: 1,
    });
    const together = generate([rotation], [], "2027-01-18", "2027-02-26", twoTerms).slots;
    const spring = together.filter((s) => s.date >= "2027-02-22");
    expect(spring.map((s) => s.staffIds[0])).toEqual(["a", "b", "c", "d", "e"]);
    const apart = generate([rotation], [], "2027-02-24", "2027-02-26", twoTerms).slots;
    expect(apart.map((s) => s.staffIds[0])).toEqual(["c", "d", "e"]);
  });

  it("RS-3: an empty rotation makes empty slots (gaps), not a crash", () => {
    const slots = generate(
      [template("noon", { mode: "rotation", staffIds: [], perDay: 1 })],
      [],
      "2026-11-30",
      "2026-11-30",
    ).slots;
    expect(slots.map((s) => s.staffIds)).toEqual([[]]);
  });

  it("RS-3: a template that is switched off generates nothing", () => {
    expect(generate([{ ...WEEKLY_MORNING, isActive: false }]).slots).toEqual([]);
  });

  it("RS-3: on regeneration, slots an admin edited or a swap changed are kept; generated ones are replaced", () => {
    const first = byId(generate([WEEKLY_MORNING], [], "2026-11-30", "2026-12-04").slots);
    const monday = first.get("2026-11-30|morning|campus") as DutySlot;
    const tuesday = first.get("2026-12-01|morning|campus") as DutySlot;
    const edited = assignSlot(monday, monday, ["zhang"], "admin", "2026-11-01T00:00:00.000Z");
    const swapped: DutySlot = { ...tuesday, staffIds: ["swapper"], source: "swapped" };
    const existing = [...first.values()].map((s) =>
      s.id === monday.id ? edited : s.id === tuesday.id ? swapped : s,
    );

    const changedTemplate = template(
      "morning",
      { mode: "weekly", byWeekday: { "1": ["new"], "2": ["new"], "3": ["new"], "4": ["new"], "5": ["new"] } },
      CAMPUS,
      WEEKLY_MORNING.id,
    );
    const { slots, kept } = generate([changedTemplate], existing, "2026-11-30", "2026-12-04");
    expect(kept).toEqual([edited, swapped]);
    expect(slots.map((s) => s.date)).toEqual(["2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(slots.every((s) => s.staffIds[0] === "new")).toBe(true);
    // The regenerated slot keeps its history and adds the new generation.
    const wednesday = slots[0] as DutySlot;
    expect(wednesday.history.map((h) => h.staffIds)).toEqual([["wed"], ["new"]]);
    expect(wednesday.history[1]).toMatchObject({ by: "admin", change: "generated" });
  });

  it("RS-3: a kept slot still counts in the rotation, so the people after it do not shift", () => {
    const rotation = template("evening", { mode: "rotation", staffIds: ["a", "b", "c"], perDay: 1 });
    const first = generate([rotation], [], "2026-11-30", "2026-12-04").slots;
    const edited = assignSlot(first[1] as DutySlot, first[1], ["zhang"], "admin", "2026-11-01T00:00:00.000Z");
    const again = generate([rotation], [first[0] as DutySlot, edited], "2026-11-30", "2026-12-04");
    expect(again.kept).toEqual([edited]);
    expect(again.slots.map((s) => s.staffIds)).toEqual(
      [first[0], first[2], first[3], first[4]].map((s) => s?.staffIds),
    );
    expect(new Set(again.slots.slice(1).map((s) => s.staffIds[0])).size).toBe(3);
  });
});

describe("[RS-4] gaps", () => {
  const required = requiredDuties([], ["男生宿舍楼", "女生宿舍楼"]);

  it("RS-4: the required duties are the three duty teachers, holiday duty, and a caretaker per building", () => {
    expect(required.map((r) => `${r.kind}/${scopeKey(r.scope)}`)).toEqual([
      "morning/campus",
      "noon/campus",
      "evening/campus",
      "holiday/campus",
      "night/building:男生宿舍楼",
      "night/building:女生宿舍楼",
    ]);
  });

  it("RS-4: with night templates per room, those rooms are required instead of the buildings", () => {
    const room: DutyScope = { kind: "room", roomId: "r-301" };
    const templates = [
      template("night", { mode: "rotation", staffIds: ["a"], perDay: 1 }, room),
      { ...template("night", { mode: "rotation", staffIds: ["b"], perDay: 1 }, GIRLS), isActive: false },
    ];
    const nights = requiredDuties(templates, ["男生宿舍楼", "女生宿舍楼"]).filter((r) => r.kind === "night");
    expect(nights.map((r) => scopeKey(r.scope))).toEqual(["room:r-301"]);
  });

  it("RS-4: a fully generated term has no gaps", () => {
    const rot = (kind: DutyKind, scope: DutyScope = CAMPUS) =>
      template(kind, { mode: "rotation", staffIds: ["a", "b", "c"], perDay: 1 }, scope);
    const { slots } = generate([
      rot("morning"),
      rot("noon"),
      rot("evening"),
      rot("holiday"),
      rot("night", BOYS),
      rot("night", GIRLS),
    ]);
    expect(findGaps(required, byId(slots), AUTUMN_2026, TERM_START, TERM_END)).toEqual([]);
  });

  it("RS-4: a missing slot and a cleared one are gaps, in date then day order; non-school days need no duty teacher", () => {
    const slots = [
      slot("2026-10-09", "morning", ["a"]),
      slot("2026-10-09", "noon", []), // cleared
      slot("2026-10-09", "night", ["c"], BOYS),
      slot("2026-10-09", "night", ["d"], GIRLS),
      slot("2026-10-10", "morning", ["a"]),
      slot("2026-10-10", "noon", ["a"]),
      slot("2026-10-10", "evening", ["a"]),
      slot("2026-10-10", "night", ["c"], BOYS),
      slot("2026-10-10", "night", ["d"], GIRLS),
      slot("2026-10-11", "holiday", ["h"]),
    ];
    const gaps = findGaps(required, byId(slots), AUTUMN_2026, "2026-10-09", "2026-10-11");
    expect(gaps).toEqual([
      { id: "2026-10-09|noon|campus", date: "2026-10-09", kind: "noon", scope: CAMPUS, cleared: true },
      { id: "2026-10-09|evening|campus", date: "2026-10-09", kind: "evening", scope: CAMPUS, cleared: false },
    ]);
  });

  it("RS-4: in 国庆节 only the holiday duty can be a gap, one per day; the vacation has none", () => {
    const gaps = findGaps(required, new Map(), AUTUMN_2026, "2026-10-01", "2026-10-07");
    expect(gaps.map((g) => g.id)).toEqual(GOLDEN_WEEK.map((d) => `${d}|holiday|campus`));
    expect(findGaps(required, new Map(), AUTUMN_2026, "2027-01-23", "2027-02-20")).toEqual([]);
  });
});

describe("[RS-5] clashes", () => {
  it("RS-5: one caretaker on the night of two buildings is a clash", () => {
    const slots = [
      slot("2026-11-30", "night", ["li"], BOYS),
      slot("2026-11-30", "night", ["li", "wu"], GIRLS),
    ];
    expect(findClashes(slots, DEFAULT_TIME_SLOTS)).toEqual([
      {
        staffId: "li",
        slotIds: ["2026-11-30|night|building:男生宿舍楼", "2026-11-30|night|building:女生宿舍楼"],
      },
    ]);
  });

  it("RS-5: back-to-back slots are no clash: Monday's night then Tuesday's morning; morning, noon and evening of one day", () => {
    const slots = [
      slot("2026-11-30", "morning", ["li"]),
      slot("2026-11-30", "noon", ["li"]),
      slot("2026-11-30", "evening", ["li"]),
      slot("2026-11-30", "night", ["li"], BOYS),
      slot("2026-12-01", "morning", ["li"]),
    ];
    expect(findClashes(slots, DEFAULT_TIME_SLOTS)).toEqual([]);
  });

  it("RS-5: Friday's night then Saturday's holiday duty touch at 06:30 and do not clash", () => {
    const slots = [slot("2026-12-04", "night", ["li"], BOYS), slot("2026-12-05", "holiday", ["li"])];
    expect(findClashes(slots, DEFAULT_TIME_SLOTS)).toEqual([]);
  });

  it("RS-5: a holiday duty overlaps the night that began the evening before it ends", () => {
    // A night slot left on a date that became a holiday: 20:30 is inside that day's holiday duty.
    const slots = [slot("2026-12-05", "holiday", ["li"]), slot("2026-12-05", "night", ["li"], BOYS)];
    expect(findClashes(slots, DEFAULT_TIME_SLOTS)).toHaveLength(1);
    const crossing = [slot("2026-12-05", "holiday", ["li"]), slot("2026-12-04", "night", ["li"], BOYS)];
    expect(findClashes(crossing, DEFAULT_TIME_SLOTS)).toEqual([]);
  });

  it("RS-5: each person is checked separately; a pair of others in the same slots is no clash", () => {
    const slots = [
      slot("2026-11-30", "night", ["li", "wu"], BOYS),
      slot("2026-11-30", "night", ["wu", "zhao"], GIRLS),
    ];
    expect(findClashes(slots, DEFAULT_TIME_SLOTS).map((c) => c.staffId)).toEqual(["wu"]);
    expect(findClashes([], DEFAULT_TIME_SLOTS)).toEqual([]);
  });

  it("RS-5: a clash is found whatever order the slots come in (property)", () => {
    const slots = [
      slot("2026-11-30", "morning", ["li"]),
      slot("2026-11-30", "night", ["li"], BOYS),
      slot("2026-12-01", "morning", ["li"]),
      slot("2026-11-30", "night", ["li"], GIRLS),
      slot("2026-11-29", "holiday", ["li"]),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(slots, { minLength: slots.length }), (shuffled) => {
        const clashes = findClashes(shuffled, DEFAULT_TIME_SLOTS);
        expect(clashes).toHaveLength(1);
        expect([...(clashes[0]?.slotIds ?? [])].sort()).toEqual([
          "2026-11-30|night|building:女生宿舍楼",
          "2026-11-30|night|building:男生宿舍楼",
        ]);
      }),
    );
  });
});

describe("[RS] edits and a person's duties", () => {
  it("an admin's assign marks the slot edited, drops repeated names and records who; clearing records a clear", () => {
    const generated = slot("2026-11-30", "morning", ["a"]);
    const assigned = assignSlot(generated, generated, ["b", "b", "c"], "admin", "2026-11-20T01:00:00.000Z");
    expect(assigned).toMatchObject({ id: generated.id, staffIds: ["b", "c"], source: "edited" });
    expect(assigned.history.at(-1)).toEqual({
      at: "2026-11-20T01:00:00.000Z",
      by: "admin",
      change: "assigned",
      staffIds: ["b", "c"],
    });
    const cleared = assignSlot(assigned, assigned, [], "admin2", "2026-11-21T01:00:00.000Z");
    expect(cleared.staffIds).toEqual([]);
    expect(cleared.history.map((h) => h.change)).toEqual(["assigned", "cleared"]);
    expect(generated.staffIds).toEqual(["a"]); // the old version is untouched
  });

  it("a person's duties come in date order and, within a day, morning → noon → evening → night", () => {
    const slots = [
      slot("2026-12-01", "night", ["li"], BOYS),
      slot("2026-12-01", "morning", ["li"]),
      slot("2026-11-30", "evening", ["li", "wu"]),
      slot("2026-11-30", "noon", ["wu"]),
    ];
    expect(slotsHeldBy("li", slots).map((s) => s.id)).toEqual([
      "2026-11-30|evening|campus",
      "2026-12-01|morning|campus",
      "2026-12-01|night|building:男生宿舍楼",
    ]);
    expect(slotsHeldBy("nobody", slots)).toEqual([]);
  });
});
