import { describe, expect, it } from "vitest";
import {
  canHold,
  type NkPerson,
  NOTHING,
  type PupilFacts,
  pupilsToLookUp,
  rollCallDatesAt,
  type SchoolFacts,
  type Scope,
  scopeOf,
  visible,
} from "./need-to-know.ts";
import type { Role } from "./roles.ts";
import {
  CAMPUS,
  type DutyKind,
  type DutyScope,
  type DutySlot,
  dutySlotId,
  type RotationTemplate,
} from "./roster.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { effectiveSettings } from "./school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

// Monday 30 November 2026 and Tuesday 1 December are school days; Saturday and Sunday not.
const MON = "2026-11-30";
const TUE = "2026-12-01";
const SCHOOL_DAYS = [
  { date: MON, isSchoolDay: true },
  { date: TUE, isSchoolDay: true },
];
const WEEKEND = [
  { date: "2026-12-05", isSchoolDay: false },
  { date: "2026-12-06", isSchoolDay: false },
];

const person = (id: string, ...roles: Role[]): NkPerson => ({ id, roles });
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
const template = (
  kind: DutyKind,
  scope: DutyScope,
  staffIds: string[],
  isActive = true,
): RotationTemplate => ({
  id: `t-${kind}-${staffIds.join("-")}`,
  name: "轮值",
  kind,
  scope,
  pattern: { mode: "rotation", staffIds, perDay: 1 },
  isActive,
});

// Two classes; rooms A1, A2 in building A and B1 in building B.
const FACTS: SchoolFacts = {
  classes: [
    { id: "c1", classTeacherId: "li" },
    { id: "c2", classTeacherId: "zhou" },
  ],
  dormRooms: [
    { id: "A1", building: "A" },
    { id: "A2", building: "A" },
    { id: "B1", building: "B" },
  ],
  templates: [],
  slots: [
    slot(MON, "evening", CAMPUS, ["zhang"]),
    slot(TUE, "evening", CAMPUS, ["zhang"]),
    slot(MON, "night", { kind: "building", building: "A" }, ["liu"]),
    slot(TUE, "night", { kind: "building", building: "A" }, ["liu"]),
    slot(MON, "night", { kind: "building", building: "B" }, ["sun"]),
    slot(TUE, "night", { kind: "building", building: "B" }, ["sun"]),
  ],
  rollCallDates: SCHOOL_DAYS,
};

const scopeOfOne = (p: NkPerson, facts = FACTS) => scopeOf([p], facts);

const PUPILS: Record<string, PupilFacts & { id: string; name: string }> = {
  boarderA1: { id: "boarderA1", name: "王小明", classId: "c1", isBoarder: true, dormRoomId: "A1" },
  boarderB1: { id: "boarderB1", name: "周小军", classId: "c2", isBoarder: true, dormRoomId: "B1" },
  dayC1: { id: "dayC1", name: "赵小东", classId: "c1", isBoarder: false, dormRoomId: null },
  dayC2: { id: "dayC2", name: "钱小亮", classId: "c2", isBoarder: false, dormRoomId: null },
};
const pupilOf = (id: string) => PUPILS[id];
const seenPupils = (scope: Scope) =>
  Object.values(PUPILS)
    .filter((p) => !(visible({ entityType: "pupil", data: p }, scope) as { isHidden?: boolean }).isHidden)
    .map((p) => p.id)
    .sort();

