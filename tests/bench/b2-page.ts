// B2's page (shared/design/BENCHMARKS.md): runs inside Chromium, bundled by b2-write-path.ts with
// esbuild from the app's own modules (the db stores the UI calls), never part of the app's build.
// Each function makes a fresh database, does its work, returns milliseconds measured with
// performance.now(), and deletes the database. The raw peers use bare IndexedDB with the same
// records and the same durability as the app ("strict", db.ts). Two kinds of raw peer:
// - "one-row raw" (BENCHMARKS.md's peers as written): the record alone, in a store of its own;
// - "same-rows raw": the rows our code writes (mirror + view + cursor for an import; outbox +
//   view + counter for a save), built with the app's own derivation outside the timed part,
//   written with bare IndexedDB into a database with the app's stores and indexes (db.ts schema)
//   and with the same transaction boundaries: the library-free floor of this design.
import { monotonicFactory } from "ulidx";
import {
  type OutboxRow,
  openDb,
  type SafetyRoundsDb,
  type SyncStateRow,
  type ViewRow,
} from "../../src/client/db/db.ts";
import {
  deriveView,
  entityKey,
  loadMutationRegistry,
  type MutationRegistry,
  viewKey,
} from "../../src/client/db/entity-view.ts";
import { applyPulledPage, readSyncState } from "../../src/client/db/mirror-store.ts";
import { freshSyncState } from "../../src/client/db/mutation-store.ts";
import { getEntry, listEntries } from "../../src/client/db/reference-view.ts";
import { actOnHazard, recordRound, reportHazard } from "../../src/client/db/safety-edits.ts";
import { listHazardsToVerify, listOpenHazards, listRounds } from "../../src/client/db/safety-view.ts";
import { tokenVault } from "../../src/client/db/token-vault.ts";
import { hazardDeadline } from "../../src/domain/hazard-deadline.ts";
import type { Hazard } from "../../src/domain/hazard-machine.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "../../src/domain/time-slots.ts";
import type { RoundInput, RoundItem, RoundRecord } from "../../src/protocol/safety.ts";
import type { Change } from "../../src/protocol/sync.ts";

const DURABILITY: IDBTransactionDurability = "strict";
const PAGE = 500;
const SETTINGS = { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS };

// ----- seeded data, the same for every side ---------------------------------------------------

function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(42);
const ulid = monotonicFactory(random);
const T0 = Date.parse("2025-12-01T00:00:00Z");
let idTime = T0;
const nextId = () => ulid(idTime++);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;

const NOTES = [
  "一切正常",
  "地面有水已拖干",
  "灯管闪烁 light flickering",
  "门锁松动 latch loose",
  "无异常 nothing found",
];
const PLACES = ["教学楼楼梯", "二楼走廊栏杆", "操场篮球架", "食堂后门", "男生宿舍三楼", "校门口斑马线"];
const KINDS = ["morning", "noon", "evening"] as const;

const SCHOOL = nextId();
const STAFF = Array.from({ length: 30 }, () => nextId());
const ACTOR = STAFF[0] as string;
const AREAS = Array.from({ length: 40 }, () => nextId());
const CLASSES = Array.from({ length: 12 }, () => nextId());

