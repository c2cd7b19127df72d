// Photos on their own lane (SYNC.md S9): the wire facts shared by phone and server. A photo is
// named by the SHA-256 of the bytes the phone sends (lower-case hex); records reference photos
// by that name only. Kept free of zod so the phone can use it without loading the schemas.

/** 64 lower-case hex digits: the SHA-256 of the bytes as the phone sent them. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Largest photo body the server accepts (the phone sends ~200–600 KB after compression). */
export const MAX_BLOB_BYTES = 8 * 1024 * 1024;

/** Image types the server accepts (checked by magic bytes, not by the Content-Type alone). */
export const BLOB_MIME_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type BlobMimeType = (typeof BLOB_MIME_TYPES)[number];

/** The answer to PUT /api/v1/blobs/{sha256}: 201 "stored" the first time for this school, 200 after. */
export interface BlobPutResponse {
  sha256: string;
  status: "stored" | "already_stored";
  /** The type of the bytes as stored (after re-encoding). */
  mime: BlobMimeType;
  /** Bytes as sent, and as stored after the metadata was stripped. */
  size: number;
  storedSize: number;
}

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function isBlobMimeType(value: string): value is BlobMimeType {
  return (BLOB_MIME_TYPES as readonly string[]).includes(value);
}

/** The image type the first bytes announce (JPEG SOI, PNG signature, RIFF….WEBP); else undefined. */
export function sniffImageType(bytes: Uint8Array): BlobMimeType | undefined {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return undefined;
}
