// Times that mean something (issue #14 §3) in the browser: on Monday at 07:54 — the phone's
// clock fixed there with page.clock.setFixedTime, the server's clock starting there too — a
// class teacher's dismissal roll call (放学交接, window 15:30–20:30) and noon round (午查,
// 12:00–14:00) are both outside their windows: each page says so and asks for a reason before
// saving; a quick chip answers it. The server keeps the reasons, the round as early, and the
// round does not count on the phone's "my rounds". Screenshots at 360x740 go to
// test-results/window-*.png. Needs `npm run build` (or `npx vite build`) first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openPath,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

/** Monday 2026-11-30, 07:54 in Shanghai: before morning classes, hours before dismissal. */
const MONDAY = "2026-11-30";
const START = new Date(`${MONDAY}T07:54:00+08:00`);

let server: { url: string; stop(): Promise<void> };
let phone: Phone | undefined;
let adminPhone: Phone | undefined;

interface Row {
  id: string;
  [key: string]: unknown;
}

describe("windows: a roll call and a round outside their windows ask for a reason", () => {
  beforeAll(async () => {
    // The server's clock runs on from START, so the phone (fixed at START) is never ahead of it.
    const began = Date.now();
    server = await startTestServer({ clock: () => new Date(START.getTime() + Date.now() - began) });
  });

  afterAll(async () => {
    await phone?.close();
    await adminPhone?.close();
    await server?.stop();
  });

  it("asks on the roll-call page and on a round page at 07:54, and keeps the reasons", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const of = (type: string) =>
      [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as unknown as Row);
    const teacher = of("staff").find((s) => s.login === "teacher201") as Row;
    const schoolClass = of("class").find((c) => c.classTeacherId === teacher.id) as Row;
    const classroom = of("area").find((a) => a.kind === "classroom" && a.classId === schoolClass.id) as Row;
    expect(schoolClass && classroom).toBeTruthy();

    phone = await signIn(server.url, "teacher201", { at: START });
    const { page } = phone;
    const problems = watchForProblems(page);

    // 放学交接 at 07:54: 交出 asks first, naming the window.
    await openPath(page, `/roll-call/dismissal/${schoolClass.id}`);
    await page.getByTestId("rc-give").click();
    const prompt = page.getByTestId("outside-window");
    await prompt.waitFor();
    expect(await prompt.getAttribute("data-timing")).toBe("early");
    const said = (await prompt.textContent()) ?? "";
    expect(said).toContain("15:30–20:30");
    expect(said).toContain("07:54");
    await screenshot(page, "window-roll-call.png");
    // "Not now" leaves the roll call as it was, unsaved.
    await prompt.getByRole("button", { name: "先不保存" }).click();
    await prompt.waitFor({ state: "detached" });
    await page.getByTestId("rc-give").click();
    await page.getByTestId("ow-chip-chipEarlyDismissal").click();
    await page.getByTestId("rc-given").waitFor();

    // 午查 at 07:54: early, and the page says it will not count.
    await openPath(page, `/round/${classroom.id}?round=noon&date=${MONDAY}`);
    await page.locator(".save-button").click();
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain("12:00–14:00");
    expect(await prompt.textContent()).toContain("不算作这次午查");
    await screenshot(page, "window-round.png");
    // An empty reason is refused in words; a typed one is saved.
    await page.getByTestId("ow-confirm").click();
    await prompt.getByText("请点一个原因或写几个字").waitFor();
    await prompt.getByRole("textbox").fill("上午要带学生外出");
    await page.getByTestId("ow-confirm").click();
    await page.getByTestId("round-saved-early").waitFor();
    await screenshot(page, "window-round-saved.png");

    // The server has both, with their reasons; the round as early.
    await expect
      .poll(
        async () =>
          (
            await admin.find(
              "handover",
              (h) => h.date === MONDAY && (h.group as { classId?: string }).classId === schoolClass.id,
            )
          )?.give,
        SYNC_TIMEOUT,
      )
      .toMatchObject({ outsideWindow: { reason: "提前放学" } });
    await expect
      .poll(
        async () =>
          admin.find("round", (r) => r.areaId === classroom.id && r.date === MONDAY && r.round === "noon"),
        SYNC_TIMEOUT,
      )
      .toMatchObject({ timing: "early", outsideWindow: { reason: "上午要带学生外出" } });

    // Home: the early noon check leaves the classroom's noon round to do (RD-6: upcoming).
    await openPath(page, "/");
    const noon = page.locator('[data-testid="my-rounds"] details[data-round="noon"]');
    await noon.locator("summary").click();
    const cell = noon.locator(`a[href^="/round/${classroom.id}"]`);
    await expect.poll(() => cell.getAttribute("class")).toContain("is-upcoming");
    await screenshot(page, "window-home.png", noon);

    // In English the prompt fits 360 px too (the evening round, still hours away).
    await page.getByRole("button", { name: "切换到英文" }).click();
    await openPath(page, `/round/${classroom.id}?round=evening&date=${MONDAY}`);
    await page.locator(".save-button").click();
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain("16:30–20:30");
    await screenshot(page, "window-round-en.png");
    await prompt.getByRole("button", { name: "Not now" }).click();
    await page.getByRole("button", { name: "Switch to Chinese" }).click();
    expect(problems).toEqual([]);

    // 学校设置: the admin sees the roll-call windows and lets early rounds count (RD-6).
    adminPhone = await signIn(server.url, "admin", { at: START });
    const a = adminPhone.page;
    const adminProblems = watchForProblems(a);
    await openPath(a, "/admin/school");
    const allow = a.getByRole("checkbox", { name: /提前做的检查也算数/ });
    expect(await allow.isChecked()).toBe(false);
    expect(await a.locator('input[name="rollCall-dismissal"]').inputValue()).toBe("15:30");
    expect(await a.locator('input[name="rollCall-bedCheck-end"]').inputValue()).toBe("06:30");
    await allow.check();
    await screenshot(a, "window-settings.png", allow);
    await a.getByRole("button", { name: "保存", exact: true }).click();
    await a.waitForURL(`${server.url}/admin`);
    await expect
      .poll(async () => (await admin.find("school", () => true))?.settings, SYNC_TIMEOUT)
      .toMatchObject({ allowEarlyRounds: true });

    // Once the teacher's phone has the setting, the same early check counts as the noon round.
    await page.getByRole("button", { name: "立即同步" }).click();
    await openPath(page, "/");
    await noon.locator("summary").click();
    await expect.poll(() => cell.getAttribute("class"), SYNC_TIMEOUT).toContain("is-done");
    await screenshot(page, "window-home-early-allowed.png", noon);
    expect(adminProblems).toEqual([]);
  }, 180_000);
});