/** School days: weekdays from 2025-12-01 on. */
function schoolDays(count: number): string[] {
  const days: string[] = [];
  for (let d = new Date(T0); days.length < count; d = new Date(d.getTime() + 86_400_000)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

function roundRecord(date: string, areaId: string, round: (typeof KINDS)[number], items: RoundItem[] = []) {
  const record: RoundRecord = {
    id: nextId(),
    areaId,
    round,
    date,
    items,
    note: pick(NOTES),
    photos: [],
    hazardIds: [],
    checkedBy: pick(STAFF),
    checkedAt: `${date}T08:00:00.000+08:00`,
  } as RoundRecord;
  return record;
}

function roundItem(i: number): RoundItem {
  return {
    itemId: nextId(),
    labelZh: `检查项 ${i}：消防通道畅通`,
    labelEn: `Item ${i}: exits clear`,
    ok: i % 7 !== 0,
    note: "",
  } as RoundItem;
}

let serverSeq = 1;
function change(entityType: Change["entityType"], entityId: string, data: unknown): Change {
  return { serverSeq: serverSeq++, entityType, entityId, op: "upsert", version: 1, data } as Change;
}

/** 10,000 round records (~250 B of JSON each, Chinese and English text) as pulled changes. */
const importDays = schoolDays(84);
const IMPORT: Change[] = Array.from({ length: 10_000 }, (_, i) => {
  const r = roundRecord(
    importDays[Math.floor(i / 120)] as string,
    AREAS[i % 40] as string,
    KINDS[Math.floor(i / 40) % 3] as (typeof KINDS)[number],
  );
  return change("round", r.id, r);
});

// ----- helpers ----------------------------------------------------------------------------------

let dbCount = 0;
const freshName = (what: string) => `b2-${what}-${Date.now()}-${dbCount++}`;

async function freshAppDb(what: string): Promise<SafetyRoundsDb> {
  const db = openDb(freshName(what));
  await db.open();
  await db.accounts.put({
    userId: ACTOR,
    schoolId: SCHOOL,
    schoolCode: "bench",
    schoolName: "基准小学",
    login: "duty",
    name: "张值日",
    roles: ["duty_teacher"],
    sealedToken: null,
    tokenExpiresAt: null,
    pinLength: null,
    pinFailures: 0,
    mustChangePassword: false,
    needsLogin: false,
    isSignedOut: false,
    lastUsedAt: 0,
  });
  tokenVault(db).put(ACTOR, "t");
  return db;
}

async function dropAppDb(db: SafetyRoundsDb) {
  db.close();
  await db.delete();
}

function openRaw(name: string, stores: Record<string, string[]>): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const [store, keyPath] of Object.entries(stores)) req.result.createObjectStore(store, { keyPath });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * A bare IndexedDB connection to a fresh database with the app's stores and indexes: Dexie
 * creates it from db.ts's schema and closes; the peer never goes through Dexie after that.
 */
async function openRawAppSchema(what: string): Promise<IDBDatabase> {
  const name = freshName(what);
  const made = openDb(name);
  await made.open();
  made.close();
  return rawOpenExisting(name);
}

function dropRaw(db: IDBDatabase): Promise<void> {
  db.close();
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(db.name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** Long tasks (> 50 ms on the main thread) seen while `run` runs. */
async function withLongTasks<T>(run: () => Promise<T>): Promise<{ result: T; longTasks: number[] }> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(Math.round(e.duration));
  });
  observer.observe({ type: "longtask" });
  const result = await run();
  await new Promise((r) => setTimeout(r, 50));
  for (const e of observer.takeRecords()) longTasks.push(Math.round(e.duration));
  observer.disconnect();
  return { result, longTasks };
}

// ----- import 10,000 records --------------------------------------------------------------------

async function importOurs(): Promise<number> {
  const db = await freshAppDb("import");
  try {
    const t0 = performance.now();
    for (let i = 0; i < IMPORT.length; i += PAGE) {
      const changes = IMPORT.slice(i, i + PAGE);
      await applyPulledPage(db, SCHOOL, { changes, nextCursor: String(i + PAGE) });
    }
    const ms = performance.now() - t0;
    const n = await db.view.count();
    if (n !== IMPORT.length) throw new Error(`import: ${n} view rows, expected ${IMPORT.length}`);
    return ms;
  } finally {
    await dropAppDb(db);
  }
}

async function importRaw(): Promise<number> {
  const db = await openRaw(freshName("import-raw"), { records: ["entityType", "entityId"] });
  try {
    const t0 = performance.now();
    const tx = db.transaction("records", "readwrite", { durability: DURABILITY });
    const store = tx.objectStore("records");
    for (const c of IMPORT)
      store.put({
        entityType: c.entityType,
        entityId: c.entityId,
        schoolId: SCHOOL,
        data: c.data,
        version: c.version,
        serverSeq: c.serverSeq,
      });
    await done(tx);
    return performance.now() - t0;
  } finally {
    await dropRaw(db);
  }
}

/**
 * Same-rows raw: what applyPulledPage writes for each page, with bare IndexedDB: the page's
 * mirror rows, its view rows (equal to the mirror's data: nothing is pending on a fresh phone)
 * and the cursor row, one transaction per page of 500 (SYNC S5), into the app's schema.
 */
