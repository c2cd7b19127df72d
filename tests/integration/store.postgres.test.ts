import { postgresTestStore } from "../support/test-stores.ts";
import { describeStoreContract } from "./store-contract.ts";

// The local PostgreSQL server (127.0.0.1:5432, database test), a fresh schema per test.
describeStoreContract("PostgreSQL", postgresTestStore);

import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/server/storage/migrations.ts";
import { openStore } from "../../src/server/storage/open-store.ts";
import { TEST_DATABASE_URL } from "../support/test-stores.ts";

describe("several server processes on one PostgreSQL database", () => {
  it("starting together, they migrate the schema exactly once", async () => {
    const schema = `t_multi_${process.pid}_${Date.now().toString(36)}`;
    const target = { kind: "postgres" as const, connectionString: TEST_DATABASE_URL, schema };
    const stores = await Promise.all([1, 2, 3].map(() => openStore(target, new Date())));
    try {
      const rows = await stores[0]?.driver.all<{ id: number }>(
        "SELECT id FROM schema_migrations ORDER BY id",
      );
      expect(rows?.map((r) => Number(r.id))).toEqual(MIGRATIONS.map((m) => m.id));
      for (const s of stores) expect(await s.isReachable()).toBe(true);
    } finally {
      for (const s of stores) await s.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
