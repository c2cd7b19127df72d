// A phone for browser tests: the system Chromium (never a downloaded one) with a fresh on-disk
// profile (an incognito context is never installable), a 360x740 touch screen in zh-CN and
// Shanghai time, plus the few steps every flow starts with.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps calling home, which this closed
// network refuses.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Phone {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openPhone(): Promise<Phone> {
  const profileDir = mkdtempSync(join(tmpdir(), "sr-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    serviceWorkers: "allow",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export async function logIn(page: Page, login: string, password = "demo1234") {
  await page.getByLabel("学校代码").fill("demo");
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

export async function typePin(page: Page, pin: string, withOk: boolean) {
  for (const digit of pin) await page.getByRole("button", { name: digit, exact: true }).click();
  if (withOk) await page.getByRole("button", { name: "确定", exact: true }).click();
}

/** A new PIN: 6 digits, twice; the pad goes on by itself at the sixth. */
export async function setPin(page: Page, pin: string) {
  if (!/^\d{6}$/.test(pin)) throw new Error("a new PIN has 6 digits");
  await page.getByText("输入新 PIN（6 位数字）").waitFor();
  await typePin(page, pin, false);
  await page.getByText("再次输入同一个 PIN").waitFor();
  await typePin(page, pin, false);
}

/** Resolves once a service worker controls the page (clientsClaim on the first install). */
export async function waitForServiceWorkerControl(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
    return navigator.serviceWorker.controller !== null;
  });
}
