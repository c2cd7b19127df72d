import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it } from "vitest";
import type { LoginResponse } from "../../protocol/auth.ts";
import { createAccountStore, MAX_PIN_FAILURES, NoOpenSessionError, unlockList } from "./account-store.ts";
import { type OutboxRow, type OutboxStatus, openDb, type PhotoRow, type SafetyRoundsDb } from "./db.ts";
import { createMetaStore } from "./meta-store.ts";
import { readSyncState } from "./mirror-store.ts";
import { tokenVault } from "./token-vault.ts";

function loginAnswer(login: string, userId = ulid(), schoolId = ulid()): LoginResponse {
  return {
    token: `token-${login}-${ulid()}`,
    deviceId: ulid() as LoginResponse["deviceId"],
    mustChangePassword: false,
    expiresAt: "2027-01-27T04:00:00.000Z",
    serverTime: "2026-11-28T04:00:00.000Z",
    user: {
      id: userId as LoginResponse["user"]["id"],
      login,
      name: login === "gatekeeper" ? "王建国" : "高杰",
      roles: [login === "gatekeeper" ? "gatekeeper" : "dorm_caretaker"],
      phone: null,
      isActive: true,
    },
    school: { id: schoolId as LoginResponse["school"]["id"], code: "demo", name: "河溶镇中心小学（演示）" },
  };
}

