// Hazard checks through the real sync path (issue #4 §4 "Sync", SYNC.md "Conflict policy per
// record" and scenario 9), on SQLite and PostgreSQL: rounds append-only, the hazard state
// machine decided by the server, the deadline from the phone's clock when believable, the
// critical alert, and closing the day against the server's own open hazards.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Hazard, HazardAction } from "../../src/domain/hazard-machine.ts";
import type { DayClose, RoundRecord } from "../../src/protocol/safety.ts";
import type { AlertEntity, Mutation, Verdict } from "../../src/protocol/sync.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

const PHOTO = "a".repeat(64);
const PHOTO_AFTER = "b".repeat(64);

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("hazard checks on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  let teacher: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, { extendSchool: addSafetyCrew });
    admin = await TestPhone.login(t, "school-a", "admin");
    teacher = await TestPhone.login(t, "school-a", "teacher");
  });
  afterEach(async () => {
    await t.dispose();
  });

  const areaId = (name: string, school: "a" | "b" = "a") => {
    const area = t.schools[school].areas.find((a) => a.name === name);
    if (!area) throw new Error(`no area ${name} in school ${school}`);
    return area.id;
  };
  const staffId = (login: string, school: "a" | "b" = "a") => {
    const staff = t.schools[school].staff.find((s) => s.login === login);
    if (!staff) throw new Error(`no staff ${login} in school ${school}`);
    return staff.id;
  };
  const CLASSROOM = "三年级1班教室";

  /** The phone's clock: the server's (manual) clock shifted by some minutes. */
  const phoneTime = (offsetMinutes = 0) =>
    new Date(t.clock.now().getTime() + offsetMinutes * 60_000).toISOString();

  const reportArgs = (fields: Record<string, unknown> = {}) => ({
    hazard: {
      id: ulid(),
      areaId: areaId(CLASSROOM),
      place: "讲台旁插座",
      severity: "general",
      description: "插座面板松动，有裸露电线",
      photos: [PHOTO],
      roundId: null,
      checklistItemId: null,
      assigneeId: null,
      alertId: null,
      deadline: phoneTime(),
      ...fields,
    },
  });

  async function pushOne(
    phone: TestPhone,
    type: string,
    args: Record<string, unknown>,
    extra: Partial<Mutation> = {},
  ) {
    const res = await phone.push([phone.mutation(type, args, { clientCreatedAt: phoneTime(), ...extra })]);
    return res.results[0] as Verdict;
  }

  /** Reports a hazard and returns its id (the report must be applied). */
  async function report(
    phone: TestPhone,
    fields: Record<string, unknown> = {},
    extra: Partial<Mutation> = {},
  ) {
    const args = reportArgs(fields);
    expect(await pushOne(phone, "hazard.report", args, extra)).toMatchObject({ status: "applied" });
    return args.hazard.id;
  }

  const act = (phone: TestPhone, hazardId: string, action: HazardAction) =>
    phone.mutation("hazard.act", { hazardId, action }, { clientCreatedAt: phoneTime() });

  /** The phone's urgent lane (POST /api/v1/alerts) for a critical hazard; returns the status. */
  async function sendUrgentAlert(phone: TestPhone, alertId: string, hazardId: string, message: string) {
    const res = await t.app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${phone.token}` },
      body: JSON.stringify({
        deviceId: phone.deviceId,
        alert: {
          alertId,
          kind: "critical_hazard",
          subjectId: hazardId,
          message,
          actorUserId: phone.userId,
          clientCreatedAt: phoneTime(),
        },
      }),
    });
    return res.status;
  }

  async function pulledHazard(phone: TestPhone, id: string) {
    await phone.pullAll();
    const hazard = phone.entity<Hazard>("hazard", id);
    if (!hazard) throw new Error(`hazard ${id} did not arrive by pull`);
    return hazard;
  }

  async function alertsOf(phone: TestPhone, subjectId: string) {
    await phone.pullAll();
    return [...phone.entities.entries()]
      .filter(([key]) => key.startsWith("alert/"))
      .map(([, e]) => e as { version: number; data: AlertEntity })
      .filter((e) => e.data.subjectId === subjectId);
  }

  it("[scenario 9 / HZ-S1] different transitions from two phones offline: the first wins, the second gets a conflict with the server's state, history keeps both", async () => {
    const id = await report(teacher, { assigneeId: staffId("teacher") });
    await admin.pullAll();
    // Both offline: the teacher rectifies, the admin puts up a cordon, both from "assigned".
    const rectify = act(teacher, id, {
      kind: "rectify",
      from: "assigned",
      text: "换了新面板",
      photos: [PHOTO_AFTER],
    });
    const control = act(admin, id, { kind: "control", from: "assigned", text: "拉警戒线", photos: [PHOTO] });

    expect((await teacher.push([rectify])).results[0]).toMatchObject({ status: "applied" });
    const lost = (await admin.push([control])).results[0];
    expect(lost).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(lost?.message).toMatch(/rectified/);
    const serverState = lost?.serverState as { version: number; data: Hazard };
    expect(serverState.data.state).toBe("rectified");
    expect(serverState.data.rectification?.by).toBe(teacher.userId);

    const pulled = await pulledHazard(admin, id);
    expect(pulled.version).toBe(serverState.version);
    const steps = pulled.data.history.map((e) => [e.kind, e.by, e.refused === undefined ? "ok" : "refused"]);
    expect(steps).toEqual([
      ["report", teacher.userId, "ok"],
      ["assign", teacher.userId, "ok"],
      ["rectify", teacher.userId, "ok"],
      ["control", admin.userId, "refused"],
    ]);
    // The refused attempt changed nothing else.
    expect(pulled.data.control).toBeNull();
    // A retry of the lost step is answered from the stored verdict.
    expect((await admin.push([control])).results[0]).toMatchObject({ status: "conflict" });
  });

  it("[HZ-S2] the same transition from two phones: the second is applied as a no-op and kept in the history", async () => {
    const id = await report(teacher, { assigneeId: staffId("teacher") });
    await admin.pullAll();
    const first = act(teacher, id, {
      kind: "control",
      from: "assigned",
      text: "放了警示牌",
      photos: [PHOTO],
    });
    const second = act(admin, id, {
      kind: "control",
      from: "assigned",
      text: "拉警戒线",
      photos: [PHOTO_AFTER],
    });
    expect((await teacher.push([first])).results[0]).toMatchObject({ status: "applied" });
    expect((await admin.push([second])).results[0]).toMatchObject({ status: "applied" });

    const { data } = await pulledHazard(teacher, id);
    expect(data.state).toBe("controlled");
    expect(data.control).toMatchObject({ text: "放了警示牌", by: teacher.userId });
    expect(data.history.at(-1)).toMatchObject({ kind: "control", by: admin.userId, isRepeat: true });
    expect(data.history.filter((e) => e.refused)).toEqual([]);
  });

  it("[HZ-S6] concurrent severity raises end at the highest, whatever the order", async () => {
    for (const order of [
      ["critical", "major"],
      ["major", "critical"],
    ] as const) {
      const id = await report(teacher);
      await admin.pullAll();
      const a = act(teacher, id, { kind: "raiseSeverity", severity: order[0] });
      const b = act(admin, id, { kind: "raiseSeverity", severity: order[1] });
      expect((await teacher.push([a])).results[0]).toMatchObject({ status: "applied" });
      expect((await admin.push([b])).results[0]).toMatchObject({ status: "applied" });
      const { data } = await pulledHazard(admin, id);
      expect(data.severity, `raised to ${order.join(" then ")}`).toBe("critical");
      // Becoming critical raised exactly one alert, pointed at by the hazard.
      const alerts = await alertsOf(admin, id);
      expect(alerts.map((x) => x.data.id)).toEqual([data.alertId]);
    }
  });

  it("[RD-3] the same area and round recorded offline by two people: both stored, both pulled", async () => {
    const round = (checkedBy: TestPhone) => ({
      round: {
        id: ulid(),
        areaId: areaId(CLASSROOM),
        round: "morning",
        date: "2026-11-30",
        items: [],
        note: checkedBy === teacher ? "一切正常" : "",
        photos: [],
        hazardIds: [],
      },
    });
    const mine = round(teacher);
    const theirs = round(admin);
    // Both inside the morning round's window (RD-2: until 08:00; the server's clock is 08:30).
    expect(await pushOne(teacher, "round.record", mine, { clientCreatedAt: phoneTime(-40) })).toMatchObject({
      status: "applied",
    });
    expect(await pushOne(admin, "round.record", theirs, { clientCreatedAt: phoneTime(-35) })).toMatchObject({
      status: "applied",
    });

    const duty = await TestPhone.login(t, "school-a", "duty");
    await duty.pullAll();
    expect(duty.entity<RoundRecord>("round", mine.round.id)?.data).toEqual({
      ...mine.round,
      checkedBy: teacher.userId,
      checkedAt: phoneTime(-40),
    });
    expect(duty.entity<RoundRecord>("round", theirs.round.id)?.data.checkedBy).toBe(admin.userId);

    // Append-only: the same round id from another mutation is refused, the record unchanged.
    const again = await pushOne(admin, "round.record", { round: { ...mine.round, note: "改" } });
    expect(again).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(again.message).toContain(mine.round.id);
    const missing = await pushOne(admin, "round.record", {
      round: { ...round(admin).round, areaId: ulid() },
    });
    expect(missing).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(missing.message).toMatch(/area .* does not exist/);
  });

  it("[RD-5] [RD-7] a noon round at 08:10 without a reason is refused naming the window; with one it is kept as early", async () => {
    const noon = {
      id: ulid(),
      areaId: areaId(CLASSROOM),
      round: "noon",
      date: "2026-11-30",
      items: [],
      note: "",
      photos: [],
      hazardIds: [],
    };
    const refused = await pushOne(
      teacher,
      "round.record",
      { round: noon },
      { clientCreatedAt: phoneTime(-20) },
    );
    expect(refused).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(refused.message).toContain("round.outsideWindow");
    expect(refused.message).toContain("12:00–14:00");
    expect(refused.message).toContain("08:10");

    // The phone's own timing is a preview only: the server decides (early, not late).
    const early = { ...noon, outsideWindow: { reason: "临时调整" }, timing: "late" };
    expect(
      await pushOne(teacher, "round.record", { round: early }, { clientCreatedAt: phoneTime(-20) }),
    ).toMatchObject({ status: "applied" });
    await admin.pullAll();
    expect(admin.entity<RoundRecord>("round", noon.id)?.data).toMatchObject({
      timing: "early",
      outsideWindow: { reason: "临时调整" },
      checkedAt: phoneTime(-20),
    });
  });

  it("[HZ-S4] whoever rectified cannot close (forbidden); the reporter can", async () => {
    const id = await report(teacher);
    await admin.pullAll();
    const rectify = act(admin, id, {
      kind: "rectify",
      from: "reported",
      text: "已更换",
      photos: [PHOTO_AFTER],
    });
    expect((await admin.push([rectify])).results[0]).toMatchObject({ status: "applied" });
    const adminClose = (await admin.push([act(admin, id, { kind: "close", from: "rectified" })])).results[0];
    expect(adminClose).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(adminClose?.message).toMatch(/rectified/);
    const reporterClose = act(teacher, id, { kind: "close", from: "rectified", text: "验收合格" });
    expect((await teacher.push([reporterClose])).results[0]).toMatchObject({ status: "applied" });
    const { data } = await pulledHazard(teacher, id);
    expect(data).toMatchObject({ state: "closed", closedBy: teacher.userId });
  });

  it("[HZ-S3] rectifying needs an after photo: a missing field is invalid_args, an empty list breaks the rule", async () => {
    const id = await report(teacher, { assigneeId: staffId("teacher") });
    const noField = teacher.mutation(
      "hazard.act",
      { hazardId: id, action: { kind: "rectify", from: "assigned", text: "修好了" } },
      { clientCreatedAt: phoneTime() },
    );
    const noPhoto = act(teacher, id, { kind: "rectify", from: "assigned", text: "修好了", photos: [] });
    const [schema, rule] = (await teacher.push([noField, noPhoto])).results;
    expect(schema).toMatchObject({ status: "rejected", reason: "invalid_args" });
    expect(schema?.message).toMatch(/photos/);
    expect(rule).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(rule?.message).toMatch(/after.* photo is required/);
    expect((await pulledHazard(teacher, id)).data.state).toBe("assigned");
  });

  it("[HZ-D1/HZ-D4] the deadline comes from the phone's time of the report; a phone clock at 1970 falls back to server time", async () => {
    // The server's clock: Monday 2026-11-30 08:30 in Shanghai. The phone found it on Friday
    // at 15:00 (offline since): HZ-D1 gives that Friday's bedtime, 20:30 (12:30Z).
    const friday = "2026-11-27T07:00:00.000Z";
    const late = await report(teacher, { deadline: "2030-01-01T00:00:00.000Z" }, { clientCreatedAt: friday });
    const { data: fromPhone } = await pulledHazard(teacher, late);
    expect(fromPhone.foundAt).toBe(friday);
    expect(fromPhone.deadline).toBe("2026-11-27T12:30:00.000Z");

    // A phone clock at 1970 is not believed: found now (Monday 08:30) → Monday 20:30.
    const wrong = await report(teacher, {}, { clientCreatedAt: "1970-01-01T00:00:00.000Z" });
    const { data: fromServer } = await pulledHazard(teacher, wrong);
    expect(fromServer.foundAt).toBe(t.clock.now().toISOString());
    expect(fromServer.deadline).toBe("2026-11-30T12:30:00.000Z");

    // HZ-D4 also distrusts a phone far ahead (an hour): the server's time again.
    const ahead = await report(teacher, {}, { clientCreatedAt: phoneTime(60) });
    expect((await pulledHazard(teacher, ahead)).data.foundAt).toBe(t.clock.now().toISOString());
  });

  it("a critical report makes exactly one alert even when the urgent lane brought it first; rectifying resolves it", async () => {
    const hazardId = ulid();
    const alertId = ulid();
    expect(await sendUrgentAlert(teacher, alertId, hazardId, "教室插座漏电")).toBe(200);
    await report(teacher, { id: hazardId, severity: "critical", alertId, assigneeId: staffId("teacher") });

    const alerts = await alertsOf(admin, hazardId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      version: 1,
      data: { id: alertId, status: "open", message: "教室插座漏电" },
    });
    expect((await pulledHazard(admin, hazardId)).data.alertId).toBe(alertId);

    // A critical report without the urgent lane gets its alert from the server.
    const quiet = await report(teacher, { severity: "critical" });
    const quietAlerts = await alertsOf(admin, quiet);
    expect(quietAlerts).toHaveLength(1);
    expect(quietAlerts[0]?.data).toMatchObject({
      kind: "critical_hazard",
      status: "open",
      raisedBy: teacher.userId,
    });
    expect((await pulledHazard(admin, quiet)).data.alertId).toBe(quietAlerts[0]?.data.id);

    const rectify = act(teacher, hazardId, {
      kind: "rectify",
      from: "assigned",
      text: "已断电更换",
      photos: [PHOTO_AFTER],
    });
    expect((await teacher.push([rectify])).results[0]).toMatchObject({ status: "applied" });
    expect(await alertsOf(admin, hazardId)).toMatchObject([
      { version: 2, data: { id: alertId, status: "resolved" } },
    ]);
  });

  it("raising a hazard to critical keeps the alert the phone sent through the urgent lane (one alert)", async () => {
    const hazardId = await report(teacher);
    const alertId = ulid();
    expect(await sendUrgentAlert(teacher, alertId, hazardId, "升级为重大隐患")).toBe(200);
    const raise = act(teacher, hazardId, { kind: "raiseSeverity", severity: "critical", alertId });
    expect((await teacher.push([raise])).results[0]).toMatchObject({ status: "applied" });
    expect((await alertsOf(admin, hazardId)).map((a) => a.data.id)).toEqual([alertId]);
    expect((await pulledHazard(admin, hazardId)).data.alertId).toBe(alertId);
  });

  it("[DC-1] closing the day is refused with the list while a hazard has neither control nor a night owner; accepted after both", async () => {
    const gate = await TestPhone.login(t, "school-a", "gate");
    const duty = await TestPhone.login(t, "school-a", "duty");
    const stairs = await report(gate, { areaId: areaId("二楼楼梯"), place: "二楼楼梯" });
    // A rectified hazard does not hold the day up.
    const fixed = await report(teacher);
    await admin.pullAll();
    const rectify = act(admin, fixed, {
      kind: "rectify",
      from: "reported",
      text: "已修",
      photos: [PHOTO_AFTER],
    });
    expect((await admin.push([rectify])).results[0]).toMatchObject({ status: "applied" });

    const close = () => ({ close: { id: ulid(), date: "2026-11-30", note: "", carried: [] } });
    const refused = await pushOne(duty, "day.close", close());
    expect(refused).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(refused.message).toContain("二楼楼梯: 未整改，也没有临时管控措施；没有指定夜间负责人");
    expect(refused.message).toContain("neither rectified nor under interim control; no night owner named");

    const control = act(gate, stairs, {
      kind: "control",
      from: "reported",
      text: "拉警戒线，禁止通行",
      photos: [PHOTO],
    });
    expect((await gate.push([control])).results[0]).toMatchObject({ status: "applied" });
    const stillRefused = await pushOne(duty, "day.close", close());
    expect(stillRefused).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(stillRefused.message).toContain("二楼楼梯: 没有指定夜间负责人 / no night owner named");
    expect(stillRefused.message).not.toContain("neither rectified");

    const owner = act(duty, stairs, { kind: "setNightOwner", nightOwnerId: staffId("duty") });
    expect((await duty.push([owner])).results[0]).toMatchObject({ status: "applied" });
    const accepted = close();
    expect(await pushOne(duty, "day.close", accepted)).toMatchObject({ status: "applied" });

    await admin.pullAll();
    expect(admin.entity<DayClose>("dayClose", accepted.close.id)?.data).toEqual({
      ...accepted.close,
      carried: [
        {
          hazardId: stairs,
          state: "controlled",
          measures: "拉警戒线，禁止通行",
          nightOwnerId: staffId("duty"),
        },
      ],
      closedBy: duty.userId,
      closedAt: phoneTime(),
    });
  });

  it("[HZ-S8] a hazard is handed only to active staff of the same school", async () => {
    const id = await report(teacher);
    const elsewhere = await pushOne(admin, "hazard.act", {
      hazardId: id,
      action: { kind: "assign", from: "reported", assigneeId: staffId("teacher", "b") },
    });
    expect(elsewhere).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(elsewhere.message).toMatch(/assigneeId: .* not on this school's staff/);
    const badReport = await pushOne(
      teacher,
      "hazard.report",
      reportArgs({ assigneeId: staffId("admin", "b") }),
    );
    expect(badReport).toMatchObject({ status: "rejected", reason: "rule_violation" });
  });

  it("tenancy: acting on another school's hazard is not_found, and its areas do not exist here", async () => {
    const id = await report(teacher);
    const other = await TestPhone.login(t, "school-b", "admin");
    const res = await pushOne(other, "hazard.act", {
      hazardId: id,
      action: { kind: "comment", text: "?", photos: [] },
    });
    expect(res).toMatchObject({ status: "rejected", reason: "not_found" });
    const foreignArea = await pushOne(other, "hazard.report", reportArgs());
    expect(foreignArea).toMatchObject({ status: "rejected", reason: "rule_violation" });
    await other.pullAll();
    expect(other.entity("hazard", id)).toBeUndefined();
    expect((await pulledHazard(teacher, id)).data.history).toHaveLength(1);
  });
});
