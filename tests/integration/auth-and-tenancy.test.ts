// Server in-process on a real SQLite file: login, throttling, session expiry and revocation,
// tenant isolation (issue #2 §3, SYNC.md S8).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

// Run on both stores: the same behaviour on SQLite and PostgreSQL (SYNC.md S10).
describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("on %s", (_engine, open) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(open);
  });
  afterEach(async () => {
    await t.dispose();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (path: string, token: string) => t.app.request(path, { headers: bearer(token) });

  describe("login", () => {
    it("succeeds with school code, login and password, and the token opens /auth/me", async () => {
      const res = await t.login("school-a", "teacher");
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, any>;
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
      expect(body.deviceId).toMatch(/^[0-9A-Z]{26}$/);
      expect(body.user).toMatchObject({ login: "teacher", name: "李老师", roles: ["class_teacher"] });
      expect(body.user.passwordHash).toBeUndefined();
      expect(body.school).toMatchObject({ code: "school-a" });
      const me = await get("/api/v1/auth/me", body.token);
      expect(me.status).toBe(200);
      expect(((await me.json()) as any).user.login).toBe("teacher");
    });

    it("keeps the phone's own device id when it sends one", async () => {
      const deviceId = "01JDPH0NE000000000000000AA";
      const res = await t.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ school: "school-a", login: "teacher", password: PASSWORD, deviceId }),
      });
      expect(((await res.json()) as any).deviceId).toBe(deviceId);
    });

    it("stores only a hash of the session token", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const rows = await t.store.driver.all<{ token_hash: string }>("SELECT token_hash FROM sessions");
      expect(rows.map((r) => r.token_hash)).not.toContain(token);
      expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it("unknown school, unknown user, wrong password and disabled account look the same", async () => {
      const adminToken = await t.tokenFor("school-a", "admin");
      const teacherId = t.schools.a.staff.find((s) => s.login === "teacher")?.id as string;
      await t.app.request(`/api/v1/admin/staff/${teacherId}/active`, {
        method: "POST",
        headers: { ...bearer(adminToken), "content-type": "application/json" },
        body: JSON.stringify({ isActive: false }),
      });
      const answers = await Promise.all([
        t.login("no-such-school", "teacher", PASSWORD, { "x-forwarded-for": "10.0.0.1" }),
        t.login("school-a", "nobody", PASSWORD, { "x-forwarded-for": "10.0.0.2" }),
        t.login("school-a", "admin", "wrong-password", { "x-forwarded-for": "10.0.0.3" }),
        t.login("school-a", "teacher", PASSWORD, { "x-forwarded-for": "10.0.0.4" }),
      ]);
      const bodies = await Promise.all(
        answers.map(async (r) => ({ status: r.status, ...((await r.json()) as any) })),
      );
      for (const b of bodies) {
        expect(b.status).toBe(401);
        expect(b.error).toBe("invalid_credentials");
        expect(b.message).toBe(bodies[0]?.message);
      }
    });
  });

  // The throttle's full rules (concurrency, backoff, proxies, NAT): auth-hardening.test.ts.
  describe("login rate limit (per account, no permanent lock-out)", () => {
    it("the 6th wrong password for one account gets 429 with Retry-After, even from another address", async () => {
      for (let i = 0; i < 5; i++) {
        const res = await t.login("school-a", "admin", "wrong", { "x-forwarded-for": `10.1.0.${i}` });
        expect(res.status).toBe(401);
        t.clock.advanceMs(1000);
      }
      const blocked = await t.login("school-a", "admin", PASSWORD, { "x-forwarded-for": "10.1.0.99" });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBe(59); // locked for 1 minute at the 5th
      expect(((await blocked.json()) as any).error).toBe("rate_limited");
      // Another account is not affected.
      expect(
        (await t.login("school-a", "teacher", PASSWORD, { "x-forwarded-for": "10.1.0.98" })).status,
      ).toBe(200);
      // The lock lifts: a minute later the right password works again.
      t.clock.advanceMinutes(1);
      expect((await t.login("school-a", "admin", PASSWORD, { "x-forwarded-for": "10.1.0.99" })).status).toBe(
        200,
      );
    });
  });

  describe("sessions end", () => {
    it("after the idle expiry without use", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      t.clock.advanceDays(6);
      expect((await get("/api/v1/auth/me", token)).status).toBe(200); // use slides the idle window
      t.clock.advanceDays(6);
      expect((await get("/api/v1/auth/me", token)).status).toBe(200);
      t.clock.advanceDays(7);
      const res = await get("/api/v1/auth/me", token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).message).toMatch(/idle/);
    });

    it("at the absolute expiry even when used every day", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      for (let day = 0; day < 29; day++) {
        t.clock.advanceDays(1);
        expect((await get("/api/v1/auth/me", token)).status).toBe(200);
      }
      t.clock.advanceDays(1);
      expect((await get("/api/v1/auth/me", token)).status).toBe(401);
    });

    it("at logout, and only that session", async () => {
      const one = await t.tokenFor("school-a", "teacher");
      const two = await t.tokenFor("school-a", "teacher");
      expect(
        (await t.app.request("/api/v1/auth/logout", { method: "POST", headers: bearer(one) })).status,
      ).toBe(204);
      expect((await get("/api/v1/auth/me", one)).status).toBe(401);
      expect((await get("/api/v1/auth/me", two)).status).toBe(200);
    });

    it("when an admin ends them", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const admin = await t.tokenFor("school-a", "admin");
      const teacherId = t.schools.a.staff.find((s) => s.login === "teacher")?.id;
      const res = await t.app.request(`/api/v1/admin/staff/${teacherId}/end-sessions`, {
        method: "POST",
        headers: bearer(admin),
      });
      expect(await res.json()).toEqual({ ended: 1 });
      expect((await get("/api/v1/auth/me", token)).status).toBe(401);
      expect((await get("/api/v1/auth/me", admin)).status).toBe(200);
    });

    it("when the account is disabled, and login is refused until it is enabled again", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const admin = await t.tokenFor("school-a", "admin");
      const teacherId = t.schools.a.staff.find((s) => s.login === "teacher")?.id;
      const setActive = (isActive: boolean) =>
        t.app.request(`/api/v1/admin/staff/${teacherId}/active`, {
          method: "POST",
          headers: { ...bearer(admin), "content-type": "application/json" },
          body: JSON.stringify({ isActive }),
        });
      expect((await setActive(false)).status).toBe(204);
      expect((await get("/api/v1/auth/me", token)).status).toBe(401);
      expect((await t.login("school-a", "teacher")).status).toBe(401);
      expect((await setActive(true)).status).toBe(204);
      expect((await t.login("school-a", "teacher")).status).toBe(200);
    });

    it("when an admin resets the password: a one-time password that must be changed", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const admin = await t.tokenFor("school-a", "admin");
      const teacherId = t.schools.a.staff.find((s) => s.login === "teacher")?.id;
      const res = await t.app.request(`/api/v1/admin/staff/${teacherId}/reset-password`, {
        method: "POST",
        headers: bearer(admin),
      });
      const { password } = (await res.json()) as any;
      expect(password).toMatch(/^[a-z2-9]{10}$/);
      expect((await get("/api/v1/auth/me", token)).status).toBe(401);
      expect((await t.login("school-a", "teacher")).status).toBe(401);
      const fresh = (await (await t.login("school-a", "teacher", password)).json()) as any;
      expect(fresh.mustChangePassword).toBe(true);
    });

    it("a password change needs the current password and works for the next login", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const change = (currentPassword: string, newPassword: string) =>
        t.app.request("/api/v1/auth/password", {
          method: "POST",
          headers: { ...bearer(token), "content-type": "application/json" },
          body: JSON.stringify({ currentPassword, newPassword }),
        });
      const wrong = await change("nope", "new-password-1");
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as any).field).toBe("currentPassword");
      const short = await change(PASSWORD, "short");
      expect(short.status).toBe(400);
      expect(((await short.json()) as any).field).toBe("newPassword");
      expect((await change(PASSWORD, "new-password-1")).status).toBe(204);
      expect((await t.login("school-a", "teacher", "new-password-1")).status).toBe(200);
      expect((await t.login("school-a", "teacher", PASSWORD)).status).toBe(401);
    });
  });

  describe("[S8] no school reads another school's data", () => {
    it("a school A token reads school A's reference data only", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const res = await get("/api/v1/reference", token);
      expect(res.status).toBe(200);
      const ref = (await res.json()) as any;
      expect(ref.school.code).toBe("school-a");
      expect(ref.pupils.map((p: any) => p.studentNo)).toEqual(["school-a-0001"]);
      expect(JSON.stringify(ref)).not.toContain("school-b");
      expect(ref.staff.every((s: any) => s.passwordHash === undefined)).toBe(true);
    });

    it("school A's admin cannot end or disable school B's staff", async () => {
      const adminA = await t.tokenFor("school-a", "admin");
      const tokenB = await t.tokenFor("school-b", "teacher");
      const teacherB = t.schools.b.staff.find((s) => s.login === "teacher")?.id;
      const end = await t.app.request(`/api/v1/admin/staff/${teacherB}/end-sessions`, {
        method: "POST",
        headers: bearer(adminA),
      });
      expect(end.status).toBe(404);
      const disable = await t.app.request(`/api/v1/admin/staff/${teacherB}/active`, {
        method: "POST",
        headers: { ...bearer(adminA), "content-type": "application/json" },
        body: JSON.stringify({ isActive: false }),
      });
      expect(disable.status).toBe(404);
      expect((await get("/api/v1/auth/me", tokenB)).status).toBe(200);
      const list = (await (await get("/api/v1/admin/staff", adminA)).json()) as any;
      expect(list.staff.map((s: any) => s.id)).not.toContain(teacherB);
    });

    it("the same login in two schools is two different people", async () => {
      const a = (await (await t.login("school-a", "teacher")).json()) as any;
      const b = (await (await t.login("school-b", "teacher")).json()) as any;
      expect(a.user.id).not.toBe(b.user.id);
      expect(a.school.id).not.toBe(b.school.id);
    });

    it("a non-admin cannot use admin routes", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const res = await get("/api/v1/admin/staff", token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error).toBe("forbidden");
    });
  });
});
