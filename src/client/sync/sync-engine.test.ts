import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SchoolClass } from "../../protocol/reference.ts";
import type {
  AlertRequest,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  Verdict,
} from "../../protocol/sync.ts";
import { createAccountStore } from "../db/account-store.ts";
import { countPendingAlerts } from "../db/alert-store.ts";
import { openDb, type SafetyRoundsDb } from "../db/db.ts";
import { getView, readSyncState } from "../db/mirror-store.ts";
import { mutate } from "../db/mutation-store.ts";
import { tokenVault } from "../db/token-vault.ts";
import type { AlertAnswer, SyncTransport } from "./http-transport.ts";
import { SyncEngine, type Timers } from "./sync-engine.ts";
import {
  AuthRequiredError,
  DeviceRevokedError,
  PasswordChangeRequiredError,
  RequestRefusedError,
  TransportError,
} from "./sync-errors.ts";

const SCHOOL = ulid();
const DEVICE = ulid();
const T0 = Date.parse("2026-11-30T08:00:00.000Z");

/** A scripted server: answers every push with `decide`, pulls from `pages`. */
class FakeTransport implements SyncTransport {
  /** Every request in the order it was made: "alert:<alertId>", "push", "pull". */
  calls: string[] = [];
  alerts: { request: AlertRequest; token: string }[] = [];
  decideAlert: (request: AlertRequest) => AlertAnswer | Error | Promise<AlertAnswer | Error> = (request) => ({
    alertId: request.alert.alertId,
    status: "received",
    serverSeq: 1,
    serverTime: this.serverTime,
  });
  /** Holds every push until it is released (a stuck upload). */
  pushGate: Promise<void> | undefined;
  pushes: { request: PushRequest; token: string }[] = [];
  pulls: { request: PullRequest; token: string }[] = [];
  serverTime = new Date(T0).toISOString();
  decide: (request: PushRequest) => PushResponse | Error = (request) => ({
    results: request.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const })),
    serverTime: this.serverTime,
  });
  pages: (PullResponse | Error)[] = [];

  async sendAlert(request: AlertRequest, token: string): Promise<AlertAnswer> {
    this.calls.push(`alert:${request.alert.alertId}`);
    this.alerts.push({ request, token });
    const answer = await this.decideAlert(request);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  async push(request: PushRequest, token: string): Promise<PushResponse> {
    this.calls.push("push");
    this.pushes.push({ request, token });
    await this.pushGate;
    const answer = this.decide(request);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  loggedOut: string[] = [];
  async logout(token: string): Promise<boolean> {
    this.loggedOut.push(token);
    return true;
  }

  async pull(request: PullRequest, token: string): Promise<PullResponse> {
    this.calls.push("pull");
    this.pulls.push({ request, token });
    const page = this.pages.shift() ?? {
      changes: [],
      nextCursor: request.cursor ?? "c0",
      hasMore: false,
      serverTime: this.serverTime,
    };
    if (page instanceof Error) throw page;
    return page;
  }
}

class FakeTimers implements Timers {
  scheduled: { run: () => void; ms: number }[] = [];
  setTimeout(run: () => void, ms: number) {
    this.scheduled.push({ run, ms });
    return this.scheduled.length;
  }
  clearTimeout() {}
}

function aClass(name: string, id = ulid()): SchoolClass {
  return { id, grade: 3, name, classTeacherId: null } as SchoolClass;
}

async function addAccount(db: SafetyRoundsDb, name: string, extra: { token?: string | null } = {}) {
  const userId = ulid();
  await db.accounts.put({
    userId,
    schoolId: SCHOOL,
    schoolCode: "school-a",
    schoolName: "小学",
    login: name,
    name,
    roles: ["admin"],
    sealedToken: null,
    tokenExpiresAt: null,
    pinLength: null,
    pinFailures: 0,
    mustChangePassword: false,
    needsLogin: false,
    isSignedOut: false,
    lastUsedAt: 0,
  });
  const token = extra.token === undefined ? `token-${name}` : extra.token;
  if (token !== null) tokenVault(db).put(userId, token);
  return userId;
}

describe("the sync engine", () => {
  let db: SafetyRoundsDb;
  let transport: FakeTransport;
  let timers: FakeTimers;
  let now: number;
  let admin: string;
  let engine: SyncEngine;

  beforeEach(async () => {
    db = openDb(`engine-${ulid()}`);
    await db.meta.put({ key: "deviceId", value: DEVICE });
    transport = new FakeTransport();
    timers = new FakeTimers();
    now = T0;
    admin = await addAccount(db, "admin");
    engine = new SyncEngine({ db, transport, clock: () => now, random: () => 0.5, timers, batchSize: 2 });
  });

  const write = (actorUserId: string, name: string) =>
    mutate(db, { type: "class.upsert", args: { entity: aClass(name) }, actorUserId, schoolId: SCHOOL });

  it("pushes in deviceSeq order, in bounded batches, each person's entries with their own token", async () => {
    const teacher = await addAccount(db, "teacher");
    await write(admin, "1");
    await write(admin, "2");
    await write(admin, "3");
    await write(teacher, "4");
    await write(admin, "5");
    const outcome = await engine.syncOnce();
    expect(outcome).toMatchObject({ state: "idle", pushed: 5, problems: [] });
    expect(transport.pushes.map((p) => [p.token, p.request.mutations.map((m) => m.deviceSeq)])).toEqual([
      ["token-admin", [1, 2]],
      ["token-admin", [3]],
      ["token-teacher", [4]],
      ["token-admin", [5]],
    ]);
    expect(transport.pushes[0]?.request).toMatchObject({ deviceId: DEVICE });
    expect(await db.outbox.count()).toBe(0);
    expect(engine.getStatus()).toMatchObject({ state: "idle", pendingCount: 0, lastSuccessAt: T0 });
  });

  it("[S7] stops at a person who is logged out: later entries wait, nothing is sent as someone else", async () => {
    const away = await addAccount(db, "李老师", { token: null });
    await write(admin, "1");
    await write(away, "2");
    await write(admin, "3");
    const outcome = await engine.syncOnce();
    expect(transport.pushes.map((p) => p.request.mutations.map((m) => m.deviceSeq))).toEqual([[1]]);
    expect(outcome.state).toBe("needs-login");
    expect(engine.getStatus()).toMatchObject({
      state: "needs-login",
      message: "waiting for 李老师 to log in",
      pendingCount: 2,
      stalledSince: T0,
    });
    // The pull still runs with a signed-in account.
    expect(transport.pulls).toHaveLength(1);
  });

  it("[S2] an HTTP 200 without a verdict for an entry leaves it pending", async () => {
    await write(admin, "1");
    await write(admin, "2");
    transport.decide = (request) => ({
      results: [{ mutationId: request.mutations[0]?.mutationId as string, status: "applied" }],
      serverTime: transport.serverTime,
    });
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("error");
    expect(await db.outbox.count()).toBe(1);
    expect((await db.outbox.toArray())[0]).toMatchObject({ deviceSeq: 2, status: "pending", attempts: 1 });
  });

  it("[S4] a transient stop keeps the rest pending and backs off with jitter", async () => {
    await write(admin, "1");
    await write(admin, "2");
    transport.decide = (request) => ({
      results: [{ mutationId: request.mutations[0]?.mutationId as string, status: "applied" }],
      stopped: { reason: "transient", message: "the database is busy" },
      serverTime: transport.serverTime,
    });
    const outcome = await engine.syncOnce();
    expect(outcome.problems).toEqual([{ kind: "server-busy", message: "the database is busy" }]);
    expect(await db.outbox.count()).toBe(1);
    // Base 2 s, equal jitter with random 0.5: 1 s + 0.5 s.
    expect(timers.scheduled.map((s) => s.ms)).toEqual([1500]);
    expect(engine.getStatus().nextAttemptAt).toBe(T0 + 1500);
    await engine.syncOnce();
    expect(timers.scheduled.map((s) => s.ms)).toEqual([1500, 3000]);
  });

  it("a push cut for fairness (stopped with retryAfterMs 0) sends the rest at once, without a backoff", async () => {
    await write(admin, "1");
    await write(admin, "2");
    await write(admin, "3");
    const sent: number[] = [];
    transport.decide = (request) => {
      sent.push(request.mutations.length);
      const [first] = request.mutations;
      return {
        results: [{ mutationId: first?.mutationId as string, status: "applied" }],
        ...(request.mutations.length > 1
          ? { stopped: { reason: "transient", message: "used its share", retryAfterMs: 0 } }
          : {}),
        serverTime: transport.serverTime,
      };
    };
    const outcome = await engine.syncOnce();
    expect(outcome.problems).toEqual([]);
    expect(sent).toEqual([2, 2, 1]); // batches of two: each answered one and asked for the rest at once
    expect(await db.outbox.count()).toBe(0);
    expect(timers.scheduled).toEqual([]);
  });

  it("a rejected entry stays in the outbox with its reason and the queue moves on", async () => {
    const bad = await write(admin, "1");
    await write(admin, "2");
    transport.decide = (request) => ({
      results: request.mutations.map(
        (m): Verdict =>
          m.mutationId === bad
            ? { mutationId: m.mutationId, status: "rejected", reason: "forbidden", message: "no" }
            : { mutationId: m.mutationId, status: "applied" },
      ),
      serverTime: transport.serverTime,
    });
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("idle");
    expect(await db.outbox.toArray()).toMatchObject([{ mutationId: bad, status: "rejected" }]);
    expect(engine.getStatus()).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
  });

  it("[scenario 12] a 401 pauses for login and drops nothing", async () => {
    await write(admin, "1");
    transport.decide = () => new AuthRequiredError("this session has expired");
    transport.pages = [new AuthRequiredError("this session has expired")];
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("needs-login");
    expect(await db.outbox.count()).toBe(1);
    expect((await db.accounts.get(admin))?.needsLogin).toBe(true);
    expect(timers.scheduled).toHaveLength(0);
  });

  it("a 403 password_change_required waits for that person's new password: no retry loop, nothing dropped", async () => {
    await write(admin, "1");
    const applyAll = transport.decide;
    transport.decide = () => new PasswordChangeRequiredError("choose a new password first");
    transport.pages = [new PasswordChangeRequiredError("choose a new password first")];
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("needs-login");
    expect(await db.outbox.count()).toBe(1);
    const account = await db.accounts.get(admin);
    // Not a login: their session is kept, and the phone shows the change-password page.
    expect(account).toMatchObject({ mustChangePassword: true, needsLogin: false });
    expect(timers.scheduled).toHaveLength(0);
    // Until they change it, their session is not used at all.
    const sent = transport.pushes.length;
    expect((await engine.syncOnce()).state).toBe("needs-login");
    expect(transport.pushes.length).toBe(sent);
    // Changed: the same session sends the work.
    transport.decide = applyAll;
    transport.pages = [];
    await db.accounts.update(admin, { mustChangePassword: false });
    expect((await engine.syncOnce()).state).toBe("idle");
    expect(await db.outbox.count()).toBe(0);
  });

  it("no network: offline, nothing dropped, backoff grows", async () => {
    await write(admin, "1");
    transport.decide = () => new TransportError("network", "no network");
    expect((await engine.syncOnce()).state).toBe("offline");
    expect((await engine.syncOnce()).state).toBe("offline");
    expect((await engine.syncOnce()).state).toBe("offline");
    expect(timers.scheduled.map((s) => s.ms)).toEqual([1500, 3000, 6000]);
    expect(transport.pulls).toHaveLength(0);
    expect(await db.outbox.count()).toBe(1);
    expect(engine.getStatus()).toMatchObject({ state: "offline", pendingCount: 1, stalledSince: T0 });
  });

  it("[S6] a phone clock 2 hours fast is measured and flagged, and sync goes on", async () => {
    now = T0 + 2 * 60 * 60_000;
    await write(admin, "1");
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("idle");
    expect(await db.outbox.count()).toBe(0);
    expect(engine.getStatus()).toMatchObject({ isClockSuspect: true, clockSkewMs: 2 * 60 * 60_000 });
    expect(await readSyncState(db, SCHOOL)).toMatchObject({ isClockSuspect: true });
  });

  it("pulls pages until there are no more, carrying the cursor, and updates the view", async () => {
    const one = aClass("1班");
    const two = aClass("2班");
    transport.pages = [
      {
        changes: [
          { serverSeq: 1, entityType: "class", entityId: one.id, op: "upsert", version: 1, data: one },
        ],
        nextCursor: "c1",
        hasMore: true,
        serverTime: transport.serverTime,
      },
      {
        changes: [
          { serverSeq: 2, entityType: "class", entityId: two.id, op: "upsert", version: 1, data: two },
        ],
        nextCursor: "c2",
        hasMore: false,
        serverTime: transport.serverTime,
      },
    ];
    const outcome = await engine.syncOnce();
    expect(outcome).toMatchObject({ state: "idle", pulled: 2 });
    expect(transport.pulls.map((p) => p.request.cursor)).toEqual([undefined, "c1"]);
    expect(await getView(db, "class", two.id)).toMatchObject({ data: { name: "2班" }, version: 1 });
    expect((await readSyncState(db, SCHOOL)).cursor).toBe("c2");
  });

  it("a wipe answer deletes this school's data from the phone", async () => {
    await write(admin, "1");
    transport.decide = () => new TransportError("server", "busy", 503);
    // Push fails first: nothing is pulled; next cycle the push succeeds and the pull says wipe.
    await engine.syncOnce();
    transport.decide = (request) => ({
      results: request.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const })),
      serverTime: transport.serverTime,
    });
    await write(admin, "2");
    transport.pages = [
      { changes: [], nextCursor: "x", hasMore: false, wipe: true, serverTime: transport.serverTime },
    ];
    const outcome = await engine.syncOnce();
    expect(outcome.problems).toEqual([{ kind: "wiped", schoolId: SCHOOL }]);
    expect(tokenVault(db).has(admin)).toBe(false);
    expect((await db.accounts.get(admin))?.sealedToken).toBeNull();
  });

  it("a deviceSeq gap with earlier entries missing on the phone renumbers and resends", async () => {
    await write(admin, "1");
    await write(admin, "2");
    await db.outbox.filter((row) => row.deviceSeq === 1).delete();
    let calls = 0;
    transport.decide = (request) => {
      calls++;
      if (request.mutations[0]?.deviceSeq !== 1) {
        return {
          results: [],
          stopped: { reason: "device_seq_gap", message: "expected 1", expectedDeviceSeq: 1 },
          serverTime: transport.serverTime,
        };
      }
      return {
        results: request.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const })),
        serverTime: transport.serverTime,
      };
    };
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("idle");
    expect(calls).toBe(2);
    expect(await db.outbox.count()).toBe(0);
  });

  it("a sync asked for while one runs is queued once, not run in parallel", async () => {
    await write(admin, "1");
    const [a, b, c] = [engine.syncOnce(), engine.syncOnce(), engine.syncOnce()];
    await Promise.all([a, b, c]);
    expect(b).toBe(c);
    expect(transport.pushes).toHaveLength(1);
    expect(transport.pulls).toHaveLength(2);
  });

  it("[issue #16 §3] after a reload a signed-in person's work waits for their PIN, not their password, then goes", async () => {
    const teacher = await addAccount(db, "teacher");
    await createAccountStore(db, () => now).setPin(teacher, "246810");
    // The app reloads: the same database, a new page with no token open.
    const name = db.name;
    engine.dispose();
    db.close();
    db = openDb(name);
    engine = new SyncEngine({ db, transport, clock: () => now, random: () => 0.5, timers, batchSize: 2 });
    await write(teacher, "1");
    const waiting = await engine.syncOnce();
    expect(transport.pushes).toEqual([]);
    expect(waiting.state).toBe("needs-login");
    expect(waiting.problems).toEqual([
      {
        kind: "waiting-for-login",
        person: { userId: teacher, name: "teacher", needsPin: true },
        schoolId: SCHOOL,
      },
    ]);
    expect(engine.getStatus().message).toBe("waiting for teacher to enter their PIN");
    // Nothing was lost, and the school's data stays: the teacher is still signed in.
    expect(await db.outbox.where("status").equals("pending").count()).toBe(1);

    expect(await createAccountStore(db, () => now).checkPin(teacher, "246810")).toEqual({ ok: true });
    expect(await engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    expect(transport.pushes.map((p) => p.token)).toEqual(["token-teacher"]);
  });

  it("[issue #16 §2] with no one of the school signed in, what the send-only token sent leaves the phone, sent once", async () => {
    const accounts = createAccountStore(db, () => now);
    await write(admin, "1");
    await db.syncState.update(SCHOOL, { cursor: "c9" });
    expect(await accounts.logout(admin)).toEqual({ hasUnsentWork: true, endedToken: null });
    expect(await db.outbox.count()).toBe(1);

    expect(await engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    expect(transport.pushes.map((p) => p.token)).toEqual(["token-admin"]);
    // No one is signed in to pull: nothing retires the applied entry but this.
    expect(transport.pulls).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.view.count()).toBe(0);
    expect(transport.loggedOut).toEqual(["token-admin"]);
    expect((await db.accounts.get(admin))?.sendOnlyToken).toBeNull();
    expect(await readSyncState(db, SCHOOL)).toMatchObject({ cursor: null, nextDeviceSeq: 2 });
    await engine.syncOnce();
    expect(transport.pushes).toHaveLength(1);
  });
});

