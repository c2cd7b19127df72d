// A new app version is applied only with consent, and never offered while a form holds
// unsaved input (issue #2 §5, ARCHITECTURE "Service-worker updates by consent only").
// The server serves a copy of dist/; the test changes its sw.js to publish a "new version".
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, openPhone, type Phone, setPin, waitForServiceWorkerControl } from "../support/phone.ts";
import { DIST_DIR, startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
let phone: Phone;
let distCopy: string;

beforeAll(async () => {
  distCopy = mkdtempSync(join(tmpdir(), "sr-dist-"));
  cpSync(DIST_DIR, distCopy, { recursive: true });
  server = await startTestServer({ staticDir: distCopy });
  phone = await openPhone();
});
afterAll(async () => {
  await phone?.close();
  await server?.stop();
  rmSync(distCopy, { recursive: true, force: true });
});

function publishNewVersion() {
  appendFileSync(join(distCopy, "sw.js"), "\n// a new version\n");
  // The precompressed copies would still be the old version.
  rmSync(join(distCopy, "sw.js.br"), { force: true });
  rmSync(join(distCopy, "sw.js.gz"), { force: true });
}

describe("app updates by consent", () => {
  it("waits while a form is being filled, then asks, and reloads into the new version on 更新", async () => {
    const { page } = phone;
    await page.goto(server.url);
    await logIn(page, "duty1");
    await setPin(page, "246801");
    await page.waitForURL(`${server.url}/`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);

    // Someone starts typing on the login page of a second account.
    await page.getByRole("button", { name: "切换用户" }).click();
    await page.getByRole("button", { name: "用其他账号登录" }).click();
    await page.getByLabel("登录名").fill("caretak");

    publishNewVersion();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect
      .poll(
        () => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    // The new version is ready, but the half-filled form keeps the offer away.
    await page.waitForTimeout(500);
    expect(await page.getByText("新版本可用").count()).toBe(0);

    // Clearing the form brings the offer; nothing reloads without consent.
    await page.getByLabel("登录名").fill("");
    await page.getByText("新版本可用").waitFor();
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
    });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(
      true,
    );

    await page.getByRole("button", { name: "更新", exact: true }).click();
    await expect
      .poll(
        () => page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate ?? false),
        {
          timeout: 20_000,
        },
      )
      .toBe(false);
    await page.waitForLoadState("domcontentloaded");
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        waiting: Boolean(registration?.waiting),
        controlled: navigator.serviceWorker.controller !== null,
      };
    });
    expect(state).toEqual({ waiting: false, controlled: true });
    expect(await page.getByText("新版本可用").count()).toBe(0);
  }, 90_000);
});
