import { describe, expect, it } from "vitest";
import { DUTY_ROUND } from "./roster.ts";
import {
  type CheckableArea,
  type Checker,
  checkerRoleOf,
  countsAsRound,
  defaultRoundWindows,
  dutyRoundsOn,
  isMyArea,
  ROUND_KINDS,
  type RoundSettings,
  type RoundWindows,
  roundForRecording,
  roundStatus,
  roundStatusOf,
  roundTiming,
  roundWindowOn,
  roundWindowProblem,
  validateRoundWindows,
} from "./rounds.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { DEFAULT_TIME_SLOTS, type TimeSlotSettings } from "./time-slots.ts";

const TZ = "Asia/Shanghai";
// 2026-11-30 is a Monday, 2026-12-05 a Saturday; Shanghai is UTC+8 all year.
const MONDAY = "2026-11-30";
const SATURDAY = "2026-12-05";
const at = (hhmm: string, day = MONDAY) => new Date(`${day}T${hhmm}:00+08:00`);

const settings: RoundSettings = {
  timeZone: TZ,
  schoolDays: DEFAULT_SCHOOL_DAYS,
  roundWindows: defaultRoundWindows(DEFAULT_TIME_SLOTS),
};

describe("[RD-2] round windows", () => {
  it("default to: morning before morning classes, noon the noon slot, evening from dismissal to bedtime", () => {
    expect(defaultRoundWindows(DEFAULT_TIME_SLOTS)).toEqual({
      morning: { start: "06:30", end: "08:00" },
      noon: { start: "12:00", end: "14:00" },
      evening: { start: "16:30", end: "20:30" },
    });
  });

  it("follow the school's time slots when it changes them (dismissal 17:10, bedtime 21:00)", () => {
    const slots: TimeSlotSettings = {
      ...DEFAULT_TIME_SLOTS,
      afternoonClasses: { start: "14:00", end: "17:10" },
      evening: { start: "17:10", end: "21:00" },
      night: { start: "21:00", end: "06:30" },
    };
    expect(defaultRoundWindows(slots).evening).toEqual({ start: "17:10", end: "21:00" });
  });

  it("the defaults are valid", () => {
    expect(validateRoundWindows(defaultRoundWindows(DEFAULT_TIME_SLOTS))).toEqual([]);
  });

  it("windows that touch (one ends when the next starts) are valid", () => {
    const touching: RoundWindows = {
      morning: { start: "06:30", end: "12:00" },
      noon: { start: "12:00", end: "16:30" },
      evening: { start: "16:30", end: "20:30" },
    };
    expect(validateRoundWindows(touching)).toEqual([]);
  });

  it("a window must end after it starts, on the same day (no window across midnight)", () => {
    const windows: RoundWindows = {
      ...settings.roundWindows,
      evening: { start: "20:00", end: "00:30" },
    };
    const problems = validateRoundWindows(windows);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.round).toBe("evening");
    expect(problems[0]?.en).toMatch(/must end \(00:30\) after it starts \(20:00\)/);
    expect(problems[0]?.zh).toContain("晚查");
    const empty = validateRoundWindows({ ...settings.roundWindows, noon: { start: "12:00", end: "12:00" } });
    expect(empty.map((p) => p.round)).toEqual(["noon"]);
  });

  it("windows must follow in order morning, noon, evening without overlapping", () => {
    const overlapping: RoundWindows = {
      morning: { start: "06:30", end: "12:30" },
      noon: { start: "12:00", end: "14:00" },
      evening: { start: "16:30", end: "20:30" },
    };
    const problems = validateRoundWindows(overlapping);
    expect(problems.map((p) => p.round)).toEqual(["noon"]);
    expect(problems[0]?.en).toMatch(/overlaps/);
    const outOfOrder: RoundWindows = {
      morning: { start: "12:00", end: "14:00" },
      noon: { start: "06:30", end: "08:00" },
      evening: { start: "16:30", end: "20:30" },
    };
    expect(validateRoundWindows(outOfOrder).map((p) => p.round)).toEqual(["noon"]);
  });

  it("times must be written HH:mm", () => {
    const problems = validateRoundWindows({
      ...settings.roundWindows,
      morning: { start: "6:30", end: "08:00" },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ round: "morning", en: "Morning round: times must be HH:mm" });
  });

  it("a window on a date is read in the school's time zone", () => {
    const w = roundWindowOn(settings, MONDAY, "evening");
    expect(w.start.toISOString()).toBe("2026-11-30T08:30:00.000Z");
    expect(w.end.toISOString()).toBe("2026-11-30T12:30:00.000Z");
    expect(roundWindowOn({ ...settings, timeZone: "UTC" }, MONDAY, "evening").start.toISOString()).toBe(
      "2026-11-30T16:30:00.000Z",
    );
  });
});

