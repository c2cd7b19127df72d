// Issue #14 §4, the urgent banner that leaves room to work, in the browser against the real
// server: the class teacher marks two pupils 下落不明 at the dismissal roll call (the first while
// offline: the one line says it is not sent); on the caretaker's phone at 360x640, still doing
// the bed check of their room, the banner is ONE line saying how many, and the roll call's own
// count bar and the tab bar stay in view; opened, 已找到 and the people to call are on screen
// without the page scrolling, the panel leaves the count bar in view, the texts follow the
// reader's language; the admin's four alerts (two pupils, a critical hazard, a count dispute)
// are one line saying how many, opening to a list that scrolls inside itself; both pupils are
// found and the banner goes. The date comes from the roster
// (?date=), never from the wall-clock hour. Screenshots: test-results/urgent-banner-*.png.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import type { Locator, Page } from "playwright-core";
import { ulid } from "ulidx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMPUS, type DutySlot, dutySlotId } from "../../src/domain/roster.ts";
import { addDays, localDateOf } from "../../src/domain/school-calendar.ts";
import {
  type Change,
  openPath,
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

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];
const VIEWPORT = { width: 360, height: 640 };

interface Row {
  id: string;
  [key: string]: unknown;
}
const of = (all: Map<string, Change>, type: string) =>
  [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Row);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not on screen");
  return { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width, height: b.height };
}

/** Entirely inside the 360x640 viewport. */
async function expectInViewport(locator: Locator) {
  const b = await box(locator);
  expect(b.top).toBeGreaterThanOrEqual(0);
  expect(b.left).toBeGreaterThanOrEqual(0);
  expect(b.bottom).toBeLessThanOrEqual(VIEWPORT.height);
  expect(b.right).toBeLessThanOrEqual(VIEWPORT.width);
}

/** The sticky top (bar, sync strip, banner) ends above the roll call's count bar, which ends above the tabs. */
async function expectActionBarsClear(page: Page) {
  const top = await box(page.locator(".top"));
  const bar = await box(page.getByTestId("rc-bar"));
  const nav = await box(page.locator(".bottom-nav"));
  expect(top.bottom).toBeLessThanOrEqual(bar.top);
  expect(bar.bottom).toBeLessThanOrEqual(nav.top + 1);
  expect(nav.bottom).toBeLessThanOrEqual(VIEWPORT.height + 1);
  await expectInViewport(page.getByTestId("rc-give"));
}

async function markUnaccounted(page: Page, pupilId: string) {
  await page.locator(`[data-pupil-id="${pupilId}"]`).click();
  await page.getByTestId("rc-reason-unaccounted").click();
  await page.getByTestId("rc-unaccounted-yes").click();
}

