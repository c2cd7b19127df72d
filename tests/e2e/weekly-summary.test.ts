// Issue #7 §1 and §5 in the browser: on the demo school, the class teacher of a class that has
// not submitted last week's summary (the demo leaves a few missing, with the admin's reminder
// on the home screen), offline, opens /summary for that week, sees the numbers counted on the
// phone, writes a few words, saves a draft and submits (after a confirmation); the summary
// shows frozen and waiting to sync. Back online it reaches the server with its numbers; the
// admin's /summaries for that week shows the class submitted (late: the week was due last
// Monday) and the classes still missing. Screenshots at 360x740 go to
// test-results/summary-*.png. Needs `npm run build` first (`npm test` does it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf } from "../../src/domain/school-calendar.ts";
import { mondayOf, weeklySummaryId } from "../../src/domain/weekly-summary.ts";
import {
  type Change,
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

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

interface Row {
  id: string;
  [key: string]: unknown;
}
const of = (all: Map<string, Change>, type: string) =>
  [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Row);

describe("weekly class summary: drafted and submitted offline, seen by the admin", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("a class teacher submits last week's summary offline; the admin sees it and the missing ones", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    // The last complete school week: already due (WS-3), so a class without a summary is missing.
    const week = addDays(mondayOf(localDateOf(new Date(), "Asia/Shanghai")), -7);
    const summaries = of(all, "weeklySummary").filter((s) => s.weekStart === week);
    const withSummary = new Set(summaries.map((s) => s.classId as string));
    const staff = of(all, "staff");
    const missing = of(all, "class")
      .filter((c) => c.classTeacherId && !withSummary.has(c.id))
      .sort((a, b) => (a.grade as number) - (b.grade as number));
    expect(missing.length, "the demo leaves classes missing last week's summary").toBeGreaterThanOrEqual(2);
    const schoolClass = missing[0] as Row;
    const teacher = staff.find((s) => s.id === schoolClass.classTeacherId) as Row;

    // The class teacher signs in online; the home card says last week's summary is missing,
    // with the admin's reminder.
    const phone = await signIn(server.url, teacher.login as string);
    phones.push(phone);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    const card = page.getByTestId("summary-card");
    await card.waitFor();
    await card.getByTestId("summary-card-reminder").waitFor();
    expect(await card.textContent()).toContain("上周小结：未提交");

    // Offline from here on.
    await context.setOffline(true);
    await openPath(page, `/summary?week=${week}&class=${schoolClass.id}`);
    const status = page.getByTestId("sum-status");
    await status.waitFor();
    expect(await status.getAttribute("data-status")).toBe("missing");
    // The numbers, counted on the phone; the rounds line opens to the missed slots.
    const roundsLine = page.getByTestId("sum-rounds");
    expect(await roundsLine.textContent()).toMatch(/教室巡查：应查 \d+ 次，已查 \d+ 次/);
    await roundsLine.locator("summary").click();
    expect(await roundsLine.getAttribute("open")).not.toBeNull();
    await screenshot(page, "summary-numbers.png", page.getByRole("heading", { name: "班级每周安全小结" }));

    // Submitting with no words is refused with a message naming what is missing.
    await page.getByTestId("sum-submit").click();
    await expect.poll(() => page.getByTestId("sum-draft").textContent()).toContain("请先写几句小结再提交");

    const words = "本周班级安全情况平稳。周四午查漏查一次，已提醒值日生。下周重点：课间追逐打闹。";
    await page.getByRole("textbox", { name: "班主任小结" }).fill(words);
    await page.getByTestId("sum-save").click();
    await expect.poll(() => status.getAttribute("data-status")).toBe("draft");
    await page.getByTestId("sum-pending").waitFor();
    await screenshot(page, "summary-draft.png");

    await page.getByTestId("sum-submit").click();
    await page.getByTestId("sum-confirm-submit").click();
    await page.getByTestId("sum-submitted").waitFor();
    expect(await page.getByTestId("sum-words").textContent()).toBe(words);
    expect(await status.getAttribute("data-status")).toBe("submitted_late");
    expect(await page.getByTestId("sum-submitted-line").textContent()).toContain(teacher.name as string);
    await page.getByTestId("sum-pending").waitFor();
    await screenshot(page, "summary-submitted.png");

    // Online: the summary reaches the server, submitted, with the numbers the teacher saw.
    await context.setOffline(false);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const saved = await admin.find("weeklySummary", (d) => d.id === weeklySummaryId(week, schoolClass.id));
    expect(saved).toMatchObject({
      state: "submitted",
      text: words,
      submittedBy: teacher.id,
      numbers: { weekStart: week },
    });

    // The admin's week: the class submitted (late), the other missing ones still missing.
    const head = await signIn(server.url, "admin");
    phones.push(head);
    const hp = head.page;
    const adminProblems = watchForProblems(hp);
    await openPath(hp, `/summaries?week=${week}`);
    await hp.getByTestId("sums-list").waitFor();
    const statusOf = (classId: string) =>
      hp
        .getByTestId("sums-row")
        .filter({ has: hp.locator(`[data-class-id="${classId}"]`) })
        .getByTestId("sums-status")
        .getAttribute("data-status");
    await expect.poll(() => statusOf(schoolClass.id), SYNC_TIMEOUT).toBe("submitted_late");
    for (const other of missing.slice(1)) expect(await statusOf(other.id)).toBe("missing");
    expect(Number(await hp.getByTestId("sums-count-missing").getAttribute("data-count"))).toBe(
      missing.length - 1,
    );
    await screenshot(hp, "summary-admin-week.png");

    // The reminder form picks every class not submitted by default; the print view lists every class.
    const remind = hp.getByTestId("sums-remind");
    expect(await remind.locator('input[type="checkbox"]:checked').count()).toBeGreaterThanOrEqual(
      missing.length - 1,
    );
    await hp.getByTestId("sums-print").click();
    await hp.getByTestId("sums-print-view").waitFor();
    expect(await hp.getByTestId("sums-print-class").count()).toBe(of(all, "class").length);
    await screenshot(hp, "summary-print.png", hp.getByRole("heading", { name: "班级每周安全小结" }));
    expect(problems).toEqual([]);
    expect(adminProblems).toEqual([]);
  }, 240_000);
});
