// The board's grid (RD-1, RD-3 through domain/rounds.ts): every area once per round, grouped
// by kind with checked counts, short names that fit a cell, and the round to open on.
import { describe, expect, it } from "vitest";
import { defaultRoundWindows, type RoundSettings } from "../../../domain/rounds.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import { type BoardArea, type BoardRecord, buildBoard, initialRound, shortAreaName } from "./board-model.ts";

const settings: RoundSettings = {
  timeZone: "Asia/Shanghai",
  roundWindows: defaultRoundWindows(DEFAULT_TIME_SLOTS),
  schoolDays: [1, 2, 3, 4, 5],
};
// Monday 2026-11-30 in Shanghai.
const MONDAY = "2026-11-30";
const at = (hhmm: string, day = MONDAY) => new Date(`${day}T${hhmm}:00+08:00`);

const classes = new Map([
  ["c11", { grade: 1, name: "1班" }],
  ["c12", { grade: 1, name: "2班" }],
  ["c21", { grade: 2, name: "1班" }],
]);
const classOf = (id: string) => classes.get(id);

const areas: BoardArea[] = [
  { id: "room21", name: "二年级1班教室", kind: "classroom", classId: "c21" },
  { id: "room12", name: "一年级2班教室", kind: "classroom", classId: "c12" },
  { id: "room11", name: "一年级1班教室", kind: "classroom", classId: "c11" },
  { id: "stairs", name: "教学楼楼梯", kind: "campus", classId: null },
  { id: "canteen", name: "食堂", kind: "campus", classId: null },
  { id: "gate", name: "校门", kind: "perimeter", classId: null },
];

const record = (areaId: string, round: BoardRecord["round"], time: string, by = "t1"): BoardRecord => ({
  areaId,
  round,
  checkedAt: at(time).toISOString(),
  checkedBy: by,
});

function board(records: BoardRecord[], now: Date, date = MONDAY) {
  return buildBoard({ areas, records, classOf, settings, date, now, lang: "zh" });
}

describe("board grid", () => {
  it("[RD-3] shows each area per round as done, late, due, upcoming or missed, grouped 教室 / 校园 / 周边", () => {
    const records = [
      record("room11", "morning", "07:10"),
      record("room12", "morning", "08:20"), // after the 08:00 end: late
      record("stairs", "morning", "07:30"),
      record("stairs", "morning", "07:40", "t2"), // a second check also counts
      record("gate", "noon", "12:30"),
    ];
    const rounds = board(records, at("12:30"));
    expect(rounds.map((r) => r.round)).toEqual(["morning", "noon", "evening"]);

    const morning = rounds[0]!;
    expect(morning.groups.map((g) => g.kind)).toEqual(["classroom", "campus", "perimeter"]);
    const status = (round: typeof morning) =>
      Object.fromEntries(round.groups.flatMap((g) => g.cells.map((c) => [c.areaId, c.status])));
    expect(status(morning)).toEqual({
      room11: "done",
      room12: "late",
      room21: "missed",
      canteen: "missed",
      stairs: "done",
      gate: "missed",
    });
    expect(morning.groups.map((g) => `${g.checked}/${g.total}`)).toEqual(["2/3", "1/2", "0/1"]);
    expect(morning.checked).toBe(3);
    expect(morning.total).toBe(6);
    expect(morning.counts.missed).toBe(3);
    expect(morning.groups[1]!.cells.find((c) => c.areaId === "stairs")!.checkedBy).toEqual(["t1", "t2"]);

    const noon = rounds[1]!;
    expect(status(noon).gate).toBe("done");
    expect(status(noon).room11).toBe("due");
    expect(status(rounds[2]!).room11).toBe("upcoming");
  });

  it("[RD-1] requires nothing on a non-school day, but a check made then still shows", () => {
    const sunday = "2026-11-29";
    const rounds = board(
      [record("gate", "morning", "07:00", "t1")].map((r) => ({
        ...r,
        checkedAt: at("07:00", sunday).toISOString(),
      })),
      at("21:00", sunday),
      sunday,
    );
    const cells = rounds[0]!.groups.flatMap((g) => g.cells);
    expect(cells.find((c) => c.areaId === "gate")!.status).toBe("done");
    expect(cells.filter((c) => c.status === "not_required")).toHaveLength(5);
  });

  it("orders classrooms by grade and class, other areas by name", () => {
    const cells = board([], at("06:00"))[0]!.groups[0]!.cells;
    expect(cells.map((c) => c.shortName)).toEqual(["一(1)班", "一(2)班", "二(1)班"]);
  });

  it("names a cell short: a classroom as its class, other areas without 教室", () => {
    expect(shortAreaName(areas[2]!, classOf, "zh")).toBe("一(1)班");
    expect(shortAreaName(areas[2]!, classOf, "en")).toBe("1-1");
    expect(shortAreaName({ id: "x", name: "音乐教室", kind: "campus", classId: null }, classOf, "zh")).toBe(
      "音乐",
    );
    expect(
      shortAreaName(
        { id: "y", name: "实验班教室", kind: "classroom", classId: "c9" },
        () => ({ grade: 3, name: "实验班" }),
        "zh",
      ),
    ).toBe("三实验班");
  });

  it("opens on the round that is running today, and on the morning for another day", () => {
    expect(initialRound(settings, MONDAY, at("07:00"))).toBe("morning");
    expect(initialRound(settings, MONDAY, at("13:00"))).toBe("noon");
    expect(initialRound(settings, MONDAY, at("15:00"))).toBe("noon");
    expect(initialRound(settings, MONDAY, at("19:00"))).toBe("evening");
    expect(initialRound(settings, "2026-11-27", at("19:00"))).toBe("morning");
  });

  it("stays fast for a school of 60 areas with a day of records", () => {
    const many: BoardArea[] = Array.from({ length: 60 }, (_, i) => ({
      id: `a${i}`,
      name: `区域${i}`,
      kind: i % 3 === 0 ? "perimeter" : "campus",
      classId: null,
    }));
    const records = many.flatMap((a) => [record(a.id, "morning", "07:00"), record(a.id, "noon", "12:10")]);
    const started = performance.now();
    const rounds = buildBoard({
      areas: many,
      records,
      classOf,
      settings,
      date: MONDAY,
      now: at("21:00"),
      lang: "zh",
    });
    expect(performance.now() - started).toBeLessThan(200);
    expect(rounds.map((r) => r.checked)).toEqual([60, 60, 0]);
  });
});
