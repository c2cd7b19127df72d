// Whether the phone surely has no network: navigator.onLine === true proves nothing, but false
// reliably means no network at all. Live: re-renders on the browser's online/offline events.
import { useSyncExternalStore } from "react";

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

const isSurelyOffline = () => navigator.onLine === false;

export function useIsSurelyOffline(): boolean {
  return useSyncExternalStore(subscribeOnline, isSurelyOffline, () => false);
}