describe("[RD-1] three rounds a school day, none on other days", () => {
  it("there are exactly three rounds: morning, noon, evening", () => {
    expect(ROUND_KINDS).toEqual(["morning", "noon", "evening"]);
  });

  it("on a school day with nothing recorded every round is due, upcoming or missed; never not_required", () => {
    for (const round of ROUND_KINDS) {
      expect(roundStatus(settings, MONDAY, round, [], at("05:00"))).toBe("upcoming");
      expect(roundStatus(settings, MONDAY, round, [], at("23:00"))).toBe("missed");
    }
  });

  it("on Saturday and Sunday no round is required, even after its window", () => {
    for (const day of [SATURDAY, "2026-12-06"])
      for (const round of ROUND_KINDS) {
        expect(roundStatus(settings, day, round, [], at("23:00", day))).toBe("not_required");
        expect(roundStatus(settings, day, round, [], at("07:00", day))).toBe("not_required");
      }
  });

  it("a school teaching on Saturday has its rounds due that day", () => {
    const sixDays = { ...settings, schoolDays: [1, 2, 3, 4, 5, 6] as const };
    expect(roundStatus(sixDays, SATURDAY, "noon", [], at("13:00", SATURDAY))).toBe("due");
  });
});

describe("[RD-3] done, late, due, upcoming, missed", () => {
  const noon = (now: string, records: string[]) =>
    roundStatus(
      settings,
      MONDAY,
      "noon",
      records.map((r) => at(r)),
      at(now),
    );

  it("is upcoming before the window opens", () => {
    expect(noon("11:59", [])).toBe("upcoming");
  });

  it("is due while the window is open (from its first minute to just before its end)", () => {
    expect(noon("12:00", [])).toBe("due");
    expect(noon("13:59", [])).toBe("due");
  });

  it("is missed when nobody recorded it by the window's end", () => {
    expect(noon("14:00", [])).toBe("missed");
    expect(noon("23:59", [])).toBe("missed");
    expect(roundStatus(settings, MONDAY, "noon", [], at("09:00", "2026-12-01"))).toBe("missed");
  });

  it("is done as soon as anyone records it inside the window, even while the window is still open", () => {
    expect(noon("12:20", ["12:15"])).toBe("done");
    expect(noon("20:00", ["13:59"])).toBe("done");
  });

  it("a record at the window's last instant still counts as on time", () => {
    expect(noon("15:00", ["14:00"])).toBe("done");
  });

  it("is late when the only records were made after the window closed", () => {
    expect(noon("15:00", ["14:01"])).toBe("late");
    expect(noon("22:00", ["14:30", "18:00"])).toBe("late");
  });

  it("two people's records of the same area and round both count: one on time makes it done", () => {
    expect(noon("15:00", ["14:20", "13:10"])).toBe("done");
    expect(noon("15:00", ["13:10", "13:12"])).toBe("done");
  });

  it("a record made early in the day (before the window) counts as done for that round", () => {
    expect(roundStatus(settings, MONDAY, "morning", [at("06:10")], at("06:20"))).toBe("done");
  });

  it("a record on a non-school day is done, never late (nothing was due)", () => {
    expect(roundStatus(settings, SATURDAY, "noon", [at("15:00", SATURDAY)], at("16:00", SATURDAY))).toBe(
      "done",
    );
    expect(roundStatus(settings, SATURDAY, "noon", [at("12:30", SATURDAY)], at("16:00", SATURDAY))).toBe(
      "done",
    );
  });
});