/** Every string anywhere in a stored row. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

describe("accounts on this phone", () => {
  let name: string;
  let db: SafetyRoundsDb;
  let clock: number;
  beforeEach(() => {
    name = `test-${ulid()}`;
    db = openDb(name);
    clock = Date.parse("2026-11-28T08:00:00Z");
  });
  const stores = (on: SafetyRoundsDb = db) => ({
    accounts: createAccountStore(on, () => clock),
    meta: createMetaStore(on, () => clock),
  });
  /** The same database opened by a new page (a reload): nothing is open in its vault. */
  const reload = () => {
    db.close();
    db = openDb(name);
    return stores(db);
  };

  it("a login keeps the token in memory only, and the server's device id on disk", async () => {
    const { accounts, meta } = stores();
    const answer = loginAnswer("gatekeeper");
    const row = await accounts.saveLogin(answer);
    expect(row).toMatchObject({ login: "gatekeeper", sealedToken: null, needsLogin: false });
    expect(tokenVault(db).get(answer.user.id)).toBe(answer.token);
    expect(stringsIn(await db.accounts.toArray())).not.toContain(answer.token);
    expect(await meta.get("deviceId")).toBe(answer.deviceId);
    // Closed before a PIN was set: the token is gone, the password is needed.
    const again = reload();
    await expect(again.accounts.setPin(answer.user.id, "135790")).rejects.toThrow(NoOpenSessionError);
  });

  it("[issue #16 §3] the PIN seals the token: on disk only the sealed form; the PIN opens it after a reload", async () => {
    const { accounts } = stores();
    const answer = loginAnswer("gatekeeper");
    await accounts.saveLogin(answer);
    await expect(accounts.setPin(answer.user.id, "1357")).rejects.toThrow(/6 digits/);
    await accounts.setPin(answer.user.id, "135790");
    const stored = await db.accounts.get(answer.user.id);
    expect(stored?.sealedToken?.iterations).toBeGreaterThanOrEqual(600_000);
    expect(stored?.pinLength).toBe(6);
    const strings = stringsIn(stored);
    expect(strings).not.toContain(answer.token);
    expect(strings.some((s) => s.includes(answer.token) || s.includes("135790"))).toBe(false);

    const again = reload();
    expect(tokenVault(db).has(answer.user.id)).toBe(false);
    expect(await again.accounts.checkPin(answer.user.id, "135791")).toMatchObject({
      ok: false,
      triesLeft: 4,
    });
    expect(tokenVault(db).has(answer.user.id)).toBe(false);
    expect(await again.accounts.checkPin(answer.user.id, "135790")).toEqual({ ok: true });
    expect(tokenVault(db).get(answer.user.id)).toBe(answer.token);
    expect((await db.accounts.get(answer.user.id))?.pinFailures).toBe(0);
  });

  it("the fifth wrong PIN in a row destroys the sealed token: the password is needed", async () => {
    const { accounts } = stores();
    const answer = loginAnswer("gatekeeper");
    await accounts.saveLogin(answer);
    await accounts.setPin(answer.user.id, "123456");
    expect(await accounts.checkPin(answer.user.id, "123456")).toEqual({ ok: true });
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(await accounts.checkPin(answer.user.id, "000000")).toEqual({
        ok: false,
        triesLeft: MAX_PIN_FAILURES - i,
        isLockedOut: false,
      });
    }
    expect(await accounts.checkPin(answer.user.id, "000000")).toEqual({
      ok: false,
      triesLeft: 0,
      isLockedOut: true,
    });
    const row = await db.accounts.get(answer.user.id);
    expect(row).toMatchObject({ needsLogin: true, sealedToken: null, pinLength: null });
    expect(tokenVault(db).has(answer.user.id)).toBe(false);
    // Even the right PIN no longer works.
    expect((await accounts.checkPin(answer.user.id, "123456")).ok).toBe(false);
  });

  it("logout forgets the token and PIN but keeps the account row (its unsent work stays)", async () => {
    const { accounts, meta } = stores();
    const answer = loginAnswer("gatekeeper");
    await accounts.saveLogin(answer);
    await accounts.setPin(answer.user.id, "123456");
    await meta.unlockAs(answer.user.id);
    expect(await accounts.logout(answer.user.id)).toEqual({ hasUnsentWork: false, endedToken: answer.token });
    const row = await db.accounts.get(answer.user.id);
    expect(row).toMatchObject({ sealedToken: null, pinLength: null, isSignedOut: true, login: "gatekeeper" });
    expect(tokenVault(db).has(answer.user.id)).toBe(false);
    expect(unlockList(await db.accounts.toArray())).toEqual([]);
    expect(await meta.readSession()).toMatchObject({ activeUserId: null, isUnlocked: false });
  });

  it("a 401 marks only the token that was refused", async () => {
    const { accounts } = stores();
    const first = loginAnswer("gatekeeper");
    await accounts.saveLogin(first);
    const second = { ...loginAnswer("gatekeeper"), user: first.user, school: first.school };
    await accounts.saveLogin(second);
    await accounts.markNeedsLogin(first.user.id, first.token);
    expect((await db.accounts.get(first.user.id))?.needsLogin).toBe(false);
    await accounts.markNeedsLogin(first.user.id, second.token);
    expect((await db.accounts.get(first.user.id))?.needsLogin).toBe(true);
  });

  it("a new page locks an unlocked session on the same person's PIN pad (no token is open yet)", async () => {
    const { accounts, meta } = stores();
    const answer = loginAnswer("gatekeeper");
    await accounts.saveLogin(answer);
    await meta.unlockAs(answer.user.id);
    const again = reload();
    expect(await again.meta.lockOnStart()).toBe(true);
    expect(await again.meta.readSession()).toMatchObject({
      isUnlocked: false,
      idleLockedUserId: answer.user.id,
    });
    expect(await again.meta.lockOnStart()).toBe(false);
  });

  it("a version-7 row (plain token beside a PIN hash) is sealed at its next right PIN, and its plain token deleted", async () => {
    db.close();
    const v7name = `v7-${ulid()}`;
    const old = new Dexie(v7name);
    old.version(7).stores({ meta: "key", accounts: "userId, schoolId, lastUsedAt" });
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const material = await globalThis.crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("2468"),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    const hash = await globalThis.crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations: 200_000 },
      material,
      256,
    );
    const token = `token-old-${ulid()}`;
    await old.table("accounts").put({
      userId: "u7",
      schoolId: "s7",
      name: "王建国",
      token,
      tokenExpiresAt: null,
      pinHash: Buffer.from(hash).toString("base64"),
      pinSalt: Buffer.from(salt).toString("base64"),
      pinIterations: 200_000,
      pinLength: 4,
      pinFailures: 0,
      needsLogin: false,
      isSignedOut: false,
      lastUsedAt: 1,
    });
    old.close();

    name = v7name;
    db = openDb(name);
    const { accounts } = stores(db);
    const before = await db.accounts.get("u7");
    expect(before).toMatchObject({ sealedToken: null, pinLength: 4 });
    expect(before).not.toHaveProperty("token");
    expect(before).not.toHaveProperty("pinHash");
    // Its 4-digit PIN keeps working until it is changed.
    expect(await accounts.checkPin("u7", "1357")).toMatchObject({ ok: false, triesLeft: 4 });
    expect(await accounts.checkPin("u7", "2468")).toEqual({ ok: true });
    expect(tokenVault(db).get("u7")).toBe(token);
    const after = await db.accounts.get("u7");
    expect(after?.sealedToken).not.toBeNull();
    expect(after).not.toHaveProperty("legacyPin");
    expect(stringsIn(after)).not.toContain(token);
    const again = reload();
    expect(await again.accounts.checkPin("u7", "2468")).toEqual({ ok: true });
    expect(tokenVault(db).get("u7")).toBe(token);
  });
});

