// The real client sync (Dexie on fake-indexeddb, the engine, the HTTP transport) against the
// real server in-process (createTestApp on SQLite): phones log in with their own device ids,
// make changes offline-first, push and pull (SYNC.md S1–S7, scenarios 1, 11, 12).
import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AccountStore, createAccountStore } from "../../src/client/db/account-store.ts";
import { openDb, type SafetyRoundsDb } from "../../src/client/db/db.ts";
import { getView, listView } from "../../src/client/db/mirror-store.ts";
import { listNeedsAttention, mutate, redo } from "../../src/client/db/mutation-store.ts";
import { tokenVault } from "../../src/client/db/token-vault.ts";
import { createHttpTransport, type FetchLike } from "../../src/client/sync/http-transport.ts";
import { SyncEngine, type Timers } from "../../src/client/sync/sync-engine.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import type { SchoolClass } from "../../src/protocol/reference.ts";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";

/** Backoff timers are recorded, never fired: each test drives the cycles itself. */
const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

interface Phone {
  db: SafetyRoundsDb;
  deviceId: string;
  accounts: AccountStore;
  engine: SyncEngine;
  /** Let the server commit the next push, then lose its answer (a dropped connection). */
  loseNextPushAnswer(): void;
  pushCount(): number;
  login(school: string, login: string): Promise<LoginResponse>;
}

function newPhone(t: TestApp, clockOffsetMs = 0): Phone {
  const db = openDb(`phone-${ulid()}`);
  const deviceId = ulid();
  const now = () => t.clock.now().getTime() + clockOffsetMs;
  const accounts = createAccountStore(db, now);
  let isLosingAnswer = false;
  let pushes = 0;
  const fetch: FetchLike = async (input, init) => {
    const response = await t.app.request(input, init);
    if (input.endsWith("/sync/push")) {
      pushes++;
      if (isLosingAnswer) {
        isLosingAnswer = false;
        throw new TypeError("network connection lost");
      }
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
  return {
    db,
    deviceId,
    accounts,
    engine,
    loseNextPushAnswer: () => {
      isLosingAnswer = true;
    },
    pushCount: () => pushes,
    async login(school, login) {
      const res = await t.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ school, login, password: PASSWORD, deviceId }),
      });
      expect(res.status).toBe(200);
      const answer = LoginResponse.parse(await res.json());
      expect(answer.deviceId).toBe(deviceId);
      await accounts.saveLogin(answer);
      return answer;
    },
  };
}

function aClass(name: string, grade = 4, id = ulid()): SchoolClass {
  return { id, grade, name, classTeacherId: null } as SchoolClass;
}