describe("[RD-5] a record's timing against its window", () => {
  it("RD-5: before the window opens is early, after it closes late, inside (both ends) in window", () => {
    expect(roundTiming(settings, MONDAY, "noon", at("08:10"))).toBe("early");
    expect(roundTiming(settings, MONDAY, "noon", at("12:00"))).toBe("in_window");
    expect(roundTiming(settings, MONDAY, "noon", at("14:00"))).toBe("in_window");
    expect(roundTiming(settings, MONDAY, "noon", at("14:01"))).toBe("late");
  });

  it("RD-5: a record for another date is judged against that date's window", () => {
    // Tuesday's morning round recorded on Monday evening is early; Friday's noon on Monday late.
    expect(roundTiming(settings, "2026-12-01", "morning", at("19:00"))).toBe("early");
    expect(roundTiming(settings, "2026-11-27", "noon", at("07:00"))).toBe("late");
  });

  it("RD-5: on a day with no rounds due there is no window to be outside of", () => {
    expect(roundTiming(settings, SATURDAY, "noon", at("08:10", SATURDAY))).toBe("in_window");
    expect(roundWindowProblem(settings, SATURDAY, "noon", at("08:10", SATURDAY), undefined)).toBeUndefined();
  });
});

describe("[RD-6] an early record does not count as the round unless the school allows it", () => {
  const allowing: RoundSettings = { ...settings, allowEarlyRounds: true };
  const rec = (hhmm: string, timing?: "early" | "late") => ({
    checkedAt: at(hhmm).toISOString(),
    ...(timing ? { timing } : {}),
  });

  it("RD-6: countsAsRound — early only when allowed; late and in-window always; old records without timing count", () => {
    expect(countsAsRound({ timing: "early" }, settings)).toBe(false);
    expect(countsAsRound({ timing: "early" }, allowing)).toBe(true);
    expect(countsAsRound({ timing: "late" }, settings)).toBe(true);
    expect(countsAsRound({}, settings)).toBe(true);
  });

  it("RD-6: a noon round done at 08:10 leaves the noon round due at 12:30 and missed after 14:00", () => {
    expect(roundStatusOf(settings, MONDAY, "noon", [rec("08:10", "early")], at("12:30"))).toBe("due");
    expect(roundStatusOf(settings, MONDAY, "noon", [rec("08:10", "early")], at("15:00"))).toBe("missed");
  });

  it("RD-6: with early rounds allowed the same record makes it done", () => {
    expect(roundStatusOf(allowing, MONDAY, "noon", [rec("08:10", "early")], at("12:30"))).toBe("done");
  });

  it("RD-6: an early record beside one in the window: done, by the one in the window", () => {
    expect(roundStatusOf(settings, MONDAY, "noon", [rec("08:10", "early"), rec("12:20")], at("12:30"))).toBe(
      "done",
    );
  });
});

describe("[RD-7] outside its window a round needs a reason", () => {
  it("RD-7: a noon round at 08:10 without one is refused naming the window", () => {
    const problem = roundWindowProblem(settings, MONDAY, "noon", at("08:10"), undefined);
    expect(problem?.timing).toBe("early");
    expect(problem?.zh).toContain("午查的时间是 12:00–14:00");
    expect(problem?.en).toContain("12:00–14:00");
    expect(problem?.en).toContain("08:10");
  });

  it("RD-7: late needs one too; a reason or the window itself clears it", () => {
    expect(roundWindowProblem(settings, MONDAY, "morning", at("08:30"), undefined)?.timing).toBe("late");
    expect(roundWindowProblem(settings, MONDAY, "morning", at("08:30"), "临时调整")).toBeUndefined();
    expect(roundWindowProblem(settings, MONDAY, "morning", at("07:30"), undefined)).toBeUndefined();
  });
});

