import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLOCK_AHEAD_LIMIT_MS,
  CLOCK_BEHIND_LIMIT_MS,
  DEFAULT_ESCALATION_DELAYS,
  type DeadlineSettings,
  ESCALATION_LEVELS,
  type EscalationDelays,
  effectiveFoundAt,
  escalationSteps,
  hazardDeadline,
  reachedEscalations,
  validateEscalationDelays,
} from "./hazard-deadline.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

// 2026-11-30 is a Monday; 2026-12-04 a Friday, 12-05 Saturday, 12-06 Sunday, 12-07 Monday.
// Shanghai is UTC+8 all year.
const shanghai = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const settings: DeadlineSettings = {
  timeZone: "Asia/Shanghai",
  timeSlots: DEFAULT_TIME_SLOTS,
  schoolDays: DEFAULT_SCHOOL_DAYS,
};
const due = (day: string, hhmm: string, s: DeadlineSettings = settings) =>
  hazardDeadline(shanghai(day, hhmm), s);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("[HZ-D1] found during a school day: due at bedtime (20:30) the same day", () => {
  it("a hazard found at 10:00 on a school day is due at 20:30 that day", () => {
    expect(due("2026-11-30", "10:00")).toEqual(shanghai("2026-11-30", "20:30"));
  });

  it("from the first minute of the morning slot (06:30) to the last before bedtime (20:29)", () => {
    expect(due("2026-11-30", "06:30")).toEqual(shanghai("2026-11-30", "20:30"));
    expect(due("2026-11-30", "07:45")).toEqual(shanghai("2026-11-30", "20:30"));
    expect(due("2026-11-30", "20:29")).toEqual(shanghai("2026-11-30", "20:30"));
    expect(hazardDeadline(new Date(shanghai("2026-11-30", "20:29").getTime() + 59_999), settings)).toEqual(
      shanghai("2026-11-30", "20:30"),
    );
  });

  it("a hazard found at 10:00 on Friday is due at 20:30 on Friday", () => {
    expect(due("2026-12-04", "10:00")).toEqual(shanghai("2026-12-04", "20:30"));
  });

  it("follows the school's bedtime (21:00) when it changes it", () => {
    const late: DeadlineSettings = {
      ...settings,
      timeSlots: {
        ...DEFAULT_TIME_SLOTS,
        evening: { start: "16:30", end: "21:00" },
        night: { start: "21:00", end: "06:30" },
      },
    };
    expect(due("2026-11-30", "20:45", late)).toEqual(shanghai("2026-11-30", "21:00"));
    expect(due("2026-11-30", "21:00", late)).toEqual(shanghai("2026-12-01", "08:00"));
  });

  it("with a bedtime after midnight (00:30), a hazard found at 10:00 is due at 00:30 that night", () => {
    const owl: DeadlineSettings = {
      ...settings,
      timeSlots: {
        ...DEFAULT_TIME_SLOTS,
        evening: { start: "16:30", end: "00:30" },
        night: { start: "00:30", end: "06:30" },
      },
    };
    expect(due("2026-11-30", "10:00", owl)).toEqual(shanghai("2026-12-01", "00:30"));
    expect(due("2026-11-30", "23:50", owl)).toEqual(shanghai("2026-12-01", "00:30"));
    expect(due("2026-12-01", "00:10", owl)).toEqual(shanghai("2026-12-01", "00:30"));
    expect(due("2026-12-01", "00:30", owl)).toEqual(shanghai("2026-12-01", "08:00"));
    // Friday's day runs on past midnight into Saturday: still Friday's, due at 00:30.
    expect(due("2026-12-05", "00:10", owl)).toEqual(shanghai("2026-12-05", "00:30"));
  });
});

