// The sync engine: one cycle pushes each school's pending outbox in deviceSeq order and then
// pulls its changes. Verdicts, pulled pages and cursors are written by the db stores in single
// transactions (SYNC S2, S5); the engine decides what to send, with whose token, and when to
// stop. Clock, transport, database, timers and randomness are injected so tests drive it.
// Photos go on their own lane (photo-lane.ts), started after each cycle's push and pull and
// never awaited by it (SYNC S9). Urgent alerts (SYNC.md: "An unaccounted pupil's alert goes out
// first, ahead of any backlog") go at the start of every cycle, before the first push, again
// between push batches, and at once when one is queued while a cycle runs or waits to retry.
import type { AlertRequest, Mutation, PushRequest } from "../../protocol/sync.ts";
import { canUnlockWithPin, createAccountStore, hasUnsentWorkOf, tokenOf } from "../db/account-store.ts";
import {
  hasUntriedAlerts,
  markAlertFailed,
  markAlertSent,
  pendingAlerts,
  schoolsWithPendingAlerts,
} from "../db/alert-store.ts";
import { canSync } from "../db/can-sync.ts";
import type { AccountRow, OutboxRow, SafetyRoundsDb, UrgentAlertRow } from "../db/db.ts";
import { applyPulledPage, noteSyncState, readSyncState, wipeSchool } from "../db/mirror-store.ts";
import {
  applyVerdicts,
  countOutbox,
  listPending,
  markAttempted,
  renumberPending,
} from "../db/mutation-store.ts";
import { type TokenVault, tokenVault } from "../db/token-vault.ts";
import type { BlobTransport } from "./blob-transport.ts";
import { loadSyncWire, type SyncTransport } from "./http-transport.ts";
import { idlePhotoStatus, PhotoLane, type PhotoLaneStatus } from "./photo-lane.ts";
import {
  AuthRequiredError,
  DeviceRevokedError,
  PasswordChangeRequiredError,
  RequestRefusedError,
  TransportError,
} from "./sync-errors.ts";

/** Entries per push: small enough for a slow link and the server's per-request work. */
export const PUSH_BATCH_SIZE = 200;
export const PULL_PAGE_SIZE = 500;
/** A pull that keeps saying "more" without moving is cut off; the next cycle goes on. */
const MAX_PULL_PAGES_PER_CYCLE = 1000;

export type SyncState = "idle" | "syncing" | "offline" | "needs-login" | "error";
export type SyncReason = "start" | "online" | "visible" | "write" | "timer" | "login" | "manual" | "retry";

export interface WaitingPerson {
  userId: string;
  name: string;
  /**
   * Their session is sealed on this phone but not open on this page (a reload since their last
   * PIN): their PIN sends it, no password needed (issue #16 §3, account-store.ts).
   */
  needsPin?: true;
}

/** Why the last cycle did not finish cleanly, for the shell to say in the school's words. */
export type SyncProblem =
  | { kind: "offline"; message: string }
  | { kind: "server-busy"; message: string }
  | { kind: "waiting-for-login"; person: WaitingPerson; schoolId: string }
  | { kind: "device-revoked"; schoolId: string; message: string }
  | { kind: "wiped"; schoolId: string }
  | { kind: "refused"; status: number; code: string; message: string }
  | { kind: "sequence-gap"; schoolId: string; message: string; expectedDeviceSeq?: number }
  /** The server refused an urgent alert for good (400 malformed, 409 id reused …): it is not sent
   * again and stays undelivered on the phone (alert-store.ts), so people must phone instead. */
  | {
      kind: "alert-refused";
      schoolId: string;
      alertId: string;
      status: number;
      code: string;
      message: string;
    }
  | { kind: "failure"; message: string };

export interface SyncStatus {
  state: SyncState;
  /** One line for people (English); `problems` carries the structured reasons. */
  message: string | null;
  problems: SyncProblem[];
  pendingCount: number;
  rejectedCount: number;
  /** Phone clock, ms, of the last cycle that finished without a problem. */
  lastSuccessAt: number | null;
  clockSkewMs: number | null;
  isClockSuspect: boolean;
  /** Phone clock, ms, since which unsent work has been waiting without a clean cycle (watchdog). */
  stalledSince: number | null;
  /** When the backoff timer will try again, if one is set. */
  nextAttemptAt: number | null;
  /** Entries settled and changes pulled by the running (or last) cycle: visible progress. */
  progress: { pushed: number; pulled: number };
  /** The photo lane: photos waiting, refused, uploading (its problems never change `state`). */
  photos: PhotoLaneStatus;
}

