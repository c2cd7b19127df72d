// Failed-login limits (docs/protocol.md "Authentication"), kept in the store so several server
// processes share them.
//
// Per account (school + login, known or not, so the answer never tells which logins exist):
// an attempt is reserved before the password is checked, in one atomic statement
// (Store.countLoginAttempt), so however many guesses arrive at once, at most ACCOUNT_RULE.
// maxFailures reach the password check in a window. The failure that fills the window locks
// the account for 1 minute, the next lock 2, then 4 … up to 15; a correct password once the
// lock has lifted starts again from nothing. A day without attempts forgets the locks too.
//
// Per client address: failures are only counted. An address that failed ADDRESS_RULE.
// maxFailures times in its window (a school's NAT where someone is guessing) does not lock
// anyone out: every account tried from it gets FLAGGED_ADDRESS_TRIES instead of
// ACCOUNT_RULE.maxFailures before its lock. So a teacher behind that NAT still logs in with
// her correct password, and guessing across many accounts from one address gets one guess per
// account per lock.
import type { Store, ThrottleRow } from "../storage/store.ts";

export const ACCOUNT_RULE = {
  windowMs: 15 * 60_000,
  maxFailures: 5,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
} as const;
export const ADDRESS_RULE = { windowMs: 15 * 60_000, maxFailures: 30 } as const;
export const FLAGGED_ADDRESS_TRIES = 1;
/** Keys untouched this long are forgotten, with their lock history. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

export const accountKey = (schoolCode: string, login: string) =>
  `acct:${schoolCode.toLowerCase()}:${login.toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

/** An attempt admitted to the password check, to be settled with failed() or succeeded(). */
export interface Admission {
  accountKey: string;
  addressKey: string;
  /** The limit it was admitted under, and the account's locks so far. */
  maxFailures: number;
  reserved: ThrottleRow;
}

/** Refused: how long until an attempt can be admitted again. */
export interface Refusal {
  retryAfterSeconds: number;
}

export function lockDurationMs(earlierLocks: number): number {
  return Math.min(ACCOUNT_RULE.firstLockMs * 2 ** Math.min(earlierLocks, 30), ACCOUNT_RULE.maxLockMs);
}

export async function admitLoginAttempt(
  store: Store,
  keys: { account: string; address: string },
  now: Date,
): Promise<Admission | Refusal> {
  const address = await store.readLoginThrottle(keys.address);
  const isFlagged =
    address !== undefined &&
    address.windowStart > now.getTime() - ADDRESS_RULE.windowMs &&
    address.failures >= ADDRESS_RULE.maxFailures;
  const maxFailures = isFlagged ? FLAGGED_ADDRESS_TRIES : ACCOUNT_RULE.maxFailures;
  const reserved = await store.countLoginAttempt(keys.account, now, {
    windowMs: ACCOUNT_RULE.windowMs,
    forgetAfterMs: FORGET_AFTER_MS,
    maxFailures,
  });
  if (reserved) return { accountKey: keys.account, addressKey: keys.address, maxFailures, reserved };
  const row = await store.readLoginThrottle(keys.account);
  // Locked; or the window's attempts are all taken, some perhaps still being checked, which
  // will either lock the account for its next lock's length or free it.
  const freeAt = !row
    ? now.getTime()
    : row.lockedUntil > now.getTime()
      ? row.lockedUntil
      : Math.min(row.windowStart + ACCOUNT_RULE.windowMs, now.getTime() + lockDurationMs(row.locks));
  return { retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) };
}

export async function loginFailed(store: Store, a: Admission, now: Date): Promise<void> {
  // The reservation already counted this failure for the account; lock it if that filled the window.
  if (a.reserved.failures >= a.maxFailures) {
    const until = new Date(now.getTime() + lockDurationMs(a.reserved.locks));
    await store.lockLoginKey(a.accountKey, a.maxFailures, a.reserved.locks, until, now);
  }
  await store.countLoginAttempt(a.addressKey, now, {
    windowMs: ADDRESS_RULE.windowMs,
    forgetAfterMs: FORGET_AFTER_MS,
  });
  // Keys nobody tried for a day would be forgotten at their next attempt anyway: drop them.
  await store.pruneLoginThrottle(new Date(now.getTime() - FORGET_AFTER_MS), now);
}

export async function loginSucceeded(store: Store, a: Admission): Promise<void> {
  await store.clearLoginKey(a.accountKey);
}

export const isRefusal = (r: Admission | Refusal): r is Refusal => "retryAfterSeconds" in r;
