// The real server process (`tsx src/server/main.ts`): configuration errors, first start with
// the demo school only when asked (DEMO=1, as `npm start` does; issue #16 §8), and graceful
// shutdown on SIGTERM (issue #2 §1–2).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanUpServers, startServer, tempDir } from "../support/server-process.ts";

afterEach(cleanUpServers);

describe("the server process", () => {
  it("refuses a bad variable with a message naming it", async () => {
    const s = startServer({ DATA_DIR: tempDir(), PORT: "eighty" });
    expect(await s.exit).toBe(2);
    expect(s.output()).toContain("PORT");
    expect(s.output()).toContain("must be a number");
  });

  it("creates the demo school on first start, logs JSON with request ids, and stops cleanly on SIGTERM", async () => {
    const dataDir = tempDir();
    const s = startServer({ DATA_DIR: dataDir, DEMO: "1" });
    const url = await s.url;
    const health = await fetch(`${url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await (await fetch(`${url}/api/v1/auth/demo`)).json()).toEqual({ demo: { code: "demo" } });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ school: "demo", login: "admin", password: "demo1234" }),
    });
    expect(login.status).toBe(200);
    // A request still being answered when SIGTERM arrives is finished, not cut off.
    const inFlight = fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ school: "demo", login: "principal", password: "demo1234" }),
    });
    await new Promise((r) => setTimeout(r, 20));
    s.child.kill("SIGTERM");
    expect((await inFlight).status).toBe(200);
    expect(await s.exit).toBe(0);
    const lines = s
      .output()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === "demo school created")).toBe(true);
    expect(lines.find((l) => l.msg === "request" && l.path === "/api/v1/health")?.requestId).toBeTruthy();
    expect(lines.at(-1)).toMatchObject({ msg: "stopped", signal: "SIGTERM" });
    // The database was closed properly: SQLite folds the WAL back in and removes it.
    expect(existsSync(join(dataDir, "safety-rounds.sqlite"))).toBe(true);
    expect(existsSync(join(dataDir, "safety-rounds.sqlite-wal"))).toBe(false);

    // A second start on the same data keeps the one demo school.
    const again = startServer({ DATA_DIR: dataDir, DEMO: "1" });
    await again.url;
    again.child.kill("SIGTERM");
    expect(await again.exit).toBe(0);
    expect(again.output()).not.toContain("demo school created");
  });

  it("`npm start` (scripts/try-it.ts) starts with the demo school", async () => {
    const s = startServer({ DATA_DIR: tempDir() }, "scripts/try-it.ts");
    const url = await s.url;
    expect(await (await fetch(`${url}/api/v1/auth/demo`)).json()).toEqual({ demo: { code: "demo" } });
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });

  it.each([
    ["without DEMO", {}],
    ["with DEMO=0", { DEMO: "0" }],
    ["in production", { NODE_ENV: "production" }],
  ])("%s starts empty, and says there is no demo school", async (_case, env: Record<string, string>) => {
    const s = startServer({ DATA_DIR: tempDir(), ...env });
    const url = await s.url;
    expect(await (await fetch(`${url}/api/v1/auth/demo`)).json()).toEqual({ demo: null });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ school: "demo", login: "admin", password: "demo1234" }),
    });
    expect(login.status).toBe(401);
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });
});
