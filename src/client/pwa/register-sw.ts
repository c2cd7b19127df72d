// Service-worker registration with updates by consent only: a new version waits until the
// person taps "更新", and the banner is only offered while no form is being filled
// (ui/dirty-forms.ts) and no work is waiting to be sent (the shell's UpdateBanner checks both).
import { useSyncExternalStore } from "react";
import { Workbox } from "workbox-window";

let waiting: Workbox | null = null;
const listeners = new Set<() => void>();

function setWaiting(wb: Workbox | null): void {
  waiting = wb;
  for (const listener of listeners) listener();
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const wb = new Workbox("/sw.js");
  let hasConsented = false;
  wb.addEventListener("waiting", () => setWaiting(wb));
  wb.addEventListener("controlling", () => {
    // Only the update the person agreed to reloads the page; the very first install
    // (clientsClaim) takes control silently.
    if (hasConsented) window.location.reload();
  });
  consent = () => {
    hasConsented = true;
    wb.messageSkipWaiting();
  };
  void wb.register().catch(() => {
    // No service worker (e.g. plain http on a LAN address): the app still works online.
  });
  // Look for a new version now and then; phones keep PWAs open for days.
  setInterval(() => void wb.update().catch(() => undefined), 60 * 60 * 1000);
}

let consent: () => void = () => undefined;

/** The person tapped "更新": activate the waiting version; the page reloads once it controls. */
export function applyUpdate(): void {
  setWaiting(null);
  consent();
}

export function useUpdateAvailable(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting !== null,
    () => false,
  );
}
