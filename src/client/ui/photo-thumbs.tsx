// Thumbnails of a record's photos (SHA-256 names). A photo taken on this phone is read from the
// local photos table (its 320 px thumbnail, the full photo when opened); any other comes from
// the server (GET /api/v1/blobs/{sha256} with the account's token) and, with no network, shows a
// placeholder that retries on a tap or when the network returns. Object URLs are revoked when a
// thumbnail goes away. Tapping a thumbnail shows the photo large.
import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useRef, useState } from "react";
import { type AccountRow, db } from "../db/db.ts";
import { tokenVault } from "../db/token-vault.ts";
import { createHttpBlobTransport } from "../sync/blob-transport.ts";
import { pt } from "./photo-text.ts";
import "./photos.css";

type PhotoSize = "thumb" | "full";

type PhotoState =
  | { status: "loading" }
  | { status: "ready"; url: string }
  | { status: "offline" }
  | { status: "missing" };

// Photos fetched from the server this visit (full size; the server keeps no thumbnails), so
// scrolling back or opening one large does not download it again. Small: a page shows a few.
// Kept per session (token), in memory only: after a logout or for another school's person on
// this phone, the server decides again (S8; the HTTP cache never keeps them: no-store).
const REMOTE_CACHE_LIMIT = 40;
const remoteCache = new Map<string, Promise<Blob | undefined>>();

function fetchRemote(sha256: string, token: string): Promise<Blob | undefined> {
  const key = `${token}:${sha256}`;
  const cached = remoteCache.get(key);
  if (cached) return cached;
  const transport = createHttpBlobTransport({
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 60_000,
  });
  const request = transport
    .get(sha256, token)
    .then((found) => (found ? new Blob([found.bytes], { type: found.mime }) : undefined));
  remoteCache.set(key, request);
  // A failed download is not remembered: the next try asks again.
  request.catch(() => remoteCache.delete(key));
  while (remoteCache.size > REMOTE_CACHE_LIMIT) {
    const oldest = remoteCache.keys().next().value;
    if (oldest === undefined) break;
    remoteCache.delete(oldest);
  }
  return request;
}

/** The photo as an object URL: from this phone when it is here, else from the server. */
function usePhotoUrl(sha256: string, account: AccountRow, size: PhotoSize): PhotoState & { retry(): void } {
  // A count on the primary key says whether the photo is here without reading its bytes, so the
  // upload lane changing its status does not rebuild the image.
  const isLocal = useLiveQuery(
    async () => (await db.photos.where("sha256").equals(sha256).count()) > 0,
    [sha256],
  );
  const [state, setState] = useState<PhotoState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  // The shown person is unlocked, so their token is open on this page (db/token-vault.ts).
  const token = tokenVault(db).get(account.userId);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the download (a tap, the network back)
  useEffect(() => {
    if (isLocal === undefined) return;
    let isCurrent = true;
    let url: string | undefined;
    const show = (blob: Blob | undefined) => {
      if (!isCurrent) return;
      if (!blob) {
        setState({ status: "missing" });
        return;
      }
      url = URL.createObjectURL(blob);
      setState({ status: "ready", url });
    };
    setState({ status: "loading" });
    const load = async (): Promise<Blob | undefined> => {
      if (isLocal) {
        const row = await db.photos.get(sha256);
        if (row) return new Blob([size === "thumb" ? row.thumb : row.bytes], { type: row.mime });
      }
      if (!token) throw new Error("no session open on this page");
      return fetchRemote(sha256, token);
    };
    load().then(show, () => {
      if (isCurrent) setState({ status: "offline" });
    });
    return () => {
      isCurrent = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256, isLocal, size, token, attempt]);

  useEffect(() => {
    if (state.status !== "offline") return;
    const again = () => setAttempt((n) => n + 1);
    window.addEventListener("online", again);
    return () => window.removeEventListener("online", again);
  }, [state.status]);

  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

function placeholderText(status: Exclude<PhotoState["status"], "ready">): string {
  if (status === "loading") return pt("loadingPhoto");
  return status === "missing" ? pt("notOnServer") : pt("notDownloaded");
}

/** A thumbnail: a tap opens it large, or, while it could not be downloaded, tries again. */
function PhotoThumb({
  sha256,
  index,
  account,
  onOpen,
  onRemove,
}: {
  sha256: string;
  index: number;
  account: AccountRow;
  onOpen: () => void;
  onRemove: (() => void) | undefined;
}) {
  const photo = usePhotoUrl(sha256, account, "thumb");
  const alt = pt("photoN", { n: index + 1 });
  return (
    <li className="photo-thumb">
      <button
        type="button"
        className="photo-thumb-open"
        aria-label={
          photo.status === "offline" ? `${alt}: ${pt("notDownloaded")}` : pt("open", { n: index + 1 })
        }
        onClick={photo.status === "offline" ? photo.retry : onOpen}
      >
        {photo.status === "ready" ? (
          <img src={photo.url} alt={alt} className="photo-img" />
        ) : (
          <span className="photo-placeholder" data-testid="photo-placeholder">
            <span>{placeholderText(photo.status)}</span>
            {photo.status === "offline" ? <small>{pt("tapRetry")}</small> : null}
          </span>
        )}
      </button>
      {onRemove ? (
        <button
          type="button"
          className="photo-remove"
          aria-label={pt("remove", { n: index + 1 })}
          onClick={onRemove}
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </li>
  );
}

export function PhotoThumbs({
  names,
  account,
  onRemove,
}: {
  names: string[];
  account: AccountRow;
  /** While a record is being written: each thumbnail gets a remove button. */
  onRemove?: (name: string) => void;
}) {
  const [opened, setOpened] = useState<string | null>(null);
  if (names.length === 0) return null;
  return (
    <>
      <ul className="photo-thumbs" data-testid="photo-thumbs">
        {names.map((name, i) => (
          <PhotoThumb
            key={name}
            sha256={name}
            index={i}
            account={account}
            onOpen={() => setOpened(name)}
            onRemove={onRemove ? () => onRemove(name) : undefined}
          />
        ))}
      </ul>
      {opened ? (
        <PhotoViewer
          sha256={opened}
          account={account}
          alt={pt("photoN", { n: names.indexOf(opened) + 1 })}
          onClose={() => setOpened(null)}
        />
      ) : null}
    </>
  );
}

/** One photo over the page (a modal dialog: Back / Escape / a tap closes it). */
function PhotoViewer({
  sha256,
  account,
  alt,
  onClose,
}: {
  sha256: string;
  account: AccountRow;
  alt: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    // A tap anywhere on the photo closes it; the close button and Escape do too.
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes a modal dialog natively.
    <dialog ref={ref} className="photo-viewer" aria-label={alt} onClose={onClose} onClick={onClose}>
      <button type="button" className="photo-viewer-close" onClick={onClose}>
        {pt("close")}
      </button>
      <FullPhoto sha256={sha256} account={account} alt={alt} />
    </dialog>
  );
}

function FullPhoto({ sha256, account, alt }: { sha256: string; account: AccountRow; alt: string }) {
  const photo = usePhotoUrl(sha256, account, "full");
  if (photo.status === "ready") return <img src={photo.url} alt={alt} className="photo-full" />;
  return (
    <p className="photo-placeholder photo-placeholder-large">
      <span>{placeholderText(photo.status)}</span>
      {photo.status === "offline" ? (
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={(event) => {
            event.stopPropagation();
            photo.retry();
          }}
        >
          {pt("tapRetry")}
        </button>
      ) : null}
    </p>
  );
}
