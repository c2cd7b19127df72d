// The phone's own database. Everything the app shows offline lives here; components read it
// with useLiveQuery and only the *-store.ts modules write it. Version 1 holds who may use this
// phone (accounts), small device facts (meta) and the school's reference snapshot.
import { Dexie, type EntityTable } from "dexie";
import type { Role } from "../../domain/roles.ts";
import type { ReferenceSnapshot } from "../../protocol/reference.ts";

export const DB_NAME = "safety-rounds";

/** One row per person who has logged in on THIS phone. Never deleted by a logout (SYNC S7). */
export interface AccountRow {
  userId: string;
  schoolId: string;
  schoolCode: string;
  schoolName: string;
  login: string;
  name: string;
  roles: Role[];
  /** Bearer token; null after logout, after a PIN lock-out, or before the first login. */
  token: string | null;
  tokenExpiresAt: string | null;
  /** PBKDF2-SHA256 of the PIN (base64), its salt (base64) and iteration count. */
  pinHash: string | null;
  pinSalt: string | null;
  pinIterations: number | null;
  /** Digits in the PIN, so the pad can unlock without an extra "OK" tap. */
  pinLength: number | null;
  /** Wrong PINs in a row; at MAX_PIN_FAILURES the account needs a password login. */
  pinFailures: number;
  mustChangePassword: boolean;
  /** The server refused the token (401) or the PIN was guessed wrong too often. */
  needsLogin: boolean;
  /** Logged out: hidden from the unlock list until the person logs in again. */
  isSignedOut: boolean;
  lastUsedAt: number;
}

export interface ReferenceRow {
  schoolId: string;
  snapshot: ReferenceSnapshot;
  /** When this phone received it (phone clock, ms). */
  fetchedAt: number;
  /** Shape of `snapshot` (reference-store REFERENCE_FORMAT). */
  format: number;
}

export interface MetaValues {
  deviceId: string;
  activeUserId: string | null;
  /** The active account proved itself (password or PIN) and has not been locked since. */
  isUnlocked: boolean;
  /** Locked for being idle: the lock screen offers this person's PIN pad first. */
  idleLockedUserId: string | null;
  /** Last touch or key press while unlocked (phone clock, ms); drives the 30-minute auto-lock. */
  lastActiveAt: number;
  lang: "zh" | "en";
  /** The answer of navigator.storage.persist(), or null if never asked / not supported. */
  storagePersisted: boolean | null;
}
export type MetaKey = keyof MetaValues;

export interface MetaRow<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

export type SafetyRoundsDb = Dexie & {
  meta: EntityTable<MetaRow, "key">;
  accounts: EntityTable<AccountRow, "userId">;
  reference: EntityTable<ReferenceRow, "schoolId">;
};

export function openDb(name: string = DB_NAME): SafetyRoundsDb {
  const db = new Dexie(name) as SafetyRoundsDb;
  db.version(1).stores({
    meta: "key",
    accounts: "userId, schoolId, lastUsedAt",
    reference: "schoolId",
  });
  return db;
}

/** The app's single database handle. Tests open their own with openDb(). */
export const db: SafetyRoundsDb = openDb();
