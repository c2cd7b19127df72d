import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_TIME_SLOTS,
  formatClockTime,
  resolveTimeSlots,
  SLOT_KINDS,
  slotAt,
  slotAtMinute,
  type TimeSlotSettings,
  validateTimeSlots,
} from "./time-slots.ts";

const TZ = "Asia/Shanghai";
// 2026-11-30 is a Monday; Shanghai is UTC+8 all year.
const shanghai = (hhmm: string, day = "2026-11-30") => new Date(`${day}T${hhmm}:00+08:00`);

function containingSlots(settings: TimeSlotSettings, minute: number) {
  const slots = resolveTimeSlots(settings);
  return slots.filter((s) => (((minute - s.startMinute) % 1440) + 1440) % 1440 < s.durationMinutes);
}

describe("[T1] 管理时段化: every minute of a school day belongs to exactly one slot", () => {
  it("with the default boundaries from the source", () => {
    for (let minute = 0; minute < 1440; minute++) {
      expect(containingSlots(DEFAULT_TIME_SLOTS, minute)).toHaveLength(1);
    }
  });

  it("maps the source's hours to the right people: before 8:00 morning duty, 12:00–14:00 noon duty, night the caretaker", () => {
    const slots = resolveTimeSlots(DEFAULT_TIME_SLOTS);
    expect(slotAtMinute(slots, 7 * 60 + 59).slot).toBe("morning");
    expect(slotAtMinute(slots, 8 * 60).slot).toBe("morningClasses");
    expect(slotAtMinute(slots, 12 * 60).slot).toBe("noon");
    expect(slotAtMinute(slots, 13 * 60 + 59).slot).toBe("noon");
    expect(slotAtMinute(slots, 14 * 60).slot).toBe("afternoonClasses");
    expect(slotAtMinute(slots, 16 * 60 + 30).slot).toBe("evening");
    expect(slotAtMinute(slots, 20 * 60 + 30).slot).toBe("night");
    expect(slotAtMinute(slots, 0).slot).toBe("night");
    expect(slotAtMinute(slots, 6 * 60 + 29).slot).toBe("night");
    expect(slotAtMinute(slots, 6 * 60 + 30).slot).toBe("morning");
  });

  it("with changed boundaries (a school that dismisses at 17:10 and sleeps at 21:00)", () => {
    const settings: TimeSlotSettings = {
      ...DEFAULT_TIME_SLOTS,
      afternoonClasses: { start: "14:00", end: "17:10" },
      evening: { start: "17:10", end: "21:00" },
      night: { start: "21:00", end: "06:30" },
    };
    expect(validateTimeSlots(settings).ok).toBe(true);
    for (let minute = 0; minute < 1440; minute++) expect(containingSlots(settings, minute)).toHaveLength(1);
    const slots = resolveTimeSlots(settings);
    expect(slotAtMinute(slots, 17 * 60 + 9).slot).toBe("afternoonClasses");
    expect(slotAtMinute(slots, 20 * 60 + 45).slot).toBe("evening");
  });

  it("for any valid set of boundaries (property)", () => {
    const boundaries = fc
      .uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 6, maxLength: 6 })
      .map((xs) => [...xs].sort((a, b) => a - b));
    fc.assert(
      fc.property(
        boundaries,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 1439 }),
        (starts, rotate, minute) => {
          const rotated = [...starts.slice(rotate), ...starts.slice(0, rotate)];
          const settings = Object.fromEntries(
            SLOT_KINDS.map((slot, i) => [
              slot,
              {
                start: formatClockTime(rotated[i] as number),
                end: formatClockTime(rotated[(i + 1) % 6] as number),
              },
            ]),
          ) as TimeSlotSettings;
          expect(validateTimeSlots(settings).ok).toBe(true);
          expect(containingSlots(settings, minute)).toHaveLength(1);
        },
      ),
    );
  });
});

