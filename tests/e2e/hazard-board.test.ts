// A hazard's day in the browser (SPEC §2, issue #4 §3): a class teacher on duty and the
// gatekeeper report hazards from their own phones (test clients on the real server); on one
// shared phone the admin's 今日看板 shows both and the critical one raises the red banner; the
// assignee, offline, raises one to critical (紧急报警尚未送达 until it is sent) and rectifies it
// with an "after" photo, then syncs; the reporter verifies and
// closes; the evening duty teacher's 结束今日检查 is refused while a hazard lacks interim control
// and a night owner, then accepted. Screenshots of the board at 360x740 are saved by the run.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { ulid } from "ulidx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Change, lastSync, RESULTS, SYNC_TIMEOUT, serverDevice } from "../support/e2e-app.ts";
import { logIn, openPhone, type Phone, setPin } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
let phone: Phone;

/**
 * Monday 2026-11-30, 09:00 in Shanghai: the server's clock runs on from here and the shared
 * phone's is fixed here, so the morning rounds below are late (they count) at whatever hour
 * the test runs (rounds.ts RD-5, RD-6).
 */
const START = new Date("2026-11-30T09:00:00+08:00");
const TODAY = "2026-11-30";
let gateAreaId = "";

const find = (all: Map<string, Change>, type: string, match: (d: Record<string, unknown>) => boolean) => {
  const hit = [...all.values()].find((c) => c.entityType === type && match(c.data));
  if (!hit) throw new Error(`no ${type} found`);
  return hit.data;
};

/** 切换用户 → 用其他账号登录 → password → PIN: the next person on the same phone. */
async function switchTo(page: Page, login: string) {
  await page.getByRole("button", { name: "切换用户" }).click();
  await page.getByRole("button", { name: "用其他账号登录" }).click();
  await logIn(page, login);
  await setPin(page, "246801");
  await page.waitForURL(/\/$/);
}

async function openFromBoard(page: Page, description: string) {
  await page.getByRole("link", { name: "今日看板" }).click();
  await page
    .getByTestId("board-hazards")
    .getByRole("link", { name: new RegExp(description) })
    .click();
  await page.getByTestId("hazard-page").waitFor();
}

async function photoFile(seed: number) {
  const buffer = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 20 * seed, g: 160, b: 90 } },
  })
    .jpeg()
    .toBuffer();
  return { name: `after-${seed}.jpg`, mimeType: "image/jpeg", buffer };
}