async function importRawSameRows(): Promise<number> {
  const db = await openRawAppSchema("import-raw-same");
  try {
    const t0 = performance.now();
    for (let i = 0; i < IMPORT.length; i += PAGE) {
      const tx = db.transaction(["mirror", "view", "syncState"], "readwrite", { durability: DURABILITY });
      const mirror = tx.objectStore("mirror");
      const view = tx.objectStore("view");
      for (const c of IMPORT.slice(i, i + PAGE)) {
        mirror.put({
          entityType: c.entityType,
          entityId: c.entityId,
          schoolId: SCHOOL,
          data: c.data,
          version: c.version,
          serverSeq: c.serverSeq,
        });
        view.put({
          entityType: c.entityType,
          entityId: c.entityId,
          schoolId: SCHOOL,
          data: c.data,
          version: c.version,
          serverVersion: c.version,
          hasPendingChanges: false,
          key: viewKey(c.entityType, c.data),
        } satisfies ViewRow);
      }
      tx.objectStore("syncState").put({
        ...freshSyncState(SCHOOL),
        cursor: String(i + PAGE),
        lastPullAt: Date.now(),
      } satisfies SyncStateRow);
      await done(tx);
    }
    const ms = performance.now() - t0;
    const count = await new Promise<number>((resolve, reject) => {
      const req = db.transaction("view").objectStore("view").count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (count !== IMPORT.length) throw new Error(`raw import: ${count} view rows, expected ${IMPORT.length}`);
    return ms;
  } finally {
    await dropRaw(db);
  }
}

// ----- 1,000 single saves -------------------------------------------------------------------------

const actor = { actorUserId: ACTOR, schoolId: SCHOOL };

function roundInput(items = 0): RoundInput {
  const {
    checkedBy: _by,
    checkedAt: _at,
    ...input
  } = roundRecord(
    "2026-03-02",
    pick(AREAS),
    pick(KINDS),
    Array.from({ length: items }, (_, i) => roundItem(i + 1)),
  );
  return input as RoundInput;
}

function hazardInput() {
  return {
    id: nextId(),
    areaId: pick(AREAS),
    place: pick(PLACES),
    severity: "general" as const,
    description: `${pick(PLACES)} ${pick(NOTES)}`,
    photos: [],
    roundId: null,
    checklistItemId: null,
    assigneeId: null,
  };
}

/** `n` saves as the pages make them: a round, a hazard report, a step on that hazard, … */
async function savesOurs(n: number): Promise<number[]> {
  const db = await freshAppDb("saves");
  const latencies: number[] = [];
  let lastHazard = "";
  try {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if (i % 3 === 0) await recordRound(db, actor, roundInput(1));
      else if (i % 3 === 1) {
        const h = hazardInput();
        lastHazard = h.id;
        await reportHazard(db, actor, h as Parameters<typeof reportHazard>[2], SETTINGS);
      } else await actOnHazard(db, actor, lastHazard, { kind: "comment", text: "已通知总务处", photos: [] });
      latencies.push(performance.now() - t0);
    }
    return latencies;
  } finally {
    await dropAppDb(db);
  }
}

/** The same records, each put in a transaction of its own. */
async function savesRaw(n: number): Promise<number[]> {
  const db = await openRaw(freshName("saves-raw"), { records: ["id"] });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const record =
        i % 3 === 0
          ? roundInput(1)
          : i % 3 === 1
            ? hazardInput()
            : { id: nextId(), kind: "comment", text: "已通知总务处", photos: [] };
      const t0 = performance.now();
      const tx = db.transaction("records", "readwrite", { durability: DURABILITY });
      tx.objectStore("records").put(record);
      await done(tx);
      latencies.push(performance.now() - t0);
    }
    return latencies;
  } finally {
    await dropRaw(db);
  }
}

/** The rows one of our saves writes: its outbox entry, the entity's view row, the counter row. */
interface SaveRows {
  outbox: OutboxRow;
  view: ViewRow;
  state: SyncStateRow;
}

/**
 * The rows savesOurs' saves write, save by save (a round, a hazard report, a step on that
 * hazard …), made with the app's own code outside any timing: the arguments parsed by the
 * registry, the outbox row as mutate() builds it, the view row from deriveView over the
 * entity's earlier entries, the counter row with the next deviceSeq.
 */
