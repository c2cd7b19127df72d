// The app fits a cheap phone (360x740) in both languages: no page scrolls sideways, the
// controls named below are at least 44x44 CSS px to tap, and a control that carries an
// aria-label says its visible words too (axe's label-content-name-mismatch: a voice-control user
// says what they see). axe-core is not installed, so the checks are measured here directly;
// they are soft, so one run lists every misfit.
// Needs `npm run build` first (`npm test` does it). Screenshots go to test-results/ui-fit-*.png.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DutySlot } from "../../src/domain/roster.ts";
import { atLocal, localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import { parseClockTime } from "../../src/domain/time-slots.ts";
import type { SchoolSettings } from "../../src/protocol/reference.ts";
import { openPath, screenshot, serverDevice, signIn, watchForProblems } from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

const WIDTH = 360;
const TAP = 44;

let server: { url: string; stop(): Promise<void> };
let phone: Phone | undefined;
/** The server's clock; the test moves it (and the phone's) into a morning duty slot. */
let serverNow = new Date();

/** The words a sighted person reads on the element: no aria-hidden marks, no clipped-away text. */
function visibleText(target: Locator): Promise<string> {
  return target.evaluate((root) => {
    let text = "";
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[aria-hidden="true"]')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      text += node.textContent ?? "";
    }
    return text;
  });
}

/** The accessible name and description Chromium computes: what assistive technology is given. */
async function accessible(target: Locator): Promise<{ name: string; description: string }> {
  const page = target.page();
  await target.evaluate((el) => el.setAttribute("data-ui-fit-name", ""));
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", {
      nodeId: root.nodeId,
      selector: "[data-ui-fit-name]",
    });
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    return {
      name: String(nodes[0]?.name?.value ?? ""),
      description: String(nodes[0]?.description?.value ?? ""),
    };
  } finally {
    await cdp.detach();
    await target.evaluate((el) => el.removeAttribute("data-ui-fit-name"));
  }
}

/** Whitespace differs between rendered text and a computed name; the words must not. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

async function expectNameHasVisibleText(target: Locator, what: string) {
  const visible = squeeze(await visibleText(target));
  const { name } = await accessible(target);
  expect.soft(visible.length, `${what}: has visible text`).toBeGreaterThan(0);
  expect.soft(squeeze(name), `${what}: its accessible name "${name}" says what it shows`).toContain(visible);
}

async function expectTappable(target: Locator, what: string) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, `${what} is on the page`).not.toBeNull();
  expect.soft(box?.width ?? 0, `${what}: width`).toBeGreaterThanOrEqual(TAP);
  expect.soft(box?.height ?? 0, `${what}: height`).toBeGreaterThanOrEqual(TAP);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe("ui fit: 360 px wide, 44 px taps, names that say what they show", () => {
  beforeAll(async () => {
    server = await startTestServer({ clock: () => serverNow });
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("fits every page named in both languages", async () => {
    const admin = await serverDevice(server.url, "admin");
    const pupil = await admin.find("pupil", (d) => d.isBoarder === true);
    expect(pupil, "the demo school has boarders").toBeDefined();
    // Someone to call on /duty and /where whatever the hour the test runs at: both clocks at
    // ten minutes into the next morning duty the roster staffs.
    const all = await admin.pullAll();
    const school = [...all.values()].find((c) => c.entityType === "school");
    const settings = effectiveSettings((school?.data.settings ?? {}) as SchoolSettings);
    const today = localDateOf(new Date(), settings.timeZone);
    const morning = [...all.values()]
      .filter((c) => c.entityType === "dutySlot")
      .map((c) => c.data as unknown as DutySlot)
      .filter((s) => s.kind === "morning" && s.date >= today && s.staffIds.length > 0)
      .sort((a, b) => a.date.localeCompare(b.date))[0];
    expect(morning, "a staffed morning duty ahead").toBeDefined();
    serverNow = atLocal(
      morning?.date ?? today,
      (parseClockTime(settings.timeSlots.morning.start) ?? 0) + 10,
      settings.timeZone,
    );

    phone = await signIn(server.url, "admin", { at: serverNow });
    const { page } = phone;
    const problems = watchForProblems(page);

    // Each page, once its content is in: what to wait for.
    const pages: { path: string; ready: Locator }[] = [
      { path: "/board", ready: page.locator("a.area-cell").first() },
      { path: "/close-day", ready: page.getByTestId("gap-count") },
      { path: "/month-class", ready: page.locator('[data-testid^="class-month-week-"]').first() },
      { path: "/roster-setup", ready: page.getByTestId("template-row").first() },
      { path: "/duty", ready: page.getByTestId("now-class") },
      { path: `/where?pupil=${pupil?.id}`, ready: page.getByTestId("custody") },
    ];

    for (const lang of ["zh", "en"] as const) {
      const langButton = page.getByRole("banner").getByRole("button", {
        name: lang === "zh" ? "切换到英文" : "Switch to Chinese",
      });
      await expectNameHasVisibleText(langButton, `${lang}: the language button`);
      await expectTappable(langButton, `${lang}: the language button`);

      const syncNow = page.getByTestId("sync-strip").getByRole("button");
      await expectTappable(syncNow, `${lang}: the sync-now button`);

      const wide: string[] = [];
      let calls = 0;
      for (const { path, ready } of pages) {
        await openPath(page, path);
        await ready.waitFor();
        const name = path.slice(1).replace(/\?.*/, "");
        await screenshot(page, `ui-fit-${lang}-${name}.png`, ready);
        const width = await pageWidth(page);
        if (width > WIDTH) wide.push(`${path} is ${width} px wide`);
        for (const call of await page.locator('a[href^="tel:"]').all()) {
          await expectTappable(call, `${lang} ${path}: the call link ${await call.getAttribute("href")}`);
          calls++;
        }
      }
      expect.soft(wide, `${lang}: pages wider than the phone`).toEqual([]);
      expect(calls, `${lang}: /duty and /where show someone to call`).toBeGreaterThan(0);

      // 今日看板: the date arrows, and a cell says its short name.
      await openPath(page, "/board");
      const cell = page.locator("a.area-cell").first();
      await cell.waitFor();
      await expectTappable(
        page.getByRole("button", { name: lang === "zh" ? "前一天" : "Previous day" }),
        `${lang}: ‹`,
      );
      await expectTappable(
        page.getByRole("button", { name: lang === "zh" ? "后一天" : "Next day" }),
        `${lang}: ›`,
      );
      await expectNameHasVisibleText(cell, `${lang}: a board cell`);

      // A round's checklist: each toggle says its item and its state as shown.
      await cell.click();
      const toggle = page.getByTestId("check-item").first().locator(".check-toggle");
      await toggle.waitFor();
      await expectNameHasVisibleText(toggle, `${lang}: a checklist toggle`);
      const okHint = (await accessible(toggle)).description;
      await toggle.click();
      await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
      await screenshot(page, `ui-fit-${lang}-round.png`, toggle);
      await expectNameHasVisibleText(toggle, `${lang}: a checklist toggle marked as a problem`);
      // What a tap does is still said, as the description, and it follows the state.
      const problemHint = (await accessible(toggle)).description;
      expect.soft(okHint, `${lang}: the toggle says what a tap does`).not.toBe("");
      expect.soft(problemHint, `${lang}: … and what a tap undoes`).not.toBe("");
      expect.soft(problemHint).not.toBe(okHint);

      if (lang === "zh") await langButton.click();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
