// "How fresh is what this page shows": pages that work on what the phone last pulled (the
// board, the roster pages) say when that was, and say it louder when the phone is offline.
import { useLiveQuery } from "dexie-react-hooks";
import { db } from "../db/db.ts";
import { readSyncState } from "../db/mirror-store.ts";
import { formatClock, formatMoment } from "./i18n.ts";
import { useIsSurelyOffline } from "./use-online.ts";

export type FreshnessCase = "freshOnline" | "freshOffline" | "freshNever" | "freshOfflineNever";

export function Freshness({
  schoolId,
  now,
  text,
  testId,
}: {
  schoolId: string;
  now: Date;
  /** The page's own words for each case; `time` is the last sync (clock today, else date). */
  text: (which: FreshnessCase, time: string) => string;
  testId: string;
}) {
  const state = useLiveQuery(() => readSyncState(db, schoolId), [schoolId]);
  const isOffline = useIsSurelyOffline();
  if (!state) return null;
  const last = state.lastSuccessAt ?? state.lastPullAt;
  const time =
    last === null
      ? ""
      : new Date(last).toDateString() === now.toDateString()
        ? formatClock(last, Intl.DateTimeFormat().resolvedOptions().timeZone)
        : formatMoment(last);
  const which: FreshnessCase = isOffline
    ? last === null
      ? "freshOfflineNever"
      : "freshOffline"
    : last === null
      ? "freshNever"
      : "freshOnline";
  return (
    <p className={isOffline ? "freshness is-offline" : "freshness"} data-testid={testId}>
      {text(which, time)}
    </p>
  );
}
