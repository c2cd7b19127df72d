// Pull cursors are opaque to phones: base64url of {epoch, school, seq, scope}. A cursor from
// another database (restored or replaced), another school, or beyond the school's last change
// means "start again" (reset), never "skip". `scope` is the fingerprint of what the device
// could see when it pulled (domain/need-to-know.ts NK-9, sync/device-scope.ts): a cursor
// without one (from before need-to-know) is read as an unknown scope, which also resets.
export interface CursorValue {
  epoch: string;
  schoolId: string;
  seq: number;
  scope?: string | undefined;
}

export function encodeCursor(c: CursorValue): string {
  return Buffer.from(
    JSON.stringify({ v: 1, e: c.epoch, k: c.schoolId, s: c.seq, ...(c.scope ? { f: c.scope } : {}) }),
  ).toString("base64url");
}

export function decodeCursor(text: string): CursorValue | undefined {
  try {
    const raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Record<string, unknown>;
    if (raw.v !== 1 || typeof raw.e !== "string" || typeof raw.k !== "string") return undefined;
    if (typeof raw.s !== "number" || !Number.isSafeInteger(raw.s) || raw.s < 0) return undefined;
    if (raw.f !== undefined && typeof raw.f !== "string") return undefined;
    return { epoch: raw.e, schoolId: raw.k, seq: raw.s, scope: raw.f };
  } catch {
    return undefined;
  }
}
