// Small real images for photo tests, made with sharp (the server's own image library).
import { createHash } from "node:crypto";
import sharp from "sharp";

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A JPEG carrying an EXIF APP1 segment with a phone model and a GPS position in it. */
export async function jpegWithExif(
  opts: { width?: number; height?: number; seed?: number } = {},
): Promise<Buffer> {
  const { width = 64, height = 48, seed = 1 } = opts;
  return sharp({
    create: { width, height, channels: 3, background: { r: (seed * 53) % 256, g: 120, b: 40 } },
  })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: "SecretPhone", Model: "Model-X-EXIF", Copyright: "GPS 31.2304N 121.4737E" },
    })
    .toBuffer();
}

export async function pngImage(width = 32, height = 32): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** Where the JPEG APP1 "Exif\0\0" segment starts, or -1. */
export function exifSegmentAt(bytes: Uint8Array): number {
  const marker = Buffer.from([0xff, 0xe1]);
  const buf = Buffer.from(bytes);
  for (let i = buf.indexOf(marker); i >= 0; i = buf.indexOf(marker, i + 1)) {
    if (buf.subarray(i + 4, i + 10).toString("latin1") === "Exif\0\0") return i;
  }
  return -1;
}
