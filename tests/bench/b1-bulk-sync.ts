// B1 (shared/design/BENCHMARKS.md): bulk sync of 10,000 records — push from a full outbox, pull
// into a fresh phone, then a no-op sync — with the real client sync code (Dexie on
// fake-indexeddb, SyncEngine, the HTTP transport) against our server on a SQLite file served on
// a loopback port. Peers in the same run, interleaved: PouchDB 9 → express-pouchdb 4.2
// (batch 100/500/1000), RxDB 17 websocket replication (memory storage), and a bare node:http
// endpoint that only JSON.parses the same batches (the floor).
import "fake-indexeddb/auto";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import expressPouchDB from "express-pouchdb";
import PouchHttp from "pouchdb-adapter-http";
import PouchMemory from "pouchdb-adapter-memory";
import PouchDB from "pouchdb-core";
import PouchReplication from "pouchdb-replication";
import { createRxDatabase } from "rxdb";
import { replicateWithWebsocketServer, startWebsocketServer } from "rxdb/plugins/replication-websocket";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { ulid } from "ulidx";
import { createAccountStore } from "../../src/client/db/account-store.ts";
import { openDb, type SafetyRoundsDb } from "../../src/client/db/db.ts";
import { listView } from "../../src/client/db/mirror-store.ts";
import { mutate } from "../../src/client/db/mutation-store.ts";
import { createHttpTransport, type FetchLike } from "../../src/client/sync/http-transport.ts";
import {
  PULL_PAGE_SIZE,
  PUSH_BATCH_SIZE,
  SyncEngine,
  type Timers,
} from "../../src/client/sync/sync-engine.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import { createApp } from "../../src/server/app.ts";
import { silentLogger } from "../../src/server/logger.ts";
import { openStore } from "../../src/server/storage/open-store.ts";
import { PASSWORD, smallSchool } from "../support/test-schools.ts";
import { type BenchArea, benchAreas } from "./bench-data.ts";
import { type BenchResult, median } from "./bench-kit.ts";

