import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  atLocal,
  type CalendarProblem,
  DEFAULT_SCHOOL_DAYS,
  datesBetween,
  holidayOf,
  isInTerm,
  isLocalDate,
  isSchoolDay,
  localDateOf,
  localMinuteOf,
  nextSchoolDay,
  type SchoolCalendar,
  scheduleWeekdayOf,
  termOf,
  validateCalendar,
  weekdayOf,
} from "./school-calendar.ts";

const TZ = "Asia/Shanghai";
const weekdays = { schoolDays: DEFAULT_SCHOOL_DAYS };

describe("[CAL] local dates", () => {
  it("accepts real dates YYYY-MM-DD, including 29 February of a leap year", () => {
    for (const d of ["2026-11-30", "2026-01-01", "2026-12-31", "2028-02-29"])
      expect(isLocalDate(d), d).toBe(true);
  });

  it("refuses dates that do not exist or are not written YYYY-MM-DD", () => {
    for (const d of [
      "2026-02-29",
      "2026-13-01",
      "2026-04-31",
      "2026-00-10",
      "2026-1-5",
      "26-11-30",
      "",
      "2026/11/30",
    ])
      expect(isLocalDate(d), d).toBe(false);
  });

  it("adds days across the end of a month, of a year and of February", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-11-30", 0)).toBe("2026-11-30");
    expect(addDays("2026-11-30", 366)).toBe("2027-12-01");
  });

  it("adding n days then taking them away is where it started (property)", () => {
    const date = fc
      .date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2099-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        const there = addDays(d, n);
        expect(isLocalDate(there)).toBe(true);
        expect(addDays(there, -n)).toBe(d);
      }),
    );
  });

  it("throws on a malformed date rather than guessing", () => {
    expect(() => addDays("2026-11-3", 1)).toThrow(/YYYY-MM-DD/);
    expect(() => weekdayOf("next monday")).toThrow(/YYYY-MM-DD/);
  });

  it("names the ISO weekday: Monday 1 … Sunday 7", () => {
    expect(weekdayOf("2026-11-30")).toBe(1);
    expect(weekdayOf("2026-12-04")).toBe(5);
    expect(weekdayOf("2026-12-05")).toBe(6);
    expect(weekdayOf("2026-12-06")).toBe(7);
    expect(weekdayOf("2027-01-01")).toBe(5);
  });

  it("lists every date of a range, both ends included, across a year's end", () => {
    expect(datesBetween("2026-12-30", "2027-01-02")).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
    ]);
    expect(datesBetween("2026-12-01", "2026-12-01")).toEqual(["2026-12-01"]);
    expect(datesBetween("2026-12-02", "2026-12-01")).toEqual([]);
  });
});

describe("[CAL] school days", () => {
  it("are Monday to Friday by default", () => {
    const week = datesBetween("2026-11-30", "2026-12-06");
    expect(week.map((d) => isSchoolDay(d, weekdays))).toEqual([true, true, true, true, true, false, false]);
  });

  it("the next school day after Friday, Saturday or Sunday is Monday; after Monday it is Tuesday", () => {
    expect(nextSchoolDay("2026-12-04", weekdays)).toBe("2026-12-07");
    expect(nextSchoolDay("2026-12-05", weekdays)).toBe("2026-12-07");
    expect(nextSchoolDay("2026-12-06", weekdays)).toBe("2026-12-07");
    expect(nextSchoolDay("2026-11-30", weekdays)).toBe("2026-12-01");
  });

  it("follow the school's own week (a school that also teaches on Saturday)", () => {
    const sixDays = { schoolDays: [1, 2, 3, 4, 5, 6] as const };
    expect(isSchoolDay("2026-12-05", sixDays)).toBe(true);
    expect(nextSchoolDay("2026-12-04", sixDays)).toBe("2026-12-05");
    expect(nextSchoolDay("2026-12-05", sixDays)).toBe("2026-12-07");
  });

  it("with no school days at all, the next one falls back to the day after (no endless search)", () => {
    expect(nextSchoolDay("2026-12-04", { schoolDays: [] })).toBe("2026-12-05");
  });
});

