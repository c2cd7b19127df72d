// The phone's own database. Everything the app shows offline lives here; components read it
// with useLiveQuery and only the *-store.ts modules write it. Version 1 held who may use this
// phone (accounts), small device facts (meta) and the school's reference snapshot. Version 2
// added sync: the outbox of unsent work, the mirror of what the server last said, the view the
// UI reads (mirror + pending work) and the per-school sync state (docs: SYNC.md S1, S5).
// Version 3 drops the snapshot table: reference data now comes through the view.
// Version 4 adds photos: compressed bytes kept until uploaded on their own lane (SYNC S9).
// Version 8 stores the session token only sealed with the PIN (issue #16 §3, token-seal.ts).
import { Dexie, type DexieOptions, type EntityTable, type Table } from "dexie";
import type { AlertFacts } from "../../domain/alerts.ts";
import type { Role } from "../../domain/roles.ts";
import type { EntityType } from "../../protocol/sync.ts";
import type { LegacyPinHash, SealedToken } from "./token-seal.ts";

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
  /**
   * The bearer token sealed with the PIN (token-seal.ts); the only form a signed-in person's token has
   * on disk. Null before a PIN is set (the token is then in memory only: token-vault.ts), after
   * logout, after a PIN lock-out or a revoked phone.
   */
  sealedToken: SealedToken | null;
  /**
   * A version-7 row: its plain token and PIN hash, kept only until the next right PIN seals the
   * token (account-store.ts checkPin) and deletes both.
   */
  legacyPin?: LegacyPin | undefined;
  tokenExpiresAt: string | null;
  /** Digits in the PIN, so the pad can unlock without an extra "OK" tap. */
  pinLength: number | null;
  /** Wrong PINs in a row; at MAX_PIN_FAILURES the account needs a password login. */
  pinFailures: number;
  mustChangePassword: boolean;
  /** The server refused the token (401) or the PIN was guessed wrong too often. */
  needsLogin: boolean;
  /** Logged out: hidden from the unlock list until the person logs in again. */
  isSignedOut: boolean;
  /**
   * Logged out while work of theirs was still unsent: the token, kept only so the sync engine
   * can send that work as them (SYNC S7, scenario 11); the engine ends the server session and
   * clears it once their last entry, alert and photo are answered. Never used to unlock the app.
   * The one token stored in plain text (no PIN after a logout): docs/security.md "A lost or shared phone".
   */
  sendOnlyToken?: string | null;
  lastUsedAt: number;
}

/** A version-7 account's plain token and PIN hash (PBKDF2-SHA256, base64), until sealed. */
export interface LegacyPin extends LegacyPinHash {
  token: string;
}

export interface MetaValues {
  deviceId: string;
  /**
   * The phone's secret beside its device id (32 random bytes, base64url): the server binds the id
   * to it at the first login, so no other phone can sign in claiming this phone's id.
   */
  deviceKey: string;
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
  /** The server's demo school code (GET /auth/demo) when last asked, for the login page offline. */
  demoSchoolCode: string | null;
}
export type MetaKey = keyof MetaValues;

export interface MetaRow<K extends MetaKey = MetaKey> {
  key: K;
  value: MetaValues[K];
}

/**
 * pending: not yet answered. applied: the server applied it (it will never be sent again, S2)
 * but the pull that brings its effect has not arrived, so it still shows in the view.
 * rejected / conflict: refused, waiting for a person (S4).
 */
export type OutboxStatus = "pending" | "applied" | "rejected" | "conflict";

/** What the server said about a mutation that did not go through (SYNC S4). */
export interface OutboxVerdict {
  reason: string;
  message: string;
  /** For a conflict: the entity as the server has it now. */
  serverState?: unknown;
}

