// The urgent lane end to end (SYNC.md: "An unaccounted pupil's alert goes out first, ahead of any
// backlog"): the real phone data layer (Dexie on fake-indexeddb, reportHazard → mutate), the real
// sync engine and HTTP transport, and the real server in-process (createTestApp on SQLite). The
// fetch wrapper records every request in order, can lose an answer after the server committed,
// and can take the network away.
import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countPendingAlerts } from "../../src/client/db/alert-store.ts";
import { openDb, type SafetyRoundsDb } from "../../src/client/db/db.ts";
import { getView } from "../../src/client/db/mirror-store.ts";
import { mutate } from "../../src/client/db/mutation-store.ts";
import { type NewHazard, reportHazard } from "../../src/client/db/safety-edits.ts";
import { createHttpTransport, type FetchLike } from "../../src/client/sync/http-transport.ts";
import { SyncEngine, type Timers } from "../../src/client/sync/sync-engine.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import { ALERTS_PER_DEVICE_PER_MINUTE } from "../../src/protocol/limits.ts";
import type { SchoolClass } from "../../src/protocol/reference.ts";
import type { AlertEntity } from "../../src/protocol/sync.ts";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";

/** Backoff timers are recorded, never fired: each test drives the cycles itself. */
const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

interface Phone {
  db: SafetyRoundsDb;
  engine: SyncEngine;
  /** API paths in the order the phone requested them ("/alerts", "/sync/push", …). */
  requests: string[];
  /** Let the server commit the next alert, then lose its answer (a dropped connection). */
  loseNextAlertAnswer(): void;
  setOnline(isOnline: boolean): void;
  login(login: string): Promise<LoginResponse>;
}