describe("[T2] the current slot in the school's time zone", () => {
  it("at 10:00 in Shanghai it is morning classes, 08:00–12:00 of the same day", () => {
    const now = slotAt(DEFAULT_TIME_SLOTS, shanghai("10:00"), TZ);
    expect(now.slot).toBe("morningClasses");
    expect(now.startsAt.toISOString()).toBe(shanghai("08:00").toISOString());
    expect(now.endsAt.toISOString()).toBe(shanghai("12:00").toISOString());
    expect(now.dutyDate).toBe("2026-11-30");
  });

  it("across midnight the night slot still belongs to the evening it began (Monday 20:30 → Tuesday 06:30)", () => {
    for (const [instant, label] of [
      [shanghai("23:59"), "before midnight"],
      [shanghai("00:00", "2026-12-01"), "at midnight"],
      [shanghai("06:29", "2026-12-01"), "just before rising"],
    ] as const) {
      const now = slotAt(DEFAULT_TIME_SLOTS, instant, TZ);
      expect(now.slot, label).toBe("night");
      expect(now.dutyDate, label).toBe("2026-11-30");
      expect(now.startsAt.toISOString(), label).toBe(shanghai("20:30").toISOString());
      expect(now.endsAt.toISOString(), label).toBe(shanghai("06:30", "2026-12-01").toISOString());
    }
  });

  it("reads the wall clock of the school, not of the server (UTC 00:30 is 08:30 in Shanghai)", () => {
    const now = slotAt(DEFAULT_TIME_SLOTS, new Date("2026-11-30T00:30:00Z"), TZ);
    expect(now.slot).toBe("morningClasses");
    const inLondon = slotAt(DEFAULT_TIME_SLOTS, new Date("2026-11-30T00:30:00Z"), "Europe/London");
    expect(inLondon.slot).toBe("night");
    expect(inLondon.dutyDate).toBe("2026-11-29");
  });

  it("a slot that wraps past midnight other than the night (bedtime 00:30) still works", () => {
    const settings: TimeSlotSettings = {
      ...DEFAULT_TIME_SLOTS,
      evening: { start: "16:30", end: "00:30" },
      night: { start: "00:30", end: "06:30" },
    };
    const late = slotAt(settings, shanghai("00:10", "2026-12-01"), TZ);
    expect(late.slot).toBe("evening");
    expect(late.dutyDate).toBe("2026-11-30");
    const night = slotAt(settings, shanghai("01:00", "2026-12-01"), TZ);
    expect(night.slot).toBe("night");
    expect(night.dutyDate).toBe("2026-12-01");
  });
});

describe("[T3] invalid boundaries are refused with a message naming the problem", () => {
  it("a gap: noon ends 14:00 but afternoon classes start 14:10", () => {
    const result = validateTimeSlots({
      ...DEFAULT_TIME_SLOTS,
      afternoonClasses: { start: "14:10", end: "16:30" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ slot: "noon", code: "gap" });
    expect(result.problems[0]?.zh).toContain("10 分钟无人负责");
    expect(result.problems[0]?.en).toContain("10 minutes with nobody responsible");
  });

  it("an overlap: morning classes run to 12:30 while noon starts 12:00", () => {
    const result = validateTimeSlots({
      ...DEFAULT_TIME_SLOTS,
      morningClasses: { start: "08:00", end: "12:30" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ slot: "morningClasses", code: "overlap" });
    expect(result.problems[0]?.en).toContain("30 minutes overlap");
  });

  it("a time that is not HH:mm", () => {
    const result = validateTimeSlots({ ...DEFAULT_TIME_SLOTS, noon: { start: "12:00", end: "2pm" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ slot: "noon", code: "bad_time" });
    expect(result.problems[0]?.en).toContain('"2pm"');
  });

  it("an empty slot", () => {
    const result = validateTimeSlots({
      ...DEFAULT_TIME_SLOTS,
      morning: { start: "08:00", end: "08:00" },
      night: { start: "20:30", end: "08:00" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toEqual(["empty"]);
  });

  it("slots in the wrong order (chained, but wrapping the clock twice)", () => {
    const settings: TimeSlotSettings = {
      morning: { start: "06:30", end: "08:00" },
      morningClasses: { start: "08:00", end: "20:00" },
      noon: { start: "20:00", end: "07:00" },
      afternoonClasses: { start: "07:00", end: "16:30" },
      evening: { start: "16:30", end: "20:30" },
      night: { start: "20:30", end: "06:30" },
    };
    const result = validateTimeSlots(settings);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe("order");
    expect(() => resolveTimeSlots(settings)).toThrow(/24 hours/);
  });
});
