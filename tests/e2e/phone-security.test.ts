// Issue #16 §2, §3 in the system Chromium, against the real server and the built app: what a lost
// or shared phone gives away. The session token is on disk only sealed with the PIN, and five
// wrong PINs destroy it; the last logout of a school takes its data off the phone (mirror, view,
// sent photos, pull cursor), keeps the unsent work and sends it exactly once when the network is
// back; no cache holds an API or photo answer. IndexedDB is read from the page itself.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  pending,
  readDatabase,
  SYNC_TIMEOUT,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import { logIn, openPhone, type Phone, setPin, typePin } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

/** Every string anywhere in a value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The token of the next password login on this page, read from the login answer itself. */
function nextLoginToken(page: Page): Promise<string> {
  return new Promise((resolve) => {
    const onResponse = async (response: import("playwright-core").Response) => {
      if (!response.url().endsWith("/api/v1/auth/login") || response.status() !== 200) return;
      page.off("response", onResponse);
      resolve(((await response.json()) as { token: string }).token);
    };
    page.on("response", onResponse);
  });
}

async function jpeg(seed: number) {
  const buffer = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 30 * seed, g: 120, b: 200 } },
  })
    .jpeg()
    .toBuffer();
  return { name: `gate-${seed}.jpg`, mimeType: "image/jpeg", buffer };
}