describe("[RD-3] which round a record belongs to", () => {
  const rec = (hhmm: string, day = MONDAY) => roundForRecording(settings, at(hhmm, day));

  it("inside a window: that round", () => {
    expect(rec("07:10")).toEqual({ date: MONDAY, round: "morning" });
    expect(rec("12:00")).toEqual({ date: MONDAY, round: "noon" });
    expect(rec("19:00")).toEqual({ date: MONDAY, round: "evening" });
  });

  it("between windows: the last one that has started (a late record)", () => {
    expect(rec("10:00")).toEqual({ date: MONDAY, round: "morning" });
    expect(rec("15:30")).toEqual({ date: MONDAY, round: "noon" });
    expect(rec("22:00")).toEqual({ date: MONDAY, round: "evening" });
  });

  it("before the first window of the day: the morning round of that date (an early record)", () => {
    expect(rec("05:50")).toEqual({ date: MONDAY, round: "morning" });
    expect(rec("00:30", "2026-12-01")).toEqual({ date: "2026-12-01", round: "morning" });
  });

  it("on any day, with the date read in the school's time zone", () => {
    expect(roundForRecording(settings, new Date("2026-12-05T04:30:00Z"))).toEqual({
      date: SATURDAY,
      round: "noon",
    });
  });
});

