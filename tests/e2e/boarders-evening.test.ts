// Issue #14, a whole school evening on four phones (class teacher, evening duty teacher,
// caretaker, admin) with the clocks of the phones and the server set to that evening, so the
// test holds whatever the date or hour it runs at. Custody drives every list (custody.ts CU-7):
// a pupil picked up by her mother and one sent to the infirmary at the dismissal roll call are
// listed away at the bedtime roll call of their room and at the caretaker's bed check, left out
// of 应到; 学生在谁那里 says the same. The duty teacher receives the class by typing the count;
// the infirmary pupil comes back and is marked back (HO-8); a wrong typed count at another
// room asks once more, then makes a dispute (HO-7) that the receiver settles with 已核实 on its
// own page, which closes its alert on the admin's phone. Screenshots at 360x740 in
// test-results/evening-*.png. Needs `npm run build` first (`npm test` does it).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoverId } from "../../src/domain/handover.ts";
import { isOnLeave, type Leave } from "../../src/domain/roll-call.ts";
import { CAMPUS, type DutySlot, dutySlotId } from "../../src/domain/roster.ts";
import { addDays, atLocal, localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import { parseClockTime } from "../../src/domain/time-slots.ts";
import type { SchoolSettings } from "../../src/protocol/reference.ts";
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

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];
/** The server's clock, moved with the phones' through the evening. */
let serverNow = new Date();

interface Row {
  id: string;
  [key: string]: unknown;
}
const of = (all: Map<string, Change>, type: string) =>
  [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Row);

/** The phone's clock (and the server's) at `when`, on `path`. */
async function at(page: Page, when: Date, path: string) {
  serverNow = when;
  await moveClock(page, when);
  await openPath(page, path);
}

const count = async (page: Page, name: string) =>
  Number(await page.getByTestId(`rc-count-${name}`).getAttribute("data-count"));
const awayIds = async (page: Page) =>
  page.getByTestId("rc-away-pupil").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-pupil-id")));

