// Issue #16 §2: nothing the API says may stay in the phone's HTTP cache (or any cache between):
// every /api/v1 answer — data, photos, errors, the login itself — carries Cache-Control:
// no-store. Photos the app keeps offline live in IndexedDB (src/client/db/photo-store.ts).
import { ulid } from "ulidx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";
import { jpegWithExif, sha256Hex } from "../support/test-images.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
])("API answers are never cached (%s)", (_name, open) => {
  let t: TestApp;
  let token: string;
  const deviceId = ulid();
  beforeAll(async () => {
    t = await createTestApp(open);
    const res = await t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ school: "school-a", login: "admin", password: PASSWORD, deviceId }),
    });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await t.dispose();
  });

  const request = (path: string, init: RequestInit = {}) => t.app.request(path, init) as Promise<Response>;
  const auth = () => ({ authorization: `Bearer ${token}` });

  it("a photo's GET answer says no-store (it was a year-long immutable cache)", async () => {
    const photo = await jpegWithExif({ seed: 41 });
    const sha = sha256Hex(photo);
    const put = await request(`/api/v1/blobs/${sha}`, {
      method: "PUT",
      headers: { "content-type": "image/jpeg", ...auth() },
      body: new Uint8Array(photo),
    });
    expect(put.status).toBe(201);
    expect(put.headers.get("cache-control")).toBe("no-store");
    const back = await request(`/api/v1/blobs/${sha}`, { headers: auth() });
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("image/jpeg");
    expect(back.headers.get("cache-control")).toBe("no-store");
  });

  it("data, the login answer, refusals and unknown routes say no-store", async () => {
    const answers: [string, Response][] = [
      ["login", await t.login("school-a", "teacher")],
      ["wrong password", await t.login("school-a", "teacher", "not-the-password")],
      ["reference", await request("/api/v1/reference", { headers: auth() })],
      ["me", await request("/api/v1/auth/me", { headers: auth() })],
      ["no token", await request("/api/v1/reference")],
      [
        "pull",
        await request("/api/v1/sync/pull", {
          method: "POST",
          headers: { "content-type": "application/json", ...auth() },
          body: JSON.stringify({ deviceId }),
        }),
      ],
      ["unknown v1 route", await request("/api/v1/nothing-here", { headers: auth() })],
      ["unknown API version", await request("/api/v0/reference")],
      ["missing photo", await request(`/api/v1/blobs/${"0".repeat(64)}`, { headers: auth() })],
    ];
    for (const [what, res] of answers) expect(res.headers.get("cache-control"), what).toBe("no-store");
    expect(answers.map(([what, res]) => [what, res.status])).toEqual([
      ["login", 200],
      ["wrong password", 401],
      ["reference", 200],
      ["me", 200],
      ["no token", 401],
      ["pull", 200],
      ["unknown v1 route", 404],
      ["unknown API version", 404],
      ["missing photo", 404],
    ]);
  });
});
