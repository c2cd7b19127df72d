// The hazard page as data: the buttons each person gets (HZ-S8 through availableActions), the
// timeline with pending / refused / repeated steps (HZ-S1, HZ-S2), the domain's refusals in the
// school's words, the escalation ladder (HZ-E1) with its people, and the school-time field.
import { afterEach, describe, expect, it } from "vitest";
import {
  applyHazardAction,
  type Hazard,
  type HazardAction,
  type HazardActor,
  newHazard,
} from "../../../domain/hazard-machine.ts";
import { rosterLookup } from "../../../domain/responsible.ts";
import type { DutySlot } from "../../../domain/roster.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import type { Timetable } from "../../../domain/timetable.ts";
import type { Area, SchoolClass, Staff } from "../../../protocol/reference.ts";
import { setLang } from "../../ui/i18n.ts";
import { caretakerSuggestions } from "../../ui/staff-picker.tsx";
import {
  actionButtons,
  assigneeSuggestions,
  ladder,
  ladderPeople,
  onDutyNow,
  parseLocalDateTime,
  refusalText,
  timelineRows,
  toLocalDateTime,
} from "./hazard-model.ts";

const at = (local: string) => new Date(`${local}:00+08:00`);
const PHOTO = "a".repeat(64);
/** The photo of the hazard as found (never its "after" photo, HZ-S3). */
const FOUND_PHOTO = "f".repeat(64);
const TZ = "Asia/Shanghai";

const staff = [
  ["admin", "刘志华", ["admin"]],
  ["principal", "陈建平", ["principal"]],
  ["dean", "张丽君", ["department_head"]],
  ["grade1", "李一", ["grade_leader", "class_teacher"]],
  ["grade2", "李二", ["grade_leader", "class_teacher"]],
  ["t101", "王老师", ["class_teacher", "duty_teacher"]],
  ["fixer", "周永红", ["area_responsible"]],
  ["care1", "赵阿姨", ["dorm_caretaker"]],
  ["care2", "钱阿姨", ["dorm_caretaker"]],
  ["other", "孙老师", ["subject_teacher"]],
].map(
  ([id, name, roles]) => ({ id, name, roles, login: id, phone: null, isActive: true }) as unknown as Staff,
);

const classes = [
  { id: "c11", grade: 1, name: "1班", classTeacherId: "t101" },
  { id: "c12", grade: 1, name: "2班", classTeacherId: "grade1" },
  { id: "c21", grade: 2, name: "1班", classTeacherId: "grade2" },
] as unknown as SchoolClass[];

const areas = [
  {
    id: "stairs",
    name: "教学楼楼梯",
    kind: "campus",
    responsibleStaffId: "fixer",
    parentAreaId: null,
    classId: null,
  },
  {
    id: "room11",
    name: "一年级1班教室",
    kind: "classroom",
    responsibleStaffId: null,
    parentAreaId: null,
    classId: "c11",
  },
] as unknown as Area[];

const dir = {
  staff,
  classes,
  areaById: new Map(areas.map((a) => [a.id as string, a])),
  classById: new Map(classes.map((c) => [c.id as string, c])),
};

const actor = (id: string): HazardActor => ({
  id,
  roles: staff.find((s) => s.id === id)?.roles ?? [],
});

function reported(areaId = "stairs", assigneeId: string | null = "fixer"): Hazard {
  return newHazard(
    {
      id: "h1",
      areaId,
      place: "二楼",
      severity: "general",
      description: "扶手松动",
      photos: [FOUND_PHOTO],
      roundId: null,
      checklistItemId: null,
      assigneeId,
      alertId: null,
    },
    { id: "m-report", by: "t101", foundAt: at("2026-11-30T09:00"), deadline: at("2026-11-30T20:30") },
  );
}

function step(hazard: Hazard, action: HazardAction, by: string, id: string, when = "2026-11-30T15:00") {
  const out = applyHazardAction(hazard, action, {
    id,
    actor: actor(by),
    at: at(when),
    context: { areaResponsibleId: "fixer" },
    checkPermission: true,
  });
  if (out.outcome === "forbidden" || out.outcome === "invalid") throw new Error(out.message);
  return out;
}

afterEach(() => setLang("zh"));