const N = Number(process.env.B1_N ?? 10_000);
const ROUNDS = Number(process.env.B1_ROUNDS ?? 5);
const POUCH_BATCHES = [100, 500, 1000] as const;
const NOW = new Date("2026-11-30T02:00:00Z");
const fullAreas = benchAreas(N);
/** The records of the current round: a tenth for the warm-up, then all N. */
let areas = fullAreas;
const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
/** JSON with sorted keys, so the same record hashes the same on every side. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
const hashRecords = (records: { id: string; data: unknown }[]) =>
  sha(
    [...records]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => `${r.id}\t${canonical(r.data)}`)
      .join("\n"),
  );
/** What every side must end up with: the generated records themselves. */
let expectedHash = "";
let pouchDocs: Record<string, unknown>[] = [];
function setRoundRecords(records: BenchArea[]) {
  areas = records;
  expectedHash = hashRecords(records.map((a) => ({ id: a.id, data: a })));
  pouchDocs = records.map((a) => ({ ...a, _id: a.id }));
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

class Problems {
  readonly list: string[] = [];
  check(ok: boolean, message: string) {
    if (!ok) this.list.push(message);
  }
}

// ----- ours -------------------------------------------------------------------------------------

interface CountingFetch {
  fetch: FetchLike;
  counts: { push: number; pull: number; other: number };
  lastPushAt: number;
  /** Time from sending each push until its answer's headers: HTTP + server work. */
  pushHttpMs: number;
}

function countingFetch(port: number): CountingFetch {
  const c: CountingFetch = {
    counts: { push: 0, pull: 0, other: 0 },
    lastPushAt: 0,
    pushHttpMs: 0,
    fetch: async (input, init) => {
      const sentAt = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${input}`, init);
      if (input.endsWith("/sync/push")) c.pushHttpMs += performance.now() - sentAt;
      if (input.endsWith("/sync/push")) {
        c.counts.push++;
        c.lastPushAt = performance.now();
      } else if (input.endsWith("/sync/pull")) c.counts.pull++;
      else c.counts.other++;
      return res;
    },
  };
  return c;
}

async function startOurServer() {
  const dir = mkdtempSync(join(tmpdir(), "sr-b1-"));
  const store = await openStore({ kind: "sqlite", filename: join(dir, "b1.sqlite") }, NOW);
  const school = await smallSchool("bench", NOW);
  await store.createSchool(school, NOW);
  const app = createApp({
    store,
    logger: silentLogger,
    clock: () => new Date(),
    version: "bench",
    sessionIdleMs: 1e10,
    sessionMaxMs: 1e10,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    store,
    port,
    async close() {
      await closeServer(server);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function newPhone(port: number) {
  const db: SafetyRoundsDb = openDb(`b1-${ulid()}`);
  const deviceId = ulid();
  const counting = countingFetch(port);
  const res = await counting.fetch("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ school: "bench", login: "admin", password: PASSWORD, deviceId }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const login = LoginResponse.parse(await res.json());
  await createAccountStore(db).saveLogin(login);
  const engine = new SyncEngine({
    db,
    transport: createHttpTransport({ fetch: counting.fetch }),
    random: () => 0.5,
    timers: idleTimers,
  });
  counting.counts.other = 0;
  return {
    db,
    engine,
    counting,
    login,
    async dispose() {
      engine.dispose();
      db.close();
      await db.delete();
    },
  };
}

interface OurRound {
  push: number;
  pushLane: number;
  pushHttp: number;
  pull: number;
  pushRequests: number;
  pullRequestsInPush: number;
  pullRequests: number;
  noop: { push: number; pull: number };
  outboxSetup: number;
}

async function oursRound(problems: Problems): Promise<OurRound> {
  const server = await startOurServer();
  try {
    // (a) push from a full outbox made with mutate(), as the PWA makes it.
    const a = await newPhone(server.port);
    const tSetup = performance.now();
    for (const area of areas) {
      await mutate(a.db, {
        type: "area.upsert",
        args: { entity: area as never }, // ids are branded in the protocol types
        actorUserId: a.login.user.id,
        schoolId: a.login.school.id,
      });
    }
    const outboxSetup = performance.now() - tSetup;
    const t0 = performance.now();
    const outcome = await a.engine.syncOnce();
    const push = performance.now() - t0;
    const pushLane = a.counting.lastPushAt ? a.counting.lastPushAt - t0 : push;
    const pushHttp = a.counting.pushHttpMs;
    const left = await a.db.outbox.count();
    problems.check(
      left === 0 && outcome.state === "idle",
      `push left ${left} in the outbox (${outcome.state})`,
    );
    const pushRequests = a.counting.counts.push;
    const pullRequestsInPush = a.counting.counts.pull;

    // Server content.
    const rows = await server.store.driver.all<{ entity_id: string; data: string }>(
      "SELECT entity_id, data FROM entities WHERE entity_type = 'area' AND entity_id IN (SELECT entity_id FROM entities WHERE updated_by IS NOT NULL)",
    );
    const ids = new Set(areas.map((x) => x.id));
    const serverRecords = rows
      .filter((r) => ids.has(r.entity_id))
      .map((r) => ({ id: r.entity_id, data: JSON.parse(r.data) as unknown }));
    problems.check(
      serverRecords.length === areas.length,
      `server holds ${serverRecords.length} of ${areas.length} records`,
    );
    const serverHash = hashRecords(serverRecords);
    problems.check(serverHash === expectedHash, "server content hash differs from the generated records");
    await a.dispose();

    // (b) pull into a fresh phone of the same school.
    const b = await newPhone(server.port);
    const t1 = performance.now();
    await b.engine.syncOnce();
    const pull = performance.now() - t1;
    const mirror = (await listView(b.db, b.login.school.id, "area")).filter((r) => ids.has(r.entityId));
    const mirrorHash = hashRecords(mirror.map((r) => ({ id: r.entityId, data: r.data })));
    problems.check(
      mirror.length === areas.length,
      `fresh phone holds ${mirror.length} of ${areas.length} records`,
    );
    problems.check(mirrorHash === serverHash, "fresh phone's content hash differs from the server's");
    const pullRequests = b.counting.counts.pull + b.counting.counts.push;

    // (c) a no-op sync: nothing changed anywhere.
    b.counting.counts.push = 0;
    b.counting.counts.pull = 0;
    await b.engine.syncOnce();
    const noop = { push: b.counting.counts.push, pull: b.counting.counts.pull };
    await b.dispose();
    return {
      push,
      pushLane,
      pushHttp,
      pull,
      pushRequests,
      pullRequestsInPush,
      pullRequests,
      noop,
      outboxSetup,
    };
  } finally {
    await server.close();
  }
}

// ----- PouchDB → express-pouchdb ----------------------------------------------------------------

PouchDB.plugin(PouchHttp).plugin(PouchMemory).plugin(PouchReplication);

let pouchNames = 0;

let pouchServer: Promise<{ port: number; close(): Promise<void> }> | undefined;
/** One express-pouchdb for the whole run (it keeps process-wide state); a new database per round. */
function startPouchServer() {
  pouchServer ??= newPouchServer();
  return pouchServer;
}
async function newPouchServer() {
  const ServerPouch = PouchDB.defaults({ adapter: "memory" });
  const app = expressPouchDB(ServerPouch, {
    mode: "minimumForPouchDB",
    inMemoryConfig: true,
    logPath: "/dev/null",
  });
  const server = createServer(app);
  const port = await listen(server);
  return { port, close: () => closeServer(server) };
}

function pouchHash(rows: { doc?: Record<string, unknown> }[]) {
  return hashRecords(
    rows.map((r) => {
      const { _id, _rev, ...data } = r.doc as Record<string, unknown>;
      return { id: _id as string, data };
    }),
  );
}

async function pouchRound(batch: number, problems: Problems) {
  const server = await startPouchServer();
  let requests = 0;
  const countingFetch = (url: string | Request, opts?: RequestInit) => {
    requests++;
    return fetch(url, opts);
  };
  try {
    const dbName = `b1-${pouchNames++}`;
    const remote = new PouchDB(`http://127.0.0.1:${server.port}/${dbName}`, {
      fetch: countingFetch,
    });
    await remote.info(); // creates it
    const local = new PouchDB(`local-${dbName}`, { adapter: "memory" });
    await local.bulkDocs(pouchDocs);
    requests = 0;
    const t0 = performance.now();
    await local.replicate.to(remote, { batch_size: batch });
    const push = performance.now() - t0;
    const pushRequests = requests;

    const fresh = new PouchDB(`fresh-${dbName}`, { adapter: "memory" });
    requests = 0;
    const t1 = performance.now();
    await fresh.replicate.from(remote, { batch_size: batch });
    const pull = performance.now() - t1;
    const pullRequests = requests;
    const all = await fresh.allDocs({ include_docs: true });
    problems.check(
      pouchHash(all.rows as never) === expectedHash,
      `PouchDB batch ${batch}: content hash differs`,
    );
    await local.destroy();
    await fresh.destroy();
    await remote.destroy();
    return { push, pull, pushRequests, pullRequests };
  } finally {
    // the server stays up for the next round (closed at the end of the run)
  }
}

