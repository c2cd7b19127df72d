// The server process: reads the environment, opens the store, seeds the demo school on first
// start when DEMO=1 (`npm start` sets it: scripts/try-it.ts), listens, and shuts down
// gracefully on SIGTERM/SIGINT (in-flight requests finish, then the database closes).

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { ensureDemoSchool } from "./demo/seed-demo.ts";
import { createLogger } from "./logger.ts";
import { openStore, storeTarget } from "./storage/open-store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

async function main() {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const clock = () => new Date();
  const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"))
    .version as string;
  const target = storeTarget({
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    databaseSchema: config.DATABASE_SCHEMA,
  });
  const store = await openStore(target, clock());
  if (config.DEMO) {
    if (process.env.NODE_ENV === "production" || config.DATABASE_URL)
      logger.warn("DEMO=1 on a production start: the demo school's passwords are public (demo1234)");
    await ensureDemoSchool(store, clock(), logger);
  }

  const hasApp = existsSync(join(config.STATIC_DIR, "index.html"));
  if (!hasApp)
    logger.warn("no built app: serving the API only (run `npm run build`)", { staticDir: config.STATIC_DIR });
  const app = createApp({
    store,
    logger,
    clock,
    version,
    sessionIdleMs: config.SESSION_IDLE_DAYS * DAY_MS,
    sessionMaxMs: config.SESSION_MAX_DAYS * DAY_MS,
    ...(hasApp ? { staticDir: config.STATIC_DIR } : {}),
    trustedProxyHops: config.TRUST_PROXY,
    hstsMaxAgeSeconds: config.HSTS_MAX_AGE,
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info("listening", {
      url: `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${info.port}`,
      port: info.port,
      storage: target.kind,
      version,
    });
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    // Stop accepting; idle keep-alive sockets are closed so close() can finish.
    server.close(async () => {
      await store.close();
      logger.info("stopped", { signal });
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => {
      logger.error("forced exit: requests still running after 10 s", { signal });
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(
    `${JSON.stringify({ level: "error", msg: "failed to start", error: String(error?.message ?? error) })}\n`,
  );
  process.exit(1);
});