function sameRowsOfSaves(registry: MutationRegistry, n: number): SaveRows[] {
  const out: SaveRows[] = [];
  const entriesOf = new Map<string, OutboxRow[]>();
  let lastHazard = "";
  let seq = 1;
  for (let i = 0; i < n; i++) {
    const now = Date.now();
    let type: string;
    let args: unknown;
    if (i % 3 === 0) {
      type = "round.record";
      args = { round: roundInput(1) };
    } else if (i % 3 === 1) {
      const h = hazardInput();
      lastHazard = h.id;
      const deadline = hazardDeadline(new Date(now), effectiveSettings(SETTINGS)).toISOString();
      type = "hazard.report";
      args = { hazard: { ...h, deadline, alertId: null } };
    } else {
      type = "hazard.act";
      args = { hazardId: lastHazard, action: { kind: "comment", text: "已通知总务处", photos: [] } };
    }
    const def = registry.mutationDef(type);
    if (!def) throw new Error(`no mutation ${type}`);
    const parsed = def.args.parse(args) as Record<string, unknown>;
    const touchKeys = def.touches(parsed).map(entityKey);
    const outbox: OutboxRow = {
      mutationId: ulid(now),
      deviceSeq: seq,
      type: def.type,
      typeVersion: def.typeVersion,
      args: parsed,
      actorUserId: ACTOR,
      schoolId: SCHOOL,
      clientCreatedAt: new Date(now).toISOString(),
      status: "pending",
      attempts: 0,
      createdAt: now,
      touchKeys,
    };
    const ref = def.touches(parsed)[0];
    if (!ref) throw new Error(`${type} touches nothing`);
    const earlier = entriesOf.get(entityKey(ref)) ?? [];
    const derived = deriveView(registry, { refs: [ref], mirrored: [undefined], touching: earlier }, [outbox]);
    const view = derived.puts[0];
    if (!view) throw new Error(`${type}: no view row`);
    entriesOf.set(entityKey(ref), [...earlier, outbox]);
    seq++;
    out.push({ outbox, view, state: { ...freshSyncState(SCHOOL), nextDeviceSeq: seq } });
  }
  return out;
}

/**
 * Same-rows raw: each save's rows (counter, outbox entry, view row) written with bare
 * IndexedDB in one transaction of their own into the app's schema; no reads (the floor).
 */
async function savesRawSameRows(n: number): Promise<number[]> {
  const rows = sameRowsOfSaves(await loadMutationRegistry(), n);
  const db = await openRawAppSchema("saves-raw-same");
  const latencies: number[] = [];
  try {
    for (const { outbox, view, state } of rows) {
      const t0 = performance.now();
      const tx = db.transaction(["outbox", "view", "syncState"], "readwrite", { durability: DURABILITY });
      tx.objectStore("syncState").put(state);
      tx.objectStore("outbox").add(outbox);
      tx.objectStore("view").put(view);
      await done(tx);
      latencies.push(performance.now() - t0);
    }
    return latencies;
  } finally {
    await dropRaw(db);
  }
}

/**
 * Diagnostic, not a peer: the same rows, but with the reads a save makes first (the account,
 * the counter, the entity's mirror row, the outbox entries touching it), all bare IndexedDB in
 * one transaction over mutate's six stores: this design's floor including its reads.
 */
async function rawSameRowsWithReads(db: IDBDatabase, { outbox, view, state }: SaveRows): Promise<void> {
  const tx = db.transaction(
    ["outbox", "view", "mirror", "syncState", "accounts", "urgentAlerts"],
    "readwrite",
    { durability: DURABILITY },
  );
  const ask = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const key = outbox.touchKeys[0] as string;
  await Promise.all([
    ask(tx.objectStore("accounts").get(ACTOR)),
    ask(tx.objectStore("syncState").get(SCHOOL)),
    ask(tx.objectStore("mirror").get([view.entityType, view.entityId])),
    ask(tx.objectStore("outbox").index("touchKeys").getAll(key)),
  ]);
  tx.objectStore("syncState").put(state);
  tx.objectStore("outbox").add(outbox);
  tx.objectStore("view").put(view);
  await done(tx);
}

// ----- 60 rows at once (stand-in for a roll call of 60 pupils, issue #6) --------------------------

/** One save of a 60-item round (one mutation: record + outbox, one transaction); median of `reps`. */
async function sixtyOurs(reps: number): Promise<number> {
  const db = await freshAppDb("sixty");
  const ms: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const input = roundInput(60);
      const t0 = performance.now();
      await recordRound(db, actor, input);
      ms.push(performance.now() - t0);
    }
    return medianOf(ms);
  } finally {
    await dropAppDb(db);
  }
}

