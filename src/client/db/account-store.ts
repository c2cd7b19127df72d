// Who may use this phone. The only writer of the `accounts` table. Rows are never deleted:
// later issues key the outbox by actor, and a person's unsent work must survive their logout
// (SYNC S7), so logout only forgets the token and the PIN.
//
// The token is on disk only sealed with the PIN (token-seal.ts, issue #16 §3; loaded when a PIN
// is typed, so its crypto is not in the first screen's JavaScript). An opened token lives in
// this database's vault (token-vault.ts) for the life of the page: from the password login until
// the PIN is set it is nowhere else, so closing the app then means the password again. When no
// one of a school is signed in any more, the school's data leaves the phone (forget-school.ts).
import type { LoginResponse } from "../../protocol/auth.ts";
import { type AccountRow, db as appDb, type SafetyRoundsDb } from "./db.ts";
import { isNewPin, NEW_PIN_LENGTH } from "./pin.ts";
import { type TokenVault, tokenVault } from "./token-vault.ts";

/** Wrong PINs in a row before the sealed token is destroyed (the password is needed, online). */
export const MAX_PIN_FAILURES = 5;

export type PinCheck = { ok: true } | { ok: false; triesLeft: number; isLockedOut: boolean };

/** A person's token is gone from this page and from disk: setPin cannot seal anything. */
export class NoOpenSessionError extends Error {
  constructor() {
    super("this person's session is not open on this page: log in with the password again");
    this.name = "NoOpenSessionError";
  }
}

