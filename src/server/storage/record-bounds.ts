// The one check on the size of what is written as a record (issue #16 §6): no entity is
// stored larger than MAX_RECORD_BYTES, and no list that grows by appending (a hazard's history,
// a hand-over's steps …) longer than its bound in GROWING_LISTS (src/protocol/limits.ts).
// putEntity (entities.ts) runs it on every write, so no handler can forget it; a push answers
// the mutation `rejected` / `too_large` (push.ts) and any other request 413 too_large (app.ts),
// and the record stays as it was.
import { GROWING_LISTS, MAX_RECORD_BYTES } from "../../protocol/limits.ts";
import type { EntityType } from "../../protocol/sync.ts";

export class RecordTooLargeError extends Error {
  override readonly name = "RecordTooLargeError";
}

export function checkRecordBounds(
  entityType: EntityType,
  entityId: string,
  data: unknown,
  json: string,
): void {
  const lists = (GROWING_LISTS as Partial<Record<EntityType, Record<string, number>>>)[entityType];
  if (lists && typeof data === "object" && data !== null) {
    for (const [field, max] of Object.entries(lists)) {
      const list = (data as Record<string, unknown>)[field];
      if (Array.isArray(list) && list.length > max) {
        throw new RecordTooLargeError(
          `${entityType} ${entityId} already has ${max} ${field} entries, the most one record keeps; start a new record`,
        );
      }
    }
  }
  if (Buffer.byteLength(json, "utf8") > MAX_RECORD_BYTES) {
    throw new RecordTooLargeError(
      `${entityType} ${entityId} would be larger than ${Math.round(MAX_RECORD_BYTES / 1024)} KiB, the most one record keeps`,
    );
  }
}
