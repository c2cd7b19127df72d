// Session tokens: 256 random bits, given to the phone once; the server keeps only a SHA-256,
// so a leaked database cannot be replayed as sessions.
import { createHash, randomBytes } from "node:crypto";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
