// Bearer-token middleware: finds the session by the token's hash and refuses (401) one that is
// unknown, ended, idle too long, past its absolute expiry, or whose account is disabled, and
// (403) one whose person must still replace a one-time password.
import { createMiddleware } from "hono/factory";
import type { Role } from "../../domain/roles.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { tokenHash } from "./tokens.ts";

// Writing last_used_at on every request would make each read a write; a minute is precise
// enough for an idle expiry counted in days.
const TOUCH_EVERY_MS = 60_000;

/**
 * `whilePasswordChangeRequired`: the route is one of the few a person who logged in with a
 * one-time password may use before choosing a password (/auth/password, /auth/logout,
 * /auth/me); every other route answers 403 password_change_required, so a one-time password
 * is never a full login (docs/protocol.md "Authentication").
 */
export function requireSession(deps: AppDeps, options: { whilePasswordChangeRequired?: boolean } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw unauthenticated("missing or malformed Authorization: Bearer token");
    const hash = tokenHash(match[1] as string);
    const session = await deps.store.findSession(hash);
    const now = deps.clock();
    if (!session) throw unauthenticated("unknown session token");
    // A lost phone: tell it (403) so it wipes this school's data, rather than asking for a login.
    if (session.endedReason === "device_revoked") throw deviceRevoked();
    if (session.endedAt !== null)
      throw unauthenticated("this session was ended (logged out or ended by an admin)");
    if (now.getTime() >= session.expiresAt) throw unauthenticated("this session has expired");
    if (now.getTime() - session.lastUsedAt >= deps.sessionIdleMs)
      throw unauthenticated("this session expired after being idle");
    const [staff, school] = await Promise.all([
      deps.store.getStaff(session.schoolId, session.staffId),
      deps.store.getSchool(session.schoolId),
    ]);
    if (!staff || !school || !staff.isActive) throw unauthenticated("this account is disabled");
    if (now.getTime() - session.lastUsedAt >= TOUCH_EVERY_MS) await deps.store.touchSession(hash, now);
    if (staff.mustChangePassword && !options.whilePasswordChangeRequired) throw passwordChangeRequired();
    c.set("auth", { session, staff, school });
    await next();
  });
}

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const held = c.get("auth").staff.roles;
    if (!roles.some((r) => held.includes(r))) {
      throw new HttpError(403, "forbidden", `this needs the role ${roles.join(" or ")}`);
    }
    await next();
  });
}

export function deviceRevoked() {
  return new HttpError(
    403,
    "device_revoked",
    "this device was revoked by an admin: its data for this school must be deleted",
  );
}

function passwordChangeRequired() {
  return new HttpError(
    403,
    "password_change_required",
    "this account logged in with a one-time password: choose a new password (POST /api/v1/auth/password) first",
  );
}

function unauthenticated(message: string) {
  return new HttpError(401, "unauthenticated", message, {
    headers: { "WWW-Authenticate": 'Bearer realm="safety-rounds"' },
  });
}
