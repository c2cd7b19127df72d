// Issue #14 §5, 等我处理 on home, in the browser with the real server and two phones: the demo's
// duty1 has a swap waiting for them (README), and home shows it with the count on the home
// tab; a class teacher gives a dismissal roll call on the evening duty1 holds, and duty1's
// home (the phone's clock moved to that evening) shows it waiting to be received, the tab
// counts it, 交接 lists it first; once received, the card, the tab and 交接 drop it. The admin's
// home shows the demo's swap waiting for approval.
// Screenshots at 360x740 go to test-results/waiting-*.png.
// Needs `npx vite build` first (`npm test` does it). Never downloads a browser.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoverId } from "../../src/domain/handover.ts";
import { CAMPUS, type DutySlot, dutySlotId } from "../../src/domain/roster.ts";
import { addDays, atLocal, localDateOf } from "../../src/domain/school-calendar.ts";
import {
  type Change,
  moveClock,
  openPath,
  pending,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

const TZ = "Asia/Shanghai";
let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];
/** The server's clock: the real time first, then that evening with the phones (windows, RW-1). */
let serverNow = new Date();

interface Row {
  id: string;
  [key: string]: unknown;
}
const of = (all: Map<string, Change>, type: string) =>
  [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Row);

/** The card's count, the tab's count and the tab's spoken label (0 and "" when absent). */
async function counts(page: Page) {
  const card = page.getByTestId("waiting-card");
  const badge = page.getByTestId("nav-waiting");
  return {
    card: (await card.count()) ? Number(await card.getAttribute("data-count")) : 0,
    badge: (await badge.count()) ? Number(await badge.getAttribute("data-count")) : 0,
  };
}

