// B4 (shared/design/BENCHMARKS.md): server ingest of 10,000 mutations in batches of 50–500
// through the full push path (parse, validate, authorize, dedupe, apply, change log, verdicts),
// against floors measured in the same run: better-sqlite3 inserting the same rows into the
// same tables in one transaction, and PostgreSQL COPY of the same rows. Then 30 devices at once.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createApp } from "../../src/server/app.ts";
import { silentLogger } from "../../src/server/logger.ts";
import { openStore, type StoreTarget } from "../../src/server/storage/open-store.ts";
import type { Store } from "../../src/server/storage/store.ts";
import { TestPhone } from "../support/sync-client.ts";
import { smallSchool } from "../support/test-schools.ts";
import { TEST_DATABASE_URL } from "../support/test-stores.ts";
import { benchAreas } from "./bench-data.ts";
import { type BenchResult, interleave, median, percentile } from "./bench-kit.ts";

const N = 10_000;
const BATCHES = [50, 100, 200, 500];
const NOW = new Date("2026-11-30T02:00:00Z");
const areas = benchAreas(N);

interface Target {
  target: StoreTarget;
  dispose(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "sr-bench-"));
  return {
    target: { kind: "sqlite", filename: join(dir, "b4.sqlite") },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

let schemaCount = 0;
function postgresTarget(): Target {
  const schema = `b4_${process.pid}_${schemaCount++}`;
  return {
    target: { kind: "postgres", connectionString: TEST_DATABASE_URL, schema },
    async dispose() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

async function freshSchool(target: StoreTarget) {
  const store = await openStore(target, NOW);
  const school = await smallSchool("bench", NOW);
  await store.createSchool(school, NOW);
  return { store, school };
}

function appFor(store: Store) {
  return createApp({
    store,
    logger: silentLogger,
    clock: () => new Date(),
    version: "bench",
    sessionIdleMs: 1e10,
    sessionMaxMs: 1e10,
  });
}

/**
 * The phone's batches, cycling through 50–500, made before any timing starts: a phone has its
 * mutations (ids, sequence numbers, JSON) long before it pushes them, and the floors too get
 * their rows ready-made. Only the push requests are timed.
 */
function batchesOf(phone: TestPhone, rows: typeof areas, batches = BATCHES) {
  const out: ReturnType<TestPhone["mutation"]>[][] = [];
  let i = 0;
  let b = 0;
  while (i < rows.length) {
    const size = batches[b++ % batches.length] as number;
    out.push(rows.slice(i, i + size).map((entity) => phone.mutation("area.upsert", { entity })));
    i += size;
  }
  return out;
}

/** Pushes the prepared batches from one phone; returns per-request ms. */
async function pushAll(phone: TestPhone, prepared: ReturnType<typeof batchesOf>) {
  const latencies: number[] = [];
  for (const batch of prepared) {
    const t0 = performance.now();
    const res = await phone.push(batch);
    latencies.push(performance.now() - t0);
    if (res.stopped || res.results.some((r) => r.status !== "applied")) {
      throw new Error(
        `push not fully applied: ${JSON.stringify(res.stopped ?? res.results.find((r) => r.status !== "applied"))}`,
      );
    }
  }
  return latencies;
}

async function ours(makeTarget: () => Target): Promise<number> {
  const t = makeTarget();
  const { store } = await freshSchool(t.target);
  try {
    const app = appFor(store);
    const phone = new TestPhone((p, init) => app.request(p, init), "bench");
    await phone.login("admin");
    const prepared = batchesOf(phone, areas);
    const t0 = performance.now();
    await pushAll(phone, prepared);
    const ms = performance.now() - t0;
    await verifyCounts(store, N);
    return ms;
  } finally {
    await store.close();
    await t.dispose();
  }
}

/** The rows our push writes, as plain values, for the floors. */
function floorRows(schoolId: string, deviceId: string, actorId: string) {
  const t = NOW.getTime();
  return areas.map((a, i) => ({
    entity: [schoolId, "area", a.id, 1, 1000 + i, 0, null, JSON.stringify(a), t, actorId],
    mutation: [
      schoolId,
      a.id,
      deviceId,
      i + 1,
      actorId,
      "area.upsert",
      1,
      "h".repeat(64),
      "applied",
      null,
      null,
      1000 + i,
      null,
      t,
      NOW.toISOString(),
      null,
    ],
  }));
}

async function sqliteFloor(): Promise<number> {
  const t = sqliteTarget();
  const { store, school } = await freshSchool(t.target);
  await store.close();
  const db = new Database((t.target as { filename: string }).filename);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  try {
    const rows = floorRows(school.school.id, "01JBENCHDEV000000000000000", school.staff[0]?.id as string);
    const insertEntity = db.prepare(
      "INSERT INTO entities (school_id, entity_type, entity_id, version, server_seq, is_deleted, natural_key, data, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const insertMutation = db.prepare(
      "INSERT INTO mutations (school_id, mutation_id, device_id, device_seq, actor_id, type, type_version, payload_hash, status, reason, message, server_seq, server_state, received_at, client_created_at, clock_skew_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const t0 = performance.now();
    db.transaction(() => {
      for (const r of rows) {
        insertEntity.run(...r.entity);
        insertMutation.run(...r.mutation);
      }
    })();
    return performance.now() - t0;
  } finally {
    db.close();
    await t.dispose();
  }
}

async function postgresCopyFloor(): Promise<number> {
  const t = postgresTarget();
  const { store, school } = await freshSchool(t.target);
  await store.close();
  const schema = (t.target as { schema: string }).schema;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const rows = floorRows(school.school.id, "01JBENCHDEV000000000000000", school.staff[0]?.id as string);
    const tsv = (values: unknown[]) =>
      `${values.map((v) => (v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n"))).join("\t")}\n`;
    const t0 = performance.now();
    await client.query("BEGIN");
    await pipeline(
      Readable.from(rows.map((r) => tsv(r.entity))),
      client.query(
        copyFrom(
          `COPY ${schema}.entities (school_id, entity_type, entity_id, version, server_seq, is_deleted, natural_key, data, updated_at, updated_by) FROM STDIN`,
        ),
      ),
    );
    await pipeline(
      Readable.from(rows.map((r) => tsv(r.mutation))),
      client.query(
        copyFrom(
          `COPY ${schema}.mutations (school_id, mutation_id, device_id, device_seq, actor_id, type, type_version, payload_hash, status, reason, message, server_seq, server_state, received_at, client_created_at, clock_skew_ms) FROM STDIN`,
        ),
      ),
    );
    await client.query("COMMIT");
    return performance.now() - t0;
  } finally {
    await client.end();
    await t.dispose();
  }
}

async function verifyCounts(store: Store, expected: number) {
  const m = await store.driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM mutations");
  const e = await store.driver.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM entities WHERE entity_type = 'area' AND updated_by IS NOT NULL",
  );
  if (Number(m?.n) !== expected || Number(e?.n) !== expected) {
    throw new Error(`counts differ: ${m?.n} mutations, ${e?.n} areas, expected ${expected}`);
  }
  if (store.kind === "sqlite") {
    const ok = await store.driver.get<{ integrity_check: string }>("PRAGMA integrity_check");
    if (ok?.integrity_check !== "ok") throw new Error(`integrity check: ${ok?.integrity_check}`);
  }
}

/** 30 devices push their share at once; compares with one device pushing the same total. */
async function thirtyDevices(makeTarget: () => Target) {
  const t = makeTarget();
  const { store } = await freshSchool(t.target);
  try {
    const app = appFor(store);
    const phones = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const phone = new TestPhone((p, init) => app.request(p, init), "bench");
        await phone.login("admin");
        return phone;
      }),
    );
    const share = Math.ceil(N / 30);
    const prepared = phones.map((phone, i) =>
      batchesOf(phone, areas.slice(i * share, (i + 1) * share), [50]),
    );
    const t0 = performance.now();
    const latencies = (await Promise.all(phones.map((phone, i) => pushAll(phone, prepared[i] ?? [])))).flat();
    const ms = performance.now() - t0;
    await verifyCounts(store, N);
    return { ms, latencies };
  } finally {
    await store.close();
    await t.dispose();
  }
}

