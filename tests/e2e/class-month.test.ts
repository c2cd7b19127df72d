// Issue #7 §2 in the browser: a class teacher of the demo school opens /month-class offline and
// lands on their own class's month: the score and rank, each part opening to the records behind
// it, the week-by-week chart with each week linking to its summary; another class opens by
// link; an unknown class is named back. Screenshots at 360x740 go to test-results/class-month-*.png.
// Needs `npm run build` first (`npm test` does it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths } from "../../src/domain/commendation.ts";
import { SCORE_PARTS } from "../../src/domain/monthly-score.ts";
import { localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import { weeksOfMonth } from "../../src/domain/weekly-summary.ts";
import type { SchoolSettings } from "../../src/protocol/reference.ts";
import { openPath, screenshot, serverDevice, signIn, watchForProblems } from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

describe("a class's month: every number with the records behind it", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("a class teacher reads their class's month offline, part by part", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const classes = [...all.values()].filter((c) => c.entityType === "class").map((c) => c.data);
    const teacher = [...all.values()].find(
      (c) => c.entityType === "staff" && c.data.login === "teacher201",
    )?.data;
    const own = classes.find((c) => c.classTeacherId === teacher?.id);
    const other = classes.find((c) => c.id !== own?.id);
    expect(own && other).toBeTruthy();
    const month = localDateOf(new Date(), "Asia/Shanghai").slice(0, 7);

    const phone = await signIn(server.url, "teacher201");
    phones.push(phone);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    await context.setOffline(true);

    await openPath(page, "/month-class");
    const total = page.getByTestId("class-month-total");
    await total.waitFor();
    expect(page.url()).toContain(`/month-class`);
    expect(await page.locator("#summary-class").inputValue()).toBe(own?.id);
    expect(await total.textContent()).toMatch(/本月得分[\d.]+ 分满分 100全校第 \d+ 名（共 \d+ 个班）/);
    await screenshot(page, "class-month-top.png");

    for (const part of SCORE_PARTS) {
      const line = page.getByTestId(`class-month-part-${part}`);
      await line.locator("summary").click();
      expect(await line.getAttribute("open")).not.toBeNull();
    }
    await screenshot(page, "class-month-rounds.png", page.getByTestId("class-month-part-rounds"));
    await screenshot(page, "class-month-hazards.png", page.getByTestId("class-month-part-hazardsOnTime"));
    await screenshot(page, "class-month-lessons.png", page.getByTestId("class-month-part-lessons"));
    const chart = page.getByTestId("class-month-chart");
    await screenshot(page, "class-month-chart.png", chart);
    expect(await chart.locator("rect.bar").count()).toBeGreaterThan(0);

    // The last week of the chart opens that week's summary of the class.
    const weekLinks = page.locator('[data-testid^="class-month-week-"]');
    const lastWeek = weekLinks.last();
    const weekStart = ((await lastWeek.getAttribute("data-testid")) ?? "").replace("class-month-week-", "");
    await screenshot(page, "class-month-weeks.png", lastWeek);
    await lastWeek.click();
    await page.waitForURL(`**/summary?week=${weekStart}&class=${own?.id}`);

    // Another class, by link (the ranking is public), and the month before.
    await openPath(page, `/month-class?m=${month}&class=${other?.id}`);
    await page.getByTestId("class-month-total").waitFor();
    expect(await page.locator("#summary-class").inputValue()).toBe(other?.id);
    await page.locator("#class-month-month").selectOption({ index: 1 });
    await page.waitForURL(`**/month-class?m=*&class=${other?.id}`);
    expect(page.url()).not.toContain(`m=${month}`);
    await page.getByTestId("class-month-total").waitFor();
    await screenshot(page, "class-month-last-month.png");

    // A class with an unaccounted pupil and one with hazards in its areas: each record listed,
    // the pupil linking to /where (or, not seen on this phone, named neutrally without a link:
    // need-to-know.ts NK-10), the hazard to its page.
    const data = (type: string) =>
      [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Record<string, string>);
    const alert = data("alert").find((a) => a.kind === "unaccounted_pupil");
    const pupil = data("pupil").find((p) => p.id === alert?.subjectId);
    if (alert && pupil) {
      const alertMonth = localDateOf(new Date(alert.raisedAt as string), "Asia/Shanghai").slice(0, 7);
      await openPath(page, `/month-class?m=${alertMonth}&class=${pupil.classId}`);
      const line = page.getByTestId("class-month-part-noUnaccounted");
      await line.locator("summary").click();
      // The demo's incident is a grade-3 boarder; teacher201 teaches grade 2 and holds no evening.
      const hidden = line.getByTestId("class-month-pupil-hidden").first();
      await hidden.waitFor();
      expect(await hidden.textContent()).toBe("（本机不显示姓名）");
      expect(await line.getByTestId("class-month-pupil").count()).toBe(0);
      await screenshot(page, "class-month-unaccounted.png", line);
    }
    const classAreas = new Map(
      data("area")
        .filter((a) => a.classId)
        .map((a) => [a.id, a.classId]),
    );
    const hazard = data("hazard")
      .filter((h) => classAreas.has(h.areaId as string))
      .sort((a, b) => (b.foundAt as string).localeCompare(a.foundAt as string))[0];
    if (hazard) {
      const hazardMonth = localDateOf(new Date(hazard.foundAt as string), "Asia/Shanghai").slice(0, 7);
      await openPath(page, `/month-class?m=${hazardMonth}&class=${classAreas.get(hazard.areaId as string)}`);
      const line = page.getByTestId("class-month-part-hazardsOnTime");
      await line.locator("summary").click();
      await line.getByTestId("class-month-hazard").first().waitFor();
      await screenshot(page, "class-month-hazard-list.png", line);
    }

    // A month without school weeks (the one before the demo's term began) says so. The month is
    // read from the school's own terms, so the test holds on any date.
    const stored = [...all.values()].find((c) => c.entityType === "school")?.data.settings;
    const settings = effectiveSettings(stored as SchoolSettings);
    const firstTerm = [...settings.terms].sort((a, b) => a.start.localeCompare(b.start))[0];
    const before = addMonths((firstTerm?.start ?? month).slice(0, 7), -1);
    expect(weeksOfMonth(before, settings)).toEqual([]);
    await openPath(page, `/month-class?m=${before}&class=${own?.id}`);
    await page.getByTestId("class-month-no-weeks").waitFor();

    // In English, the rounds part opened.
    await openPath(page, `/month-class?m=${month}&class=${own?.id}`);
    await page.getByTestId("class-month-total").waitFor();
    await page.getByRole("button", { name: "切换到英文" }).click();
    await page.getByText("Score this month").waitFor();
    await page.getByTestId("class-month-part-hazardsOnTime").locator("summary").click();
    await screenshot(page, "class-month-en.png");
    await screenshot(page, "class-month-en-parts.png", page.getByTestId("class-month-part-hazardsOnTime"));
    await page.getByRole("button", { name: "Switch to Chinese" }).click();

    await openPath(page, `/month-class?m=${month}&class=no-such-class`);
    const notFound = page.getByTestId("class-month-not-found");
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain("no-such-class");
    await screenshot(page, "class-month-not-found.png");
    expect(problems).toEqual([]);
  }, 180_000);
});
