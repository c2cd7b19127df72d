// Who may send what: a table of mutation type × role generated from the registry, every cell
// checked through the real push path (issue #3 §4 "Authorization").
import { ulid } from "ulidx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoverId } from "../../src/domain/handover.ts";
import { ROLES, type Role } from "../../src/domain/roles.ts";
import { dutyDates, dutySlotId } from "../../src/domain/roster.ts";
import { DEFAULT_TIME_SLOTS } from "../../src/domain/time-slots.ts";
import { MUTATIONS, type MutationType } from "../../src/protocol/mutations.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { PASSWORD, summaryInput } from "../support/test-schools.ts";

let t: TestApp;
const phones = new Map<Role, TestPhone>();
let admin: TestPhone;
/** A hazard every role may comment on (hazard.act). */
let hazardId: string;
/** An evening-duty template for roster.generate. */
let templateId: string;
/** A morning duty slot each role holds, to ask a swap of (swap.ask, swap.step). */
const heldSlots = new Map<Role, { id: string; version: number }>();
/**
 * Issue #6: each role is the class teacher of its own class with one boarder (so it may record
 * and cancel that pupil's leave and give the class's dismissal roll call), holds the evening
 * duty of its own date (so it may receive that date's dismissal, HO-2), and has an open
 * unaccounted alert to close (alert.found).
 */
const boarding = new Map<
  Role,
  {
    classId: string;
    pupilId: string;
    eveningDate: string;
    leaveId: string;
    alertId: string;
    /** HO-8: when the role's roll call marking its boarder sick was given (handover.markBack). */
    sickGivenAt?: string;
  }
>();
/** HO-7, HO-8: each role's own roll calls, one disputed, one marking its boarder sick. */
const DISPUTE_DATE = "2027-05-21";
const SICK_DATE = "2027-05-22";
const PHOTO = "c".repeat(64);
/** Past school weeks (the manual clock starts on Monday 2026-11-30) for the summary cells. */
const SAVE_WEEK = "2026-11-23";
const SUBMIT_WEEK = "2026-11-16";
const ADDENDUM_WEEK = "2026-11-09";

beforeAll(async () => {
  t = await createTestApp();
  admin = await TestPhone.login(t, "school-a", "admin");
  const csv = ["login,name,roles", ...ROLES.map((r) => `r_${r},${r},${r}`)].join("\n");
  const res = await t.app.request("/api/v1/admin/import/staff", {
    method: "POST",
    headers: { authorization: `Bearer ${admin.token}`, "content-type": "text/csv" },
    body: csv,
  });
  const { oneTimePasswords } = (await res.json()) as {
    oneTimePasswords: Array<{ login: string; password: string }>;
  };
  for (const role of ROLES) {
    const phone = new TestPhone((p, i) => t.app.request(p, i), "school-a");
    const oneTime = oneTimePasswords.find((o) => o.login === `r_${role}`)?.password ?? PASSWORD;
    await phone.login(`r_${role}`, oneTime);
    await phone.changePassword(oneTime);
    phones.set(role, phone);
  }
  hazardId = ulid();
  const report = admin.mutation("hazard.report", hazardReportArgs(hazardId));
  expect((await admin.push([report])).results[0]).toMatchObject({ status: "applied" });
  await setUpRoster();
  await setUpBoarding();
  await setUpSubmittedSummaries();
});

/**
 * Each role, as its class's teacher, gives two roll calls: one the admin receives with a count
 * that differs (disputed, for handover.resolve) and one marking its boarder sick (markBack).
 */