describe("[RD-4] who checks which area (三查)", () => {
  const classroom: CheckableArea = {
    id: "room-1",
    kind: "classroom",
    responsibleStaffId: "ct-1",
    classId: "class-1",
  };
  const campus: CheckableArea = {
    id: "stairs",
    kind: "campus",
    responsibleStaffId: "facilities",
    classId: null,
  };
  const perimeter: CheckableArea = { id: "gate", kind: "perimeter", responsibleStaffId: null, classId: null };
  const person = (id: string, roles: Checker["roles"], classIds: string[] = []): Checker => ({
    id,
    roles,
    classIds,
  });

  it("a classroom is checked by the teacher of its class", () => {
    expect(isMyArea(classroom, person("ct-1", ["class_teacher"], ["class-1"]))).toBe(true);
    expect(
      isMyArea({ ...classroom, responsibleStaffId: null }, person("ct-1", ["class_teacher"], ["class-1"])),
    ).toBe(true);
    expect(isMyArea(classroom, person("ct-2", ["class_teacher"], ["class-2"]))).toBe(false);
  });

  it("a classroom with no class is checked by its responsible person only", () => {
    const music = { ...classroom, classId: null, responsibleStaffId: "music" };
    expect(isMyArea(music, person("music", ["subject_teacher"]))).toBe(true);
    expect(isMyArea(music, person("ct-1", ["class_teacher"], ["class-1"]))).toBe(false);
  });

  it("campus areas are checked by the general-affairs office (admin), the duty teachers and the area's responsible person (no roster: by role)", () => {
    expect(isMyArea(campus, person("admin", ["admin"]))).toBe(true);
    expect(isMyArea(campus, person("duty", ["subject_teacher", "duty_teacher"]))).toBe(true);
    expect(isMyArea(campus, person("duty", ["subject_teacher", "duty_teacher"]), "noon")).toBe(true);
    expect(isMyArea(campus, person("facilities", ["area_responsible"]))).toBe(true);
    expect(isMyArea(campus, person("ct-1", ["class_teacher"], ["class-1"]))).toBe(false);
    expect(isMyArea(campus, person("gate", ["gatekeeper"]))).toBe(false);
  });

  describe("with a roster: the duty teacher holding a round's slot today walks the campus in that round", () => {
    const slot = (kind: string, staffIds: string[], date = MONDAY, scope = { kind: "campus" }) => ({
      date,
      kind: kind as "morning",
      scope: scope as { kind: "campus" },
      staffIds,
    });
    const today = [
      slot("morning", ["duty-a"]),
      slot("noon", ["duty-b", "ct-1"]),
      slot("evening", []), // a gap: cleared
      slot("morning", ["duty-b"], "2026-12-01"), // another date
      slot("night", ["care-1"], MONDAY, { kind: "building", building: "宿舍楼" } as never),
    ];
    const withRoster = (id: string, roles: Checker["roles"], classIds: string[] = []): Checker => ({
      ...person(id, roles, classIds),
      dutyRounds: dutyRoundsOn(id, MONDAY, today),
    });

    it("pairs each duty with the round roster.ts DUTY_ROUND names", () => {
      for (const [kind, round] of Object.entries(DUTY_ROUND)) {
        const held = dutyRoundsOn("x", MONDAY, [slot(kind, ["x"])]);
        expect(held, kind).toEqual({ [round]: true });
      }
      expect(dutyRoundsOn("x", MONDAY, [slot("holiday", ["x"])])).toEqual({});
    });

    it("reads each round's campus slot of the date; a gap or a missing slot is left out", () => {
      expect(dutyRoundsOn("duty-a", MONDAY, today)).toEqual({ morning: true, noon: false });
      expect(dutyRoundsOn("duty-b", MONDAY, today)).toEqual({ morning: false, noon: true });
      expect(dutyRoundsOn("care-1", MONDAY, today)).toEqual({ morning: false, noon: false });
      expect(dutyRoundsOn("duty-a", SATURDAY, today)).toEqual({});
    });

    it("the holder sees the campus in their round only; a duty teacher without the slot does not", () => {
      const a = withRoster("duty-a", ["duty_teacher"]);
      expect(isMyArea(campus, a, "morning")).toBe(true);
      expect(isMyArea(campus, a, "noon")).toBe(false);
      const b = withRoster("duty-b", ["duty_teacher"]);
      expect(isMyArea(campus, b, "morning")).toBe(false);
      expect(isMyArea(campus, b, "noon")).toBe(true);
      // Any round of the day: the holder of one.
      expect(isMyArea(campus, a)).toBe(true);
      const idle = {
        ...person("duty-c", ["duty_teacher"]),
        dutyRounds: { morning: false, noon: false, evening: false },
      };
      expect(isMyArea(campus, idle)).toBe(false);
      expect(isMyArea(campus, idle, "morning")).toBe(false);
    });

    it("whoever holds the slot walks the campus, whatever their role (a class teacher taking a turn)", () => {
      const ct = withRoster("ct-1", ["class_teacher"], ["class-1"]);
      expect(isMyArea(campus, ct, "noon")).toBe(true);
      expect(isMyArea(campus, ct, "morning")).toBe(false);
      expect(isMyArea(classroom, ct, "morning")).toBe(true);
    });

    it("a round whose slot is a gap (or was never made) falls back to every duty teacher", () => {
      const c = withRoster("duty-c", ["duty_teacher"]);
      expect(isMyArea(campus, c, "evening")).toBe(true);
      expect(isMyArea(campus, c, "morning")).toBe(false);
      expect(isMyArea(campus, withRoster("ct-2", ["class_teacher"]), "evening")).toBe(false);
    });

    it("the office and the area's responsible person keep their campus areas in every round", () => {
      expect(isMyArea(campus, withRoster("admin", ["admin"]), "morning")).toBe(true);
      expect(isMyArea(campus, withRoster("facilities", ["area_responsible"]), "noon")).toBe(true);
      expect(isMyArea(perimeter, withRoster("duty-a", ["duty_teacher"]), "morning")).toBe(false);
    });
  });

  it("perimeter areas are checked by the gatekeepers (or the responsible person)", () => {
    expect(isMyArea(perimeter, person("gate", ["gatekeeper"]))).toBe(true);
    expect(isMyArea(perimeter, person("admin", ["admin"]))).toBe(false);
    expect(isMyArea({ ...perimeter, responsibleStaffId: "dean" }, person("dean", ["department_head"]))).toBe(
      true,
    );
  });

  it("the board names the role expected when nobody is named on an area", () => {
    expect(checkerRoleOf("classroom")).toBe("class_teacher");
    expect(checkerRoleOf("campus")).toBe("admin");
    expect(checkerRoleOf("perimeter")).toBe("gatekeeper");
  });
});
