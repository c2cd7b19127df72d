import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it } from "vitest";
import type { SchoolClass } from "../../protocol/reference.ts";
import type { PullRequest, PullResponse, PushRequest, PushResponse, Verdict } from "../../protocol/sync.ts";
import { openDb, type SafetyRoundsDb } from "../db/db.ts";
import { getView, readSyncState } from "../db/mirror-store.ts";
import { mutate } from "../db/mutation-store.ts";
import type { SyncTransport } from "./http-transport.ts";
import { SyncEngine, type Timers } from "./sync-engine.ts";
import { AuthRequiredError, TransportError } from "./sync-errors.ts";

const SCHOOL = ulid();
const DEVICE = ulid();
const T0 = Date.parse("2026-11-30T08:00:00.000Z");

/** A scripted server: answers every push with `decide`, pulls from `pages`. */
class FakeTransport implements SyncTransport {
  pushes: { request: PushRequest; token: string }[] = [];
  pulls: { request: PullRequest; token: string }[] = [];
  serverTime = new Date(T0).toISOString();
  decide: (request: PushRequest) => PushResponse | Error = (request) => ({
    results: request.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const })),
    serverTime: this.serverTime,
  });
  pages: (PullResponse | Error)[] = [];

  async push(request: PushRequest, token: string): Promise<PushResponse> {
    this.pushes.push({ request, token });
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
    token: extra.token === undefined ? `token-${name}` : extra.token,
    tokenExpiresAt: null,
    pinHash: null,
    pinSalt: null,
    pinIterations: null,
    pinLength: null,
    pinFailures: 0,
    mustChangePassword: false,
    needsLogin: false,
    isSignedOut: false,
    lastUsedAt: 0,
  });
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
    expect((await db.accounts.get(admin))?.token).toBeNull();
  });

  it("a deviceSeq gap with earlier entries missing on the phone renumbers and resends", async () => {
    await write(admin, "1");
    await write(admin, "2");
    await db.outbox.where("deviceSeq").equals(1).delete();
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
});