/** 60 separate mutations back to back (one per pupil): for comparison only. */
async function sixtyMutations(reps: number): Promise<number> {
  const db = await freshAppDb("sixty-m");
  const ms: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const inputs = Array.from({ length: 60 }, () => roundInput(1));
      const t0 = performance.now();
      for (const input of inputs) await recordRound(db, actor, input);
      ms.push(performance.now() - t0);
    }
    return medianOf(ms);
  } finally {
    await dropAppDb(db);
  }
}

/** A raw put of 60 rows (the 60 items) in one transaction; median of `reps`. */
async function sixtyRaw(reps: number): Promise<number> {
  const db = await openRaw(freshName("sixty-raw"), { rows: ["itemId"] });
  const ms: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const rows = Array.from({ length: 60 }, (_, i) => roundItem(i + 1));
      const t0 = performance.now();
      const tx = db.transaction("rows", "readwrite", { durability: DURABILITY });
      const store = tx.objectStore("rows");
      for (const row of rows) store.put(row);
      await done(tx);
      ms.push(performance.now() - t0);
    }
    return medianOf(ms);
  } finally {
    await dropRaw(db);
  }
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

// ----- the board over a year of a school's data ------------------------------------------------------

const YEAR_NAME = freshName("year");
const YEAR_DAYS = schoolDays(200);
/** The day the board shows: a school day in the middle of the year. */
const BOARD_DATE = YEAR_DAYS[150] as string;

function hazardEntity(i: number, date: string, state: Hazard["state"]): Hazard {
  const foundAt = `${date}T09:30:00.000+08:00`;
  const id = nextId();
  return {
    id,
    areaId: AREAS[i % 40] as string,
    place: pick(PLACES),
    severity: i % 50 === 0 ? "major" : "general",
    description: `${pick(PLACES)} ${pick(NOTES)}`,
    photos: [],
    reportedBy: pick(STAFF),
    foundAt,
    roundId: null,
    checklistItemId: null,
    state,
    assigneeId: pick(STAFF),
    deadline: `${date}T21:00:00.000+08:00`,
    deadlineSetBy: null,
    control: null,
    nightOwnerId: null,
    rectification:
      state === "rectified" || state === "closed"
        ? { text: "已修好", photos: [], by: pick(STAFF), at: `${date}T15:00:00.000+08:00` }
        : null,
    closedBy: state === "closed" ? pick(STAFF) : null,
    closedAt: state === "closed" ? `${date}T17:00:00.000+08:00` : null,
    alertId: null,
    history: [{ id: nextId(), kind: "report", by: pick(STAFF), at: foundAt, to: "reported" }],
  } as Hazard;
}

/** ≈200 school days × 40 areas × 3 rounds and 600 hazards, through applyPulledPage. */
async function fillYear(): Promise<{ ms: number; rounds: number; hazards: number; viewRows: number }> {
  const changes: Change[] = [
    change("school", SCHOOL, { id: SCHOOL, code: "bench", name: "基准小学", settings: SETTINGS }),
    ...STAFF.map((id, i) =>
      change("staff", id, {
        id,
        login: `s${i}`,
        name: `老师${i}`,
        roles: ["class_teacher"],
        phone: null,
        isActive: true,
      }),
    ),
    ...CLASSES.map((id, i) =>
      change("class", id, { id, grade: (i % 6) + 1, name: `${(i % 2) + 1}班`, classTeacherId: STAFF[i] }),
    ),
    ...AREAS.map((id, i) =>
      change("area", id, {
        id,
        name: `${pick(PLACES)} ${i}`,
        kind: i < 12 ? "classroom" : i < 34 ? "campus" : "perimeter",
        responsibleStaffId: STAFF[i % 30],
        parentAreaId: null,
        classId: i < 12 ? CLASSES[i] : null,
      }),
    ),
  ];
  let rounds = 0;
  for (const date of YEAR_DAYS) {
    for (const kind of KINDS) {
      for (const areaId of AREAS) {
        const r = roundRecord(date, areaId, kind, [roundItem(1), roundItem(2)]);
        changes.push(change("round", r.id, r));
        rounds++;
      }
    }
  }
  for (let i = 0; i < 600; i++) {
    const date = YEAR_DAYS[Math.floor((i / 600) * YEAR_DAYS.length)] as string;
    const state: Hazard["state"] =
      i >= 588
        ? i % 3 === 0
          ? "reported"
          : i % 3 === 1
            ? "assigned"
            : "controlled"
        : i >= 580
          ? "rectified"
          : "closed";
    const h = hazardEntity(i, date, state);
    changes.push(change("hazard", h.id, h));
  }
  const db = openDb(YEAR_NAME);
  const t0 = performance.now();
  for (let i = 0; i < changes.length; i += PAGE) {
    await applyPulledPage(db, SCHOOL, { changes: changes.slice(i, i + PAGE), nextCursor: String(i) });
  }
  const ms = performance.now() - t0;
  const viewRows = await db.view.count();
  db.close();
  return { ms, rounds, hazards: 600, viewRows };
}

