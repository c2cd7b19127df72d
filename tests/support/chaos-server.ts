// The real app in-process on a real store (SQLite file or PostgreSQL schema), like
// createTestApp, but restartable: restart() closes the store and opens it again with a fresh
// app, as a server process restart would. Schools a and b are small schools (test-schools.ts)
// with extra admins ("admin2" …) so several simulated phones can make every mutation type.
import { ulid } from "ulidx";
import { createApp } from "../../src/server/app.ts";
import type { Logger } from "../../src/server/logger.ts";
import type { SqlExecutor } from "../../src/server/storage/sql-driver.ts";
import type { NewSchool, Store } from "../../src/server/storage/store.ts";
import type { ServerLike } from "./chaos-fetch.ts";
import { ManualClock } from "./manual-clock.ts";
import { DAY_MS, PASSWORD, smallSchool } from "./test-schools.ts";
import type { TestStore } from "./test-stores.ts";

export { DAY_MS, PASSWORD };

export const SESSION_IDLE_MS = 7 * DAY_MS;
export const SESSION_MAX_MS = 30 * DAY_MS;

export interface ChaosServer extends ServerLike {
  readonly kind: "sqlite" | "postgres";
  readonly clock: ManualClock;
  readonly schools: { a: NewSchool; b: NewSchool };
  /** The store the running app uses (a new one after each restart). */
  readonly store: Store;
  /** Errors the server logged (a handler that threw, an unhandled error). */
  readonly loggedErrors: Array<{ msg: string; fields?: Record<string, unknown> }>;
  restarts: number;
  /**
   * Every statement inside a server transaction waits this long first (0: off), so that two
   * phones' concurrent pushes interleave inside the database as they would under load.
   */
  statementDelayMs: number;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

function capturingLogger(errors: ChaosServer["loggedErrors"]): Logger {
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (msg, fields) => {
      errors.push(fields ? { msg, fields } : { msg });
    },
  };
}

export async function createChaosServer(
  open: (now: Date) => Promise<TestStore>,
  options: { extraAdmins?: number; pushChunkSize?: number } = {},
): Promise<ChaosServer> {
  const clock = new ManualClock();
  const testStore = await open(clock.now());
  const a = await smallSchool("school-a", clock.now());
  const b = await smallSchool("school-b", clock.now());
  const template = a.staff[0] as NewSchool["staff"][number];
  for (let i = 2; i <= (options.extraAdmins ?? 5) + 1; i++) {
    a.staff.push({
      ...template,
      id: ulid() as never,
      login: `admin${i}`,
      name: `管理员${i}`,
    });
  }
  await testStore.store.createSchool(a, clock.now());
  await testStore.store.createSchool(b, clock.now());
  const loggedErrors: ChaosServer["loggedErrors"] = [];
  const makeApp = (store: Store) =>
    createApp({
      store,
      logger: capturingLogger(loggedErrors),
      clock: clock.now,
      version: "test",
      sessionIdleMs: SESSION_IDLE_MS,
      sessionMaxMs: SESSION_MAX_MS,
      trustedProxyHops: 1,
      ...(options.pushChunkSize !== undefined ? { pushChunkSize: options.pushChunkSize } : {}),
    });
  const slowed = (opened: Store) => {
    const driver = opened.driver;
    const transaction = driver.transaction.bind(driver);
    const pause = () => new Promise<void>((resolve) => setTimeout(resolve, server.statementDelayMs));
    const slow = (tx: SqlExecutor): SqlExecutor => ({
      all: async (sql, params) => {
        if (server.statementDelayMs > 0) await pause();
        return tx.all(sql, params);
      },
      get: async (sql, params) => {
        if (server.statementDelayMs > 0) await pause();
        return tx.get(sql, params);
      },
      run: async (sql, params) => {
        if (server.statementDelayMs > 0) await pause();
        return tx.run(sql, params);
      },
    });
    driver.transaction = ((fn: (tx: SqlExecutor) => Promise<unknown>) =>
      transaction((tx) => fn(server.statementDelayMs > 0 ? slow(tx) : tx))) as typeof driver.transaction;
    return opened;
  };
  let store = slowed(testStore.store);
  let app = makeApp(store);
  let isDisposed = false;
  const server: ChaosServer = {
    kind: store.kind,
    clock,
    schools: { a, b },
    get store() {
      return store;
    },
    loggedErrors,
    restarts: 0,
    statementDelayMs: 0,
    request(path, init) {
      if (isDisposed) throw new TypeError("the test server is gone");
      return app.request(path, init);
    },
    async restart() {
      await store.close();
      store = slowed(await testStore.reopen());
      app = makeApp(store);
      server.restarts++;
    },
    async dispose() {
      isDisposed = true;
      await testStore.dispose();
    },
  };
  return server;
}

/** Logs in straight to the server (no chaos) and returns the parsed answer. */
export async function loginOn(
  server: ServerLike,
  school: string,
  login: string,
  deviceId: string,
): Promise<Response> {
  return await server.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ school, login, password: PASSWORD, deviceId }),
  });
}
