import { describe, expect, it } from "vitest";
import type { Custody } from "../../../domain/custody.ts";
import {
  applyGive,
  applyReceive,
  emptyHandover,
  type Handover,
  handoverId,
} from "../../../domain/handover.ts";
import type { RollCallException, RollCallPupil } from "../../../domain/roll-call.ts";
import { custodyCard, foundSubjects, groupHistory, pupilExceptions, searchPupils } from "./where-model.ts";

const pupil = (id: string, name: string, studentNo: string): RollCallPupil => ({
  id,
  name,
  studentNo,
  classId: "C1",
  isBoarder: true,
  dormRoomId: "R1",
  bed: null,
});
const PUPILS = [
  pupil("a", "王小明", "2026030110"),
  pupil("b", "小王", "2026030102"),
  pupil("c", "李明", "2026030103"),
];
const INITIALS: Record<string, string> = { 王小明: "wxm", 小王: "xw", 李明: "lm" };
const people = (id: string) =>
  ({ T1: { name: "张老师", phone: "138 0000 0001" }, D1: { name: "刘值日", phone: null } })[id];

function handover(
  date: string,
  kind: "dismissal" | "bedtime",
  exceptions: RollCallException[],
  opts: { onLeave?: string[]; giver?: string; count?: number; at?: string } = {},
): Handover {
  const group =
    kind === "dismissal"
      ? ({ kind: "class", classId: "C1" } as const)
      : ({ kind: "room", roomId: "R1" } as const);
  const id = handoverId(date, kind, group);
  const at = opts.at ?? `${date}T${kind === "dismissal" ? "08:35" : "12:25"}:00Z`;
  const given = applyGive(emptyHandover(id, date, kind, group), {
    by: opts.giver ?? "T1",
    at,
    rollCall: { expected: ["a", "b", "c"], onLeave: opts.onLeave ?? [], exceptions },
    receiverIds: ["D1"],
    mutationId: `m-${id}`,
  }).handover;
  return applyReceive(given, {
    by: "D1",
    at: at.replace(/:00Z$/, ":30Z"),
    count: opts.count ?? 3 - exceptions.length,
    confirmedOn: "own_phone",
    mutationId: `r-${id}`,
  }).handover;
}

describe("finding a pupil", () => {
  it("by name: the exact name first, then names starting with it, then names containing it", () => {
    expect(searchPupils(PUPILS, "小王", null).matches.map((p) => p.id)).toEqual(["b"]);
    expect(searchPupils(PUPILS, "王", null).matches.map((p) => p.id)).toEqual(["a", "b"]);
    // Both contain 明: by student number.
    expect(searchPupils(PUPILS, "明", null).matches.map((p) => p.id)).toEqual(["c", "a"]);
  });
  it("by student number, digits contained", () => {
    expect(searchPupils(PUPILS, "0103", null).matches.map((p) => p.id)).toEqual(["c"]);
  });
  it("by pinyin initials once they are loaded, and says how many more there are", () => {
    expect(searchPupils(PUPILS, "wx", null).matches).toEqual([]);
    expect(searchPupils(PUPILS, "WX", (n) => INITIALS[n] ?? "").matches.map((p) => p.id)).toEqual(["a"]);
    expect(searchPupils(PUPILS, "明", null, 1)).toMatchObject({ more: 1 });
    expect(searchPupils(PUPILS, "  ", null).matches).toEqual([]);
  });
});

