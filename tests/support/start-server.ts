// The real server, in this process, on a random port: serves the built PWA from dist/ and a
// fresh demo school in a temp data folder. Used by browser tests (run `npm run build` first;
// `npm test` does).

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/server/app.ts";
import { ensureDemoSchool } from "../../src/server/demo/seed-demo.ts";
import { silentLogger } from "../../src/server/logger.ts";
import { openStore } from "../../src/server/storage/open-store.ts";

const DAY_MS = 24 * 60 * 60_000;
export const DIST_DIR = new URL("../../dist/", import.meta.url).pathname;

export async function startTestServer(
  /**
   * demo: false starts with no school at all (as a real deployment does). demoActivity: false
   * starts the demo school without its weeks of rounds and hazards. clock:
   * the server's clock (default the machine's), also the "now" the demo school is made around.
   */
  opts: { staticDir?: string; demo?: boolean; demoActivity?: boolean; clock?: () => Date } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const clock = opts.clock ?? (() => new Date());
  const staticDir = opts.staticDir ?? DIST_DIR;
  if (!existsSync(join(staticDir, "index.html")))
    throw new Error("dist/ is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "sr-e2e-"));
  const store = await openStore({ kind: "sqlite", filename: join(dir, "e2e.sqlite") }, clock());
  if (opts.demo ?? true)
    await ensureDemoSchool(store, clock(), silentLogger, { activity: opts.demoActivity ?? true });
  const app = createApp({
    store,
    logger: silentLogger,
    clock,
    version: "e2e",
    sessionIdleMs: 30 * DAY_MS,
    sessionMaxMs: 90 * DAY_MS,
    staticDir,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
