// Runs the sync engine for the app: loaded with a dynamic import after the first paint (its
// code stays out of the first screen's JavaScript), started once any session exists on this
// phone, kept running while the phone is locked (the outbox of a locked person still drains),
// and stopped when the page goes away. A new login or a PIN after a reload — a token opened that
// was not open before (db/token-vault.ts) — asks for a sync at once, so the first pull starts
// while the person is still setting a PIN, and work waiting for a PIN goes as soon as it is typed.
import { useEffect, useState, useSyncExternalStore } from "react";
import { canUnlockWithPin } from "../db/account-store.ts";
import { canSync } from "../db/can-sync.ts";
import type { AccountRow } from "../db/db.ts";
import type { RunningSync } from "../sync/start-sync.ts";
import type { SyncEngine, SyncStatus } from "../sync/sync-engine.ts";
import { type StatusSource, useSyncStatus } from "../ui/use-sync-status.ts";

let running: RunningSync | undefined;
let starting: Promise<void> | undefined;
let isWanted = false;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function start(): void {
  isWanted = true;
  if (running || starting) return;
  starting = import("../sync/start-sync.ts")
    .then(({ startSync }) => {
      // The page may have been hidden while the chunk loaded.
      if (isWanted && !running) running = startSync();
    })
    .catch(() => {
      // The chunk could not load (offline before the service worker had it): the next
      // trigger below tries again.
    })
    .finally(() => {
      starting = undefined;
      notify();
    });
}

function stop(): void {
  isWanted = false;
  running?.stop();
  running = undefined;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentEngine = (): SyncEngine | null => running?.engine ?? null;

/** Tokens open on this page; a change means someone logged in, renewed or typed their PIN. */
function sessionKey(accounts: readonly AccountRow[], open: ReadonlyMap<string, string>): string {
  return accounts
    .filter((a) => open.has(a.userId) && canSync(a))
    .map((a) => `${a.userId}:${open.get(a.userId)}`)
    .sort()
    .join(",");
}

export function useSyncEngine(
  accounts: readonly AccountRow[] | undefined,
  open: ReadonlyMap<string, string>,
): SyncEngine | null {
  const engine = useSyncExternalStore(subscribe, currentEngine, currentEngine);
  // A session sealed on this phone (its work can wait for the PIN), an open one, or a send-only
  // token with work still to send after a logout (SYNC S7).
  const hasSession =
    accounts?.some((a) => canUnlockWithPin(a) || open.has(a.userId) || Boolean(a.sendOnlyToken)) ?? false;
  const key = accounts ? sessionKey(accounts, open) : "";
  const [seenKey, setSeenKey] = useState<string | null>(null);

  useEffect(() => {
    if (!hasSession) return;
    // After the first paint: let the browser draw the screen before loading the engine.
    const timer = setTimeout(start, 0);
    return () => clearTimeout(timer);
  }, [hasSession]);

  useEffect(() => {
    const onPageHide = () => stop();
    const onPageShow = (event: PageTransitionEvent) => {
      // Back from the back-forward cache: the page lives again without a reload.
      if (event.persisted && hasSession) start();
    };
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
    };
  }, [hasSession]);

  useEffect(() => {
    if (!accounts || key === seenKey) return;
    // The first value is what the app opened with; later ones are logins (start syncs anyway).
    if (seenKey !== null && key !== "" && engine) engine.request("login");
    setSeenKey(key);
  }, [accounts, key, seenKey, engine]);

  return engine;
}

const IDLE_STATUS: SyncStatus = {
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
  photos: { waiting: 0, failed: 0, isUploading: false, uploaded: 0, problem: null },
};
const noEngine: StatusSource<SyncStatus> = {
  subscribe: () => () => undefined,
  getStatus: () => IDLE_STATUS,
};

/** The engine's status, or an idle one while it is still loading. */
export function useEngineStatus(engine: SyncEngine | null): SyncStatus {
  return useSyncStatus<SyncStatus>(engine ?? noEngine);
}
