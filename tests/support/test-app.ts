// The real app in-process on a real store, with two small schools and a manual clock.
import { createApp } from "../../src/server/app.ts";
import type { AppDeps } from "../../src/server/http/context.ts";
import { silentLogger } from "../../src/server/logger.ts";
import type { NewSchool, Store } from "../../src/server/storage/store.ts";
import { ManualClock } from "./manual-clock.ts";
import { DAY_MS, PASSWORD, smallSchool } from "./test-schools.ts";

export { DAY_MS, PASSWORD };

import { sqliteTestStore, type TestStore } from "./test-stores.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  clock: ManualClock;
  schools: { a: NewSchool; b: NewSchool };
  /** Logs in and returns the token. */
  login(
    school: string,
    login: string,
    password?: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  tokenFor(school: string, login: string): Promise<string>;
  /** A second server process on the same database (its own store and app, the same clock). */
  anotherServer(): Promise<ReturnType<typeof createApp>>;
  dispose(): Promise<void>;
}

export async function createTestApp(
  open: (now: Date) => Promise<TestStore> = sqliteTestStore,
  opts: Partial<
    Pick<
      AppDeps,
      | "staticDir"
      | "pushChunkSize"
      | "pushBudget"
      | "logger"
      | "beforeImageDecode"
      | "trustedProxyHops"
      | "hstsMaxAgeSeconds"
    >
  > & {
    /** Adds to both small schools before they are created (e.g. addSafetyCrew). */
    extendSchool?: (s: NewSchool) => Promise<void>;
  } = {},
): Promise<TestApp> {
  const { extendSchool, ...deps } = opts;
  const clock = new ManualClock();
  const testStore = await open(clock.now());
  const a = await smallSchool("school-a", clock.now());
  const b = await smallSchool("school-b", clock.now());
  await extendSchool?.(a);
  await extendSchool?.(b);
  await testStore.store.createSchool(a, clock.now());
  await testStore.store.createSchool(b, clock.now());
  const appOn = (store: Store) =>
    createApp({
      store,
      logger: silentLogger,
      clock: clock.now,
      version: "test",
      sessionIdleMs: 7 * DAY_MS,
      sessionMaxMs: 30 * DAY_MS,
      trustedProxyHops: 1,
      ...deps,
    });
  const app = appOn(testStore.store);
  const login = (
    school: string,
    loginName: string,
    password = PASSWORD,
    headers: Record<string, string> = {},
  ) =>
    app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ school, login: loginName, password }),
    }) as Promise<Response>;
  return {
    app,
    store: testStore.store,
    clock,
    schools: { a, b },
    login,
    async tokenFor(school, loginName) {
      const res = await login(school, loginName);
      if (res.status !== 200)
        throw new Error(`login ${school}/${loginName} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    anotherServer: async () => appOn(await testStore.reopen()),
    dispose: () => testStore.dispose(),
  };
}
