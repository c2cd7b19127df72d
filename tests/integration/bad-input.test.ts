// Bad input anywhere gets a clear JSON error naming what is wrong, and nothing is written
// (issue #2 §2). Also: headers every answer carries.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.dispose();
});

const post = (
  path: string,
  body: string,
  headers: Record<string, string> = { "content-type": "application/json" },
) => t.app.request(path, { method: "POST", headers, body });

async function expectError(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as any;
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe("string");
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+|SELECT |INSERT |sqlite|node_modules/i);
  return body;
}

describe("malformed requests", () => {
  it("malformed JSON → 400 malformed_json", async () => {
    await expectError(await post("/api/v1/auth/login", '{"school": "school-a", '), 400, "malformed_json");
  });

  it("a missing field → 400 naming it", async () => {
    const body = await expectError(
      await post("/api/v1/auth/login", JSON.stringify({ school: "school-a", password: "x" })),
      400,
      "bad_request",
    );
    expect(body.field).toBe("login");
    expect(body.message).toMatch(/^login: /);
  });

  it("a wrong type → 400 naming it", async () => {
    const body = await expectError(
      await post("/api/v1/auth/login", JSON.stringify({ school: "school-a", login: 42, password: PASSWORD })),
      400,
      "bad_request",
    );
    expect(body.field).toBe("login");
  });

  it("a malformed device id → 400 naming deviceId", async () => {
    const body = await expectError(
      await post(
        "/api/v1/auth/login",
        JSON.stringify({ school: "school-a", login: "admin", password: PASSWORD, deviceId: "phone-1" }),
      ),
      400,
      "bad_request",
    );
    expect(body.field).toBe("deviceId");
  });

  it("a JSON array instead of an object → 400", async () => {
    await expectError(await post("/api/v1/auth/login", "[]"), 400, "bad_request");
  });

  it("the wrong content type → 415", async () => {
    await expectError(
      await post("/api/v1/auth/login", "school=a", { "content-type": "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
  });

  it("a body over the limit → 413", async () => {
    const huge = JSON.stringify({
      school: "school-a",
      login: "admin",
      password: "x".repeat(1024 * 1024 + 10),
    });
    await expectError(await post("/api/v1/auth/login", huge), 413, "payload_too_large");
  });

  it("a body over the limit without Content-Length (streamed) → 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent++ >= 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectError(res, 413, "payload_too_large");
  });

  it("a bad or missing token → 401 JSON", async () => {
    await expectError(await t.app.request("/api/v1/reference"), 401, "unauthenticated");
    await expectError(
      await t.app.request("/api/v1/reference", {
        headers: { authorization: "Bearer not-a-real-token-at-all-xx" },
      }),
      401,
      "unauthenticated",
    );
    await expectError(
      await t.app.request("/api/v1/reference", { headers: { authorization: "Basic abc" } }),
      401,
      "unauthenticated",
    );
  });

  it("an unknown API route → 404 JSON, for any method and version", async () => {
    await expectError(await t.app.request("/api/v1/nope"), 404, "not_found");
    await expectError(await post("/api/v1/nothing/else", "{}"), 404, "not_found");
    await expectError(await t.app.request("/api/v2/health"), 404, "not_found");
  });

  it("nothing is written by a refused request", async () => {
    await post("/api/v1/auth/login", '{"bad json');
    await post("/api/v1/auth/login", JSON.stringify({ school: "school-a" }));
    const sessions = await t.store.driver.all("SELECT * FROM sessions");
    const failures = await t.store.driver.all("SELECT * FROM login_throttle");
    expect(sessions).toHaveLength(0);
    expect(failures).toHaveLength(0);
  });
});

describe("headers on every answer", () => {
  it("security headers: CSP without unsafe-inline scripts, nosniff, no framing, referrer policy", async () => {
    for (const res of [
      await t.app.request("/api/v1/health"),
      await t.app.request("/api/v1/nope"),
      await t.login("school-a", "admin"),
    ]) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
  });

  it("health names the storage and the version", async () => {
    const res = await t.app.request("/api/v1/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      version: "test",
      protocolVersion: 1,
      storage: { kind: "sqlite", reachable: true },
    });
  });

  it("health says degraded (503) when the database is gone", async () => {
    await t.store.close();
    const res = await t.app.request("/api/v1/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", storage: { reachable: false } });
  });

  it("API JSON is gzip-compressed when the client accepts it", async () => {
    const token = await t.tokenFor("school-a", "admin");
    const res = await t.app.request("/api/v1/reference", {
      headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip" },
    });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });
});
