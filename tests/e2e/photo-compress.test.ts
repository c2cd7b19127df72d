// The phone's photo compressor (src/client/db/photo-compress.ts) in the system Chromium: a
// 4000×3000 camera JPEG with EXIF comes out 1600×1200 at JPEG ~0.7 with a 320×240 thumbnail,
// upright (EXIF orientation applied), and with no metadata left. No photo page exists yet, so
// the module is transpiled and loaded into a blank page rather than driven through the app.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPhone, type Phone } from "../support/phone.ts";
import { exifSegmentAt } from "../support/test-images.ts";

const SOURCE = new URL("../../src/client/db/photo-compress.ts", import.meta.url).pathname;

let phone: Phone;

beforeAll(async () => {
  phone = await openPhone();
  const js = ts.transpileModule(readFileSync(SOURCE, "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  await phone.page.setContent("<!doctype html><title>photo</title>");
  await phone.page.addScriptTag({
    type: "module",
    content: `${js}\nwindow.__compressPhoto = compressPhoto;`,
  });
  await phone.page.waitForFunction(() => "__compressPhoto" in window);
});

afterAll(async () => {
  await phone?.close();
});

async function compressInBrowser(input: Buffer) {
  const out = await phone.page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const compress = (window as unknown as { __compressPhoto: (b: Blob) => Promise<Record<string, unknown>> })
      .__compressPhoto;
    const photo = await compress(new Blob([bytes], { type: "image/jpeg" }));
    const toBase64 = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b)));
    return {
      mime: photo.mime,
      width: photo.width,
      height: photo.height,
      isArrayBuffer: photo.bytes instanceof ArrayBuffer && photo.thumb instanceof ArrayBuffer,
      bytes: toBase64(photo.bytes as ArrayBuffer),
      thumb: toBase64(photo.thumb as ArrayBuffer),
    };
  }, input.toString("base64"));
  return { ...out, bytes: Buffer.from(out.bytes, "base64"), thumb: Buffer.from(out.thumb, "base64") };
}

describe("photo compression in Chromium", () => {
  it("a 4000×3000 camera photo becomes a 1600×1200 JPEG and a 320×240 thumbnail, without EXIF", async () => {
    const camera = await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: { r: 30, g: 140, b: 200 } },
    })
      .jpeg({ quality: 95 })
      .withExif({ IFD0: { Make: "SecretPhone", Copyright: "GPS 31.2304N 121.4737E" } })
      .toBuffer();
    expect(exifSegmentAt(camera)).toBeGreaterThanOrEqual(0);

    const out = await compressInBrowser(camera);
    expect(out).toMatchObject({ mime: "image/jpeg", width: 1600, height: 1200, isArrayBuffer: true });
    const main = await sharp(out.bytes).metadata();
    expect(main).toMatchObject({ format: "jpeg", width: 1600, height: 1200 });
    expect(exifSegmentAt(out.bytes)).toBe(-1);
    expect(out.bytes.includes("SecretPhone")).toBe(false);
    expect(await sharp(out.thumb).metadata()).toMatchObject({ format: "jpeg", width: 320, height: 240 });
    expect(out.thumb.length).toBeLessThan(out.bytes.length);
  });

  it("a photo taken sideways (EXIF orientation 6) comes out upright", async () => {
    const sideways = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const out = await compressInBrowser(sideways);
    expect(out).toMatchObject({ width: 300, height: 400 });
  });
});
