// The dismissal roll call in the browser (issue #6 §1–§3): on the demo school, a class
// teacher, offline, calls the roll of their class's boarders with two exceptions — one sick,
// one unaccounted (下落不明: one confirmation, then the roll call is saved at once with its urgent
// alert) — and hands the class over; the evening duty teacher named by the roster, who signed
// in on this phone once, confirms on the same phone with their own PIN. Back online, the
// server has the completed hand-over (confirmed on the giver's phone) and the alert.
// Screenshots at 360x740 go to test-results/roll-call-*.png.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialsOf } from "../../src/client/features/handovers/pinyin-initials.ts";
import { rollCallList } from "../../src/domain/custody.ts";
import { handoverId } from "../../src/domain/handover.ts";
import type { Leave, RollCallPupil } from "../../src/domain/roll-call.ts";
import { addDays } from "../../src/domain/school-calendar.ts";
import { DEFAULT_TIME_SLOTS, slotAt } from "../../src/domain/time-slots.ts";
import {
  lastSync,
  openPath,
  passWindowPrompt,
  pending,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import { logIn, type Phone, setPin, typePin } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
let phone: Phone | undefined;

interface Row {
  id: string;
  [key: string]: unknown;
}

describe("roll call: a class teacher hands the boarders over offline", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("takes the roll call with two exceptions and the evening teacher confirms with their PIN", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const of = (type: string) =>
      [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as unknown as Row);
    const staff = of("staff");
    const classes = of("class");
    const pupils = of("pupil") as unknown as RollCallPupil[];
    const leaves = of("leave") as unknown as Leave[];
    const handovers = new Set(of("handover").map((h) => h.id));
    // The duty date now (after midnight, the day before); a weekend has no evening duty, so
    // the first date from then on with an evening duty teacher on the roster.
    const dutyDate = slotAt(DEFAULT_TIME_SLOTS, new Date(), "Asia/Shanghai").dutyDate;
    const evenings = of("dutySlot")
      .filter(
        (s) =>
          s.kind === "evening" &&
          (s.scope as { kind: string }).kind === "campus" &&
          (s.staffIds as string[]).length > 0 &&
          (s.date as string) >= dutyDate &&
          (s.date as string) <= addDays(dutyDate, 13),
      )
      .sort((a, b) => (a.date as string).localeCompare(b.date as string));
    const evening = evenings[0];
    expect(evening, "the demo roster has an evening duty in the next two weeks").toBeDefined();
    const date = evening?.date as string;
    const receiver = staff.find((s) => s.id === ((evening?.staffIds ?? []) as string[])[0]) as Row;
    // A class with boarders whose teacher is not that evening teacher, not yet handed over.
    const schoolClass = classes.find(
      (c) =>
        c.classTeacherId &&
        c.classTeacherId !== receiver.id &&
        !handovers.has(handoverId(date, "dismissal", { kind: "class", classId: c.id })) &&
        pupils.filter((p) => p.isBoarder && p.classId === c.id).length >= 5,
    ) as Row;
    expect(schoolClass).toBeDefined();
    const teacher = staff.find((s) => s.id === schoolClass.classTeacherId) as Row;
    const { expected } = rollCallList(
      { kind: "class", classId: schoolClass.id },
      date,
      new Date(`${date}T12:00:00+08:00`),
      pupils,
      { handovers: [], leaves: leaves },
    );
    const sick = expected[1] as RollCallPupil;
    const missing = expected[3] as RollCallPupil;

    // The evening teacher signs in on this phone once (PIN 135790), then the class teacher.
    phone = await signIn(server.url, receiver.login as string);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    const evenSync = await lastSync(page);
    await page.getByRole("button", { name: "切换用户" }).click();
    await page.waitForURL("**/lock");
    await page.getByRole("button", { name: "用其他账号登录" }).click();
    await page.waitForURL("**/login");
    await logIn(page, teacher.login as string);
    await setPin(page, "246801");
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByTestId("user-name").textContent()).toBe(teacher.name);
    // Signed in online, the phone pulls what the class teacher may see: until then it held
    // what the evening teacher may (docs/need-to-know.md), whose evening may be days ahead.
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(evenSync);

    // Offline from here on: the roll call of the class for that date.
    await context.setOffline(true);
    await openPath(page, `/roll-call/dismissal/${schoolClass.id}?date=${date}`);
    const rows = page.getByTestId("rc-pupil");
    await expect.poll(() => rows.count()).toBe(expected.length);
    expect(await rows.first().getAttribute("data-pupil-id")).toBe(expected[0]?.id);
    const count = (name: string) => page.getByTestId(`rc-count-${name}`).getAttribute("data-count");
    expect(await count("expected")).toBe(String(expected.length));
    expect(await count("present")).toBe(String(expected.length));

    // The filter finds a pupil by pinyin initials (read from the browser's collator).
    const filter = page.getByRole("searchbox");
    await filter.fill(initialsOf(sick.name));
    await expect.poll(() => page.locator(`[data-pupil-id="${sick.id}"]`).count()).toBe(1);
    expect(await rows.count()).toBeLessThan(expected.length);
    await filter.fill("");
    await expect.poll(() => rows.count()).toBe(expected.length);

    // Two exceptions: tap pupil → tap reason (2 taps); 下落不明 asks once more (3 taps).
    await page.locator(`[data-pupil-id="${sick.id}"]`).click();
    await page.getByTestId("rc-reason-sick").click();
    expect(await page.locator(`[data-pupil-id="${sick.id}"]`).getAttribute("data-mark")).toBe("sick");
    expect(await count("present")).toBe(String(expected.length - 1));
    expect(await count("sick")).toBe("1");
    await screenshot(page, "roll-call-dismissal.png");
    await page.locator(`[data-pupil-id="${missing.id}"]`).click();
    await page.getByTestId("rc-reason-unaccounted").click();
    await page.getByTestId("rc-confirm-unaccounted").waitFor();
    await screenshot(page, "roll-call-unaccounted-confirm.png");
    await page.getByTestId("rc-unaccounted-yes").click();
    // The alert is raised at once (queued: no network), before the roll call is given.
    await page.getByTestId("rc-alert-raised").waitFor();
    expect(await page.getByTestId("rc-alert-raised").textContent()).toContain(missing.name);
    await page.getByTestId("rc-give").click();

    // Given: waiting for the evening teacher, the alert still queued (no network).
    const given = page.getByTestId("rc-given");
    await passWindowPrompt(page, given);
    await expect.poll(() => given.getByTestId("ho-state").getAttribute("data-state")).toBe("given");
    expect(await page.getByTestId("ho-counts").textContent()).toBe(
      `应到 ${expected.length} · 实到 ${expected.length - 2}`,
    );
    await page.getByTestId("rc-alert-queued").waitFor();
    await screenshot(page, "roll-call-given.png");

    // The evening teacher confirms here: types the count they see (the box starts empty, HO-7),
    // then their own PIN.
    await page.getByTestId("receive-here").click();
    await page
      .getByTestId("receiver-choice")
      .filter({ hasText: receiver.name as string })
      .click();
    expect(await page.getByTestId("receive-count").inputValue()).toBe("");
    await page.getByTestId("receive-count").fill(String(expected.length - 2));
    await page.getByTestId("receive-confirm").click();
    await typePin(page, "135790", false);
    await expect.poll(() => given.getByTestId("ho-state").getAttribute("data-state")).toBe("completed");
    expect(await page.getByTestId("ho-received-line").textContent()).toContain(receiver.name as string);
    await screenshot(page, "roll-call-received.png");

    // Online: the server has the completed hand-over and the unaccounted pupil's alert.
    await context.setOffline(false);
    await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const id = handoverId(date, "dismissal", { kind: "class", classId: schoolClass.id });
    const saved = await admin.find("handover", (d) => d.id === id);
    expect(saved).toMatchObject({
      state: "completed",
      give: { by: teacher.id, presentCount: expected.length - 2 },
      receive: { by: receiver.id, count: expected.length - 2, confirmedOn: "giver_phone" },
    });
    const alert = await admin.find(
      "alert",
      (d) => d.kind === "unaccounted_pupil" && d.subjectId === missing.id,
    );
    expect(alert).toMatchObject({ raisedBy: teacher.id });

    // 交接: the class's recent nights in the history (the demo's, or none in the last 14 days).
    await openPath(page, "/handovers");
    const history = page.getByTestId("ho-history");
    await history.waitFor();
    await page.locator('select[name="historyGroup"]').selectOption(`class:${schoolClass.id}`);
    await expect
      .poll(
        async () =>
          (await history.getByTestId("ho-history-row").count()) +
          (await history.getByText("最近 14 天没有记录").count()),
      )
      .toBeGreaterThan(0);
    await screenshot(page, "roll-call-history.png", history);
    expect(problems).toEqual([]);
  }, 240_000);
});
