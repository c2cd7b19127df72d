// Pinyin initials for the roll call's filter ("wxm" finds 王小明). Its own module because
// pinyin-pro carries a dictionary of a few hundred kB: the roll-call page imports this lazily,
// only when someone types in the filter, so the page itself stays small.
import { pinyin } from "pinyin-pro";

/** "王小明" → "wxm"; surnames read as surnames (单 → s, 曾 → z); other characters kept. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array", surname: "head" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