describe("[CAL] instants in the school's time zone (Asia/Shanghai, UTC+8, no summer time)", () => {
  it("08:00 on a Shanghai date is 00:00 UTC that day; 20:30 is 12:30 UTC", () => {
    expect(atLocal("2026-11-30", 8 * 60, TZ).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(atLocal("2026-11-30", 20 * 60 + 30, TZ).toISOString()).toBe("2026-11-30T12:30:00.000Z");
  });

  it("00:30 on a Shanghai date is still the evening before in UTC", () => {
    expect(atLocal("2026-12-01", 30, TZ).toISOString()).toBe("2026-11-30T16:30:00.000Z");
  });

  it("reads the local date and minute of an instant in Shanghai, not in UTC", () => {
    const instant = new Date("2026-11-30T16:30:00Z"); // 2026-12-01 00:30 in Shanghai
    expect(localDateOf(instant, TZ)).toBe("2026-12-01");
    expect(localMinuteOf(instant, TZ)).toBe(30);
    expect(localDateOf(instant, "UTC")).toBe("2026-11-30");
    expect(localMinuteOf(instant.getTime(), "UTC")).toBe(16 * 60 + 30);
  });

  it("atLocal and localDateOf/localMinuteOf are inverses for every minute of a day (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 400 }), (minute, offset) => {
        const date = addDays("2026-09-01", offset);
        const instant = atLocal(date, minute, TZ);
        expect(localDateOf(instant, TZ)).toBe(date);
        expect(localMinuteOf(instant, TZ)).toBe(minute);
      }),
    );
  });

  it("works in a zone with summer time too (Europe/Berlin: 08:00 is 07:00 UTC in winter, 06:00 in summer)", () => {
    expect(atLocal("2026-12-01", 8 * 60, "Europe/Berlin").toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(atLocal("2026-06-01", 8 * 60, "Europe/Berlin").toISOString()).toBe("2026-06-01T06:00:00.000Z");
  });
});

// The 2026 autumn term of a Chinese primary school, with the State Council's holidays:
// 中秋节 Fri 25 Sep – Sun 27 Sep, 国庆节 Thu 1 Oct – Wed 7 Oct (make-up school days Sun 20 Sep and
// Sat 10 Oct), 元旦 Fri 1 Jan – Sun 3 Jan 2027.
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

const schoolDaysOf = (from: string, to: string, calendar: SchoolCalendar) =>
  datesBetween(from, to).filter((d) => isSchoolDay(d, calendar));

describe("[CAL-1] terms: outside every term there is no school", () => {
  it("CAL-1: the weekdays just before and after the term are not school days; the first and last days are", () => {
    expect(isSchoolDay("2026-08-31", AUTUMN_2026)).toBe(false); // Monday before the term
    expect(isSchoolDay("2026-09-01", AUTUMN_2026)).toBe(true); // Tuesday, first day
    expect(isSchoolDay("2027-01-22", AUTUMN_2026)).toBe(true); // Friday, last day
    expect(isSchoolDay("2027-01-25", AUTUMN_2026)).toBe(false); // Monday in the winter vacation
    expect(isInTerm("2027-01-25", AUTUMN_2026)).toBe(false);
    expect(termOf("2026-11-30", AUTUMN_2026)?.name).toBe("2026秋季学期");
    expect(termOf("2027-02-01", AUTUMN_2026)).toBeUndefined();
  });

  it("CAL-1: a school with no terms entered has school on its weekdays all year (an empty list too)", () => {
    for (const calendar of [weekdays, { ...weekdays, terms: [] }]) {
      expect(isInTerm("2027-08-02", calendar)).toBe(true);
      expect(isSchoolDay("2027-08-02", calendar)).toBe(true); // a Monday in summer
    }
  });

  it("CAL-1: no school day in the winter vacation, even with a make-up day entered there", () => {
    const calendar = { ...AUTUMN_2026, makeUpDays: [{ date: "2027-01-30", followsWeekday: 1 as const }] };
    expect(schoolDaysOf("2027-01-23", "2027-02-28", calendar)).toEqual([]);
  });

  it("CAL-1..4: the 2026 autumn term has 99 school days (104 weekdays − 7 holiday weekdays + 2 make-up days)", () => {
    const days = schoolDaysOf("2026-08-01", "2027-02-28", AUTUMN_2026);
    expect(days).toHaveLength(99);
    expect(days[0]).toBe("2026-09-01");
    expect(days.at(-1)).toBe("2027-01-22");
  });
});

