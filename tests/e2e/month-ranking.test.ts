// Issue #7 §2, §4 and §5 in the browser: on the demo school the admin opens 月度安全评比 for the
// month of last week, sees every class ranked (ties share a rank) with its parts, offline marks
// a class 安全先进班级 with a citation (a too-long one is refused naming the limit), sees it
// waiting to sync, looks at the charts, exports the CSV (UTF-8 with BOM) and opens the A4 print
// page. Back online the mark reaches the server; a class teacher's phone shows it and offers
// no control. Screenshots at 360x740 go to test-results/month-*.png. Needs `npm run build`.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commendationId, MAX_CITATION, monthOf } from "../../src/domain/commendation.ts";
import { addDays, localDateOf } from "../../src/domain/school-calendar.ts";
import { mondayOf } from "../../src/domain/weekly-summary.ts";
import {
  openPath,
  pending,
  RESULTS,
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

describe("monthly safety ranking: ranked, commended offline, charted, printed and exported", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("the admin ranks the month, commends a class offline; everyone sees the mark", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const classes = [...all.values()].filter((c) => c.entityType === "class").map((c) => c.data);
    // The month of last week: at least one of its school weeks has begun, with the demo's records.
    const month = monthOf(addDays(mondayOf(localDateOf(new Date(), "Asia/Shanghai")), -7));

    const phone = await signIn(server.url, "admin");
    phones.push(phone);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    await openPath(page, `/month?m=${month}`);
    const ranking = page.getByTestId("month-ranking");
    await ranking.waitFor();
    const rows = ranking.locator('[data-testid^="month-row-"]');
    expect(await rows.count()).toBe(classes.length);
    const ranks = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-rank"))));
    const totals = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-total"))));
    expect(ranks[0]).toBe(1);
    // MS-4: higher first; equal scores share a rank, the next skips.
    ranks.forEach((rank, i) => {
      if (i === 0) return;
      expect(totals[i] as number).toBeLessThanOrEqual(totals[i - 1] as number);
      expect(rank).toBe(totals[i] === totals[i - 1] ? ranks[i - 1] : i + 1);
    });
    // Every row has the five parts with the counts behind them.
    expect(await rows.first().locator("[data-part]").count()).toBe(5);
    expect(await rows.first().locator('[data-part="rounds"]').textContent()).toMatch(/巡查[\d.]+\d+\/\d+/);
    await screenshot(page, "month-ranking.png", page.getByRole("heading", { name: "月度安全评比" }));

    // The rule table, one tap away.
    await page.getByTestId("month-rules").locator("summary").click();
    expect(await page.getByTestId("month-rules").textContent()).toContain("教室巡查完成率");

    // Offline, the admin commends the last class in the ranking; a too-long citation is refused.
    await context.setOffline(true);
    const last = rows.last();
    const classId = ((await last.getAttribute("data-testid")) as string).replace("month-row-", "");
    const control = page.getByTestId(`month-commend-${classId}`);
    await control.getByTestId("month-commend-open").click();
    await control.getByTestId("month-commend-citation").fill("安".repeat(MAX_CITATION + 1));
    await control.getByTestId("month-commend-save").click();
    await expect.poll(() => control.getByRole("alert").textContent()).toContain(`最多 ${MAX_CITATION} 字`);
    const citation = "本月教室巡查坚持不懈，隐患整改及时。";
    await control.getByTestId("month-commend-citation").fill(citation);
    await control.getByTestId("month-commend-save").click();
    const row = page.getByTestId(`month-row-${classId}`);
    await row.getByTestId("month-commended").waitFor();
    await row.getByTestId("month-commend-pending").waitFor();
    expect(await row.textContent()).toContain(citation);
    await screenshot(page, "month-commended.png", row);

    // The charts: hazards by area kind and month, rounds done against due by round.
    const hazards = page.getByTestId("month-chart-hazards");
    expect(await hazards.locator("rect.bar").count()).toBe(6 * 3);
    const rounds = page.getByTestId("month-chart-rounds");
    expect(await rounds.locator("[data-category]").count()).toBe(3);
    await screenshot(page, "month-charts.png", hazards);
    await rounds.scrollIntoViewIfNeeded();
    await screenshot(page, "month-charts-rounds.png", rounds);

    // CSV: UTF-8 with BOM, a header and one row per class, the commended class marked.
    // The file as the page hands it to the browser (downloadText: a blob and a link's click).
    await page.evaluate(() => {
      const w = window as unknown as { csvFile?: { name: string; bytes: number[] } };
      const blobs = new Map<string, Blob>();
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob) => {
        const url = create(blob);
        blobs.set(url, blob);
        return url;
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        const blob = blobs.get(this.href);
        if (blob)
          void blob.arrayBuffer().then((bytes) => {
            // Bytes as they reach the file: Blob.text() would drop the BOM.
            w.csvFile = { name: this.download, bytes: [...new Uint8Array(bytes)] };
          });
      };
    });
    await page.getByTestId("month-csv").click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { csvFile?: unknown }).csvFile !== undefined))
      .toBe(true);
    const { name, bytes } = await page.evaluate(
      () => (window as unknown as { csvFile: { name: string; bytes: number[] } }).csvFile,
    );
    expect(name).toBe(`月度安全评比-${month}.csv`);
    const file = Buffer.from(bytes);
    writeFileSync(`${RESULTS}month-${month}.csv`, file);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = file.toString("utf8");
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]?.startsWith("月份,名次,班级,班主任,总分,")).toBe(true);
    expect(lines).toHaveLength(classes.length + 1);
    expect(lines.filter((l) => l.includes(`,是,${citation}`))).toHaveLength(1);

    // The A4 page: the rule table, every class with every part, the commended class, the charts.
    await page.getByTestId("month-print").click();
    const print = page.getByTestId("month-print-view");
    await print.waitFor();
    expect(await page.getByTestId("month-print-ranking").locator("tbody tr").count()).toBe(classes.length);
    expect(await print.textContent()).toContain(citation);
    expect(await print.locator("figure.bar-chart").count()).toBe(2);
    await screenshot(page, "month-print.png");
    // As paper: A4 width, the app's frame and the print button hidden.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("month-print-button").isVisible()).toBe(false);
    await page.screenshot({ path: `${RESULTS}month-print-a4.png`, fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 360, height: 740 });

    // Online: the mark reaches the server.
    await context.setOffline(false);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const saved = await admin.find("commendation", (d) => d.id === commendationId(month, classId));
    expect(saved).toMatchObject({ month, classId, commended: true, citation });
    expect(problems).toEqual([]);

    // A class teacher's phone shows the mark and offers no control.
    const teacherPhone = await signIn(server.url, "teacher101");
    phones.push(teacherPhone);
    const tp = teacherPhone.page;
    await openPath(tp, `/month?m=${month}`);
    const theirRow = tp.getByTestId(`month-row-${classId}`);
    await theirRow.getByTestId("month-commended").waitFor({ timeout: SYNC_TIMEOUT.timeout });
    expect(await tp.getByTestId(`month-commend-${classId}`).count()).toBe(0);
    expect(await tp.getByTestId("month-commend-open").count()).toBe(0);
    // In English too, the five parts still fit a 360 px card.
    await tp.getByRole("button", { name: "切换到英文" }).click();
    await expect.poll(() => tp.getByTestId("month-rules").textContent()).toContain("How the score is made");
    const width = await tp.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await screenshot(tp, "month-en.png", theirRow);
  }, 240_000);
});