/** One unsent (or refused, until dismissed) mutation. Leaves only on a server verdict (S2). */
export interface OutboxRow {
  mutationId: string;
  /** Dense per device and school: 1, 2, 3 … in the order this phone made them. */
  deviceSeq: number;
  type: string;
  typeVersion: number;
  args: Record<string, unknown>;
  /** The person who did it (S7): it is sent with their token only. */
  actorUserId: string;
  schoolId: string;
  /** Phone clock, ISO: evidence, never order (S6). */
  clientCreatedAt: string;
  /** Compare-and-set: the entity version the person saw. */
  baseVersion?: number;
  status: OutboxStatus;
  /** For applied entries: the change-log position of the effect; a pull past it retires the entry. */
  appliedSeq?: number;
  verdict?: OutboxVerdict;
  /** Pushes that carried this entry (a lost answer makes more than one). */
  attempts: number;
  /** Phone clock, ms. */
  createdAt: number;
  /** "entityType:entityId" of every entity the mutation writes, for view re-derivation. */
  touchKeys: string[];
}

/** An entity exactly as last pulled from the server. */
export interface MirrorRow {
  entityType: EntityType;
  entityId: string;
  schoolId: string;
  data: unknown;
  version: number;
  serverSeq: number;
}

/** What the UI reads: the mirror with this phone's pending mutations replayed on top. */
export interface ViewRow {
  entityType: EntityType;
  entityId: string;
  schoolId: string;
  data: unknown;
  /**
   * The version the server will have once this phone's pending edits of it apply (each applied
   * upsert adds one): the base for the next compare-and-set edit. Null: nowhere yet.
   */
  version: number | null;
  /** The version last pulled from the server; null if the server has not got it yet. */
  serverVersion: number | null;
  hasPendingChanges: boolean;
  /** entity-view.ts viewKey(): the date or state-and-time the board and ledger look up by. */
  key?: string | undefined;
}

export interface SyncStateRow {
  schoolId: string;
  /** Opaque pull cursor; null = from the beginning. */
  cursor: string | null;
  /**
   * The next deviceSeq of this phone in this school. Never reset by a pull reset or a wipe:
   * the server remembers the sequence it has seen from this device.
   */
  nextDeviceSeq: number;
  /** Phone clock, ms, of the last successful pull / push / whole cycle. */
  lastPullAt: number | null;
  lastPushAt: number | null;
  lastSuccessAt: number | null;
  /** Phone clock minus server clock, ms, at the last answer (S6: measured, shown, never blocking). */
  clockSkewMs: number | null;
  isClockSuspect: boolean;
}

export type PhotoStatus = "pending" | "uploaded" | "failed";

/**
 * A photo taken on this phone, named by the SHA-256 of `bytes` (what records reference and
 * what the server stores it under). Bytes are ArrayBuffers, never Blobs: Blob storage in
 * IndexedDB fails on WebKit (ARCHITECTURE). `failed`: the server refused it for good.
 */
export interface PhotoRow {
  sha256: string;
  schoolId: string;
  /** Who took it: uploaded with their token (another of the school's accounts if theirs is gone). */
  actorUserId: string;
  bytes: ArrayBuffer;
  mime: "image/jpeg";
  size: number;
  width: number;
  height: number;
  thumb: ArrayBuffer;
  status: PhotoStatus;
  attempts: number;
  lastError: string | null;
  /** Phone clock, ms. */
  createdAt: number;
  uploadedAt: number | null;
}

/**
 * An alert for the urgent lane (SYNC.md: an unaccounted pupil, a critical hazard), queued in the
 * same transaction as the record that raised it and sent before any outbox backlog.
 */
export interface UrgentAlertRow {
  alertId: string;
  schoolId: string;
  actorUserId: string;
  kind: "unaccounted_pupil" | "critical_hazard" | "handover_disputed";
  /** The pupil, hazard or hand-over it is about. */
  subjectId: string;
  /** Plain Chinese, for readers without facts (domain/alerts.ts AL-3). */
  message: string;
  /** What it is about, as data (AL-1..5); absent on alerts queued before facts. */
  facts?: AlertFacts;
  /** Phone clock, ISO. */
  clientCreatedAt: string;
  /** pending: not yet received by the server (the screen says so: phone the duty chain). */
  status: "pending" | "sent";
  attempts: number;
  lastError: string | null;
  /** Phone clock, ms, when the server confirmed it. */
  sentAt: number | null;
  /**
   * Phone clock, ms, when the server refused it for good (400 malformed, 409 id reused …): not
   * sent again, still pending (undelivered) so the screen keeps saying so; see alert-store.ts.
   */
  refusedAt?: number | null;
}