describe("[CAL-2] holidays", () => {
  it("CAL-2: every day of 国庆节 is off, weekdays included, and school starts again on Thursday 8 October", () => {
    for (const d of datesBetween("2026-10-01", "2026-10-07")) {
      expect(isSchoolDay(d, AUTUMN_2026), d).toBe(false);
      expect(holidayOf(d, AUTUMN_2026)?.name).toBe("国庆节");
    }
    expect(isSchoolDay("2026-09-30", AUTUMN_2026)).toBe(true);
    expect(isSchoolDay("2026-10-08", AUTUMN_2026)).toBe(true);
    expect(holidayOf("2026-10-08", AUTUMN_2026)).toBeUndefined();
  });

  it("CAL-2: the Friday of 中秋节 and of 元旦 are off", () => {
    expect(isSchoolDay("2026-09-25", AUTUMN_2026)).toBe(false);
    expect(isSchoolDay("2027-01-01", AUTUMN_2026)).toBe(false);
    expect(isSchoolDay("2026-09-24", AUTUMN_2026)).toBe(true);
  });

  it("CAL-2: the next school day after the last day before 国庆节 is the Thursday after it", () => {
    expect(nextSchoolDay("2026-09-30", AUTUMN_2026)).toBe("2026-10-08");
  });
});

describe("[CAL-3] make-up school days (调休上课日)", () => {
  it("CAL-3: Sunday 20 September and Saturday 10 October are school days", () => {
    expect(isSchoolDay("2026-09-20", AUTUMN_2026)).toBe(true);
    expect(isSchoolDay("2026-10-10", AUTUMN_2026)).toBe(true);
    expect(isSchoolDay("2026-09-19", AUTUMN_2026)).toBe(false); // the Saturday before stays off
    expect(isSchoolDay("2026-10-11", AUTUMN_2026)).toBe(false);
  });

  it("CAL-3: a make-up day follows the weekday it stands for; other days follow their own", () => {
    expect(scheduleWeekdayOf("2026-09-20", AUTUMN_2026)).toBe(4);
    expect(scheduleWeekdayOf("2026-10-10", AUTUMN_2026)).toBe(5);
    expect(scheduleWeekdayOf("2026-10-09", AUTUMN_2026)).toBe(5);
    expect(scheduleWeekdayOf("2026-10-11", AUTUMN_2026)).toBe(7);
  });

  it("CAL-3: the next school day after Saturday 19 September is the make-up Sunday; after Friday 9 October the make-up Saturday", () => {
    expect(nextSchoolDay("2026-09-19", AUTUMN_2026)).toBe("2026-09-20");
    expect(nextSchoolDay("2026-10-09", AUTUMN_2026)).toBe("2026-10-10");
    expect(nextSchoolDay("2026-10-10", AUTUMN_2026)).toBe("2026-10-12");
  });

  it("CAL-3: a make-up day inside a holiday is a school day (the make-up wins)", () => {
    const calendar = { ...AUTUMN_2026, makeUpDays: [{ date: "2026-10-05", followsWeekday: 1 as const }] };
    expect(isSchoolDay("2026-10-05", calendar)).toBe(true);
    expect(isSchoolDay("2026-10-06", calendar)).toBe(false);
  });
});