describe("the buttons on a hazard's page", () => {
  it("[HZ-S8] the assignee sees rectify first, then control and the everyday extras", () => {
    const kinds = actionButtons(reported(), actor("fixer"), "fixer");
    expect(kinds.map((b) => b.kind)).toEqual(["rectify", "control", "assign", "raiseSeverity", "comment"]);
    expect(kinds.filter((b) => b.isPrimary).map((b) => b.kind)).toEqual(["rectify"]);
  });

  it("[HZ-S8] someone else on the staff may control, comment or raise the severity, nothing more", () => {
    expect(actionButtons(reported(), actor("other"), "fixer").map((b) => b.kind)).toEqual([
      "control",
      "raiseSeverity",
      "comment",
    ]);
  });

  it("[HZ-S4] the reporter verifies a rectified hazard; whoever rectified it may not", () => {
    const rectified = step(
      reported(),
      { kind: "rectify", from: "assigned", text: "", photos: [PHOTO] },
      "fixer",
      "m2",
    ).hazard;
    const reporter = actionButtons(rectified, actor("t101"), "fixer");
    expect(reporter.map((b) => b.kind)).toEqual(["close", "reopen", "raiseSeverity", "comment"]);
    expect(reporter[0]?.isPrimary).toBe(true);
    expect(actionButtons(rectified, actor("fixer"), "fixer").map((b) => b.kind)).not.toContain("close");
  });

  it("[HZ-S7] an admin sets a new deadline only under interim control; a critical hazard has no raise button", () => {
    const controlled = step(
      reported(),
      { kind: "control", from: "assigned", text: "警戒线", photos: [PHOTO] },
      "other",
      "m2",
    ).hazard;
    expect(actionButtons(controlled, actor("admin"), "fixer").map((b) => b.kind)).toContain("setDeadline");
    expect(actionButtons(reported(), actor("admin"), "fixer").map((b) => b.kind)).not.toContain(
      "setDeadline",
    );
    const critical = { ...controlled, severity: "critical" as const };
    expect(actionButtons(critical, actor("admin"), "fixer").map((b) => b.kind)).not.toContain(
      "raiseSeverity",
    );
  });

  it("[HZ-S8] the duty teacher names the night owner", () => {
    expect(actionButtons(reported(), actor("t101"), "fixer").map((b) => b.kind)).toContain("setNightOwner");
  });
});

describe("the history", () => {
  it("[HZ-S1, HZ-S2] marks pending steps, refused attempts with their reason, and repeats", () => {
    let h = reported();
    h = step(
      h,
      { kind: "rectify", from: "assigned", text: "已加固", photos: [PHOTO] },
      "fixer",
      "m-rectify",
    ).hazard;
    h = step(
      h,
      { kind: "rectify", from: "assigned", text: "也修了", photos: [PHOTO] },
      "admin",
      "m-repeat",
    ).hazard;
    h = step(
      h,
      { kind: "control", from: "assigned", text: "警戒线", photos: [PHOTO] },
      "other",
      "m-late",
    ).hazard;
    const rows = timelineRows(h, new Set(["m-report", "m-late"]));
    expect(rows.map((r) => [r.kind, r.isPending, r.isRepeat, Boolean(r.refused)])).toEqual([
      ["report", true, false, false],
      ["assign", true, false, false], // made with the report: pending with it
      ["rectify", false, false, false],
      ["rectify", false, true, false],
      ["control", true, false, true],
    ]);
    expect(rows[4]?.refused).toBe("临时管控：隐患已是“已整改待验收”，不是“整改中”（别人先处理了）");
    expect(rows[2]).toMatchObject({
      from: "assigned",
      to: "rectified",
      text: "已加固",
      photos: [PHOTO],
      by: "fixer",
    });
  });
});

