import { describe, expect, it } from "vitest";
import { deadlineLine, deadlineState, deadlineText } from "./deadline-text.ts";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(`${iso}+08:00`);

describe("how a deadline reads (隐患整改不过夜), in Chinese", () => {
  const now = at("2026-11-30T12:30:00");

  it("today's bedtime: 今天 20:30前", () => {
    expect(deadlineText(at("2026-11-30T20:30:00"), now, TZ)).toBe("今天 20:30前");
    expect(deadlineLine(at("2026-11-30T20:30:00"), now, TZ)).toBe("整改期限：今天 20:30前");
  });

  it("tomorrow before classes: 明天 08:00前; later: the date", () => {
    expect(deadlineText(at("2026-12-01T08:00:00"), now, TZ)).toBe("明天 08:00前");
    expect(deadlineText(at("2026-12-07T08:00:00"), now, TZ)).toBe("12月7日 08:00前");
  });

  it("reads the day in the school's time zone, not the phone's", () => {
    // 23:30 UTC on the 30th is 07:30 on 1 December in Shanghai.
    expect(deadlineText(new Date("2026-11-30T23:30:00Z"), now, TZ)).toBe("明天 07:30前");
  });

  it("once passed, how long it has been overdue", () => {
    expect(deadlineState(at("2026-11-30T12:30:00"), now).isOverdue).toBe(true);
    expect(deadlineText(at("2026-11-30T10:30:00"), now, TZ)).toMatch(/^已超期.*2 小时$/);
  });

  it("without a time zone, the time left", () => {
    expect(deadlineText(at("2026-11-30T15:30:00"), now)).toMatch(/^还剩.*3 小时$/);
  });
});