let yearDb: SafetyRoundsDb | undefined;

async function boardReads(db: SafetyRoundsDb) {
  const [school, staff, areas, classes, records, open, verify, state] = await Promise.all([
    getEntry(db, "school", SCHOOL),
    listEntries(db, SCHOOL, "staff"),
    listEntries(db, SCHOOL, "area"),
    listEntries(db, SCHOOL, "class"),
    listRounds(db, SCHOOL, BOARD_DATE),
    listOpenHazards(db, SCHOOL),
    listHazardsToVerify(db, SCHOOL),
    readSyncState(db, SCHOOL),
  ]);
  return {
    school: Boolean(school),
    staff: staff.length,
    areas: areas.length,
    classes: classes.length,
    rounds: records.length,
    open: open.length,
    verify: verify.length,
    cursor: state.cursor !== null,
  };
}

/** The board's reads with a database opened just before (as at app start), in ms. */
async function boardOursCold(): Promise<{ ms: number; counts: Awaited<ReturnType<typeof boardReads>> }> {
  yearDb?.close();
  const t0 = performance.now();
  yearDb = openDb(YEAR_NAME);
  const counts = await boardReads(yearDb);
  return { ms: performance.now() - t0, counts };
}

/** The same reads on the open database (moving between pages). */
async function boardOursWarm(): Promise<number> {
  yearDb ??= openDb(YEAR_NAME);
  const t0 = performance.now();
  await boardReads(yearDb);
  return performance.now() - t0;
}

let rawYear: IDBDatabase | undefined;

