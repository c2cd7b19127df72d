// The photo lane (SYNC S9): uploads photos waiting on this phone, one request each, after the
// mutation push of a cycle and never in its way. The engine starts it without waiting for it,
// so a record never waits for its photo; each photo has its own failures, so a photo never
// blocks the queue: a photo the server refuses for good (415 not_an_image, 400 hash_mismatch,
// 413) is marked failed and the lane goes on; no network stops this run and the photo stays
// pending. Uploads are idempotent (PUT to the photo's SHA-256), so a retry after a lost answer
// is harmless. A busy server (503 with Retry-After: it decodes two photos at a time) gets the
// photo again after the time it named, without waiting for the next sync cycle.
import Dexie from "dexie";
import { tokenOf } from "../db/account-store.ts";
import { canSync } from "../db/can-sync.ts";
import type { PhotoRow, SafetyRoundsDb } from "../db/db.ts";
import { countPhotos } from "../db/photo-store.ts";
import { tokenVault } from "../db/token-vault.ts";
import type { BlobTransport } from "./blob-transport.ts";
import {
  AuthRequiredError,
  PasswordChangeRequiredError,
  RequestRefusedError,
  TransportError,
} from "./sync-errors.ts";

export interface PhotoLaneStatus {
  /** Photos on this phone not yet on the server. */
  waiting: number;
  /** Photos the server refused for good (shown; never retried). */
  failed: number;
  isUploading: boolean;
  /** Uploaded by the running (or last) run: visible progress. */
  uploaded: number;
  /** Why the last run stopped early or skipped photos, in English; null when it went through. */
  problem: string | null;
}

export const idlePhotoStatus: PhotoLaneStatus = {
  waiting: 0,
  failed: 0,
  isUploading: false,
  uploaded: 0,
  problem: null,
};

export interface PhotoLaneDeps {
  db: SafetyRoundsDb;
  transport: BlobTransport;
  /** Phone clock, ms. */
  clock?: () => number;
  onStatus?: (status: PhotoLaneStatus) => void;
  /** Runs a later attempt (the sync engine's timers); without it a busy server waits for the next cycle. */
  setTimeout?: (run: () => void, ms: number) => unknown;
}

export class PhotoLane {
  private readonly db: SafetyRoundsDb;
  private readonly transport: BlobTransport;
  private readonly clock: () => number;
  private readonly onStatus: (status: PhotoLaneStatus) => void;
  private running: Promise<PhotoLaneStatus> | undefined;
  private isWantedAgain = false;
  private isDisposed = false;
  private readonly setTimer: PhotoLaneDeps["setTimeout"];
  private isRetryScheduled = false;

  constructor(deps: PhotoLaneDeps) {
    this.db = deps.db;
    this.transport = deps.transport;
    this.clock = deps.clock ?? Date.now;
    this.onStatus = deps.onStatus ?? (() => undefined);
    this.setTimer = deps.setTimeout;
  }

  /** The server said when to come back (Retry-After): one run then, whatever else happens. */
  private retryAfter(ms: number): void {
    if (!this.setTimer || this.isRetryScheduled || this.isDisposed) return;
    this.isRetryScheduled = true;
    this.setTimer(() => {
      this.isRetryScheduled = false;
      if (!this.isDisposed) void this.start();
    }, ms);
  }

