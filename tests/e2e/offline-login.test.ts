// Issue #2 end to end in the system Chromium, against the real server and the built app:
// log in, set a PIN, go offline, reload (the PIN again), switch user offline, and check installability.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLOT_LABELS, slotAt } from "../../src/domain/time-slots.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import { ReferenceSnapshot } from "../../src/protocol/reference.ts";
import {
  logIn,
  openPhone,
  type Phone,
  setPin,
  typePin,
  waitForServiceWorkerControl,
} from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

const SCREENSHOT = new URL("../../test-results/home-360x740.png", import.meta.url).pathname;

let server: { url: string; stop(): Promise<void> };
let phone: Phone;

/** What the server says about the demo school, read over the API like a phone would. */
async function demoSchool(url: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ school: "demo", login: "principal", password: "demo1234" }),
  });
  const session = LoginResponse.parse(await login.json());
  const reference = await fetch(`${url}/api/v1/reference`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  return ReferenceSnapshot.parse(await reference.json()).school;
}

describe("offline-first login on a phone (issue #2)", () => {
  beforeAll(async () => {
    server = await startTestServer();
    phone = await openPhone();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("logs in, sets a PIN, keeps working offline after a reload and switches user offline", async () => {
    const school = await demoSchool(server.url);
    const expectedSlot = () =>
      SLOT_LABELS[slotAt(school.settings.timeSlots, new Date(), school.settings.timeZone).slot].zh;
    const { page, context } = phone;
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (
        message.type() === "error" &&
        !/net::ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(message.text())
      ) {
        problems.push(`console: ${message.text()}`);
      }
    });

    // A fresh phone lands on the login page.
    await page.goto(server.url);
    await page.waitForURL("**/login");
    await expect.poll(() => page.getByText("演示学校代码: demo").isVisible()).toBe(true);

    // Gatekeeper logs in and sets PIN 1234; home shows the school and the current slot.
    await logIn(page, "gatekeeper");
    await setPin(page, "123456");
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByTestId("school-name").textContent()).toBe(school.name);
    await expect.poll(() => page.getByTestId("current-slot-label").textContent()).toBe(expectedSlot());
    expect(await page.getByTestId("user-name").textContent()).toBe("王建国");

    // The service worker takes control (clientsClaim on first install).
    const isControlled = await waitForServiceWorkerControl(page);
    expect(isControlled).toBe(true);

    // A second person logs in on the same phone while online: 切换用户 → 用其他账号登录.
    await page.getByRole("button", { name: "切换用户" }).click();
    await page.waitForURL("**/lock");
    await page.getByRole("button", { name: "用其他账号登录" }).click();
    await page.waitForURL("**/login");
    await logIn(page, "caretaker1");
    await setPin(page, "567890");
    await page.waitForURL(`${server.url}/`);
    const caretakerName = await page.getByTestId("user-name").textContent();
    expect(caretakerName).toBeTruthy();
    expect(caretakerName).not.toBe("王建国");

    // Offline, a reload asks for the PIN of the same person (it opens their sealed session
    // token), then opens home with the cached school, user and slot.
    await context.setOffline(true);
    await page.reload();
    await page.getByText(`${caretakerName}，请输入 PIN`).waitFor();
    await typePin(page, "567890", false);
    await expect.poll(() => page.getByTestId("school-name").textContent()).toBe(school.name);
    expect(await page.getByTestId("user-name").textContent()).toBe(caretakerName);
    await expect.poll(() => page.getByTestId("current-slot-label").textContent()).toBe(expectedSlot());

    // Switch user offline: two taps plus PIN.
    await page.getByRole("button", { name: "切换用户" }).click();
    await page.getByRole("button", { name: /王建国/ }).click();
    await page.getByText("王建国，请输入 PIN").waitFor();
    // A wrong PIN is refused and counted.
    await typePin(page, "999999", false);
    await page.getByText("PIN 不正确，还可以试 4 次").waitFor();
    await typePin(page, "123456", false);
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByTestId("user-name").textContent()).toBe("王建国");
    await expect.poll(() => page.getByTestId("current-slot-label").textContent()).toBe(expectedSlot());

    // Installable: manifest, icons and a service worker with a fetch handler.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: unknown[];
    };
    expect(installabilityErrors).toEqual([]);

    await page.evaluate(() => document.fonts.ready);
    mkdirSync(new URL("../../test-results/", import.meta.url).pathname, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(problems).toEqual([]);
  }, 120_000);
});