describe("the client sync against the real server", () => {
  let t: TestApp;
  const phones: Phone[] = [];
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    for (const p of phones.splice(0)) {
      p.engine.dispose();
      p.db.close();
    }
    await t.dispose();
  });
  const phone = (clockOffsetMs = 0) => {
    const p = newPhone(t, clockOffsetMs);
    phones.push(p);
    return p;
  };

  it("an admin's new class reaches the server and another phone sees it", async () => {
    const adminPhone = phone();
    const admin = await adminPhone.login("school-a", "admin");
    const created = aClass("2班");
    const id = await mutate(adminPhone.db, {
      type: "class.upsert",
      args: { entity: created },
      actorUserId: admin.user.id,
      schoolId: admin.school.id,
    });
    // Before any network: the view shows it as pending; its creation will make version 1.
    expect(await getView(adminPhone.db, "class", created.id)).toMatchObject({
      hasPendingChanges: true,
      version: 1,
      serverVersion: null,
    });

    const outcome = await adminPhone.engine.syncOnce();
    expect(outcome).toMatchObject({ state: "idle", pushed: 1, problems: [] });
    expect(await adminPhone.db.outbox.get(id)).toBeUndefined();
    expect(await getView(adminPhone.db, "class", created.id)).toMatchObject({
      data: { name: "2班" },
      version: 1,
      hasPendingChanges: false,
    });
    expect(adminPhone.engine.getStatus()).toMatchObject({
      state: "idle",
      pendingCount: 0,
      isClockSuspect: false,
      clockSkewMs: 0,
    });

    const teacherPhone = phone();
    const teacher = await teacherPhone.login("school-a", "teacher");
    expect((await teacherPhone.engine.syncOnce()).state).toBe("idle");
    const classes = await listView(teacherPhone.db, teacher.school.id, "class");
    expect(classes.map((c) => (c.data as SchoolClass).name)).toContain("2班");
    expect(await getView(teacherPhone.db, "class", created.id)).toMatchObject({ version: 1 });
  });

  it("[scenario 1] an answer lost after the server committed: the retry is a duplicate, one effect", async () => {
    const p = phone();
    const admin = await p.login("school-a", "admin");
    const created = aClass("3班");
    const id = await mutate(p.db, {
      type: "class.upsert",
      args: { entity: created },
      actorUserId: admin.user.id,
      schoolId: admin.school.id,
    });
    p.loseNextPushAnswer();
    const lost = await p.engine.syncOnce();
    expect(lost.state).toBe("offline");
    expect(await p.db.outbox.get(id)).toMatchObject({ status: "pending", attempts: 1 });

    const retried = await p.engine.syncOnce();
    expect(retried).toMatchObject({ state: "idle", pushed: 1 });
    expect(p.pushCount()).toBe(2);
    expect(await p.db.outbox.count()).toBe(0);
    // One effect: the entity exists once, at version 1, and the server stored one verdict.
    expect(await getView(p.db, "class", created.id)).toMatchObject({ version: 1 });
    const verdicts = await t.store.driver.all<{ n: number }>(
      "SELECT COUNT(*) AS n FROM mutations WHERE mutation_id = ?",
      [id],
    );
    expect(Number(verdicts[0]?.n)).toBe(1);
  });

  it("[S4] a rejected mutation stays on the phone with its reason, out of the view", async () => {
    const p = phone();
    const teacher = await p.login("school-a", "teacher");
    const created = aClass("偷偷加的班");
    const id = await mutate(p.db, {
      type: "class.upsert",
      args: { entity: created },
      actorUserId: teacher.user.id,
      schoolId: teacher.school.id,
    });
    const outcome = await p.engine.syncOnce();
    expect(outcome.state).toBe("idle");
    const attention = await listNeedsAttention(p.db, teacher.user.id);
    expect(attention).toMatchObject([
      { mutationId: id, status: "rejected", verdict: { reason: "forbidden" } },
    ]);
    expect(await getView(p.db, "class", created.id)).toBeUndefined();
    expect(p.engine.getStatus()).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
  });

  it("a conflict keeps the server's state; redo on the new version goes through", async () => {
    const first = phone();
    const second = phone();
    const admin = await first.login("school-a", "admin");
    await second.login("school-a", "admin");
    const base = aClass("4班");
    await mutate(first.db, {
      type: "class.upsert",
      args: { entity: base },
      actorUserId: admin.user.id,
      schoolId: admin.school.id,
    });
    await first.engine.syncOnce();
    await second.engine.syncOnce();
    expect(await getView(second.db, "class", base.id)).toMatchObject({ version: 1 });

    // Both phones change the class they saw at version 1.
    const edit = (p: Phone, name: string) =>
      mutate(p.db, {
        type: "class.upsert",
        args: { entity: { ...base, name } },
        actorUserId: admin.user.id,
        schoolId: admin.school.id,
        baseVersion: 1,
      });
    await edit(first, "四（1）班");
    const losing = await edit(second, "四年级一班");
    expect((await first.engine.syncOnce()).pushed).toBe(1);
    await second.engine.syncOnce();

    const row = await second.db.outbox.get(losing);
    expect(row).toMatchObject({ status: "conflict" });
    expect(row?.verdict?.serverState).toMatchObject({ version: 2, data: { name: "四（1）班" } });
    // The same cycle's pull brought the winner into the mirror and the view.
    expect(await getView(second.db, "class", base.id)).toMatchObject({
      data: { name: "四（1）班" },
      version: 2,
      hasPendingChanges: false,
    });

    const again = await redo(second.db, losing, { now: () => t.clock.now().getTime() });
    expect((await second.db.outbox.get(again))?.baseVersion).toBe(2);
    expect((await second.engine.syncOnce()).pushed).toBe(1);
    expect(await second.db.outbox.count()).toBe(0);
    expect(await getView(second.db, "class", base.id)).toMatchObject({
      data: { name: "四年级一班" },
      version: 3,
    });
  });

  it("[scenario 12] a session ended on the server pauses sync for login and drops nothing", async () => {
    const p = phone();
    const admin = await p.login("school-a", "admin");
    const logout = await t.app.request("/api/v1/auth/logout", {
      method: "POST",
      headers: { authorization: `Bearer ${tokenVault(p.db).get(admin.user.id)}` },
    });
    expect(logout.status).toBe(204);
    const created = aClass("5班");
    const id = await mutate(p.db, {
      type: "class.upsert",
      args: { entity: created },
      actorUserId: admin.user.id,
      schoolId: admin.school.id,
    });
    const paused = await p.engine.syncOnce();
    expect(paused.state).toBe("needs-login");
    expect(p.engine.getStatus().message).toBe(`waiting for ${admin.user.name} to log in`);
    expect((await p.db.accounts.get(admin.user.id))?.needsLogin).toBe(true);
    expect(await p.db.outbox.get(id)).toMatchObject({ status: "pending" });

    await p.login("school-a", "admin");
    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    expect(await getView(p.db, "class", created.id)).toMatchObject({ version: 1 });
  });

  it("[scenario 11] A logs out with work unsent, B logs in: A's work still goes as A, then A's session ends", async () => {
    const p = phone();
    const admin = await p.login("school-a", "admin");
    const created = aClass("6班");
    await mutate(p.db, {
      type: "class.upsert",
      args: { entity: created },
      actorUserId: admin.user.id,
      schoolId: admin.school.id,
    });
    await p.accounts.logout(admin.user.id);
    await p.login("school-a", "teacher");

    // A cannot unlock the app any more, but A's session stays open for A's unsent work.
    const loggedOut = await p.db.accounts.get(admin.user.id);
    expect(loggedOut).toMatchObject({ sealedToken: null, isSignedOut: true });
    expect(loggedOut?.sendOnlyToken).toBeTruthy();

    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    expect(await p.db.outbox.count()).toBe(0);
    expect(await getView(p.db, "class", created.id)).toMatchObject({ version: 1, serverVersion: 1 });
    // Sent as A, not as B: the server recorded A as the actor.
    const row = await t.store.driver.get<{ actor_id: string }>(
      "SELECT actor_id FROM mutations WHERE type = 'class.upsert'",
    );
    expect(row?.actor_id).toBe(admin.user.id);
    // With nothing of A's left, the engine ended A's session on the server.
    expect((await p.db.accounts.get(admin.user.id))?.sendOnlyToken).toBeNull();
    const me = await t.app.request("/api/v1/auth/me", {
      headers: { authorization: `Bearer ${loggedOut?.sendOnlyToken}` },
    });
    expect(me.status).toBe(401);
  });

  it("[scenario 8, S6] a backlog drains in bounded batches from a phone whose clock is 2 hours slow", async () => {
    const p = phone(-2 * 60 * 60_000);
    const admin = await p.login("school-a", "admin");
    for (let i = 0; i < 230; i++) {
      await mutate(p.db, {
        type: "class.upsert",
        args: { entity: aClass(`${i + 1}班`, (i % 6) + 1) },
        actorUserId: admin.user.id,
        schoolId: admin.school.id,
      });
    }
    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 230 });
    expect(p.pushCount()).toBe(2);
    expect(p.engine.getStatus()).toMatchObject({ isClockSuspect: true, clockSkewMs: -2 * 60 * 60_000 });
    expect(
      (await listView(p.db, admin.school.id, "class")).filter((v) => v.version !== null).length,
    ).toBeGreaterThan(230);
  });

  it("a device revoked by an admin is wiped of the school's data at its next sync", async () => {
    const adminPhone = phone();
    const admin = await adminPhone.login("school-a", "admin");
    const lost = phone();
    const teacher = await lost.login("school-a", "teacher");
    await lost.engine.syncOnce();
    expect(await lost.db.mirror.count()).toBeGreaterThan(0);

    const adminToken = tokenVault(adminPhone.db).get(admin.user.id);
    const revoke = await t.app.request(`/api/v1/admin/devices/${lost.deviceId}/revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(revoke.status).toBeLessThan(300);
    // The server answers 403 device_revoked: the phone wipes the school's data at once and takes a new device id.
    const wiped = await lost.engine.syncOnce();
    expect(wiped.problems).toContainEqual({ kind: "wiped", schoolId: teacher.school.id });
    expect(await lost.db.mirror.count()).toBe(0);
    expect(await lost.db.view.count()).toBe(0);
    expect(tokenVault(lost.db).get(teacher.user.id)).toBeUndefined();
    expect((await lost.db.accounts.get(teacher.user.id))?.sealedToken).toBeNull();
    expect((await lost.db.meta.get("deviceId"))?.value).not.toBe(lost.deviceId);
  });
});
