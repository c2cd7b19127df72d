// Issue #3 (phone half) end to end in the system Chromium, against the real server and the
// built app: the admin edits the school's records OFFLINE (a class renamed, a dorm room added,
// a pupil's bed changed), the edits survive a reload with 待同步, sync when the network is back
// (the strip says 已同步), and the principal's phone sees all three after its own sync.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  logIn,
  openPhone,
  type Phone,
  setPin,
  typePin,
  waitForServiceWorkerControl,
} from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

const RESULTS = new URL("../../test-results/", import.meta.url).pathname;
const SYNC_TIMEOUT = { timeout: 30_000, interval: 200 };

let server: { url: string; stop(): Promise<void> };
let admin: Phone;
let principal: Phone | undefined;

function watchForProblems(page: Page): string[] {
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
  return problems;
}

const headline = (page: Page) => page.getByTestId("sync-headline").textContent();
const statusLine = (page: Page) => page.getByTestId("sync-status").textContent();
/** The strip's last successful sync (phone clock, ms), 0 before the first. */
const lastSync = async (page: Page) =>
  Number((await page.getByTestId("sync-strip").getAttribute("data-last-sync")) || 0);

/** Opens an admin section from the 管理 page, as a person would. */
async function openSection(page: Page, name: string) {
  if (!page.url().endsWith("/admin")) {
    await page.getByRole("link", { name: "返回" }).first().click();
    await page.waitForURL(/\/admin$/);
  }
  await page.getByRole("link", { name: new RegExp(`^${name}`) }).click();
}

