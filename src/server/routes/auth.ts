// Login, logout, "who am I" and password change (docs/protocol.md "Authentication").
import { type Context, Hono } from "hono";
import {
  ChangePasswordRequest,
  type DemoResponse,
  DeviceStatusRequest,
  type DeviceStatusResponse,
  LoginRequest,
} from "../../protocol/auth.ts";
import { admitDevice, revokedSchools } from "../auth/device-binding.ts";
import {
  accountKey,
  addressKey,
  admitLoginAttempt,
  isRefusal,
  loginFailed,
  loginSucceeded,
} from "../auth/login-throttle.ts";
import { checkNewPassword } from "../auth/password-policy.ts";
import {
  burnPasswordCheck,
  hashPassword,
  isOneTimePasswordExpired,
  verifyPassword,
} from "../auth/passwords.ts";
import { requireSession } from "../auth/require-session.ts";
import { newSessionToken, tokenHash } from "../auth/tokens.ts";
import { DEMO_SCHOOL_CODE } from "../demo/demo-school.ts";
import { clientAddress } from "../http/client-address.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { readJson } from "../http/read-body.ts";
import type { StaffWithSecret } from "../storage/store.ts";

export function authRoutes(deps: AppDeps) {
  const { store } = deps;
  /** One password attempt for an account, or 429 past its limit (auth/login-throttle.ts). */
  async function admitAttempt(c: Context<AppEnv>, schoolCode: string, login: string, now: Date) {
    const admission = await admitLoginAttempt(
      store,
      {
        account: accountKey(schoolCode, login),
        address: addressKey(clientAddress(c, deps.trustedProxyHops)),
      },
      now,
    );
    if (!isRefusal(admission)) return admission;
    const wait = admission.retryAfterSeconds;
    throw new HttpError(
      429,
      "rate_limited",
      `too many wrong passwords; try again in ${Math.ceil(wait / 60)} minute(s)`,
      { headers: { "Retry-After": String(wait) } },
    );
  }
  const session = requireSession(deps, { whilePasswordChangeRequired: true });

  return new Hono<AppEnv>()
    .post("/auth/login", async (c) => {
      const body = await readJson(c, LoginRequest);
      const now = deps.clock();
      const admission = await admitAttempt(c, body.school, body.login, now);

      const school = await store.findSchoolByCode(body.school.toLowerCase());
      const staff = school ? await store.findStaffByLogin(school.id, body.login) : undefined;
      // Unknown school, unknown login, wrong password and disabled account all answer alike,
      // after the same amount of hashing work.
      const isValid = staff
        ? await verifyPassword(staff.passwordHash, body.password)
        : await burnPasswordCheck(body.password);
      if (!school || !staff || !isValid || !staff.isActive) {
        await loginFailed(store, admission, now);
        throw new HttpError(401, "invalid_credentials", "school code, login or password is wrong");
      }
      const isOneTime = staff.mustChangePassword;
      // The right one-time password, too late: only its owner knows it, so saying so leaks nothing.
      if (isOneTime && isOneTimePasswordExpired(staff, now)) {
        await loginSucceeded(store, admission);
        throw new HttpError(
          401,
          "one_time_password_expired",
          "this one-time password has expired (it works for 72 hours); ask your school's admin for a new one",
        );
      }
      // The phone is admitted before a one-time password is spent, so a refused device leaves it usable.
      const deviceId = await admitDevice(store, school.id, body, now);
      // A one-time password works once (the UPDATE decides between two logins at once); a
      // used one is just a wrong password.
      if (isOneTime && !(await store.consumeOneTimePassword(school.id, staff.id, staff.passwordHash, now))) {
        await loginFailed(store, admission, now);
        throw new HttpError(401, "invalid_credentials", "school code, login or password is wrong");
      }
      await loginSucceeded(store, admission);

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
    .get("/auth/demo", async (c) => {
      // Unauthenticated: the login page names the demo school only where it exists.
      const demo = await store.findSchoolByCode(DEMO_SCHOOL_CODE);
      return c.json({ demo: demo ? { code: demo.code } : null } satisfies DemoResponse);
    })
    .post("/auth/device", async (c) => {
      const body = await readJson(c, DeviceStatusRequest);
      const answer: DeviceStatusResponse = {
        revokedSchoolIds: await revokedSchools(store, body.deviceId, body.deviceKey),
      };
      return c.json(answer);
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
      const { staff, school, session: current } = c.get("auth");
      // Guessing the current password here counts against the account as a login would.
      const now = deps.clock();
      const admission = await admitAttempt(c, school.code, staff.login, now);
      if (!(await verifyPassword(staff.passwordHash, body.currentPassword))) {
        await loginFailed(store, admission, now);
        throw new HttpError(400, "bad_request", "currentPassword: the current password is wrong", {
          field: "currentPassword",
        });
      }
      await loginSucceeded(store, admission);
      if (body.newPassword === body.currentPassword) {
        throw new HttpError(400, "bad_request", "newPassword: must differ from the current password", {
          field: "newPassword",
        });
      }
      await checkNewPassword(body.newPassword, {
        schoolCode: school.code,
        login: staff.login,
        name: staff.name,
      });
      // Whoever knew the old password is signed out everywhere else; this phone carries on.
      await store.setPassword(
        staff.schoolId,
        staff.id,
        {
          passwordHash: await hashPassword(body.newPassword),
          isOneTime: false,
          endReason: "password_changed",
          keepSession: current.tokenHash,
        },
        deps.clock(),
      );
      return c.body(null, 204);
    });
}

export function publicStaff(s: StaffWithSecret) {
  return { id: s.id, login: s.login, name: s.name, roles: s.roles, phone: s.phone, isActive: s.isActive };
}