describe("a boarding evening where every list agrees with where the children are", () => {
  beforeAll(async () => {
    server = await startTestServer({ clock: () => serverNow });
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("dismissal, receipt by typed count, bedtime and bed check with pupils away, marked back, a dispute settled", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = await admin.pullAll();
    const school = of(all, "school")[0] as unknown as { settings: SchoolSettings };
    const settings = effectiveSettings(school.settings);
    const tz = settings.timeZone;
    const staff = of(all, "staff");
    const login = (id: string) => staff.find((s) => s.id === id)?.login as string;
    const pupils = of(all, "pupil").filter((p) => p.isBoarder);
    const leaves = of(all, "leave") as unknown as Leave[];
    const rooms = of(all, "dormRoom");
    const slots = new Map((of(all, "dutySlot") as unknown as DutySlot[]).map((s) => [s.id, s]));
    const nightOf = (date: string, building: string) =>
      slots.get(dutySlotId(date, "night", { kind: "building", building }))?.staffIds ?? [];

    // The next evening with an evening duty teacher, and a class with three boarders in one
    // room whose building has a caretaker that night, plus a second room of that building.
    let date = localDateOf(new Date(), tz);
    for (let i = 0; i < 14 && !slots.get(dutySlotId(date, "evening", CAMPUS))?.staffIds.length; i++)
      date = addDays(date, 1);
    const dutyTeacher = slots.get(dutySlotId(date, "evening", CAMPUS))?.staffIds[0] as string;
    expect(dutyTeacher, "an evening duty in the next 14 days").toBeTruthy();
    const away = (p: Row) => leaves.some((l) => isOnLeave(l, p.id, date));
    const candidates = of(all, "class").flatMap((c) => {
      if (!c.classTeacherId || c.classTeacherId === dutyTeacher) return [];
      return rooms.flatMap((r) => {
        const mine = pupils.filter((p) => p.classId === c.id && p.dormRoomId === r.id && !away(p));
        const caretaker = nightOf(date, r.building as string)[0];
        const other = rooms.find(
          (x) => x.id !== r.id && x.building === r.building && pupils.some((p) => p.dormRoomId === x.id),
        );
        return mine.length >= 3 && caretaker && other ? [{ c, r, mine, caretaker, other }] : [];
      });
    });
    const pick = candidates[0];
    expect(pick, "a class with three boarders in one room").toBeDefined();
    const { c: schoolClass, r: room, mine, caretaker, other: room2 } = pick as NonNullable<typeof pick>;
    const [pickedUp, sick] = mine as [Row, Row];
    const roomMembers = pupils.filter((p) => p.dormRoomId === room.id && !away(p));

    const minutes = (hhmm: string) => parseClockTime(hhmm) ?? 0;
    const evening = minutes(settings.timeSlots.evening.start);
    const night = minutes(settings.timeSlots.night.start);
    const time = (m: number) => atLocal(date, m, tz);
    serverNow = time(evening + 5);

    // Four phones, each signed in at that evening.
    const [tp, ep, cp, ap] = [
      await signIn(server.url, login(schoolClass.classTeacherId as string), { at: serverNow }),
      await signIn(server.url, login(dutyTeacher), { at: serverNow }),
      await signIn(server.url, login(caretaker), { at: serverNow }),
      await signIn(server.url, "admin", { at: serverNow }),
    ] as Phone[] as [Phone, Phone, Phone, Phone];
    phones.push(tp, ep, cp, ap);
    const problems = [tp, ep, cp, ap].map((p) => watchForProblems(p.page));
    const [t, e, c, a] = [tp.page, ep.page, cp.page, ap.page];

    // ── The class teacher: dismissal, one picked up by her mother, one to the infirmary ──
    await at(t, time(evening + 5), `/roll-call/dismissal/${schoolClass.id}?date=${date}`);
    await t.getByTestId("rc-pupil").first().waitFor();
    const classExpected = await count(t, "expected");
    await t.locator(`[data-pupil-id="${pickedUp.id}"]`).click();
    await t.getByTestId("rc-reason-picked_up").click();
    await t.getByRole("button", { name: "母亲", exact: true }).click();
    await t.locator(`[data-pupil-id="${sick.id}"]`).click();
    await t.getByTestId("rc-reason-sick").click();
    expect(await count(t, "present")).toBe(classExpected - 2);
    await screenshot(t, "evening-1-dismissal.png");
    await t.getByTestId("rc-give").click();
    await t.getByTestId("rc-given").waitFor();
    await expect.poll(() => pending(t), SYNC_TIMEOUT).toBe(0);

    // ── The evening duty teacher receives, typing the count (the box starts empty) ──
    await at(e, time(evening + 10), `/roll-call/dismissal/${schoolClass.id}?date=${date}`);
    await e.getByTestId("receive-panel").waitFor(SYNC_TIMEOUT);
    const box = e.getByTestId("receive-count");
    expect(await box.inputValue()).toBe("");
    await e.getByTestId("receive-confirm").click();
    await e.getByText("请先填写您清点的人数").waitFor();
    await box.fill(String(classExpected - 2));
    await screenshot(e, "evening-2-receive.png");
    await e.getByTestId("receive-confirm").click();
    await e.getByTestId("ho-received-line").waitFor();
    await expect.poll(() => pending(e), SYNC_TIMEOUT).toBe(0);

    // ── Bedtime roll call of their room: both listed away with why, 应到 two fewer ──
    await at(e, time(night + 5), `/roll-call/bedtime/${room.id}?date=${date}`);
    await e.getByTestId("rc-away").waitFor();
    expect((await awayIds(e)).sort()).toEqual([pickedUp.id, sick.id].sort());
    expect(await count(e, "expected")).toBe(roomMembers.length - 2);
    expect(await e.getByTestId("rc-away").textContent()).toContain("母亲");
    expect(await e.locator(`[data-testid="rc-pupil"][data-pupil-id="${pickedUp.id}"]`).count()).toBe(0);
    await screenshot(e, "evening-3-bedtime.png", e.getByTestId("rc-away"));
    await e.getByTestId("rc-give").click();
    await e.getByTestId("rc-given").waitFor();
    const bedtimeGiven = roomMembers.length - 2;

    // 学生在谁那里 says the same at the same moment.
    await openPath(e, `/where?pupil=${pickedUp.id}`);
    expect(await e.getByTestId("custody").getAttribute("data-state")).toBe("picked_up");
    await openPath(e, `/where?pupil=${sick.id}`);
    expect(await e.getByTestId("custody").getAttribute("data-state")).toBe("sick");
    await expect.poll(() => pending(e), SYNC_TIMEOUT).toBe(0);

    // ── The caretaker receives the room with the count, then checks beds: the same list ──
    await at(c, time(night + 10), `/roll-call/bedtime/${room.id}?date=${date}`);
    await c.getByTestId("receive-panel").waitFor(SYNC_TIMEOUT);
    await c.getByTestId("receive-count").fill(String(bedtimeGiven));
    await c.getByTestId("receive-confirm").click();
    await c.getByTestId("ho-received-line").waitFor();
    await at(c, time(night + 60), `/roll-call/bedCheck/${room.id}?date=${date}`);
    await c.getByTestId("rc-away").waitFor(SYNC_TIMEOUT);
    expect((await awayIds(c)).sort()).toEqual([pickedUp.id, sick.id].sort());
    expect(await count(c, "expected")).toBe(bedtimeGiven);
    await screenshot(c, "evening-4-bed-check.png");

    // The infirmary pupil comes back: marked back with the time, she is expected again.
    await c
      .locator(`[data-testid="rc-away-pupil"][data-pupil-id="${sick.id}"] [data-testid="rc-mark-back"]`)
      .click();
    await c.getByTestId("rc-back-sheet").waitFor();
    await screenshot(c, "evening-5-mark-back.png");
    await c.getByTestId("rc-back-save").click();
    await c.locator(`[data-testid="rc-pupil"][data-pupil-id="${sick.id}"]`).waitFor();
    expect(await awayIds(c)).toEqual([pickedUp.id]);
    expect(await count(c, "expected")).toBe(bedtimeGiven + 1);
    await c.getByTestId("rc-give").click();
    await c.getByTestId("rc-given").waitFor();
    await screenshot(c, "evening-6-bed-check-saved.png");
    await expect.poll(() => pending(c), SYNC_TIMEOUT).toBe(0);

    // ── Another room: a wrong typed count asks once more, then is a dispute ──
    await at(e, time(night + 15), `/roll-call/bedtime/${room2.id}?date=${date}`);
    await e.getByTestId("rc-give").waitFor();
    const room2Present = await count(e, "present");
    await e.getByTestId("rc-give").click();
    await e.getByTestId("rc-given").waitFor();
    await expect.poll(() => pending(e), SYNC_TIMEOUT).toBe(0);

    await at(c, time(night + 20), `/roll-call/bedtime/${room2.id}?date=${date}`);
    await c.getByTestId("receive-panel").waitFor(SYNC_TIMEOUT);
    await c.getByTestId("receive-count").fill(String(room2Present - 1));
    await c.getByTestId("receive-confirm").click();
    await c.getByTestId("recount").waitFor();
    const firstPresent = c.locator('[data-testid="recount"] input[name="missing"]').first();
    const missingId = await firstPresent.getAttribute("value");
    await firstPresent.check();
    await screenshot(c, "evening-7-recount.png");
    await c.getByTestId("receive-confirm").click();
    await c.getByTestId("rc-open-dispute").waitFor();
    await expect.poll(() => pending(c), SYNC_TIMEOUT).toBe(0);
    const disputeId = handoverId(date, "bedtime", { kind: "room", roomId: room2.id });
    expect(await admin.find("handover", (d) => d.id === disputeId)).toMatchObject({
      state: "disputed",
      receive: { count: room2Present - 1, missing: [missingId] },
    });

    // The admin's phone shows the dispute; the receiver settles it on its page.
    // The admin's phone: the alert's one line opens to the dispute, which links to its page.
    await at(a, time(night + 22), "/");
    await a.getByTestId("alert-line").waitFor(SYNC_TIMEOUT);
    await a.getByTestId("alert-line").click();
    const disputedAlert = a.getByTestId("alert-disputed");
    await disputedAlert.waitFor();
    expect(await disputedAlert.getAttribute("href")).toBe(`/dispute?id=${encodeURIComponent(disputeId)}`);
    await screenshot(a, "evening-8-admin-alert.png");
    await c.getByTestId("rc-open-dispute").click();
    await c.getByTestId("dispute-page").waitFor();
    expect(Number(await c.getByTestId("dispute-given").getAttribute("data-count"))).toBe(room2Present);
    expect(Number(await c.getByTestId("dispute-received").getAttribute("data-count"))).toBe(room2Present - 1);
    const missingName = pupils.find((p) => p.id === missingId)?.name as string;
    expect(await c.getByTestId("dispute-missing").textContent()).toContain(missingName);
    expect(await c.locator('[data-testid="dispute-counts"] a[href^="tel:"]').count()).toBeGreaterThan(0);
    await screenshot(c, "evening-9-dispute.png");
    await c.getByTestId("dispute-resolve-save").click();
    await c.getByText("请写明核实的结果").waitFor();
    await c.locator('[name="resolveNote"]').fill(`${missingName}在洗手间，已回寝室，人数一致`);
    await c.getByTestId("dispute-resolve-save").click();
    await c.getByTestId("dispute-settled").waitFor();
    await screenshot(c, "evening-10-settled.png");
    // In English it fits the phone too.
    await c.getByRole("button", { name: "切换到英文" }).click();
    await c.getByText("Counts differ", { exact: true }).first().waitFor();
    expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(c, "evening-11-settled-en.png");
    await c.getByRole("button", { name: "Switch to Chinese" }).click();
    await expect.poll(() => pending(c), SYNC_TIMEOUT).toBe(0);
    expect(await admin.find("handover", (d) => d.id === disputeId)).toMatchObject({ state: "resolved" });
    await a.getByRole("button", { name: "立即同步" }).click();
    await expect.poll(() => disputedAlert.count(), SYNC_TIMEOUT).toBe(0);

    // The server's records agree with every phone.
    const bedCheck = await admin.find(
      "handover",
      (d) => d.kind === "bedCheck" && (d.group as { roomId?: string }).roomId === room.id,
    );
    expect(bedCheck).toMatchObject({ give: { rollCall: { expected: expect.arrayContaining([sick.id]) } } });
    expect(problems.flat()).toEqual([]);
  }, 360_000);
});
