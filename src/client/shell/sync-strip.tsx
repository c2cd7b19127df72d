// The slim sync line under the top bar, on every signed-in page: how much of this person's work
// waits to sync, when the last sync succeeded, and — only when it applies — what stands in the
// way (no network, a login needed, someone else's login, a wrong phone clock, a long stall,
// refused work). Counts come from the database, so they are right before the engine loads.
import { useLiveQuery } from "dexie-react-hooks";
import type { AccountRow } from "../db/db.ts";
import { db } from "../db/db.ts";
import { readSyncSummary, type SyncSummary, stalledSinceOf } from "../db/sync-summary.ts";
import type { SyncEngine, SyncProblem, SyncStatus } from "../sync/sync-engine.ts";
import { formatAgo, formatDuration, t } from "../ui/i18n.ts";
import { navigate } from "../ui/router.ts";
import { useNow } from "../ui/use-now.ts";
import { useIsSurelyOffline } from "../ui/use-online.ts";
import { isStalled } from "../ui/use-sync-status.ts";

const MINUTE_MS = 60_000;

/** This person's sync facts, live from the database (undefined while the first read runs). */
export function useSyncSummary(account: AccountRow): SyncSummary | undefined {
  return useLiveQuery(
    () => readSyncSummary(db, account.userId, account.schoolId),
    [account.userId, account.schoolId],
  );
}

/** The one sticky line: state, count, last sync and 立即同步. */
export function SyncStrip({
  account,
  summary,
  engine,
  status,
}: {
  account: AccountRow;
  summary: SyncSummary | undefined;
  engine: SyncEngine | null;
  status: SyncStatus;
}) {
  const now = useNow(30_000).getTime();
  const isOffline = useIsSurelyOffline();
  if (!summary) return <div className="sync sync-line" aria-hidden="true" />;

  const isSyncing = status.state === "syncing";
  const isWaitingForNetwork = !isSyncing && (isOffline || status.state === "offline");
  const hasPending = summary.pendingCount > 0;
  const tone =
    problemOf(status) || account.needsLogin ? "warn" : hasPending || isWaitingForNetwork ? "pending" : "ok";
  const lastSync = summary.lastSuccessAt ?? status.lastSuccessAt;

  const headline = isSyncing
    ? t("syncRunning")
    : hasPending
      ? t("syncPending", { n: summary.pendingCount })
      : t("syncAllSent");
  // Short enough for one line at 360 px: "已同步 · 3 分钟前", "2 条待同步 · 上次同步 3 分钟前".
  const detail = isWaitingForNetwork
    ? t("syncOffline")
    : !lastSync
      ? t("syncNever")
      : hasPending
        ? t("syncLastAt", { ago: formatAgo(lastSync, now) })
        : formatAgo(lastSync, now);

  return (
    <section
      className={`sync sync-line is-${tone}`}
      aria-label={t("syncTitle")}
      data-testid="sync-strip"
      data-last-sync={lastSync ?? ""}
      data-pending={summary.pendingCount}
    >
      <span className="sync-dot" aria-hidden="true" />
      <p className="sync-text" role="status" data-testid="sync-status">
        <strong data-testid="sync-headline">{headline}</strong>
        <span className="sync-detail"> · {detail}</span>
      </p>
      <button
        type="button"
        className="sync-button"
        disabled={!engine || isSyncing}
        onClick={() => engine?.request("manual")}
      >
        {t("syncNow")}
      </button>
    </section>
  );
}

/**
 * What stands in the way, one line each, at the top of the page (they scroll away with it so
 * the sticky header stays one line taller at most).
 */
export function SyncNotes({
  account,
  summary,
  status,
}: {
  account: AccountRow;
  summary: SyncSummary | undefined;
  status: SyncStatus;
}) {
  const now = useNow(30_000).getTime();
  if (!summary) return null;
  const notes: React.ReactNode[] = [];
  if (summary.attentionCount > 0) {
    notes.push(
      <a
        key="attention"
        href="/attention"
        className="sync-note is-danger sync-link"
        data-testid="sync-attention"
        onClick={(event) => {
          event.preventDefault();
          navigate("/attention");
        }}
      >
        <span>{t("syncAttention", { n: summary.attentionCount })}</span>
        <span aria-hidden="true">›</span>
      </a>,
    );
  }
  if (account.needsLogin) {
    notes.push(
      <div key="login" className="sync-note is-warn" role="alert">
        <p>{t("syncNeedsLogin")}</p>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            navigate(
              `/login?school=${encodeURIComponent(account.schoolCode)}&login=${encodeURIComponent(account.login)}`,
            )
          }
        >
          {t("loginAgain")}
        </button>
      </div>,
    );
  }
  for (const other of summary.waitingOthers) {
    notes.push(
      <p key={`wait-${other.userId}`} className="sync-note is-warn" data-testid="sync-waiting">
        {t(other.needsPin ? "syncWaitingForPin" : "syncWaitingFor", { n: other.count, name: other.name })}
      </p>,
    );
  }
  const skew = summary.clockSkewMs ?? status.clockSkewMs;
  if ((summary.isClockSuspect || status.isClockSuspect) && skew !== null) {
    notes.push(
      <p key="clock" className="sync-note is-warn" data-testid="sync-clock">
        {clockText(Math.abs(skew))}
      </p>,
    );
  }
  const stalledSince = stalledSinceOf(summary);
  if (stalledSince !== null) {
    if (isStalled({ stalledSince }, now)) {
      notes.push(
        <p key="stall" className="sync-note is-warn" data-testid="sync-stalled">
          {t("syncStalled", { time: formatDuration(now - stalledSince), n: summary.pendingCount })}
        </p>,
      );
    }
  }
  const problem = problemOf(status);
  if (problem) {
    notes.push(
      <p key="problem" className="sync-note is-warn">
        {problemText(problem)}
      </p>,
    );
  }
  return notes.length > 0 ? <div className="sync-notes">{notes}</div> : null;
}

function clockText(skewMs: number): string {
  const minutes = Math.round(skewMs / MINUTE_MS);
  if (minutes < 120) return t("syncClockMinutes", { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t("syncClockHours", { n: hours });
  return t("syncClockDays", { n: Math.round(hours / 24) });
}

/** A problem worth a line of its own (offline and login waits are shown elsewhere). */
function problemOf(status: SyncStatus): SyncProblem | undefined {
  if (status.state === "syncing") return undefined;
  return status.problems.find((p) => p.kind !== "offline" && p.kind !== "waiting-for-login");
}

function problemText(problem: SyncProblem): string {
  switch (problem.kind) {
    case "server-busy":
      return t("syncServerBusy");
    case "refused":
      return t("syncRefused", { code: `${problem.status} ${problem.code}` });
    case "sequence-gap":
      return t("syncGap");
    case "wiped":
    case "device-revoked":
      return t("syncWiped");
    case "failure":
      return t("syncFailed", { message: problem.message });
    default:
      return t("syncFailed", { message: problem.kind });
  }
}
