// Generated garbage for push and pull never gets a 5xx, never writes, and every answer is
// JSON with a message (issue #3 §4 "Bad input").
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let phone: TestPhone;
beforeAll(async () => {
  t = await createTestApp();
  phone = await TestPhone.login(t, "school-a", "admin");
});
afterAll(async () => {
  await t.dispose();
});

const RAW = "__raw_json__";
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.string({ unit: "binary" }),
  fc.constant("\uD800"),
  fc.constant({ __proto__: { isAdmin: true }, constructor: { prototype: {} } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}}')),
  fc.constant(Array.from({ length: 20_000 }, () => 1)),
  // Deep nesting travels as text, so that fast-check can still print a failing case.
  fc.integer({ min: 1, max: 5000 }).map((depth) => ({ [RAW]: `${"[".repeat(depth)}1${"]".repeat(depth)}` })),
);

const bodies = fc.oneof(
  nasty,
  fc.record({ deviceId: nasty, mutations: nasty }, { requiredKeys: [] }),
  fc.record({ deviceId: nasty, cursor: nasty, limit: nasty }, { requiredKeys: [] }),
  fc.record({
    deviceId: fc.constant("DEVICE"),
    mutations: fc.array(
      fc.record(
        {
          mutationId: nasty,
          deviceSeq: nasty,
          type: nasty,
          typeVersion: nasty,
          args: nasty,
          actorUserId: nasty,
          clientCreatedAt: nasty,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    ),
  }),
);

function serialize(v: unknown): string {
  try {
    return (
      JSON.stringify(v, (_k, x) => (x && typeof x === "object" && RAW in x ? `@@${x[RAW]}@@` : x)) ?? "null"
    ).replace(/"@@(.*?)@@"/g, "$1");
  } catch {
    return String(v);
  }
}

describe("push and pull with generated bad bodies", () => {
  it("answer 4xx JSON naming the problem, never 5xx, and write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies,
        fc.constantFrom("/api/v1/sync/push", "/api/v1/sync/pull"),
        async (body, path) => {
          const text = serialize(body).replaceAll('"DEVICE"', JSON.stringify(phone.deviceId));
          const res = await t.app.request(path, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${phone.token}` },
            body: text,
          });
          expect(res.status, `${path} ${text.slice(0, 200)}`).toBeLessThan(500);
          const answer = (await res.json()) as Record<string, unknown>;
          if (res.status >= 400) expect(typeof answer.message).toBe("string");
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
    const stored = await t.store.driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM mutations");
    expect(Number(stored?.n)).toBe(0);
  });
});