describe("need-to-know: whose phone sees which pupils", () => {
  it("NK-2: the admin and the principal see everything", () => {
    expect(scopeOfOne(person("a", "admin")).everything).toBe(true);
    expect(scopeOfOne(person("p", "principal")).everything).toBe(true);
    expect(seenPupils(scopeOfOne(person("p", "principal")))).toEqual(Object.keys(PUPILS).sort());
  });

  it("NK-3: a class teacher sees the pupils of the class that names them, day pupils too", () => {
    expect(seenPupils(scopeOfOne(person("li", "class_teacher")))).toEqual(["boarderA1", "dayC1"]);
    // The class names whom the server lets act as its class teacher, whatever their roles.
    expect(seenPupils(scopeOfOne(person("li", "subject_teacher")))).toEqual(["boarderA1", "dayC1"]);
    expect(seenPupils(scopeOfOne(person("wu", "class_teacher")))).toEqual([]);
  });

  it("NK-8: gatekeepers, subject teachers, grade leaders and area owners see no pupil", () => {
    for (const role of [
      "gatekeeper",
      "subject_teacher",
      "grade_leader",
      "department_head",
      "area_responsible",
    ] as const)
      expect(seenPupils(scopeOfOne(person("x", role)))).toEqual([]);
  });

  it("NK-4: the evening duty on the roster sees every boarder and no day pupil", () => {
    expect(seenPupils(scopeOfOne(person("zhang", "duty_teacher")))).toEqual(["boarderA1", "boarderB1"]);
    // Another duty teacher, not on the evening roster of the roll-call dates: none.
    expect(seenPupils(scopeOfOne(person("qian", "duty_teacher")))).toEqual([]);
  });

  it("NK-4: an active evening template names its people ahead of their slots; an inactive one does not", () => {
    const withTemplate = { ...FACTS, templates: [template("evening", CAMPUS, ["zhang", "qian"])] };
    expect(scopeOfOne(person("qian", "duty_teacher"), withTemplate).allBoarders).toBe(true);
    const inactive = { ...FACTS, templates: [template("evening", CAMPUS, ["qian"], false)] };
    expect(scopeOfOne(person("qian", "duty_teacher"), inactive).allBoarders).toBe(false);
  });

  it("NK-4: with nobody on a school day's evening slot, every duty teacher sees the boarders (HO-2's fallback)", () => {
    const gap = { ...FACTS, slots: FACTS.slots.filter((s) => !(s.kind === "evening" && s.date === TUE)) };
    expect(scopeOfOne(person("qian", "duty_teacher"), gap).allBoarders).toBe(true);
    expect(scopeOfOne(person("qian", "gatekeeper"), gap).allBoarders).toBe(false);
    // No slot on a weekend is no gap.
    expect(scopeOfOne(person("qian", "duty_teacher"), { ...FACTS, rollCallDates: WEEKEND }).allBoarders).toBe(
      false,
    );
  });

  it("NK-5: a caretaker sees the boarders of the rooms of their building", () => {
    const liu = scopeOfOne(person("liu", "dorm_caretaker"));
    expect(liu.roomIds).toEqual(["A1", "A2"]);
    expect(seenPupils(liu)).toEqual(["boarderA1"]);
    expect(seenPupils(scopeOfOne(person("sun", "dorm_caretaker")))).toEqual(["boarderB1"]);
  });

  it("NK-5: a room's own night slot comes before its building's", () => {
    const facts = {
      ...FACTS,
      slots: [...FACTS.slots, slot(MON, "night", { kind: "room", roomId: "A2" }, ["sun"])],
    };
    // liu still holds A2 on Tuesday through the building's slot; sun holds A2 on Monday.
    expect(scopeOfOne(person("sun", "dorm_caretaker"), facts).roomIds).toEqual(["A2", "B1"]);
    expect(scopeOfOne(person("liu", "dorm_caretaker"), facts).roomIds).toEqual(["A1", "A2"]);
  });

  it("NK-5: night templates name rooms or buildings; a room nobody holds on a school day goes to every caretaker", () => {
    const templates = {
      ...FACTS,
      slots: [],
      rollCallDates: WEEKEND,
      templates: [template("night", { kind: "room", roomId: "B1" }, ["xu"])],
    };
    expect(scopeOfOne(person("xu", "dorm_caretaker"), templates).roomIds).toEqual(["B1"]);
    const noRoster = { ...FACTS, slots: [] };
    expect(scopeOfOne(person("xu", "dorm_caretaker"), noRoster).roomIds).toEqual(["A1", "A2", "B1"]);
    expect(scopeOfOne(person("xu", "gatekeeper"), noRoster).roomIds).toEqual([]);
  });

  it("NK-1: a shared phone sees the union of its people", () => {
    const both = scopeOf(
      [person("g", "gatekeeper"), person("li", "class_teacher"), person("sun", "dorm_caretaker")],
      FACTS,
    );
    expect(seenPupils(both)).toEqual(["boarderA1", "boarderB1", "dayC1"]);
    expect(scopeOf([person("g", "gatekeeper"), person("a", "admin")], FACTS).everything).toBe(true);
  });

  it("RD: the roll-call dates are the duty date and the next; after midnight the night is the day before's", () => {
    const settings = effectiveSettings({
      timeZone: "Asia/Shanghai",
      timeSlots: DEFAULT_TIME_SLOTS,
      schoolDays: DEFAULT_SCHOOL_DAYS,
    });
    expect(rollCallDatesAt(new Date("2026-11-30T18:00:00+08:00"), settings)).toEqual(SCHOOL_DAYS);
    expect(rollCallDatesAt(new Date("2026-12-01T02:00:00+08:00"), settings)).toEqual(SCHOOL_DAYS);
    expect(rollCallDatesAt(new Date("2026-12-05T10:00:00+08:00"), settings)).toEqual([
      { date: "2026-12-05", isSchoolDay: false },
      { date: "2026-12-06", isSchoolDay: false },
    ]);
  });
});

