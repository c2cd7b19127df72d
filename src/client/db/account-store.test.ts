import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it } from "vitest";
import type { LoginResponse } from "../../protocol/auth.ts";
import { createAccountStore, MAX_PIN_FAILURES, unlockList } from "./account-store.ts";
import { openDb, type SafetyRoundsDb } from "./db.ts";
import { createMetaStore } from "./meta-store.ts";

function loginAnswer(login: string, userId = ulid()): LoginResponse {
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
    school: { id: ulid() as LoginResponse["school"]["id"], code: "demo", name: "河溶镇中心小学（演示）" },
  };
}

describe("accounts on this phone", () => {
  let db: SafetyRoundsDb;
  let clock: number;
  beforeEach(() => {
    db = openDb(`test-${ulid()}`);
    clock = Date.parse("2026-11-28T08:00:00Z");
  });
  const stores = () => ({
    accounts: createAccountStore(db, () => clock),
    meta: createMetaStore(db, () => clock),
  });

  it("a login stores the account and the server's device id", async () => {
    const { accounts, meta } = stores();
    const answer = loginAnswer("gatekeeper");
    const row = await accounts.saveLogin(answer);
    expect(row).toMatchObject({ login: "gatekeeper", token: answer.token, needsLogin: false, pinHash: null });
    expect(await meta.get("deviceId")).toBe(answer.deviceId);
  });

  it("the right PIN unlocks; the fifth wrong PIN in a row asks for the password again", async () => {
    const { accounts } = stores();
    const { user } = loginAnswer("gatekeeper");
    await accounts.saveLogin({ ...loginAnswer("gatekeeper"), user });
    await accounts.setPin(user.id, "1234");
    expect(await accounts.checkPin(user.id, "1234")).toEqual({ ok: true });
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(await accounts.checkPin(user.id, "0000")).toEqual({
        ok: false,
        triesLeft: MAX_PIN_FAILURES - i,
        isLockedOut: false,
      });
    }
    expect(await accounts.checkPin(user.id, "0000")).toEqual({ ok: false, triesLeft: 0, isLockedOut: true });
    const row = await db.accounts.get(user.id);
    expect(row).toMatchObject({ needsLogin: true, pinHash: null, token: null });
    // Even the right PIN no longer works.
    expect((await accounts.checkPin(user.id, "1234")).ok).toBe(false);
  });

  it("logout forgets the token and PIN but keeps the account row (its unsent work stays)", async () => {
    const { accounts, meta } = stores();
    const answer = loginAnswer("gatekeeper");
    await accounts.saveLogin(answer);
    await accounts.setPin(answer.user.id, "1234");
    await meta.unlockAs(answer.user.id);
    await accounts.logout(answer.user.id);
    const row = await db.accounts.get(answer.user.id);
    expect(row).toMatchObject({ token: null, pinHash: null, isSignedOut: true, login: "gatekeeper" });
    expect(unlockList(await db.accounts.toArray())).toEqual([]);
    expect(await meta.readSession()).toMatchObject({ activeUserId: null, isUnlocked: false });
  });

  it("a 401 marks only the token that was refused", async () => {
    const { accounts } = stores();
    const first = loginAnswer("gatekeeper");
    await accounts.saveLogin(first);
    const second = { ...loginAnswer("gatekeeper"), user: first.user };
    await accounts.saveLogin(second);
    await accounts.markNeedsLogin(first.user.id, first.token);
    expect((await db.accounts.get(first.user.id))?.needsLogin).toBe(false);
    await accounts.markNeedsLogin(first.user.id, second.token);
    expect((await db.accounts.get(first.user.id))?.needsLogin).toBe(true);
  });

  it("an unlocked session idle for more than 30 minutes is locked on start, for the same person", async () => {
    const { accounts, meta } = stores();
    const answer = loginAnswer("gatekeeper");
    await accounts.saveLogin(answer);
    await meta.unlockAs(answer.user.id);
    clock += 29 * 60_000;
    expect(await meta.lockIfIdle()).toBe(false);
    clock += 2 * 60_000;
    expect(await meta.lockIfIdle()).toBe(true);
    expect(await meta.readSession()).toMatchObject({
      activeUserId: answer.user.id,
      isUnlocked: false,
      idleLockedUserId: answer.user.id,
    });
  });
});
