// Keeps the school's reference snapshot fresh while someone is signed in: on unlock, when the
// browser says it is back online, when the page becomes visible, and every 15 minutes. Each
// attempt doubles as the token check: a 401 marks the account (banner), nothing is logged out.
import { useEffect } from "react";
import { sessionApi } from "../api/session-api.ts";
import type { AccountRow } from "../db/db.ts";

const EVERY_MS = 15 * 60 * 1000;
const NOT_MORE_OFTEN_THAN_MS = 60 * 1000;

export function useReferenceRefresh(account: AccountRow | undefined): void {
  const userId = account?.userId;
  const token = account?.token;
  const isReady = account !== undefined && !account.needsLogin && !account.mustChangePassword;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the account row is re-read per attempt via its id and token
  useEffect(() => {
    if (!account || !isReady || !token) return;
    let lastTry = 0;
    let isRunning = false;
    const attempt = async () => {
      if (isRunning || Date.now() - lastTry < NOT_MORE_OFTEN_THAN_MS) return;
      isRunning = true;
      lastTry = Date.now();
      try {
        await sessionApi.refreshReference(account);
      } catch {
        // Offline or refused: the cached snapshot stays in use; the banner covers a 401.
      } finally {
        isRunning = false;
      }
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") void attempt();
    };
    void attempt();
    window.addEventListener("online", attempt);
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(attempt, EVERY_MS);
    return () => {
      window.removeEventListener("online", attempt);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, [userId, token, isReady]);
}
