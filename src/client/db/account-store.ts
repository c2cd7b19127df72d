// Who may use this phone. The only writer of the `accounts` table. Rows are never deleted:
// later issues key the outbox by actor, and a person's unsent work must survive their logout
// (SYNC S7), so logout only forgets the token and the PIN.
import type { LoginResponse } from "../../protocol/auth.ts";
import { type AccountRow, db as appDb, type SafetyRoundsDb } from "./db.ts";
import { hashPin, verifyPin } from "./pin.ts";

/** Wrong PINs in a row before the account needs its password again (and a network). */
export const MAX_PIN_FAILURES = 5;

export type PinCheck = { ok: true } | { ok: false; triesLeft: number; isLockedOut: boolean };

export function createAccountStore(db: SafetyRoundsDb = appDb, now: () => number = Date.now) {
  return {
    /**
     * A successful password login: create or refresh the row. A PIN already set stays valid
     * unless the account was locked out, so re-logging after a 401 is just the password.
     */
    async saveLogin(answer: LoginResponse): Promise<AccountRow> {
      return db.transaction("rw", db.accounts, db.meta, async () => {
        const before = await db.accounts.get(answer.user.id);
        const row: AccountRow = {
          userId: answer.user.id,
          schoolId: answer.school.id,
          schoolCode: answer.school.code,
          schoolName: answer.school.name,
          login: answer.user.login,
          name: answer.user.name,
          roles: answer.user.roles,
          token: answer.token,
          tokenExpiresAt: answer.expiresAt,
          pinHash: before?.pinHash ?? null,
          pinSalt: before?.pinSalt ?? null,
          pinIterations: before?.pinIterations ?? null,
          pinLength: before?.pinLength ?? null,
          pinFailures: 0,
          mustChangePassword: answer.mustChangePassword,
          needsLogin: false,
          isSignedOut: false,
          lastUsedAt: now(),
        };
        await db.accounts.put(row);
        await db.meta.put({ key: "deviceId", value: answer.deviceId });
        return row;
      });
    },

    async setPin(userId: string, pin: string): Promise<void> {
      const hashed = await hashPin(pin);
      await db.accounts.update(userId, {
        pinHash: hashed.hash,
        pinSalt: hashed.salt,
        pinIterations: hashed.iterations,
        pinLength: pin.length,
        pinFailures: 0,
      });
    },

    /** Checks a PIN; the fifth wrong one in a row drops the token and PIN (password needed). */
    async checkPin(userId: string, pin: string): Promise<PinCheck> {
      const account = await db.accounts.get(userId);
      if (!account?.pinHash || !account.pinSalt || !account.pinIterations) {
        return { ok: false, triesLeft: 0, isLockedOut: true };
      }
      const isRight = await verifyPin(pin, {
        hash: account.pinHash,
        salt: account.pinSalt,
        iterations: account.pinIterations,
      });
      return db.transaction("rw", db.accounts, async () => {
        const current = await db.accounts.get(userId);
        if (!current) return { ok: false, triesLeft: 0, isLockedOut: true } as const;
        if (isRight) {
          await db.accounts.update(userId, { pinFailures: 0, lastUsedAt: now() });
          return { ok: true } as const;
        }
        const failures = current.pinFailures + 1;
        if (failures >= MAX_PIN_FAILURES) {
          // Someone may be guessing: only the password (online) lets this person back in.
          await db.accounts.update(userId, {
            pinFailures: 0,
            pinHash: null,
            pinSalt: null,
            pinIterations: null,
            pinLength: null,
            token: null,
            needsLogin: true,
          });
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
        if (current && current.token === token) await db.accounts.update(userId, { needsLogin: true });
      });
    },

    /** The server answered 403 password_change_required: this person must replace a one-time password first. */
    async markMustChangePassword(userId: string, token: string): Promise<void> {
      await db.transaction("rw", db.accounts, async () => {
        const current = await db.accounts.get(userId);
        if (current && current.token === token)
          await db.accounts.update(userId, { mustChangePassword: true });
      });
    },

    async passwordChanged(userId: string): Promise<void> {
      await db.accounts.update(userId, { mustChangePassword: false });
    },

    /**
     * Local logout: forget the token and PIN and hide the account from the unlock list.
     * Nothing else is deleted.
     */
    async logout(userId: string): Promise<{ hasUnsentWork: boolean }> {
      return db.transaction("rw", db.accounts, db.meta, db.outbox, async () => {
        // Unsent work keeps a send-only token, so it still goes as this person (SYNC S7) and
        // later people's work is not stuck behind it; the engine ends the session afterwards.
        const before = await db.accounts.get(userId);
        const unsent = await db.outbox.where("[actorUserId+status]").equals([userId, "pending"]).count();
        const hasUnsentWork = unsent > 0 && Boolean(before?.token);
        await db.accounts.update(userId, {
          sendOnlyToken: hasUnsentWork ? (before?.token ?? null) : null,
          token: null,
          tokenExpiresAt: null,
          pinHash: null,
          pinSalt: null,
          pinIterations: null,
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
        return { hasUnsentWork };
      });
    },

    /** The engine sent the last of a logged-out person's work and ended their session. */
    async forgetSendOnlyToken(userId: string, token: string): Promise<void> {
      await db.transaction("rw", db.accounts, async () => {
        const current = await db.accounts.get(userId);
        if (current?.sendOnlyToken === token) await db.accounts.update(userId, { sendOnlyToken: null });
      });
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
  return account.pinHash !== null && account.token !== null;
}