describe("the custody card", () => {
  it("[CU-4] after the dismissal hand-over: the receiver, named as evening duty, with when it was received", () => {
    const custody: Custody = {
      kind: "held",
      holders: [{ staffId: "D1", role: "duty" }],
      via: "dismissal_receiver",
      since: "2026-12-02T10:02:00Z",
    };
    expect(custodyCard(custody, [], people)).toEqual({
      state: "held",
      people: [{ staffId: "D1", name: "刘值日", phone: null, role: "eveningDuty" }],
      how: { kind: "dismissal_receiver", name: "刘值日", at: "2026-12-02T10:02:00Z" },
    });
  });
  it("[CU-3] by the roster: the class teacher with a phone; nobody on the roster is 'nobody'", () => {
    const held = custodyCard(
      { kind: "held", holders: [{ staffId: "T1", role: "classTeacher" }], via: "roster", since: null },
      [],
      people,
    );
    expect(held).toMatchObject({
      state: "held",
      people: [{ name: "张老师", phone: "138 0000 0001" }],
      how: { kind: "roster" },
    });
    expect(custodyCard({ kind: "held", holders: [], via: "roster", since: null }, [], people).state).toBe(
      "nobody",
    );
  });
  it("[CU-2] an exception names who marked it at which roll call; picked up says by whom and when", () => {
    const h = handover("2026-12-02", "dismissal", [
      { pupilId: "a", reason: "picked_up", pickedUpBy: "父亲 王强", pickedUpAt: "2026-12-02T08:20:00Z" },
    ]);
    const exception = h.give?.rollCall.exceptions[0] as RollCallException;
    const card = custodyCard(
      { kind: "exception", reason: "picked_up", exception, handoverId: h.id, at: h.give?.at ?? "" },
      [h],
      people,
    );
    expect(card).toEqual({
      state: "picked_up",
      who: "父亲 王强",
      at: "2026-12-02T08:20:00Z",
      note: "",
      how: { kind: "marked", handoverKind: "dismissal", name: "张老师", at: h.give?.at },
    });
    const unaccounted = custodyCard(
      {
        kind: "exception",
        reason: "unaccounted",
        exception: { pupilId: "a", reason: "unaccounted" },
        handoverId: h.id,
        at: "",
      },
      [h],
      people,
    );
    expect(unaccounted.state).toBe("unaccounted");
  });
  it("[CU-1] leave and gone home", () => {
    const leave = {
      id: "L",
      pupilId: "a",
      from: "2026-12-02",
      to: "2026-12-03",
      note: "病假",
      recordedBy: "T1",
      recordedAt: "",
      cancelledBy: null,
      cancelledAt: null,
    };
    expect(custodyCard({ kind: "on_leave", leave }, [], people)).toEqual({
      state: "on_leave",
      from: "2026-12-02",
      to: "2026-12-03",
      note: "病假",
    });
    expect(custodyCard({ kind: "gone_home" }, [], people)).toEqual({ state: "gone_home" });
  });
});

describe("found alerts", () => {
  const dateOf = (iso: string) => iso.slice(0, 10);
  it("[CU-2] a pupil is found when that day's alerts for them are all resolved; an older one does not count", () => {
    const alerts = [
      {
        kind: "unaccounted_pupil",
        subjectId: "a",
        status: "resolved",
        clientCreatedAt: "2026-12-02T09:00:00Z",
      },
      {
        kind: "unaccounted_pupil",
        subjectId: "b",
        status: "resolved",
        clientCreatedAt: "2026-12-02T09:00:00Z",
      },
      { kind: "unaccounted_pupil", subjectId: "b", status: "open", clientCreatedAt: "2026-12-02T12:00:00Z" },
      {
        kind: "unaccounted_pupil",
        subjectId: "c",
        status: "resolved",
        clientCreatedAt: "2026-11-20T09:00:00Z",
      },
      {
        kind: "critical_hazard",
        subjectId: "d",
        status: "resolved",
        clientCreatedAt: "2026-12-02T09:00:00Z",
      },
    ];
    expect([...foundSubjects(alerts, dateOf, "2026-12-02")]).toEqual(["a"]);
  });
});

describe("history", () => {
  const days = [
    handover("2026-11-30", "dismissal", [{ pupilId: "a", reason: "sick", note: "发烧" }]),
    handover("2026-11-30", "bedtime", [{ pupilId: "a", reason: "sick", note: "发烧" }]),
    handover("2026-12-01", "dismissal", [], { onLeave: ["a"] }),
    handover("2026-12-02", "dismissal", [{ pupilId: "b", reason: "unaccounted" }], { count: 1 }),
  ];
  it("[RC-1, RC-2] a pupil's exceptions over the term: one row per date and reason, leave included, newest first", () => {
    expect(pupilExceptions(days, "a").map((r) => [r.date, r.reason, r.kinds, r.by])).toEqual([
      ["2026-12-01", "leave", ["dismissal"], "T1"],
      ["2026-11-30", "sick", ["dismissal", "bedtime"], "T1"],
    ]);
    expect(pupilExceptions(days, "c")).toEqual([]);
  });
  it("[HO-3, RC-3] a class's hand-overs, newest first, with counts and the disputed state", () => {
    const rows = groupHistory(days, { kind: "class", classId: "C1" });
    expect(rows.map((r) => r.date)).toEqual(["2026-12-02", "2026-12-01", "2026-11-30"]);
    expect(rows[0]).toMatchObject({
      giverId: "T1",
      receiverId: "D1",
      expected: 3,
      present: 2,
      exceptions: 1,
      unaccounted: 1,
      receivedCount: 1,
      state: "disputed",
    });
    expect(groupHistory(days, { kind: "room", roomId: "R1" }).map((r) => r.kind)).toEqual(["bedtime"]);
    expect(groupHistory(days, { kind: "room", roomId: "R2" })).toEqual([]);
  });
});
