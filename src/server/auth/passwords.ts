// Password hashing with argon2id at OWASP's minimum (m=19 MiB, t=2, p=1).

import { randomBytes } from "node:crypto";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

// 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const OPTIONS = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Checked when the login is unknown, so an unknown user costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
export function burnPasswordCheck(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash.then((h) => verifyPassword(h, password));
}

/** A one-time password works for one login within this time of being issued. */
export const ONE_TIME_PASSWORD_VALID_MS = 72 * 60 * 60_000;

export function isOneTimePasswordExpired(
  staff: { mustChangePassword: boolean; oneTimeIssuedAt: number | null },
  now: Date,
): boolean {
  if (!staff.mustChangePassword) return false;
  // No issue time: made before one-time passwords had one, or never handed out (unusable).
  return (
    staff.oneTimeIssuedAt === null || now.getTime() >= staff.oneTimeIssuedAt + ONE_TIME_PASSWORD_VALID_MS
  );
}

/** A one-time password people can read aloud and type on a phone: no 0/O, 1/l/I. */
export function oneTimePassword(length = 10): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
