// The built PWA as the server sends it: precompressed, hashed assets cached for a year, the
// page and service worker revalidated, app addresses answered by the single-page app.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { sqliteTestStore } from "../support/test-stores.ts";

const DIST = new URL("../../dist/", import.meta.url).pathname;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(sqliteTestStore, { staticDir: DIST });
});
afterAll(async () => {
  await t.dispose();
});

describe("serving the built app", () => {
  it("index.html is revalidated on every visit and carries the security headers", async () => {
    const res = await t.app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await res.text()).toContain('<html lang="zh-CN"');
  });

  it("hashed assets are cached for a year and sent brotli- or gzip-compressed", async () => {
    const js = readdirSync(`${DIST}assets`).find(
      (f) => f.endsWith(".js") && !f.endsWith(".br") && !f.endsWith(".gz"),
    );
    const br = await t.app.request(`/assets/${js}`, { headers: { "accept-encoding": "br, gzip" } });
    expect(br.status).toBe(200);
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(br.headers.get("content-encoding")).toBe("br");
    const gz = await t.app.request(`/assets/${js}`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
  });

  it("the service worker and manifest are revalidated, never cached for long", async () => {
    for (const path of ["/sw.js", "/manifest.webmanifest"]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-cache");
    }
  });

  it("an app address (/lock, /phone) gets the app; a missing file gets 404; the API stays JSON", async () => {
    const page = await t.app.request("/phone");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    expect((await t.app.request("/assets/missing-00000000.js")).status).toBe(404);
    const api = await t.app.request("/api/v1/missing");
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/json/);
  });
});
