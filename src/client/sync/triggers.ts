// When to sync. Background Sync exists only in Chromium, so the outbox is drained on start,
// on `online`, when the page becomes visible, after each write and every 60 s while visible
// (ARCHITECTURE "Hints from the platform"). One tab per device is the sync leader (Web Locks);
// writes in other tabs reach it over a BroadcastChannel. Without Web Locks each tab runs
// directly: the server's idempotency (S3) makes a double push harmless.
import { OUTBOX_CHANNEL, subscribeOutboxWrites } from "../db/mutation-store.ts";
import type { SyncReason } from "./sync-engine.ts";

export const SYNC_LOCK_NAME = "safety-rounds-sync";
export const SYNC_EVERY_MS = 60_000;

export interface SyncRequester {
  request(reason: SyncReason): void;
}

interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

interface LockManagerLike {
  request(name: string, options: { signal: AbortSignal }, run: () => Promise<void>): Promise<unknown>;
}

export interface TriggerEnv {
  /** Fires "online" (window). */
  window?: EventSource;
  /** Fires "visibilitychange" and says whether the page is visible (document). */
  document?: EventSource & { visibilityState: string };
  locks?: LockManagerLike;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Local writes (this tab and other tabs). */
  subscribeWrites(listener: () => void): () => void;
}

/** The browser's own events, locks, timers and the outbox write notices. */
export function browserTriggerEnv(): TriggerEnv {
  const nav = typeof navigator === "undefined" ? undefined : navigator;
  return {
    window: typeof window === "undefined" ? undefined : window,
    document: typeof document === "undefined" ? undefined : document,
    locks: nav?.locks as LockManagerLike | undefined,
    setInterval: (run, ms) => globalThis.setInterval(run, ms),
    clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
    subscribeWrites(listener) {
      const unsubscribe = subscribeOutboxWrites(listener);
      const channel =
        typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(OUTBOX_CHANNEL);
      channel?.addEventListener("message", listener);
      return () => {
        unsubscribe();
        channel?.close();
      };
    },
  };
}

/**
 * Wires the triggers to the engine once this tab is the sync leader. Returns stop(), which
 * removes every listener and gives the lock back (or stops waiting for it).
 */
export function startSyncTriggers(engine: SyncRequester, env: TriggerEnv = browserTriggerEnv()): () => void {
  let stopLeading: (() => void) | undefined;
  let isStopped = false;

  const lead = (): (() => void) => {
    const isVisible = () => env.document === undefined || env.document.visibilityState === "visible";
    const onOnline = () => engine.request("online");
    const onVisibility = () => {
      if (isVisible()) engine.request("visible");
    };
    const onWrite = () => engine.request("write");
    const onTick = () => {
      if (isVisible()) engine.request("timer");
    };
    env.window?.addEventListener("online", onOnline);
    env.document?.addEventListener("visibilitychange", onVisibility);
    const unsubscribeWrites = env.subscribeWrites(onWrite);
    const timer = env.setInterval(onTick, SYNC_EVERY_MS);
    engine.request("start");
    return () => {
      env.window?.removeEventListener("online", onOnline);
      env.document?.removeEventListener("visibilitychange", onVisibility);
      unsubscribeWrites();
      env.clearInterval(timer);
    };
  };

  if (!env.locks) {
    stopLeading = lead();
    return () => {
      isStopped = true;
      stopLeading?.();
    };
  }

  const abort = new AbortController();
  let release: (() => void) | undefined;
  env.locks
    .request(SYNC_LOCK_NAME, { signal: abort.signal }, () => {
      // Held until stop(): closing the tab releases it and the next tab in line leads.
      if (isStopped) return Promise.resolve();
      stopLeading = lead();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    .catch(() => {
      // AbortError after stop() while still waiting for the lock: nothing to undo.
    });

  return () => {
    isStopped = true;
    abort.abort();
    stopLeading?.();
    release?.();
  };
}