export function createAccountStore(db: SafetyRoundsDb = appDb, now: () => number = Date.now) {
  const vault = tokenVault(db);

  // forget-school.ts is loaded before the transaction that may need it (an import awaited
  // inside a Dexie transaction would end it), and only by the rare writes that do.
  const loadForget = () => import("./forget-school.ts");
  type Forget = Awaited<ReturnType<typeof loadForget>>;

  /** Runs inside a transaction holding accounts and forget.forgetSchoolTables. */
  async function forgetSchoolIfSignedOut(forget: Forget, schoolId: string): Promise<boolean> {
    const people = await db.accounts.where("schoolId").equals(schoolId).toArray();
    if (people.some((account) => hasSession(account, vault))) return false;
    await forget.forgetSchool(db, schoolId);
    return true;
  }

  return {
    /**
     * A successful password login: create or refresh the row. The new token is held in memory
     * until the person chooses a PIN to seal it with (any PIN of the old session sealed the old
     * token, which this login replaces).
     */
    async saveLogin(answer: LoginResponse): Promise<AccountRow> {
      // Before the row is written, so the screen that sees the row also sees the open session.
      vault.put(answer.user.id, answer.token);
      return db.transaction("rw", db.accounts, db.meta, async () => {
        const row: AccountRow = {
          userId: answer.user.id,
          schoolId: answer.school.id,
          schoolCode: answer.school.code,
          schoolName: answer.school.name,
          login: answer.user.login,
          name: answer.user.name,
          roles: answer.user.roles,
          sealedToken: null,
          tokenExpiresAt: answer.expiresAt,
          pinLength: null,
          pinFailures: 0,
          mustChangePassword: answer.mustChangePassword,
          needsLogin: false,
          isSignedOut: false,
          lastUsedAt: now(),
        };
        const before = await db.accounts.get(answer.user.id);
        // A send-only token still sending this person's earlier work keeps doing so.
        if (before?.sendOnlyToken) row.sendOnlyToken = before.sendOnlyToken;
        await db.accounts.put(row);
        await db.meta.put({ key: "deviceId", value: answer.deviceId });
        return row;
      });
    },

    /** Seals the open token with a new PIN (NEW_PIN_LENGTH digits). */
    async setPin(userId: string, pin: string): Promise<void> {
      if (!isNewPin(pin)) throw new Error(`a new PIN has ${NEW_PIN_LENGTH} digits`);
      const token = vault.get(userId);
      if (!token) throw new NoOpenSessionError();
      const { sealToken } = await import("./token-seal.ts");
      const sealedToken = await sealToken(token, pin, userId);
      await db.accounts.update(userId, {
        sealedToken,
        legacyPin: undefined,
        pinLength: pin.length,
        pinFailures: 0,
      });
    },

    /**
     * A right PIN opens the sealed token into the vault (and seals a version-7 row's plain token,
     * deleting it); the fifth wrong one in a row destroys the sealed token: the password is
     * needed, and if no one of the school is signed in any more, the school's data goes.
     */
    async checkPin(userId: string, pin: string): Promise<PinCheck> {
      const account = await db.accounts.get(userId);
      if (!account || !canUnlockWithPin(account)) return { ok: false, triesLeft: 0, isLockedOut: true };
      const { openToken, sealToken, verifyLegacyPin } = await import("./token-seal.ts");
      const token = account.sealedToken
        ? await openToken(account.sealedToken, pin, userId)
        : account.legacyPin && (await verifyLegacyPin(pin, account.legacyPin))
          ? account.legacyPin.token
          : null;
      if (token !== null) {
        const resealed = account.sealedToken ? undefined : await sealToken(token, pin, userId);
        vault.put(userId, token);
        await db.accounts.update(userId, {
          pinFailures: 0,
          lastUsedAt: now(),
          ...(resealed ? { sealedToken: resealed, legacyPin: undefined } : {}),
        });
        return { ok: true };
      }
      const forget = await loadForget();
      return db.transaction("rw", [db.accounts, ...forget.forgetSchoolTables(db)], async () => {
        const current = await db.accounts.get(userId);
        if (!current) return { ok: false, triesLeft: 0, isLockedOut: true } as const;
        const failures = current.pinFailures + 1;
        if (failures >= MAX_PIN_FAILURES) {
          // Someone may be guessing: only the password (online) lets this person back in.
          vault.drop(userId);
          await db.accounts.update(userId, {
            pinFailures: 0,
            sealedToken: null,
            legacyPin: undefined,
            pinLength: null,
            needsLogin: true,
          });
          await forgetSchoolIfSignedOut(forget, current.schoolId);
          return { ok: false, triesLeft: 0, isLockedOut: true } as const;
        }
        await db.accounts.update(userId, { pinFailures: failures });
        return { ok: false, triesLeft: MAX_PIN_FAILURES - failures, isLockedOut: false } as const;
      });
    },

    /** The server answered 401 to this account's token: ask for the password, keep working offline. */
    async markNeedsLogin(userId: string, token: string): Promise<void> {
      await db.transaction("rw", db.accounts, async () => {
        const current = await db.accounts.get(userId);
        // A newer login may have replaced the token while the refused request was in flight.
        if (current && (vault.get(userId) === token || current.sendOnlyToken === token))
          await db.accounts.update(userId, { needsLogin: true });
      });
    },

    /** The server answered 403 password_change_required: this person must replace a one-time password first. */
    async markMustChangePassword(userId: string, token: string): Promise<void> {
      await db.transaction("rw", db.accounts, async () => {
        const current = await db.accounts.get(userId);
        if (current && (vault.get(userId) === token || current.sendOnlyToken === token))
          await db.accounts.update(userId, { mustChangePassword: true });
      });
    },

    async passwordChanged(userId: string): Promise<void> {
      await db.accounts.update(userId, { mustChangePassword: false });
    },

    /**
     * Local logout: forget the token and PIN and hide the account from the unlock list. If no one
     * of the school is signed in afterwards, the school's data goes too, all but the unsent work
     * (forgetSchool). `endedToken`: the token whose server session the caller should end now
     * (null when unsent work keeps it open as a send-only token).
     */
    async logout(userId: string): Promise<{ hasUnsentWork: boolean; endedToken: string | null }> {
      const token = vault.get(userId) ?? null;
      const forget = await loadForget();
      return db.transaction("rw", [db.accounts, db.meta, ...forget.forgetSchoolTables(db)], async () => {
        // Unsent work keeps a send-only token, so it still goes as this person (SYNC S7) and
        // later people's work is not stuck behind it; the engine ends the session afterwards.
        const hasUnsentWork = token !== null && (await hasUnsentWorkOf(db, userId));
        vault.drop(userId);
        await db.accounts.update(userId, {
          sendOnlyToken: hasUnsentWork ? token : null,
          sealedToken: null,
          legacyPin: undefined,
          tokenExpiresAt: null,
          pinLength: null,
          pinFailures: 0,
          isSignedOut: true,
        });
        const active = await db.meta.get("activeUserId");
        if (active?.value === userId) {
          await db.meta.bulkPut([
            { key: "activeUserId", value: null },
            { key: "isUnlocked", value: false },
          ]);
        }
        const account = await db.accounts.get(userId);
        if (account) await forgetSchoolIfSignedOut(forget, account.schoolId);
        return { hasUnsentWork, endedToken: hasUnsentWork ? null : token };
      });
    },

    /** The engine sent the last of a logged-out person's work and ended their session. */
    async forgetSendOnlyToken(userId: string, token: string): Promise<void> {
      await db.transaction("rw", db.accounts, async () => {
        const current = await db.accounts.get(userId);
        if (current?.sendOnlyToken === token) await db.accounts.update(userId, { sendOnlyToken: null });
      });
    },

    /**
     * After the engine sent what a signed-out school had left: what was delivered goes too (an
     * applied entry waits for a pull that no one is signed in to make).
     */
    async forgetSchoolIfSignedOut(schoolId: string): Promise<boolean> {
      // The engine asks every cycle: a school someone is signed in to costs one read, no lock.
      const people = await db.accounts.where("schoolId").equals(schoolId).toArray();
      if (people.some((account) => hasSession(account, vault))) return false;
      const forget = await loadForget();
      return db.transaction("rw", [db.accounts, ...forget.forgetSchoolTables(db)], () =>
        forgetSchoolIfSignedOut(forget, schoolId),
      );
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
export const accountStore: AccountStore = createAccountStore();

/** Accounts offered on the lock screen, most recently used first. */
export function unlockList(accounts: readonly AccountRow[]): AccountRow[] {
  return accounts.filter((a) => !a.isSignedOut).sort((a, b) => b.lastUsedAt - a.lastUsedAt);
}

/** Can this account be unlocked with its PIN right now (offline too)? */
export function canUnlockWithPin(account: AccountRow): boolean {
  return account.sealedToken !== null || account.legacyPin !== undefined;
}

/**
 * Signed in on this phone: a token sealed with a PIN, or one open on this page (a fresh login
 * before its PIN). A send-only token is not a session: it only sends what is left.
 */
export function hasSession(account: AccountRow, vault: TokenVault): boolean {
  return !account.isSignedOut && (canUnlockWithPin(account) || vault.has(account.userId));
}

/** The token to use for this person now, if this page has it open: their session or send-only one. */
export function tokenOf(account: AccountRow | undefined, vault: TokenVault): string | null {
  if (!account) return null;
  return vault.get(account.userId) ?? account.sendOnlyToken ?? null;
}

/**
 * Work of this person the server has not got yet: pending outbox entries, urgent alerts not yet
 * delivered (nor refused for good), photos not yet uploaded. While any is left, a logged-out
 * person's send-only token stays (SYNC S7).
 */
export async function hasUnsentWorkOf(db: SafetyRoundsDb, userId: string): Promise<boolean> {
  const [entries, alert, photo] = await Promise.all([
    db.outbox.where("[actorUserId+status]").equals([userId, "pending"]).count(),
    db.urgentAlerts
      .where("status")
      .equals("pending")
      .filter((a) => a.actorUserId === userId && !a.refusedAt)
      .first(),
    db.photos
      .where("[status+createdAt]")
      .between(["pending", -Infinity], ["pending", Infinity])
      .filter((p) => p.actorUserId === userId)
      .first(),
  ]);
  return entries > 0 || alert !== undefined || photo !== undefined;
}