export async function runB4(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [engine, makeTarget, floorName, floor, goal] of [
    ["sqlite", sqliteTarget, "sqliteInsertFloor", sqliteFloor, 5],
    ["postgres", postgresTarget, "postgresCopyFloor", postgresCopyFloor, 4],
  ] as const) {
    const samples = await interleave({ ours: () => ours(makeTarget), [floorName]: floor });
    const medians = { ours: median(samples.ours ?? []), [floorName]: median(samples[floorName] ?? []) };
    const ratio = (medians.ours as number) / (medians[floorName] as number);
    results.push({
      id: `B4-${engine}`,
      what: `push ${N} mutations in batches of ${BATCHES.join("/")} on ${engine} (ms)`,
      samples,
      medians,
      ratios: { [`ours/${floorName}`]: Number(ratio.toFixed(2)) },
      goal: `ours ≤ ${goal}× ${floorName}; exact counts and integrity after`,
      passed: ratio <= goal,
    });

    const one = median((samples.ours ?? []).slice(0, 3));
    const many = await thirtyDevices(makeTarget);
    const p50 = percentile(many.latencies, 50);
    const p99 = percentile(many.latencies, 99);
    const aggregateShare = one / many.ms; // rate(30 devices) / rate(one device), same total work
    results.push({
      id: `B4-${engine}-30-devices`,
      what: `30 devices push ${N} mutations at once on ${engine}`,
      samples: { totalMs: [many.ms], oneDeviceMs: [one] },
      medians: { p50RequestMs: Number(p50.toFixed(1)), p99RequestMs: Number(p99.toFixed(1)) },
      ratios: {
        aggregateRateVsOneDevice: Number(aggregateShare.toFixed(2)),
        p99OverP50: Number((p99 / p50).toFixed(2)),
      },
      goal: "no busy error reaches a client; aggregate ≥ 0.7× one device's rate; p99 ≤ 5× p50",
      passed: aggregateShare >= 0.7 && p99 / p50 <= 5,
    });
  }
  return results;
}
