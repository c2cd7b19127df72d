// PUT / GET /api/v1/blobs/{sha256} against the real app on both stores (SYNC.md S8, S9, S10):
// content-addressed and idempotent, checked (hash, size, image type by magic bytes), stripped
// of metadata, and never readable by another school.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BLOB_BYTES } from "../../src/protocol/blobs.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { exifSegmentAt, jpegWithExif, pngImage, sha256Hex } from "../support/test-images.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
])("photos on their own lane (%s)", (_name, open) => {
  let t: TestApp;
  let tokenA: string;
  let tokenA2: string;
  let tokenB: string;
  beforeAll(async () => {
    t = await createTestApp(open);
    tokenA = await t.tokenFor("school-a", "admin");
    tokenA2 = await t.tokenFor("school-a", "teacher");
    tokenB = await t.tokenFor("school-b", "teacher");
  });
  afterAll(async () => {
    await t.dispose();
  });

  const put = (sha: string, body: Uint8Array, token: string | null, type = "image/jpeg") =>
    t.app.request(`/api/v1/blobs/${sha}`, {
      method: "PUT",
      headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    }) as Promise<Response>;
  const get = (sha: string, token: string | null, headers: Record<string, string> = {}) =>
    t.app.request(`/api/v1/blobs/${sha}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    }) as Promise<Response>;

  it("[S9] a photo is stored under its SHA-256 and served back to its school, never cached (issue #16 §2)", async () => {
    const photo = await jpegWithExif({ seed: 2 });
    const sha = sha256Hex(photo);
    const res = await put(sha, photo, tokenA);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      sha256: sha,
      status: "stored",
      mime: "image/jpeg",
      size: photo.length,
    });

    // Anyone of the same school may read it, not only the uploader.
    const back = await get(sha, tokenA2);
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("image/jpeg");
    expect(back.headers.get("cache-control")).toBe("no-store");
    expect(back.headers.get("vary")).toContain("Authorization");
    expect(back.headers.get("etag")).toBe(`"${sha}"`);
    const bytes = new Uint8Array(await back.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(64);

    const again = await get(sha, tokenA2, { "if-none-match": `"${sha}"` });
    expect(again.status).toBe(304);
  });

  it("re-encoding strips the EXIF segment (phone model, GPS position) and keeps the picture", async () => {
    const photo = await jpegWithExif({ seed: 3 });
    expect(exifSegmentAt(photo)).toBeGreaterThanOrEqual(0);
    expect(photo.includes("SecretPhone")).toBe(true);
    const sha = sha256Hex(photo);
    expect((await put(sha, photo, tokenA)).status).toBe(201);
    const stored = Buffer.from(await (await get(sha, tokenA)).arrayBuffer());
    expect(exifSegmentAt(stored)).toBe(-1);
    expect(stored.includes("SecretPhone")).toBe(false);
    expect(stored.includes("31.2304N")).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
  });

  it("PNG stays PNG, re-encoded", async () => {
    const png = await pngImage();
    const sha = sha256Hex(png);
    const res = await put(sha, png, tokenA, "image/png");
    expect(res.status).toBe(201);
    const back = await get(sha, tokenA);
    expect(back.headers.get("content-type")).toBe("image/png");
    expect((await sharp(new Uint8Array(await back.arrayBuffer())).metadata()).format).toBe("png");
  });

  it("[S9] the same photo sent twice is stored once: 201 then 200 already_stored", async () => {
    const photo = await jpegWithExif({ seed: 4 });
    const sha = sha256Hex(photo);
    expect((await put(sha, photo, tokenA)).status).toBe(201);
    const second = await put(sha, photo, tokenA2);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ sha256: sha, status: "already_stored" });
    const rows = await t.store.driver.all("SELECT sha256 FROM blobs WHERE sha256 = ?", [sha]);
    expect(rows).toHaveLength(1);
  });

  it("bytes that do not match the name are refused: 400 hash_mismatch, nothing stored", async () => {
    const photo = await jpegWithExif({ seed: 5 });
    const wrong = sha256Hex(Buffer.from("something else"));
    const res = await put(wrong, photo, tokenA);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "hash_mismatch", field: "sha256" });
    expect(await t.store.driver.all("SELECT sha256 FROM blobs WHERE sha256 = ?", [wrong])).toHaveLength(0);
  });

  it("a malformed name is a 400", async () => {
    const res = await put("ABC", Buffer.from("x"), tokenA);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "bad_request", field: "sha256" });
    expect((await get("not-a-hash", tokenA)).status).toBe(400);
  });

  it("bytes that are not an image are refused by magic bytes: 415 not_an_image", async () => {
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const res = await put(sha256Hex(html), html, tokenA);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: "not_an_image" });
    // A JPEG signature with garbage behind it does not get through the decoder either.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const res2 = await put(sha256Hex(fake), fake, tokenA);
    expect(res2.status).toBe(415);
    expect(await res2.json()).toMatchObject({ error: "not_an_image" });
  });

  it("a Content-Type that is not an accepted image type is 415 unsupported_media_type", async () => {
    const photo = await jpegWithExif({ seed: 6 });
    const res = await put(sha256Hex(photo), photo, tokenA, "text/html");
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: "unsupported_media_type" });
  });

  it("a body over the limit is 413 payload_too_large", async () => {
    const big = Buffer.alloc(MAX_BLOB_BYTES + 1, 1);
    big.set([0xff, 0xd8, 0xff], 0);
    const res = await put(sha256Hex(big), big, tokenA);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "payload_too_large" });
  });

  it("[S8] school B cannot read school A's photo (404, as if it did not exist) until it uploads the same bytes itself", async () => {
    const photo = await jpegWithExif({ seed: 7 });
    const sha = sha256Hex(photo);
    expect((await put(sha, photo, tokenA)).status).toBe(201);
    const denied = await get(sha, tokenB);
    expect(denied.status).toBe(404);
    expect(await denied.json()).toMatchObject({ error: "not_found" });
    // An unknown photo answers exactly the same.
    const unknown = await get(sha256Hex(Buffer.from("never uploaded")), tokenB);
    expect(unknown.status).toBe(404);

    // B sends the same bytes: to B it is a new photo (201), so B learns nothing of A's copy.
    const own = await put(sha, photo, tokenB);
    expect(own.status).toBe(201);
    expect(await own.json()).toMatchObject({ status: "stored" });
    expect((await get(sha, tokenB)).status).toBe(200);
    const owners = await t.store.driver.all("SELECT school_id FROM blob_owners WHERE sha256 = ?", [sha]);
    expect(owners).toHaveLength(2);
  });

  it("without a session: 401 for PUT and GET", async () => {
    const photo = await jpegWithExif({ seed: 8 });
    const sha = sha256Hex(photo);
    expect((await put(sha, photo, null)).status).toBe(401);
    expect((await get(sha, null)).status).toBe(401);
    expect((await put(sha, photo, "x".repeat(43))).status).toBe(401);
  });
});
