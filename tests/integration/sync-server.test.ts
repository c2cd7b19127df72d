// The sync contract on the server (SYNC.md), through the real app on SQLite and PostgreSQL:
// exactly-once push, commit-ordered pull, conflicts, clocks, devices, tenancy.
import { randomBytes } from "node:crypto";
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TransientStorageError } from "../../src/server/storage/sql-driver.ts";
import { revokeDevice } from "../../src/server/storage/sync-log.ts";
import { encodeCursor } from "../../src/server/sync/cursor.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

const newClass = (name: string, extra: Record<string, unknown> = {}) => ({
  entity: { id: ulid(), grade: 2, name, classTeacherId: null, ...extra },
});

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("sync on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open);
    admin = await TestPhone.login(t, "school-a", "admin");
  });
  afterEach(async () => {
    await t.dispose();
  });

  it("an applied mutation reaches another phone of the school by pull", async () => {
    const args = newClass("9班");
    const res = await admin.push([admin.mutation("class.upsert", args)]);
    expect(res.results).toMatchObject([{ status: "applied" }]);
    expect(res.results[0]?.serverSeq).toBeGreaterThan(0);
    const teacher = await TestPhone.login(t, "school-a", "teacher");
    await teacher.pullAll();
    expect(teacher.entity("class", args.entity.id)).toEqual({ version: 1, data: args.entity });
    // The first pull also brought the whole reference data of the school.
    expect([...teacher.entities.keys()].filter((k) => k.startsWith("pupil/"))).toHaveLength(1);
  });

  it("[scenario 1] a retry after a lost response is a duplicate with one effect", async () => {
    const m = admin.mutation("class.upsert", newClass("9班"));
    const first = await admin.push([m]);
    const retry = await admin.push([m]);
    expect(retry.results).toEqual([
      { mutationId: m.mutationId, status: "duplicate", serverSeq: first.results[0]?.serverSeq },
    ]);
    await admin.pullAll();
    expect(admin.entity("class", (m.args.entity as { id: string }).id)?.version).toBe(1);
    const count = await t.store.driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM mutations");
    expect(Number(count?.n)).toBe(1);
  });

  it("[scenario 2] two tabs pushing the same entries at once: one applied, one duplicate", async () => {
    const ms = [
      admin.mutation("class.upsert", newClass("9班")),
      admin.mutation("class.upsert", newClass("10班")),
    ];
    const [a, b] = await Promise.all([admin.push(ms), admin.push(ms)]);
    const statuses = [...(a?.results ?? []), ...(b?.results ?? [])].map((r) => r.status).sort();
    expect(statuses).toEqual(["applied", "applied", "duplicate", "duplicate"]);
  });

  it("[scenario 3] batch 2 before batch 1: nothing out of order applies; then the end state equals in-order delivery", async () => {
    const one = [admin.mutation("class.upsert", newClass("9班"))];
    const two = [admin.mutation("class.upsert", newClass("10班"))];
    const early = await admin.push(two);
    expect(early.results).toEqual([]);
    expect(early.stopped).toMatchObject({ reason: "device_seq_gap", expectedDeviceSeq: 1 });
    expect((await admin.push(one)).results).toMatchObject([{ status: "applied" }]);
    expect((await admin.push(two)).results).toMatchObject([{ status: "applied" }]);
  });

  it("[scenario 4] a poison mutation in the middle is rejected with a reason; the rest applies", async () => {
    const batch = [
      admin.mutation("class.upsert", newClass("9班")),
      admin.mutation("class.upsert", { entity: { id: "not-a-ulid", grade: 99 } }),
      admin.mutation("no.suchType", {}),
      admin.mutation("class.upsert", newClass("10班")),
    ];
    const res = await admin.push(batch);
    expect(res.results.map((r) => [r.status, r.reason])).toEqual([
      ["applied", undefined],
      ["rejected", "invalid_args"],
      ["rejected", "unknown_type"],
      ["applied", undefined],
    ]);
    expect(res.results[1]?.message).toMatch(/entity\.(id|grade)/);
    // Asking again gives the same rejection, not a new attempt.
    expect((await admin.push([batch[1]!])).results[0]).toMatchObject({
      status: "rejected",
      reason: "invalid_args",
    });
  });

  it("[S3] a change whose handler fails half-way is rejected whole; the rest of its batch applies once", async () => {
    // A real statement failure inside a handler: the database refuses to store a class named BOOM.
    if (t.store.kind === "sqlite") {
      await t.store.driver.run(
        "CREATE TRIGGER boom BEFORE INSERT ON entities WHEN NEW.data LIKE '%BOOM%' BEGIN SELECT RAISE(ABORT, 'boom'); END",
      );
    } else {
      await t.store.driver.run(
        "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.data LIKE '%BOOM%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
      );
      await t.store.driver.run(
        "CREATE TRIGGER boom BEFORE INSERT ON entities FOR EACH ROW EXECUTE FUNCTION boom()",
      );
    }
    const before = newClass("9班");
    const failing = newClass("BOOM");
    const after = newClass("10班");
    const batch = [before, failing, after].map((args) => admin.mutation("class.upsert", args));
    const res = await admin.push(batch);
    expect(res.results.map((r) => [r.status, r.reason])).toEqual([
      ["applied", undefined],
      ["rejected", "server_error"],
      ["applied", undefined],
    ]);
    expect(res.stopped).toBeUndefined();
    // Each applied once, nothing of the failed one; a retry is answered from the stored verdicts.
    const rows = await t.store.driver.all<{ entity_id: string; version: number }>(
      "SELECT entity_id, version FROM entities WHERE entity_type = 'class' AND entity_id IN (?, ?, ?)",
      [before.entity.id, failing.entity.id, after.entity.id],
    );
    expect(rows.map((r) => [r.entity_id, Number(r.version)]).sort()).toEqual(
      [
        [before.entity.id, 1],
        [after.entity.id, 1],
      ].sort(),
    );
    expect((await admin.push(batch)).results.map((r) => r.status)).toEqual([
      "duplicate",
      "rejected",
      "duplicate",
    ]);
    const teacher = await TestPhone.login(t, "school-a", "teacher");
    await teacher.pullAll();
    expect(teacher.entity("class", before.entity.id)?.data).toEqual(before.entity);
    expect(teacher.entity("class", after.entity.id)?.data).toEqual(after.entity);
    expect(teacher.entity("class", failing.entity.id)).toBeUndefined();
  });

  it("[scenario 5] the database busy mid-batch: verdicts so far, the rest pending, resumed later", async () => {
    await t.dispose();
    t = await createTestApp(open, { pushChunkSize: 1 });
    admin = await TestPhone.login(t, "school-a", "admin");
    const batch = [1, 2, 3, 4].map((i) => admin.mutation("class.upsert", newClass(`${10 + i}班`)));
    const driver = t.store.driver;
    const original = driver.transaction.bind(driver);
    let calls = 0;
    driver.transaction = ((fn: never) => {
      calls++;
      if (calls === 3) return Promise.reject(new TransientStorageError("database busy (test)"));
      return original(fn);
    }) as typeof driver.transaction;
    const res = await admin.push(batch);
    driver.transaction = original;
    expect(res.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(res.stopped?.reason).toBe("transient");
    const resumed = await admin.push(batch);
    expect(resumed.results.map((r) => r.status)).toEqual(["duplicate", "duplicate", "applied", "applied"]);
  });

  it("[scenario 9] two phones edit the same record offline: the first wins, the second gets a conflict with the server's state", async () => {
    const args = newClass("9班");
    await admin.push([admin.mutation("class.upsert", args)]);
    const second = await TestPhone.login(t, "school-a", "admin");
    const edit1 = admin.mutation(
      "class.upsert",
      { entity: { ...args.entity, name: "9班（甲）" } },
      { baseVersion: 1 },
    );
    const edit2 = second.mutation(
      "class.upsert",
      { entity: { ...args.entity, name: "9班（乙）" } },
      { baseVersion: 1 },
    );
    expect((await admin.push([edit1])).results[0]?.status).toBe("applied");
    const lost = (await second.push([edit2])).results[0];
    expect(lost).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(lost?.serverState).toEqual({ version: 2, data: { ...args.entity, name: "9班（甲）" } });
    // History keeps both.
    const rows = await t.store.driver.all<{ status: string }>(
      "SELECT status FROM mutations WHERE type = 'class.upsert' ORDER BY received_at, status",
    );
    expect(rows.map((r) => r.status).sort()).toEqual(["applied", "applied", "conflict"]);
  });

  it("creating a record that exists is a conflict, editing one that does not is rejected", async () => {
    const args = newClass("9班");
    await admin.push([admin.mutation("class.upsert", args)]);
    expect((await admin.push([admin.mutation("class.upsert", args)])).results[0]?.status).toBe("conflict");
    const missing = await admin.push([admin.mutation("class.upsert", newClass("x"), { baseVersion: 3 })]);
    expect(missing.results[0]).toMatchObject({ status: "rejected", reason: "not_found" });
  });

  it("rules: a duplicate class name or a pupil in a class that does not exist is rejected", async () => {
    await admin.push([admin.mutation("class.upsert", newClass("9班"))]);
    const dup = await admin.push([admin.mutation("class.upsert", newClass("9班"))]);
    expect(dup.results[0]).toMatchObject({ status: "rejected", reason: "rule_violation" });
    const pupil = {
      entity: {
        id: ulid(),
        studentNo: "X1",
        name: "张三",
        gender: null,
        classId: ulid(),
        isBoarder: false,
        dormRoomId: null,
        bed: null,
      },
    };
    const res = await admin.push([admin.mutation("pupil.upsert", pupil)]);
    expect(res.results[0]).toMatchObject({ status: "rejected", reason: "rule_violation" });
  });

  it("[scenario 10] a phone clock wrong by -2 h, +1 day or set to 1970 still syncs; the skew is measured and kept", async () => {
    for (const [offsetMs, label] of [
      [-2 * 3600_000, "-2 h"],
      [24 * 3600_000, "+1 day"],
      [-t.clock.now().getTime(), "1970"],
    ] as const) {
      const phoneTime = new Date(t.clock.now().getTime() + offsetMs);
      const m = admin.mutation("class.upsert", newClass(`钟${label}`), {
        clientCreatedAt: phoneTime.toISOString(),
      });
      const res = await admin.push([m], { clientTime: phoneTime.toISOString() });
      expect(res.results[0]?.status, label).toBe("applied");
      expect(res.clockSkewMs, label).toBe(offsetMs);
      const row = await t.store.driver.get<{ clock_skew_ms: number }>(
        "SELECT clock_skew_ms FROM mutations WHERE mutation_id = ?",
        [m.mutationId],
      );
      expect(Number(row?.clock_skew_ms)).toBe(offsetMs);
      // …and per device, noted as the push locked the device row.
      const device = await t.store.driver.get<{ clock_skew_ms: number }>(
        "SELECT clock_skew_ms FROM devices WHERE id = ?",
        [admin.deviceId],
      );
      expect(Number(device?.clock_skew_ms), label).toBe(offsetMs);
    }
  });

  it("[S7] a change is accepted only from its own person's token, whoever shares the device", async () => {
    const teacherId = t.schools.a.staff.find((s) => s.login === "teacher")?.id as string;
    const res = await admin.push([
      admin.mutation("class.upsert", newClass("9班"), { actorUserId: teacherId as never }),
    ]);
    expect(res.results[0]).toMatchObject({ status: "rejected", reason: "actor_not_token_owner" });
    // Issue #16 §1: a teacher signed in on the admin's own device id (two real logins) cannot
    // act as the admin, and the admin's token cannot act as the teacher.
    const shared = new TestPhone((p, i) => t.app.request(p, i), "school-a");
    (shared as { deviceId: string }).deviceId = admin.deviceId;
    shared.deviceKey = admin.deviceKey;
    await shared.login("teacher");
    // One device, one sequence: the teacher's entries follow the admin's on it.
    const sameDevice = (from: TestPhone, to: TestPhone) => {
      (to as unknown as { nextSeq: number }).nextSeq = (from as unknown as { nextSeq: number }).nextSeq;
    };
    sameDevice(admin, shared);
    const staffBefore = t.schools.a.staff.find((s) => s.login === "teacher");
    const promote = shared.mutation(
      "staff.upsert",
      { entity: { ...staffBefore, roles: ["admin"], passwordHash: undefined } },
      { actorUserId: admin.userId as never },
    );
    const spoof = await shared.push([promote]);
    expect(spoof.results[0]).toMatchObject({ status: "rejected", reason: "actor_not_token_owner" });
    sameDevice(shared, admin);
    const asTeacher = admin.mutation("class.upsert", newClass("10班"), { actorUserId: teacherId as never });
    expect((await admin.push([asTeacher])).results[0]).toMatchObject({
      status: "rejected",
      reason: "actor_not_token_owner",
    });
    // With their own token, the teacher's own work is judged as theirs (a teacher may not edit classes).
    sameDevice(admin, shared);
    const own = shared.mutation("class.upsert", newClass("11班"));
    expect((await shared.push([own])).results[0]).toMatchObject({ status: "rejected", reason: "forbidden" });
    await admin.pullAll();
    const teacher = [...admin.entities.values()].find(
      (e) => (e.data as { login?: string }).login === "teacher",
    );
    expect(teacher?.data).toMatchObject({ roles: expect.not.arrayContaining(["admin"]) });
  });

  it("a login claiming another phone's device id is refused without that phone's key (issue #16 §1)", async () => {
    const teacher = new TestPhone((p, i) => t.app.request(p, i), "school-a");
    (teacher as { deviceId: string }).deviceId = admin.deviceId;
    // The id as read off the admin's 本机 page, with no key or a key of the teacher's own phone.
    teacher.deviceKey = undefined;
    await expect(teacher.login("teacher")).rejects.toThrow(/409.*device_key_mismatch.*deviceKey/);
    teacher.deviceKey = randomBytes(32).toString("base64url");
    await expect(teacher.login("teacher")).rejects.toThrow(/409.*device_key_mismatch/);
    // On the admin's phone itself (the same key) a colleague signs in as usual (a shared phone).
    teacher.deviceKey = admin.deviceKey;
    await teacher.login("teacher");
  });

  it("a revoked phone learns it with its key alone, no session needed; a wrong key learns nothing", async () => {
    const status = async (deviceKey: string | undefined) => {
      const res = await t.app.request("/api/v1/auth/device", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ deviceId: admin.deviceId, deviceKey }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { revokedSchoolIds?: string[]; field?: string },
      };
    };
    expect(await status(admin.deviceKey)).toEqual({ status: 200, body: { revokedSchoolIds: [] } });
    await t.store.driver.transaction((tx) =>
      revokeDevice(tx, t.schools.a.school.id, admin.deviceId, new Date()),
    );
    expect(await status(admin.deviceKey)).toEqual({
      status: 200,
      body: { revokedSchoolIds: [t.schools.a.school.id] },
    });
    expect(await status(randomBytes(32).toString("base64url"))).toEqual({
      status: 200,
      body: { revokedSchoolIds: [] },
    });
    expect((await status(undefined)).body.field).toBe("deviceKey");
  });

  it("a phone from before device keys is bound by its first login with a key", async () => {
    const old = new TestPhone((p, i) => t.app.request(p, i), "school-a");
    old.deviceKey = undefined;
    await old.login("teacher");
    await old.login("teacher");
    const key = randomBytes(32).toString("base64url");
    old.deviceKey = key;
    await old.login("teacher");
    old.deviceKey = undefined;
    await expect(old.login("teacher")).rejects.toThrow(/409.*device_key_mismatch/);
    old.deviceKey = key;
    await old.login("teacher");
  });

  it("[S8] a login naming another school's device is refused; the device stays that school's", async () => {
    const b = new TestPhone((p, i) => t.app.request(p, i), "school-b");
    (b as { deviceId: string }).deviceId = admin.deviceId;
    await expect(b.login("admin")).rejects.toThrow(/409.*device_in_other_school/);
    // A new device id is fine.
    await TestPhone.login(t, "school-b", "admin");
  });

  it("the same mutation id with a different payload is rejected", async () => {
    const m = admin.mutation("class.upsert", newClass("9班"));
    await admin.push([m]);
    const forged = { ...m, args: newClass("10班") };
    expect((await admin.push([forged])).results[0]).toMatchObject({
      status: "rejected",
      reason: "mutation_id_reused",
    });
  });

  it("pull pages in commit order and a bad, foreign or too-new cursor resets instead of skipping", async () => {
    const first = await admin.pullPage(3);
    expect(first.changes).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    const seqs = first.changes.map((c) => c.serverSeq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const second = await admin.pullPage(3, first.nextCursor);
    expect(second.changes[0]?.serverSeq).toBeGreaterThan(seqs.at(-1)!);
    for (const cursor of [
      "garbage",
      encodeCursor({ epoch: "other-db", schoolId: t.schools.a.school.id, seq: 2 }),
      encodeCursor({ epoch: await t.store.epoch(), schoolId: t.schools.a.school.id, seq: 10_000 }),
    ]) {
      const page = await admin.pullPage(3, cursor);
      expect(page.reset).toBe(true);
      expect(page.changes[0]?.serverSeq).toBe(seqs[0]);
    }
    // A caught-up phone pulls nothing.
    await admin.pullAll();
    const noop = await admin.pullPage();
    expect(noop).toMatchObject({ changes: [], hasMore: false });
  });

  it("[S8] school B never sees school A's changes, and school A's cursor resets in school B", async () => {
    await admin.push([admin.mutation("class.upsert", newClass("A校9班"))]);
    await admin.pullAll();
    const b = await TestPhone.login(t, "school-b", "admin");
    await b.pullAll();
    const names = [...b.entities.values()].map((e) => JSON.stringify(e.data));
    expect(names.join()).not.toContain("A校9班");
    expect(names.join()).not.toContain("school-a");
    const foreign = await b.pullPage(10, admin.cursor);
    expect(foreign.reset).toBe(true);
    // A class in school B pointing at school A's teacher is refused.
    const teacherA = t.schools.a.staff.find((s) => s.login === "teacher")?.id;
    const res = await b.push([b.mutation("class.upsert", newClass("B校1班", { classTeacherId: teacherA }))]);
    expect(res.results[0]).toMatchObject({ status: "rejected", reason: "rule_violation" });
  });

  it("a revoked device: push is refused (403), the next pull tells it to wipe, its sessions end", async () => {
    const lost = await TestPhone.login(t, "school-a", "teacher");
    const res = await t.app.request(`/api/v1/admin/devices/${lost.deviceId}/revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(204);
    // Its session ended with the revocation: push and pull answer 403 device_revoked (wipe),
    // and a new login with that device id is refused the same way.
    const push = await lost.pushRaw([lost.mutation("class.upsert", newClass("x"))]);
    expect(push.status).toBe(403);
    expect(((await push.json()) as any).error).toBe("device_revoked");
    await expect(lost.pullPage()).rejects.toThrow(/403.*device_revoked/);
    await expect(lost.login("teacher")).rejects.toThrow(/403.*device_revoked/);
    const list = (await (
      await t.app.request("/api/v1/admin/devices", { headers: { authorization: `Bearer ${admin.token}` } })
    ).json()) as any;
    expect(list.devices.find((d: any) => d.id === lost.deviceId)?.revokedAt).toBeTruthy();
  });

  it("a push for a device other than the session's is refused", async () => {
    const res = await admin.pushRaw([], { deviceId: ulid() });
    expect(res.status).toBe(403);
  });
});

describe("the urgent lane: POST /api/v1/alerts", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const raise = (phone: TestPhone, alert: Record<string, unknown>) =>
    t.app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${phone.token}` },
      body: JSON.stringify({ deviceId: phone.deviceId, alert }),
    });

  it("is idempotent by alert id, and every phone of the school receives the alert by pull", async () => {
    const duty = await TestPhone.login(t, "school-a", "teacher");
    const alert = {
      alertId: ulid(),
      kind: "unaccounted_pupil",
      subjectId: t.schools.a.pupils[0]?.id,
      message: "王小明 晚点名未到",
      actorUserId: duty.userId,
      clientCreatedAt: new Date().toISOString(),
    };
    const first = await raise(duty, alert);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ alertId: alert.alertId, status: "received" });
    const again = await raise(duty, alert);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    const forged = await raise(duty, { ...alert, kind: "critical_hazard" });
    expect(forged.status).toBe(409);

    const admin = await TestPhone.login(t, "school-a", "admin");
    await admin.pullAll();
    expect(admin.entity("alert", alert.alertId)?.data).toMatchObject({
      kind: "unaccounted_pupil",
      status: "open",
      raisedBy: duty.userId,
    });
    const other = await TestPhone.login(t, "school-b", "admin");
    await other.pullAll();
    expect(other.entity("alert", alert.alertId)).toBeUndefined();
  });

  it("names a bad field, and refuses an alert sent with another person's token", async () => {
    const duty = await TestPhone.login(t, "school-a", "teacher");
    const bad = await raise(duty, {
      alertId: ulid(),
      kind: "fire",
      subjectId: "x",
      message: "",
      actorUserId: duty.userId,
      clientCreatedAt: "now",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).field).toMatch(/^alert\./);
    const adminId = t.schools.a.staff.find((s) => s.login === "admin")?.id;
    const res = await raise(duty, {
      alertId: ulid(),
      kind: "critical_hazard",
      subjectId: "h1",
      message: "楼梯扶手断裂",
      actorUserId: adminId,
      clientCreatedAt: new Date().toISOString(),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error?: string; code?: string }).error ?? "").toBe(
      "actor_not_token_owner",
    );
  });
});
