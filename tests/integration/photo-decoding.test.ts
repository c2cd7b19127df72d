// Photo decoding within bounds (issue #16 §7), on both stores: at most 16 MP decoded, and at
// most two decodes at once in the process; a third concurrent upload is answered 503 busy with
// Retry-After at once, stores nothing, and goes through when sent again. The two decodes are held
// open by the app's beforeImageDecode gate, so nothing here depends on timing.
import sharp from "sharp";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { MAX_CONCURRENT_DECODES, MAX_IMAGE_PIXELS } from "../../src/protocol/limits.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { jpegWithExif, sha256Hex } from "../support/test-images.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("photo decoding on %s", (_engine, open) => {
  let t: TestApp;
  afterEach(async () => {
    await t.dispose();
  });

  const put = (body: Uint8Array, token: string) =>
    t.app.request(`/api/v1/blobs/${sha256Hex(body)}`, {
      method: "PUT",
      headers: { "content-type": "image/jpeg", authorization: `Bearer ${token}` },
      body: new Uint8Array(body),
    }) as Promise<Response>;
  const get = (body: Uint8Array, token: string) =>
    t.app.request(`/api/v1/blobs/${sha256Hex(body)}`, { headers: { authorization: `Bearer ${token}` } });

  const plainJpeg = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .jpeg({ quality: 50 })
      .toBuffer();

  it("a photo of more than 16 MP is refused before it is decoded; 12 MP is taken", async () => {
    t = await createTestApp(open);
    const token = await t.tokenFor("school-a", "teacher");
    expect(MAX_IMAGE_PIXELS).toBe(16_000_000);
    const huge = await plainJpeg(4000, 4500); // 18 MP, a small file
    const res = await put(huge, token);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: "payload_too_large",
      message: "the image has more than 16 million pixels",
    });
    expect((await get(huge, token)).status).toBe(404);
    expect((await put(await plainJpeg(4000, 3000), token)).status).toBe(201);
  });

  it("a third upload while two decode is answered 503 busy with Retry-After; sent again it is stored", async () => {
    let entered = 0;
    let bothIn: () => void = () => undefined;
    const bothInside = new Promise<void>((resolve) => {
      bothIn = resolve;
    });
    let open_: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open_ = resolve;
    });
    t = await createTestApp(open, {
      beforeImageDecode: () => {
        entered++;
        if (entered === 2) bothIn();
        return gate;
      },
    });
    const token = await t.tokenFor("school-a", "teacher");
    const photos = await Promise.all([1, 2, 3].map((seed) => jpegWithExif({ seed })));
    const [one, two, three] = photos as [Buffer, Buffer, Buffer];
    const held = [put(one, token), put(two, token)];
    // However this test ends, the held decodes end with it (the slots are the process's).
    onTestFinished(async () => {
      open_();
      await Promise.allSettled(held);
    });
    await bothInside; // both requests hold a decode slot
    expect(entered).toBe(MAX_CONCURRENT_DECODES);

    const busy = await put(three, token);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("2");
    expect(await busy.json()).toMatchObject({ error: "busy" });
    expect(entered).toBe(2); // the third never started decoding
    expect((await get(three, token)).status).toBe(404);

    open_();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201]);
    // The slots are free again: the refused photo goes through, nothing lost.
    expect((await put(three, token)).status).toBe(201);
    expect((await get(three, token)).status).toBe(200);
  });
});