describe("[HZ-D2] found during the night: due when morning classes start (08:00)", () => {
  it("a hazard found at 21:00 is due at 08:00 the next morning", () => {
    expect(due("2026-11-30", "21:00")).toEqual(shanghai("2026-12-01", "08:00"));
  });

  it("a hazard found at 20:30 sharp (bedtime) is already a night one", () => {
    expect(due("2026-11-30", "20:30")).toEqual(shanghai("2026-12-01", "08:00"));
  });

  it("a hazard found at 23:59 is due at 08:00 the next morning", () => {
    expect(due("2026-11-30", "23:59")).toEqual(shanghai("2026-12-01", "08:00"));
  });

  it("a hazard found at 00:30 is due at 08:00 the same morning", () => {
    expect(due("2026-12-01", "00:30")).toEqual(shanghai("2026-12-01", "08:00"));
  });

  it("a hazard found at 06:29 (the night's last minute) is due at 08:00 that morning", () => {
    expect(due("2026-12-01", "06:29")).toEqual(shanghai("2026-12-01", "08:00"));
  });
});

describe("[HZ-D3] when the deadline would fall on a non-school day: morning classes of the next school day", () => {
  it("a hazard found on Saturday at 10:00 is due on Monday at 08:00", () => {
    expect(due("2026-12-05", "10:00")).toEqual(shanghai("2026-12-07", "08:00"));
  });

  it("a hazard found on Friday at 21:00 is due on Monday at 08:00", () => {
    expect(due("2026-12-04", "21:00")).toEqual(shanghai("2026-12-07", "08:00"));
  });

  it("a hazard found early on Saturday (00:30) or on Sunday evening (21:00) is due on Monday at 08:00", () => {
    expect(due("2026-12-05", "00:30")).toEqual(shanghai("2026-12-07", "08:00"));
    expect(due("2026-12-06", "21:00")).toEqual(shanghai("2026-12-07", "08:00"));
    expect(due("2026-12-06", "15:00")).toEqual(shanghai("2026-12-07", "08:00"));
  });

  it("a school teaching on Saturday has Friday night's hazards due on Saturday at 08:00", () => {
    const sixDays = { ...settings, schoolDays: [1, 2, 3, 4, 5, 6] as const };
    expect(due("2026-12-04", "21:00", sixDays)).toEqual(shanghai("2026-12-05", "08:00"));
    expect(due("2026-12-05", "10:00", sixDays)).toEqual(shanghai("2026-12-05", "20:30"));
  });
});

describe("[HZ-D1..D3] in the school's own time zone", () => {
  it("the same instant gives a different deadline for a school in Tokyo (UTC+9) than in Shanghai", () => {
    const instant = new Date("2026-11-30T11:45:00Z"); // 19:45 in Shanghai, 20:45 in Tokyo
    expect(hazardDeadline(instant, settings).toISOString()).toBe("2026-11-30T12:30:00.000Z"); // 20:30 Shanghai
    const tokyo = { ...settings, timeZone: "Asia/Tokyo" };
    expect(hazardDeadline(instant, tokyo).toISOString()).toBe("2026-11-30T23:00:00.000Z"); // 08:00 Tokyo
  });

  it("a UTC instant that is already Saturday in Shanghai follows Shanghai's weekday", () => {
    // Friday 2026-12-04 16:30 UTC is Saturday 00:30 in Shanghai.
    expect(hazardDeadline(new Date("2026-12-04T16:30:00Z"), settings)).toEqual(
      shanghai("2026-12-07", "08:00"),
    );
  });

  it("bedtime stays 20:30 local on the day a zone with summer time changes its clocks (Europe/Berlin)", () => {
    const berlin = { ...settings, timeZone: "Europe/Berlin" };
    // 2026-10-25 is a Sunday (clocks go back); Monday 2026-03-30 is after the spring change.
    expect(hazardDeadline(new Date("2026-03-30T08:00:00Z"), berlin).toISOString()).toBe(
      "2026-03-30T18:30:00.000Z",
    );
    expect(hazardDeadline(new Date("2026-10-23T19:00:00Z"), berlin).toISOString()).toBe(
      "2026-10-26T07:00:00.000Z",
    );
  });
});

