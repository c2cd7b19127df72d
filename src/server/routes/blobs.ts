// PUT and GET /api/v1/blobs/{sha256}: photos on their own lane (docs/protocol.md "Photos",
// SYNC.md S8, S9). The name is the SHA-256 of the bytes the phone sent, checked here, so an
// upload proves possession of the photo: a school becomes an owner only by sending the bytes.
// Retries are idempotent; a photo is served only to the schools that own it.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import {
  type BlobPutResponse,
  isBlobMimeType,
  isSha256Hex,
  MAX_BLOB_BYTES,
  sniffImageType,
} from "../../protocol/blobs.ts";
import { MAX_IMAGE_PIXELS } from "../../protocol/limits.ts";
import { requireSession } from "../auth/require-session.ts";
import { decodeSlots } from "../blobs/decode-slots.ts";
import { ImageTooLargeError, NotAnImageError, reencodeImage } from "../blobs/reencode-image.ts";
import type { AppContext, AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import {
  findBlobInfo,
  readSchoolBlob,
  type StoredBlobInfo,
  storeBlobForSchool,
} from "../storage/blob-store.ts";

export { MAX_BLOB_BYTES };

export function blobRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use("/blobs/*", requireSession(deps))
    .put("/blobs/:sha256", async (c) => {
      const sha256 = readName(c);
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!isBlobMimeType(type)) {
        throw new HttpError(
          415,
          "unsupported_media_type",
          "Content-Type must be image/jpeg, image/png or image/webp",
        );
      }
      const body = Buffer.from(await c.req.arrayBuffer());
      if (body.length === 0) throw new HttpError(400, "bad_request", "the request body is empty");
      if (body.length > MAX_BLOB_BYTES) throw tooLarge();
      const actual = createHash("sha256").update(body).digest("hex");
      if (actual !== sha256) {
        throw new HttpError(
          400,
          "hash_mismatch",
          `the body's SHA-256 is ${actual}, not the ${sha256} named`,
          {
            field: "sha256",
          },
        );
      }
      const { school, staff } = c.get("auth");
      const now = deps.clock();
      // The same bytes are already stored (a retry, or another school's upload of the same
      // photo): they were checked and re-encoded then. The answer only says whether THIS
      // school already had it, so it reveals nothing about other schools.
      const known = await findBlobInfo(deps.store.driver, sha256);
      let info: StoredBlobInfo;
      let isNewForSchool: boolean;
      if (known) {
        info = known;
        isNewForSchool = await storeBlobForSchool(deps.store.driver, school.id, staff.id, { sha256 }, now);
      } else {
        const sniffed = sniffImageType(body);
        if (!sniffed) throw notAnImage("the bytes are not a JPEG, PNG or WebP image");
        const image = await decodeInSlot(deps, () => reencodeImage(body, sniffed)).catch((error: unknown) => {
          if (error instanceof ImageTooLargeError)
            throw new HttpError(
              413,
              "payload_too_large",
              `the image has more than ${MAX_IMAGE_PIXELS / 1_000_000} million pixels`,
            );
          if (error instanceof NotAnImageError) throw notAnImage("the image could not be decoded");
          throw error;
        });
        info = { sha256, mime: image.mime, size: body.length, storedSize: image.bytes.length };
        isNewForSchool = await storeBlobForSchool(
          deps.store.driver,
          school.id,
          staff.id,
          { ...info, width: image.width, height: image.height, bytes: image.bytes },
          now,
        );
      }
      const answer: BlobPutResponse = {
        sha256,
        status: isNewForSchool ? "stored" : "already_stored",
        mime: info.mime,
        size: info.size,
        storedSize: info.storedSize,
      };
      return c.json(answer, isNewForSchool ? 201 : 200);
    })
    .get("/blobs/:sha256", async (c) => {
      const sha256 = readName(c);
      const found = await readSchoolBlob(deps.store.driver, c.get("auth").school.id, sha256);
      // Another school's photo and no photo at all look the same (S8).
      if (!found) throw new HttpError(404, "not_found", "no such photo in your school");
      const etag = `"${sha256}"`;
      // Never cached (Cache-Control: no-store on every API answer, app.ts); Vary in case a
      // cache on the way ignores that: the answer depends on the bearer token.
      c.header("Vary", "Authorization");
      c.header("ETag", etag);
      if (c.req.header("if-none-match") === etag) return c.body(null, 304);
      c.header("Content-Type", found.mime);
      c.header("Content-Length", String(found.bytes.length));
      return c.body(new Uint8Array(found.bytes));
    });
}

/** A decode in one of the process's slots (decode-slots.ts), or 503 busy when none is free. */
async function decodeInSlot<T>(deps: AppDeps, decode: () => Promise<T>): Promise<T> {
  const release = decodeSlots.tryTake();
  if (!release) {
    throw new HttpError(503, "busy", "the server is processing other photos; send this one again shortly", {
      headers: { "Retry-After": String(DECODE_RETRY_AFTER_S) },
    });
  }
  try {
    await deps.beforeImageDecode?.();
    return await decode();
  } finally {
    release();
  }
}

/** Seconds a phone waits before sending a photo refused as busy: a decode takes well under one. */
const DECODE_RETRY_AFTER_S = 2;

function readName(c: AppContext): string {
  const sha256 = c.req.param("sha256") ?? "";
  if (!isSha256Hex(sha256)) {
    throw new HttpError(400, "bad_request", "sha256: must be 64 lower-case hex digits", { field: "sha256" });
  }
  return sha256;
}

function notAnImage(message: string) {
  return new HttpError(415, "not_an_image", message);
}

function tooLarge() {
  return new HttpError(
    413,
    "payload_too_large",
    `the photo is larger than ${Math.round(MAX_BLOB_BYTES / 1024)} KiB`,
  );
}
