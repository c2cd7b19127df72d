// Auto-lock after 30 minutes without a touch or key press. Timers sleep while the phone is
// in a pocket, so the check also runs when the page becomes visible again.
import { useEffect } from "react";
import { IDLE_LOCK_MS, metaStore } from "../db/meta-store.ts";

const TOUCH_WRITE_EVERY_MS = 60_000;

export function useIdleLock(activeUserId: string | null, isUnlocked: boolean): void {
  useEffect(() => {
    if (!activeUserId || !isUnlocked) return;
    let lastInteraction = Date.now();
    let lastWritten = 0;

    const onInteraction = () => {
      lastInteraction = Date.now();
      if (lastInteraction - lastWritten > TOUCH_WRITE_EVERY_MS) {
        lastWritten = lastInteraction;
        void metaStore.touch();
      }
    };
    const check = () => {
      if (Date.now() - lastInteraction > IDLE_LOCK_MS) {
        // The shell sees the locked session and shows this person's PIN pad.
        void metaStore.lock("idle");
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") check();
    };

    onInteraction();
    window.addEventListener("pointerdown", onInteraction, { passive: true });
    window.addEventListener("keydown", onInteraction);
    document.addEventListener("visibilitychange", onVisibility);
    const timer = setInterval(check, 30_000);
    return () => {
      window.removeEventListener("pointerdown", onInteraction);
      window.removeEventListener("keydown", onInteraction);
      document.removeEventListener("visibilitychange", onVisibility);
      clearInterval(timer);
    };
  }, [activeUserId, isUnlocked]);
}