export interface SyncOutcome {
  state: Exclude<SyncState, "syncing">;
  problems: SyncProblem[];
  pushed: number;
  pulled: number;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineDeps {
  db: SafetyRoundsDb;
  transport: SyncTransport;
  /** Photo uploads; without it the engine syncs records only. */
  blobTransport?: BlobTransport;
  /** Phone clock, ms. */
  clock?: () => number;
  /** For backoff jitter; [0, 1). */
  random?: () => number;
  timers?: Timers;
  batchSize?: number;
  pullLimit?: number;
  backoff?: { baseMs: number; maxMs: number };
}

/** What one pass of the urgent lane over a school's pending alerts came to. */
interface AlertLaneResult {
  sent: number;
  problems: SyncProblem[];
  retryAfterMs?: number;
}

/** HTTP statuses of a refused alert that a later try can get past (the app updated, a pause). */
const ALERT_RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 426, 429]);

type PushResult =
  | { kind: "done" }
  | { kind: "waiting"; person: WaitingPerson }
  | { kind: "stopped"; reason: "transient" | "device_seq_gap"; message: string; expectedDeviceSeq?: number };

const defaultTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SyncEngine {
  private readonly db: SafetyRoundsDb;
  private readonly transport: SyncTransport;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly batchSize: number;
  private readonly pullLimit: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly accounts;
  /** Tokens are read from here (and send-only ones from the rows): never from disk in plain. */
  private readonly vault: TokenVault;
  private readonly photoLane: PhotoLane | undefined;

  private status: SyncStatus = {
    state: "idle",
    message: null,
    problems: [],
    pendingCount: 0,
    rejectedCount: 0,
    lastSuccessAt: null,
    clockSkewMs: null,
    isClockSuspect: false,
    stalledSince: null,
    nextAttemptAt: null,
    progress: { pushed: 0, pulled: 0 },
    photos: idlePhotoStatus,
  };
  private readonly listeners = new Set<() => void>();
  private running: Promise<SyncOutcome> | undefined;
  private queued: Promise<SyncOutcome> | undefined;
  private retryTimer: unknown;
  private failures = 0;
  private isDisposed = false;
  /** Runs of the urgent lane, one at a time (the cycle's and a fresh alert's own). */
  private alertChain: Promise<unknown> = Promise.resolve();

  constructor(deps: SyncEngineDeps) {
    this.db = deps.db;
    this.transport = deps.transport;
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.timers = deps.timers ?? defaultTimers;
    this.batchSize = Math.max(1, Math.min(deps.batchSize ?? PUSH_BATCH_SIZE, 500));
    this.pullLimit = deps.pullLimit ?? PULL_PAGE_SIZE;
    this.backoff = deps.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };
    this.accounts = createAccountStore(this.db, this.clock);
    this.vault = tokenVault(this.db);
    this.photoLane = deps.blobTransport
      ? new PhotoLane({
          db: this.db,
          transport: deps.blobTransport,
          clock: this.clock,
          onStatus: (photos) => this.setStatus({ photos }),
          setTimeout: (run, ms) => this.timers.setTimeout(run, ms),
        })
      : undefined;
  }

  /** Resolves when the photo lane has nothing running (tests; the shell before an update). */
  async whenPhotosIdle(): Promise<void> {
    await this.photoLane?.idle();
  }

  // ----- observable status ---------------------------------------------------------------------

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Re-reads the counts and the stored sync facts (on start and after each local write). */
  async refresh(): Promise<void> {
    const [counts, states, photoCounts] = await Promise.all([
      countOutbox(this.db),
      this.db.syncState.toArray(),
      this.photoLane?.counts(),
    ]);
    const successes = states.map((s) => s.lastSuccessAt ?? 0).filter((t) => t > 0);
    const measured = states.filter((s) => s.clockSkewMs !== null);
    this.setStatus({
      ...counts,
      lastSuccessAt: this.status.lastSuccessAt ?? (successes.length ? Math.max(...successes) : null),
      clockSkewMs: this.status.clockSkewMs ?? measured[0]?.clockSkewMs ?? null,
      isClockSuspect: this.status.isClockSuspect || states.some((s) => s.isClockSuspect),
      stalledSince: counts.pendingCount === 0 ? null : this.status.stalledSince,
      ...(photoCounts ? { photos: { ...this.status.photos, ...photoCounts } } : {}),
    });
  }

  // ----- when to run ---------------------------------------------------------------------------

  /**
   * A trigger fired. Start, online, login and manual run now even while backing off; the
   * others (timer, visible, write) wait for the backoff timer instead of hammering a server
   * that just failed.
   */
  request(reason: SyncReason): void {
    if (this.isDisposed) return;
    if (reason === "write") {
      void this.refresh();
      // A cycle started now sends a new alert first thing; one already running (perhaps stuck
      // on a long push) or a backoff timer would make it wait, so it goes on its own.
      if (this.running !== undefined || this.retryTimer !== undefined)
        void this.sendFreshAlerts().catch(() => undefined);
    }
    const bypassesBackoff =
      reason === "start" || reason === "online" || reason === "login" || reason === "manual";
    if (this.retryTimer !== undefined && !bypassesBackoff) return;
    void this.syncOnce();
  }

  /** One push-then-pull cycle now. A call during a running cycle queues exactly one more. */
  syncOnce(): Promise<SyncOutcome> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = undefined;
        return this.syncOnce();
      });
      return this.queued;
    }
    this.clearRetry();
    this.running = this.cycle().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  dispose(): void {
    this.isDisposed = true;
    this.photoLane?.dispose();
    this.clearRetry();
    this.listeners.clear();
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.status.nextAttemptAt !== null) this.setStatus({ nextAttemptAt: null });
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  private scheduleRetry(retryAfterMs: number | undefined): void {
    if (this.isDisposed) return;
    this.failures++;
    const step = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (this.failures - 1));
    const delay = Math.max(step / 2 + this.random() * (step / 2), retryAfterMs ?? 0);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      this.request("retry");
    }, delay);
    this.setStatus({ nextAttemptAt: this.clock() + delay });
  }

  // ----- one cycle -----------------------------------------------------------------------------

  private async cycle(): Promise<SyncOutcome> {
    const progress = { pushed: 0, pulled: 0 };
    this.setStatus({ state: "syncing", progress: { ...progress } });
    const problems: SyncProblem[] = [];
    let retryAfterMs: number | undefined;
    try {
      const deviceIdRow = await this.db.meta.get("deviceId");
      const deviceId = typeof deviceIdRow?.value === "string" ? deviceIdRow.value : undefined;
      const schools = await this.schoolsOnThisPhone();
      const revoked = deviceId ? await this.wipeRevokedWhileLocked(deviceId, schools) : [];
      problems.push(...revoked);
      // A wipe gave the phone a new device id: the next cycle carries on with it.
      if (deviceId && revoked.length === 0) {
        for (const schoolId of schools) {
          const r = await this.syncSchool(schoolId, deviceId, progress);
          problems.push(...r.problems);
          if (r.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, r.retryAfterMs);
        }
      }
    } catch (error) {
      problems.push({ kind: "failure", message: errorMessage(error) });
    }
    await this.forgetSignedOutSchools().catch((error: unknown) => {
      problems.push({ kind: "failure", message: errorMessage(error) });
    });
    // After the push, on its own: this cycle (and the next) never waits for a photo.
    if (!this.isDisposed)
      void this.photoLane
        ?.start()
        .then(() => this.afterPhotos())
        .catch(() => undefined);
    return this.finish(problems, progress, retryAfterMs);
  }

  private async finish(
    problems: SyncProblem[],
    progress: { pushed: number; pulled: number },
    retryAfterMs: number | undefined,
  ): Promise<SyncOutcome> {
    const now = this.clock();
    const state = stateOf(problems);
    const isClean = problems.length === 0;
    const counts = await countOutbox(this.db).catch(() => ({
      pendingCount: this.status.pendingCount,
      rejectedCount: this.status.rejectedCount,
    }));
    const needsRetry = problems.some(isRetryable);
    if (needsRetry) this.scheduleRetry(retryAfterMs);
    else this.failures = 0;
    this.setStatus({
      state,
      message: describe(problems[0]),
      problems,
      ...counts,
      lastSuccessAt: isClean ? now : this.status.lastSuccessAt,
      stalledSince: counts.pendingCount === 0 || isClean ? null : (this.status.stalledSince ?? now),
      progress: { ...progress },
    });
    return { state, problems, ...progress };
  }

  /**
   * The photo lane is done: a logged-out person whose last photo just went needs their send-only
   * session no more, and a school no one is signed in to drops the photos it sent.
   */
  private async afterPhotos(): Promise<void> {
    for (const schoolId of await this.schoolsOnThisPhone()) {
      if ((await listPending(this.db, schoolId, 1)).length === 0) await this.endSendOnlySessions(schoolId);
    }
    await this.forgetSignedOutSchools();
  }

  /**
   * A school no one is signed in to keeps only what is not delivered yet (issue #16 §2): what the
   * send-only tokens just sent goes too, since no pull will come to retire it.
   */
  private async forgetSignedOutSchools(): Promise<void> {
    for (const schoolId of await this.schoolsOnThisPhone())
      await this.accounts.forgetSchoolIfSignedOut(schoolId);
  }

  /** Schools with an account, unsent work, an unsent alert or sync state on this phone. */
  /**
   * After a restart no token is open until someone types their PIN, so a lost phone left locked
   * would never hear that it was revoked. It asks with its device key instead (no session
   * needed) and wipes each school that revoked it. Offline or refused: the next cycle asks again.
   */
  private async wipeRevokedWhileLocked(deviceId: string, schools: string[]): Promise<SyncProblem[]> {
    if (!this.transport.deviceStatus) return [];
    const [accounts, key] = await Promise.all([this.db.accounts.toArray(), this.db.meta.get("deviceKey")]);
    const locked = schools.filter(
      (id) => !accounts.some((a) => a.schoolId === id && this.vault.has(a.userId)),
    );
    if (locked.length === 0 || typeof key?.value !== "string") return [];
    let revoked: string[];
    try {
      revoked = await this.transport.deviceStatus({ deviceId, deviceKey: key.value });
    } catch {
      return [];
    }
    const wiped: SyncProblem[] = [];
    for (const id of locked) if (revoked.includes(id)) wiped.push(await this.wipe(id));
    return wiped;
  }

  private async schoolsOnThisPhone(): Promise<string[]> {
    const [accountSchools, outboxSchools, stateSchools, alertSchools] = await Promise.all([
      this.db.accounts.orderBy("schoolId").uniqueKeys(),
      this.db.outbox.orderBy("schoolId").uniqueKeys(),
      this.db.syncState.toCollection().primaryKeys(),
      schoolsWithPendingAlerts(this.db),
    ]);
    return [
      ...new Set([...accountSchools, ...outboxSchools, ...stateSchools, ...alertSchools].map(String)),
    ].sort();
  }

  private async syncSchool(
    schoolId: string,
    deviceId: string,
    progress: { pushed: number; pulled: number },
  ): Promise<{ problems: SyncProblem[]; retryAfterMs?: number }> {
    const problems: SyncProblem[] = [];
    let retryAfterMs: number | undefined;
    const classify = (error: unknown): "stop" | "go-on" => {
      if (error instanceof TransportError) {
        problems.push(
          error.kind === "server"
            ? { kind: "server-busy", message: error.message }
            : { kind: "offline", message: error.message },
        );
        retryAfterMs = error.retryAfterMs;
        return "stop";
      }
      if (error instanceof DeviceRevokedError) {
        problems.push({ kind: "device-revoked", schoolId, message: error.message });
        return "go-on";
      }
      if (error instanceof RequestRefusedError) {
        problems.push({ kind: "refused", status: error.status, code: error.code, message: error.message });
        return "go-on";
      }
      problems.push({ kind: "failure", message: errorMessage(error) });
      return "stop";
    };

    // The urgent lane first: a failed alert never holds the backlog back (the hazard report in
    // the backlog carries the same alert id, so the server raises it at the latest then).
    try {
      const alerts = await this.sendAlerts(schoolId, deviceId);
      problems.push(...alerts.problems);
      if (alerts.retryAfterMs !== undefined) retryAfterMs = alerts.retryAfterMs;
    } catch (error) {
      if (error instanceof DeviceRevokedError)
        return { problems: [...problems, await this.wipe(schoolId)], retryAfterMs };
      problems.push({ kind: "failure", message: errorMessage(error) });
    }

    try {
      const pushed = await this.pushSchool(schoolId, deviceId, progress, problems);
      if (pushed.kind === "waiting")
        problems.push({ kind: "waiting-for-login", person: pushed.person, schoolId });
      else if (pushed.kind === "stopped") {
        problems.push(
          pushed.reason === "transient"
            ? { kind: "server-busy", message: pushed.message }
            : {
                kind: "sequence-gap",
                schoolId,
                message: pushed.message,
                ...(pushed.expectedDeviceSeq !== undefined
                  ? { expectedDeviceSeq: pushed.expectedDeviceSeq }
                  : {}),
              },
        );
      }
    } catch (error) {
      if (error instanceof DeviceRevokedError)
        return { problems: [...problems, await this.wipe(schoolId)], retryAfterMs };
      if (classify(error) === "stop") return { problems, retryAfterMs };
    }

    try {
      const pulled = await this.pullSchool(schoolId, deviceId, progress);
      if (pulled.kind === "wiped") problems.push({ kind: "wiped", schoolId });
      else if (pulled.kind === "waiting")
        problems.push({ kind: "waiting-for-login", person: pulled.person, schoolId });
    } catch (error) {
      if (error instanceof DeviceRevokedError) problems.push(await this.wipe(schoolId));
      else classify(error);
    }
    if (problems.length === 0) await noteSyncState(this.db, schoolId, { lastSuccessAt: this.clock() });
    return { problems: unique(problems), retryAfterMs };
  }

  /** People who logged out with work unsent: once all of it is answered, end their session. */
  private async endSendOnlySessions(schoolId: string) {
    const loggedOut = await this.db.accounts
      .where("schoolId")
      .equals(schoolId)
      .filter((a) => Boolean(a.sendOnlyToken))
      .toArray();
    for (const account of loggedOut) {
      const token = account.sendOnlyToken as string;
      // An entry, alert or photo of theirs still to send needs their session.
      if (await hasUnsentWorkOf(this.db, account.userId)) continue;
      if (await this.transport.logout(token)) await this.accounts.forgetSendOnlyToken(account.userId, token);
    }
  }

  /** Whose work waits, and whether their PIN (this page has not opened their token) would do. */
  private waitingPerson(userId: string, account: AccountRow | undefined): WaitingPerson {
    const person: WaitingPerson = { userId, name: account?.name ?? userId };
    if (account && !account.needsLogin && canUnlockWithPin(account) && !this.vault.has(userId))
      person.needsPin = true;
    return person;
  }

  /** An admin revoked this phone (it was lost): the school's data goes, and the phone takes a new device id. */
  private async wipe(schoolId: string): Promise<SyncProblem> {
    await wipeSchool(this.db, schoolId);
    return { kind: "wiped", schoolId };
  }

  // ----- urgent lane ---------------------------------------------------------------------------

  /** Runs `run` after every earlier run of the urgent lane: one alert is never sent twice at once. */
  private exclusiveAlerts<T>(run: () => Promise<T>): Promise<T> {
    const next = this.alertChain.then(run, run);
    this.alertChain = next.catch(() => undefined);
    return next;
  }

  /**
   * Sends the school's pending alerts, oldest first, each with its actor's token (their own
   * session, or the send-only one they left when logging out: SYNC S7). A network failure
   * stops the lane; a 401 waits for that person's login; a refusal that can never succeed is
   * recorded and not sent again. A revoked device throws DeviceRevokedError (the caller wipes).
   * `onlyUntried`: just the alerts queued since (one that failed waits for the next cycle and
   * its backoff instead of being tried again between every push batch).
   */
  private sendAlerts(
    schoolId: string,
    deviceId: string,
    options: { onlyUntried?: boolean } = {},
  ): Promise<AlertLaneResult> {
    return this.exclusiveAlerts(async () => {
      const result: AlertLaneResult = { sent: 0, problems: [] };
      for (const alert of await pendingAlerts(this.db, schoolId)) {
        if (options.onlyUntried && alert.attempts > 0) continue;
        const account = await this.db.accounts.get(alert.actorUserId);
        const token = tokenOf(account, this.vault);
        if (!account || !token || !canSync(account)) {
          const person = this.waitingPerson(alert.actorUserId, account);
          result.problems.push({ kind: "waiting-for-login", person, schoolId });
          continue;
        }
        try {
          const answer = await this.transport.sendAlert(toAlertRequest(alert, deviceId), token);
          if (answer.alertId !== alert.alertId)
            throw new TransportError("bad_answer", "the answer was about another alert");
          await markAlertSent(this.db, alert.alertId, this.clock());
          result.sent++;
        } catch (error) {
          if (error instanceof DeviceRevokedError) throw error;
          if (error instanceof PasswordChangeRequiredError) {
            // Not sent and not refused: it goes once they have chosen a new password.
            await markAlertFailed(this.db, alert.alertId, error.message);
            await this.accounts.markMustChangePassword(account.userId, token);
            const person = { userId: account.userId, name: account.name };
            result.problems.push({ kind: "waiting-for-login", person, schoolId });
            continue;
          }
          if (error instanceof AuthRequiredError) {
            await markAlertFailed(this.db, alert.alertId, error.message);
            await this.accounts.markNeedsLogin(account.userId, token);
            if (token === account.sendOnlyToken)
              await this.accounts.forgetSendOnlyToken(account.userId, token);
            const person = { userId: account.userId, name: account.name };
            result.problems.push({ kind: "waiting-for-login", person, schoolId });
            continue;
          }
          if (error instanceof RequestRefusedError && !ALERT_RETRYABLE_STATUSES.has(error.status)) {
            const message = `${error.status} ${error.code}: ${error.message}`;
            await markAlertFailed(this.db, alert.alertId, message, { refusedAt: this.clock() });
            result.problems.push({
              kind: "alert-refused",
              schoolId,
              alertId: alert.alertId,
              status: error.status,
              code: error.code,
              message: error.message,
            });
            continue;
          }
          await markAlertFailed(this.db, alert.alertId, errorMessage(error));
          if (error instanceof TransportError) {
            result.problems.push(
              error.kind === "server"
                ? { kind: "server-busy", message: error.message }
                : { kind: "offline", message: error.message },
            );
            if (error.retryAfterMs !== undefined) result.retryAfterMs = error.retryAfterMs;
          } else if (error instanceof RequestRefusedError) {
            result.problems.push({
              kind: "refused",
              status: error.status,
              code: error.code,
              message: error.message,
            });
            // 429: this phone sent too many alerts this minute; the next try waits as long as asked.
            if (error.retryAfterMs !== undefined) result.retryAfterMs = error.retryAfterMs;
          } else {
            result.problems.push({ kind: "failure", message: errorMessage(error) });
          }
          // The network (or the server) is the trouble: the next alert would fail the same way.
          return result;
        }
      }
      return result;
    });
  }

  /**
   * An alert was just queued while a cycle runs (perhaps on a long backlog) or waits for its
   * retry timer: send it now instead of after them. Refusals show in the status at once.
   */
  private async sendFreshAlerts(): Promise<void> {
    if (!(await hasUntriedAlerts(this.db))) return;
    const deviceIdRow = await this.db.meta.get("deviceId");
    const deviceId = typeof deviceIdRow?.value === "string" ? deviceIdRow.value : undefined;
    if (!deviceId || this.isDisposed) return;
    for (const schoolId of await schoolsWithPendingAlerts(this.db)) {
      let result: AlertLaneResult;
      try {
        result = await this.sendAlerts(schoolId, deviceId, { onlyUntried: true });
      } catch (error) {
        // A revoked device: a cycle now (or right after the running one) wipes the school.
        if (!(error instanceof DeviceRevokedError)) throw error;
        this.request("manual");
        return;
      }
      const refused = result.problems.filter((p) => p.kind === "alert-refused");
      if (refused.length > 0 && this.status.state !== "syncing") {
        const problems = unique([...refused, ...this.status.problems]);
        this.setStatus({ state: stateOf(problems), problems, message: describe(problems[0]) });
      }
    }
  }

  // ----- push ----------------------------------------------------------------------------------

  private async pushSchool(
    schoolId: string,
    deviceId: string,
    progress: { pushed: number; pulled: number },
    problems: SyncProblem[],
  ): Promise<PushResult> {
    let limit = this.batchSize;
    let hasRenumbered = false;
    for (let batchNo = 0; ; batchNo++) {
      // An alert queued while the backlog drains goes before the next batch.
      if (batchNo > 0) {
        const alerts = await this.sendAlerts(schoolId, deviceId, { onlyUntried: true });
        problems.push(...alerts.problems);
      }
      const pending = await listPending(this.db, schoolId, limit);
      const first = pending[0];
      if (!first) {
        await this.endSendOnlySessions(schoolId);
        return { kind: "done" };
      }
      // Consecutive entries of one person go with that person's token; the next person's
      // entries wait for the next batch, so deviceSeq order is kept across people.
      const batch = takeWhile(pending, (row) => row.actorUserId === first.actorUserId);
      const account = await this.db.accounts.get(first.actorUserId);
      const person = this.waitingPerson(first.actorUserId, account);
      // Later entries cannot be applied before this person's: stop here until they log in (or,
      // after a reload, type their PIN). A person who logged out with work unsent still sends
      // it as themselves (send-only token).
      const token = tokenOf(account, this.vault);
      if (!account || !token || !canSync(account)) return { kind: "waiting", person };
      const ids = batch.map((row) => row.mutationId);
      await markAttempted(this.db, ids);
      const sentAt = this.clock();
      const request: PushRequest = {
        deviceId: deviceId as PushRequest["deviceId"],
        clientTime: new Date(sentAt).toISOString(),
        mutations: batch.map(toWire),
      };
      let response: Awaited<ReturnType<SyncTransport["push"]>>;
      try {
        response = await this.transport.push(request, token);
      } catch (error) {
        if (error instanceof AuthRequiredError) {
          await this.accounts.markNeedsLogin(account.userId, token);
          if (token === account.sendOnlyToken) await this.accounts.forgetSendOnlyToken(account.userId, token);
          return { kind: "waiting", person };
        }
        if (error instanceof PasswordChangeRequiredError) {
          // Their session is fine but may only change the password: wait for them, drop nothing.
          await this.accounts.markMustChangePassword(account.userId, token);
          return { kind: "waiting", person };
        }
        if (error instanceof RequestRefusedError && error.status === 413 && limit > 1) {
          limit = Math.ceil(limit / 2);
          continue;
        }
        throw error;
      }
      await this.noteClock(schoolId, sentAt, response.serverTime, "push");
      const { settled, answered } = await applyVerdicts(this.db, response.results, new Set(ids));
      progress.pushed += settled;
      this.setStatus({
        progress: { ...progress },
        pendingCount: Math.max(0, this.status.pendingCount - settled),
      });
      if (response.stopped) {
        const { reason, message, expectedDeviceSeq } = response.stopped;
        // The server applied part and stopped to let others in (its work budget per request,
        // server/sync/push.ts): the rest goes at once in the next request, not after a backoff.
        if (response.stopped.retryAfterMs === 0 && settled > 0) continue;
        if (reason === "device_seq_gap" && expectedDeviceSeq !== undefined && !hasRenumbered) {
          hasRenumbered = true;
          if (await renumberPending(this.db, schoolId, expectedDeviceSeq)) continue;
        }
        return {
          kind: "stopped",
          reason,
          message,
          ...(expectedDeviceSeq !== undefined ? { expectedDeviceSeq } : {}),
        };
      }
      if (answered < batch.length) {
        // Our server always answers every entry or says why it stopped; anything else is
        // treated like a transient stop: the rest stays pending.
        return {
          kind: "stopped",
          reason: "transient",
          message: "the server answered only part of the batch",
        };
      }
    }
  }

  // ----- pull ----------------------------------------------------------------------------------

  private async pullSchool(
    schoolId: string,
    deviceId: string,
    progress: { pushed: number; pulled: number },
  ): Promise<{ kind: "done" | "wiped" | "no-account" } | { kind: "waiting"; person: WaitingPerson }> {
    const candidates = (await this.db.accounts.where("schoolId").equals(schoolId).toArray())
      .filter((a) => canSync(a) && !a.isSignedOut && this.vault.has(a.userId))
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
    let refused: WaitingPerson | undefined;
    for (const account of candidates) {
      const token = this.vault.get(account.userId);
      if (!token) continue;
      try {
        return await this.pullPages(schoolId, deviceId, token, progress);
      } catch (error) {
        if (error instanceof PasswordChangeRequiredError)
          await this.accounts.markMustChangePassword(account.userId, token);
        else if (error instanceof AuthRequiredError)
          await this.accounts.markNeedsLogin(account.userId, token);
        else throw error;
        refused ??= { userId: account.userId, name: account.name };
      }
    }
    return refused ? { kind: "waiting", person: refused } : { kind: "no-account" };
  }

  private async pullPages(
    schoolId: string,
    deviceId: string,
    token: string,
    progress: { pushed: number; pulled: number },
  ): Promise<{ kind: "done" | "wiped" }> {
    for (let page = 0; page < MAX_PULL_PAGES_PER_CYCLE; page++) {
      const state = await readSyncState(this.db, schoolId);
      const sentAt = this.clock();
      const response = await this.transport.pull(
        {
          deviceId: deviceId as PushRequest["deviceId"],
          limit: this.pullLimit,
          ...(state.cursor !== null ? { cursor: state.cursor } : {}),
        },
        token,
      );
      await this.noteClock(schoolId, sentAt, response.serverTime, "pull");
      if (response.wipe) {
        await wipeSchool(this.db, schoolId);
        return { kind: "wiped" };
      }
      await applyPulledPage(this.db, schoolId, response, { now: this.clock });
      progress.pulled += response.changes.length;
      this.setStatus({ progress: { ...progress } });
      if (!response.hasMore) return { kind: "done" };
      if (response.changes.length === 0 && response.nextCursor === state.cursor) return { kind: "done" };
    }
    return { kind: "done" };
  }

  // ----- clock ---------------------------------------------------------------------------------

  /**
   * Phone clock minus server clock, taken at the middle of the round trip. Measured, stored
   * and shown; never used to order anything and never a reason to stop (S6).
   */
  private async noteClock(
    schoolId: string,
    sentAt: number,
    serverTime: string,
    lane: "push" | "pull",
  ): Promise<void> {
    const receivedAt = this.clock();
    const serverMs = Date.parse(serverTime);
    if (!Number.isFinite(serverMs)) return;
    const { CLOCK_SKEW_FLAG_MS } = await loadSyncWire();
    const clockSkewMs = Math.round((sentAt + receivedAt) / 2 - serverMs);
    const isClockSuspect = Math.abs(clockSkewMs) > CLOCK_SKEW_FLAG_MS;
    await noteSyncState(this.db, schoolId, {
      clockSkewMs,
      isClockSuspect,
      ...(lane === "push" ? { lastPushAt: receivedAt } : {}),
    });
    this.setStatus({ clockSkewMs, isClockSuspect });
  }
}

