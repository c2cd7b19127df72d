import { describe, expect, it } from "vitest";
import { rollCallList } from "../../../domain/custody.ts";
import type { RollCallPupil } from "../../../domain/roll-call.ts";
import { initialsOf } from "./pinyin-initials.ts";
import {
  barCounts,
  initialRollCall,
  matchesFilter,
  type RollCallAction,
  type RollCallState,
  rollCallOf,
  rollCallReducer,
} from "./roll-call-model.ts";

const ROOM = "01J0ROOM00000000000000000A";

function room(n: number): RollCallPupil[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `P${String(i).padStart(25, "0")}`,
    name: `学生${i + 1}`,
    studentNo: `2026${String(i + 1).padStart(4, "0")}`,
    classId: "C",
    isBoarder: true,
    dormRoomId: ROOM,
    bed: `${i + 1}号床`,
  }));
}

function run(actions: RollCallAction[], state: RollCallState = initialRollCall()): RollCallState {
  return actions.reduce(rollCallReducer, state);
}

describe("roll call taps (SPEC §3: six taps plus the hand-over)", () => {
  it("RC-2: a 60-pupil room with two exceptions takes four taps; counts add up (RC-3)", () => {
    const pupils = room(60);
    const { expected, onLeave } = rollCallList(
      { kind: "room", roomId: ROOM },
      "2026-11-02",
      new Date(`${"2026-11-02"}T12:00:00+08:00`),
      pupils,
      { handovers: [], leaves: [] },
    );
    const state = run([
      { type: "tapPupil", pupilId: expected[4]?.id as string },
      { type: "chooseReason", reason: "sick" },
      { type: "tapPupil", pupilId: expected[17]?.id as string },
      { type: "chooseReason", reason: "leave" },
    ]);
    expect(state.taps).toBe(4);
    expect(state.taps + 1).toBeLessThanOrEqual(6); // plus 交出
    const counts = barCounts(rollCallOf({ expected, onLeave, away: [] }, state.marks));
    expect(counts).toMatchObject({ expected: 60, present: 58, sick: 1, leave: 1, addsUp: true });
  });

  it("picked up by a parent takes three taps (who from a chip, time now) and records who and when", () => {
    const pupils = room(3);
    const at = "2026-11-02T09:30:00.000Z";
    const state = run([
      { type: "tapPupil", pupilId: pupils[1]?.id as string },
      { type: "chooseReason", reason: "picked_up" },
      { type: "pickedUp", by: "父亲", at },
    ]);
    expect(state.taps).toBe(3);
    expect(state.marks.get(pupils[1]?.id as string)).toEqual({
      pupilId: pupils[1]?.id,
      reason: "picked_up",
      pickedUpBy: "父亲",
      pickedUpAt: at,
    });
  });

  it("RC-2: picked up without who is not recorded", () => {
    const pupils = room(2);
    const state = run([
      { type: "tapPupil", pupilId: pupils[0]?.id as string },
      { type: "chooseReason", reason: "picked_up" },
      { type: "pickedUp", by: "  ", at: "2026-11-02T09:30:00.000Z" },
    ]);
    expect(state.marks.size).toBe(0);
    expect(state.sheet.step).toBe("pickup");
  });

  it("下落不明 asks for one confirmation, then the roll call must be saved at once", () => {
    const pupils = room(5);
    const id = pupils[2]?.id as string;
    const asked = run([
      { type: "tapPupil", pupilId: id },
      { type: "chooseReason", reason: "unaccounted" },
    ]);
    expect(asked.marks.size).toBe(0);
    expect(asked.mustSaveNow).toBe(false);
    expect(asked.sheet).toEqual({ step: "confirmUnaccounted", pupilId: id });
    const confirmed = rollCallReducer(asked, { type: "confirmUnaccounted" });
    expect(confirmed.mustSaveNow).toBe(true);
    expect(confirmed.marks.get(id)?.reason).toBe("unaccounted");
    expect(confirmed.taps).toBe(3);
  });

  it("a marked pupil can be set back to present; cancelling marks nothing", () => {
    const pupils = room(4);
    const id = pupils[0]?.id as string;
    const state = run([
      { type: "tapPupil", pupilId: id },
      { type: "chooseReason", reason: "sick" },
      { type: "tapPupil", pupilId: id },
      { type: "markPresent" },
      { type: "tapPupil", pupilId: pupils[1]?.id as string },
      { type: "close" },
    ]);
    expect(state.marks.size).toBe(0);
    expect(barCounts(rollCallOf({ expected: pupils, onLeave: [], away: [] }, state.marks))).toMatchObject({
      present: 4,
      addsUp: true,
    });
  });

  it("RC-1, RC-3: pupils on recorded leave are listed apart and not counted as expected", () => {
    const pupils = room(10);
    const leave = {
      id: "L",
      pupilId: pupils[3]?.id as string,
      from: "2026-11-01",
      to: "2026-11-03",
      note: "",
      recordedBy: "T",
      recordedAt: "2026-10-31T08:00:00.000Z",
      cancelledBy: null,
      cancelledAt: null,
    };
    const { expected, onLeave } = rollCallList(
      { kind: "room", roomId: ROOM },
      "2026-11-02",
      new Date(`${"2026-11-02"}T12:00:00+08:00`),
      pupils,
      { handovers: [], leaves: [leave] },
    );
    const rollCall = rollCallOf({ expected, onLeave, away: [] }, new Map());
    expect(rollCall.onLeave).toEqual([pupils[3]?.id]);
    expect(barCounts(rollCall)).toMatchObject({ expected: 9, present: 9, addsUp: true });
  });
});

describe("roll call filter", () => {
  const wang = { name: "王小明", studentNo: "20260012", bed: "12号床" };
  const zeng = { name: "曾乐乐", studentNo: "20260031", bed: "3号床" };

  it("finds by pinyin initials, surnames read as surnames", () => {
    expect(initialsOf("王小明")).toBe("wxm");
    expect(initialsOf("曾乐乐")).toBe("zll");
    expect(matchesFilter(wang, "wxm", initialsOf(wang.name))).toBe(true);
    expect(matchesFilter(wang, "WX", initialsOf(wang.name))).toBe(true);
    expect(matchesFilter(zeng, "wxm", initialsOf(zeng.name))).toBe(false);
  });

  it("reads the initials of common surnames and given names from the collator (no dictionary)", () => {
    const names: Record<string, string> = {
      刘志华: "lzh",
      陈建平: "cjp",
      余兰玲: "yll",
      吕布: "lb",
      欧阳娜娜: "oynn",
      钟军安: "zja",
      胡佳桐: "hjt",
      黄琳雯: "hlw",
      马明: "mm",
      孙小红: "sxh",
      单雄信: "sxx",
      覃紫秀: "qzx",
      阮一鸣: "rym",
      唐三: "ts",
      鄂伦: "el",
      "Anna 李": "annal",
    };
    for (const [name, initials] of Object.entries(names)) expect(initialsOf(name), name).toBe(initials);
  });

  it("finds by part of the name before pinyin has loaded, and by bed or seat number", () => {
    expect(matchesFilter(wang, "小明")).toBe(true);
    expect(matchesFilter(wang, "wxm")).toBe(false);
    expect(matchesFilter(zeng, "3")).toBe(true);
    expect(matchesFilter(wang, "12")).toBe(true);
    expect(matchesFilter(wang, "")).toBe(true);
  });
});