// ----- RxDB websocket replication ---------------------------------------------------------------

const rxSchema = {
  version: 0,
  primaryKey: "id",
  type: "object",
  properties: {
    id: { type: "string", maxLength: 40 },
    name: { type: "string" },
    kind: { type: "string" },
    responsibleStaffId: { type: ["string", "null"] },
    parentAreaId: { type: ["string", "null"] },
    classId: { type: ["string", "null"] },
  },
  required: ["id", "name", "kind"],
} as const;

let rxNames = 0;
async function rxDb(name: string) {
  const db = await createRxDatabase({ name: `${name}${rxNames++}`, storage: getRxStorageMemory() });
  const { areas } = await db.addCollections({ areas: { schema: rxSchema } });
  return { db, areas, remove: () => db.remove() };
}

async function rxRound(problems: Problems) {
  const serverDb = await rxDb("server");
  const port = 20000 + Math.floor(Math.random() * 20000);
  const wss = startWebsocketServer({ database: serverDb.db, port, host: "127.0.0.1" });
  try {
    const local = await rxDb("local");
    await local.areas.bulkInsert(areas.map((a) => ({ ...a })));
    const t0 = performance.now();
    const up = await replicateWithWebsocketServer<BenchArea, unknown>({
      collection: local.areas as never,
      url: `ws://127.0.0.1:${port}`,
      replicationIdentifier: `b1-${rxNames}`,
      live: false,
      batchSize: PUSH_BATCH_SIZE,
    });
    await up.awaitInSync();
    const push = performance.now() - t0;
    await up.cancel();
    problems.check(
      (await serverDb.areas.count().exec()) === areas.length,
      "RxDB server holds a different count",
    );

    const fresh = await rxDb("fresh");
    const t1 = performance.now();
    const down = await replicateWithWebsocketServer<BenchArea, unknown>({
      collection: fresh.areas as never,
      url: `ws://127.0.0.1:${port}`,
      replicationIdentifier: `b1-${rxNames}`,
      live: false,
      batchSize: PULL_PAGE_SIZE,
    });
    await down.awaitInSync();
    const pull = performance.now() - t1;
    await down.cancel();
    const docs = await fresh.areas.find().exec();
    problems.check(
      hashRecords(docs.map((d) => ({ id: d.id as string, data: d.toJSON() }))) === expectedHash,
      "RxDB: content hash differs",
    );
    await local.remove();
    await fresh.remove();
    return { push, pull };
  } finally {
    await wss.close();
    await serverDb.remove();
  }
}

// ----- the floor: a bare node:http endpoint that JSON.parses the same batches --------------------

