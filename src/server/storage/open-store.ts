// Picks the engine: PostgreSQL when DATABASE_URL is set, else an SQLite file in DATA_DIR.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runMigrations } from "./migrations.ts";
import { openPostgres } from "./postgres/postgres-driver.ts";
import type { SqlDriver } from "./sql-driver.ts";
import { openSqlite } from "./sqlite/sqlite-driver.ts";
import { Store } from "./store.ts";

export type StoreTarget =
  | { kind: "sqlite"; filename: string }
  | { kind: "postgres"; connectionString: string; schema?: string };

export function storeTarget(env: {
  dataDir: string;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
}): StoreTarget {
  if (env.databaseUrl)
    return { kind: "postgres", connectionString: env.databaseUrl, schema: env.databaseSchema };
  mkdirSync(env.dataDir, { recursive: true });
  return { kind: "sqlite", filename: join(env.dataDir, "safety-rounds.sqlite") };
}

export async function openStore(target: StoreTarget, now: Date): Promise<Store> {
  const driver: SqlDriver =
    target.kind === "sqlite"
      ? openSqlite({ filename: target.filename })
      : await openPostgres({ connectionString: target.connectionString, schema: target.schema });
  try {
    await runMigrations(driver, now);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new Store(driver);
}