describe("[HZ-D1..D3] properties, with the default settings", () => {
  const anyInstant = fc.date({
    min: new Date("2026-01-01T00:00:00Z"),
    max: new Date("2028-12-31T00:00:00Z"),
    noInvalidDate: true,
  });

  it("the deadline is always after the hazard was found and at most four days later", () => {
    fc.assert(
      fc.property(anyInstant, (foundAt) => {
        const deadline = hazardDeadline(foundAt, settings);
        expect(deadline.getTime()).toBeGreaterThan(foundAt.getTime());
        expect(deadline.getTime() - foundAt.getTime()).toBeLessThanOrEqual(4 * 24 * HOUR);
      }),
      { numRuns: 500 },
    );
  });

  it("the deadline is 20:30 or 08:00 local, on a school day", () => {
    fc.assert(
      fc.property(anyInstant, (foundAt) => {
        const deadline = hazardDeadline(foundAt, settings);
        const local = new Date(deadline.getTime() + 8 * HOUR); // Shanghai = UTC+8
        const clock = local.toISOString().slice(11, 16);
        expect(["20:30", "08:00"]).toContain(clock);
        expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
      }),
      { numRuns: 500 },
    );
  });

  it("nothing is ever due overnight on a school day: found before bedtime, due by bedtime the same day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 6 * 60 + 30, max: 20 * 60 + 29 }),
        (d, m) => {
          const start = new Date("2026-01-01T00:00:00+08:00").getTime();
          const foundAt = new Date(start + d * 24 * HOUR + m * MINUTE);
          const weekday = new Date(foundAt.getTime() + 8 * HOUR).getUTCDay();
          fc.pre(weekday >= 1 && weekday <= 5);
          const deadline = hazardDeadline(foundAt, settings);
          expect(deadline.getTime() - foundAt.getTime()).toBeLessThanOrEqual(14 * HOUR);
        },
      ),
    );
  });
});

describe("[HZ-D4] when the phone's clock is not believable, the server's time is used", () => {
  const server = new Date("2026-11-30T02:00:00Z");
  const off = (ms: number) => new Date(server.getTime() + ms);

  it("a phone clock a little off (behind, or up to 5 minutes ahead) is trusted", () => {
    expect(effectiveFoundAt(off(-3 * HOUR), server)).toEqual(off(-3 * HOUR));
    expect(effectiveFoundAt(off(CLOCK_AHEAD_LIMIT_MS), server)).toEqual(off(CLOCK_AHEAD_LIMIT_MS));
    expect(effectiveFoundAt(server, server)).toEqual(server);
  });

  it("a phone found a hazard offline days ago: its time is kept (up to 14 days back)", () => {
    expect(effectiveFoundAt(off(-CLOCK_BEHIND_LIMIT_MS), server)).toEqual(off(-CLOCK_BEHIND_LIMIT_MS));
  });

  it("a phone clock more than 5 minutes ahead is not trusted", () => {
    expect(effectiveFoundAt(off(CLOCK_AHEAD_LIMIT_MS + 1), server)).toEqual(server);
    expect(effectiveFoundAt(off(24 * HOUR), server)).toEqual(server);
  });

  it("a phone clock more than 14 days behind (or at 1970) is not trusted", () => {
    expect(effectiveFoundAt(off(-CLOCK_BEHIND_LIMIT_MS - 1), server)).toEqual(server);
    expect(effectiveFoundAt(new Date(0), server)).toEqual(server);
  });

  it("an invalid phone time is not trusted", () => {
    expect(effectiveFoundAt(new Date(Number.NaN), server)).toEqual(server);
  });
});

