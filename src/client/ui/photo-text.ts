// The words of the photo pieces (ui/photo-input.tsx, ui/photo-thumbs.tsx), zh-CN first. They
// travel with the lazy pages that show photos, not with the first screen.
import type { SavePhotoResult } from "../db/photo-store.ts";
import { defineMessages } from "./i18n.ts";

export const pt = defineMessages({
  takePhoto: { zh: "拍照", en: "Take photo" },
  takeMore: { zh: "再拍一张", en: "Take another" },
  saving: { zh: "正在保存照片…", en: "Saving the photo…" },
  required: { zh: "（必填）", en: "(required)" },
  optional: { zh: "（选填）", en: "(optional)" },
  count: { zh: "已拍 {n} 张，最多 {max} 张", en: "{n} taken, at most {max}" },
  tooMany: {
    zh: "最多 {max} 张照片，多出的 {n} 张没有保存",
    en: "At most {max} photos: {n} more were not kept",
  },
  quota: { zh: "手机存储已满，照片未保存", en: "The phone's storage is full: the photo was not saved" },
  notAnImage: {
    zh: "这个文件不是照片或无法读取，未保存",
    en: "This file is not a photo or cannot be read; not saved",
  },
  tooLarge: {
    zh: "照片太大，压缩后仍超过上限，未保存",
    en: "The photo is too large even after compression; not saved",
  },
  failed: { zh: "照片未保存：{message}", en: "The photo was not saved: {message}" },
  remove: { zh: "删除照片 {n}", en: "Remove photo {n}" },
  photoN: { zh: "照片 {n}", en: "Photo {n}" },
  open: { zh: "查看照片 {n}", en: "Open photo {n}" },
  close: { zh: "关闭", en: "Close" },
  notDownloaded: { zh: "照片未下载（离线）", en: "Photo not downloaded (offline)" },
  notOnServer: { zh: "服务器上没有这张照片", en: "This photo is not on the server" },
  loadingPhoto: { zh: "正在下载…", en: "Downloading…" },
  tapRetry: { zh: "点按重试", en: "Tap to retry" },
  dismiss: { zh: "知道了", en: "OK" },
});

/** The message a person reads for a photo that was not saved (photo-store.ts reasons). */
export function photoFailureText(result: Extract<SavePhotoResult, { ok: false }>): string {
  switch (result.reason) {
    case "quota":
      return pt("quota");
    case "not_an_image":
      return pt("notAnImage");
    case "too_large":
      return pt("tooLarge");
    case "failed":
      return pt("failed", { message: result.message });
  }
}
