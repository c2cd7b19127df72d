// Issue #4's day in the browser, every step through the app's own pages: a duty teacher, with
// no network, does the morning round (早查) of three campus areas and reports one hazard with a
// photo from it; the gatekeeper, also offline, reports a perimeter hazard on the booth phone;
// both come back online and sync; the admin's 今日看板 shows the three areas checked and both
// hazards; the area's responsible person (the fixer) rectifies with an "after" photo; the duty
// teacher who reported it verifies and closes it. Screenshots of a round and of the board at
// 360x740 are saved in test-results/.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  passWindowPrompt,
  pending,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";
import { jpegWithExif } from "../support/test-images.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

/** Today's date in the school's time zone, as the round page takes it. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

async function phoneFor(login: string): Promise<Phone> {
  const phone = await signIn(server.url, login);
  phones.push(phone);
  return phone;
}

async function photo(seed: number) {
  return { name: `photo-${seed}.jpg`, mimeType: "image/jpeg", buffer: await jpegWithExif({ seed }) };
}

/** Opens the round page of an area for this morning's round (no network needed: the app is cached). */
async function openMorningRound(page: Page, areaId: string, areaName: string) {
  await page.evaluate((to) => {
    history.pushState(null, "", to);
    dispatchEvent(new Event("safety-rounds:navigate"));
  }, `/round/${areaId}?round=morning&date=${today()}`);
  await page.getByRole("heading", { name: areaName }).waitFor();
}

