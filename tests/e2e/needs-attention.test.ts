// Refused work stays visible until a person decides (SYNC S4), in the browser: while the admin's
// phone is offline, someone else renames the same class and adds a dorm room of the same name
// through the server. Back online, the class edit is a conflict and the room a rejection; the
// strip links to 需要处理, which shows the server's version beside the admin's, 重做 wins the
// class back, and 忽略 (after a confirm) lets the room go.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { ulid } from "ulidx";
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
let phone: Phone;

/** A second device of the school, talking to the server directly (the "someone else"). */
async function otherDevice(url: string) {
  const deviceId = ulid();
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ school: "demo", login: "admin", password: "demo1234", deviceId }),
  });
  const session = (await login.json()) as { token: string; user: { id: string } };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}/api/v1/sync/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  let seq = 1;
  return {
    async find(entityType: string, match: (data: Record<string, unknown>) => boolean) {
      let cursor: string | undefined;
      for (;;) {
        const page = (await post("pull", { deviceId, limit: 1000, ...(cursor ? { cursor } : {}) })) as {
          changes: { entityType: string; version: number; data: Record<string, unknown> }[];
          nextCursor: string;
          hasMore: boolean;
        };
        const hit = page.changes.find((c) => c.entityType === entityType && match(c.data));
        if (hit) return hit;
        if (!page.hasMore) throw new Error(`no ${entityType} found`);
        cursor = page.nextCursor;
      }
    },
    async push(type: string, args: unknown, baseVersion?: number) {
      const answer = (await post("push", {
        deviceId,
        mutations: [
          {
            mutationId: ulid(),
            deviceSeq: seq++,
            type,
            typeVersion: 1,
            args,
            actorUserId: session.user.id,
            clientCreatedAt: new Date().toISOString(),
            ...(baseVersion !== undefined ? { baseVersion } : {}),
          },
        ],
      })) as { results: { status: string }[] };
      expect(answer.results[0]?.status).toBe("applied");
    },
  };
}

const lastSync = async (page: Page) =>
  Number((await page.getByTestId("sync-strip").getAttribute("data-last-sync")) || 0);

describe("needs attention: conflicts and rejections wait for a person (S4)", () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startTestServer();
    phone = await openPhone();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("shows a conflict side by side, redoes it, and dismisses a rejection after a confirm", async () => {
    const { page, context } = phone;
    await page.goto(server.url);
    await logIn(page, "admin");
    await setPin(page, "135790");
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
    // The reload below happens offline: the service worker must hold the app first (on a busy
    // machine its precache can finish after the first sync).
    expect(await waitForServiceWorkerControl(page)).toBe(true);

    // Offline: rename 二年级1班 and add 男生9室.
    await context.setOffline(true);
    await page.goto(`${server.url}/admin/classes`).catch(() => undefined);
    // A new page asks for the PIN (it opens the sealed session token), then opens home.
    await page.getByText(/请输入 PIN/).waitFor();
    await typePin(page, "135790", false);
    await page.getByRole("link", { name: "管理" }).click();
    await page.getByRole("link", { name: /^班级/ }).click();
    await page.getByRole("link", { name: /^二年级1班 / }).click();
    await page.getByLabel("班级名称").fill("实验1班");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("link", { name: /^二年级实验1班 .*待同步/ }).waitFor();
    await page.getByRole("link", { name: "返回" }).click();
    await page.getByRole("link", { name: /^宿舍/ }).click();
    await page.getByRole("button", { name: "+ 新增宿舍" }).click();
    await page.getByLabel("宿舍名称").fill("男生9室");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("link", { name: /^男生9室 .*待同步/ }).waitFor();

    // Meanwhile someone else changes the same class and takes the room name.
    const other = await otherDevice(server.url);
    const cls = await other.find("class", (d) => d.grade === 2 && d.name === "1班");
    await other.push("class.upsert", { entity: { ...cls.data, name: "向日葵班" } }, cls.version);
    await other.push("dormRoom.upsert", {
      entity: { id: ulid(), name: "男生9室", building: "学生宿舍楼", gender: "male", capacity: 30 },
    });

    // Back online: both come back refused; the strip points at them.
    await context.setOffline(false);
    const attention = page.getByTestId("sync-attention");
    await expect.poll(() => attention.textContent(), SYNC_TIMEOUT).toContain("2 项需要处理");
    await expect.poll(() => page.getByTestId("sync-headline").textContent(), SYNC_TIMEOUT).toBe("已同步");
    await attention.click();
    await page.waitForURL("**/attention");

    const items = page.getByTestId("attention-item");
    await expect.poll(() => items.count()).toBe(2);
    const conflict = items.filter({ hasText: "有冲突" });
    expect(await conflict.locator("strong").first().textContent()).toBe("修改班级：二年级实验1班");
    const row = conflict.locator("tr.is-different");
    expect(await row.locator("th").textContent()).toBe("班级名称");
    expect(await row.locator("td").allTextContents()).toEqual(["向日葵班", "实验1班"]);
    const rejected = items.filter({ hasText: "被拒绝" });
    expect(await rejected.textContent()).toContain("已有别的记录使用“男生9室”");
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${RESULTS}needs-attention-360x740.png`, fullPage: true });

    // 重做: the admin's name replaces the server's; the entry leaves the list once it is applied.
    await conflict.getByRole("button", { name: "重做" }).click();
    await expect.poll(() => items.count(), SYNC_TIMEOUT).toBe(1);

    // 忽略 asks first; 取消 keeps it, 确认忽略 lets it go.
    await rejected.getByRole("button", { name: "忽略" }).click();
    await rejected.getByRole("button", { name: "取消" }).click();
    expect(await items.count()).toBe(1);
    await rejected.getByRole("button", { name: "忽略" }).click();
    await rejected.getByRole("button", { name: "确认忽略" }).click();
    await page.getByTestId("attention-empty").waitFor();
    await expect.poll(() => attention.count()).toBe(0);

    // The class carries the redone name, synced; 本机 says nothing waits.
    await page.getByRole("link", { name: "管理" }).click();
    await page.getByRole("link", { name: /^班级/ }).click();
    await expect
      .poll(
        async () => (await page.getByRole("link", { name: /^二年级实验1班 / }).textContent()) ?? "",
        SYNC_TIMEOUT,
      )
      .not.toContain("待同步");
    const renamed = await other.find("class", (d) => d.id === cls.data.id && d.name === "实验1班");
    expect(renamed.version).toBe(cls.version + 2);
    await page.getByRole("link", { name: "本机" }).click();
    await expect.poll(() => page.getByTestId("phone-unsent").textContent()).toBe("已同步");
  }, 180_000);
});
