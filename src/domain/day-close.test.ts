import { describe, expect, it } from "vitest";
import {
  carriedOver,
  DAY_CLOSE_PROBLEM_LABELS,
  dayCloseGaps,
  mayCloseDay,
  morningFirst,
} from "./day-close.ts";
import { type Hazard, type HazardState, newHazard } from "./hazard-machine.ts";
import { ROLES } from "./roles.ts";

const at = (hhmm: string, day = "2026-11-30") => new Date(`${day}T${hhmm}:00+08:00`);

/** A hazard in a given state, with interim measures and a night owner as given. */
function hazard(
  id: string,
  state: HazardState,
  opts: { measures?: string; nightOwnerId?: string; deadline?: Date } = {},
): Hazard {
  const h = newHazard(
    {
      id,
      areaId: "area",
      place: "二楼东侧楼梯",
      severity: "general",
      description: "楼梯扶手松动",
      photos: [],
      roundId: null,
      checklistItemId: null,
      assigneeId: "fixer",
      alertId: null,
    },
    { id: `report-${id}`, by: "reporter", foundAt: at("10:00"), deadline: opts.deadline ?? at("20:30") },
  );
  return {
    ...h,
    state,
    control: opts.measures
      ? { text: opts.measures, photos: ["c".repeat(64)], by: "duty", at: at("17:00").toISOString() }
      : null,
    nightOwnerId: opts.nightOwnerId ?? null,
  };
}

describe("[DC-1] the day closes only when every open hazard is rectified, or controlled with a night owner", () => {
  it("with no hazards, or only rectified and closed ones, nothing stops it", () => {
    expect(dayCloseGaps([])).toEqual([]);
    expect(dayCloseGaps([hazard("a", "rectified"), hazard("b", "closed")])).toEqual([]);
  });

  it("a hazard under interim control with a named night owner may stay open overnight", () => {
    expect(
      dayCloseGaps([hazard("a", "controlled", { measures: "拉警戒线", nightOwnerId: "caretaker" })]),
    ).toEqual([]);
  });

  it("lists what is missing, per hazard", () => {
    const gaps = dayCloseGaps([
      hazard("assigned-alone", "assigned"),
      hazard("reported-alone", "reported"),
      hazard("controlled-no-owner", "controlled", { measures: "拉警戒线" }),
      hazard("owner-no-control", "assigned", { nightOwnerId: "caretaker" }),
      hazard("fine", "controlled", { measures: "拉警戒线", nightOwnerId: "caretaker" }),
      hazard("done", "rectified"),
    ]);
    expect(gaps).toEqual([
      { hazardId: "assigned-alone", problems: ["not_controlled", "no_night_owner"] },
      { hazardId: "reported-alone", problems: ["not_controlled", "no_night_owner"] },
      { hazardId: "controlled-no-owner", problems: ["no_night_owner"] },
      { hazardId: "owner-no-control", problems: ["not_controlled"] },
    ]);
  });

  it("each problem has words for the person closing, in Chinese and English", () => {
    expect(DAY_CLOSE_PROBLEM_LABELS.not_controlled.zh).toBe("未整改，也没有临时管控措施");
    expect(DAY_CLOSE_PROBLEM_LABELS.no_night_owner.en).toBe("no night owner named");
  });
});

describe("[DC-2] who closes the day, and what the record keeps", () => {
  it("a duty teacher or an admin closes the day; nobody else", () => {
    const allowed = ROLES.filter((r) => mayCloseDay([r]));
    expect(allowed).toEqual(["admin", "duty_teacher"]);
    expect(mayCloseDay(["subject_teacher", "duty_teacher"])).toBe(true);
    expect(mayCloseDay([])).toBe(false);
  });

  it("keeps each open hazard's state, measures and night owner as they were at closing", () => {
    const carried = carriedOver([
      hazard("a", "controlled", { measures: "拉警戒线，放置警示牌", nightOwnerId: "caretaker" }),
      hazard("b", "assigned"),
      hazard("c", "closed"),
      hazard("d", "rectified"),
    ]);
    expect(carried).toEqual([
      { hazardId: "a", state: "controlled", measures: "拉警戒线，放置警示牌", nightOwnerId: "caretaker" },
      { hazardId: "b", state: "assigned", measures: null, nightOwnerId: null },
    ]);
  });
});

describe("[DC-3] the next morning, the interim controls carried over the night come first", () => {
  it("only controlled hazards, earliest deadline first", () => {
    const list = morningFirst([
      hazard("later", "controlled", { measures: "警示牌", deadline: at("12:00", "2026-12-01") }),
      hazard("assigned", "assigned", { deadline: at("08:00", "2026-12-01") }),
      hazard("first", "controlled", { measures: "警戒线", deadline: at("08:00", "2026-12-01") }),
      hazard("rectified", "rectified", { deadline: at("07:00", "2026-12-01") }),
      hazard("middle", "controlled", { measures: "围挡", deadline: at("09:30", "2026-12-01") }),
    ]);
    expect(list.map((h) => h.id)).toEqual(["first", "middle", "later"]);
  });

  it("does not reorder the list it was given", () => {
    const input = [
      hazard("b", "controlled", { deadline: at("12:00", "2026-12-01") }),
      hazard("a", "controlled", { deadline: at("08:00", "2026-12-01") }),
    ];
    morningFirst(input);
    expect(input.map((h) => h.id)).toEqual(["b", "a"]);
  });
});
