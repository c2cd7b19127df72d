// Who may send what: a table of mutation type × role generated from the registry, every cell
// checked through the real push path (issue #3 §4 "Authorization").
import { ulid } from "ulidx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/domain/roles.ts";
import { DEFAULT_TIME_SLOTS } from "../../src/domain/time-slots.ts";
import { MUTATIONS, type MutationType } from "../../src/protocol/mutations.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { PASSWORD } from "../support/test-schools.ts";

let t: TestApp;
const phones = new Map<Role, TestPhone>();
let admin: TestPhone;
/** A hazard every role may comment on (hazard.act). */
let hazardId: string;
const PHOTO = "c".repeat(64);

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
    await phone.login(
      `r_${role}`,
      oneTimePasswords.find((o) => o.login === `r_${role}`)?.password ?? PASSWORD,
    );
    phones.set(role, phone);
  }
  hazardId = ulid();
  const report = admin.mutation("hazard.report", hazardReportArgs(hazardId));
  expect((await admin.push([report])).results[0]).toMatchObject({ status: "applied" });
});
afterAll(async () => {
  await t.dispose();
});

/** Valid arguments for each type, so that only the role decides. */
function sampleArgs(type: MutationType): { args: Record<string, unknown>; baseVersion?: number } {
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
          },
        },
      };
    case "hazard.report":
      return { args: hazardReportArgs(id) };
    case "hazard.act":
      return { args: { hazardId, action: { kind: "comment", text: "已看到", photos: [] } } };
    case "day.close":
      return { args: { close: { id, date: "2026-11-30", note: "", carried: [] } } };
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
    const { args, baseVersion } = sampleArgs(type);
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
