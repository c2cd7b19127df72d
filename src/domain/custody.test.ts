import { describe, expect, it } from "vitest";
import { type Custody, type CustodyInput, custodyAt } from "./custody.ts";
import {
  applyGive,
  applyReceive,
  emptyHandover,
  type Handover,
  type HandoverKind,
  handoverId,
} from "./handover.ts";
import { rosterLookup } from "./responsible.ts";
import type { Leave, RollCallException, RollCallGroup, RollCallPupil } from "./roll-call.ts";
import { CAMPUS, type DutyKind, type DutyScope, type DutySlot, dutySlotId } from "./roster.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { effectiveSettings } from "./school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

// Monday 30 November 2026 in the autumn term, Asia/Shanghai, the SPEC's default slots:
// class time to 16:30, evening 16:30–20:30, night 20:30–06:30. Saturday 5 December and the
// 国庆节 days are not school days.
const SETTINGS = effectiveSettings({
  timeZone: "Asia/Shanghai",
  timeSlots: DEFAULT_TIME_SLOTS,
  schoolDays: DEFAULT_SCHOOL_DAYS,
  terms: [{ id: "t-2026-autumn", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
  holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-07" }],
});
const MON = "2026-11-30";
const TUE = "2026-12-01";
const SAT = "2026-12-05";
/** A Shanghai wall-clock time (UTC+8 all year). */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const at = (hhmm: string, date = MON) => sh(date, hhmm).toISOString();

const slot = (date: string, kind: DutyKind, scope: DutyScope, staffIds: string[]): DutySlot => ({
  id: dutySlotId(date, kind, scope),
  date,
  kind,
  scope,
  staffIds,
  source: "generated",
  templateId: null,
  history: [],
});
const BOYS: DutyScope = { kind: "building", building: "男生宿舍楼" };
const ROSTER = rosterLookup([
  slot(MON, "morning", CAMPUS, ["morning-duty"]),
  slot(MON, "noon", CAMPUS, ["noon-duty"]),
  slot(MON, "evening", CAMPUS, ["zhou"]),
  slot(MON, "night", BOYS, ["boys-care"]),
  slot(TUE, "morning", CAMPUS, ["tue-morning"]),
  slot(SAT, "holiday", CAMPUS, ["holiday-duty"]),
]);

// 张伟 boards in room 301, class 三(2) (class teacher Ms Wang; Monday period 1 is Mr Li's 数学).
const ZHANG: RollCallPupil = {
  id: "p-zhang",
  name: "张伟",
  studentNo: "10",
  classId: "class-3-2",
  isBoarder: true,
  dormRoomId: "r-301",
  bed: "10",
};
const CHEN: RollCallPupil = {
  id: "p-chen",
  name: "陈静",
  studentNo: "4",
  classId: "class-3-2",
  isBoarder: false,
  dormRoomId: null,
  bed: null,
};
const CLASS: RollCallGroup = { kind: "class", classId: "class-3-2" };
const ROOM: RollCallGroup = { kind: "room", roomId: "r-301" };

const exceptionFor = (reason: RollCallException["reason"]): RollCallException =>
  reason === "picked_up"
    ? { pupilId: ZHANG.id, reason, pickedUpBy: "父亲 张强", pickedUpAt: at("16:32") }
    : { pupilId: ZHANG.id, reason };

/** A hand-over of Monday: given at `givenAt`, received at `receivedAt` (if any). */
function handover(
  kind: Exclude<HandoverKind, "bedCheck">,
  group: RollCallGroup,
  by: string,
  givenAt: string,
  to: string,
  receivedAt: string | null,
  exceptions: RollCallException[] = [],
  date = MON,
): Handover {
  const rollCall = { expected: [ZHANG.id, "p-other"], onLeave: [], exceptions };
  let h = emptyHandover(handoverId(date, kind, group), date, kind, group);
  h = applyGive(h, {
    by,
    at: at(givenAt, date),
    rollCall,
    receiverIds: [to],
    mutationId: `g-${kind}`,
  }).handover;
  if (receivedAt) {
    const count = 2 - exceptions.length;
    h = applyReceive(h, {
      by: to,
      at: at(receivedAt, date),
      count,
      confirmedOn: "own_phone",
      mutationId: `r-${kind}`,
    }).handover;
  }
  return h;
}
const dismissal = (receivedAt: string | null, exceptions: RollCallException[] = []) =>
  handover("dismissal", CLASS, "wang", "16:35", "zhou", receivedAt, exceptions);
const bedtime = (receivedAt: string | null, exceptions: RollCallException[] = []) =>
  handover("bedtime", ROOM, "zhou", "20:40", "boys-care", receivedAt, exceptions);
function bedCheck(givenAt: string, exceptions: RollCallException[]): Handover {
  const h = emptyHandover("01JDQBEDCHECK0000000000000", MON, "bedCheck", ROOM);
  return applyGive(h, {
    by: "boys-care",
    at: at(givenAt, givenAt < "12:00" ? TUE : MON),
    rollCall: { expected: [ZHANG.id], onLeave: [], exceptions },
    receiverIds: [],
    mutationId: "g-check",
  }).handover;
}

const input = (over: Partial<CustodyInput> = {}): CustodyInput => ({
  pupil: ZHANG,
  classTeacherId: "wang",
  timetable: {
    id: "class-3-2",
    classId: "class-3-2",
    entries: [{ weekday: 1, period: 1, subjectTeacherId: "li" }],
  },
  handovers: [],
  leaves: [],
  settings: SETTINGS,
  roster: ROSTER,
  ...over,
});

const holders = (c: Custody) => (c.kind === "held" ? c.holders.map((h) => `${h.role}:${h.staffId}`) : c.kind);

describe("class time and the duty slots (CU-3)", () => {
  it("CU-3: in class time the class teacher and the period's subject teacher hold the pupil", () => {
    const c = custodyAt(sh(MON, "08:30"), input());
    expect(c).toMatchObject({ kind: "held", via: "roster" });
    expect(holders(c)).toEqual(["classTeacher:wang", "subjectTeacher:li"]);
  });

  it("CU-3: between periods or in a period without a subject teacher, the class teacher alone", () => {
    expect(holders(custodyAt(sh(MON, "09:20"), input()))).toEqual(["classTeacher:wang"]);
    expect(holders(custodyAt(sh(MON, "14:30"), input()))).toEqual(["classTeacher:wang"]);
  });

  it("CU-3: the morning and noon slots are held by the duty teacher", () => {
    expect(holders(custodyAt(sh(MON, "07:00"), input()))).toEqual(["duty:morning-duty"]);
    expect(holders(custodyAt(sh(MON, "12:30"), input()))).toEqual(["duty:noon-duty"]);
  });

  it("CU-3: a day pupil in class time is held like any other pupil", () => {
    expect(holders(custodyAt(sh(MON, "08:30"), input({ pupil: CHEN })))).toEqual([
      "classTeacher:wang",
      "subjectTeacher:li",
    ]);
  });

  it("CU-3: a non-school day is held by the holiday duty, evening and night included", () => {
    for (const hhmm of ["10:00", "18:00", "22:00"]) {
      const c = custodyAt(sh(SAT, hhmm), input({ handovers: [dismissal("16:40"), bedtime("20:45")] }));
      expect(holders(c), hhmm).toEqual(["holiday:holiday-duty"]);
    }
    // A day pupil too: the holiday duty answers for everyone at school that day.
    expect(holders(custodyAt(sh(SAT, "18:00"), input({ pupil: CHEN })))).toEqual(["holiday:holiday-duty"]);
  });

  it("CU-3: a holiday in term without a holiday duty on the roster is a gap, not the class teacher", () => {
    const c = custodyAt(sh("2026-10-02", "18:00"), input());
    expect(c).toMatchObject({ kind: "held", holders: [], via: "roster" });
  });
});

describe("the evening (CU-4)", () => {
  it("CU-4: before the dismissal hand-over, the class teacher holds the boarder", () => {
    const c = custodyAt(sh(MON, "16:33"), input());
    expect(c).toMatchObject({ kind: "held", via: "class_teacher_until_dismissal", since: null });
    expect(holders(c)).toEqual(["classTeacher:wang"]);
  });

  it("CU-4: given but not yet received, the class teacher still holds the boarder", () => {
    const c = custodyAt(sh(MON, "16:38"), input({ handovers: [dismissal(null)] }));
    expect(holders(c)).toEqual(["classTeacher:wang"]);
    expect(c).toMatchObject({ via: "class_teacher_until_dismissal" });
  });

  it("CU-4: once the dismissal hand-over is received, its receiver holds the boarder from that moment", () => {
    const h = [dismissal("16:40")];
    expect(holders(custodyAt(sh(MON, "16:39"), input({ handovers: h })))).toEqual(["classTeacher:wang"]);
    const c = custodyAt(sh(MON, "16:40"), input({ handovers: h }));
    expect(c).toMatchObject({ kind: "held", via: "dismissal_receiver", since: at("16:40") });
    expect(holders(c)).toEqual(["duty:zhou"]);
    expect(holders(custodyAt(sh(MON, "19:00"), input({ handovers: h })))).toEqual(["duty:zhou"]);
  });

  it("CU-4: a disputed dismissal hand-over still passed: its receiver holds the boarder", () => {
    const h = dismissal(null);
    const disputed = applyReceive(h, {
      by: "zhou",
      at: at("16:40"),
      count: 1,
      confirmedOn: "giver_phone",
      mutationId: "r",
    }).handover;
    expect(disputed.state).toBe("disputed");
    expect(holders(custodyAt(sh(MON, "17:00"), input({ handovers: [disputed] })))).toEqual(["duty:zhou"]);
  });

  it("CU-4: another class's dismissal hand-over does not move this boarder", () => {
    const other = handover(
      "dismissal",
      { kind: "class", classId: "class-4-1" },
      "xu",
      "16:35",
      "zhou",
      "16:40",
    );
    expect(holders(custodyAt(sh(MON, "17:00"), input({ handovers: [other] })))).toEqual([
      "classTeacher:wang",
    ]);
  });

  it("CU-4: a day pupil has gone home after dismissal", () => {
    expect(custodyAt(sh(MON, "17:00"), input({ pupil: CHEN }))).toEqual({ kind: "gone_home" });
    expect(custodyAt(sh(MON, "22:00"), input({ pupil: CHEN }))).toEqual({ kind: "gone_home" });
  });
});

describe("the night (CU-5)", () => {
  it("CU-5: before the bedtime hand-over, whoever held the boarder in the evening still does", () => {
    const c = custodyAt(sh(MON, "20:35"), input({ handovers: [dismissal("16:40")] }));
    expect(c).toMatchObject({ kind: "held", via: "evening_until_bedtime", since: at("16:40") });
    expect(holders(c)).toEqual(["duty:zhou"]);
  });

  it("CU-5: with no dismissal hand-over received, the class teacher still holds them at night", () => {
    const c = custodyAt(sh(MON, "21:30"), input({ handovers: [dismissal(null)] }));
    expect(c).toMatchObject({ via: "evening_until_bedtime" });
    expect(holders(c)).toEqual(["classTeacher:wang"]);
  });

  it("CU-5: once the bedtime hand-over is received, the caretaker holds the boarder", () => {
    const h = [dismissal("16:40"), bedtime("20:45")];
    expect(holders(custodyAt(sh(MON, "20:44"), input({ handovers: h })))).toEqual(["duty:zhou"]);
    const c = custodyAt(sh(MON, "20:45"), input({ handovers: h }));
    expect(c).toMatchObject({ kind: "held", via: "bedtime_receiver", since: at("20:45") });
    expect(holders(c)).toEqual(["caretaker:boys-care"]);
  });

  it("CU-5: after midnight the night still belongs to Monday's hand-overs", () => {
    const h = [dismissal("16:40"), bedtime("20:45")];
    expect(holders(custodyAt(sh(TUE, "03:00"), input({ handovers: h })))).toEqual(["caretaker:boys-care"]);
    // Tuesday's morning slot starts a new duty date.
    expect(holders(custodyAt(sh(TUE, "06:45"), input({ handovers: h })))).toEqual(["duty:tue-morning"]);
  });

  it("CU-5: another room's bedtime hand-over does not move this boarder", () => {
    const other = handover(
      "bedtime",
      { kind: "room", roomId: "r-302" },
      "zhou",
      "20:40",
      "boys-care",
      "20:45",
    );
    expect(holders(custodyAt(sh(MON, "21:00"), input({ handovers: [dismissal("16:40"), other] })))).toEqual([
      "duty:zhou",
    ]);
  });

  it("CU-4, CU-5: yesterday's hand-overs do not hold the boarder today", () => {
    const sunday = [
      handover("dismissal", CLASS, "wang", "16:35", "zhou", "16:40", [], "2026-11-29"),
      handover("bedtime", ROOM, "zhou", "20:40", "boys-care", "20:45", [], "2026-11-29"),
    ];
    expect(holders(custodyAt(sh(MON, "21:00"), input({ handovers: sunday })))).toEqual(["classTeacher:wang"]);
  });
});

describe("leave and exceptions (CU-1, CU-2)", () => {
  const leave = (from: string, to: string, cancelled = false): Leave => ({
    id: "leave-1",
    pupilId: ZHANG.id,
    from,
    to,
    note: "回家",
    recordedBy: "wang",
    recordedAt: at("08:00", "2026-11-27"),
    cancelledBy: cancelled ? "wang" : null,
    cancelledAt: cancelled ? at("09:00", "2026-11-28") : null,
  });

  it("CU-1: a pupil on leave covering the date is held by nobody at school, all day and night", () => {
    for (const [date, hhmm] of [
      [MON, "08:30"],
      [MON, "17:00"],
      [TUE, "02:00"],
    ] as const) {
      const c = custodyAt(
        sh(date, hhmm),
        input({ leaves: [leave(MON, MON)], handovers: [dismissal("16:40")] }),
      );
      expect(c.kind, `${date} ${hhmm}`).toBe("on_leave");
    }
  });

  it("CU-1: leave of other dates, or cancelled, leaves the pupil at school", () => {
    expect(custodyAt(sh(MON, "17:00"), input({ leaves: [leave(TUE, TUE)] })).kind).toBe("held");
    expect(custodyAt(sh(MON, "17:00"), input({ leaves: [leave(MON, MON, true)] })).kind).toBe("held");
  });

  it("CU-2: picked up by a parent in the dismissal roll call: whom and when, from when it was given", () => {
    const h = [dismissal("16:40", [exceptionFor("picked_up")])];
    expect(holders(custodyAt(sh(MON, "16:34"), input({ handovers: h })))).toEqual(["classTeacher:wang"]);
    const c = custodyAt(sh(MON, "18:00"), input({ handovers: h }));
    expect(c).toMatchObject({
      kind: "exception",
      reason: "picked_up",
      handoverId: handoverId(MON, "dismissal", CLASS),
      at: at("16:35"),
      exception: { pickedUpBy: "父亲 张强", pickedUpAt: at("16:32") },
    });
    expect(custodyAt(sh(MON, "23:00"), input({ handovers: h })).kind).toBe("exception");
  });

  it("CU-2: sick in the dismissal roll call stays sick until a later roll call counts them present", () => {
    const sick = dismissal("16:40", [exceptionFor("sick")]);
    expect(custodyAt(sh(MON, "19:00"), input({ handovers: [sick] }))).toMatchObject({
      kind: "exception",
      reason: "sick",
    });
    // Back from the infirmary: the bedtime roll call counts 张伟 present.
    const h = [sick, bedtime("20:45")];
    expect(holders(custodyAt(sh(MON, "20:42"), input({ handovers: h })))).toEqual(["duty:zhou"]);
    expect(holders(custodyAt(sh(MON, "21:00"), input({ handovers: h })))).toEqual(["caretaker:boys-care"]);
  });

  it("CU-2: unaccounted holds until the alert is resolved as found, then CU-4/CU-5 apply again", () => {
    const h = [dismissal("16:40", [exceptionFor("unaccounted")])];
    expect(custodyAt(sh(MON, "17:00"), input({ handovers: h }))).toMatchObject({
      kind: "exception",
      reason: "unaccounted",
    });
    expect(
      custodyAt(sh(MON, "17:00"), input({ handovers: h, foundAlertSubjects: new Set(["p-other"]) })).kind,
    ).toBe("exception");
    const found = custodyAt(
      sh(MON, "17:00"),
      input({ handovers: h, foundAlertSubjects: new Set([ZHANG.id]) }),
    );
    expect(holders(found)).toEqual(["duty:zhou"]);
  });

  it("CU-2: a caretaker's bed check in the night decides after the bedtime hand-over", () => {
    const h = [dismissal("16:40"), bedtime("20:45"), bedCheck("02:00", [exceptionFor("unaccounted")])];
    expect(holders(custodyAt(sh(TUE, "01:59"), input({ handovers: h })))).toEqual(["caretaker:boys-care"]);
    expect(custodyAt(sh(TUE, "02:05"), input({ handovers: h }))).toMatchObject({
      kind: "exception",
      reason: "unaccounted",
      handoverId: "01JDQBEDCHECK0000000000000",
    });
  });

  it("CU-2: an exception for another pupil does not touch this one", () => {
    const h = [dismissal("16:40", [{ pupilId: "p-other", reason: "unaccounted" }])];
    expect(holders(custodyAt(sh(MON, "17:00"), input({ handovers: h })))).toEqual(["duty:zhou"]);
  });

  it("CU-2: yesterday's exceptions do not decide today", () => {
    const sunday = handover(
      "dismissal",
      CLASS,
      "wang",
      "16:35",
      "zhou",
      "16:40",
      [exceptionFor("picked_up")],
      "2026-11-29",
    );
    expect(holders(custodyAt(sh(MON, "08:30"), input({ handovers: [sunday] })))).toEqual([
      "classTeacher:wang",
      "subjectTeacher:li",
    ]);
    expect(holders(custodyAt(sh(MON, "16:33"), input({ handovers: [sunday] })))).toEqual([
      "classTeacher:wang",
    ]);
  });
});
