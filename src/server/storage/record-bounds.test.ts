// The one check on what is written as a record (record-bounds.ts): growing lists and bytes.
import { describe, expect, it } from "vitest";
import { GROWING_LISTS, MAX_RECORD_BYTES } from "../../protocol/limits.ts";
import { checkRecordBounds, RecordTooLargeError } from "./record-bounds.ts";

const check = (type: "hazard" | "round", data: unknown) => () =>
  checkRecordBounds(type, "X", data, JSON.stringify(data));

describe("record bounds", () => {
  it("a growing list may reach its bound, not pass it", () => {
    const max = GROWING_LISTS.hazard.history;
    expect(check("hazard", { history: Array.from({ length: max }, () => ({})) })).not.toThrow();
    expect(check("hazard", { history: Array.from({ length: max + 1 }, () => ({})) })).toThrow(
      RecordTooLargeError,
    );
  });

  it("no record is written larger than MAX_RECORD_BYTES, counted in UTF-8 bytes", () => {
    // A third of the limit in characters, but each is three bytes: just over.
    const text = "字".repeat(Math.ceil(MAX_RECORD_BYTES / 3));
    expect(check("round", { note: text })).toThrow(/larger than 1024 KiB/);
    expect(check("round", { note: "a".repeat(MAX_RECORD_BYTES - 20) })).not.toThrow();
  });
});
