// A router small enough to read in one sitting: the URL is the history API's, and the shell
// decides which screen a path may show (see shell/screens.ts). Links call navigate() so the
// page never reloads; the service worker's navigation fallback serves index.html for all paths.
import { useSyncExternalStore } from "react";

const NAVIGATE_EVENT = "safety-rounds:navigate";

function subscribe(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The current path plus query string, e.g. "/login?school=demo". */
export function useLocation(): { path: string; query: string; search: URLSearchParams } {
  const location = useSyncExternalStore(subscribe, currentLocation, () => "/");
  const [path = "/", query = ""] = location.split("?");
  return { path, query, search: new URLSearchParams(query) };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
