// Real stores for tests: SQLite in a temp folder, PostgreSQL on the local server
// (127.0.0.1:5432, user postgres, database test, or TEST_DATABASE_URL) in a fresh schema that
// is dropped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "../../src/server/storage/open-store.ts";
import { openPostgres } from "../../src/server/storage/postgres/postgres-driver.ts";
import type { SqlDriver } from "../../src/server/storage/sql-driver.ts";
import { openSqlite } from "../../src/server/storage/sqlite/sqlite-driver.ts";
import type { Store } from "../../src/server/storage/store.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestStore {
  store: Store;
  /** Opens another store on the same database (a second server process). */
  reopen(): Promise<Store>;
  /** A driver on another, empty database of the same engine, with no migrations run. */
  emptyDriver(): Promise<SqlDriver>;
  dispose(): Promise<void>;
}

export async function sqliteTestStore(now = new Date()): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), "sr-sqlite-"));
  const target = { kind: "sqlite" as const, filename: join(dir, "test.sqlite") };
  const opened: Store[] = [];
  const open = async () => {
    const s = await openStore(target, now);
    opened.push(s);
    return s;
  };
  const store = await open();
  const drivers: SqlDriver[] = [];
  return {
    store,
    reopen: open,
    async emptyDriver() {
      const driver = openSqlite({ filename: join(dir, `empty-${drivers.length}.sqlite`) });
      drivers.push(driver);
      return driver;
    },
    async dispose() {
      for (const s of opened) await s.close().catch(() => undefined);
      for (const d of drivers) await d.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresTestStore(now = new Date()): Promise<TestStore> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const target = { kind: "postgres" as const, connectionString: TEST_DATABASE_URL, schema };
  const opened: Store[] = [];
  const open = async () => {
    const s = await openStore(target, now);
    opened.push(s);
    return s;
  };
  const store = await open();
  const drivers: Array<{ driver: SqlDriver; schema: string }> = [];
  return {
    store,
    reopen: open,
    async emptyDriver() {
      const emptySchema = `${schema}_e${drivers.length}`;
      const driver = await openPostgres({ connectionString: TEST_DATABASE_URL, schema: emptySchema });
      drivers.push({ driver, schema: emptySchema });
      return driver;
    },
    async dispose() {
      for (const s of opened) await s.close().catch(() => undefined);
      for (const d of drivers) await d.driver.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      for (const name of [schema, ...drivers.map((d) => d.schema)])
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await client.end();
    },
  };
}
