// The CSV import and the sync mutations check a field by one rule (src/protocol/fields.ts):
// the same bad value is refused by both doors with the same reason (issue #16, low findings).
// Before, sync took any phone, any length of name, any student number, and an empty name.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("one rule per field on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open);
    admin = await TestPhone.login(t, "school-a", "admin");
  });
  afterEach(async () => {
    await t.dispose();
  });

  /** The reason the CSV import gives for the one problem of its one data row. */
  async function csvReason(kind: string, csv: string): Promise<string> {
    const res = await t.app.request(`/api/v1/admin/import/${kind}`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "text/csv; charset=utf-8" },
      body: csv,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { problems: Array<{ line: number; reason: string }> };
    expect(body.problems).toHaveLength(1);
    return body.problems[0]?.reason ?? "";
  }

  /** The message sync gives for one upsert, without the field path in front. */
  async function syncReason(type: string, entity: Record<string, unknown>, field: string): Promise<string> {
    const res = await admin.push([admin.mutation(type, { entity })]);
    expect(res.results[0]).toMatchObject({ status: "rejected", reason: "invalid_args" });
    const message = res.results[0]?.message ?? "";
    expect(message.startsWith(`entity.${field}: `)).toBe(true);
    return message.slice(`entity.${field}: `.length);
  }

  const staff = (over: Record<string, unknown>) => ({
    id: ulid(),
    login: "newperson",
    name: "新老师",
    roles: ["subject_teacher"],
    phone: null,
    isActive: true,
    ...over,
  });

  it("a bad phone number", async () => {
    const csv = await csvReason("staff", "login,name,roles,phone\nnewperson,新老师,科任教师,12345\n");
    expect(await syncReason("staff.upsert", staff({ phone: "12345" }), "phone")).toBe(csv);
    expect(csv).toMatch(/电话应为 11 位手机号.* \/ a phone number is/);
  });

  it("a name that is too long, and an empty name", async () => {
    const long = "张".repeat(51);
    const csv = await csvReason("staff", `login,name,roles\nnewperson,${long},科任教师\n`);
    expect(await syncReason("staff.upsert", staff({ name: long }), "name")).toBe(csv);
    expect(csv).toMatch(/不能超过 50 个字/);
    const empty = await csvReason("staff", "login,name,roles\nnewperson,,科任教师\n");
    expect(await syncReason("staff.upsert", staff({ name: "  " }), "name")).toBe(empty);
  });

  it("no role", async () => {
    const csv = await csvReason("staff", "login,name,roles\nnewperson,新老师,；\n");
    expect(await syncReason("staff.upsert", staff({ roles: [] }), "roles")).toBe(csv);
    expect(csv).toBe("至少填写一个角色 / at least one role is required");
  });

  it("a NUL character: the CSV names its line, sync its field; nothing is written", async () => {
    const csv = await csvReason("staff", "login,name,roles\nnewperson,新\u0000老师,科任教师\n");
    expect(csv).toMatch(/空字符（NUL）/);
    const res = await admin.pushRaw([
      admin.mutation("staff.upsert", { entity: staff({ name: "新\u0000老师" }) }),
    ]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { field: string }).field).toBe("mutations.0.args.entity.name");
    const written = await t.store.driver.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM staff WHERE login = 'newperson'",
    );
    expect(Number(written?.n)).toBe(0);
  });

  it("a bad login", async () => {
    const csv = await csvReason("staff", "login,name,roles\nx,新老师,科任教师\n");
    expect(await syncReason("staff.upsert", staff({ login: "x" }), "login")).toBe(csv);
  });

  it("a bad student number and a bed name that is too long", async () => {
    const ref = (await (
      await t.app.request("/api/v1/reference", { headers: { authorization: `Bearer ${admin.token}` } })
    ).json()) as { classes: Array<{ id: string; grade: number; name: string }> };
    const cls = ref.classes[0] as { id: string; grade: number; name: string };
    const pupil = (over: Record<string, unknown>) => ({
      id: ulid(),
      studentNo: "P900",
      name: "新同学",
      gender: null,
      classId: cls.id,
      isBoarder: false,
      dormRoomId: null,
      bed: null,
      ...over,
    });
    const header = "student_no,name,grade,class,is_boarder,dorm_room,bed";
    const csv = await csvReason("pupils", `${header}\nP 900,新同学,${cls.grade},${cls.name},否,,\n`);
    expect(await syncReason("pupil.upsert", pupil({ studentNo: "P 900" }), "studentNo")).toBe(csv);
    const bed = "床".repeat(41);
    const bedCsv = await csvReason(
      "pupils",
      `${header}\nP900,新同学,${cls.grade},${cls.name},是,女生1室,${bed}\n`,
    );
    expect(await syncReason("pupil.upsert", pupil({ bed }), "bed")).toBe(bedCsv);
  });

  it("a class name that is too long", async () => {
    const name = `${"一".repeat(20)}班`;
    const csv = await csvReason("classes", `grade,name\n3,${name}\n`);
    const entity = { id: ulid(), grade: 3, name, classTeacherId: null };
    expect(await syncReason("class.upsert", entity, "name")).toBe(csv);
  });
});