async function setUpOwnRollCalls() {
  const receives = [];
  for (const role of ROLES) {
    const phone = phones.get(role) as TestPhone;
    const b = boarding.get(role) as NonNullable<ReturnType<typeof boarding.get>>;
    const group = { kind: "class" as const, classId: b.classId };
    const rollCall = (date: string, sick: boolean) =>
      phone.mutation("handover.give", {
        handover: {
          id: handoverId(date, "dismissal", group),
          date,
          kind: "dismissal",
          group,
          rollCall: {
            expected: [b.pupilId],
            onLeave: [],
            exceptions: sick ? [{ pupilId: b.pupilId, reason: "sick" }] : [],
          },
          alertIds: [],
          // Who may is the question here, not when (roll-call-windows.ts RW-3).
          outsideWindow: { reason: "权限测试 / permission test" },
        },
      });
    const given = await phone.push([rollCall(DISPUTE_DATE, false), rollCall(SICK_DATE, true)]);
    expect(given.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    await phone.pullAll();
    const sick = phone.entity("handover", handoverId(SICK_DATE, "dismissal", group))?.data as {
      give: { at: string };
    };
    b.sickGivenAt = sick.give.at;
    receives.push(
      admin.mutation("handover.receive", {
        handover: {
          id: handoverId(DISPUTE_DATE, "dismissal", group),
          date: DISPUTE_DATE,
          kind: "dismissal",
          group,
          count: 0,
          confirmedOn: "own_phone",
        },
      }),
    );
  }
  const res = await admin.push(receives);
  expect(res.results.map((r) => r.status)).toEqual(receives.map(() => "applied"));
}

/** WS-2: an addendum needs a submitted summary; the admin submits one for each role's class. */
async function setUpSubmittedSummaries() {
  const submits = [...boarding.values()].map((b) =>
    admin.mutation("summary.submit", { summary: summaryInput(b.classId, ADDENDUM_WEEK, "本周平安") }),
  );
  const res = await admin.push(submits);
  expect(res.results.map((r) => r.status)).toEqual(submits.map(() => "applied"));
}

async function setUpBoarding() {
  const roomId = t.schools.a.dormRooms[0]?.id as string;
  const dates = dutyDates("evening", "2027-03-01", "2027-04-30", { schoolDays: [1, 2, 3, 4, 5] });
  const setUp = ROLES.flatMap((role, i) => {
    const holder = phones.get(role) as TestPhone;
    const b = {
      classId: ulid(),
      pupilId: ulid(),
      eveningDate: dates[i] as string,
      leaveId: ulid(),
      alertId: ulid(),
    };
    boarding.set(role, b);
    const slotScope = { kind: "campus" } as const;
    return [
      admin.mutation("class.upsert", {
        entity: { id: b.classId, grade: 4, name: `${role}班`, classTeacherId: holder.userId },
      }),
      admin.mutation("pupil.upsert", {
        entity: {
          id: b.pupilId,
          studentNo: `B-${i}`,
          name: `寄宿生${i}`,
          gender: null,
          classId: b.classId,
          isBoarder: true,
          dormRoomId: roomId,
          bed: `${i + 1}`,
        },
      }),
      admin.mutation("roster.assign", {
        slot: {
          id: dutySlotId(b.eveningDate, "evening", slotScope),
          date: b.eveningDate,
          kind: "evening",
          scope: slotScope,
        },
        staffIds: [holder.userId],
      }),
      admin.mutation("leave.record", {
        leave: { id: b.leaveId, pupilId: b.pupilId, from: "2027-05-10", to: "2027-05-11", note: "回家" },
      }),
    ];
  });
  const res = await admin.push(setUp);
  expect(res.results.map((r) => r.status)).toEqual(setUp.map(() => "applied"));
  await setUpOwnRollCalls();
  for (const b of boarding.values()) {
    const alert = await t.app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({
        deviceId: admin.deviceId,
        alert: {
          alertId: b.alertId,
          kind: "unaccounted_pupil",
          subjectId: b.pupilId,
          message: "学生下落不明",
          actorUserId: admin.userId,
          clientCreatedAt: new Date().toISOString(),
        },
      }),
    });
    expect(alert.status).toBe(200);
  }
}

