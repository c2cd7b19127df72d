// SQL of the photo lane (SYNC.md S9, S8): content-addressed bytes in `blobs`, and which schools
// may read them in `blob_owners`. Every read goes through the caller's school's owner row, so
// knowing a hash is never enough to read another school's photo.
import type { BlobMimeType } from "../../protocol/blobs.ts";
import type { SqlDriver, SqlExecutor } from "./sql-driver.ts";

export interface StoredBlobInfo {
  sha256: string;
  mime: BlobMimeType;
  size: number;
  storedSize: number;
}

export interface NewBlob extends StoredBlobInfo {
  width: number;
  height: number;
  bytes: Buffer;
}

/** Whether the bytes are stored at all (for any school): then a new upload need not be decoded. */
export async function findBlobInfo(ex: SqlExecutor, sha256: string): Promise<StoredBlobInfo | undefined> {
  const r = await ex.get("SELECT sha256, mime, size, stored_size FROM blobs WHERE sha256 = ?", [sha256]);
  return r
    ? {
        sha256: String(r.sha256),
        mime: r.mime as BlobMimeType,
        size: Number(r.size),
        storedSize: Number(r.stored_size),
      }
    : undefined;
}

/**
 * Stores the bytes (unless another upload got there first) and makes the school an owner, in
 * one transaction. Returns whether the school became an owner now (false: it already was).
 */
export async function storeBlobForSchool(
  driver: SqlDriver,
  schoolId: string,
  staffId: string,
  blob: NewBlob | { sha256: string },
  now: Date,
): Promise<boolean> {
  return driver.transaction(async (tx) => {
    if ("bytes" in blob) {
      await tx.run(
        `INSERT INTO blobs (sha256, mime, size, stored_size, width, height, bytes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
        [
          blob.sha256,
          blob.mime,
          blob.size,
          blob.storedSize,
          blob.width,
          blob.height,
          blob.bytes,
          now.getTime(),
        ],
      );
    }
    const added = await tx.run(
      `INSERT INTO blob_owners (school_id, sha256, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (school_id, sha256) DO NOTHING`,
      [schoolId, blob.sha256, staffId, now.getTime()],
    );
    await tx.run(
      `INSERT INTO blob_uploads (school_id, sha256, staff_id, uploaded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (school_id, sha256, staff_id) DO NOTHING`,
      [schoolId, blob.sha256, staffId, now.getTime()],
    );
    return added > 0;
  });
}

/** The stored bytes, only if this school owns the photo; undefined otherwise (never "exists elsewhere"). */
export async function readSchoolBlob(
  ex: SqlExecutor,
  schoolId: string,
  sha256: string,
): Promise<{ mime: BlobMimeType; bytes: Buffer } | undefined> {
  const r = await ex.get(
    `SELECT b.mime, b.bytes FROM blob_owners o JOIN blobs b ON b.sha256 = o.sha256
     WHERE o.school_id = ? AND o.sha256 = ?`,
    [schoolId, sha256],
  );
  if (!r) return undefined;
  return { mime: r.mime as BlobMimeType, bytes: Buffer.from(r.bytes as Uint8Array) };
}

/** Who of the school uploaded each of these photos (photo names without an upload are absent). */
export async function photoUploaders(
  ex: SqlExecutor,
  schoolId: string,
  names: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (names.length === 0) return out;
  const rows = await ex.all<{ sha256: string; staff_id: string }>(
    `SELECT sha256, staff_id FROM blob_uploads WHERE school_id = ? AND sha256 IN (${names.map(() => "?").join(", ")})`,
    [schoolId, ...names],
  );
  for (const r of rows) {
    const by = out.get(String(r.sha256)) ?? new Set<string>();
    by.add(String(r.staff_id));
    out.set(String(r.sha256), by);
  }
  return out;
}
