// Re-renders the caller when the sync status changes. Takes any source with the engine's
// subscribe/getStatus shape, so ui/ needs no import from sync/ (the shell passes the engine).
import { useSyncExternalStore } from "react";

export interface StatusSource<S> {
  subscribe(listener: () => void): () => void;
  getStatus(): S;
}

export function useSyncStatus<S>(source: StatusSource<S>): S {
  return useSyncExternalStore(source.subscribe, source.getStatus, source.getStatus);
}

/** Unsent work waiting longer than this without a clean sync is shown as a warning. */
export const STALLED_WARNING_MS = 30 * 60_000;

/** Has unsent work been stuck long enough to tell the person (watchdog)? */
export function isStalled(status: { stalledSince: number | null }, nowMs: number): boolean {
  return status.stalledSince !== null && nowMs - status.stalledSince >= STALLED_WARNING_MS;
}