/** A template, and one morning slot for each role (the school has no terms: weekdays count). */
async function setUpRoster() {
  templateId = ulid();
  const template = admin.mutation("rosterTemplate.upsert", {
    entity: {
      id: templateId,
      name: "晚值日轮换",
      kind: "evening",
      scope: { kind: "campus" },
      pattern: { mode: "rotation", staffIds: [admin.userId], perDay: 1 },
      isActive: true,
    },
  });
  const dates = dutyDates("morning", "2026-12-01", "2027-01-31", { schoolDays: [1, 2, 3, 4, 5] });
  const assigns = ROLES.map((role, i) => {
    const date = dates[i] as string;
    const id = dutySlotId(date, "morning", { kind: "campus" });
    heldSlots.set(role, { id, version: 1 });
    const holder = phones.get(role) as TestPhone;
    return admin.mutation("roster.assign", {
      slot: { id, date, kind: "morning", scope: { kind: "campus" } },
      staffIds: [holder.userId],
    });
  });
  const res = await admin.push([template, ...assigns]);
  expect(res.results.map((r) => r.status)).toEqual([template, ...assigns].map(() => "applied"));
}

/** The class teacher of the small school: a colleague no role phone is. */
function colleagueId() {
  const teacher = t.schools.a.staff.find((s) => s.login === "teacher");
  if (!teacher) throw new Error("the small school has no teacher");
  return teacher.id;
}

/** A swap of the role's own slot, asked from its phone (for the swap.step cell to cancel). */
async function askSwapAs(role: Role, phone: TestPhone): Promise<string> {
  const { args } = sampleArgs("swap.ask", role);
  const res = await phone.push([phone.mutation("swap.ask", args)]);
  expect(res.results[0]).toMatchObject({ status: "applied" });
  return (args.swap as { id: string }).id;
}
afterAll(async () => {
  await t.dispose();
});

