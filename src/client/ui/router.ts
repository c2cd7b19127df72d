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

/**
 * Same-page links that forgot their onClick still never reload the page: a reload asks for the
 * PIN again, since session tokens live in the page only (db/token-vault.ts). The shell installs
 * this once; links with a target, a download, another origin or a modifier key behave as usual.
 */
export function keepLinksInPage(root: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.("a[href]");
    if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
    if (link.target && link.target !== "_self") return;
    const url = new URL(link.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };
  root.addEventListener("click", onClick);
  return () => root.removeEventListener("click", onClick);
}
