// The parts of photo saving that need no canvas: sizes, hashing, telling a full disk apart,
// and recognising image bytes (the same check the server makes).
import { Dexie } from "dexie";
import { describe, expect, it } from "vitest";
import { sniffImageType } from "../../protocol/blobs.ts";
import { fitWithin, PHOTO_MAX_SIDE_PX, THUMB_MAX_SIDE_PX } from "./photo-compress.ts";
import { isQuotaError, sha256Hex } from "./photo-store.ts";

describe("photo sizes", () => {
  it("a 4000×3000 camera photo becomes 1600×1200, its thumbnail 320×240", () => {
    expect(fitWithin(4000, 3000, PHOTO_MAX_SIDE_PX)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(4000, 3000, THUMB_MAX_SIDE_PX)).toEqual({ width: 320, height: 240 });
  });
  it("portrait photos are limited by their height", () => {
    expect(fitWithin(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600 });
  });
  it("a small picture is never enlarged; a sliver keeps at least one pixel", () => {
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10_000, 2, 1600)).toEqual({ width: 1600, height: 1 });
  });
  it("a picture without pixels is refused", () => {
    expect(() => fitWithin(0, 100, 1600)).toThrow(RangeError);
  });
});

describe("photo names", () => {
  it("are the lower-case hex SHA-256 of the bytes", async () => {
    const bytes = new TextEncoder().encode("abc").buffer as ArrayBuffer;
    expect(await sha256Hex(bytes)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("[scenario 14] a full disk is told apart from other failures", () => {
  it("however the browser or Dexie reports it", () => {
    expect(isQuotaError(new DOMException("full", "QuotaExceededError"))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError("full"))).toBe(true);
    expect(isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" })).toBe(true);
    const aborted = new Dexie.AbortError(
      "transaction aborted",
      new DOMException("full", "QuotaExceededError"),
    );
    expect(isQuotaError(aborted)).toBe(true);
  });
  it("and other errors are not mistaken for it", () => {
    expect(isQuotaError(new Dexie.ConstraintError("dup"))).toBe(false);
    expect(isQuotaError(new Error("QuotaExceededError in the message only"))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});

describe("image bytes by their magic numbers", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it("recognises JPEG, PNG and WebP", () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
  });
  it("refuses anything else: HTML, GIF, empty, a RIFF that is a WAV", () => {
    expect(sniffImageType(new TextEncoder().encode("<html>"))).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode("GIF89a"))).toBeUndefined();
    expect(sniffImageType(bytes())).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeUndefined();
  });
});