describe("a day of hazard checks, offline then online (issue #4)", () => {
  beforeAll(async () => {
    server = await startTestServer({ demoActivity: false });
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("rounds and reports made offline reach the admin's board; the fixer rectifies with a photo; the reporter closes", async () => {
    const school = await serverDevice(server.url);
    const all = await school.pullAll();
    const areaId = (name: string) =>
      String([...all.values()].find((c) => c.entityType === "area" && c.data.name === name)?.entityId);
    const stairs = "教学楼楼梯";
    const checked = [stairs, "走廊栏杆", "厕所"];

    // ── The morning duty teacher, no network ──
    const duty = await phoneFor("duty1");
    const dutyProblems = watchForProblems(duty.page);
    await duty.context.setOffline(true);

    await openMorningRound(duty.page, areaId(stairs), stairs);
    const item = duty.page.getByTestId("check-item").first();
    await item.getByRole("button", { pressed: false }).click();
    await item.getByLabel("问题说明").fill("三楼扶手螺丝松动，扶手晃动");
    await item.getByLabel(/拍照/).setInputFiles(await photo(11));
    await item.getByTestId("photo-thumbs").locator("img").waitFor();
    await screenshot(duty.page, "hazard-day-round-360x740.png", item);
    await duty.page.getByRole("button", { name: "保存并上报 1 条隐患" }).click();
    await passWindowPrompt(duty.page, duty.page.getByTestId("round-saved"));

    for (const name of checked.slice(1)) {
      await openMorningRound(duty.page, areaId(name), name);
      await duty.page.getByRole("button", { name: "检查无异常，保存" }).click();
      await passWindowPrompt(duty.page, duty.page.getByTestId("round-saved"));
    }
    // Three rounds and one hazard wait on the phone.
    await expect.poll(() => pending(duty.page)).toBe(4);

    // ── The gatekeeper on the booth phone, no network either ──
    const gate = await phoneFor("gatekeeper");
    const gateProblems = watchForProblems(gate.page);
    await gate.context.setOffline(true);
    await gate.page.getByRole("link", { name: /报告周边隐患/ }).click();
    await gate.page.getByRole("button", { name: "门前道路路口", exact: true }).click();
    await gate.page.keyboard.type("路口减速带损坏，车辆车速快");
    await gate.page.getByRole("button", { name: "上报", exact: true }).click();
    await gate.page.waitForURL(/\/hazards\//);
    await expect.poll(() => pending(gate.page)).toBe(1);

    // ── Both find the network again ──
    await duty.context.setOffline(false);
    await gate.context.setOffline(false);
    await expect.poll(() => pending(duty.page), SYNC_TIMEOUT).toBe(0);
    await expect.poll(() => pending(gate.page), SYNC_TIMEOUT).toBe(0);

    // ── The admin's board ──
    const admin = await phoneFor("admin");
    const adminProblems = watchForProblems(admin.page);
    await admin.page.getByRole("link", { name: "今日看板" }).click();
    await admin.page.getByTestId("round-tab-morning").click();
    for (const name of checked) {
      const cell = admin.page.getByTestId("group-campus").getByLabel(new RegExp(`^${name}：`));
      expect(await cell.getAttribute("data-status"), name).toMatch(/^(done|late)$/);
    }
    const hazards = admin.page.getByTestId("board-hazards").first();
    await hazards.getByRole("link", { name: /三楼扶手螺丝松动/ }).waitFor();
    await hazards.getByRole("link", { name: /路口减速带损坏/ }).waitFor();
    await screenshot(admin.page, "hazard-day-board-360x740.png");

    // ── The stairs' responsible person rectifies with an "after" photo ──
    const fixer = await phoneFor("facilities");
    const fixerProblems = watchForProblems(fixer.page);
    await fixer.page
      .getByRole("link", { name: /三楼扶手螺丝松动/ })
      .first()
      .click();
    await fixer.page.getByTestId("hazard-page").waitFor();
    await fixer.page.getByTestId("action-rectify").click();
    const rectify = fixer.page.getByTestId("form-rectify");
    await rectify.getByLabel("整改说明").fill("已更换螺丝并加固扶手");
    await rectify.locator('input[type="file"]').setInputFiles(await photo(12));
    await rectify.getByTestId("photo-thumbs").locator("img").waitFor();
    await rectify.getByRole("button", { name: "整改完成" }).click();
    await fixer.page.getByTestId("step-saved").waitFor();
    await expect.poll(() => pending(fixer.page), SYNC_TIMEOUT).toBe(0);
    // The fixer cannot sign off their own work (HZ-S4).
    expect(await fixer.page.getByTestId("action-close").count()).toBe(0);

    // ── The duty teacher who found it verifies and closes ──
    await duty.page.evaluate(() => {
      history.pushState(null, "", "/");
      dispatchEvent(new Event("safety-rounds:navigate"));
    });
    // Her phone learns of the rectification at its next sync; she asks for one rather than wait
    // for the minute's timer (a tap while a sync runs is taken up by that sync, so ask again).
    const toVerify = duty.page.getByTestId("to-verify").getByRole("link", { name: /三楼扶手螺丝松动/ });
    await expect
      .poll(async () => {
        if ((await toVerify.count()) > 0) return true;
        await duty.page.getByRole("button", { name: "立即同步" }).click();
        return false;
      }, SYNC_TIMEOUT)
      .toBe(true);
    await toVerify.click();
    await expect
      .poll(() => duty.page.getByTestId("hazard-state").textContent(), SYNC_TIMEOUT)
      .toBe("已整改待验收");
    await duty.page.getByTestId("action-close").click();
    await duty.page.getByTestId("form-close").getByRole("button", { name: "验收关闭" }).click();
    await expect.poll(() => duty.page.getByTestId("hazard-state").textContent()).toBe("已验收关闭");
    await expect.poll(() => pending(duty.page), SYNC_TIMEOUT).toBe(0);

    // What the server has: three morning rounds by the duty teacher, the hazard closed by its
    // reporter after the fixer's rectification, both photos uploaded, the gate's report open.
    const end = [...(await school.pullAll()).values()];
    const rounds = end.filter((c) => c.entityType === "round" && c.data.date === today());
    expect(rounds.map((c) => c.data.areaId).sort()).toEqual(checked.map(areaId).sort());
    expect(new Set(rounds.map((c) => c.data.round))).toEqual(new Set(["morning"]));
    const fixed = end.find((c) => c.entityType === "hazard" && String(c.data.description).includes("扶手"));
    const dutyId = (await serverDevice(server.url, "duty1")).userId;
    const fixerId = (await serverDevice(server.url, "facilities")).userId;
    expect(fixed?.data).toMatchObject({
      state: "closed",
      reportedBy: dutyId,
      closedBy: dutyId,
      rectification: { by: fixerId },
    });
    const [before] = (fixed?.data.photos ?? []) as string[];
    const [after] = ((fixed?.data.rectification ?? { photos: [] }) as { photos: string[] }).photos;
    expect(await school.hasPhoto(String(before))).toBe(true);
    expect(await school.hasPhoto(String(after))).toBe(true);
    const gateReport = end.find(
      (c) => c.entityType === "hazard" && c.data.description === "路口减速带损坏，车辆车速快",
    );
    expect(gateReport?.data.state).toMatch(/^(reported|assigned)$/);

    expect([...dutyProblems, ...gateProblems, ...adminProblems, ...fixerProblems]).toEqual([]);
  }, 300_000);
});
