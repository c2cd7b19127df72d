// Bodies no schema can describe safely are refused by the body reader before anything else
// runs (src/server/http/read-body.ts): JSON nested deeper than MAX_JSON_DEPTH, and a NUL
// character anywhere (PostgreSQL text and jsonb cannot hold one), on both stores and every JSON
// endpoint, with a 400 naming the field and nothing written (issue #16, low findings).
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/protocol/limits.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("hostile JSON on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open);
    admin = await TestPhone.login(t, "school-a", "admin");
  });
  afterEach(async () => {
    await t.dispose();
  });

  const mutationCount = async () =>
    Number((await t.store.driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM mutations"))?.n);

  it("a NUL in an id of the path or in the query → 400 naming the path, not 500", async () => {
    for (const [method, path] of [
      ["POST", "/api/v1/admin/staff/a%00b/end-sessions"],
      ["POST", "/api/v1/admin/devices/a%00b/revoke"],
      ["GET", "/api/v1/admin/import/st%00aff/template"],
      ["GET", "/api/v1/reference?x=%00"],
    ] as const) {
      const res = await t.app.request(path, { method, headers: { authorization: `Bearer ${admin.token}` } });
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: "bad_request", field: "path" });
    }
  });

  it("a push nested 10 000 levels deep → 400 naming the field, nothing written", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const m = admin.mutation("class.upsert", {
      entity: { id: ulid(), grade: 2, name: "9班", classTeacherId: null },
    });
    const body = JSON.stringify({
      deviceId: admin.deviceId,
      mutations: [{ ...m, args: { entity: "DEEP" } }],
    }).replace('"DEEP"', deep);
    const res = await t.app.request("/api/v1/sync/push", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
      body,
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string; field?: string };
    expect(answer.error).toBe("too_deep");
    expect(answer.field).toBe(`mutations.0.args.entity${".0".repeat(MAX_JSON_DEPTH - 4)}`);
    expect(answer.message).toMatch(new RegExp(`more than ${MAX_JSON_DEPTH} levels`));
    expect(await mutationCount()).toBe(0);
  });

  it("a NUL character in a pushed name → 400 naming the field, nothing written", async () => {
    const m = admin.mutation("class.upsert", {
      entity: { id: ulid(), grade: 2, name: "9\u0000班", classTeacherId: null },
    });
    const res = await admin.pushRaw([m]);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; field?: string; message: string };
    expect(answer).toMatchObject({ error: "bad_request", field: "mutations.0.args.entity.name" });
    expect(answer.message).toMatch(/NUL/);
    expect(await mutationCount()).toBe(0);
    await admin.pullAll();
    expect([...admin.entities.values()].some((e) => JSON.stringify(e).includes("9班"))).toBe(false);
  });

  it("a NUL character in a key, an alert and a login → 400 naming the field", async () => {
    const key = await admin.pushRaw([admin.mutation("class.upsert", { "en\u0000tity": {} })]);
    expect(key.status).toBe(400);
    expect(((await key.json()) as { field: string }).field).toBe("mutations.0.args");

    const alert = await t.app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({
        deviceId: admin.deviceId,
        alert: {
          alertId: ulid(),
          kind: "unaccounted_pupil",
          subjectId: ulid(),
          message: "张三\u0000未到",
          actorUserId: admin.userId,
          clientCreatedAt: new Date("2026-11-30T12:00:00Z").toISOString(),
        },
      }),
    });
    expect(alert.status).toBe(400);
    expect(((await alert.json()) as { field: string }).field).toBe("alert.message");

    const login = await t.login("school-a", "adm\u0000in");
    expect(login.status).toBe(400);
    expect(((await login.json()) as { field: string }).field).toBe("login");
    const alerts = await t.store.driver.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM entities WHERE entity_type = 'alert'",
    );
    expect(Number(alerts?.n)).toBe(0);
  });
});
