// Issue #6 §5, the boarders' evening end to end in the browser, three phones all offline: the
// class teacher takes the dismissal roll call and marks one pupil unaccounted (the alert is
// raised at once, queued without a network); the evening duty teacher confirms receiving the
// class on their own phone before the roll call has reached it, then gives a dorm room's bedtime
// roll call; the room's caretaker confirms on theirs. Back online, the halves pair on the server
// (both hand-overs completed), the admin's phone shows the unaccounted alert, the pupil is found
// (where and when) and the alert closes. Screenshots at 360x740 go to test-results/.
// Needs `npm run build` first (`npm test` does it). Never downloads a browser.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoverId } from "../../src/domain/handover.ts";
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

interface Row {
  id: string;
  [key: string]: unknown;
}
const of = (all: Map<string, Change>, type: string) =>
  [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Row);

/** Sets a CountStepper to `n` with its −/+ buttons. */
async function setCount(page: Page, n: number) {
  const input = page.getByTestId("receive-count");
  for (let i = 0; i < 100; i++) {
    const now = Number(await input.inputValue());
    if (now === n) return;
    await page.getByRole("button", { name: now > n ? "-1" : "+1" }).click();
  }
  throw new Error(`the count did not reach ${n}`);
}

describe("a boarding evening: two hand-overs and an unaccounted pupil, all offline", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("hands over class and room offline, alerts, and closes the alert when the pupil is found", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const staff = of(all, "staff");
    const pupils = of(all, "pupil").filter((p) => p.isBoarder);
    const slots = of(all, "dutySlot") as unknown as DutySlot[];
    const byId = new Map(slots.map((s) => [s.id, s]));

    // The next date with an evening duty teacher and a night caretaker on the roster.
    let date = localDateOf(new Date(), "Asia/Shanghai");
    while (!byId.get(dutySlotId(date, "evening", CAMPUS))?.staffIds.length) date = addDays(date, 1);
    const evening = byId.get(dutySlotId(date, "evening", CAMPUS)) as DutySlot;

    // A boarding class whose class teacher is not on that evening's duty, and one of its pupils
    // who goes missing; a room of some of its other boarders (not the missing pupil's room).
    const classes = of(all, "class").filter(
      (c) => c.classTeacherId && !evening.staffIds.includes(c.classTeacherId as string),
    );
    const schoolClass = classes.find((c) => {
      const mine = pupils.filter((p) => p.classId === c.id);
      return new Set(mine.map((p) => p.dormRoomId)).size >= 2;
    }) as Row;
    const classBoarders = pupils.filter((p) => p.classId === schoolClass.id);
    const missing = classBoarders[0] as Row;
    const room = of(all, "dormRoom").find(
      (r) => r.id !== missing.dormRoomId && classBoarders.some((p) => p.dormRoomId === r.id),
    ) as Row;
    const night = byId.get(
      dutySlotId(date, "night", { kind: "building", building: room.building as string }),
    );
    expect(night?.staffIds.length, "the roster has a caretaker for the room's building").toBeGreaterThan(0);
    const login = (id: string) => staff.find((s) => s.id === id)?.login as string;
    const teacher = login(schoolClass.classTeacherId as string);
    const dutyTeacher = evening.staffIds[0] as string;
    const caretaker = night?.staffIds[0] as string;

    // Three phones, signed in while online, then the network goes.
    const [tp, ep, cp] = await Promise.all(
      [teacher, login(dutyTeacher), login(caretaker)].map((l) => signIn(server.url, l)),
    );
    phones.push(tp as Phone, ep as Phone, cp as Phone);
    const problems = [tp, ep, cp].map((p) => watchForProblems((p as Phone).page));
    for (const p of [tp, ep, cp]) await (p as Phone).context.setOffline(true);
    const t = (tp as Phone).page;
    const e = (ep as Phone).page;
    const c = (cp as Phone).page;

    // ── The class teacher: dismissal roll call, one pupil unaccounted, given ──
    await openPath(t, `/roll-call/dismissal/${schoolClass.id}?date=${date}`);
    await t.getByTestId("rc-pupil").first().waitFor();
    const expectedCount = Number(await t.getByTestId("rc-count-expected").getAttribute("data-count"));
    await t.locator(`[data-pupil-id="${missing.id}"]`).click();
    await t.getByTestId("rc-reason-unaccounted").click();
    await t.getByTestId("rc-unaccounted-yes").click();
    await t.getByTestId("rc-alert-raised").waitFor();
    // The banner says at once that the alert has not gone out: phone the duty chain.
    await t.locator('[data-testid="alert-line"][data-undelivered="true"]').waitFor();
    await screenshot(t, "night-rollcall-unaccounted.png");
    await t.getByTestId("rc-give").click();
    await passWindowPrompt(t, t.getByTestId("rc-given"));

    // ── The evening duty teacher, on their own phone, before the roll call reaches it ──
    await openPath(e, `/roll-call/dismissal/${schoolClass.id}?date=${date}`);
    await e.getByTestId("receive-first-panel").waitFor();
    await setCount(e, expectedCount - 1);
    await e.getByTestId("receive-first-confirm").click();
    await e.getByTestId("received-first").waitFor();
    // Then the bedtime roll call of a room: everyone there, given to the caretaker.
    await openPath(e, `/roll-call/bedtime/${room.id}?date=${date}`);
    await e.getByTestId("rc-pupil").first().waitFor();
    const roomCount = Number(await e.getByTestId("rc-count-expected").getAttribute("data-count"));
    await screenshot(e, "night-rollcall-bedtime.png");
    await e.getByTestId("rc-give").click();
    await passWindowPrompt(e, e.getByTestId("rc-given"));

    // ── The caretaker confirms the room on theirs ──
    await openPath(c, `/roll-call/bedtime/${room.id}?date=${date}`);
    await c.getByTestId("receive-first-panel").waitFor();
    await setCount(c, roomCount);
    await c.getByTestId("receive-first-confirm").click();
    await c.getByTestId("received-first").waitFor();

    // ── Back online: everything reaches the server and pairs ──
    for (const p of [tp, ep, cp]) await (p as Phone).context.setOffline(false);
    for (const page of [t, e, c]) await expect.poll(() => pending(page), SYNC_TIMEOUT).toBe(0);
    const dismissal = await admin.find(
      "handover",
      (d) => d.id === handoverId(date, "dismissal", { kind: "class", classId: schoolClass.id }),
    );
    expect(dismissal).toMatchObject({
      state: "completed",
      give: { by: schoolClass.classTeacherId, presentCount: expectedCount - 1 },
      receive: { by: dutyTeacher, count: expectedCount - 1, confirmedOn: "own_phone" },
    });
    const bedtime = await admin.find(
      "handover",
      (d) => d.id === handoverId(date, "bedtime", { kind: "room", roomId: room.id }),
    );
    expect(bedtime).toMatchObject({
      state: "completed",
      give: { by: dutyTeacher },
      receive: { by: caretaker },
    });
    const alertOf = () =>
      admin.find(
        "alert",
        (d) => d.kind === "unaccounted_pupil" && d.subjectId === missing.id && d.status === "open",
      );
    expect(await alertOf()).toBeDefined();

    // ── The admin's phone shows the alert; the pupil is found; the alert closes ──
    const head = await signIn(server.url, "admin");
    phones.push(head);
    const hp = head.page;
    const line = hp.getByTestId("alert-line");
    await line.waitFor();
    expect(await line.textContent()).toContain(missing.name as string);
    await line.click();
    const banner = hp.getByTestId("alert-unaccounted");
    await screenshot(hp, "night-alert-admin.png");
    await banner.getByTestId("alert-found").click();
    await hp.getByTestId("found-form").waitFor();
    await hp.getByTestId("found-save").click();
    // Where is required: the alert stays until it is given.
    await expect.poll(() => hp.getByTestId("found-form").textContent()).toContain("请填写在哪里找到的");
    expect(await hp.getByTestId("alert-unaccounted").count()).toBe(1);
    await hp.locator('[data-testid="found-form"] [name="where"]').fill("学校图书馆");
    await hp.getByTestId("found-save").click();
    await expect.poll(() => hp.getByTestId("alert-unaccounted").count(), SYNC_TIMEOUT).toBe(0);
    await expect.poll(async () => (await alertOf()) === undefined, SYNC_TIMEOUT).toBe(true);
    const closed = await admin.find(
      "alert",
      (d) => d.kind === "unaccounted_pupil" && d.subjectId === missing.id,
    );
    expect(closed).toMatchObject({ status: "resolved", found: { where: "学校图书馆" } });
    expect(problems.flat()).toEqual([]);
  }, 300_000);
});