describe("[HZ-E1] an overdue hazard climbs the management network", () => {
  const deadline = shanghai("2026-11-30", "20:30");
  const minutesAfter = (minutes: number) => new Date(deadline.getTime() + minutes * MINUTE);
  const levelsAt = (minutes: number, open = true, delays = DEFAULT_ESCALATION_DELAYS) =>
    reachedEscalations(deadline, open, delays, minutesAfter(minutes)).map((s) => s.level);

  it("climbs area responsible → grade leader / department head → general-affairs head → principal", () => {
    expect(ESCALATION_LEVELS).toEqual([
      "area_responsible",
      "grade_or_department",
      "general_affairs",
      "principal",
    ]);
    expect(DEFAULT_ESCALATION_DELAYS).toEqual([0, 60, 120, 240]);
  });

  it("before its deadline an open hazard has not escalated", () => {
    expect(levelsAt(-1)).toEqual([]);
    expect(levelsAt(-600)).toEqual([]);
  });

  it("reaches each level exactly at its delay after the deadline, not a minute before", () => {
    expect(levelsAt(0)).toEqual(["area_responsible"]);
    expect(levelsAt(59)).toEqual(["area_responsible"]);
    expect(levelsAt(60)).toEqual(["area_responsible", "grade_or_department"]);
    expect(levelsAt(119)).toEqual(["area_responsible", "grade_or_department"]);
    expect(levelsAt(120)).toEqual(["area_responsible", "grade_or_department", "general_affairs"]);
    expect(levelsAt(239)).toHaveLength(3);
    expect(levelsAt(240)).toEqual(ESCALATION_LEVELS);
    expect(levelsAt(10 * 24 * 60)).toEqual(ESCALATION_LEVELS);
  });

  it("says when each step is reached, in order", () => {
    const steps = escalationSteps(deadline, DEFAULT_ESCALATION_DELAYS);
    expect(steps.map((s) => s.at)).toEqual([
      minutesAfter(0),
      minutesAfter(60),
      minutesAfter(120),
      minutesAfter(240),
    ]);
  });

  it("follows the delays the school sets", () => {
    const delays: EscalationDelays = [30, 90, 180, 1440];
    expect(levelsAt(29, true, delays)).toEqual([]);
    expect(levelsAt(30, true, delays)).toEqual(["area_responsible"]);
    expect(levelsAt(1439, true, delays)).toHaveLength(3);
    expect(levelsAt(1440, true, delays)).toHaveLength(4);
  });

  it("a hazard rectified or closed stops climbing: no escalation however late", () => {
    expect(levelsAt(0, false)).toEqual([]);
    expect(levelsAt(10_000, false)).toEqual([]);
  });
});

describe("[HZ-E1] the escalation delays a school may set", () => {
  it("the defaults are valid", () => {
    expect(validateEscalationDelays(DEFAULT_ESCALATION_DELAYS)).toEqual([]);
    expect(validateEscalationDelays([0, 1, 2, 10080])).toEqual([]);
  });

  it("needs exactly four delays, one per level", () => {
    expect(validateEscalationDelays([0, 60, 120])).toHaveLength(1);
    expect(validateEscalationDelays([0, 60, 120, 240, 480])[0]?.en).toMatch(/4 delays/);
  });

  it("each delay is a whole number of minutes from 0 to a week (10080)", () => {
    expect(validateEscalationDelays([-1, 60, 120, 240])[0]?.en).toMatch(/level 1: the delay must be 0–10080/);
    expect(validateEscalationDelays([0, 60.5, 120, 240])[0]?.en).toMatch(/level 2/);
    expect(validateEscalationDelays([0, 60, 120, 10081])[0]?.en).toMatch(/level 4/);
    expect(validateEscalationDelays([0, 60, Number.NaN, 240])[0]?.en).toMatch(/level 3/);
  });

  it("each level comes strictly after the one before", () => {
    const problems = validateEscalationDelays([0, 60, 60, 30]);
    expect(problems.map((p) => p.en)).toEqual([
      "level 3 must come after level 2",
      "level 4 must come after level 3",
    ]);
    expect(problems[0]?.zh).toBe("第 3 级的升级时间应晚于第 2 级");
  });
});