function toAlertRequest(row: UrgentAlertRow, deviceId: string): AlertRequest {
  return {
    deviceId: deviceId as AlertRequest["deviceId"],
    alert: {
      alertId: row.alertId,
      kind: row.kind,
      subjectId: row.subjectId,
      message: row.message,
      ...(row.facts ? { facts: row.facts } : {}),
      actorUserId: row.actorUserId as AlertRequest["alert"]["actorUserId"],
      clientCreatedAt: row.clientCreatedAt,
    },
  };
}

/** Problems without repeats (the urgent lane and the push may both wait for the same person). */
function unique(problems: readonly SyncProblem[]): SyncProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toWire(row: OutboxRow): Mutation {
  const wire = {
    mutationId: row.mutationId,
    deviceSeq: row.deviceSeq,
    type: row.type,
    typeVersion: row.typeVersion,
    args: row.args,
    actorUserId: row.actorUserId,
    clientCreatedAt: row.clientCreatedAt,
    ...(row.baseVersion !== undefined ? { baseVersion: row.baseVersion } : {}),
  };
  return wire as Mutation;
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (!keep(item)) break;
    out.push(item);
  }
  return out;
}

function isRetryable(problem: SyncProblem): boolean {
  return (
    problem.kind === "offline" ||
    problem.kind === "server-busy" ||
    problem.kind === "refused" ||
    problem.kind === "sequence-gap" ||
    problem.kind === "failure" ||
    problem.kind === "device-revoked"
  );
}