/** Valid arguments for each type, so that only the role decides. */
function sampleArgs(
  type: MutationType,
  role: Role,
  swapId = "",
): { args: Record<string, unknown>; baseVersion?: number } {
  const id = ulid();
  switch (type) {
    case "school.updateSettings":
      return {
        args: {
          schoolId: t.schools.a.school.id,
          settings: { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS },
        },
        baseVersion: 1,
      };
    case "staff.upsert":
      return {
        args: {
          entity: {
            id,
            login: `new${id.slice(-6).toLowerCase()}`,
            name: "新人",
            roles: ["subject_teacher"],
            phone: null,
            isActive: true,
          },
        },
      };
    case "class.upsert":
      return { args: { entity: { id, grade: 5, name: `${id.slice(-4)}班`, classTeacherId: null } } };
    case "dormRoom.upsert":
      return {
        args: { entity: { id, name: `寝室${id.slice(-4)}`, building: "宿舍楼", gender: null, capacity: 60 } },
      };
    case "pupil.upsert":
      return {
        args: {
          entity: {
            id,
            studentNo: id,
            name: "学生",
            gender: null,
            classId: t.schools.a.classes[0]?.id,
            isBoarder: false,
            dormRoomId: null,
            bed: null,
          },
        },
      };
    case "area.upsert":
      return {
        args: {
          entity: {
            id,
            name: "新区域",
            kind: "campus",
            responsibleStaffId: null,
            parentAreaId: null,
            classId: null,
          },
        },
      };
    case "checklistItem.upsert":
      return {
        args: {
          entity: {
            id,
            areaKind: "campus",
            position: 99,
            labelZh: "新项",
            labelEn: "New",
            whyZh: "原因",
            whyEn: "Why",
            isActive: true,
          },
        },
      };
    case "round.record":
      return {
        args: {
          round: {
            id,
            areaId: t.schools.a.areas[0]?.id,
            round: "noon",
            date: "2026-11-30",
            items: [],
            note: "",
            photos: [],
            hazardIds: [],
            // Who may record is the question here, not when (rounds.ts RD-7).
            outsideWindow: { reason: "权限测试 / permission test" },
          },
        },
      };
    case "hazard.report":
      return { args: hazardReportArgs(id) };
    case "hazard.act":
      return { args: { hazardId, action: { kind: "comment", text: "已看到", photos: [] } } };
    case "day.close":
      return { args: { close: { id, date: "2026-11-30", note: "", carried: [] } } };
    case "rosterTemplate.upsert":
      return {
        args: {
          entity: {
            id,
            name: "中午值日",
            kind: "noon",
            scope: { kind: "campus" },
            pattern: { mode: "weekly", byWeekday: { "1": [admin.userId] } },
            isActive: true,
          },
        },
      };
    case "timetable.upsert": {
      const classId = t.schools.a.classes[0]?.id;
      return {
        args: {
          entity: {
            id: classId,
            classId,
            entries: [{ weekday: 1, period: 1, subjectTeacherId: admin.userId }],
          },
        },
      };
    }
    case "roster.generate": {
      const scope = { kind: "campus" };
      const slot = (date: string) => ({
        id: dutySlotId(date, "evening", { kind: "campus" }),
        date,
        kind: "evening",
        scope,
        staffIds: [admin.userId],
        templateId,
      });
      return {
        args: { from: "2026-12-01", to: "2026-12-02", slots: [slot("2026-12-01"), slot("2026-12-02")] },
      };
    }
    case "roster.assign": {
      const date = "2027-02-01";
      return {
        args: {
          slot: {
            id: dutySlotId(date, "noon", { kind: "campus" }),
            date,
            kind: "noon",
            scope: { kind: "campus" },
          },
          staffIds: [admin.userId],
        },
      };
    }
    case "swap.ask": {
      const give = heldSlots.get(role) as { id: string; version: number };
      return {
        args: {
          swap: {
            id,
            counterpartId: colleagueId(),
            give: { slotId: give.id, version: give.version },
            take: null,
            reason: "家里有事",
          },
        },
      };
    }
    case "swap.step":
      return { args: { swapId, step: "cancel" } };
    case "leave.record": {
      const b = boarding.get(role);
      return {
        args: { leave: { id, pupilId: b?.pupilId, from: "2027-06-01", to: "2027-06-02", note: "看病" } },
      };
    }
    case "leave.cancel":
      return { args: { leaveId: boarding.get(role)?.leaveId } };
    case "handover.give": {
      // The role's own class, as its class teacher (a different date from the receive cell).
      const group = { kind: "class" as const, classId: boarding.get(role)?.classId as string };
      const date = "2027-05-20";
      return {
        args: {
          handover: {
            id: handoverId(date, "dismissal", group),
            date,
            kind: "dismissal",
            group,
            rollCall: { expected: [boarding.get(role)?.pupilId], onLeave: [], exceptions: [] },
            alertIds: [],
            // Who may give is the question here, not when (roll-call-windows.ts RW-3).
            outsideWindow: { reason: "权限测试 / permission test" },
          },
        },
      };
    }
    case "handover.receive": {
      // HO-2: the role holds the evening duty of its date, so the roster names it receiver.
      const b = boarding.get(role);
      const group = { kind: "class" as const, classId: b?.classId as string };
      const date = b?.eveningDate as string;
      return {
        args: {
          handover: {
            id: handoverId(date, "dismissal", group),
            date,
            kind: "dismissal",
            group,
            count: 1,
            confirmedOn: "own_phone",
          },
        },
      };
    }
    case "handover.withdraw": {
      // HO-6: the role's own roll call of the handover.give cell, not received.
      const group = { kind: "class" as const, classId: boarding.get(role)?.classId as string };
      return { args: { handover: { id: handoverId("2027-05-20", "dismissal", group) } } };
    }
    case "handover.resolve": {
      const group = { kind: "class" as const, classId: boarding.get(role)?.classId as string };
      return {
        args: { handover: { id: handoverId(DISPUTE_DATE, "dismissal", group), note: "已核实：少数一人" } },
      };
    }
    case "handover.markBack": {
      const b = boarding.get(role);
      const group = { kind: "class" as const, classId: b?.classId as string };
      return {
        args: {
          handover: {
            id: handoverId(SICK_DATE, "dismissal", group),
            pupilId: b?.pupilId,
            at: b?.sickGivenAt,
          },
        },
      };
    }
    case "alert.found":
      return {
        args: {
          found: { alertId: boarding.get(role)?.alertId, where: "医务室", at: new Date().toISOString() },
        },
      };
    // Issue #7: each role's own class (as its class teacher), a past week per type so the cells
    // do not depend on each other; the addendum's week was submitted by the admin beforehand.
    case "summary.save":
      return {
        args: { summary: summaryInput(boarding.get(role)?.classId as string, SAVE_WEEK, "本周平安") },
      };
    case "summary.submit":
      return {
        args: { summary: summaryInput(boarding.get(role)?.classId as string, SUBMIT_WEEK, "本周平安") },
      };
    case "summary.addendum":
      return {
        args: {
          summaryId: summaryInput(boarding.get(role)?.classId as string, ADDENDUM_WEEK, "").id,
          text: "补充：周五一名学生扭伤脚踝",
        },
      };
    case "summary.remind":
      return {
        args: {
          reminder: { id, weekStart: SAVE_WEEK, classIds: [boarding.get(role)?.classId], note: "请尽快提交" },
        },
      };
    // The month's commendation: a past month, the role's own class (as its class teacher).
    case "commendation.mark":
      return {
        args: {
          mark: { month: "2026-10", classId: boarding.get(role)?.classId, commended: true, citation: "" },
        },
      };
    case "commendation.guardians":
      return {
        args: { guardians: { month: "2026-10", classId: boarding.get(role)?.classId, pupilIds: [] } },
      };
    case "education.record":
      // The weekly lesson of the role's own class: every role may, as that class's teacher.
      return {
        args: {
          record: {
            id,
            kind: "weeklyLesson",
            date: "2026-11-30",
            classId: boarding.get(role)?.classId,
            topic: "防溺水",
            note: "",
            photos: [],
          },
        },
      };
  }
}