describe("the domain's refusals in the school's words", () => {
  const tryStep = (h: Hazard, action: HazardAction, by: string) => {
    const out = applyHazardAction(h, action, {
      id: "x",
      actor: actor(by),
      at: at("2026-11-30T15:00"),
      context: { areaResponsibleId: "fixer" },
      checkPermission: true,
    });
    if (out.outcome === "applied" || out.outcome === "repeat") throw new Error("expected a refusal");
    return refusalText(out.message);
  };

  it("says what is missing, who may act, and why a step no longer fits", () => {
    const h = reported();
    expect(tryStep(h, { kind: "rectify", from: "assigned", text: "", photos: [] }, "fixer")).toBe(
      "整改完成需要一张整改后的照片",
    );
    expect(tryStep(h, { kind: "control", from: "assigned", text: " ", photos: [PHOTO] }, "fixer")).toBe(
      "请填写临时管控措施",
    );
    expect(tryStep(h, { kind: "control", from: "assigned", text: "警戒线", photos: [] }, "fixer")).toBe(
      "临时管控需要一张现场照片",
    );
    expect(tryStep(h, { kind: "rectify", from: "assigned", text: "", photos: [PHOTO] }, "other")).toBe(
      "只有整改责任人、区域责任人、总务主任可以整改完成",
    );
    expect(tryStep(h, { kind: "close", from: "assigned" }, "admin")).toBe("隐患处于“整改中”时不能验收关闭");
    expect(tryStep(h, { kind: "close", from: "rectified" }, "admin")).toBe(
      "验收关闭：隐患已是“整改中”，不是“已整改待验收”（别人先处理了）",
    );
    const rectified = step(
      h,
      { kind: "rectify", from: "assigned", text: "", photos: [PHOTO] },
      "admin",
      "m2",
    ).hazard;
    expect(tryStep(rectified, { kind: "close", from: "rectified" }, "admin")).toBe(
      "整改人不能验收自己整改的隐患，应由上报人或总务主任验收",
    );
    const controlled = step(
      h,
      { kind: "control", from: "assigned", text: "警戒线", photos: [PHOTO] },
      "other",
      "m3",
    ).hazard;
    expect(
      tryStep(
        controlled,
        { kind: "setDeadline", deadline: at("2026-11-30T10:00").toISOString(), text: "" },
        "admin",
      ),
    ).toBe("新的整改期限必须晚于现在");
    expect(tryStep(rectified, { kind: "reopen", from: "rectified", text: " " }, "t101")).toBe(
      "请说明重新打开的原因",
    );
  });

  it("speaks English too, and passes an unknown message through", () => {
    setLang("en");
    expect(refusalText("rectify: an “after” photo is required")).toBe("Rectifying needs an “after” photo");
    expect(refusalText("something new")).toBe("something new");
    expect(
      refusalText("rectify: the “after” photo must show the fix, not the photo of the hazard as found"),
    ).toBe("The “after” photo must show the fix, not the hazard as it was found");
  });
});

describe("the escalation ladder", () => {
  it("[HZ-E1] names the people on each rung: a classroom climbs to its grade leader", () => {
    const people = ladderPeople(reported("room11"), dir);
    expect(people).toEqual({
      area_responsible: ["王老师"],
      grade_or_department: ["李一"],
      general_affairs: ["刘志华"],
      principal: ["陈建平"],
    });
    expect(ladderPeople(reported("stairs"), dir).grade_or_department).toEqual(["张丽君"]);
    expect(ladderPeople(reported("stairs"), dir).area_responsible).toEqual(["周永红"]);
  });

  it("[HZ-E1] marks the rungs reached by now while the hazard is open, none once rectified", () => {
    const h = reported();
    const rungs = ladder(h, dir, [0, 60, 120, 240], at("2026-11-30T21:45"));
    expect(rungs.map((r) => [r.level, r.isReached])).toEqual([
      ["area_responsible", true],
      ["grade_or_department", true],
      ["general_affairs", false],
      ["principal", false],
    ]);
    expect(rungs[1]?.at.toISOString()).toBe(at("2026-11-30T21:30").toISOString());
    const fixed = step(
      h,
      { kind: "rectify", from: "assigned", text: "", photos: [PHOTO] },
      "fixer",
      "m2",
    ).hazard;
    expect(ladder(fixed, dir, [0, 60, 120, 240], at("2026-12-01T09:00")).some((r) => r.isReached)).toBe(
      false,
    );
  });
});