describe("hazards: the board, rectify offline, verify, close the day", () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    const began = Date.now();
    server = await startTestServer({
      demoActivity: false,
      clock: () => new Date(START.getTime() + Date.now() - began),
    });
    phone = await openPhone();
    await phone.page.clock.setFixedTime(START);
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("takes two hazards from report to a closed day", async () => {
    const { page, context } = phone;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    // Reports from two other phones: a class teacher on duty and the gatekeeper.
    const teacher = await serverDevice(server.url, "teacher101");
    const gatekeeper = await serverDevice(server.url, "gatekeeper");
    const onServer = async (id: string) =>
      ((await teacher.pullAll()).get(`hazard/${id}`)?.data ?? {}) as Record<string, any>;
    const school = await teacher.pullAll();
    const stairs = find(school, "area", (a) => a.name === "教学楼楼梯");
    const gate = find(school, "area", (a) => a.name === "校门");
    gateAreaId = gate.id as string;
    // Logins reach only the admin's phones (need-to-know NK-7).
    const fixer = find(
      await (await serverDevice(server.url, "admin")).pullAll(),
      "staff",
      (s) => s.login === "facilities",
    );
    const soon = new Date(START.getTime() + 3 * 60 * 60_000).toISOString();
    const stairsId = ulid();
    const gateId = ulid();
    await teacher.push("hazard.report", {
      hazard: {
        id: stairsId,
        areaId: stairs.id,
        place: "二楼东侧扶手",
        severity: "major",
        description: "楼梯扶手松动",
        photos: [],
        roundId: null,
        checklistItemId: null,
        assigneeId: fixer.id,
        alertId: null,
        deadline: soon,
      },
    });
    await gatekeeper.push("hazard.report", {
      hazard: {
        id: gateId,
        areaId: gate.id,
        place: "校门口东侧",
        severity: "critical",
        description: "施工围挡倒塌占道",
        photos: [],
        roundId: null,
        checklistItemId: null,
        assigneeId: null,
        alertId: null,
        deadline: soon,
      },
    });
    for (const name of ["一年级1班教室", "教学楼楼梯", "食堂"]) {
      const area = find(school, "area", (a) => a.name === name);
      await teacher.push("round.record", {
        round: {
          id: ulid(),
          areaId: area.id,
          round: "morning",
          date: TODAY,
          items: [],
          note: "",
          photos: [],
          hazardIds: [],
          // After 08:00 the morning round is late (RD-7: it says why; it still counts).
          outsideWindow: { reason: "补查" },
        },
      });
    }

    // The admin's board shows both; the critical one is a red banner too.
    await page.goto(server.url);
    await logIn(page, "admin");
    await setPin(page, "135790");
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
    await page.getByRole("link", { name: "今日看板" }).click();
    const hazards = page.getByTestId("board-hazards").first();
    await expect.poll(() => hazards.textContent(), SYNC_TIMEOUT).toContain("楼梯扶手松动");
    expect(await hazards.textContent()).toContain("施工围挡倒塌占道");
    expect(await page.getByTestId("board-freshness").textContent()).toMatch(/^数据同步于 \d\d:\d\d$/);
    await page.getByTestId("round-tab-morning").click();
    const checked = page.getByTestId("group-classroom").locator('[data-status="done"], [data-status="late"]');
    expect(await checked.count()).toBe(1);
    // One line in the sticky top; 查看 opens the alert, which leads to the hazard.
    const line = page.getByTestId("alert-line");
    await expect.poll(() => line.textContent(), SYNC_TIMEOUT).toContain("重大隐患");
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${RESULTS}hazard-board-360x740.png` });
    await page.getByRole("heading", { name: /^未整改隐患/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}hazard-board-hazards-360x740.png` });
    await line.click();
    const banner = page.getByTestId("alert-critical");
    expect(await banner.textContent()).toContain("施工围挡倒塌占道");
    await banner.click();
    await page.waitForURL(`**/hazards/${gateId}`);
    expect(await page.getByTestId("hazard-state").textContent()).toBe("已上报");

    // The assignee rectifies with an "after" photo while offline.
    await switchTo(page, "facilities");
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
    await openFromBoard(page, "楼梯扶手松动");
    await context.setOffline(true);
    // Raised to critical while offline: the urgent alert waits, and the screen says to phone.
    await page.getByTestId("action-raiseSeverity").click();
    await page.getByTestId("form-raiseSeverity").getByRole("button", { name: "提高等级" }).click();
    const undelivered = page.getByTestId("alert-undelivered");
    await undelivered.waitFor();
    expect(await undelivered.textContent()).toBe("紧急报警尚未送达，请立即电话通知值班领导");
    await page.getByTestId("action-rectify").click();
    const rectify = page.getByTestId("form-rectify");
    await rectify.getByRole("button", { name: "整改完成" }).click();
    expect(await rectify.textContent()).toContain("整改完成需要一张整改后的照片");
    await rectify.getByLabel("整改说明").fill("已加固扶手螺栓");
    await rectify.locator('input[type="file"]').setInputFiles(await photoFile(1));
    await rectify.getByTestId("photo-thumbs").locator("img").waitFor();
    await rectify.getByRole("button", { name: "整改完成" }).click();
    await page.getByTestId("step-saved").waitFor();
    expect(await page.getByTestId("hazard-state").textContent()).toBe("已整改待验收");
    const rectifyEvent = page.getByTestId("history-event").filter({ hasText: "整改完成" });
    expect(await rectifyEvent.getByTestId("pending-tag").count()).toBe(1);
    await page.screenshot({ path: `${RESULTS}hazard-rectified-offline-360x740.png` });

    // Back online: it syncs, photo and all.
    await context.setOffline(false);
    await expect.poll(() => rectifyEvent.getByTestId("pending-tag").count(), SYNC_TIMEOUT).toBe(0);
    await expect.poll(() => undelivered.count(), SYNC_TIMEOUT).toBe(0);
    let server1 = await onServer(stairsId);
    expect(server1.state).toBe("rectified");
    expect(server1.severity).toBe("critical");
    expect(server1.rectification).toMatchObject({
      text: "已加固扶手螺栓",
      by: fixer.id,
    });
    expect(server1.rectification.photos).toHaveLength(1);
    const photo = server1.rectification.photos[0] as string;
    const blob = () =>
      fetch(`${server.url}/api/v1/blobs/${photo}`, { headers: { authorization: `Bearer ${teacher.token}` } });
    await expect.poll(async () => (await blob()).status, SYNC_TIMEOUT).toBe(200);

    // The reporter verifies and closes (the fixer could not).
    expect(await page.getByTestId("action-close").count()).toBe(0);
    await switchTo(page, "teacher101");
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
    await openFromBoard(page, "楼梯扶手松动");
    await page.getByTestId("action-close").click();
    await page.getByTestId("form-close").getByRole("button", { name: "验收关闭" }).click();
    await expect.poll(() => page.getByTestId("hazard-state").textContent()).toBe("已验收关闭");
    await expect.poll(async () => (await onServer(stairsId)).state, SYNC_TIMEOUT).toBe("closed");
    server1 = await onServer(stairsId);
    expect(server1.closedBy).toBe(teacher.userId);

    // Close the day: refused while the gate hazard lacks control and a night owner.
    await page.getByRole("link", { name: "今日看板" }).click();
    await page.getByRole("link", { name: /结束今日检查/ }).click();
    await page.waitForURL("**/close-day");
    await page.getByTestId("close-day").click();
    const refused = page.getByTestId("close-refused");
    await refused.waitFor();
    expect(await refused.textContent()).toContain("校门 · 校门口东侧");
    expect(await refused.textContent()).toContain("未整改，也没有临时管控措施");
    expect(await refused.textContent()).toContain("没有指定夜间负责人");

    // Interim control on the hazard's page, then back here; the night owner right here.
    await page.getByTestId("record-control").click();
    const control = page.getByTestId("form-control");
    await control.getByLabel("临时管控措施").fill("设置围挡和警示牌，专人看守");
    await control.locator('input[type="file"]').setInputFiles(await photoFile(2));
    await control.getByTestId("photo-thumbs").locator("img").waitFor();
    await control.getByRole("button", { name: "临时管控" }).click();
    await page.waitForURL("**/close-day");
    const owner = page.getByTestId("night-owner-inline");
    expect(await owner.locator("select").inputValue()).not.toBe("");
    await owner.getByRole("button", { name: "指定夜间负责人" }).click();
    await expect.poll(() => page.getByTestId("gap-count").textContent()).toBe("每条都有临时管控和夜间负责人");
    expect(await refused.count()).toBe(0);
    await page.getByTestId("close-day").click();
    const closed = page.getByTestId("day-closed");
    await expect.poll(() => closed.textContent()).toContain("今日检查已结束：");
    expect(await closed.textContent()).toContain("结束时有 1 条隐患在临时管控下过夜");
    expect(await page.getByTestId("close-day").count()).toBe(0);
    await page.screenshot({ path: `${RESULTS}close-day-360x740.png` });
    await expect
      .poll(async () => {
        const all = await teacher.pullAll();
        return [...all.values()].filter((c) => c.entityType === "dayClose").map((c) => c.data.carried);
      }, SYNC_TIMEOUT)
      .toEqual([
        [
          expect.objectContaining({
            hazardId: gateId,
            state: "controlled",
            measures: "设置围挡和警示牌，专人看守",
          }),
        ],
      ]);
    expect(errors).toEqual([]);
  }, 240_000);

  it("shows a step the server refused (someone acted first) and links to 需要处理", async () => {
    // teacher101 is still on the phone. The gatekeeper reports a hazard for them to fix.
    const { page, context } = phone;
    const gatekeeper = await serverDevice(server.url, "gatekeeper");
    const teacher = await serverDevice(server.url, "teacher101");
    const hazardId = ulid();
    await gatekeeper.push("hazard.report", {
      hazard: {
        id: hazardId,
        areaId: gateAreaId,
        place: "门卫室旁",
        severity: "general",
        description: "电动伸缩门轨道松动",
        photos: [],
        roundId: null,
        checklistItemId: null,
        assigneeId: teacher.userId,
        alertId: null,
        deadline: new Date(START.getTime() + 60 * 60_000).toISOString(),
      },
    });
    await page.getByRole("button", { name: "立即同步" }).click();
    await openFromBoard(page, "电动伸缩门轨道松动");

    // Offline, the teacher rectifies; meanwhile the gatekeeper puts it under interim control.
    await context.setOffline(true);
    await page.getByTestId("action-rectify").click();
    const rectify = page.getByTestId("form-rectify");
    await rectify.locator('input[type="file"]').setInputFiles(await photoFile(3));
    await rectify.getByTestId("photo-thumbs").locator("img").waitFor();
    await rectify.getByRole("button", { name: "整改完成" }).click();
    await page.getByTestId("step-saved").waitFor();
    await gatekeeper.push("hazard.act", {
      hazardId,
      action: { kind: "control", from: "assigned", text: "拉警戒线", photos: ["c".repeat(64)] },
    });

    // Back online: the server refuses the rectification; the page says so and links on.
    await context.setOffline(false);
    const refused = page.getByTestId("hazard-refused");
    await refused.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("hazard-state").textContent(), SYNC_TIMEOUT).toBe("已管控");
    const refusedStep = page.getByTestId("history-event").filter({ hasText: "未生效" });
    await expect.poll(() => refusedStep.count(), SYNC_TIMEOUT).toBe(1);
    expect(await refusedStep.textContent()).toContain(
      "整改完成：隐患已是“已管控”，不是“整改中”（别人先处理了）",
    );
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await page.screenshot({ path: `${RESULTS}hazard-refused-360x740.png` });
    await refusedStep.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}hazard-refused-history-360x740.png` });
    await refused.click();
    await page.waitForURL("**/attention");
    await expect.poll(() => page.getByTestId("attention-item").count()).toBe(1);
    expect(await page.getByTestId("attention-item").textContent()).toContain("隐患");
  }, 120_000);
});