function hazardReportArgs(id: string) {
  return {
    hazard: {
      id,
      areaId: t.schools.a.areas[0]?.id,
      place: "窗台",
      severity: "general",
      description: "窗户插销松动",
      photos: [],
      roundId: null,
      checklistItemId: null,
      assigneeId: null,
      alertId: null,
      deadline: new Date().toISOString(),
    },
  };
}

/**
 * DC-1: the day closes only when no open hazard lacks control and a night owner. The
 * hazard.report cells leave open hazards behind; the admin fixes them so that only the role
 * decides the day.close cells.
 */
async function rectifyOpenHazards() {
  await admin.pullAll();
  const open = [...admin.entities.entries()]
    .filter(([key]) => key.startsWith("hazard/"))
    .map(([, e]) => e.data as { id: string; state: string })
    .filter((h) => h.state === "reported" || h.state === "assigned" || h.state === "controlled");
  const steps = open.map((h) =>
    admin.mutation("hazard.act", {
      hazardId: h.id,
      action: { kind: "rectify", from: h.state, text: "已整改", photos: [PHOTO] },
    }),
  );
  if (steps.length === 0) return;
  const res = await admin.push(steps);
  expect(res.results.map((r) => r.status)).toEqual(steps.map(() => "applied"));
}

const cells = (Object.keys(MUTATIONS) as MutationType[]).flatMap((type) =>
  ROLES.map((role) => [type, role] as const),
);

describe("mutation type × role", () => {
  it.each(cells)("%s sent by a %s", async (type, role) => {
    const phone = phones.get(role) as TestPhone;
    // Everyone may step a swap; cancelling one's own is the step any role can take.
    const swapId = type === "swap.step" ? await askSwapAs(role, phone) : "";
    const { args, baseVersion } = sampleArgs(type, role, swapId);
    const extra = baseVersion === undefined ? {} : { baseVersion };
    if (type === "day.close") await rectifyOpenHazards();
    // The settings version moves on every success, so read it first.
    if (type === "school.updateSettings") {
      await phone.pullAll();
      (extra as { baseVersion: number }).baseVersion =
        phone.entity("school", t.schools.a.school.id)?.version ?? 1;
    }
    const res = await phone.push([phone.mutation(type, args, extra)]);
    const mayDo = (MUTATIONS[type].roles as readonly Role[]).includes(role);
    if (mayDo) expect(res.results[0]).toMatchObject({ status: "applied" });
    else expect(res.results[0]).toMatchObject({ status: "rejected", reason: "forbidden" });
  });
});