/** 报告周边隐患 → 校门 → words → a photo → 上报, as the gatekeeper does it. */
async function reportAtGate(page: Page, words: string, seed: number) {
  await page.getByRole("link", { name: "首页" }).click();
  await page.getByRole("link", { name: /报告周边隐患/ }).click();
  await page.getByRole("button", { name: "校门", exact: true }).click();
  await page.keyboard.type(words);
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles(await jpeg(seed));
  await page.getByTestId("photo-thumbs").locator("img").first().waitFor();
  await page.getByRole("button", { name: "上报", exact: true }).click();
  await page.waitForURL(/\/hazards\//);
}

describe("what a lost or shared phone gives away (issue #16)", () => {
  beforeAll(async () => {
    server = await startTestServer({ demoActivity: false });
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("[§3] the token is stored only sealed with the PIN; after a reload the PIN opens it; 5 wrong PINs destroy it", async () => {
    const phone = await openPhone();
    phones.push(phone);
    const { page } = phone;
    const problems = watchForProblems(page);
    await page.goto(server.url);
    const token = nextLoginToken(page);
    await logIn(page, "principal");
    await setPin(page, "135790");
    await page.waitForURL(`${server.url}/`);
    await expect
      .poll(async () => (await readDatabase(page)).mirror?.length ?? 0, SYNC_TIMEOUT)
      .toBeGreaterThan(0);

    const stored = await readDatabase(page);
    const login = await token;
    expect(login).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [account] = stored.accounts ?? [];
    expect(account).toMatchObject({ login: "principal", pinLength: 6, pinFailures: 0 });
    expect(account).not.toHaveProperty("token");
    expect(account?.sealedToken).toMatchObject({ iterations: 600_000 });
    // Nowhere on disk, in no table, in no field, not even inside a longer string.
    const everything = stringsIn(stored);
    expect(everything.filter((s) => s.includes(login))).toEqual([]);
    expect(everything.filter((s) => s.includes("135790"))).toEqual([]);

    // A reload opens no session by itself: the PIN pad first, then the same person's home.
    await page.reload();
    await page.getByText(/请输入 PIN/).waitFor();
    await typePin(page, "135790", false);
    await page.getByTestId("sync-strip").waitFor();
    await page.getByRole("button", { name: "切换用户" }).click();
    await page
      .getByRole("button", { name: /校长|principal/ })
      .first()
      .click();
    for (let tries = 4; tries >= 1; tries--) {
      await typePin(page, "000000", false);
      await page.getByText(`PIN 不正确，还可以试 ${tries} 次`).waitFor();
    }
    await typePin(page, "000000", false);
    await page.getByText("PIN 错误次数过多，请联网后用密码重新登录").waitFor();
    const after = await readDatabase(page);
    expect(after.accounts?.[0]).toMatchObject({ sealedToken: null, needsLogin: true, pinLength: null });
    expect(stringsIn(after).filter((s) => s.includes(login))).toEqual([]);
    // The only person of the school was locked out: the school's data left the phone too.
    expect(after.mirror).toEqual([]);
    expect(after.view).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);

  it("[§2] the last logout takes the school's data off the phone; unsent work stays, goes once; no cache holds API answers", async () => {
    const phone = await signIn(server.url, "gatekeeper");
    phones.push(phone);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    const school = await serverDevice(server.url);

    // One hazard with a photo reported and sent; another with a photo reported offline.
    await reportAtGate(page, "校门口护栏松动（已发送）", 1);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const uploaded = async () => (await readDatabase(page)).photos?.map((p) => p.status);
    await expect.poll(uploaded, SYNC_TIMEOUT).toEqual(["uploaded"]);
    await context.setOffline(true);
    await reportAtGate(page, "校门口积水（未发送）", 2);
    await expect.poll(() => pending(page)).toBe(1);

    const before = await readDatabase(page);
    expect(before.mirror?.length).toBeGreaterThan(0);
    expect(before.photos?.map((p) => p.status).sort()).toEqual(["pending", "uploaded"]);
    const deviceId = before.meta?.find((m) => m.key === "deviceId")?.value;
    const nextDeviceSeq = before.syncState?.[0]?.nextDeviceSeq;
    const sentPhoto = before.photos?.find((p) => p.status === "uploaded")?.sha256 as string;
    const unsentPhoto = before.photos?.find((p) => p.status === "pending")?.sha256 as string;

    // Still offline, the only person of the school logs out.
    await page.getByRole("link", { name: "本机" }).click();
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByRole("button", { name: "确认退出登录" }).click();
    await page.waitForURL("**/login");

    const after = await readDatabase(page);
    expect(after.mirror).toEqual([]);
    expect(after.view).toEqual([]);
    expect(after.outbox?.map((r) => [r.status, r.type])).toEqual([["pending", "hazard.report"]]);
    expect(after.photos?.map((p) => p.sha256)).toEqual([unsentPhoto]);
    expect(after.syncState?.[0]).toMatchObject({ cursor: null, nextDeviceSeq });
    expect(after.meta?.find((m) => m.key === "deviceId")?.value).toBe(deviceId);
    expect(after.accounts?.[0]).toMatchObject({ sealedToken: null, isSignedOut: true });
    // The service worker caches the app, never an API or photo answer.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
      }
      return urls;
    });
    expect(cached.some((url) => new URL(url).pathname === "/index.html")).toBe(true);
    expect(cached.filter((url) => /\/api\/|\/blobs\//.test(new URL(url).pathname))).toEqual([]);

    // The network returns: the unsent report and its photo go as the gatekeeper, then leave too.
    await context.setOffline(false);
    await expect
      .poll(async () => {
        const now = await readDatabase(page);
        return [now.outbox?.length, now.photos?.length];
      }, SYNC_TIMEOUT)
      .toEqual([0, 0]);
    const all = await school.pullAll();
    const hazards = [...all.values()].filter(
      (c) => c.entityType === "hazard" && String(c.data.description).startsWith("校门口"),
    );
    expect(hazards.map((h) => h.data.description).sort()).toEqual([
      "校门口护栏松动（已发送）",
      "校门口积水（未发送）",
    ]);
    expect(await school.hasPhoto(unsentPhoto)).toBe(true);
    expect(await school.hasPhoto(sentPhoto)).toBe(true);
    const photo = await fetch(`${server.url}/api/v1/blobs/${unsentPhoto}`, {
      headers: { authorization: `Bearer ${school.token}` },
    });
    expect(photo.headers.get("cache-control")).toBe("no-store");
    expect(problems).toEqual([]);
  }, 180_000);
});