function rawOpenExisting(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The same reads with bare IndexedDB on the same database and indexes, in one transaction. */
async function rawBoardReads(db: IDBDatabase) {
  const tx = db.transaction(["view", "syncState"], "readonly");
  const view = tx.objectStore("view");
  const byKey = view.index("[schoolId+entityType+key]");
  const byType = view.index("[schoolId+entityType]");
  const get = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const range = (type: string, lo: string, hi: string) =>
    IDBKeyRange.bound([SCHOOL, type, lo], [SCHOOL, type, hi]);
  const results = await Promise.all([
    get(view.get(["school", SCHOOL])),
    get(byType.getAll([SCHOOL, "staff"])),
    get(byType.getAll([SCHOOL, "area"])),
    get(byType.getAll([SCHOOL, "class"])),
    get(byKey.getAll(range("round", BOARD_DATE, BOARD_DATE))),
    get(byKey.getAll(range("hazard", "open:", "open:\uffff"))),
    get(byKey.getAll(range("hazard", "verify:", "verify:\uffff"))),
    get(tx.objectStore("syncState").get(SCHOOL)),
  ]);
  return (results[4] as unknown[]).length;
}

async function boardRawCold(): Promise<number> {
  rawYear?.close();
  const t0 = performance.now();
  rawYear = await rawOpenExisting(YEAR_NAME);
  await rawBoardReads(rawYear);
  return performance.now() - t0;
}

async function boardRawWarm(): Promise<number> {
  rawYear ??= await rawOpenExisting(YEAR_NAME);
  const t0 = performance.now();
  await rawBoardReads(rawYear);
  return performance.now() - t0;
}

async function dropYear(): Promise<void> {
  yearDb?.close();
  rawYear?.close();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(YEAR_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

// ----- where a single save's time goes (diagnostics printed with the results) --------------------

async function profileSave(n: number): Promise<Record<string, number>> {
  const db = await freshAppDb("profile");
  const raw = await openRaw(freshName("profile-raw"), { records: ["id"] });
  const out: Record<string, number[]> = {
    save: [],
    dexiePut1: [],
    dexieEmpty6: [],
    dexiePut3: [],
    rawPut: [],
    rawPut3: [],
    rawSameRows: [],
    rawSameRowsWithReads: [],
  };
  const time = async (name: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    out[name]?.push(performance.now() - t0);
  };
  const raw3 = await openRaw(freshName("profile-raw3"), { a: ["id"], b: ["id"], c: ["id"] });
  const sameDb = await openRawAppSchema("profile-same");
  const readsDb = await openRawAppSchema("profile-reads");
  const sameRows = sameRowsOfSaves(await loadMutationRegistry(), 3 * n);
  try {
    for (let i = 0; i < n; i++) {
      await time("save", () => recordRound(db, actor, roundInput(1)));
      await time("dexiePut1", () =>
        db.transaction("rw", db.mirror, () =>
          db.mirror.put({
            entityType: "round",
            entityId: nextId(),
            schoolId: SCHOOL,
            data: roundInput(1),
            version: 1,
            serverSeq: 1,
          }),
        ),
      );
      await time("dexieEmpty6", () =>
        db.transaction(
          "rw",
          [db.outbox, db.view, db.mirror, db.syncState, db.accounts, db.urgentAlerts],
          async () => {},
        ),
      );
      await time("dexiePut3", () =>
        db.transaction("rw", [db.outbox, db.view, db.mirror], () =>
          Promise.all([
            db.mirror.put({
              entityType: "round",
              entityId: nextId(),
              schoolId: SCHOOL,
              data: roundInput(1),
              version: 1,
              serverSeq: 1,
            }),
            db.view.put({
              entityType: "round",
              entityId: nextId(),
              schoolId: SCHOOL,
              data: roundInput(1),
              version: 1,
              serverVersion: 1,
              hasPendingChanges: false,
            }),
          ]),
        ),
      );
      await time("rawPut", async () => {
        const tx = raw.transaction("records", "readwrite", { durability: DURABILITY });
        tx.objectStore("records").put(roundInput(1));
        await done(tx);
      });
      await time("rawPut3", async () => {
        const tx = raw3.transaction(["a", "b", "c"], "readwrite", { durability: DURABILITY });
        tx.objectStore("a").put(roundInput(1));
        tx.objectStore("b").put(roundInput(1));
        tx.objectStore("c").put(roundInput(1));
        await done(tx);
      });
      // Rounds only (every third row), like `save`.
      const rows = sameRows[3 * i] as SaveRows;
      await time("rawSameRows", async () => {
        const tx = sameDb.transaction(["outbox", "view", "syncState"], "readwrite", {
          durability: DURABILITY,
        });
        tx.objectStore("syncState").put(rows.state);
        tx.objectStore("outbox").add(rows.outbox);
        tx.objectStore("view").put(rows.view);
        await done(tx);
      });
      await time("rawSameRowsWithReads", () => rawSameRowsWithReads(readsDb, rows));
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(medianOf(v) * 100) / 100]));
  } finally {
    await dropAppDb(db);
    await dropRaw(raw);
    await dropRaw(raw3);
    await dropRaw(sameDb);
    await dropRaw(readsDb);
  }
}

// ----- what the Node side calls ---------------------------------------------------------------------

const api = {
  importOurs,
  importRaw,
  importRawSameRows,
  importOursLongTasks: () => withLongTasks(importOurs),
  importRawLongTasks: () => withLongTasks(importRaw),
  importRawSameRowsLongTasks: () => withLongTasks(importRawSameRows),
  importBytes: () =>
    Math.round(IMPORT.reduce((n, c) => n + JSON.stringify(c.data).length, 0) / IMPORT.length),
  savesOurs,
  savesRaw,
  savesRawSameRows,
  sixtyOurs,
  sixtyMutations,
  sixtyRaw,
  fillYear,
  boardDate: () => BOARD_DATE,
  boardOursCold,
  boardOursWarm,
  boardRawCold,
  boardRawWarm,
  dropYear,
  profileSave,
};
export type B2Page = typeof api;
(globalThis as unknown as { b2: B2Page }).b2 = api;
