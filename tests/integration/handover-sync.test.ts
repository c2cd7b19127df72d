// Roll calls, hand-overs, leave and the unaccounted pupil through the real sync path (issue #6
// §5 "Sync", SYNC.md), on SQLite and PostgreSQL: the two halves of a hand-over pairing in either
// order, duplicated, from two giver phones (HO-1..4); receivers checked against the roster
// (HO-2); disputed and late hand-overs (HO-3, HO-5); leave by the class teacher (RC-5); exactly
// one alert per unaccounted pupil, ahead of a 300-entry backlog; and the alert closing only with
// where and when the pupil was found (CU-2).
import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../../src/client/db/db.ts";
import { getView } from "../../src/client/db/mirror-store.ts";
import { mutate } from "../../src/client/db/mutation-store.ts";
import { createHttpTransport, type FetchLike } from "../../src/client/sync/http-transport.ts";
import { SyncEngine, type Timers } from "../../src/client/sync/sync-engine.ts";
import { type Handover, handoverId } from "../../src/domain/handover.ts";
import type { Leave, RollCallException, RollCallGroup } from "../../src/domain/roll-call.ts";
import { dutySlotId } from "../../src/domain/roster.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import type { AlertEntity, Verdict } from "../../src/protocol/sync.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";
import { addBoarders, addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

/** The manual clock starts on Monday 2026-11-30 at 08:30 in Shanghai (00:30Z). */
const DATE = "2026-11-30";
const CLASS1_BOARDERS = ["王小明", "李小红", "张小刚", "陈小丽"];
const ROOM_BOARDERS = [...CLASS1_BOARDERS, "周小军"];

/** Backoff timers are recorded, never fired: the backlog test drives the cycles itself. */
const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("roll-call hand-overs on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  let teacher: TestPhone;
  let teacher2: TestPhone;
  let duty: TestPhone;
  let keeper: TestPhone;
  let keeper2: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, {
      extendSchool: async (s) => {
        await addSafetyCrew(s);
        await addBoarders(s);
      },
    });
    const login = (name: string) => TestPhone.login(t, "school-a", name);
    [admin, teacher, teacher2, duty, keeper, keeper2] = [
      await login("admin"),
      await login("teacher"),
      await login("teacher2"),
      await login("duty"),
      await login("keeper"),
      await login("keeper2"),
    ];
  });
  afterEach(async () => {
    await t.dispose();
  });

  const school = () => t.schools.a;
  const pupilId = (name: string) => {
    const pupil = school().pupils.find((p) => p.name === name);
    if (!pupil) throw new Error(`no pupil ${name}`);
    return pupil.id as string;
  };
  const class1 = (): RollCallGroup => ({ kind: "class", classId: school().classes[0]?.id as string });
  const class2 = (): RollCallGroup => ({ kind: "class", classId: school().classes[1]?.id as string });
  const room = (): RollCallGroup => ({ kind: "room", roomId: school().dormRooms[0]?.id as string });

  const phoneTime = () => t.clock.now().toISOString();

  async function pushOne(phone: TestPhone, type: string, args: Record<string, unknown>) {
    const res = await phone.push([phone.mutation(type, args, { clientCreatedAt: phoneTime() })]);
    return res.results[0] as Verdict;
  }

  /** HO-2: 张值日 holds the evening of DATE, 刘阿姨 the night of the dorm building. */
  async function setRoster() {
    const assign = (kind: "evening" | "night", scope: Record<string, unknown>, staffIds: string[]) =>
      admin.mutation("roster.assign", {
        slot: { id: dutySlotId(DATE, kind, scope as never), date: DATE, kind, scope },
        staffIds,
      });
    const res = await admin.push([
      assign("evening", { kind: "campus" }, [duty.userId]),
      assign("night", { kind: "building", building: "宿舍楼" }, [keeper.userId]),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(["applied", "applied"]);
  }

  type Kind = "dismissal" | "bedtime";
  const idOf = (kind: Kind, group: RollCallGroup) => handoverId(DATE, kind, group);

  function giveArgs(
    kind: Kind | "bedCheck",
    group: RollCallGroup,
    names: string[],
    exceptions: RollCallException[] = [],
    alertIds: string[] = [],
    id = kind === "bedCheck" ? ulid() : idOf(kind, group),
  ) {
    return {
      handover: {
        id,
        date: DATE,
        kind,
        group,
        rollCall: { expected: names.map(pupilId), onLeave: [], exceptions },
        alertIds,
        // The clock starts at 08:30, outside every roll call's window (RW-1); these tests are
        // about pairing, so each roll call says why (the window tests below leave it out).
        outsideWindow: { reason: "测试：时间之外 / test: outside the window" },
      },
    };
  }

  const receiveArgs = (kind: Kind, group: RollCallGroup, count: number) => ({
    handover: { id: idOf(kind, group), date: DATE, kind, group, count, confirmedOn: "own_phone" },
  });

  async function pulledHandover(phone: TestPhone, id: string) {
    await phone.pullAll();
    const h = phone.entity<Handover>("handover", id);
    if (!h) throw new Error(`hand-over ${id} did not arrive by pull`);
    return h;
  }

  async function alertsAbout(phone: TestPhone, subjectId: string) {
    await phone.pullAll();
    return [...phone.entities.entries()]
      .filter(([key]) => key.startsWith("alert/"))
      .map(([, e]) => e.data as AlertEntity)
      .filter((a) => a.subjectId === subjectId);
  }

  /** The phone's urgent lane (POST /api/v1/alerts) for an unaccounted pupil. */
  async function sendUrgentAlert(phone: TestPhone, alertId: string, pupil: string, facts?: unknown) {
    const res = await t.app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${phone.token}` },
      body: JSON.stringify({
        deviceId: phone.deviceId,
        alert: {
          alertId,
          kind: "unaccounted_pupil",
          subjectId: pupilId(pupil),
          message: `${pupil} 下落不明`,
          ...(facts ? { facts } : {}),
          actorUserId: phone.userId,
          clientCreatedAt: phoneTime(),
        },
      }),
    });
    return res.status;
  }

  const unaccounted = (name: string): RollCallException => ({
    pupilId: pupilId(name),
    reason: "unaccounted",
  });

  // ── Windows (roll-call-windows.ts RW-1..3) ───────────────────────────────────────────────

  it("[RW-3] a dismissal roll call at 07:54 without a reason is refused naming its window; with one it applies and keeps it", async () => {
    const { outsideWindow: _none, ...bare } = giveArgs("dismissal", class1(), CLASS1_BOARDERS).handover;
    // The teacher's phone says 07:54 on Monday (the server's clock is 08:30: believed, HZ-D4).
    const at = new Date("2026-11-30T07:54:00+08:00").toISOString();
    const push = (handover: Record<string, unknown>) =>
      teacher.push([teacher.mutation("handover.give", { handover }, { clientCreatedAt: at })]);

    const refused = (await push(bare)).results[0] as Verdict;
    expect(refused).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(refused.message).toContain("handover.outsideWindow");
    expect(refused.message).toContain("15:30–20:30");
    expect(refused.message).toContain("07:54");
    expect(refused.message).toContain("放学交接");
    expect(await pulledHandover(teacher, bare.id).catch(() => null)).toBeNull();

    const blank = (await push({ ...bare, outsideWindow: { reason: "   " } })).results[0] as Verdict;
    expect(blank).toMatchObject({ status: "rejected", reason: "invalid_args" });

    const withReason = (await push({ ...bare, outsideWindow: { reason: "提前放学" } })).results[0];
    expect(withReason).toMatchObject({ status: "applied" });
    const { data } = await pulledHandover(duty, bare.id);
    expect(data.give).toMatchObject({ by: teacher.userId, at, outsideWindow: { reason: "提前放学" } });
  });

  it("[RW-1] [RW-3] inside its window a roll call needs no reason: dismissal at 16:40, a bed check at 01:00 of the night", async () => {
    await setRoster();
    const { outsideWindow: _a, ...dismissal } = giveArgs("dismissal", class1(), CLASS1_BOARDERS).handover;
    t.clock.advanceMinutes(8 * 60 + 10); // 16:40
    expect(await pushOne(teacher, "handover.give", { handover: dismissal })).toMatchObject({
      status: "applied",
    });
    expect((await pulledHandover(duty, dismissal.id)).data.give?.outsideWindow).toBeUndefined();
    // Past midnight the night still belongs to DATE (RW-2).
    const { outsideWindow: _b, ...check } = giveArgs("bedCheck", room(), ROOM_BOARDERS).handover;
    t.clock.advanceMinutes(8 * 60 + 20); // Tuesday 01:00
    expect(await pushOne(keeper, "handover.give", { handover: check })).toMatchObject({ status: "applied" });
  });

  // ── Pairing ─────────────────────────────────────────────────────────────────────────────

  it("[HO-3] give then receive: completed, both names and times kept, on time", async () => {
    await setRoster();
    const id = idOf("dismissal", class1());
    t.clock.advanceMinutes(8 * 60 + 10); // 16:40 in Shanghai
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS)),
    ).toMatchObject({ status: "applied" });
    const given = await pulledHandover(duty, id);
    expect(given.data).toMatchObject({ state: "given", receive: null });
    expect(given.data.give).toMatchObject({
      by: teacher.userId,
      presentCount: 4,
      receiverIds: [duty.userId],
    });
    const givenAt = given.data.give?.at;

    t.clock.advanceMinutes(5);
    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
    const { data } = await pulledHandover(teacher, id);
    expect(data.state).toBe("completed");
    expect(data.give).toMatchObject({ by: teacher.userId, at: givenAt });
    expect(data.receive).toMatchObject({
      by: duty.userId,
      at: phoneTime(),
      count: 4,
      confirmedOn: "own_phone",
    });
    expect(data.late).toBe(false);
    expect(data.alertId).toBeNull();
    expect(data.history.map((e) => [e.step, e.by])).toEqual([
      ["give", teacher.userId],
      ["receive", duty.userId],
    ]);
  });

  it("[HO-1 / HO-3] receive then give (phones offline, the receiver's half arrives first): completed", async () => {
    await setRoster();
    const id = idOf("bedtime", room());
    t.clock.advanceMinutes(12 * 60); // 20:30
    // Both made offline; the caretaker's phone syncs first.
    const received = keeper.mutation("handover.receive", receiveArgs("bedtime", room(), 5), {
      clientCreatedAt: phoneTime(),
    });
    const given = duty.mutation("handover.give", giveArgs("bedtime", room(), ROOM_BOARDERS), {
      clientCreatedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    });
    expect((await keeper.push([received])).results[0]).toMatchObject({ status: "applied" });
    const half = await pulledHandover(admin, id);
    expect(half.data).toMatchObject({ state: "received_first", give: null });
    expect(half.data.receive?.by).toBe(keeper.userId);

    expect((await duty.push([given])).results[0]).toMatchObject({ status: "applied" });
    const { data } = await pulledHandover(admin, id);
    expect(data.state).toBe("completed");
    expect(data.give).toMatchObject({ by: duty.userId, presentCount: 5, receiverIds: [keeper.userId] });
    expect(data.receive).toMatchObject({ by: keeper.userId, count: 5 });
    expect(data.late).toBe(false);
  });

  it("[HO-4] the same mutation twice is a duplicate; the same receiver twice is a no-op", async () => {
    await setRoster();
    const id = idOf("dismissal", class1());
    const give = teacher.mutation("handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS), {
      clientCreatedAt: phoneTime(),
    });
    const first = (await teacher.push([give])).results[0];
    expect(first).toMatchObject({ status: "applied" });
    expect((await teacher.push([give])).results[0]).toMatchObject({
      status: "duplicate",
      serverSeq: first?.serverSeq,
    });

    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
    const before = await pulledHandover(admin, id);
    // Confirmed again (a second tap, or on the giver's phone too): nothing changes.
    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
    const after = await pulledHandover(admin, id);
    expect(after.version).toBe(before.version);
    expect(after.data.history.map((e) => e.step)).toEqual(["give", "receive"]);
  });

  it("[HO-4] two giver phones: the first stands, the second is a conflict kept in the history", async () => {
    await setRoster();
    const id = idOf("dismissal", class1());
    const fromTeacher = teacher.mutation("handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS), {
      clientCreatedAt: phoneTime(),
    });
    const fromAdmin = admin.mutation(
      "handover.give",
      giveArgs("dismissal", class1(), CLASS1_BOARDERS, [{ pupilId: pupilId("李小红"), reason: "sick" }]),
      { clientCreatedAt: phoneTime() },
    );
    expect((await teacher.push([fromTeacher])).results[0]).toMatchObject({ status: "applied" });
    const lost = (await admin.push([fromAdmin])).results[0];
    expect(lost).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(lost?.message).toMatch(/already given by someone else/);
    const serverState = lost?.serverState as { version: number; data: Handover };
    expect(serverState.data.give).toMatchObject({ by: teacher.userId, presentCount: 4 });

    const { version, data } = await pulledHandover(duty, id);
    expect(version).toBe(serverState.version);
    expect(data.history.map((e) => [e.step, e.by])).toEqual([
      ["give", teacher.userId],
      ["refused_give", admin.userId],
    ]);
    // The refused roll call changed nothing: the receiver still pairs with the first one.
    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
    expect((await pulledHandover(duty, id)).data.state).toBe("completed");
  });

  // ── Who gives and who receives ──────────────────────────────────────────────────────────

  it("[HO-2] a receiver not on the roster is refused naming who is; an admin may; the giver may not", async () => {
    await setRoster();
    const id = idOf("dismissal", class1());
    expect(
      await pushOne(admin, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS)),
    ).toMatchObject({ status: "applied" });
    const stranger = await pushOne(keeper, "handover.receive", receiveArgs("dismissal", class1(), 4));
    expect(stranger).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(stranger.message).toContain("张值日");
    // The giver (here an admin) may not receive their own hand-over.
    const own = await pushOne(admin, "handover.receive", receiveArgs("dismissal", class1(), 4));
    expect(own).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(own.message).toMatch(/giver cannot receive/);
    expect((await pulledHandover(duty, id)).data.receive).toBeNull();

    // An admin who did not give may receive whatever the roster says.
    expect(await pushOne(teacher, "handover.give", giveArgs("dismissal", class2(), []))).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    expect(
      await pushOne(teacher2, "handover.give", giveArgs("dismissal", class2(), ["周小军"])),
    ).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(admin, "handover.receive", receiveArgs("dismissal", class2(), 1))).toMatchObject({
      status: "applied",
    });
    const other = await pulledHandover(duty, idOf("dismissal", class2()));
    expect(other.data).toMatchObject({ state: "completed", receive: { by: admin.userId } });
  });

  it("[HO-2] with a gap on the roster any duty teacher receives, not a caretaker", async () => {
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS)),
    ).toMatchObject({ status: "applied" });
    const caretaker = await pushOne(keeper, "handover.receive", receiveArgs("dismissal", class1(), 4));
    expect(caretaker).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(caretaker.message).toMatch(/nobody is on the roster/);
    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
  });

  it("only the class teacher gives a dismissal, the evening duty a bedtime, the night caretaker a bed check", async () => {
    await setRoster();
    const wrongTeacher = await pushOne(
      teacher2,
      "handover.give",
      giveArgs("dismissal", class1(), CLASS1_BOARDERS),
    );
    expect(wrongTeacher).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(wrongTeacher.message).toContain("李老师");
    const notEvening = await pushOne(keeper, "handover.give", giveArgs("bedtime", room(), ROOM_BOARDERS));
    expect(notEvening).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(notEvening.message).toContain("张值日");
    expect(
      await pushOne(keeper2, "handover.give", giveArgs("bedCheck", room(), ROOM_BOARDERS)),
    ).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    const check = giveArgs("bedCheck", room(), ROOM_BOARDERS);
    expect(await pushOne(keeper, "handover.give", check)).toMatchObject({ status: "applied" });
    const { data } = await pulledHandover(admin, check.handover.id);
    expect(data).toMatchObject({ kind: "bedCheck", state: "recorded", give: { by: keeper.userId } });
  });

  it("[RC-1 / RC-2] a roll call naming another group's pupil, or a pick-up without who, is refused naming the pupil", async () => {
    await setRoster();
    const stranger = await pushOne(
      teacher,
      "handover.give",
      giveArgs("dismissal", class1(), [...CLASS1_BOARDERS, "周小军"]),
    );
    expect(stranger).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(stranger.message).toContain("周小军");
    const pickUp = await pushOne(
      teacher,
      "handover.give",
      giveArgs("dismissal", class1(), CLASS1_BOARDERS, [{ pupilId: pupilId("张小刚"), reason: "picked_up" }]),
    );
    expect(pickUp).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(pickUp.message).toContain("张小刚");
    expect(pickUp.message).toMatch(/enter who picked them up/);
  });

  // ── Disputed and late ───────────────────────────────────────────────────────────────────

  it("[HO-3] counts that differ make the hand-over disputed with one handover_disputed alert", async () => {
    await setRoster();
    const id = idOf("bedtime", room());
    expect(await pushOne(duty, "handover.give", giveArgs("bedtime", room(), ROOM_BOARDERS))).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(keeper, "handover.receive", receiveArgs("bedtime", room(), 4))).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(keeper, "handover.receive", receiveArgs("bedtime", room(), 4))).toMatchObject({
      status: "applied",
    });
    const { data } = await pulledHandover(admin, id);
    expect(data.state).toBe("disputed");
    const alerts = await alertsAbout(admin, id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: data.alertId, kind: "handover_disputed", status: "open" });
    // AL-3: the counts as facts; the message is their Chinese wording, never bilingual.
    expect(alerts[0]?.facts).toMatchObject({ kind: "handover_disputed", given: 5, received: 4 });
    expect(alerts[0]?.message).toContain("交出 5 人，接收 4 人");
    expect(alerts[0]?.message).not.toMatch(/[A-Za-z]/);
  });

  it("[AL-3 / AL-5 / AL-6] a disputed hand-over's alert stores its facts and names the duty chain", async () => {
    await setRoster();
    t.clock.advanceMinutes(11 * 60 + 30); // 20:00 in Shanghai: the evening slot, before the night
    const id = idOf("bedtime", room());
    expect(await pushOne(duty, "handover.give", giveArgs("bedtime", room(), ROOM_BOARDERS))).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(keeper, "handover.receive", receiveArgs("bedtime", room(), 4))).toMatchObject({
      status: "applied",
    });
    const [alert] = await alertsAbout(admin, id);
    expect(alert?.facts).toEqual({
      kind: "handover_disputed",
      handoverId: id,
      date: DATE,
      handoverKind: "bedtime",
      group: room(),
      groupLabel: "宿舍楼 男生1室",
      given: 5,
      received: 4,
      missing: [],
      giver: { id: duty.userId, name: "张值日" },
      receiver: { id: keeper.userId, name: "刘阿姨" },
    });
    // The room's holder now (the evening duty), then whom the roster names to receive it.
    expect(alert?.onDutyIds).toEqual([duty.userId, keeper.userId]);
    expect(alert?.message).toBe(
      "交接人数不符：宿舍楼 男生1室（11月30日 就寝交接）；交出 5 人，接收 4 人；接收方只核对了人数，未标记缺少谁；交出：张值日 · 接收：刘阿姨",
    );
  });

  it("[AL-3 / AL-6] an unaccounted pupil's alert stores its facts and who is on duty; the urgent lane too", async () => {
    await setRoster();
    t.clock.advanceMinutes(8 * 60 + 40); // 17:10: the evening slot
    expect(
      await pushOne(
        teacher,
        "handover.give",
        giveArgs("dismissal", class1(), CLASS1_BOARDERS, [unaccounted("张小刚")], [ulid()]),
      ),
    ).toMatchObject({ status: "applied" });
    const [raised] = await alertsAbout(admin, pupilId("张小刚"));
    expect(raised?.facts).toEqual({
      kind: "unaccounted_pupil",
      pupilId: pupilId("张小刚"),
      pupilName: "张小刚",
      group: class1(),
      groupLabel: "三年级1班",
      bed: "3号床",
      raisedByName: "李老师",
    });
    expect(raised?.message).toBe("下落不明：张小刚（三年级1班 · 3号床）；李老师 点名时标记");
    expect(raised?.onDutyIds).toEqual([duty.userId]);

    // Sent ahead by a phone with its facts: kept as sent, checked by the schema.
    const ahead = ulid();
    const facts = {
      kind: "unaccounted_pupil",
      pupilId: pupilId("李小红"),
      pupilName: "李小红",
      group: room(),
      groupLabel: "宿舍楼 男生1室",
      bed: "2号床",
      raisedByName: "张值日",
    };
    expect(await sendUrgentAlert(duty, ahead, "李小红", facts)).toBe(200);
    const [sent] = await alertsAbout(admin, pupilId("李小红"));
    expect(sent).toMatchObject({ id: ahead, facts, onDutyIds: [duty.userId] });
    // Facts of another kind or pupil are refused whole.
    expect(await sendUrgentAlert(duty, ulid(), "陈小丽", facts)).toBe(400);
    expect(await sendUrgentAlert(duty, ulid(), "陈小丽", { ...facts, kind: "critical_hazard" })).toBe(400);
    // From a phone that predates facts: the server words them from its own records.
    const old = ulid();
    expect(await sendUrgentAlert(teacher, old, "陈小丽")).toBe(200);
    const [derived] = await alertsAbout(admin, pupilId("陈小丽"));
    expect(derived).toMatchObject({
      id: old,
      facts: {
        kind: "unaccounted_pupil",
        pupilName: "陈小丽",
        groupLabel: "三年级1班",
        raisedByName: "李老师",
      },
      message: "下落不明：陈小丽（三年级1班 · 4号床）；李老师 点名时标记",
    });
  });

  it("[HO-6] the giver corrects or withdraws a roll call until it is received; another teacher may not", async () => {
    await setRoster();
    const id = idOf("dismissal", class1());
    const sick = [{ pupilId: pupilId("李小红"), reason: "sick" as const }];
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS)),
    ).toMatchObject({
      status: "applied",
    });
    // Given again, corrected: 李小红 went to the infirmary after all.
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS, sick)),
    ).toMatchObject({ status: "applied" });
    let h = (await pulledHandover(admin, id)).data;
    expect(h.give?.presentCount).toBe(3);
    expect(h.history.map((e) => e.step)).toEqual(["give", "corrected"]);
    expect(h.history[1]?.replaced?.presentCount).toBe(4);
    // Another class's teacher may not withdraw it.
    expect(await pushOne(teacher2, "handover.withdraw", { handover: { id } })).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    expect(await pushOne(teacher, "handover.withdraw", { handover: { id } })).toMatchObject({
      status: "applied",
    });
    h = (await pulledHandover(admin, id)).data;
    expect(h.give).toBeNull();
    expect(h.history.map((e) => e.step)).toEqual(["give", "corrected", "withdrawn"]);
    // Given once more and received: it stands.
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS)),
    ).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
    const refused = await pushOne(teacher, "handover.withdraw", { handover: { id } });
    expect(refused).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(refused.message).toMatch(/already received/);
    const late = await pushOne(
      teacher,
      "handover.give",
      giveArgs("dismissal", class1(), CLASS1_BOARDERS, sick),
    );
    expect(late).toMatchObject({ status: "conflict" });
    expect((await pulledHandover(admin, id)).data).toMatchObject({ state: "completed" });
  });

  it("[HO-7] a dispute names the missing pupils; 已核实 by a party settles it and closes its alert", async () => {
    await setRoster();
    const id = idOf("bedtime", room());
    expect(await pushOne(duty, "handover.give", giveArgs("bedtime", room(), ROOM_BOARDERS))).toMatchObject({
      status: "applied",
    });
    // Only pupils the giver counted present can be missing.
    const stranger = await pushOne(keeper, "handover.receive", {
      handover: { ...receiveArgs("bedtime", room(), 4).handover, missing: [ulid()] },
    });
    expect(stranger).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(
      await pushOne(keeper, "handover.receive", {
        handover: { ...receiveArgs("bedtime", room(), 4).handover, missing: [pupilId("张小刚")] },
      }),
    ).toMatchObject({ status: "applied" });
    const disputed = (await pulledHandover(admin, id)).data;
    expect(disputed).toMatchObject({ state: "disputed" });
    expect(disputed.receive?.missing).toEqual([pupilId("张小刚")]);

    const note = { handover: { id, note: "张小刚在隔壁寝室，已带回" } };
    expect(await pushOne(teacher2, "handover.resolve", note)).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    expect(await pushOne(keeper, "handover.resolve", { handover: { id, note: "  " } })).toMatchObject({
      status: "rejected",
      reason: "invalid_args",
    });
    expect(await pushOne(keeper, "handover.resolve", note)).toMatchObject({ status: "applied" });
    const settled = (await pulledHandover(admin, id)).data;
    expect(settled).toMatchObject({
      state: "resolved",
      resolution: { by: keeper.userId, note: note.handover.note },
    });
    const [alert] = await alertsAbout(admin, id);
    expect(alert).toMatchObject({ id: disputed.alertId, status: "resolved", settled: { by: keeper.userId } });
    // The alert names the missing pupil as data (AL-5), for every reader's language.
    expect(alert?.facts).toMatchObject({ kind: "handover_disputed", missing: [{ name: "张小刚" }] });
    // Settling twice changes nothing.
    expect(await pushOne(duty, "handover.resolve", note)).toMatchObject({ status: "applied" });
    expect((await pulledHandover(admin, id)).data.resolution?.by).toBe(keeper.userId);
  });

  it("[HO-8 / CU-7] a bedtime roll call lists the infirmary pupil away; she is marked back, not ahead of time", async () => {
    await setRoster();
    const sick = { pupilId: pupilId("李小红"), reason: "sick" as const };
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS, [sick])),
    ).toMatchObject({ status: "applied" });
    const dismissalId = idOf("dismissal", class1());
    const given = (await pulledHandover(admin, dismissalId)).data;
    // The bedtime roll call of the room lists her away, not expected.
    const others = ROOM_BOARDERS.filter((n) => n !== "李小红");
    const bedtime = giveArgs("bedtime", room(), others);
    const away = {
      ...bedtime,
      handover: { ...bedtime.handover, rollCall: { ...bedtime.handover.rollCall, away: [sick] } },
    };
    expect(await pushOne(duty, "handover.give", away)).toMatchObject({ status: "applied" });
    expect((await pulledHandover(admin, idOf("bedtime", room()))).data.give?.rollCall.away).toEqual([sick]);
    // Away and expected at once is refused.
    const both = {
      ...away,
      handover: {
        ...away.handover,
        id: ulid(),
        kind: "bedCheck",
        rollCall: { ...away.handover.rollCall, expected: ROOM_BOARDERS.map(pupilId) },
      },
    };
    expect(await pushOne(keeper, "handover.give", both)).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });

    const back = (at: string, phone = duty) =>
      pushOne(phone, "handover.markBack", { handover: { id: dismissalId, pupilId: sick.pupilId, at } });
    const ahead = new Date(t.clock.now().getTime() + 60 * 60_000).toISOString();
    expect(await back(ahead)).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(await back(new Date(Date.parse(given.give?.at ?? "") - 60_000).toISOString())).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });
    // The gatekeeper has no boarders: forbidden.
    const gate = await TestPhone.login(t, "school-a", "gate");
    expect(await back(phoneTime(), gate)).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(await back(phoneTime(), keeper)).toMatchObject({ status: "applied" });
    const marked = (await pulledHandover(admin, dismissalId)).data;
    expect(marked.returns).toMatchObject([{ pupilId: sick.pupilId, by: keeper.userId }]);
    expect(marked.history.at(-1)).toMatchObject({ step: "returned", pupilId: sick.pupilId });
  });

  it("[HO-5] a hand-over completed after the boundary plus grace is late", async () => {
    await setRoster();
    t.clock.advanceMinutes(9 * 60); // 17:30 in Shanghai: the dismissal was due by 17:00
    expect(
      await pushOne(teacher, "handover.give", giveArgs("dismissal", class1(), CLASS1_BOARDERS)),
    ).toMatchObject({ status: "applied" });
    expect((await pulledHandover(admin, idOf("dismissal", class1()))).data.late).toBe(false);
    expect(await pushOne(duty, "handover.receive", receiveArgs("dismissal", class1(), 4))).toMatchObject({
      status: "applied",
    });
    expect((await pulledHandover(admin, idOf("dismissal", class1()))).data).toMatchObject({
      state: "completed",
      late: true,
    });
  });

  // ── Leave ───────────────────────────────────────────────────────────────────────────────

  it("[RC-5] leave is recorded by the class teacher, refused for another class's teacher, cancelled once", async () => {
    const leave = (fields: Record<string, unknown> = {}) => ({
      leave: {
        id: ulid(),
        pupilId: pupilId("陈小丽"),
        from: DATE,
        to: "2026-12-02",
        note: "回家看病",
        ...fields,
      },
    });
    const mine = leave();
    expect(await pushOne(teacher, "leave.record", mine)).toMatchObject({ status: "applied" });
    const refused = await pushOne(teacher2, "leave.record", leave());
    expect(refused).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(refused.message).toContain("陈小丽");
    expect(refused.message).toMatch(/only the class teacher of 三年级1班 or an admin/);
    expect(await pushOne(admin, "leave.record", leave({ pupilId: pupilId("赵小东") }))).toMatchObject({
      status: "applied",
    });
    const backwards = await pushOne(teacher, "leave.record", leave({ from: "2026-12-03", to: DATE }));
    expect(backwards).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(backwards.message).toMatch(/before it starts/);
    expect(await pushOne(teacher, "leave.record", mine)).toMatchObject({ status: "rejected" });

    await admin.pullAll();
    expect(admin.entity<Leave>("leave", mine.leave.id)?.data).toMatchObject({
      recordedBy: teacher.userId,
      cancelledAt: null,
    });
    expect(await pushOne(teacher2, "leave.cancel", { leaveId: mine.leave.id })).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    expect(await pushOne(teacher, "leave.cancel", { leaveId: mine.leave.id })).toMatchObject({
      status: "applied",
    });
    await admin.pullAll();
    const cancelled = admin.entity<Leave>("leave", mine.leave.id);
    expect(cancelled?.data.cancelledBy).toBe(teacher.userId);
    expect(await pushOne(admin, "leave.cancel", { leaveId: mine.leave.id })).toMatchObject({
      status: "applied",
    });
    await admin.pullAll();
    expect(admin.entity<Leave>("leave", mine.leave.id)).toEqual(cancelled);
  });

  // ── The unaccounted pupil ───────────────────────────────────────────────────────────────

  it("an unaccounted pupil gets exactly one open alert, even when the urgent lane sent it first", async () => {
    await setRoster();
    // Sent ahead on the urgent lane, then the roll call with the same alert id.
    const sentAhead = ulid();
    expect(await sendUrgentAlert(teacher, sentAhead, "张小刚")).toBe(200);
    expect(
      await pushOne(
        teacher,
        "handover.give",
        giveArgs("dismissal", class1(), CLASS1_BOARDERS, [unaccounted("张小刚")], [sentAhead]),
      ),
    ).toMatchObject({ status: "applied" });
    expect(await alertsAbout(admin, pupilId("张小刚"))).toMatchObject([
      { id: sentAhead, kind: "unaccounted_pupil", status: "open", raisedBy: teacher.userId },
    ]);

    // The urgent lane never got through: the roll call raises it, with the phone's id.
    const neverArrived = ulid();
    expect(
      await pushOne(
        teacher2,
        "handover.give",
        giveArgs("dismissal", class2(), ["周小军"], [unaccounted("周小军")], [neverArrived]),
      ),
    ).toMatchObject({ status: "applied" });
    const raised = await alertsAbout(admin, pupilId("周小军"));
    expect(raised).toMatchObject([{ id: neverArrived, kind: "unaccounted_pupil", status: "open" }]);
    expect(raised[0]?.message).toContain("周小军");

    // Still missing at bedtime (no alert id from this phone): the open alert is kept, not doubled.
    expect(
      await pushOne(
        duty,
        "handover.give",
        giveArgs("bedtime", room(), ROOM_BOARDERS, [unaccounted("张小刚"), unaccounted("周小军")]),
      ),
    ).toMatchObject({ status: "applied" });
    expect(await alertsAbout(admin, pupilId("张小刚"))).toHaveLength(1);
    expect(await alertsAbout(admin, pupilId("周小军"))).toHaveLength(1);

    // An alert id that belongs to another pupil refuses the roll call.
    const wrong = await pushOne(
      teacher,
      "handover.give",
      giveArgs("dismissal", class1(), CLASS1_BOARDERS, [unaccounted("王小明")], [sentAhead], ulid()),
    );
    expect(wrong).toMatchObject({ status: "rejected" });
  });

  it("[CU-2] alert.found closes an unaccounted alert with where and when; not without them, not another kind", async () => {
    await setRoster();
    const alertId = ulid();
    expect(await sendUrgentAlert(duty, alertId, "李小红")).toBe(200);
    const foundAt = phoneTime();
    const noWhere = await pushOne(teacher, "alert.found", { found: { alertId, where: " ", at: foundAt } });
    expect(noWhere).toMatchObject({ status: "rejected", reason: "invalid_args" });
    expect(noWhere.message).toMatch(/where the pupil was found is required/);
    expect(await pushOne(teacher, "alert.found", { found: { alertId, where: "医务室" } })).toMatchObject({
      status: "rejected",
      reason: "invalid_args",
    });
    const [stillOpen] = await alertsAbout(admin, pupilId("李小红"));
    expect(stillOpen).toMatchObject({ status: "open" });
    expect(stillOpen?.found).toBeUndefined();

    const ok = await pushOne(teacher, "alert.found", {
      found: { alertId, where: "医务室", at: foundAt, note: "肚子疼，自己去了医务室" },
    });
    expect(ok).toMatchObject({ status: "applied" });
    const [closed] = await alertsAbout(admin, pupilId("李小红"));
    expect(closed).toMatchObject({
      status: "resolved",
      found: { where: "医务室", at: foundAt, by: teacher.userId, note: "肚子疼，自己去了医务室" },
    });
    // Found twice (two phones): the first record stands.
    expect(
      await pushOne(duty, "alert.found", { found: { alertId, where: "宿舍", at: phoneTime() } }),
    ).toMatchObject({ status: "applied" });
    expect((await alertsAbout(admin, pupilId("李小红")))[0]?.found?.by).toBe(teacher.userId);

    // A disputed hand-over's alert is not closed this way.
    expect(await pushOne(duty, "handover.give", giveArgs("bedtime", room(), ROOM_BOARDERS))).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(keeper, "handover.receive", receiveArgs("bedtime", room(), 3))).toMatchObject({
      status: "applied",
    });
    const [disputed] = await alertsAbout(admin, idOf("bedtime", room()));
    const other = await pushOne(admin, "alert.found", {
      found: { alertId: disputed?.id, where: "宿舍", at: phoneTime() },
    });
    expect(other).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(other.message).toMatch(/only an unaccounted pupil's alert/);
  });

  // ── Ahead of the backlog ────────────────────────────────────────────────────────────────

  it("an unaccounted pupil behind 300 unsent entries reaches the server first, exactly once though its answer was lost", async () => {
    const db = openDb(`handover-${ulid()}`);
    const deviceId = ulid();
    const requests: string[] = [];
    let isLosingAlertAnswer = false;
    const now = () => t.clock.now().getTime();
    const fetch: FetchLike = async (input, init) => {
      requests.push(input.replace("/api/v1", ""));
      const response = await t.app.request(input, init);
      if (input.endsWith("/alerts") && isLosingAlertAnswer) {
        isLosingAlertAnswer = false;
        throw new TypeError("network connection lost");
      }
      return response;
    };
    const engine = new SyncEngine({
      db,
      transport: createHttpTransport({ fetch }),
      clock: now,
      random: () => 0.5,
      timers: idleTimers,
    });
    try {
      const res = await t.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ school: "school-a", login: "teacher", password: PASSWORD, deviceId }),
      });
      const login = LoginResponse.parse(await res.json());
      const { createAccountStore } = await import("../../src/client/db/account-store.ts");
      await createAccountStore(db, now).saveLogin(login);
      const actor = { actorUserId: login.user.id, schoolId: login.school.id };

      // A backlog the class teacher's phone gathered offline (300 leave records).
      for (let i = 0; i < 300; i++) {
        const day = String((i % 28) + 1).padStart(2, "0");
        await mutate(
          db,
          {
            type: "leave.record",
            args: {
              leave: {
                id: ulid(),
                pupilId: pupilId("王小明"),
                from: `2027-02-${day}`,
                to: `2027-02-${day}`,
                note: `第 ${i + 1} 次`,
              },
            },
            ...actor,
          },
          { now },
        );
      }
      // The roll call marks 张小刚 unaccounted: its alert is queued with it.
      const alertId = ulid(now());
      const args = giveArgs("dismissal", class1(), CLASS1_BOARDERS, [unaccounted("张小刚")], [alertId]);
      await mutate(
        db,
        {
          type: "handover.give",
          args,
          ...actor,
          urgentAlert: {
            alertId,
            kind: "unaccounted_pupil",
            subjectId: pupilId("张小刚"),
            message: "张小刚 下落不明",
          },
        },
        { now },
      );

      isLosingAlertAnswer = true;
      const first = await engine.syncOnce();
      expect(requests[0]).toBe("/alerts");
      expect(requests.indexOf("/alerts")).toBeLessThan(requests.indexOf("/sync/push"));
      expect(first.pushed).toBe(301);
      expect(await db.urgentAlerts.get(alertId)).toMatchObject({ status: "pending", attempts: 1 });

      const second = await engine.syncOnce();
      expect(second.state).toBe("idle");
      expect(await db.urgentAlerts.get(alertId)).toMatchObject({ status: "sent", attempts: 2 });

      const alerts = await alertsAbout(admin, pupilId("张小刚"));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ id: alertId, raisedBy: login.user.id, status: "open" });
      // The roll call the backlog carried landed too, pointing the server at that same alert.
      const h = await pulledHandover(admin, args.handover.id);
      expect(h.data.give?.rollCall.exceptions).toEqual([unaccounted("张小刚")]);
      expect(await getView(db, "handover", args.handover.id)).toMatchObject({ hasPendingChanges: false });
    } finally {
      engine.dispose();
      db.close();
    }
  });
});
