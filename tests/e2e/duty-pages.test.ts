// The duty pages in the browser (SPEC §1, issue #5 §3): on the demo school with its generated
// term, a duty teacher signs in; the home card says who is responsible now; 现在负责 shows
// the campus, a class and a dorm room (a gap in red, never blank); offline, 我的值班 lists the
// next duties with their tasks and 申请换班 saves a swap request that reaches the server once
// the phone is back online. Screenshots at 360x740 go to test-results/.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf } from "../../src/domain/school-calendar.ts";
import {
  pending,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
let phone: Phone | undefined;

interface SlotData {
  id: string;
  date: string;
  kind: string;
  staffIds: string[];
}

describe("duty pages: responsible now, my duties, a swap asked offline", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("shows who is responsible and my next duties, offline too", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const today = localDateOf(new Date(), "Asia/Shanghai");
    const last = addDays(today, 13);
    const staff = [...all.values()].filter((c) => c.entityType === "staff").map((c) => c.data);
    const slots = [...all.values()]
      .filter((c) => c.entityType === "dutySlot")
      .map((c) => c.data as unknown as SlotData)
      .filter((s) => s.date > today && s.date <= last && s.kind !== "holiday" && s.staffIds.length > 0)
      .sort((a, b) => a.date.localeCompare(b.date));
    // A duty teacher with a campus duty after today (so it has not begun: it can be swapped).
    const dutyTeachers = staff.filter((s) => (s.roles as string[]).includes("duty_teacher"));
    const mySlot = slots.find(
      (s) => s.kind !== "night" && dutyTeachers.some((t) => s.staffIds.includes(t.id as string)),
    );
    expect(mySlot, "the demo roster has a duty in the next two weeks").toBeDefined();
    const me = dutyTeachers.find((t) => mySlot?.staffIds.includes(t.id as string)) as Record<string, unknown>;
    const colleague = dutyTeachers.find((t) => t.id !== me.id && !mySlot?.staffIds.includes(t.id as string));
    expect(colleague).toBeDefined();

    phone = await signIn(server.url, me.login as string);
    const { page, context } = phone;
    const problems = watchForProblems(page);

    // Home: the 现在负责 card (lazy) with the campus now and the next hand-over.
    const card = page.getByTestId("duty-card");
    await card.waitFor();
    expect(["held", "gap", "vacation", "class_time_campus"]).toContain(await card.getAttribute("data-state"));
    expect(((await card.textContent()) ?? "").trim().length).toBeGreaterThan(4);
    await screenshot(page, "duty-home-card.png", card);

    // 现在负责 from the bottom navigation: three cards, none blank.
    await page.getByRole("link", { name: "值班", exact: true }).click();
    await page.waitForURL(/\/duty/);
    for (const id of ["now-campus", "now-class", "now-room"]) {
      const section = page.getByTestId(id);
      await section.waitFor();
      const state = await section.getAttribute("data-state");
      expect(["held", "gap", "vacation", "class_time_campus", "room_closed"], id).toContain(state);
      if (state === "gap")
        await expect.poll(() => section.getByTestId("now-gap").textContent()).toBe("本时段无人值班");
      if (state === "held") expect(await section.getByTestId("holder-name").count()).toBeGreaterThan(0);
    }
    expect(await page.getByRole("link", { name: "值班", exact: true }).getAttribute("aria-current")).toBe(
      "page",
    );
    await screenshot(page, "duty-now.png");

    // Offline: 我的值班 from what the phone has.
    await context.setOffline(true);
    await page.getByRole("link", { name: "我的值班" }).click();
    await page.waitForURL(/\/my-duties/);
    await page.getByTestId("duty-item").first().waitFor();
    await expect.poll(() => page.getByTestId("duty-freshness").textContent()).toMatch(/离线/);
    const item = page.locator(`[data-testid="duty-item"][data-kind="${mySlot?.kind}"]`).first();
    expect(await item.textContent()).toMatch(/值日/);
    await screenshot(page, "my-duties.png");

    // 申请换班 on that duty: the swap page opens with it chosen; ask the colleague, offline.
    await page.locator(`a[href="/swaps?give=${encodeURIComponent(mySlot?.id ?? "")}"]`).click();
    await page.waitForURL(/\/swaps\?give=/);
    expect(await page.locator('select[name="give"]').inputValue()).toBe(mySlot?.id);
    await page.locator('select[name="counterpart"]').selectOption(colleague?.id as string);
    await page.locator('textarea[name="reason"]').fill("家中有事");
    await page.getByTestId("swap-submit").click();
    await page.getByTestId("swap-saved").waitFor();
    const mine = page.getByTestId("swaps-mine").getByTestId("swap-row").first();
    expect(await mine.getByTestId("swap-state").textContent()).toBe("待对方同意");
    expect(await mine.getByTestId("pending-tag").count()).toBe(1);
    await screenshot(page, "swaps-asked-offline.png", mine);

    // Online again: the request reaches the server as asked, with the slot's version as shown.
    await context.setOffline(false);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const swap = await admin.find("swap", (d) => d.askedBy === me.id);
    expect(swap).toMatchObject({
      state: "asked",
      counterpartId: colleague?.id,
      give: { slotId: mySlot?.id },
    });
    expect(problems).toEqual([]);

    // The colleague accepts from their phone; the general-affairs head approves on theirs (待审批,
    // both slots shown) and the roster changes (SW-2, SW-3).
    const other = await serverDevice(server.url, colleague?.login as string);
    await other.push("swap.step", { swapId: swap?.id, step: "accept" });
    const head = await signIn(server.url, "admin");
    try {
      const adminPage = head.page;
      await adminPage.getByRole("link", { name: "值班", exact: true }).click();
      await adminPage.getByRole("link", { name: "换班", exact: true }).click();
      const row = adminPage.getByTestId("swaps-approve").getByTestId("swap-row").first();
      await row.waitFor();
      expect(await row.getByTestId("swap-state").textContent()).toBe("待审批");
      await screenshot(adminPage, "swaps-to-approve.png", row);
      await row.getByTestId("swap-approve").click();
      // The step is saved a moment after the tap: wait for the server's answer, not the strip.
      await expect
        .poll(async () => (await admin.find("swap", (d) => d.id === swap?.id))?.state, SYNC_TIMEOUT)
        .toBe("approved");
      const slot = await admin.find("dutySlot", (d) => d.id === mySlot?.id);
      expect(slot?.staffIds).toContain(colleague?.id);
      expect(slot?.staffIds).not.toContain(me.id);
    } finally {
      await head.close();
    }
  }, 240_000);
});