describe("admin edits offline and another phone sees them (issue #3)", () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startTestServer();
    admin = await openPhone();
  });

  afterAll(async () => {
    await principal?.close();
    await admin?.close();
    await server?.stop();
  });

  it("renames a class, adds a dorm room and moves a pupil's bed offline; all three sync and reach the principal", async () => {
    const { page, context } = admin;
    const problems = watchForProblems(page);

    // Online: the admin logs in, sets a PIN and the first sync brings the school down.
    await page.goto(server.url);
    await logIn(page, "admin");
    await setPin(page, "135790");
    await page.waitForURL(`${server.url}/`);
    expect(await waitForServiceWorkerControl(page)).toBe(true);
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
    expect(await headline(page)).toBe("已同步");
    await page.getByTestId("current-slot-label").waitFor();

    await page.getByRole("link", { name: "管理" }).click();
    await page.waitForURL("**/admin");
    await page.getByRole("link", { name: /^班级/ }).waitFor();

    // The network goes away.
    await context.setOffline(true);

    // 1. Rename 一年级1班 → 实验1班; an empty name is refused first, naming the field.
    await page.getByRole("link", { name: /^班级/ }).click();
    await page.getByRole("link", { name: /^一年级1班 / }).click();
    await page.getByLabel("班级名称").fill("");
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.getByTestId("form-problems").textContent()).toContain("请填写班级名称");
    await page.getByLabel("班级名称").fill("实验1班");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/classes$/);
    const renamed = page.getByRole("link", { name: /^一年级实验1班 / });
    await renamed.waitFor();
    expect(await renamed.getByTestId("pending-tag").textContent()).toBe("待同步");

    // 2. Add 男生9室 (a boys' room of 40 beds).
    await openSection(page, "宿舍");
    await page.getByRole("button", { name: "+ 新增宿舍" }).click();
    await page.getByLabel("宿舍名称").fill("男生9室");
    await page.getByRole("radio", { name: "男生宿舍" }).check();
    await page.getByLabel("床位数").fill("40");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/dorms$/);
    const added = page.getByRole("link", { name: /^男生9室 / });
    await added.waitFor();
    expect(await added.getByTestId("pending-tag").textContent()).toBe("待同步");

    // 3. Give the first boarder in the list bed 99号床.
    await openSection(page, "学生");
    await page.getByRole("radio", { name: "住宿生" }).check();
    const firstBoarder = page.getByTestId("record-row").first();
    const pupilName = (await firstBoarder.locator("strong").textContent()) ?? "";
    expect(pupilName).not.toBe("");
    await firstBoarder.click();
    await page.getByLabel("床位", { exact: true }).fill("99号床");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/pupils$/);
    await page.getByLabel("按姓名、学号或床位查找").fill("99号床");
    const moved = page.getByRole("link", { name: new RegExp(`^${pupilName} .*99号床`) });
    await moved.waitFor();
    expect(await moved.getByTestId("pending-tag").textContent()).toBe("待同步");

    // The strip counts the three unsent edits and waits for the network.
    await expect.poll(() => headline(page)).toBe("3 条待同步");
    await expect.poll(() => statusLine(page)).toContain("等待网络");

    // Still offline, a reload keeps all three, marked 待同步 (the reloaded app asks for the PIN
    // first: it opens the sealed session token, src/client/db/account-store.ts).
    await page.reload();
    await page.getByText(/请输入 PIN/).waitFor();
    await typePin(page, "135790", false);
    await page.getByRole("link", { name: "管理" }).click();
    await page.waitForURL(/\/admin$/);
    await page.getByRole("link", { name: /^学生/ }).click();
    await expect.poll(() => headline(page), SYNC_TIMEOUT).toBe("3 条待同步");
    await page.getByLabel("按姓名、学号或床位查找").fill("99号床");
    await page.getByRole("link", { name: new RegExp(`^${pupilName} .*99号床.*待同步`) }).waitFor();
    await openSection(page, "班级");
    await page.getByRole("link", { name: /^一年级实验1班 .*待同步/ }).waitFor();
    await openSection(page, "宿舍");
    await page.getByRole("link", { name: /^男生9室 .*待同步/ }).waitFor();
    await page.getByRole("link", { name: "返回" }).first().click();
    await page.waitForURL(/\/admin$/);
    await page.getByText("3 条待同步", { exact: true }).first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${RESULTS}admin-offline-360x740.png` });
    await page.getByTestId("sync-strip").screenshot({ path: `${RESULTS}sync-strip-offline.png` });

    // The network is back: the phone syncs by itself and the strip says so.
    const offlineSince = await lastSync(page);
    await context.setOffline(false);
    await expect.poll(() => headline(page), SYNC_TIMEOUT).toBe("已同步");
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(offlineSince);
    expect(await statusLine(page)).toMatch(/已同步 · .*前/);
    expect(await page.getByTestId("sync-attention").count()).toBe(0);
    await openSection(page, "班级");
    await page.getByRole("link", { name: /^一年级实验1班 / }).waitFor();
    expect(await page.getByTestId("pending-tag").count()).toBe(0);
    await page.screenshot({ path: `${RESULTS}admin-synced-360x740.png` });
    await page.getByTestId("sync-strip").screenshot({ path: `${RESULTS}sync-strip-synced.png` });

    // Another phone, the principal's: after its first sync it shows all three edits.
    principal = await openPhone();
    const other = principal.page;
    const otherProblems = watchForProblems(other);
    await other.goto(server.url);
    await logIn(other, "principal");
    await setPin(other, "246801");
    await other.waitForURL(`${server.url}/`);
    await expect.poll(() => lastSync(other), SYNC_TIMEOUT).toBeGreaterThan(0);
    await other.getByRole("link", { name: "管理" }).click();
    await other.getByRole("heading", { name: "学校资料" }).waitFor();
    await other.getByRole("link", { name: /^班级/ }).click();
    await other.getByRole("link", { name: /^一年级实验1班 / }).waitFor();
    await openSection(other, "宿舍");
    await other.getByRole("link", { name: /^男生9室 / }).waitFor();
    await openSection(other, "学生");
    await other.getByLabel("按姓名、学号或床位查找").fill(pupilName);
    await other.getByRole("link", { name: new RegExp(`^${pupilName} .*99号床`) }).waitFor();
    // The principal reads; the form has no 保存.
    await other
      .getByRole("link", { name: new RegExp(`^${pupilName} `) })
      .first()
      .click();
    await other.getByText("只读：修改由总务主任负责").waitFor();
    expect(await other.getByRole("button", { name: "保存" }).count()).toBe(0);
    await other.screenshot({ path: `${RESULTS}principal-pupil-360x740.png` });

    expect(problems).toEqual([]);
    expect(otherProblems).toEqual([]);
  }, 180_000);
});
