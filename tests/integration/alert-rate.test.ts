// The urgent lane is bounded per device and minute (issue #16, low findings): past
// ALERTS_PER_DEVICE_PER_MINUTE new alerts the answer is 429 rate_limited with Retry-After, the
// count lives in the database (two server processes share it), retries of an alert already
// received are never counted, other devices are not affected, and the next minute starts afresh.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALERTS_PER_DEVICE_PER_MINUTE } from "../../src/protocol/limits.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("alerts per device and minute on %s", (_engine, open) => {
  let t: TestApp;
  let phone: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open);
    // 00:30:10 — fifty seconds of this minute are left.
    t.clock.advanceMs(10_000);
    phone = await TestPhone.login(t, "school-a", "teacher");
  });
  afterEach(async () => {
    await t.dispose();
  });

  const alert = (p: TestPhone, alertId = ulid()) => ({
    deviceId: p.deviceId,
    alert: {
      alertId,
      kind: "unaccounted_pupil",
      subjectId: ulid(),
      message: "有学生未到",
      actorUserId: p.userId,
      clientCreatedAt: t.clock.now().toISOString(),
    },
  });
  const send = (
    p: TestPhone,
    body: ReturnType<typeof alert>,
    app: { request: TestApp["app"]["request"] } = t.app,
  ) =>
    app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${p.token}` },
      body: JSON.stringify(body),
    }) as Promise<Response>;
  const alertsStored = async () =>
    Number(
      (
        await t.store.driver.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM entities WHERE entity_type = 'alert'",
        )
      )?.n,
    );

  it("past the limit: 429 rate_limited with Retry-After to the minute's end; retries are not counted; the next minute goes", async () => {
    const other = await t.anotherServer();
    const sent: Array<ReturnType<typeof alert>> = [];
    for (let i = 0; i < ALERTS_PER_DEVICE_PER_MINUTE; i++) {
      const body = alert(phone);
      sent.push(body);
      // Half through a second server process on the same database: one count.
      const res = await send(phone, body, i % 2 === 0 ? t.app : other);
      expect(res.status).toBe(200);
    }
    const over = alert(phone);
    const refused = await send(phone, over, other);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
    expect(await alertsStored()).toBe(ALERTS_PER_DEVICE_PER_MINUTE);

    // A retry of an alert already received is answered, not counted.
    const retry = await send(phone, sent[0] as ReturnType<typeof alert>);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: "duplicate" });
    // Another device of the school is not held back.
    const colleague = await TestPhone.login(t, "school-a", "admin");
    expect((await send(colleague, alert(colleague))).status).toBe(200);

    t.clock.advanceMs(50_000);
    const later = await send(phone, over);
    expect(later.status).toBe(200);
    expect(await later.json()).toMatchObject({ status: "received" });
  });
});
