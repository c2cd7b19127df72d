// 六个一 in the browser (issue #7 §3): on the demo school a class teacher, offline, records this
// week's safety lesson of their class on /education (the only kind they may record, their class
// preselected); it shows done and not yet sent. Back online it syncs, and the admin's term
// calendar (opened from the home screen) shows it done. Screenshot at 360x740:
// test-results/education-calendar.png (the admin's calendar), and education-{form,teacher,duties}.png.
// Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDUCATION_KINDS } from "../../src/domain/safety-education.ts";
import { addDays, isSchoolDay, localDateOf, weekdayOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import {
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

describe("safety education: a class teacher records this week's lesson offline", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const p of phones) await p.close();
    await server?.stop();
  });

  it("records it offline; after sync the admin's calendar shows it done", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const of = (type: string) =>
      [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as unknown as Row);
    const settings = effectiveSettings(of("school")[0]?.settings as Parameters<typeof effectiveSettings>[0]);
    const today = localDateOf(new Date(), settings.timeZone);
    const monday = addDays(today, 1 - weekdayOf(today));
    // This week's latest school day up to today (a weekend records Friday's lesson).
    let date = today;
    while (date >= monday && !isSchoolDay(date, settings)) date = addDays(date, -1);
    expect(date >= monday, "the demo has school this week").toBe(true);
    const lessons = of("education").filter((e) => e.kind === "weeklyLesson" && (e.date as string) >= monday);
    const staff = of("staff");
    // A plain class teacher (no leadership role) whose class has no lesson this week yet.
    const schoolClass = of("class").find((c) => {
      const teacher = staff.find((s) => s.id === c.classTeacherId);
      const roles = (teacher?.roles ?? []) as string[];
      return roles.length === 1 && roles[0] === "class_teacher" && !lessons.some((l) => l.classId === c.id);
    });
    if (!schoolClass) throw new Error("the demo has a class without this week's lesson");
    const teacher = staff.find((s) => s.id === schoolClass.classTeacherId) as Row;

    const phone = await signIn(server.url, teacher.login as string);
    phones.push(phone);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    await context.setOffline(true);
    await openPath(page, "/education");
    await page.getByTestId("education-page").waitFor();
    // Class teacher: only the weekly lesson of their own class; the grid shows their class only.
    const rows = page.getByTestId("education-grid-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-class-id")).toBe(schoolClass.id);
    const cell = rows.first().locator(`td[data-week="${monday}"]`);
    expect(["due", "missed"]).toContain(await cell.getAttribute("data-status"));

    await page.getByTestId("education-record").click();
    const form = page.getByTestId("education-form");
    await form.waitFor();
    const kinds = await form
      .locator('select[name="kind"] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(kinds).toEqual(["weeklyLesson"]);
    expect(EDUCATION_KINDS).toContain(kinds[0]);
    expect(await form.locator('select[name="classId"]').inputValue()).toBe(schoolClass.id);
    await form.locator('input[name="date"]').fill(date);
    // Saving without a topic names the field.
    await page.getByTestId("education-save").click();
    await page.getByTestId("form-problems").waitFor();
    expect(await page.getByTestId("form-problems").textContent()).toContain("请填写主题");
    await form.locator('input[name="topic"]').fill("防溺水安全教育：不私自下河游泳");
    await form.locator('textarea[name="note"]').fill("班会课，播放视频并讨论");
    await screenshot(page, "education-form.png", page.getByTestId("education-save"));
    await page.getByTestId("education-save").click();
    await page.getByTestId("education-saved").waitFor();
    await expect.poll(() => cell.getAttribute("data-status")).toBe("done");
    expect(await cell.locator(".is-pending").count()).toBe(1);
    await expect.poll(() => pending(page)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "education-teacher.png");

    // Online: it goes to the server.
    await context.setOffline(false);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const saved = await admin.find(
      "education",
      (d) => d.classId === schoolClass.id && d.date === date && d.kind === "weeklyLesson",
    );
    expect(saved).toMatchObject({ recordedBy: teacher.id, topic: "防溺水安全教育：不私自下河游泳" });

    // The admin opens 安全教育 from the home screen: every class, this one done this week.
    const adminPhone = await signIn(server.url, "admin");
    phones.push(adminPhone);
    const adminProblems = watchForProblems(adminPhone.page);
    await adminPhone.page.getByRole("link", { name: "安全教育" }).click();
    await adminPhone.page.getByTestId("education-page").waitFor();
    const adminRows = adminPhone.page.getByTestId("education-grid-row");
    await expect.poll(() => adminRows.count()).toBe(of("class").length);
    const adminCell = adminPhone.page.locator(
      `[data-testid="education-grid-row"][data-class-id="${schoolClass.id}"] td[data-week="${monday}"]`,
    );
    await expect.poll(() => adminCell.getAttribute("data-status"), SYNC_TIMEOUT).toBe("done");
    // The demo's history shows in the calendar: done and missed duties.
    expect(await adminPhone.page.locator('[data-status="done"]').count()).toBeGreaterThan(10);
    expect(await adminPhone.page.locator('td[data-status="missed"]').count()).toBeGreaterThan(0);
    // The grid under its heading (the section keeps clear of the sticky header).
    const show = (testId: string) =>
      adminPhone.page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await show("education-lessons");
    await screenshot(adminPhone.page, "education-calendar.png");
    await show("education-monthlyTheme");
    await screenshot(adminPhone.page, "education-duties.png");
    expect(problems).toEqual([]);
    expect(adminProblems).toEqual([]);
  });
});
