import { describe, expect, it } from "vitest";
import type { Leave } from "../../../domain/roll-call.ts";
import { currentAndUpcoming, leaveClassesFor, leaveFormProblems, pupilsForLeave } from "./leave-model.ts";

const classes = [
  { id: "C2", grade: 3, name: "2班", classTeacherId: "T2" },
  { id: "C1", grade: 3, name: "1班", classTeacherId: "T1" },
  { id: "C0", grade: 2, name: "1班", classTeacherId: "T0" },
];
const leave = (id: string, pupilId: string, from: string, to: string, cancelled = false): Leave => ({
  id,
  pupilId,
  from,
  to,
  note: "",
  recordedBy: "T1",
  recordedAt: "2026-12-01T07:00:00Z",
  cancelledBy: cancelled ? "T1" : null,
  cancelledAt: cancelled ? "2026-12-01T08:00:00Z" : null,
});
const nameOf = (id: string) => ({ P1: "王小明" })[id] ?? id;

describe("leave classes and pupils", () => {
  it("[RC-5] a class teacher sees only their own class; an admin every class in grade order", () => {
    expect(leaveClassesFor({ id: "T1", roles: ["class_teacher"] }, classes).map((c) => c.id)).toEqual(["C1"]);
    expect(leaveClassesFor({ id: "X", roles: ["duty_teacher"] }, classes)).toEqual([]);
    expect(leaveClassesFor({ id: "X", roles: ["admin"] }, classes).map((c) => c.id)).toEqual([
      "C0",
      "C1",
      "C2",
    ]);
  });

  it("lists the class's boarders first, each part by student number in numeric order", () => {
    const pupils = [
      { id: "a", name: "甲", studentNo: "10", classId: "C1", isBoarder: false },
      { id: "b", name: "乙", studentNo: "9", classId: "C1", isBoarder: true },
      { id: "c", name: "丙", studentNo: "2", classId: "C1", isBoarder: false },
      { id: "d", name: "丁", studentNo: "11", classId: "C1", isBoarder: true },
      { id: "e", name: "戊", studentNo: "1", classId: "C2", isBoarder: true },
    ];
    expect(pupilsForLeave(pupils, "C1").map((p) => p.id)).toEqual(["b", "d", "c", "a"]);
  });
});

describe("the leave form's problems", () => {
  const today = "2026-12-02";
  it("names each missing field", () => {
    const fields = leaveFormProblems({ pupilId: "", from: "", to: "", note: "" }, today, [], nameOf).map(
      (p) => p.field,
    );
    expect(fields).toEqual(["pupilId", "from", "to"]);
  });

  it("[RC-5] refuses dates the wrong way round, naming both dates", () => {
    const problems = leaveFormProblems(
      { pupilId: "P1", from: "2026-12-05", to: "2026-12-03", note: "" },
      today,
      [],
      nameOf,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("to");
    expect(problems[0]?.message).toContain("2026-12-03");
  });

  it("refuses leave wholly in the past but accepts leave that started yesterday", () => {
    expect(
      leaveFormProblems(
        { pupilId: "P1", from: "2026-11-28", to: "2026-12-01", note: "" },
        today,
        [],
        nameOf,
      )[0]?.field,
    ).toBe("to");
    expect(
      leaveFormProblems({ pupilId: "P1", from: "2026-12-01", to: "2026-12-02", note: "" }, today, [], nameOf),
    ).toEqual([]);
  });

  it("[RC-5] refuses an overlap with the pupil's leave that counts, naming the pupil; cancelled leave does not count", () => {
    const form = { pupilId: "P1", from: "2026-12-03", to: "2026-12-04", note: "" };
    const problems = leaveFormProblems(form, today, [leave("L1", "P1", "2026-12-04", "2026-12-06")], nameOf);
    expect(problems.map((p) => p.message).join()).toContain("王小明");
    expect(
      leaveFormProblems(form, today, [leave("L1", "P1", "2026-12-04", "2026-12-06", true)], nameOf),
    ).toEqual([]);
    expect(leaveFormProblems(form, today, [leave("L1", "P2", "2026-12-04", "2026-12-06")], nameOf)).toEqual(
      [],
    );
  });
});

describe("current and upcoming leave", () => {
  it("[RC-5] shows leave that still counts, today's first, without cancelled or past leave", () => {
    const rows = currentAndUpcoming(
      [
        leave("L1", "P1", "2026-12-05", "2026-12-05"),
        leave("L2", "P2", "2026-12-01", "2026-12-02"),
        leave("L3", "P3", "2026-11-20", "2026-12-01"),
        leave("L4", "P4", "2026-12-02", "2026-12-09", true),
        leave("L5", "P5", "2026-12-03", "2026-12-04"),
      ],
      "2026-12-02",
    );
    expect(rows.map((r) => [r.leave.id, r.when])).toEqual([
      ["L2", "now"],
      ["L5", "upcoming"],
      ["L1", "upcoming"],
    ]);
  });
});
