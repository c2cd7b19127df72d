import { describe, expect, it } from "vitest";
import {
  applyGive,
  applyReceive,
  emptyHandover,
  type Handover,
  handoverId,
} from "../../../domain/handover.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import { buildMyHandovers, historyOf, type MyHandoversInput, summaryOf } from "./handovers-model.ts";

const DATE = "2026-11-02";
const SETTINGS = { timeSlots: DEFAULT_TIME_SLOTS, timeZone: "Asia/Shanghai" };
const TEACHER = "T-CLASS-A";
const EVENING = "T-EVENING";
const CARETAKER = "T-CARE";
const ADMIN = "T-ADMIN";
const slots: Record<string, string[]> = {
  [`${DATE}|evening|campus`]: [EVENING],
  [`${DATE}|night|room:R1`]: [CARETAKER],
  [`${DATE}|night|building:宿舍楼`]: ["T-OTHER-CARE"],
};
const roster = { slot: (id: string) => (slots[id] ? ({ staffIds: slots[id] } as never) : undefined) };
const classes = [
  { id: "CA", name: "三年级1班", classTeacherId: TEACHER, boarderCount: 25 },
  { id: "CB", name: "三年级2班", classTeacherId: "T-CLASS-B", boarderCount: 20 },
  { id: "C1", name: "一年级1班", classTeacherId: TEACHER, boarderCount: 0 },
];
const rooms = [
  { id: "R1", name: "101", building: "宿舍楼", boarderCount: 60 },
  { id: "R2", name: "102", building: "宿舍楼", boarderCount: 58 },
];
const rollCall = {
  expected: ["P1", "P2", "P3"],
  onLeave: [],
  exceptions: [{ pupilId: "P3", reason: "sick" as const }],
};

function given(id: string, kind: "dismissal" | "bedtime", group: Handover["group"], by: string, at: string) {
  const step = applyGive(emptyHandover(id, DATE, kind, group), {
    by,
    at,
    rollCall,
    receiverIds: [],
    mutationId: `m-${id}`,
  });
  return step.handover;
}

function input(
  meId: string,
  roles: string[],
  handovers: MyHandoversInput["handovers"],
  now: string,
): MyHandoversInput {
  return {
    me: { id: meId, roles },
    date: DATE,
    now: new Date(now),
    settings: SETTINGS,
    classes,
    rooms,
    roster,
    handovers,
  };
}

describe("my hand-overs of a duty date (SPEC §3 两个交接)", () => {
  const dismissalA = handoverId(DATE, "dismissal", { kind: "class", classId: "CA" });
  const givenA = given(
    dismissalA,
    "dismissal",
    { kind: "class", classId: "CA" },
    TEACHER,
    "2026-11-02T08:35:00.000Z",
  );

  it("a class teacher gives their class with boarders; a class without boarders has none", () => {
    const mine = buildMyHandovers(input(TEACHER, ["class_teacher"], [], "2026-11-02T08:00:00.000Z"));
    expect(mine.toGive.map((i) => i.key)).toEqual([dismissalA]);
    expect(mine.toGive[0]?.receiverIds).toEqual([EVENING]);
    expect(mine.toReceive).toEqual([]);
    expect(mine.all).toBeNull();
  });

  it("a day without classes has no dismissal hand-over", () => {
    const mine = buildMyHandovers({
      ...input(TEACHER, ["class_teacher"], [], "2026-11-02T08:00:00.000Z"),
      isSchoolDay: false,
    });
    expect(mine.toGive).toEqual([]);
  });

  it("HO-2: the evening duty teacher receives every class and gives every room", () => {
    const mine = buildMyHandovers(
      input(
        EVENING,
        ["duty_teacher"],
        [{ entity: givenA, hasPendingChanges: true }],
        "2026-11-02T08:40:00.000Z",
      ),
    );
    expect(mine.toReceive.map((i) => i.groupName)).toEqual(["三年级1班", "三年级2班"]);
    expect(mine.toReceive[0]?.handover?.state).toBe("given");
    expect(mine.toReceive[0]?.isPending).toBe(true);
    expect(mine.toGive.map((i) => `${i.kind}:${i.groupName}`)).toEqual(["bedtime:101", "bedtime:102"]);
    expect(summaryOf(mine)).toMatchObject({ total: 4, done: 0 });
  });

  it("HO-2: a caretaker receives their own room, else their building's, and checks beds there", () => {
    const own = buildMyHandovers(input(CARETAKER, ["dorm_caretaker"], [], "2026-11-02T12:00:00.000Z"));
    expect(own.toReceive.map((i) => i.groupName)).toEqual(["101"]);
    expect(own.bedChecks.map((i) => i.link)).toEqual([`/roll-call/bedCheck/R1?date=${DATE}`]);
    const building = buildMyHandovers(
      input("T-OTHER-CARE", ["dorm_caretaker"], [], "2026-11-02T12:00:00.000Z"),
    );
    expect(building.toReceive.map((i) => i.groupName)).toEqual(["102"]);
  });

  it("HO-5: not received by the evening slot's start plus 30 minutes is late", () => {
    // 16:30 + 30 min Shanghai = 09:00Z.
    const before = buildMyHandovers(input(TEACHER, ["class_teacher"], [], "2026-11-02T08:59:00.000Z"));
    const after = buildMyHandovers(input(TEACHER, ["class_teacher"], [], "2026-11-02T09:01:00.000Z"));
    expect(before.toGive[0]?.isLate).toBe(false);
    expect(after.toGive[0]?.isLate).toBe(true);
    expect(summaryOf(after).late).toBe(1);
  });

  it("HO-3: a receiver's different count shows disputed with both counts; admin sees every group", () => {
    const disputed = applyReceive(givenA, {
      by: EVENING,
      at: "2026-11-02T08:45:00.000Z",
      count: 1,
      confirmedOn: "own_phone",
      mutationId: "r1",
    }).handover;
    const mine = buildMyHandovers(
      input(ADMIN, ["admin"], [{ entity: disputed, hasPendingChanges: false }], "2026-11-02T10:00:00.000Z"),
    );
    expect(mine.all?.length).toBe(4);
    const a = mine.all?.find((i) => i.key === dismissalA);
    expect(a?.handover?.state).toBe("disputed");
    expect([a?.handover?.give?.presentCount, a?.handover?.receive?.count]).toEqual([2, 1]);
    expect(a?.isLate).toBe(false);
  });

  it("history of a class lists its nights newest first", () => {
    const earlier = given(
      handoverId("2026-11-01", "dismissal", { kind: "class", classId: "CA" }),
      "dismissal",
      { kind: "class", classId: "CA" },
      TEACHER,
      "2026-11-01T08:35:00.000Z",
    );
    const earlierFixed = { ...earlier, date: "2026-11-01" };
    const other = given(
      handoverId(DATE, "dismissal", { kind: "class", classId: "CB" }),
      "dismissal",
      { kind: "class", classId: "CB" },
      "T-CLASS-B",
      "2026-11-02T08:36:00.000Z",
    );
    expect(
      historyOf([earlierFixed, other, givenA], { kind: "class", classId: "CA" }).map((h) => h.date),
    ).toEqual([DATE, "2026-11-01"]);
  });
});
