// Saving a photo on the phone (SYNC S9, scenario 14): compress it, name it by the SHA-256 of
// the compressed bytes and keep it as ArrayBuffers until the photo lane uploads it. Records
// reference photos by that name only. Saving a photo never throws: a full disk or a file that
// is not an image comes back as a failure the screen shows, and the caller saves its record
// anyway, referencing only the photos that were saved.
//
// Order for a record with photos: savePhoto() each, then mutate() with the saved names. The
// photo's bytes are the big write; when the quota runs out it is the photo that fails, and the
// small text record still fits.
import { MAX_BLOB_BYTES } from "../../protocol/blobs.ts";
import type { PhotoRow, SafetyRoundsDb } from "./db.ts";
import type { CompressedPhoto } from "./photo-compress.ts";

export type PhotoCompressor = (file: Blob) => Promise<CompressedPhoto>;

export type SavePhotoResult =
  | { ok: true; sha256: string; size: number; isNew: boolean }
  | {
      ok: false;
      /** quota: the phone's storage is full; not_an_image: could not be decoded; too_large: over the server's limit. */
      reason: "quota" | "not_an_image" | "too_large" | "failed";
      message: string;
    };

export interface SavePhotoOptions {
  actorUserId: string;
  schoolId: string;
  /** Phone clock, ms. */
  now?: () => number;
  /** Tests (Node has no canvas) pass their own; the app loads the canvas one lazily. */
  compress?: PhotoCompressor;
}

export async function savePhoto(
  db: SafetyRoundsDb,
  file: Blob,
  options: SavePhotoOptions,
): Promise<SavePhotoResult> {
  let compressed: CompressedPhoto;
  try {
    const compress = options.compress ?? (await import("./photo-compress.ts")).compressPhoto;
    compressed = await compress(file);
  } catch (error) {
    if (isQuotaError(error)) return quotaFailure();
    return { ok: false, reason: "not_an_image", message: `the photo could not be read: ${messageOf(error)}` };
  }
  if (compressed.bytes.byteLength > MAX_BLOB_BYTES) {
    return { ok: false, reason: "too_large", message: "the photo is too large even after compression" };
  }
  let sha256: string;
  try {
    sha256 = await sha256Hex(compressed.bytes);
  } catch (error) {
    return { ok: false, reason: "failed", message: `the photo could not be hashed: ${messageOf(error)}` };
  }
  const now = options.now ?? Date.now;
  const row: PhotoRow = {
    sha256,
    schoolId: options.schoolId,
    actorUserId: options.actorUserId,
    bytes: compressed.bytes,
    mime: compressed.mime,
    size: compressed.bytes.byteLength,
    width: compressed.width,
    height: compressed.height,
    thumb: compressed.thumb,
    status: "pending",
    attempts: 0,
    lastError: null,
    createdAt: now(),
    uploadedAt: null,
  };
  try {
    return await db.transaction("rw", db.photos, async () => {
      const existing = await db.photos.get(sha256);
      if (existing) {
        // The same picture again (a double tap): one row, its upload state kept.
        if (existing.schoolId !== options.schoolId) {
          return {
            ok: false,
            reason: "failed",
            message: "this photo is already saved on this phone for another school",
          } as const;
        }
        return { ok: true, sha256, size: existing.size, isNew: false } as const;
      }
      await db.photos.add(row);
      return { ok: true, sha256, size: row.size, isNew: true } as const;
    });
  } catch (error) {
    if (isQuotaError(error)) return quotaFailure();
    return { ok: false, reason: "failed", message: `the photo could not be saved: ${messageOf(error)}` };
  }
}

/** The photo as stored on this phone (full size and thumbnail), if it is here. */
export function getLocalPhoto(db: SafetyRoundsDb, sha256: string): Promise<PhotoRow | undefined> {
  return db.photos.get(sha256);
}

/** Photos of a school not yet on the server, and those the server refused for good. */
export async function countPhotos(db: SafetyRoundsDb): Promise<{ waiting: number; failed: number }> {
  const [waiting, failed] = await Promise.all([
    db.photos.where("[status+createdAt]").between(["pending", -Infinity], ["pending", Infinity]).count(),
    db.photos.where("[status+createdAt]").between(["failed", -Infinity], ["failed", Infinity]).count(),
  ]);
  return { waiting, failed };
}

/**
 * A full disk, however the browser and Dexie say it: DOMException "QuotaExceededError"
 * (Chromium, WebKit), Firefox's NS_ERROR_DOM_QUOTA_REACHED, Dexie.QuotaExceededError, or a
 * transaction AbortError whose `inner` is one of these.
 */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED") return true;
    e = inner;
  }
  return false;
}

/** Lower-case hex SHA-256 (crypto.subtle: in every browser on https and localhost, and in Node). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

function quotaFailure(): SavePhotoResult {
  return {
    ok: false,
    reason: "quota",
    message: "the phone's storage is full: the photo was not saved",
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