describe("need-to-know: which fields", () => {
  const leave = (pupilId: string) => ({ id: "l1", pupilId, from: MON, to: MON, note: "发烧，家长接回" });

  it("NK-6: leave goes with the pupil; its note only to the class teacher (and NK-2 readers)", () => {
    const li = scopeOfOne(person("li", "class_teacher"));
    const zhang = scopeOfOne(person("zhang", "duty_teacher"));
    const liu = scopeOfOne(person("liu", "dorm_caretaker"));
    const gate = scopeOfOne(person("g", "gatekeeper"));
    const admin = scopeOfOne(person("a", "admin"));
    expect(visible({ entityType: "leave", data: leave("boarderA1") }, li, pupilOf)).toMatchObject({
      note: "发烧，家长接回",
    });
    expect(visible({ entityType: "leave", data: leave("boarderA1") }, admin, pupilOf)).toMatchObject({
      note: "发烧，家长接回",
    });
    expect(visible({ entityType: "leave", data: leave("boarderA1") }, zhang, pupilOf)).toMatchObject({
      pupilId: "boarderA1",
      note: "",
    });
    expect(visible({ entityType: "leave", data: leave("boarderA1") }, liu, pupilOf)).toMatchObject({
      note: "",
    });
    expect(visible({ entityType: "leave", data: leave("boarderB1") }, li, pupilOf)).toBeNull();
    expect(visible({ entityType: "leave", data: leave("dayC1") }, zhang, pupilOf)).toBeNull();
    expect(visible({ entityType: "leave", data: leave("boarderA1") }, gate, pupilOf)).toBeNull();
    expect(pupilsToLookUp([{ entityType: "leave", data: leave("boarderA1") }], li)).toEqual(["boarderA1"]);
  });

  const exception = (pupilId: string) => ({
    pupilId,
    reason: "picked_up",
    note: "父亲接走",
    pickedUpBy: "父亲 王强",
  });
  const roomHandover = {
    id: "h1",
    date: MON,
    kind: "bedtime",
    group: { kind: "room", roomId: "B1" },
    give: {
      by: "zhang",
      at: "2026-11-30T12:30:00Z",
      rollCall: {
        expected: ["boarderB1", "boarderA1"],
        onLeave: [],
        exceptions: [exception("boarderB1"), exception("boarderA1")],
      },
      presentCount: 0,
      receiverIds: ["sun"],
      mutationId: "m",
    },
    receive: null,
    state: "given",
    late: false,
    alertId: null,
    history: [],
  };

  it("NK-6: whoever holds the room gets its roll call whole, notes and who picked up included", () => {
    expect(
      visible({ entityType: "handover", data: roomHandover }, scopeOfOne(person("sun", "dorm_caretaker"))),
    ).toBe(roomHandover);
    expect(
      visible({ entityType: "handover", data: roomHandover }, scopeOfOne(person("zhang", "duty_teacher"))),
    ).toBe(roomHandover);
    // Another building's caretaker (NK-10: every phone gets it) without the notes.
    const liu = visible(
      { entityType: "handover", data: roomHandover },
      scopeOfOne(person("liu", "dorm_caretaker")),
      pupilOf,
    ) as typeof roomHandover;
    expect(liu.give.rollCall.exceptions).toEqual([
      { pupilId: "boarderB1", reason: "picked_up" },
      exception("boarderA1"),
    ]);
  });

  it("NK-6: a caretaker gets a class's dismissal that lists a boarder of theirs (CU-7), other pupils' notes taken out", () => {
    const dismissal = { ...roomHandover, kind: "dismissal", group: { kind: "class", classId: "c2" } };
    const liu = scopeOfOne(person("liu", "dorm_caretaker"));
    expect(pupilsToLookUp([{ entityType: "handover", data: dismissal }], liu).sort()).toEqual([
      "boarderA1",
      "boarderB1",
    ]);
    const seen = visible({ entityType: "handover", data: dismissal }, liu, pupilOf) as typeof roomHandover;
    expect(seen.give.rollCall.exceptions).toEqual([
      { pupilId: "boarderB1", reason: "picked_up" },
      exception("boarderA1"),
    ]);
    // The caretaker of building B holds boarderB1: the same record, the other note taken out.
    const sun = visible(
      { entityType: "handover", data: dismissal },
      scopeOfOne(person("sun", "dorm_caretaker")),
      pupilOf,
    );
    expect((sun as typeof roomHandover).give.rollCall.exceptions).toEqual([
      exception("boarderB1"),
      { pupilId: "boarderA1", reason: "picked_up" },
    ]);
  });

  it("NK-6: a class teacher gets a room's roll call that lists their pupil, other pupils' notes taken out", () => {
    const li = scopeOfOne(person("li", "class_teacher"));
    expect(pupilsToLookUp([{ entityType: "handover", data: roomHandover }], li).sort()).toEqual([
      "boarderA1",
      "boarderB1",
    ]);
    const seen = visible({ entityType: "handover", data: roomHandover }, li, pupilOf) as typeof roomHandover;
    expect(seen.give.rollCall.exceptions).toEqual([
      { pupilId: "boarderB1", reason: "picked_up" },
      exception("boarderA1"),
    ]);
    expect(seen.give.rollCall.expected).toEqual(roomHandover.give.rollCall.expected);
  });

  it("NK-10: every phone gets every roll call, the pupils it does not see with their reasons only", () => {
    const resolved = {
      ...roomHandover,
      group: { kind: "room", roomId: "B1" },
      history: [
        { at: "2026-11-30T12:40:00Z", by: "sun", step: "refused_receive", note: "少了周小军" },
        {
          at: "2026-11-30T13:00:00Z",
          by: "sun",
          step: "returned",
          pupilId: "boarderA1",
          note: "从医务室回来",
        },
      ],
      returns: [
        {
          pupilId: "boarderA1",
          at: "2026-11-30T13:00:00Z",
          by: "sun",
          note: "从医务室回来",
          mutationId: "r",
        },
      ],
      resolution: { by: "a", at: "2026-11-30T13:10:00Z", note: "周小军在厕所，已找到" },
    };
    const gate = visible(
      { entityType: "handover", data: resolved },
      scopeOfOne(person("g", "gatekeeper")),
      pupilOf,
    ) as typeof resolved;
    expect(gate.give.rollCall.exceptions).toEqual([
      { pupilId: "boarderB1", reason: "picked_up" },
      { pupilId: "boarderA1", reason: "picked_up" },
    ]);
    expect(gate.give.rollCall.expected).toEqual(resolved.give.rollCall.expected);
    expect(gate.returns.map((r) => r.note)).toEqual([undefined]);
    // Seeing none of its pupils, no note of the hand-over's either (they may name a child).
    expect(gate.history.map((e) => e.note)).toEqual([undefined, undefined]);
    expect(gate.resolution.note).toBe("");
    // The class teacher of boarderA1 (a pupil it lists): that pupil's return note and the
    // hand-over's own notes, the other pupil's exception note taken out.
    const li = visible(
      { entityType: "handover", data: resolved },
      scopeOfOne(person("li", "class_teacher")),
      pupilOf,
    ) as typeof resolved;
    expect(li.history.map((e) => e.note)).toEqual(["少了周小军", "从医务室回来"]);
    expect(li.returns.map((r) => r.note)).toEqual(["从医务室回来"]);
    expect(li.resolution.note).toBe("周小军在厕所，已找到");
    expect(li.give.rollCall.exceptions[0]).toEqual({ pupilId: "boarderB1", reason: "picked_up" });
    // A scope that sees no pupil looks none up: every pupil reads as not seen.
    expect(
      pupilsToLookUp([{ entityType: "handover", data: resolved }], scopeOfOne(person("g", "gatekeeper"))),
    ).toEqual([]);
  });

  it("NK-10: a pupil the phone does not see arrives as a membership record: id, class, boarder, nothing that identifies them", () => {
    const full = {
      id: "boarderB1",
      studentNo: "A-0007",
      name: "周小军",
      gender: "male",
      classId: "c2",
      isBoarder: true,
      dormRoomId: "B1",
      bed: "3号床",
      note: "any field added later",
    };
    const hidden = {
      id: "boarderB1",
      studentNo: "",
      name: "",
      gender: null,
      classId: "c2",
      isBoarder: true,
      dormRoomId: null,
      bed: null,
      isHidden: true,
    };
    for (const who of [
      person("g", "gatekeeper"),
      person("li", "class_teacher"),
      person("liu", "dorm_caretaker"),
    ])
      expect(visible({ entityType: "pupil", data: full }, scopeOfOne(who))).toEqual(hidden);
    // Seen: the record whole, not marked.
    expect(visible({ entityType: "pupil", data: full }, scopeOfOne(person("sun", "dorm_caretaker")))).toBe(
      full,
    );
    expect(visible({ entityType: "pupil", data: full }, scopeOfOne(person("zhou", "class_teacher")))).toBe(
      full,
    );
  });

  it("NK-7: logins only to the admin and the principal; names, roles and phone numbers to all", () => {
    const staff = {
      id: "s",
      login: "zhang",
      name: "张老师",
      roles: ["duty_teacher"],
      phone: "13800000000",
      isActive: true,
    };
    expect(visible({ entityType: "staff", data: staff }, scopeOfOne(person("g", "gatekeeper")))).toEqual({
      ...staff,
      login: "",
    });
    expect(visible({ entityType: "staff", data: staff }, scopeOfOne(person("p", "principal")))).toEqual(
      staff,
    );
  });

  it("NK-8: alerts, hazards, rounds, the roster and summaries go to every phone whole", () => {
    const alert = { id: "al", kind: "unaccounted_pupil", facts: { pupilName: "王小明" } };
    const gate = scopeOfOne(person("g", "gatekeeper"));
    for (const entityType of [
      "alert",
      "hazard",
      "round",
      "dutySlot",
      "weeklySummary",
      "class",
      "dormRoom",
      "area",
    ])
      expect(visible({ entityType, data: alert }, gate)).toBe(alert);
  });

  it("NK-9, NK-10: deletes are worth sending only of types the scope can hold; every scope holds pupils and roll calls", () => {
    expect(canHold("leave", scopeOfOne(person("g", "gatekeeper")))).toBe(false);
    expect(canHold("leave", NOTHING)).toBe(false);
    expect(canHold("leave", scopeOfOne(person("liu", "dorm_caretaker")))).toBe(true);
    expect(canHold("hazard", NOTHING)).toBe(true);
    expect(canHold("pupil", NOTHING)).toBe(true);
    expect(canHold("handover", NOTHING)).toBe(true);
  });
});
