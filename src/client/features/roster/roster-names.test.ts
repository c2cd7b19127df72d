import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { buildingsOf, dayLabel, dutyRowLabel, dutyTimeText } from "./roster-names.ts";

// Words are checked in Chinese, the app's default language (no saved choice in tests).
const room = (name: string, building: string) =>
  ({
    id: `01J00000000000000000${name.padEnd(6, "0")}`,
    name,
    building,
    gender: null,
    capacity: 60,
  }) as DormRoom;

describe("how the roster pages name duties", () => {
  it("[RS-1] a slot's time comes from the school's time slots; night and holiday duty end the next day", () => {
    expect(dutyTimeText("morning", DEFAULT_TIME_SLOTS)).toBe("06:30–08:00");
    expect(dutyTimeText("night", DEFAULT_TIME_SLOTS)).toBe("20:30–次日06:30");
    expect(dutyTimeText("holiday", DEFAULT_TIME_SLOTS)).toBe("06:30–次日06:30");
  });

  it("rows name the duty, and the building or room of a night caretaker", () => {
    const r = room("男1", "男生宿舍楼");
    const rooms = new Map([[r.id, r]]);
    expect(dutyRowLabel({ kind: "noon", scope: { kind: "campus" } }, rooms)).toBe("中午值日");
    expect(dutyRowLabel({ kind: "night", scope: { kind: "building", building: "男生宿舍楼" } }, rooms)).toBe(
      "夜间保育 · 男生宿舍楼",
    );
    expect(dutyRowLabel({ kind: "night", scope: { kind: "room", roomId: r.id } }, rooms)).toBe(
      "夜间保育 · 男1",
    );
    expect(dutyRowLabel({ kind: "night", scope: { kind: "room", roomId: "gone" } }, rooms)).toBe(
      "夜间保育 · （未知宿舍）",
    );
  });

  it("buildings are the names the dorm rooms share, once each; day heads read 周四 10/8", () => {
    expect(
      buildingsOf([
        room("a", "女生宿舍楼"),
        room("b", "男生宿舍楼"),
        room("c", "女生宿舍楼"),
        room("d", " "),
      ]),
    ).toEqual(["男生宿舍楼", "女生宿舍楼"].sort((x, y) => x.localeCompare(y, "zh-CN")));
    expect(dayLabel("2026-10-08")).toBe("周四 10/8");
  });
});