describe("the urgent lane against the real server", () => {
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

  const now = () => t.clock.now().getTime();

  function phone(timers: Timers = idleTimers): Phone {
    const db = openDb(`urgent-${ulid()}`);
    const deviceId = ulid();
    const requests: string[] = [];
    let isLosingAlertAnswer = false;
    let isOnline = true;
    const fetch: FetchLike = async (input, init) => {
      if (!isOnline) throw new TypeError("Failed to fetch");
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
      timers,
    });
    const p: Phone = {
      db,
      engine,
      requests,
      loseNextAlertAnswer: () => {
        isLosingAlertAnswer = true;
      },
      setOnline: (online) => {
        isOnline = online;
      },
      async login(login) {
        const res = await t.app.request("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ school: "school-a", login, password: PASSWORD, deviceId }),
        });
        expect(res.status).toBe(200);
        const answer = LoginResponse.parse(await res.json());
        const { createAccountStore } = await import("../../src/client/db/account-store.ts");
        await createAccountStore(db, now).saveLogin(answer);
        return answer;
      },
    };
    phones.push(p);
    return p;
  }

  const criticalHazard = (): NewHazard => ({
    id: ulid(now()),
    areaId: t.schools.a.areas[0]?.id as NewHazard["areaId"],
    place: "三楼走廊",
    severity: "critical",
    description: "栏杆松动，学生可能坠落",
    photos: [],
    roundId: null,
    checklistItemId: null,
    assigneeId: null,
  });

  async function serverAlerts(): Promise<AlertEntity[]> {
    const rows = await t.store.driver.all<{ data: string }>(
      "SELECT data FROM entities WHERE school_id = ? AND entity_type = 'alert'",
      [t.schools.a.school.id],
    );
    return rows.map((r) => JSON.parse(r.data) as AlertEntity);
  }

  it("a critical hazard behind 300 unsent entries reaches the server first, exactly once though its answer was lost", async () => {
    const p = phone();
    const admin = await p.login("admin");
    const actor = { actorUserId: admin.user.id, schoolId: admin.school.id };
    for (let i = 0; i < 300; i++) {
      await mutate(p.db, {
        type: "class.upsert",
        args: {
          entity: { id: ulid(), grade: (i % 6) + 1, name: `${i + 1}班`, classTeacherId: null } as SchoolClass,
        },
        ...actor,
      });
    }
    const hazard = criticalHazard();
    await reportHazard(p.db, actor, hazard, t.schools.a.school.settings, { now });
    const [queued] = await p.db.urgentAlerts.toArray();
    expect(queued).toMatchObject({ kind: "critical_hazard", subjectId: hazard.id, status: "pending" });
    const alertId = queued?.alertId as string;

    // The server stores the alert, but the phone never hears back.
    p.loseNextAlertAnswer();
    const first = await p.engine.syncOnce();
    expect(p.requests[0]).toBe("/alerts");
    expect(p.requests.indexOf("/alerts")).toBeLessThan(p.requests.indexOf("/sync/push"));
    // The lost answer does not hold the backlog back: 301 entries in two pushes, then the pull.
    expect(p.requests).toEqual(["/alerts", "/sync/push", "/sync/push", "/sync/pull"]);
    expect(first.pushed).toBe(301);
    expect(first.state).toBe("offline");
    expect(await p.db.urgentAlerts.get(alertId)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "no network",
    });
    expect(await serverAlerts()).toMatchObject([
      { id: alertId, kind: "critical_hazard", subjectId: hazard.id },
    ]);

    // The retry is answered "duplicate": the phone counts it delivered, the school has one alert.
    const second = await p.engine.syncOnce();
    expect(second.state).toBe("idle");
    expect(p.requests.slice(4)).toEqual(["/alerts", "/sync/pull"]);
    expect(await p.db.urgentAlerts.get(alertId)).toMatchObject({
      status: "sent",
      attempts: 2,
      sentAt: now(),
      lastError: null,
    });
    expect(await countPendingAlerts(p.db)).toBe(0);
    const alerts = await serverAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: alertId, raisedBy: admin.user.id, status: "open" });
    // The hazard the backlog carried points at that same alert.
    expect(await getView(p.db, "hazard", hazard.id)).toMatchObject({
      data: { severity: "critical", alertId },
      hasPendingChanges: false,
    });
  });

  it("an alert raised offline goes first when the network returns, and other phones pull it", async () => {
    const p = phone();
    const admin = await p.login("admin");
    await p.engine.syncOnce();
    p.setOnline(false);
    const hazard = criticalHazard();
    await reportHazard(
      p.db,
      { actorUserId: admin.user.id, schoolId: admin.school.id },
      hazard,
      t.schools.a.school.settings,
      { now, alertNames: { areaName: "三楼", raisedByName: "管理员" } },
    );
    const offline = await p.engine.syncOnce();
    expect(offline.state).toBe("offline");
    const [queued] = await p.db.urgentAlerts.toArray();
    expect(queued).toMatchObject({ status: "pending", attempts: 1, lastError: "no network" });
    expect(await countPendingAlerts(p.db, admin.school.id)).toBe(1);
    expect(await serverAlerts()).toEqual([]);

    t.clock.advanceMinutes(5);
    p.setOnline(true);
    const before = p.requests.length;
    expect((await p.engine.syncOnce()).state).toBe("idle");
    expect(p.requests.slice(before)).toEqual(["/alerts", "/sync/push", "/sync/pull"]);
    expect(await p.db.urgentAlerts.get(queued?.alertId as string)).toMatchObject({
      status: "sent",
      attempts: 2,
    });

    // The principal's (here: the class teacher's) phone gets the alert entity by an ordinary pull.
    const other = phone();
    await other.login("teacher");
    expect((await other.engine.syncOnce()).state).toBe("idle");
    expect(await getView(other.db, "alert", queued?.alertId as string)).toMatchObject({
      data: {
        id: queued?.alertId,
        kind: "critical_hazard",
        subjectId: hazard.id,
        raisedBy: admin.user.id,
        status: "open",
        // AL-1..3: the phone's facts travelled with it, worded in Chinese for the message.
        facts: {
          kind: "critical_hazard",
          hazardId: hazard.id,
          areaName: "三楼",
          place: "三楼走廊",
          description: "栏杆松动，学生可能坠落",
          raisedByName: "管理员",
        },
        message: "重大隐患：三楼（三楼走廊）；栏杆松动，学生可能坠落；管理员 上报",
      },
    });
    expect(await getView(other.db, "hazard", hazard.id)).toMatchObject({
      data: { severity: "critical", alertId: queued?.alertId },
    });
  });

  it("past the server's alerts per minute, the phone keeps the alert queued and tries again after Retry-After", async () => {
    const scheduled: number[] = [];
    const p = phone({ setTimeout: (_run, ms) => scheduled.push(ms), clearTimeout: () => undefined });
    const admin = await p.login("admin");
    const actor = { actorUserId: admin.user.id, schoolId: admin.school.id };
    for (let i = 0; i <= ALERTS_PER_DEVICE_PER_MINUTE; i++)
      await reportHazard(p.db, actor, criticalHazard(), t.schools.a.school.settings, { now });
    await p.engine.syncOnce();
    const queued = await p.db.urgentAlerts.toArray();
    expect(queued.filter((a) => a.status === "pending")).toHaveLength(1);
    // The server's clock is at 00:30:00: the minute ends in 60 s, and the retry waits for it.
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toBeGreaterThanOrEqual(60_000);

    t.clock.advanceMs(60_000);
    await p.engine.syncOnce();
    expect(await countPendingAlerts(p.db)).toBe(0);
    expect(await serverAlerts()).toHaveLength(ALERTS_PER_DEVICE_PER_MINUTE + 1);
  });
});