describe("[issue #16 §2] when no one of a school is signed in, its data leaves the phone", () => {
  let db: SafetyRoundsDb;
  const school = ulid();
  const otherSchool = ulid();
  const stores = () => createAccountStore(db, () => 1_000);
  beforeEach(() => {
    db = openDb(`forget-${ulid()}`);
  });

  const photo = (sha256: string, actorUserId: string, status: PhotoRow["status"], schoolId = school) =>
    db.photos.put({
      sha256,
      schoolId,
      actorUserId,
      bytes: new ArrayBuffer(4),
      mime: "image/jpeg",
      size: 4,
      width: 2,
      height: 2,
      thumb: new ArrayBuffer(2),
      status,
      attempts: 0,
      lastError: null,
      createdAt: 1,
      uploadedAt: null,
    });
  const entry = (
    actorUserId: string,
    status: OutboxStatus,
    deviceSeq: number,
    photos: string[] = [],
    schoolId = school,
  ) => {
    const row: OutboxRow = {
      mutationId: ulid(),
      deviceSeq,
      type: "hazard.report",
      typeVersion: 1,
      args: { hazard: { id: ulid(), photos } },
      actorUserId,
      schoolId,
      clientCreatedAt: "2026-11-28T08:00:00.000Z",
      status,
      ...(status === "applied" ? { appliedSeq: deviceSeq } : {}),
      attempts: 1,
      createdAt: 1,
      touchKeys: [],
    };
    return db.outbox.put(row).then(() => row.mutationId);
  };
  /** A school's pulled data on the phone: a pupil in the mirror and view, a sent alert, a cursor. */
  async function schoolData(schoolId: string) {
    const pupil = ulid();
    await db.mirror.put({
      entityType: "pupil",
      entityId: pupil,
      schoolId,
      data: { name: "小明", bed: "3-12" },
      version: 1,
      serverSeq: 5,
    });
    await db.view.put({
      entityType: "pupil",
      entityId: pupil,
      schoolId,
      data: { name: "小明", bed: "3-12" },
      version: 1,
      serverVersion: 1,
      hasPendingChanges: false,
    });
    await db.syncState.put({
      schoolId,
      cursor: "c-42",
      nextDeviceSeq: 17,
      lastPullAt: 1,
      lastPushAt: 1,
      lastSuccessAt: 1,
      clockSkewMs: 0,
      isClockSuspect: false,
    });
    for (const status of ["sent", "pending"] as const) {
      await db.urgentAlerts.put({
        alertId: ulid(),
        schoolId,
        actorUserId: "someone",
        kind: "critical_hazard",
        subjectId: ulid(),
        message: "隐患",
        clientCreatedAt: "2026-11-28T08:00:00.000Z",
        status,
        attempts: 1,
        lastError: null,
        sentAt: status === "sent" ? 1 : null,
      });
    }
  }
  const sha = (c: string) => c.repeat(64);

  it("the last logout keeps only the undelivered work; the device id and deviceSeq stay, the cursor goes", async () => {
    const accounts = stores();
    const a = loginAnswer("gatekeeper", ulid(), school);
    const b = loginAnswer("caretaker", ulid(), school);
    await accounts.saveLogin(a);
    await accounts.saveLogin(b);
    await accounts.setPin(b.user.id, "246802");
    const deviceId = (await db.meta.get("deviceId"))?.value;
    await schoolData(school);
    await schoolData(otherSchool);
    const pending = await entry(a.user.id, "pending", 14, [sha("a")]);
    const refused = await entry(a.user.id, "rejected", 13, [sha("b")]);
    await entry(a.user.id, "applied", 12, [sha("c")]);
    await photo(sha("a"), a.user.id, "uploaded"); // named by the pending entry
    await photo(sha("b"), a.user.id, "failed"); // named by the refused entry
    await photo(sha("c"), a.user.id, "uploaded"); // its entry was applied: delivered
    await photo(sha("d"), a.user.id, "pending"); // not yet uploaded
    await photo(sha("e"), a.user.id, "failed"); // refused for good, named by nothing
    await photo(sha("f"), a.user.id, "uploaded", otherSchool);

    // B logs out: A is still signed in, nothing of the school goes.
    await accounts.logout(b.user.id);
    expect(await db.mirror.where("schoolId").equals(school).count()).toBe(1);
    expect(await db.photos.count()).toBe(6);

    // A logs out (with unsent work: a send-only token stays) — the last one of the school.
    expect(await accounts.logout(a.user.id)).toEqual({ hasUnsentWork: true, endedToken: null });
    expect((await db.accounts.get(a.user.id))?.sendOnlyToken).toBe(a.token);
    expect(await db.mirror.where("schoolId").equals(school).count()).toBe(0);
    expect(await db.view.where("schoolId").equals(school).count()).toBe(0);
    expect(
      (await db.outbox.where("schoolId").equals(school).toArray()).map((r) => r.mutationId).sort(),
    ).toEqual([pending, refused].sort());
    expect((await db.photos.where("schoolId").equals(school).primaryKeys()).sort()).toEqual([
      sha("a"),
      sha("b"),
      sha("d"),
    ]);
    expect((await db.urgentAlerts.where("schoolId").equals(school).toArray()).map((r) => r.status)).toEqual([
      "pending",
    ]);
    expect(await readSyncState(db, school)).toMatchObject({ cursor: null, nextDeviceSeq: 17 });
    expect((await db.meta.get("deviceId"))?.value).toBe(deviceId);
    // The other school is untouched.
    expect(await db.mirror.where("schoolId").equals(otherSchool).count()).toBe(1);
    expect(await db.photos.where("schoolId").equals(otherSchool).count()).toBe(1);
    expect(await readSyncState(db, otherSchool)).toMatchObject({ cursor: "c-42" });
  });

  it("a PIN lock-out of the last signed-in person is the same as their logout", async () => {
    const accounts = stores();
    const a = loginAnswer("gatekeeper", ulid(), school);
    await accounts.saveLogin(a);
    await accounts.setPin(a.user.id, "135790");
    await schoolData(school);
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await accounts.checkPin(a.user.id, "000000");
    expect(await db.mirror.where("schoolId").equals(school).count()).toBe(0);
    expect(await db.view.where("schoolId").equals(school).count()).toBe(0);
  });
});