  /** Starts a run, or asks the running one to look again when it ends. Never rejects. */
  start(): Promise<PhotoLaneStatus> {
    if (this.running) {
      this.isWantedAgain = true;
      return this.running;
    }
    this.running = (async () => {
      let status: PhotoLaneStatus;
      do {
        this.isWantedAgain = false;
        status = await this.runOnce().catch(async (error: unknown) => ({
          ...(await this.counts()),
          isUploading: false,
          uploaded: 0,
          problem: error instanceof Error ? error.message : String(error),
        }));
        this.onStatus(status);
      } while (this.isWantedAgain && !this.isDisposed);
      return status;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves when no run is going (tests, and the shell before an update). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  dispose(): void {
    this.isDisposed = true;
  }

  async counts(): Promise<Pick<PhotoLaneStatus, "waiting" | "failed">> {
    return countPhotos(this.db);
  }

  private async runOnce(): Promise<PhotoLaneStatus> {
    // Names only: the bytes are read one photo at a time (300 photos would not fit in memory).
    const names = await this.db.photos
      .where("[status+createdAt]")
      .between(["pending", Dexie.minKey], ["pending", Dexie.maxKey])
      .primaryKeys();
    let uploaded = 0;
    let problem: string | null = null;
    const refusedTokens = new Set<string>();
    const report = async (isUploading: boolean) => {
      const status = { ...(await this.counts()), isUploading, uploaded, problem };
      this.onStatus(status);
      return status;
    };
    if (names.length > 0) await report(true);
    for (const sha256 of names) {
      if (this.isDisposed) break;
      const row = await this.db.photos.get(sha256);
      if (row?.status !== "pending") continue;
      const token = await this.tokenFor(row, refusedTokens);
      if (!token) {
        problem = "photos are waiting for someone of their school to log in";
        continue;
      }
      await this.db.photos.update(sha256, { attempts: row.attempts + 1 });
      try {
        await this.transport.put(sha256, row.bytes, row.mime, token);
        await this.db.photos.update(sha256, {
          status: "uploaded",
          uploadedAt: this.clock(),
          lastError: null,
        });
        uploaded++;
        await report(true);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof RequestRefusedError) {
          // This photo will never be accepted; the next one may be.
          await this.db.photos.update(sha256, { status: "failed", lastError: `${error.code}: ${message}` });
          continue;
        }
        await this.db.photos.update(sha256, { lastError: message });
        if (error instanceof AuthRequiredError || error instanceof PasswordChangeRequiredError) {
          // The sync engine asks this person to log in (or to choose a new password); another
          // account of the school may upload.
          refusedTokens.add(token);
          problem = `a photo upload needs a login: ${message}`;
          continue;
        }
        // No network, a busy server, a revoked phone: stop here; the photos stay pending.
        problem = message;
        if (error instanceof TransportError && error.retryAfterMs !== undefined)
          this.retryAfter(error.retryAfterMs);
        break;
      }
    }
    return report(false);
  }

  /** The photographer's token if they can still send; else any live account of the same school. */
  private async tokenFor(row: PhotoRow, refused: ReadonlySet<string>): Promise<string | undefined> {
    const vault = tokenVault(this.db);
    const usable = (t: string | null | undefined): t is string => Boolean(t) && !refused.has(t as string);
    const own = await this.db.accounts.get(row.actorUserId);
    if (own && canSync(own) && own.schoolId === row.schoolId) {
      const token = tokenOf(own, vault);
      if (usable(token)) return token;
    }
    const others = (await this.db.accounts.where("schoolId").equals(row.schoolId).toArray())
      .filter((a) => canSync(a) && !a.isSignedOut && usable(vault.get(a.userId)))
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
    return others[0] ? vault.get(others[0].userId) : undefined;
  }
}

/**
 * A photo to show: from this phone if it is here, else from the server with a token of the
 * school (only schools that own the photo get it: S8). Undefined when neither has it.
 */
export async function fetchPhoto(
  db: SafetyRoundsDb,
  transport: BlobTransport,
  schoolId: string,
  sha256: string,
): Promise<{ bytes: ArrayBuffer; mime: string; source: "phone" | "server" } | undefined> {
  const local = await db.photos.get(sha256);
  if (local && local.schoolId === schoolId) return { bytes: local.bytes, mime: local.mime, source: "phone" };
  const vault = tokenVault(db);
  const accounts = (await db.accounts.where("schoolId").equals(schoolId).toArray())
    .filter((a) => vault.has(a.userId) && canSync(a) && !a.isSignedOut)
    .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  const token = accounts[0] ? vault.get(accounts[0].userId) : undefined;
  if (!token) return undefined;
  const remote = await transport.get(sha256, token);
  return remote ? { ...remote, source: "server" } : undefined;
}
