// `npm run school -- create …` creates a real school and its admin on the server's data and
// prints a one-time password that must be changed at first login (issue #2 §3).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { silentLogger } from "../../src/server/logger.ts";
import { openStore } from "../../src/server/storage/open-store.ts";

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function cli(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(ROOT, "node_modules/.bin/tsx"),
      ["src/server/cli/school.ts", ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("npm run school -- create", () => {
  it("creates the school and its admin, whose one-time password logs in and must be changed", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sr-cli-"));
    dirs.push(dataDir);
    const created = await cli(
      dataDir,
      "create",
      "--code",
      "hrzx",
      "--name",
      "河溶镇中心小学",
      "--admin-login",
      "zongwu",
    );
    expect(created.code).toBe(0);
    const password = /One-time password: (\S+)/.exec(created.out)?.[1] as string;
    expect(password).toMatch(/^[a-z2-9]{10}$/);

    const store = await openStore(
      { kind: "sqlite", filename: join(dataDir, "safety-rounds.sqlite") },
      new Date(),
    );
    try {
      const app = createApp({
        store,
        logger: silentLogger,
        clock: () => new Date(),
        version: "t",
        sessionIdleMs: 1e9,
        sessionMaxMs: 1e9,
      });
      const res = await app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ school: "hrzx", login: "zongwu", password }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body.mustChangePassword).toBe(true);
      expect(body.user.roles).toEqual(["admin"]);
      const auth = { authorization: `Bearer ${body.token}` };
      // A one-time password's session may only choose a new password first.
      expect((await app.request("/api/v1/reference", { headers: auth })).status).toBe(403);
      const changed = await app.request("/api/v1/auth/password", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: password, newPassword: "river-lantern-autumn-42" }),
      });
      expect(changed.status).toBe(204);
      const ref = (await (await app.request("/api/v1/reference", { headers: auth })).json()) as any;
      expect(ref.school.settings.timeZone).toBe("Asia/Shanghai");
      expect(ref.checklistItems.length).toBeGreaterThan(20);
    } finally {
      await store.close();
    }

    const again = await cli(dataDir, "create", "--code", "hrzx", "--name", "重复", "--admin-login", "x1");
    expect(again.code).toBe(2);
    expect(again.out).toContain('code "hrzx" already exists');
  });

  it("names a missing or bad option", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sr-cli-"));
    dirs.push(dataDir);
    const noName = await cli(dataDir, "create", "--code", "abc", "--admin-login", "boss");
    expect(noName.code).toBe(2);
    expect(noName.out).toContain("--name is required");
    const badZone = await cli(
      dataDir,
      "create",
      "--code",
      "abc",
      "--name",
      "x",
      "--admin-login",
      "boss",
      "--time-zone",
      "Mars/Base",
    );
    expect(badZone.out).toContain("--time-zone");
  });
});
