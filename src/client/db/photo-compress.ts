// Photo compression in the browser (canvas): longest side 1600 px at JPEG quality 0.7, plus a
// 320 px thumbnail. Loaded lazily by photo-store.ts, so none of it is in the first screen's
// JavaScript. Decoding applies the EXIF orientation; canvas output carries no metadata at all.

export const PHOTO_MAX_SIDE_PX = 1600;
export const PHOTO_JPEG_QUALITY = 0.7;
export const THUMB_MAX_SIDE_PX = 320;
export const THUMB_JPEG_QUALITY = 0.6;

export interface CompressedPhoto {
  bytes: ArrayBuffer;
  mime: "image/jpeg";
  width: number;
  height: number;
  thumb: ArrayBuffer;
}

/** The size that fits within `maxSide` on its longest side, keeping the aspect; never enlarged. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError("an image needs a positive width and height");
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, PHOTO_MAX_SIDE_PX);
    const bytes = await encodeJpeg(bitmap, size, PHOTO_JPEG_QUALITY);
    const thumb = await encodeJpeg(
      bitmap,
      fitWithin(bitmap.width, bitmap.height, THUMB_MAX_SIDE_PX),
      THUMB_JPEG_QUALITY,
    );
    return { bytes, mime: "image/jpeg", ...size, thumb };
  } finally {
    bitmap.close();
  }
}

async function encodeJpeg(
  bitmap: ImageBitmap,
  size: { width: number; height: number },
  quality: number,
): Promise<ArrayBuffer> {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(size.width, size.height);
    draw(canvas.getContext("2d"), bitmap, size);
    return (await canvas.convertToBlob({ type: "image/jpeg", quality })).arrayBuffer();
  }
  // Older WebViews (Safari before 16.4) have no OffscreenCanvas.
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  draw(canvas.getContext("2d"), bitmap, size);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
  if (!blob) throw new Error("the browser could not encode the photo");
  return blob.arrayBuffer();
}

function draw(
  ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null,
  bitmap: ImageBitmap,
  size: { width: number; height: number },
): void {
  if (!ctx) throw new Error("no 2D canvas in this browser");
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, size.width, size.height);
}
