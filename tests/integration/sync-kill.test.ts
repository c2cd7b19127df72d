// [scenario 6] The server process is SIGKILLed in the middle of a push batch. After a restart
// the phone sends the batch again: no mutation is lost, none is applied twice.

import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { ulid } from "ulidx";
import { afterEach, describe, expect, it } from "vitest";
import { cleanUpServers, startServer, tempDir } from "../support/server-process.ts";
import { TestPhone } from "../support/sync-client.ts";
import { TEST_DATABASE_URL } from "../support/test-stores.ts";

afterEach(cleanUpServers);

const BATCH = 400;

interface Engine {
  env: Record<string, string>;
  count(sql: string): Promise<number>;
  dispose(): Promise<void>;
}

function sqliteEngine(): Engine {
  const dataDir = tempDir();
  return {
    env: { DATA_DIR: dataDir, DEMO: "1" },
    async count(sql) {
      const db = new Database(join(dataDir, "safety-rounds.sqlite"), { readonly: true, fileMustExist: true });
      try {
        return Number((db.prepare(sql).get() as { n: number }).n);
      } finally {
        db.close();
      }
    },
    async dispose() {},
  };
}

function postgresEngine(): Engine {
  const schema = `t_kill_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  const connected = client.connect();
  return {
    env: { DATA_DIR: tempDir(), DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DEMO: "1" },
    async count(sql) {
      await connected;
      try {
        return Number(
          (
            await client.query(
              sql
                .replaceAll(" mutations", ` ${schema}.mutations`)
                .replaceAll(" entities", ` ${schema}.entities`),
            )
          ).rows[0].n,
        );
      } catch {
        return 0; // not migrated yet
      }
    },
    async dispose() {
      await connected;
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

describe.each([
  ["SQLite", sqliteEngine],
  ["PostgreSQL", postgresEngine],
] as const)("a server killed mid-batch on %s", (_name, makeEngine) => {
  /**
   * Starts a server, pushes the batch and SIGKILLs the server as soon as part of it has
   * committed. The kill lands between two chunk commits only if it is quicker than the next
   * chunk, so a run where the whole batch committed first (or the push was answered) says so
   * (undefined) and the test tries again on a fresh database.
   */
  async function killMidBatch(engine: Engine) {
    const first = startServer({ ...engine.env });
    const url = await first.url;
    const phone = new TestPhone((p, i) => fetch(`${url}${p}`, i), "demo");
    await phone.login("admin", "demo1234");
    const batch = Array.from({ length: BATCH }, (_, i) =>
      phone.mutation("class.upsert", {
        entity: { id: ulid(), grade: 6, name: `K${i}班`, classTeacherId: null },
      }),
    );
    const lost = phone.pushRaw(batch).catch(() => "connection lost");
    const started = Date.now();
    while (
      (await engine.count("SELECT COUNT(*) AS n FROM mutations")) === 0 &&
      Date.now() - started < 20_000
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    first.child.kill("SIGKILL");
    const lostAnswer = await lost;
    await first.exit;
    const committed = await engine.count("SELECT COUNT(*) AS n FROM mutations");
    expect(committed).toBeGreaterThan(0);
    if (typeof lostAnswer !== "string" || committed === BATCH) return undefined;
    return { phone, batch, committed };
  }

  it("loses no acknowledged mutation and applies none twice", async () => {
    let engine = makeEngine();
    try {
      let killed = await killMidBatch(engine);
      for (let attempt = 1; !killed && attempt < 3; attempt++) {
        await engine.dispose();
        engine = makeEngine();
        killed = await killMidBatch(engine);
      }
      if (!killed) throw new Error("three kills in a row came after the whole batch had committed");
      const { phone, batch, committed } = killed;
      expect(committed).toBeLessThan(BATCH);

      const second = startServer({ ...engine.env });
      const url2 = await second.url;
      const again = new TestPhone((p, i) => fetch(`${url2}${p}`, i), "demo");
      Object.assign(again, { deviceId: phone.deviceId, token: phone.token, userId: phone.userId });
      const res = await again.push(batch);
      expect(res.stopped).toBeUndefined();
      expect(res.results.filter((r) => r.status === "duplicate")).toHaveLength(committed);
      expect(res.results.filter((r) => r.status === "applied")).toHaveLength(BATCH - committed);
      expect(await engine.count("SELECT COUNT(*) AS n FROM mutations")).toBe(BATCH);
      expect(
        await engine.count(
          "SELECT COUNT(*) AS n FROM entities WHERE entity_type = 'class' AND natural_key LIKE '6/K%'",
        ),
      ).toBe(BATCH);
      expect(
        await engine.count(
          "SELECT COUNT(*) AS n FROM entities WHERE entity_type = 'class' AND natural_key LIKE '6/K%' AND version <> 1",
        ),
      ).toBe(0);
      second.child.kill("SIGTERM");
      await second.exit;
    } finally {
      await engine.dispose();
    }
  }, 90_000);
});