const ERROR_KINDS: ReadonlySet<SyncProblem["kind"]> = new Set([
  "server-busy",
  "device-revoked",
  "wiped",
  "refused",
  "alert-refused",
  "sequence-gap",
  "failure",
]);

function stateOf(problems: readonly SyncProblem[]): Exclude<SyncState, "syncing"> {
  if (problems.some((p) => ERROR_KINDS.has(p.kind))) return "error";
  if (problems.some((p) => p.kind === "offline")) return "offline";
  if (problems.some((p) => p.kind === "waiting-for-login")) return "needs-login";
  return "idle";
}

function describe(problem: SyncProblem | undefined): string | null {
  if (!problem) return null;
  switch (problem.kind) {
    case "offline":
      return `offline: ${problem.message}`;
    case "server-busy":
      return `the server is busy, retrying: ${problem.message}`;
    case "waiting-for-login":
      return problem.person.needsPin
        ? `waiting for ${problem.person.name} to enter their PIN`
        : `waiting for ${problem.person.name} to log in`;
    case "device-revoked":
      return `this phone was refused by the server: ${problem.message}`;
    case "wiped":
      return "this phone was removed from the school by an admin; its data was deleted";
    case "refused":
      return `the server refused the request (${problem.status} ${problem.code}): ${problem.message}`;
    case "sequence-gap":
      return `the server is missing earlier entries from this phone: ${problem.message}`;
    case "alert-refused":
      return `the server refused an urgent alert (${problem.status} ${problem.code}): ${problem.message}; phone the people it was for`;
    case "failure":
      return `sync failed: ${problem.message}`;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
