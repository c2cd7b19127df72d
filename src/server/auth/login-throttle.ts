// Failed-login limits per account and per client address, kept in the store so several server
// processes share them. Past a limit the answer is 429 with Retry-After; nothing locks forever:
// the window slides and old failures fall out of it.
import type { Store } from "../storage/store.ts";

export interface ThrottleRule {
  windowMs: number;
  maxFailures: number;
}

export const ACCOUNT_RULE: ThrottleRule = { windowMs: 15 * 60_000, maxFailures: 5 };
export const ADDRESS_RULE: ThrottleRule = { windowMs: 15 * 60_000, maxFailures: 30 };

export const accountKey = (schoolCode: string, login: string) =>
  `acct:${schoolCode.toLowerCase()}:${login.toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function retryAfterSeconds(
  store: Store,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<number> {
  const failures = await store.loginFailuresSince(key, new Date(now.getTime() - rule.windowMs));
  if (failures.length < rule.maxFailures) return 0;
  // The attempt frees up when enough of the oldest failures have left the window.
  const freeing = failures[failures.length - rule.maxFailures] as number;
  return Math.max(1, Math.ceil((freeing + rule.windowMs - now.getTime()) / 1000));
}
