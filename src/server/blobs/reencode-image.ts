// Re-encodes an uploaded photo with sharp (libvips): decoding proves it is really an image,
// and writing it anew drops every metadata segment (EXIF with GPS position and phone model,
// XMP, comments; sharp keeps none unless asked). The EXIF orientation is applied to the
// pixels first, so the photo still stands the right way up without it.
import sharp from "sharp";
import type { BlobMimeType } from "../../protocol/blobs.ts";
import { MAX_IMAGE_PIXELS } from "../../protocol/limits.ts";

// No operation cache: a server re-encodes each photo once, and memory on a small box matters more.
sharp.cache(false);

export class NotAnImageError extends Error {
  override readonly name = "NotAnImageError";
}
export class ImageTooLargeError extends Error {
  override readonly name = "ImageTooLargeError";
}

export interface ReencodedImage {
  bytes: Buffer;
  mime: BlobMimeType;
  width: number;
  height: number;
}

export async function reencodeImage(input: Buffer, type: BlobMimeType): Promise<ReencodedImage> {
  try {
    // Decompression bombs: a small file that decodes to a huge bitmap is refused before it is
    // decoded. The phone sends ≤ 1600 px (about 2.5 MP); limits.ts leaves room for a whole photo.
    const image = sharp(input, { failOn: "error", limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    // Same format out as in: a JPEG from the phone stays a JPEG (quality close to the phone's
    // 0.7 so a second lossy pass costs little), PNG stays lossless, WebP stays WebP.
    if (type === "image/jpeg") image.jpeg({ quality: 82, mozjpeg: true });
    else if (type === "image/png") image.png({ compressionLevel: 6 });
    else image.webp({ quality: 82 });
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: type, width: info.width, height: info.height };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw new ImageTooLargeError(message);
    throw new NotAnImageError(message);
  }
}