describe("the escalation ladder starts with whoever is on duty now (issue #5: the current slot holder first)", () => {
  // 2026-11-30 is a Monday, 2026-12-05 a Saturday; the term runs all of it.
  const settings = effectiveSettings({
    timeZone: TZ,
    timeSlots: DEFAULT_TIME_SLOTS,
    terms: [{ id: "01KTERM0000000000000000000", name: "秋季学期", start: "2026-09-01", end: "2027-01-20" }],
  });
  const slot = (date: string, kind: DutySlot["kind"], staffIds: string[], scope = { kind: "campus" }) =>
    ({
      id: `${date}|${kind}|${scope.kind === "campus" ? "campus" : "building:宿舍楼"}`,
      date,
      kind,
      scope,
      staffIds,
      source: "generated",
      templateId: null,
      history: [],
    }) as DutySlot;
  const roster = rosterLookup([
    slot("2026-11-30", "evening", ["t101", "other"]),
    slot("2026-11-30", "night", ["care1"], { kind: "building", building: "宿舍楼" } as never),
    slot("2026-11-30", "noon", []),
    slot("2026-12-05", "holiday", ["admin"]),
  ]);
  const timetables = new Map<string, Timetable>([
    ["c11", { id: "c11", classId: "c11", entries: [{ weekday: 1, period: 2, subjectTeacherId: "other" }] }],
  ]);
  const names = (rungs: ReturnType<typeof ladder>) => rungs.map((r) => [r.level, r.people]);

  it("[RN-2] in the evening slot: the evening duty teachers, until bedtime, before the area's responsible person", () => {
    const now = at("2026-11-30T21:00");
    const onDuty = onDutyNow(reported(), dir, settings, roster, timetables, at("2026-11-30T18:00"));
    expect(onDuty).toEqual({ staffIds: ["t101", "other"], until: at("2026-11-30T20:30"), note: undefined });
    const rungs = ladder(reported(), dir, [0, 60, 120, 240], now, onDuty);
    expect(names(rungs)).toEqual([
      ["on_duty", ["王老师", "孙老师"]],
      ["area_responsible", ["周永红"]],
      ["grade_or_department", ["张丽君"]],
      ["general_affairs", ["刘志华"]],
      ["principal", ["陈建平"]],
    ]);
    // Reached at the deadline itself (20:30), like the first rung of the network.
    expect(rungs[0]).toMatchObject({ at: at("2026-11-30T20:30"), isReached: true });
    expect(rungs[0]?.until?.toISOString()).toBe(at("2026-11-30T20:30").toISOString());
  });

  it("[RN-2] at night the caretakers on duty; on a weekend the holiday duty", () => {
    expect(
      onDutyNow(reported(), dir, settings, roster, timetables, at("2026-12-01T02:00"))?.staffIds,
    ).toEqual(["care1"]);
    const saturday = onDutyNow(reported(), dir, settings, roster, timetables, at("2026-12-05T10:00"));
    expect(saturday?.staffIds).toEqual(["admin"]);
    expect(saturday?.until.toISOString()).toBe(at("2026-12-06T06:30").toISOString());
  });

  it("[RN-3] in class time a classroom's hazard goes to its class teacher and the period's subject teacher", () => {
    const period2 = at("2026-11-30T09:10");
    expect(onDutyNow(reported("room11"), dir, settings, roster, timetables, period2)?.staffIds).toEqual([
      "t101",
      "other",
    ]);
    expect(onDutyNow(reported("stairs"), dir, settings, roster, timetables, period2)).toMatchObject({
      staffIds: [],
      note: "classTime",
    });
  });

  it("[RN-6] a slot nobody holds shows as a gap, not as nobody; in the vacation there is no such rung", () => {
    const gap = onDutyNow(reported(), dir, settings, roster, timetables, at("2026-11-30T12:30"));
    expect(gap).toMatchObject({ staffIds: [], note: "gap" });
    expect(ladder(reported(), dir, [0, 60, 120, 240], at("2026-11-30T12:30"), gap)[0]).toMatchObject({
      level: "on_duty",
      people: [],
      note: "gap",
      isReached: false,
    });
    expect(onDutyNow(reported(), dir, settings, roster, timetables, at("2027-02-10T10:00"))).toBeUndefined();
    expect(ladder(reported(), dir, [0, 60, 120, 240], at("2027-02-10T10:00"))[0]?.level).toBe(
      "area_responsible",
    );
  });
});

describe("suggested people and the school-time field", () => {
  it("suggests the area's responsible person (a classroom: its class teacher), then the general-affairs head", () => {
    expect(assigneeSuggestions(reported("stairs", null), dir).map((s) => s.staffId)).toEqual([
      "fixer",
      "admin",
    ]);
    expect(assigneeSuggestions(reported("room11", null), dir).map((s) => s.staffId)).toEqual([
      "t101",
      "admin",
    ]);
    expect(caretakerSuggestions(dir.staff).map((s) => s.staffId)).toEqual(["care1", "care2"]);
  });

  it("reads a date-time as the school's wall clock, whatever the phone's zone", () => {
    expect(parseLocalDateTime("2026-11-30T21:30", TZ)?.toISOString()).toBe("2026-11-30T13:30:00.000Z");
    expect(parseLocalDateTime("2026-02-30T21:30", TZ)).toBeUndefined();
    expect(parseLocalDateTime("", TZ)).toBeUndefined();
    expect(toLocalDateTime(new Date("2026-11-30T13:30:00Z"), TZ)).toBe("2026-11-30T21:30");
  });
});