describe("waiting for me, on home (等我处理)", () => {
  beforeAll(async () => {
    server = await startTestServer({ clock: () => serverNow });
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("shows the swap and the hand-over waiting on duty1, counts them on the tab, and drops what is done", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const staff = of(all, "staff");
    const byId = new Map((of(all, "dutySlot") as unknown as DutySlot[]).map((s) => [s.id, s]));
    const duty1 = staff.find((s) => s.login === "duty1") as Row;

    // duty1's next evening on the roster (README: within 14 days), and a boarding class whose
    // class teacher is not on that evening.
    let date = localDateOf(new Date(), TZ);
    for (
      let i = 0;
      i < 14 && !byId.get(dutySlotId(date, "evening", CAMPUS))?.staffIds.includes(duty1.id);
      i++
    )
      date = addDays(date, 1);
    const evening = byId.get(dutySlotId(date, "evening", CAMPUS)) as DutySlot;
    expect(evening?.staffIds, "duty1 holds an evening in the next 14 days").toContain(duty1.id);
    const boarders = of(all, "pupil").filter((p) => p.isBoarder);
    const schoolClass = of(all, "class").find(
      (c) =>
        c.classTeacherId &&
        !evening.staffIds.includes(c.classTeacherId as string) &&
        boarders.some((p) => p.classId === c.id),
    ) as Row;
    const teacher = staff.find((s) => s.id === schoolClass.classTeacherId)?.login as string;
    // 16:35 on that evening: dismissal (the evening slot starts at 16:30), not yet late (17:00).
    const dismissalAt = atLocal(date, 16 * 60 + 35, TZ);

    // ── duty1, at the real time: the demo's swap waits for their answer ──
    const dp = await signIn(server.url, "duty1");
    phones.push(dp);
    const d = dp.page;
    const problems = watchForProblems(d);
    await d.locator('[data-testid="waiting-item"][data-kind="swapAccept"]').waitFor();
    const before = await counts(d);
    expect(before.card).toBeGreaterThan(0);
    expect(before.badge).toBe(before.card);
    expect(await d.getByRole("link", { name: `首页 ${before.card} 项等我处理` }).count()).toBe(1);
    await screenshot(d, "waiting-swap.png");
    await d.getByRole("button", { name: "切换到英文" }).click();
    await d.getByText(`Waiting for me (${before.card})`).waitFor();
    await screenshot(d, "waiting-swap-en.png");
    await d.getByRole("button", { name: "Switch to Chinese" }).click();
    // One tap opens the swap to answer.
    await d.locator('[data-testid="waiting-item"][data-kind="swapAccept"]').first().click();
    await d.getByTestId("swaps-incoming").waitFor();
    expect(await d.getByTestId("swaps-incoming").textContent()).toContain("等我同意（1）");

    // ── The class teacher, at dismissal on that evening, gives the class ──
    serverNow = dismissalAt;
    const tp = await signIn(server.url, teacher, { at: dismissalAt });
    phones.push(tp);
    const t = tp.page;
    problems.push(...watchForProblems(t));
    await openPath(t, `/roll-call/dismissal/${schoolClass.id}?date=${date}`);
    await t.getByTestId("rc-pupil").first().waitFor();
    const present = Number(await t.getByTestId("rc-count-expected").getAttribute("data-count"));
    await t.getByTestId("rc-give").click();
    await t.getByTestId("rc-given").waitFor();
    await expect.poll(() => pending(t), SYNC_TIMEOUT).toBe(0);

    // ── duty1's phone at that evening, a few minutes later: the hand-over waits on them ──
    serverNow = new Date(dismissalAt.getTime() + 5 * 60_000);
    // Moved hours ahead, the phone locks as idle: the PIN opens it again.
    await moveClock(d, serverNow);
    await openPath(d, "/");
    const id = handoverId(date, "dismissal", { kind: "class", classId: schoolClass.id });
    const link = `/roll-call/dismissal/${schoolClass.id}?date=${date}`;
    const toReceive = d.locator(`[data-testid="waiting-item"][data-kind="receive"][href="${link}"]`);
    await toReceive.waitFor(SYNC_TIMEOUT);
    expect(await toReceive.textContent()).toContain(`实到 ${present} 人`);
    // The receive comes first.
    expect(await d.getByTestId("waiting-item").first().getAttribute("data-kind")).toBe("receive");
    const waiting = await counts(d);
    expect(waiting.badge).toBe(waiting.card);
    await screenshot(d, "waiting-receive.png");

    // 交接 lists it first, and counts what waits.
    await openPath(d, "/handovers");
    const section = d.getByTestId("handovers-to-receive");
    await section.waitFor();
    expect(await d.locator("section[data-testid^='handovers-']").first().getAttribute("data-testid")).toBe(
      "handovers-to-receive",
    );
    expect(await section.locator(`[data-key="${id}"]`).count()).toBe(1);
    // Its count is what still waits: every card under it, this one among them.
    const waitingThere = await section.getByTestId("ho-item").count();
    expect(await d.locator("#ho-to-receive").textContent()).toBe(`待接收（${waitingThere}）`);
    await screenshot(d, "waiting-handovers.png");

    // ── One tap from home to the roll call; received, it drops from the card and the tab ──
    await openPath(d, "/");
    await toReceive.click();
    await d.getByTestId("receive-panel").waitFor();
    await d.getByTestId("receive-count").fill(String(present));
    await d.getByTestId("receive-confirm").click();
    await openPath(d, "/");
    await d.getByTestId("waiting-card").or(d.getByTestId("my-rounds")).first().waitFor();
    await expect.poll(() => toReceive.count()).toBe(0);
    await expect.poll(() => counts(d)).toEqual({ card: waiting.card - 1, badge: waiting.card - 1 });
    await screenshot(d, "waiting-received.png");

    await openPath(d, "/handovers");
    await d.getByTestId("handovers-rest").or(d.getByTestId("handovers-to-give")).first().waitFor();
    // 待接收 dropped by one (gone when it was the only one).
    if (waitingThere > 1)
      expect(await d.locator("#ho-to-receive").textContent()).toBe(`待接收（${waitingThere - 1}）`);
    else expect(await d.getByTestId("handovers-to-receive").count()).toBe(0);
    expect(await d.locator(`[data-testid="handovers-to-receive"] [data-key="${id}"]`).count()).toBe(0);
    expect(await d.locator(`[data-testid="handovers-rest"] [data-key="${id}"]`).count()).toBe(1);

    // ── The admin: the demo's swap accepted by the colleague waits for approval ──
    const ap = await signIn(server.url, "admin");
    phones.push(ap);
    problems.push(...watchForProblems(ap.page));
    await ap.page.locator('[data-testid="waiting-item"][data-kind="swapApprove"]').waitFor();
    expect((await counts(ap.page)).badge).toBe((await counts(ap.page)).card);
    await screenshot(ap.page, "waiting-admin.png");

    await expect.poll(() => pending(d), SYNC_TIMEOUT).toBe(0);
    const record = await admin.find("handover", (h) => h.id === id);
    expect(record).toMatchObject({ state: "completed", receive: { by: duty1.id, count: present } });
    expect(problems).toEqual([]);
  }, 300_000);
});