describe("[CAL-4] the school's weekdays", () => {
  it("CAL-4: inside the term, an ordinary week is Monday to Friday", () => {
    const week = datesBetween("2026-11-30", "2026-12-06");
    expect(week.map((d) => isSchoolDay(d, AUTUMN_2026))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it("CAL-4: a school with Saturday classes has them inside the term, but not on a holiday Saturday", () => {
    const sixDays = { ...AUTUMN_2026, schoolDays: [1, 2, 3, 4, 5, 6] as const };
    expect(isSchoolDay("2026-12-05", sixDays)).toBe(true);
    expect(isSchoolDay("2026-10-03", sixDays)).toBe(false);
  });
});

describe("[CAL-5] validation names the problem", () => {
  const both = (p: CalendarProblem) => `${p.zh} | ${p.en}`;

  it("CAL-5: the realistic 2026 autumn calendar has no problems", () => {
    expect(validateCalendar(AUTUMN_2026)).toEqual([]);
  });

  it("CAL-5: a term that ends before it starts, naming the term and both dates in Chinese and English", () => {
    const problems = validateCalendar({
      ...AUTUMN_2026,
      terms: [{ id: "t1", name: "2026秋季学期", start: "2027-01-22", end: "2026-09-01" }],
      makeUpDays: [],
    });
    expect(problems).toHaveLength(1);
    const [p] = problems as [CalendarProblem];
    expect(p).toMatchObject({ field: "terms", index: 0 });
    expect(p.zh).toContain("2026秋季学期");
    expect(p.zh).toContain("2027-01-22");
    expect(p.en).toContain("2026秋季学期");
    expect(p.en).toMatch(/starts on 2027-01-22, after it ends on 2026-09-01/);
  });

  it("CAL-5: overlapping terms name both terms and their dates", () => {
    const problems = validateCalendar({
      schoolDays: DEFAULT_SCHOOL_DAYS,
      terms: [
        { id: "a", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" },
        { id: "b", name: "2027春季学期", start: "2027-01-20", end: "2027-07-02" },
      ],
    });
    expect(problems).toHaveLength(1);
    const [p] = problems as [CalendarProblem];
    expect(p).toMatchObject({ field: "terms", index: 1 });
    expect(p.en).toContain("2027春季学期");
    expect(p.en).toContain("2026秋季学期");
    expect(p.en).toMatch(/overlaps/);
    expect(p.zh).toMatch(/重叠/);
  });

  it("CAL-5: terms that only touch (one ends the day before the next starts) are fine; sharing one day is an overlap", () => {
    const terms = (secondStart: string) => ({
      schoolDays: DEFAULT_SCHOOL_DAYS,
      terms: [
        { id: "a", name: "秋", start: "2026-09-01", end: "2027-01-22" },
        { id: "b", name: "春", start: secondStart, end: "2027-07-02" },
      ],
    });
    expect(validateCalendar(terms("2027-01-23"))).toEqual([]);
    expect(validateCalendar(terms("2027-01-22"))).toHaveLength(1);
  });

  it("CAL-5: invalid dates and a nameless holiday are each named", () => {
    const problems = validateCalendar({
      schoolDays: DEFAULT_SCHOOL_DAYS,
      terms: [{ id: "a", name: "秋季", start: "2026-9-1", end: "2027-01-22" }],
      holidays: [
        { name: "", start: "2026-10-01", end: "2026-10-07" },
        { name: "元旦", start: "2027-01-03", end: "2027-01-01" },
      ],
    });
    expect(problems.map((p) => [p.field, p.index])).toEqual([
      ["terms", 0],
      ["holidays", 0],
      ["holidays", 1],
    ]);
    expect(both(problems[0] as CalendarProblem)).toMatch(/秋季.*YYYY-MM-DD/);
    expect(both(problems[1] as CalendarProblem)).toMatch(/假期 1 没有名称.*Holiday 1 has no name/);
    expect(both(problems[2] as CalendarProblem)).toMatch(/元旦.*2027-01-03.*2027-01-01/);
  });

  it("CAL-5: a make-up day that is not a date, outside the term, already a school day, or entered twice", () => {
    const problems = validateCalendar({
      ...AUTUMN_2026,
      makeUpDays: [
        { date: "2026-10-32", followsWeekday: 1 },
        { date: "2027-02-06", followsWeekday: 1 }, // Saturday in the winter vacation
        { date: "2026-10-09", followsWeekday: 1 }, // Friday: already a school day
        { date: "2026-10-10", followsWeekday: 5 },
        { date: "2026-10-10", followsWeekday: 5 },
      ],
    });
    expect(problems.every((p) => p.field === "makeUpDays")).toBe(true);
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2, 4]);
    expect(problems[0]?.en).toContain("2026-10-32");
    expect(problems[1]?.en).toMatch(/2027-02-06 is outside every term/);
    expect(problems[1]?.zh).toMatch(/不在任何学期内/);
    expect(problems[2]?.en).toMatch(/2026-10-09 is already a school day/);
    expect(problems[3]?.en).toMatch(/2026-10-10 is entered twice/);
  });

  it("CAL-5: a weekday inside 国庆节 is a valid make-up day (it is not already a school day)", () => {
    expect(
      validateCalendar({ ...AUTUMN_2026, makeUpDays: [{ date: "2026-10-05", followsWeekday: 1 }] }),
    ).toEqual([]);
  });

  it("CAL-5: every problem carries both a Chinese and an English message", () => {
    const problems = validateCalendar({
      schoolDays: DEFAULT_SCHOOL_DAYS,
      terms: [
        { id: "a", name: "", start: "2026-09-01", end: "2026-08-01" },
        { id: "b", name: "b", start: "x", end: "2027-01-01" },
      ],
      holidays: [{ name: "h", start: "2026-10-07", end: "2026-10-01" }],
      makeUpDays: [{ date: "nope", followsWeekday: 1 }],
    });
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const p of problems) {
      expect(p.zh.trim()).not.toBe("");
      expect(p.en.trim()).not.toBe("");
      expect(p.zh).not.toBe(p.en);
    }
  });
});
