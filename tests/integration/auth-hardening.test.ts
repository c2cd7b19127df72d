// Issue #16 §4, §5 and the low findings on passwords, sessions and HSTS, through the real app
// in-process on real SQLite and PostgreSQL: login throttling that holds under concurrent
// guesses and forged X-Forwarded-For without locking out a school's NAT, one-time passwords
// that are not a full login, the password policy, sessions after a password change, HSTS.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

const HOUR_MS = 60 * 60_000;
const STRONG = "river-lantern-autumn-42";

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
  const post = (path: string, token: string, json?: unknown) =>
    t.app.request(path, {
      method: "POST",
      headers: { ...bearer(token), ...(json === undefined ? {} : { "content-type": "application/json" }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  const staffId = (login: string) => t.schools.a.staff.find((s) => s.login === login)?.id as string;
  const resetPassword = async (login: string) => {
    const admin = await t.tokenFor("school-a", "admin");
    const res = await post(`/api/v1/admin/staff/${staffId(login)}/reset-password`, admin);
    expect(res.status).toBe(200);
    return ((await res.json()) as { password: string }).password;
  };
  const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

  describe("§4 login throttling", () => {
    it("40 wrong passwords at once for one account: at most 5 are checked, the rest get 429", async () => {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.login("school-a", "admin", `wrong-${i}`, { "x-forwarded-for": `10.40.0.${i}` }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      // Told to wait for the lock those failures bring (1 minute), not a whole window.
      const waits = answers.filter((r) => r.status === 429).map((r) => Number(r.headers.get("retry-after")));
      expect(Math.max(...waits)).toBeLessThanOrEqual(60);
      // And the account is locked now: the right password waits too.
      expect((await t.login("school-a", "admin", PASSWORD)).status).toBe(429);
    });

    it("locks an account with backoff (1, 2, 4 … minutes, at most 15); the right password after the lock starts again", async () => {
      const fail5 = async () => {
        for (let i = 0; i < 5; i++) expect((await t.login("school-a", "admin", "wrong")).status).toBe(401);
        const blocked = await t.login("school-a", "admin", PASSWORD);
        expect(blocked.status).toBe(429);
        expect(await errorOf(blocked)).toBe("rate_limited");
        return Number(blocked.headers.get("retry-after"));
      };
      const locks: number[] = [];
      for (let round = 0; round < 6; round++) {
        const wait = await fail5();
        locks.push(wait);
        t.clock.advanceMs(wait * 1000);
      }
      expect(locks).toEqual([60, 120, 240, 480, 900, 900]);
      // Lifted: the right password works and forgets the history.
      expect((await t.login("school-a", "admin", PASSWORD)).status).toBe(200);
      expect(await fail5()).toBe(60);
      t.clock.advanceMs(60_000);
      expect(await fail5()).toBe(120);
      // A quiet day forgets it too.
      t.clock.advanceMs(24 * HOUR_MS);
      expect(await fail5()).toBe(60);
    });

    it("with TRUST_PROXY=1 a forged X-Forwarded-For does not hide the address the proxy saw", async () => {
      // The proxy appends the address it saw; everything left of it is the client's own.
      const viaProxy = (forged: string) => ({ "x-forwarded-for": `${forged}, 203.0.113.7` });
      for (let i = 0; i < 30; i++) {
        const res = await t.login("school-a", `nobody${i}`, "wrong", viaProxy(`198.51.100.${i}`));
        expect(res.status).toBe(401);
      }
      // That address is known as guessing now: one try per account before its lock.
      expect((await t.login("school-a", "admin", "wrong", viaProxy("192.0.2.1"))).status).toBe(401);
      expect((await t.login("school-a", "admin", "wrong", viaProxy("192.0.2.2"))).status).toBe(429);
    });

    it("two trusted proxies: the client is the second entry from the right", async () => {
      const hops = await createTestApp(open, { trustedProxyHops: 2 });
      try {
        for (let i = 0; i < 30; i++)
          await hops.login("school-a", `nobody${i}`, "wrong", {
            "x-forwarded-for": `198.51.100.${i}, 203.0.113.9, 10.0.0.${i}`,
          });
        const headers = { "x-forwarded-for": "192.0.2.1, 203.0.113.9, 10.0.0.200" };
        expect((await hops.login("school-a", "admin", "wrong", headers)).status).toBe(401);
        expect((await hops.login("school-a", "admin", "wrong", headers)).status).toBe(429);
      } finally {
        await hops.dispose();
      }
    });

    it("30 bad tries behind one school NAT do not stop another teacher's right password", async () => {
      const nat = { "x-forwarded-for": "100.64.0.1" };
      for (let i = 0; i < 21; i++) await t.login("school-a", `guess${i}`, "wrong", nat);
      for (let i = 0; i < 4; i++) await t.login("school-a", "admin", "wrong", nat);
      for (let i = 0; i < 5; i++) await t.login("school-b", "teacher", "wrong", nat);
      const teacher = await t.login("school-a", "teacher", PASSWORD, nat);
      expect(teacher.status).toBe(200);
    });

    it("the 429 reads the same for a login that exists and one that does not", async () => {
      const answers: Response[] = [];
      for (const login of ["admin", "nobody"]) {
        for (let i = 0; i < 5; i++) await t.login("school-a", login, "wrong");
        answers.push(await t.login("school-a", login, "wrong"));
      }
      const bodies = await Promise.all(answers.map(async (r) => [r.status, (await r.json()) as any]));
      expect(bodies.map(([status]) => status)).toEqual([429, 429]);
      expect(bodies[0]?.[1].message).toBe(bodies[1]?.[1].message);
      expect(answers[0]?.headers.get("retry-after")).toBe(answers[1]?.headers.get("retry-after"));
    });
  });

  describe("§5 one-time passwords", () => {
    it("a session opened with one may only change the password, then carries on", async () => {
      const otp = await resetPassword("admin");
      const login = await t.login("school-a", "admin", otp);
      expect(login.status).toBe(200);
      const { token, mustChangePassword } = (await login.json()) as any;
      expect(mustChangePassword).toBe(true);
      for (const res of [
        await get("/api/v1/reference", token),
        await get("/api/v1/admin/staff", token),
        await post(`/api/v1/admin/staff/${staffId("teacher")}/reset-password`, token),
        await post("/api/v1/sync/pull", token, { deviceId: "01JDPH0NE000000000000000AA" }),
        await post("/api/v1/alerts", token, {}),
        await get("/api/v1/blobs/0000000000000000000000000000000000000000000000000000000000000000", token),
      ]) {
        expect(res.status).toBe(403);
        expect(await errorOf(res)).toBe("password_change_required");
      }
      const me = await get("/api/v1/auth/me", token);
      expect(me.status).toBe(200);
      expect(((await me.json()) as any).mustChangePassword).toBe(true);
      expect(
        (await post("/api/v1/auth/password", token, { currentPassword: otp, newPassword: STRONG })).status,
      ).toBe(204);
      // The same session, now a full one.
      expect((await get("/api/v1/reference", token)).status).toBe(200);
      expect((await get("/api/v1/admin/staff", token)).status).toBe(200);
      expect(((await (await get("/api/v1/auth/me", token)).json()) as any).mustChangePassword).toBe(false);
    });

    it("works for one login only, also when two logins use it at once", async () => {
      const otp = await resetPassword("teacher");
      const both = await Promise.all([
        t.login("school-a", "teacher", otp, { "x-forwarded-for": "10.5.0.1" }),
        t.login("school-a", "teacher", otp, { "x-forwarded-for": "10.5.0.2" }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
      const again = await t.login("school-a", "teacher", otp);
      expect(again.status).toBe(401);
      expect(await errorOf(again)).toBe("invalid_credentials");
    });

    it("a login refused for its device does not spend the one-time password", async () => {
      const otp = await resetPassword("teacher");
      const phone = { deviceId: ulid(), deviceKey: "k".repeat(43) };
      const first = await t.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ school: "school-a", login: "admin", password: PASSWORD, ...phone }),
      });
      expect(first.status).toBe(200);
      // The teacher names the admin's phone with another key: refused, the password still unused.
      const claim = (deviceKey: string) =>
        t.app.request("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ school: "school-a", login: "teacher", password: otp, ...phone, deviceKey }),
        });
      const refused = await claim("x".repeat(43));
      expect(refused.status).toBe(409);
      expect(await errorOf(refused)).toBe("device_key_mismatch");
      expect((await claim(phone.deviceKey)).status).toBe(200);
    });

    it("expires 72 hours after it was issued, with a message to ask the admin", async () => {
      const early = await resetPassword("teacher");
      t.clock.advanceMs(72 * HOUR_MS - 1000);
      expect((await t.login("school-a", "teacher", early)).status).toBe(200);

      const late = await resetPassword("teacher");
      t.clock.advanceMs(72 * HOUR_MS);
      const res = await t.login("school-a", "teacher", late);
      expect(res.status).toBe(401);
      const body = (await res.json()) as any;
      expect(body.error).toBe("one_time_password_expired");
      expect(body.message).toMatch(/admin/);
      // A wrong password for that account still says only "wrong".
      expect(await errorOf(await t.login("school-a", "teacher", "not-it"))).toBe("invalid_credentials");
    });

    it("the one-time passwords of a CSV import expire too", async () => {
      const admin = await t.tokenFor("school-a", "admin");
      const res = await t.app.request("/api/v1/admin/import/staff", {
        method: "POST",
        headers: { ...bearer(admin), "content-type": "text/csv; charset=utf-8" },
        body: "login,name,roles,phone\nzhangwei,张伟,班主任,\n",
      });
      expect(res.status).toBe(200);
      const otp = ((await res.json()) as any).oneTimePasswords[0].password as string;
      t.clock.advanceMs(73 * HOUR_MS);
      expect(await errorOf(await t.login("school-a", "zhangwei", otp))).toBe("one_time_password_expired");
    });
  });

  describe("password policy and sessions after a change", () => {
    it("refuses a common password, and one containing the school code or the login, naming newPassword", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      const change = (newPassword: string) =>
        post("/api/v1/auth/password", token, { currentPassword: PASSWORD, newPassword });
      for (const [newPassword, error] of [
        ["12345678", "password_too_guessable"],
        ["password1", "password_too_guessable"],
        ["qwertyuiop", "password_too_guessable"],
        ["School-A-lantern-93", "password_contains_account"],
        ["teacher-lantern-93", "password_contains_account"],
      ] as const) {
        const res = await change(newPassword);
        expect(res.status, newPassword).toBe(400);
        const body = (await res.json()) as any;
        expect(body).toMatchObject({ error, field: "newPassword" });
        expect(body.message).toMatch(/^newPassword: /);
      }
      // Nothing was changed by the refusals.
      expect((await t.login("school-a", "teacher", PASSWORD)).status).toBe(200);
      expect((await change(STRONG)).status).toBe(204);
    });

    it("guessing the current password on /auth/password counts against the account like a login", async () => {
      const token = await t.tokenFor("school-a", "teacher");
      for (let i = 0; i < 5; i++) {
        const wrong = await post("/api/v1/auth/password", token, {
          currentPassword: `wrong-${i}`,
          newPassword: STRONG,
        });
        expect(wrong.status).toBe(400);
      }
      const right = await post("/api/v1/auth/password", token, {
        currentPassword: PASSWORD,
        newPassword: STRONG,
      });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
      // …and the login of that account waits too.
      expect((await t.login("school-a", "teacher")).status).toBe(429);
    });

    it("a password change ends the person's other sessions, not this one", async () => {
      const here = await t.tokenFor("school-a", "teacher");
      const otherPhone = await t.tokenFor("school-a", "teacher");
      const someoneElse = await t.tokenFor("school-a", "admin");
      expect(
        (await post("/api/v1/auth/password", here, { currentPassword: PASSWORD, newPassword: STRONG }))
          .status,
      ).toBe(204);
      expect((await get("/api/v1/auth/me", here)).status).toBe(200);
      expect((await get("/api/v1/auth/me", otherPhone)).status).toBe(401);
      expect((await get("/api/v1/auth/me", someoneElse)).status).toBe(200);
    });

    it("an admin's reset ends every session of that person", async () => {
      const one = await t.tokenFor("school-a", "teacher");
      const two = await t.tokenFor("school-a", "teacher");
      await resetPassword("teacher");
      expect((await get("/api/v1/auth/me", one)).status).toBe(401);
      expect((await get("/api/v1/auth/me", two)).status).toBe(401);
    });
  });

  describe("HSTS", () => {
    it("is sent on every answer when configured, and not otherwise", async () => {
      expect((await t.app.request("/api/v1/health")).headers.get("strict-transport-security")).toBeNull();
      const tls = await createTestApp(open, { hstsMaxAgeSeconds: 31_536_000 });
      try {
        for (const res of [
          await tls.app.request("/api/v1/health"),
          await tls.app.request("/api/v1/nope"),
          await tls.login("school-a", "admin", "wrong"),
          await tls.app.request("/api/v1/reference"),
        ]) {
          expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
        }
      } finally {
        await tls.dispose();
      }
    });
  });
});