async function floorRound(problems: Problems) {
  let parsed = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { mutations: unknown[] };
      parsed += body.mutations.length;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  const port = await listen(server);
  try {
    const deviceId = ulid();
    const t0 = performance.now();
    for (let i = 0; i < areas.length; i += PUSH_BATCH_SIZE) {
      const mutations = areas.slice(i, i + PUSH_BATCH_SIZE).map((entity, j) => ({
        mutationId: ulid(),
        deviceSeq: i + j + 1,
        type: "area.upsert",
        typeVersion: 1,
        args: { entity },
        actorUserId: deviceId,
        clientCreatedAt: NOW.toISOString(),
      }));
      const res = await fetch(`http://127.0.0.1:${port}/push`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ deviceId, mutations }),
      });
      await res.json();
    }
    const ms = performance.now() - t0;
    problems.check(parsed === areas.length, `floor parsed ${parsed} of ${areas.length}`);
    return ms;
  } finally {
    await closeServer(server);
  }
}

// ----- the run ----------------------------------------------------------------------------------

const r2 = (x: number) => Number(x.toFixed(2));
const r0 = (x: number) => Math.round(x);

export async function runB1(): Promise<BenchResult[]> {
  const problems = new Problems();
  const notes: string[] = [];
  const s = {
    oursPush: [] as number[],
    oursPushLane: [] as number[],
    oursPushHttp: [] as number[],
    oursPull: [] as number[],
    oursOutboxSetup: [] as number[],
    floor: [] as number[],
    rxPush: [] as number[],
    rxPull: [] as number[],
    ...Object.fromEntries(
      POUCH_BATCHES.flatMap((b) => [
        [`pouch${b}Push`, []],
        [`pouch${b}Pull`, []],
      ]),
    ),
  } as Record<string, number[]>;
  const counts: OurRound[] = [];
  const pouchCounts: Record<string, { push: number; pull: number }> = {};
  let rxError: string | undefined;

  // One warm-up of every side, then ROUNDS interleaved rounds (ours, floor, pouch ×3, rxdb).
  for (let round = 0; round <= ROUNDS; round++) {
    const warm = round === 0;
    setRoundRecords(warm ? fullAreas.slice(0, Math.ceil(N / 10)) : fullAreas);
    const ours = await oursRound(problems);
    if (!warm) counts.push(ours);
    const floor = await floorRound(problems);
    const pouch = [];
    for (const b of POUCH_BATCHES) {
      const p = await pouchRound(b, problems);
      pouchCounts[b] = { push: p.pushRequests, pull: p.pullRequests };
      pouch.push([b, p] as const);
    }
    let rx: { push: number; pull: number } | undefined;
    if (rxError === undefined) {
      try {
        rx = await rxRound(problems);
      } catch (error) {
        rxError = String(error instanceof Error ? error.message : error);
        if (process.env.B1_DEBUG) console.error(error);
      }
    }
    if (warm) continue;
    s.oursPush?.push(r0(ours.push));
    s.oursPushLane?.push(r0(ours.pushLane));
    s.oursPushHttp?.push(r0(ours.pushHttp));
    s.oursPull?.push(r0(ours.pull));
    s.oursOutboxSetup?.push(r0(ours.outboxSetup));
    s.floor?.push(r0(floor));
    for (const [b, p] of pouch) {
      s[`pouch${b}Push`]?.push(r0(p.push));
      s[`pouch${b}Pull`]?.push(r0(p.pull));
    }
    if (rx) {
      s.rxPush?.push(r0(rx.push));
      s.rxPull?.push(r0(rx.pull));
    }
  }
  await (await startPouchServer()).close();
  pouchServer = undefined;
  if (rxError) notes.push(`RxDB not measured: ${rxError}`);

  const m = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length ? r0(median(v)) : NaN]));
  const bestPouchPush = Math.min(...POUCH_BATCHES.map((b) => m[`pouch${b}Push`] as number));
  const bestPouchPull = Math.min(...POUCH_BATCHES.map((b) => m[`pouch${b}Pull`] as number));
  const pushVsPouch = (m.oursPush as number) / bestPouchPush;
  const pushVsRx = (m.oursPush as number) / (m.rxPush as number);
  const pushVsFloor = (m.oursPush as number) / (m.floor as number);
  const pullVsPouch = (m.oursPull as number) / bestPouchPull;
  const contentOk = problems.list.length === 0;
  const common = [
    `${N} records, ${ROUNDS} interleaved rounds (ours, floor, PouchDB 100/500/1000, RxDB) after one warm-up round of ${Math.ceil(N / 10)} records (a tenth, to keep B1 near its time budget); ours = SyncEngine.syncOnce() over fake-indexeddb against createApp on a SQLite file over loopback HTTP`,
    `ours push time is the whole syncOnce (push lane, then the pull of the cycle) until the outbox is empty; oursPushLane is the push requests alone (until the last push answer); oursPushHttp is the sum of push request round trips (HTTP + server), the rest of the lane is phone-side work`,
    ...notes,
    ...problems.list,
  ];

  const pick = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, s[k] ?? []]));
  const pickM = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, m[k] as number]));
  const pouchKeys = (dir: "Push" | "Pull") => POUCH_BATCHES.map((b) => `pouch${b}${dir}`);

  const pushRequestLimit = Math.ceil(N / PUSH_BATCH_SIZE) + 2;
  const pullRequestLimit = Math.ceil(N / PULL_PAGE_SIZE) + 2;
  const maxPush = Math.max(...counts.map((c) => c.pushRequests));
  const maxPullInPush = Math.max(...counts.map((c) => c.pullRequestsInPush));
  const maxPull = Math.max(...counts.map((c) => c.pullRequests));
  const noopOk = counts.every((c) => c.noop.push <= 1 && c.noop.pull === 1);

  const results: BenchResult[] = [
    {
      id: "B1-push",
      what: `push ${N} records from a full outbox (ms)`,
      samples: pick([
        "oursPush",
        "oursPushLane",
        "oursPushHttp",
        "oursOutboxSetup",
        ...pouchKeys("Push"),
        "rxPush",
        "floor",
      ]),
      medians: pickM([
        "oursPush",
        "oursPushLane",
        "oursPushHttp",
        "oursOutboxSetup",
        ...pouchKeys("Push"),
        "rxPush",
        "floor",
      ]),
      ratios: {
        "ours/bestPouch": r2(pushVsPouch),
        "ours/rxdb": r2(pushVsRx),
        "ours/floor": r2(pushVsFloor),
        "oursPushLane/bestPouch": r2((m.oursPushLane as number) / bestPouchPush),
      },
      goal: "ours ≤ 0.25× best PouchDB batch, ≤ 1× RxDB, ≤ 10× the bare floor; content hashes equal",
      passed:
        contentOk && pushVsPouch <= 0.25 && pushVsFloor <= 10 && (rxError !== undefined || pushVsRx <= 1),
      notes: [...common, ...(rxError ? ["the RxDB part of this goal is not measured"] : [])],
    },
    {
      id: "B1-pull",
      what: `pull ${N} records into a fresh phone (ms)`,
      samples: pick(["oursPull", ...pouchKeys("Pull"), "rxPull"]),
      medians: pickM(["oursPull", ...pouchKeys("Pull"), "rxPull"]),
      ratios: {
        "ours/bestPouch": r2(pullVsPouch),
        "ours/rxdb": r2((m.oursPull as number) / (m.rxPull as number)),
      },
      goal: "ours ≤ 0.25× best PouchDB batch; the fresh phone's content hash equals the server's",
      passed: contentOk && pullVsPouch <= 0.25,
      notes: common,
    },
    {
      id: "B1-requests",
      what: "requests per direction: bulk push, bulk pull, no-op sync",
      samples: {
        pushRequests: counts.map((c) => c.pushRequests),
        pullRequestsInPushCycle: counts.map((c) => c.pullRequestsInPush),
        pullRequests: counts.map((c) => c.pullRequests),
        noopPush: counts.map((c) => c.noop.push),
        noopPull: counts.map((c) => c.noop.pull),
        ...Object.fromEntries(
          Object.entries(pouchCounts).flatMap(([b, c]) => [
            [`pouch${b}PushRequests`, [c.push]],
            [`pouch${b}PullRequests`, [c.pull]],
          ]),
        ),
      },
      medians: {
        pushRequests: maxPush,
        pushRequestLimit,
        pullRequests: maxPull,
        pullRequestLimit,
        pullRequestsInPushCycle: maxPullInPush,
      },
      ratios: {},
      goal: `push ≤ ceil(N/${PUSH_BATCH_SIZE})+2 = ${pushRequestLimit}; pull ≤ ceil(N/${PULL_PAGE_SIZE})+2 = ${pullRequestLimit}; no-op: ≤ 1 push and exactly 1 pull`,
      passed:
        contentOk &&
        maxPush <= pushRequestLimit &&
        maxPull <= pullRequestLimit &&
        maxPullInPush <= pullRequestLimit &&
        noopOk,
      notes: common,
    },
  ];
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runB1()) process.stdout.write(`${JSON.stringify(r)}\n`);
  process.exit(0);
}
