import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  atLocal,
  DEFAULT_SCHOOL_DAYS,
  datesBetween,
  isLocalDate,
  isSchoolDay,
  localDateOf,
  localMinuteOf,
  nextSchoolDay,
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
