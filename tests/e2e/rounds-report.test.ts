// Issue #4 (the recording half) end to end in the system Chromium, against the real server and
// the built app: a class teacher, OFFLINE, records a round of her classroom with one exception
// reported as a hazard with a photo; the page says it is saved on the phone and waiting; back
// online it syncs (the round, the hazard naming it, and the photo reach the server). Then the
// gatekeeper reports a perimeter hazard on the booth phone in three taps plus the words.
// Screenshots of the round page at 360x740 land in test-results/.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  passWindowPrompt,
  pending,
  readStore,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice as serverView,
  signIn as signInPhone,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";
import { jpegWithExif } from "../support/test-images.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

async function signIn(login: string): Promise<Phone> {
  const phone = await signInPhone(server.url, login);
  phones.push(phone);
  return phone;
}

/** The photos saved on this phone, straight from IndexedDB (name and upload state). */
async function localPhotos(page: Page): Promise<{ sha256: string; status: string }[]> {
  const rows = await readStore<{ sha256: string; status: string }>(page, "photos");
  return rows.map(({ sha256, status }) => ({ sha256, status }));
}

/** A tap on the home page's round list: opens the round group first when it is folded. */
async function openRoundOf(page: Page, areaName: string): Promise<void> {
  const visible = page.locator("details[open] [data-testid=round-area]", { hasText: areaName });
  if ((await visible.count()) === 0) await page.locator("details.round-group > summary").first().click();
  await page.locator("details[open] [data-testid=round-area]", { hasText: areaName }).first().click();
}

describe("rounds and hazard reports, offline first (issue #4)", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("a class teacher records a round offline with one exception reported as a hazard with a photo; online, all of it syncs", async () => {
    const { page, context } = await signIn("teacher102");
    const problems = watchForProblems(page);
    await page.getByTestId("my-rounds").waitFor();

    // The network goes; the work goes on.
    await context.setOffline(true);
    await openRoundOf(page, "一年级2班教室");
    await page.waitForURL(/\/round\//);
    await page.getByRole("heading", { name: "一年级2班教室" }).waitFor();
    const items = page.getByTestId("check-item");
    expect(await items.count()).toBeGreaterThan(5);
    // Every item is OK until tapped; with no exception the save is "checked, nothing found".
    expect(await page.locator("[data-testid=check-item].is-exception").count()).toBe(0);
    await page.getByRole("button", { name: "检查无异常，保存" }).waitFor();
    await screenshot(page, "round-360x740.png");

    // One tap marks the wiring as a problem, which opens the note, the report option and photos.
    const wiring = items.filter({ hasText: "电线线路" });
    await wiring.getByRole("button", { pressed: false }).click();
    await wiring.getByLabel("问题说明").fill("讲台下插线板电线破皮");
    expect(await wiring.getByRole("checkbox", { name: /上报隐患/ }).isChecked()).toBe(true);
    const photo = await jpegWithExif({ width: 1200, height: 900, seed: 7 });
    await wiring
      .getByLabel(/拍照/)
      .setInputFiles({ name: "wiring.jpg", mimeType: "image/jpeg", buffer: photo });
    await wiring.getByTestId("photo-thumbs").locator("img").waitFor();
    await screenshot(page, "round-exception-360x740.png", wiring.getByLabel("问题说明"));

    await page.getByRole("button", { name: "保存并上报 1 条隐患" }).click();
    const saved = page.getByTestId("round-saved");
    await passWindowPrompt(page, saved);
    expect(await page.getByTestId("round-sync-state").textContent()).toContain(
      "已保存在本机，联网后自动同步",
    );
    // The hazard's line shows its id until the view row is read back (a moment on a busy phone).
    await expect
      .poll(() => page.getByTestId("saved-hazard").textContent())
      .toContain("电线线路：讲台下插线板电线破皮");
    // The round and the hazard wait in the outbox, the photo on its own lane.
    await expect.poll(() => pending(page)).toBe(2);
    // (The save asks for a sync at once; with no network it comes straight back.)
    await expect.poll(() => page.getByTestId("sync-headline").textContent(), SYNC_TIMEOUT).toBe("2 条待同步");
    const photos = await localPhotos(page);
    expect(photos).toHaveLength(1);
    expect(photos[0]?.status).toBe("pending");
    await screenshot(page, "round-saved-offline-360x740.png");

    // Online again: everything goes, and the page says so.
    await context.setOffline(false);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    await expect
      .poll(() => page.getByTestId("round-sync-state").textContent(), SYNC_TIMEOUT)
      .toContain("已同步到学校服务器");
    await expect.poll(async () => (await localPhotos(page))[0]?.status, SYNC_TIMEOUT).toBe("uploaded");

    const view = await serverView(server.url);
    const sha256 = photos[0]?.sha256 ?? "";
    const hazard = await view.find("hazard", (h) => String(h.description).includes("讲台下插线板电线破皮"));
    expect(hazard).toMatchObject({
      place: "一年级2班教室",
      severity: "general",
      photos: [sha256],
      state: "assigned",
    });
    const round = await view.find("round", (r) => r.id === hazard?.roundId);
    expect(round).toMatchObject({ hazardIds: [hazard?.id], note: "" });
    const roundItems = (round?.items ?? []) as { labelZh: string; ok: boolean; note: string }[];
    expect(roundItems.filter((i) => !i.ok)).toEqual([
      expect.objectContaining({ labelZh: expect.stringContaining("电线线路"), note: "讲台下插线板电线破皮" }),
    ]);
    expect(await view.hasPhoto(sha256)).toBe(true);
    expect(problems).toEqual([]);
  }, 180_000);

  it("the gatekeeper reports a perimeter hazard on the booth phone within three taps plus the words", async () => {
    const { page } = await signIn("gatekeeper");
    const problems = watchForProblems(page);
    let taps = 0;

    await page.getByRole("link", { name: /报告周边隐患/ }).click();
    taps++;
    await page.waitForURL(/\/report\?quick=perimeter/);
    await page.getByRole("button", { name: "校门", exact: true }).click();
    taps++;
    // The area's tap puts the cursor in the description: no tap to type.
    await page.keyboard.type("校门口有陌生人徘徊，已劝离");
    expect(await page.getByLabel(/隐患描述/).inputValue()).toBe("校门口有陌生人徘徊，已劝离");
    await screenshot(page, "report-perimeter-360x740.png");
    await page.getByRole("button", { name: "上报", exact: true }).click();
    taps++;
    await page.waitForURL(/\/hazards\//);
    expect(taps).toBeLessThanOrEqual(3);

    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const view = await serverView(server.url);
    const hazard = await view.find("hazard", (h) => h.description === "校门口有陌生人徘徊，已劝离");
    expect(hazard).toMatchObject({ severity: "general", roundId: null });
    const gate = await view.find("area", (a) => a.id === hazard?.areaId);
    expect(gate).toMatchObject({ name: "校门", kind: "perimeter" });
    expect(problems).toEqual([]);
  }, 120_000);
});