describe("the urgent lane", () => {
  let db: SafetyRoundsDb;
  let transport: FakeTransport;
  let timers: FakeTimers;
  let now: number;
  let admin: string;
  let engine: SyncEngine;

  beforeEach(async () => {
    db = openDb(`alerts-${ulid()}`);
    await db.meta.put({ key: "deviceId", value: DEVICE });
    transport = new FakeTransport();
    timers = new FakeTimers();
    now = T0;
    admin = await addAccount(db, "admin");
    engine = new SyncEngine({ db, transport, clock: () => now, random: () => 0.5, timers, batchSize: 2 });
  });

  const write = (actorUserId: string, name: string) =>
    mutate(db, { type: "class.upsert", args: { entity: aClass(name) }, actorUserId, schoolId: SCHOOL });

  /** A change that raises an alert in the same transaction (as a critical hazard report does). */
  const alarm = async (actorUserId: string, message = "三楼栏杆松动") => {
    const alertId = ulid(now);
    await mutate(db, {
      type: "class.upsert",
      args: { entity: aClass(`alarm ${message}`) },
      actorUserId,
      schoolId: SCHOOL,
      urgentAlert: { alertId, kind: "critical_hazard", subjectId: ulid(), message },
    });
    now += 1000;
    return alertId;
  };

  it("sends every pending alert, oldest first with its actor's token, before any backlog", async () => {
    const teacher = await addAccount(db, "teacher");
    await write(admin, "1");
    await write(admin, "2");
    await write(admin, "3");
    const first = await alarm(teacher);
    const second = await alarm(admin);
    transport.decideAlert = (request) => ({
      alertId: request.alert.alertId,
      status: request.alert.alertId === second ? "duplicate" : "received",
      serverSeq: 7,
      serverTime: transport.serverTime,
    });
    const outcome = await engine.syncOnce();
    expect(outcome).toMatchObject({ state: "idle", pushed: 5, problems: [] });
    // Pushes: admin 1–2, admin 3, teacher's alarm entry, admin's alarm entry; then the pull.
    expect(transport.calls).toEqual([
      `alert:${first}`,
      `alert:${second}`,
      "push",
      "push",
      "push",
      "push",
      "pull",
    ]);
    expect(transport.alerts.map((a) => a.token)).toEqual(["token-teacher", "token-admin"]);
    expect(transport.alerts[0]?.request).toMatchObject({
      deviceId: DEVICE,
      alert: { alertId: first, kind: "critical_hazard", message: "三楼栏杆松动", actorUserId: teacher },
    });
    // "received" and "duplicate" both mean the server has it.
    expect(await db.urgentAlerts.toArray()).toMatchObject([
      { alertId: first, status: "sent", attempts: 1, lastError: null },
      { alertId: second, status: "sent", attempts: 1, lastError: null },
    ]);
    expect(await countPendingAlerts(db, SCHOOL)).toBe(0);
    // Sent once: the next cycle has no alert to send.
    await engine.syncOnce();
    expect(transport.alerts).toHaveLength(2);
  });

  it("offline: the alert stays pending with its attempts and error, and goes when the network returns", async () => {
    const alertId = await alarm(admin);
    transport.decideAlert = () => new TransportError("network", "no network");
    transport.decide = () => new TransportError("network", "no network");
    expect((await engine.syncOnce()).state).toBe("offline");
    expect(await db.urgentAlerts.get(alertId)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "no network",
      sentAt: null,
    });
    expect(await countPendingAlerts(db)).toBe(1);

    transport.decideAlert = (request) => ({
      alertId: request.alert.alertId,
      status: "received",
      serverSeq: 3,
      serverTime: transport.serverTime,
    });
    transport.decide = (request) => ({
      results: request.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const })),
      serverTime: transport.serverTime,
    });
    now = T0 + 60_000;
    expect((await engine.syncOnce()).state).toBe("idle");
    expect(await db.urgentAlerts.get(alertId)).toMatchObject({
      status: "sent",
      attempts: 2,
      sentAt: T0 + 60_000,
    });
    expect(transport.calls.slice(-3)).toEqual([`alert:${alertId}`, "push", "pull"]);
  });

  it("a refusal that can never succeed is recorded, shown and not sent again; the backlog still goes", async () => {
    const bad = await alarm(admin);
    const good = await alarm(admin, "操场围墙有裂缝");
    transport.decideAlert = (request) =>
      request.alert.alertId === bad
        ? new RequestRefusedError(400, "bad_request", "alert.message: message is required", "alert.message")
        : { alertId: good, status: "received", serverSeq: 4, serverTime: transport.serverTime };
    const outcome = await engine.syncOnce();
    expect(outcome.pushed).toBe(2);
    expect(outcome.state).toBe("error");
    expect(outcome.problems).toEqual([
      {
        kind: "alert-refused",
        schoolId: SCHOOL,
        alertId: bad,
        status: 400,
        code: "bad_request",
        message: "alert.message: message is required",
      },
    ]);
    expect(engine.getStatus().message).toContain("refused an urgent alert");
    expect(await db.urgentAlerts.get(bad)).toMatchObject({
      status: "pending",
      attempts: 1,
      refusedAt: T0 + 2000,
      lastError: "400 bad_request: alert.message: message is required",
    });
    // Still undelivered, so still counted for the banner; not retried, no backoff for it.
    expect(await countPendingAlerts(db, SCHOOL)).toBe(1);
    expect(timers.scheduled).toHaveLength(0);
    await engine.syncOnce();
    expect(transport.alerts.map((a) => a.request.alert.alertId)).toEqual([bad, good]);
  });

  it("[S7] a person who logged out with an alert unsent still sends it as themselves; one who must log in waits", async () => {
    const left = await addAccount(db, "left", { token: null });
    await db.accounts.update(left, { sendOnlyToken: "send-only-left", isSignedOut: true });
    const away = await addAccount(db, "away", { token: null });
    const waiting = await alarm(away);
    const sent = await alarm(left);
    // Alerts do not queue behind one another's people: the later one goes, the earlier waits.
    const outcome = await engine.syncOnce();
    expect(transport.alerts.map((a) => [a.request.alert.alertId, a.token])).toEqual([
      [sent, "send-only-left"],
    ]);
    expect(outcome.state).toBe("needs-login");
    expect(outcome.problems).toEqual([
      { kind: "waiting-for-login", person: { userId: away, name: "away" }, schoolId: SCHOOL },
    ]);
    expect(await db.urgentAlerts.get(waiting)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("a logged-out person's session is not ended while an alert of theirs is unsent", async () => {
    const left = await addAccount(db, "left", { token: null });
    await db.accounts.update(left, { sendOnlyToken: "send-only-left", isSignedOut: true });
    const alertId = await alarm(left);
    transport.decideAlert = () => new TransportError("server", "the alert lane is down", 500);
    await engine.syncOnce();
    // The outbox entry went, the alert did not: the send-only session stays for it.
    expect(await db.outbox.where("status").equals("pending").count()).toBe(0);
    expect(transport.loggedOut).toEqual([]);
    expect((await db.accounts.get(left))?.sendOnlyToken).toBe("send-only-left");

    transport.decideAlert = (request) => ({
      alertId: request.alert.alertId,
      status: "received",
      serverSeq: 2,
      serverTime: transport.serverTime,
    });
    await engine.syncOnce();
    expect(await db.urgentAlerts.get(alertId)).toMatchObject({ status: "sent" });
    expect(transport.loggedOut).toEqual(["send-only-left"]);
  });

  it("a 401 on an alert waits for that person's login and drops nothing", async () => {
    const alertId = await alarm(admin);
    transport.decideAlert = () => new AuthRequiredError("this session has expired");
    transport.decide = () => new AuthRequiredError("this session has expired");
    transport.pages = [new AuthRequiredError("this session has expired")];
    const outcome = await engine.syncOnce();
    expect(outcome.state).toBe("needs-login");
    expect((await db.accounts.get(admin))?.needsLogin).toBe(true);
    expect(await db.urgentAlerts.get(alertId)).toMatchObject({ status: "pending", attempts: 1 });
    expect(transport.pushes).toHaveLength(0);
  });

  it("an alert queued while a push is stuck goes at once, without waiting for the push", async () => {
    await write(admin, "1");
    let release = () => {};
    transport.pushGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const cycle = engine.syncOnce();
    await vi.waitFor(() => expect(transport.pushes).toHaveLength(1));
    const alertId = await alarm(admin);
    engine.request("write");
    await vi.waitFor(async () =>
      expect(await db.urgentAlerts.get(alertId)).toMatchObject({ status: "sent" }),
    );
    expect(transport.calls).toEqual(["push", `alert:${alertId}`]);
    release();
    await cycle;
    await engine.syncOnce();
    expect(transport.alerts).toHaveLength(1);
  });

  it("an alert queued while backing off goes at once; the backlog keeps its backoff", async () => {
    await write(admin, "1");
    transport.decide = () => new TransportError("server", "busy", 503);
    await engine.syncOnce();
    expect(timers.scheduled).toHaveLength(1);
    const pushesBefore = transport.pushes.length;
    const alertId = await alarm(admin);
    engine.request("write");
    await vi.waitFor(async () =>
      expect(await db.urgentAlerts.get(alertId)).toMatchObject({ status: "sent" }),
    );
    expect(transport.pushes).toHaveLength(pushesBefore);
  });

  it("an alert queued while a backlog drains goes before the next batch", async () => {
    for (let i = 0; i < 4; i++) await write(admin, `${i}`);
    let alertId = "";
    const decide = transport.decide;
    transport.decide = (request) => {
      if (transport.pushes.length === 1) {
        // Queued while the first batch is on its way.
        transport.pushGate = alarm(admin).then((id) => {
          alertId = id;
        });
      }
      return decide(request);
    };
    await engine.syncOnce();
    expect(transport.calls).toEqual(["push", `alert:${alertId}`, "push", "push", "pull"]);
  });

  it("a revoked device wipes the school's alerts with the rest of its data", async () => {
    const other = ulid();
    await db.urgentAlerts.put({
      alertId: ulid(),
      schoolId: other,
      actorUserId: ulid(),
      kind: "unaccounted_pupil",
      subjectId: ulid(),
      message: "另一所学校",
      clientCreatedAt: new Date(T0).toISOString(),
      status: "pending",
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    await alarm(admin);
    transport.decideAlert = () => new DeviceRevokedError("this device was revoked", "device_revoked");
    const outcome = await engine.syncOnce();
    expect(outcome.problems).toContainEqual({ kind: "wiped", schoolId: SCHOOL });
    expect(await countPendingAlerts(db, SCHOOL)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // Another school's alert is not this school's to wipe (S8).
    expect(await countPendingAlerts(db, other)).toBe(1);
  });
});
