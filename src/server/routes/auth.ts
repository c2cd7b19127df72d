// Login, logout, "who am I" and password change (docs/protocol.md "Authentication").
import { Hono } from "hono";
import { ChangePasswordRequest, LoginRequest } from "../../protocol/auth.ts";
import { admitDevice } from "../auth/device-binding.ts";
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  accountKey,
  addressKey,
  retryAfterSeconds,
} from "../auth/login-throttle.ts";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords.ts";
import { requireSession } from "../auth/require-session.ts";
import { newSessionToken, tokenHash } from "../auth/tokens.ts";
import { clientAddress } from "../http/client-address.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { readJson } from "../http/read-body.ts";
import type { StaffWithSecret } from "../storage/store.ts";

export function authRoutes(deps: AppDeps) {
  const { store } = deps;
  const session = requireSession(deps);

  return new Hono<AppEnv>()
    .post("/auth/login", async (c) => {
      const body = await readJson(c, LoginRequest);
      const now = deps.clock();
      const keys = [accountKey(body.school, body.login), addressKey(clientAddress(c, deps.trustProxy))];
      const wait = Math.max(
        await retryAfterSeconds(store, keys[0] as string, ACCOUNT_RULE, now),
        await retryAfterSeconds(store, keys[1] as string, ADDRESS_RULE, now),
      );
      if (wait > 0) {
        throw new HttpError(
          429,
          "rate_limited",
          `too many failed logins; try again in ${Math.ceil(wait / 60)} minute(s)`,
          {
            headers: { "Retry-After": String(wait) },
          },
        );
      }

      const school = await store.findSchoolByCode(body.school.toLowerCase());
      const staff = school ? await store.findStaffByLogin(school.id, body.login) : undefined;
      // Unknown school, unknown login, wrong password and disabled account all answer alike,
      // after the same amount of hashing work.
      const isValid = staff
        ? await verifyPassword(staff.passwordHash, body.password)
        : await burnPasswordCheck(body.password);
      if (!school || !staff || !isValid || !staff.isActive) {
        await store.recordLoginFailure(keys, now);
        // Failures older than every window no longer count; drop them so the table stays small.
        await store.pruneLoginFailures(
          new Date(now.getTime() - Math.max(ACCOUNT_RULE.windowMs, ADDRESS_RULE.windowMs)),
        );
        throw new HttpError(401, "invalid_credentials", "school code, login or password is wrong");
      }
      await store.clearLoginFailures(keys[0] as string);

      const deviceId = await admitDevice(store, school.id, body, now);
      const token = newSessionToken();
      const expiresAt = now.getTime() + deps.sessionMaxMs;
      await store.createSession({
        tokenHash: tokenHash(token),
        schoolId: school.id,
        staffId: staff.id,
        deviceId,
        createdAt: now.getTime(),
        expiresAt,
      });
      deps.logger.info("login", {
        requestId: c.get("requestId"),
        school: school.code,
        staffId: staff.id,
        deviceId,
      });
      return c.json({
        token,
        deviceId,
        user: publicStaff(staff),
        school: { id: school.id, code: school.code, name: school.name },
        mustChangePassword: staff.mustChangePassword,
        expiresAt: new Date(expiresAt).toISOString(),
        serverTime: now.toISOString(),
      });
    })
    .post("/auth/logout", session, async (c) => {
      await store.endSession(c.get("auth").session.tokenHash, deps.clock(), "logout");
      return c.body(null, 204);
    })
    .get("/auth/me", session, (c) => {
      const { staff, school, session: s } = c.get("auth");
      return c.json({
        user: publicStaff(staff),
        school: { id: school.id, code: school.code, name: school.name },
        deviceId: s.deviceId,
        mustChangePassword: staff.mustChangePassword,
        serverTime: deps.clock().toISOString(),
      });
    })
    .post("/auth/password", session, async (c) => {
      const body = await readJson(c, ChangePasswordRequest);
      const { staff } = c.get("auth");
      if (!(await verifyPassword(staff.passwordHash, body.currentPassword))) {
        throw new HttpError(400, "bad_request", "currentPassword: the current password is wrong", {
          field: "currentPassword",
        });
      }
      if (body.newPassword === body.currentPassword) {
        throw new HttpError(400, "bad_request", "newPassword: must differ from the current password", {
          field: "newPassword",
        });
      }
      await store.setPassword(
        staff.schoolId,
        staff.id,
        await hashPassword(body.newPassword),
        false,
        deps.clock(),
      );
      return c.body(null, 204);
    });
}

export function publicStaff(s: StaffWithSecret) {
  return { id: s.id, login: s.login, name: s.name, roles: s.roles, phone: s.phone, isActive: s.isActive };
}