export type SafetyRoundsDb = Dexie & {
  meta: EntityTable<MetaRow, "key">;
  accounts: EntityTable<AccountRow, "userId">;
  outbox: EntityTable<OutboxRow, "mutationId">;
  mirror: Table<MirrorRow, [EntityType, string]>;
  view: Table<ViewRow, [EntityType, string]>;
  syncState: EntityTable<SyncStateRow, "schoolId">;
  photos: EntityTable<PhotoRow, "sha256">;
  urgentAlerts: EntityTable<UrgentAlertRow, "alertId">;
};

export function openDb(name: string = DB_NAME, options: DexieOptions = {}): SafetyRoundsDb {
  // "strict" makes Chromium flush a transaction to disk before reporting it complete: an
  // outbox entry the person saw saved must survive a power cut (Dexie 4 option name).
  const db = new Dexie(name, { chromeTransactionDurability: "strict", ...options }) as SafetyRoundsDb;
  db.version(1).stores({
    meta: "key",
    accounts: "userId, schoolId, lastUsedAt",
    reference: "schoolId",
  });
  // New tables only: version 1's rows (accounts with their tokens) stay untouched.
  db.version(2).stores({
    outbox: "mutationId, deviceSeq, [actorUserId+status], status, [schoolId+deviceSeq], schoolId, *touchKeys",
    mirror: "[entityType+entityId], schoolId",
    view: "[entityType+entityId], schoolId, [schoolId+entityType]",
    syncState: "schoolId",
  });
  // The GET /reference snapshot is replaced by the pulled view; its rows are a copy of what the
  // first pull brings, so dropping them loses nothing. Accounts, meta and the outbox stay.
  db.version(3).stores({ reference: null });
  // A new table only; nothing else changes.
  db.version(4).stores({ photos: "sha256, schoolId, [status+createdAt]" });
  // Applied entries wait in the outbox for their pull: the push reads pending ones by index.
  db.version(5).stores({
    outbox:
      "mutationId, deviceSeq, [actorUserId+status], status, [schoolId+deviceSeq], [schoolId+status+deviceSeq], schoolId, *touchKeys",
  });
  // Rounds and hazards are read a day (or the open ones) at a time: index their key. Rows
  // written before this version are reference data and have no key; nothing to fill in.
  db.version(6).stores({
    view: "[entityType+entityId], schoolId, [schoolId+entityType], [schoolId+entityType+key]",
    urgentAlerts: "alertId, [schoolId+status], status",
  });
  // Applied entries by the change-log position of their effect: a pulled page retires those at
  // or before its newest change with one range read (only applied entries have appliedSeq, so
  // only they are in this index), not a cursor over every applied entry (B1: a filtered cursor
  // over 10,000 applied entries cost seconds per page). IndexedDB fills a new index itself.
  // deviceSeq and [schoolId+deviceSeq] go: nothing reads them any more ([schoolId+status+
  // deviceSeq] serves the pending range in order), and every outbox write paid for them.
  db.version(7).stores({
    outbox:
      "mutationId, [actorUserId+status], status, [schoolId+status+deviceSeq], [schoolId+appliedSeq], schoolId, *touchKeys",
  });
  // The token is stored only sealed with the PIN, and sealing needs the PIN: a row with a PIN
  // keeps its plain token and hash aside (legacyPin) until its next right PIN seals it; a token
  // without a PIN (the app closed before one was set) is dropped: that person logs in again.
  db.version(8)
    .stores({})
    .upgrade((tx) =>
      tx
        .table("accounts")
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          const { token, pinHash, pinSalt, pinIterations } = row;
          delete row.token;
          delete row.pinHash;
          delete row.pinSalt;
          delete row.pinIterations;
          row.sealedToken = null;
          const isSealable =
            typeof token === "string" &&
            typeof pinHash === "string" &&
            typeof pinSalt === "string" &&
            typeof pinIterations === "number";
          if (isSealable) row.legacyPin = { token, hash: pinHash, salt: pinSalt, iterations: pinIterations };
          else row.pinLength = null;
        }),
    );
  return db;
}

/** The app's single database handle. Tests open their own with openDb(). */
export const db: SafetyRoundsDb = openDb();