describe("the urgent banner leaves room to work", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("is one line on a 360x640 phone, opens to 已找到 and the calls in view, and goes when found", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const staff = of(all, "staff");
    const pupils = of(all, "pupil").filter((p) => p.isBoarder);
    const slots = of(all, "dutySlot") as unknown as DutySlot[];
    const byId = new Map(slots.map((s) => [s.id, s]));
    const login = (id: string) => staff.find((s) => s.id === id)?.login as string;

    // The next date with an evening duty teacher on the roster; a boarding class whose class
    // teacher is not on it, and two of its boarders who share a dorm room with a night caretaker.
    let date = localDateOf(new Date(), "Asia/Shanghai");
    while (!byId.get(dutySlotId(date, "evening", CAMPUS))?.staffIds.length) date = addDays(date, 1);
    const evening = byId.get(dutySlotId(date, "evening", CAMPUS)) as DutySlot;
    let pick: { cls: Row; missing: Row[]; room: Row; caretaker: string } | undefined;
    for (const cls of of(all, "class")) {
      if (!cls.classTeacherId || evening.staffIds.includes(cls.classTeacherId as string)) continue;
      const mine = pupils.filter((p) => p.classId === cls.id);
      for (const p of mine) {
        const roommates = mine.filter((q) => q.dormRoomId === p.dormRoomId);
        const room = of(all, "dormRoom").find((r) => r.id === p.dormRoomId);
        const night =
          room &&
          (byId.get(dutySlotId(date, "night", { kind: "room", roomId: room.id }))?.staffIds[0] ??
            byId.get(dutySlotId(date, "night", { kind: "building", building: room.building as string }))
              ?.staffIds[0]);
        if (roommates.length >= 2 && room && night) {
          pick = { cls, missing: roommates.slice(0, 2), room, caretaker: night };
          break;
        }
      }
      if (pick) break;
    }
    if (!pick) throw new Error("the demo school has no class with two roommates and a caretaker that night");
    const { cls, missing, room, caretaker } = pick;
    const [first, second] = missing as [Row, Row];

    const [tp, cp] = await Promise.all([
      signIn(server.url, login(cls.classTeacherId as string)),
      signIn(server.url, login(caretaker)),
    ]);
    phones.push(tp, cp);
    const problems = [tp, cp].map((p) => watchForProblems(p.page));
    const t = tp.page;
    const c = cp.page;
    await c.setViewportSize(VIEWPORT);

    // ── The class teacher: one pupil marked missing offline — the one line says "not sent" ──
    await openPath(t, `/roll-call/dismissal/${cls.id}?date=${date}`);
    await t.getByTestId("rc-pupil").first().waitFor();
    await tp.context.setOffline(true);
    await markUnaccounted(t, first.id);
    const teacherLine = t.getByTestId("alert-line");
    await t.locator('[data-testid="alert-line"][data-undelivered="true"]').waitFor();
    expect(await teacherLine.textContent()).toContain("未送达");
    expect(await teacherLine.textContent()).toContain(first.name as string);
    expect((await box(teacherLine)).height).toBeLessThanOrEqual(52);
    await screenshot(t, "urgent-banner-not-sent.png");
    // Opened: it says so and whom to phone (who is on duty by this phone's roster, the class
    // teacher, the admin, the principal), with no 已找到 before it has reached anyone.
    await teacherLine.click();
    const queuedItem = t.locator('[data-testid="alert-unaccounted"][data-undelivered="true"]');
    await queuedItem.waitFor();
    expect(await queuedItem.textContent()).toContain("此报警尚未送达");
    await queuedItem.getByTestId("alert-call").first().waitFor();
    expect(await queuedItem.getByTestId("alert-found").count()).toBe(0);
    await screenshot(t, "urgent-banner-not-sent-open.png");
    await teacherLine.click();
    // Back online it goes out; the second pupil goes at once.
    await tp.context.setOffline(false);
    await expect
      .poll(() => t.locator('[data-testid="alert-line"][data-undelivered]').count(), SYNC_TIMEOUT)
      .toBe(0);
    await markUnaccounted(t, second.id);
    await t.getByTestId("rc-alert-raised").waitFor();
    const present = Number(await t.getByTestId("rc-count-present").getAttribute("data-count"));
    await t.getByTestId("rc-give").click();
    await passWindowPrompt(t, t.getByTestId("rc-given"));
    await expect.poll(() => pending(t), SYNC_TIMEOUT).toBe(0);

    // ── The caretaker's phone, 360x640, in the middle of the bed check of that room ─────────
    await openPath(c, `/roll-call/bedCheck/${room.id}?date=${date}`);
    await c.getByTestId("rc-pupil").first().waitFor();
    const line = c.getByTestId("alert-line");
    await expect.poll(() => c.getByTestId("alert-bar").getAttribute("data-count"), SYNC_TIMEOUT).toBe("2");
    // ONE line: how many, the newest pupil, the minutes since, 查看 — all on one row.
    const lineBox = await box(line);
    expect(lineBox.height).toBeLessThanOrEqual(52);
    expect((await box(c.locator(".alert-line-text"))).height).toBeLessThanOrEqual(26);
    expect(await c.getByTestId("alert-count").textContent()).toBe("2 条");
    expect(await line.textContent()).toContain("下落不明");
    expect(await line.textContent()).toContain("查看");
    // The whole line is the button (≥ 44 px tall); 查看 is inside it.
    await expectInViewport(c.getByTestId("alert-toggle"));
    expect(await line.evaluate((el) => el.tagName)).toBe("BUTTON");
    expect(lineBox.height).toBeGreaterThanOrEqual(44);
    // The page's own action bar and the tabs stay in view, several pupil rows between.
    await expectActionBarsClear(c);
    const rowsInView = await c.getByTestId("rc-pupil").evaluateAll(
      (rows, height) =>
        rows.filter((r) => {
          const b = r.getBoundingClientRect();
          return b.top >= 0 && b.bottom <= height;
        }).length,
      VIEWPORT.height,
    );
    expect(rowsInView).toBeGreaterThanOrEqual(1);
    await screenshot(c, "urgent-banner-collapsed.png");

    // ── Opened: 已找到 and the calls on screen; the page does not scroll; the bars stay ──────
    const scrollBefore = await c.evaluate(() => window.scrollY);
    await line.click();
    const panel = c.getByTestId("alert-panel");
    await panel.waitFor();
    const items = c.getByTestId("alert-unaccounted");
    await expect.poll(() => items.count()).toBe(2);
    const found = items.first().getByTestId("alert-found");
    await found.waitFor();
    await items.first().getByTestId("alert-call").first().waitFor();
    await expectInViewport(found);
    await expectInViewport(items.first().getByTestId("alert-call").first());
    expect((await box(found)).height).toBeGreaterThanOrEqual(44);
    for (const call of await items.first().getByTestId("alert-call").all())
      expect((await box(call)).height).toBeGreaterThanOrEqual(44);
    expect(await c.evaluate(() => window.scrollY)).toBe(scrollBefore);
    await expectActionBarsClear(c);
    // The newest first; every call's name contains what it shows (label in name).
    expect(await items.first().textContent()).toContain(second.name as string);
    const names = await c
      .locator('a[data-testid="alert-call"], [data-testid="alert-line"]')
      .evaluateAll((els) =>
        els.map((el) => {
          const shown = el.cloneNode(true) as HTMLElement;
          for (const hidden of shown.querySelectorAll(".visually-hidden")) hidden.remove();
          const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
          return {
            visible: squash(shown.textContent),
            name: squash(el.getAttribute("aria-label") ?? el.textContent),
          };
        }),
      );
    expect(names.length).toBeGreaterThan(1);
    for (const { visible, name } of names) expect(name).toContain(visible);
    await screenshot(c, "urgent-banner-expanded.png");

    // In English, the same alerts in English only (names and rooms as the school typed them).
    await c.getByRole("button", { name: "切换到英文" }).click();
    await expect.poll(() => line.textContent()).toContain("Unaccounted:");
    expect(await line.textContent()).toContain("Hide");
    const english = (await items.first().locator(".alert-item-meta").textContent()) ?? "";
    expect(english).toContain("Marked at the roll call by");
    await screenshot(c, "urgent-banner-english.png");
    await c.getByRole("button", { name: "Switch to Chinese" }).click();
    await expect.poll(() => line.textContent()).toContain("下落不明");

    // ── The admin, with four alerts: one line saying how many, opening to the list ─────────
    // A count that differs at the dismissal hand-over, and a critical hazard at the gate.
    const duty = await serverDevice(server.url, login(evening.staffIds[0] as string));
    const group = { kind: "class", classId: cls.id };
    await duty.push("handover.receive", {
      handover: {
        id: `${date}|dismissal|class:${cls.id}`,
        date,
        kind: "dismissal",
        group,
        count: present - 1,
        confirmedOn: "own_phone",
      },
    });
    const gatekeeper = await serverDevice(server.url, "gatekeeper");
    const gate = of(all, "area").find((a) => a.name === "校门") as Row;
    await gatekeeper.push("hazard.report", {
      hazard: {
        id: ulid(),
        areaId: gate.id,
        place: "校门口东侧",
        severity: "critical",
        description: "施工围挡倒塌占道",
        photos: [],
        roundId: null,
        checklistItemId: null,
        assigneeId: null,
        alertId: null,
        deadline: new Date(Date.now() + 3 * 60 * 60_000).toISOString(),
      },
    });
    const head = await signIn(server.url, "admin");
    phones.push(head);
    problems.push(watchForProblems(head.page));
    const h = head.page;
    await h.setViewportSize(VIEWPORT);
    await expect.poll(() => h.getByTestId("alert-bar").getAttribute("data-count"), SYNC_TIMEOUT).toBe("4");
    expect(await h.getByTestId("alert-count").textContent()).toBe("4 条");
    expect((await box(h.getByTestId("alert-line"))).height).toBeLessThanOrEqual(52);
    await screenshot(h, "urgent-banner-admin-line.png");
    await h.getByTestId("alert-line").click();
    const list = h.getByTestId("alert-panel");
    await list.waitFor();
    await h.getByTestId("alert-disputed").waitFor();
    expect(await h.getByTestId("alert-unaccounted").count()).toBe(2);
    // Unaccounted pupils first, then the hazard, then the count; 已找到 in view.
    await expectInViewport(h.getByTestId("alert-found").first());
    const disputedText = (await h.getByTestId("alert-disputed").textContent()) ?? "";
    expect(disputedText).toContain(`交出 ${present} 人，接收 ${present - 1} 人`);
    expect(disputedText).not.toMatch(/given|received/);
    expect(await h.getByTestId("alert-critical").textContent()).toContain("施工围挡倒塌占道");
    // The list scrolls inside the panel; the page and its tab bar stay where they were.
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await h.evaluate(() => window.scrollY)).toBe(0);
    const navBox = await box(h.locator(".bottom-nav"));
    expect((await box(list)).bottom).toBeLessThanOrEqual(navBox.top);
    await screenshot(h, "urgent-banner-admin-list.png");
    await h.getByTestId("alert-disputed").scrollIntoViewIfNeeded();
    expect(await h.evaluate(() => window.scrollY)).toBe(0);
    await screenshot(h, "urgent-banner-admin-list-end.png");

    // ── Found: where (required) and when; the alert closes, then the other ─────────────────
    const foundOne = async (item: Locator, where: string) => {
      await item.getByTestId("alert-found").click();
      const form = item.getByTestId("found-form");
      await form.waitFor();
      await form.locator('[name="where"]').fill(where);
      return form;
    };
    const form = await foundOne(items.first(), "宿舍楼后面的自行车棚");
    await screenshot(c, "urgent-banner-found-form.png");
    await form.getByTestId("found-save").click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await c.getByTestId("alert-count").count()).toBe(0);
    expect(await line.textContent()).toContain(first.name as string);
    await expectActionBarsClear(c);
    await (await foundOne(items.first(), "医务室")).getByTestId("found-save").click();
    await expect.poll(() => items.count()).toBe(0);
    // What stays is the count dispute (caretakers see those), quieter, in one line.
    await expect.poll(() => c.getByTestId("alert-bar").getAttribute("data-kind")).toBe("handover_disputed");
    expect(await line.textContent()).not.toContain("下落不明");
    await expectActionBarsClear(c);
    await screenshot(c, "urgent-banner-found.png");

    // The server has both closed with where they were found.
    await expect.poll(() => pending(c), SYNC_TIMEOUT).toBe(0);
    const closed = of(await admin.pullAll(), "alert").filter(
      (a) => a.kind === "unaccounted_pupil" && (a.subjectId === first.id || a.subjectId === second.id),
    );
    expect(closed.map((a) => [a.subjectId, a.status, (a.found as { where?: string })?.where]).sort()).toEqual(
      [
        [first.id, "resolved", "医务室"],
        [second.id, "resolved", "宿舍楼后面的自行车棚"],
      ].sort(),
    );
    // Stored as facts, in no language (AL-1..3).
    expect(closed.every((a) => (a.facts as { kind?: string })?.kind === "unaccounted_pupil")).toBe(true);
    expect(problems.flat()).toEqual([]);
  }, 300_000);
});
