// Shared pieces of the chaos and convergence suites: records to create, what the server and a
// phone hold, and a Dexie middleware that "crashes" a chosen transaction half-way.
import { type DBCore, Dexie, type Middleware } from "dexie";
import { ulid } from "ulidx";
import { type OutboxRow, openDb, type SafetyRoundsDb } from "../../src/client/db/db.ts";
import type { DormRoom, Pupil, SchoolClass } from "../../src/protocol/reference.ts";
import type { Mutation } from "../../src/protocol/sync.ts";
import type { ChaosServer } from "./chaos-server.ts";
import { TestPhone } from "./sync-client.ts";

export function aClass(name: string, grade = 4, id = ulid()): SchoolClass {
  return { id, grade, name, classTeacherId: null } as SchoolClass;
}

export function aDormRoom(name: string, id = ulid()): DormRoom {
  return { id, name, building: "宿舍楼", gender: "female", capacity: 8 } as DormRoom;
}

export function aPupil(studentNo: string, classId: string, dormRoomId: string | null, id = ulid()): Pupil {
  return {
    id,
    studentNo,
    name: `学生${studentNo}`,
    gender: "female",
    classId,
    isBoarder: dormRoomId !== null,
    dormRoomId,
    bed: dormRoomId ? "1号床" : null,
  } as Pupil;
}

export type EntitySnapshot = Map<string, { version: number; data: unknown }>;

/**
 * The school's entities as a brand-new phone pulls them from a fresh cursor (a new device of
 * the school's admin, through the wire, no chaos): the server's truth for comparisons.
 */
export async function serverSnapshot(server: ChaosServer, school = "school-a"): Promise<EntitySnapshot> {
  const fresh = new TestPhone((path, init) => server.request(path, init), school);
  await fresh.login("admin");
  await fresh.pullAll(1000);
  return new Map(fresh.entities);
}

/** The phone's mirror in the same shape as serverSnapshot. */
export async function mirrorSnapshot(db: SafetyRoundsDb, schoolId: string): Promise<EntitySnapshot> {
  const rows = await db.mirror.where("schoolId").equals(schoolId).toArray();
  return new Map(rows.map((r) => [`${r.entityType}/${r.entityId}`, { version: r.version, data: r.data }]));
}

/** Differences between two snapshots, for readable failure messages (empty when equal). */
export function diffSnapshots(expected: EntitySnapshot, actual: EntitySnapshot, limit = 5): string[] {
  const problems: string[] = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (!got) problems.push(`${key}: missing (server has v${want.version})`);
    else if (got.version !== want.version || JSON.stringify(got.data) !== JSON.stringify(want.data))
      problems.push(
        `${key}: v${got.version} ${JSON.stringify(got.data)} ≠ server v${want.version} ${JSON.stringify(want.data)}`,
      );
  }
  for (const key of actual.keys()) if (!expected.has(key)) problems.push(`${key}: not on the server`);
  return problems.slice(0, limit);
}

/** How many stored verdicts the server has per mutation id (S3: exactly one each). */
export async function verdictCounts(server: ChaosServer, schoolId: string): Promise<Map<string, number>> {
  const rows = await server.store.driver.all<{ mutation_id: string; n: number }>(
    "SELECT mutation_id, COUNT(*) AS n FROM mutations WHERE school_id = ? GROUP BY mutation_id",
    [schoolId],
  );
  return new Map(rows.map((r) => [String(r.mutation_id), Number(r.n)]));
}

export async function storedVerdict(server: ChaosServer, mutationId: string) {
  return server.store.driver.get<{
    status: string;
    reason: string | null;
    actor_id: string;
    device_id: string;
    clock_skew_ms: number | null;
    client_created_at: string;
    received_at: number;
  }>(
    "SELECT status, reason, actor_id, device_id, clock_skew_ms, client_created_at, received_at FROM mutations WHERE mutation_id = ?",
    [mutationId],
  );
}

export async function countRows(server: ChaosServer, sql: string, params: Array<string | number> = []) {
  const row = await server.store.driver.get<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

/** An outbox entry as the engine sends it (sync-engine.ts toWire). */
export function toWire(row: OutboxRow): Mutation {
  return {
    mutationId: row.mutationId,
    deviceSeq: row.deviceSeq,
    type: row.type,
    typeVersion: row.typeVersion,
    args: row.args,
    actorUserId: row.actorUserId,
    clientCreatedAt: row.clientCreatedAt,
    ...(row.baseVersion !== undefined ? { baseVersion: row.baseVersion } : {}),
  } as Mutation;
}

/**
 * A Dexie middleware that throws on the (afterWrites + 1)-th row written to `table` once armed:
 * the surrounding transaction aborts as if the app died before it committed. Rows are counted,
 * not calls, so a batch (bulkPut) of n rows is n writes and the crash does not depend on how
 * the store groups its requests; the batch holding that row fails whole. `within` limits it to
 * transactions that also cover that table (e.g. "mirror": the pulled-page transaction).
 * Register it before the database opens (db.use).
 */
export class CrashSwitch {
  private armed: { table: string; afterWrites: number; within?: string; seen: number } | undefined;
  crashes = 0;

  arm(table: string, afterWrites = 0, within?: string): void {
    this.armed = { table, afterWrites, seen: 0, ...(within ? { within } : {}) };
  }

  disarm(): void {
    this.armed = undefined;
  }

  readonly middleware: Middleware<DBCore> = {
    stack: "dbcore",
    name: "chaos-crash",
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req) => {
            const armed = this.armed;
            const stores = (req.trans as unknown as IDBTransaction).objectStoreNames;
            if (armed && armed.table === tableName && (!armed.within || stores.contains(armed.within))) {
              armed.seen += "values" in req ? req.values.length : "keys" in req ? req.keys.length : 1;
              if (armed.seen > armed.afterWrites) {
                this.armed = undefined;
                this.crashes++;
                return Promise.reject(new Error(`simulated crash while writing ${tableName}`));
              }
            }
            return table.mutate(req);
          },
        };
      },
    }),
  };
}

/**
 * The phone's database as the first sync release declared it (db.ts versions 1 and 2, copied
 * here on purpose): the app as it was before an update.
 */
export function openReleaseV2Db(name: string): SafetyRoundsDb {
  const db = new Dexie(name, { chromeTransactionDurability: "strict" }) as SafetyRoundsDb;
  db.version(1).stores({ meta: "key", accounts: "userId, schoolId, lastUsedAt", reference: "schoolId" });
  db.version(2).stores({
    outbox: "mutationId, deviceSeq, [actorUserId+status], status, [schoolId+deviceSeq], schoolId, *touchKeys",
    mirror: "[entityType+entityId], schoolId",
    view: "[entityType+entityId], schoolId, [schoolId+entityType]",
    syncState: "schoolId",
  });
  return db;
}

/**
 * Today's database (openDb) plus one more schema version on top, as the next app update will
 * declare it: a new table, and an upgrade that touches every outbox row.
 */
export function openNextReleaseDb(name: string): SafetyRoundsDb {
  const db = openDb(name);
  db.version(Math.round(db.verno) + 1)
    .stores({ drafts: "id, schoolId" })
    .upgrade((tx) =>
      tx
        .table("outbox")
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row.photoHashes = [];
        }),
    );
  return db;
}
