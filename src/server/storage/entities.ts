// The school's synced records, one row per entity holding its latest state (a compacted change
// log): every write takes the next number of the school's counter, so "changes after cursor N"
// is one indexed range read. In PostgreSQL the counter row stays locked until commit, so
// numbers are handed out in commit order and a pull can never skip a late commit (SYNC.md S5).
import type { EntityType } from "../../protocol/sync.ts";
import { checkRecordBounds } from "./record-bounds.ts";
import type { SqlExecutor } from "./sql-driver.ts";

export interface EntityRow<T = unknown> {
  entityType: EntityType;
  entityId: string;
  version: number;
  serverSeq: number;
  isDeleted: boolean;
  data: T;
}

export interface PutOptions {
  now: Date;
  actorId: string | null;
  /** Unique within the school and type (a login, a student number); null when none. */
  naturalKey?: string | null;
  isDeleted?: boolean;
}

export async function createCounter(tx: SqlExecutor, schoolId: string) {
  await tx.run("INSERT INTO sync_counters (school_id, last_seq) VALUES (?, 0)", [schoolId]);
}

/**
 * Takes the school's change lock for the rest of the transaction (PostgreSQL: the counter row;
 * SQLite has one writer anyway). Every transaction that reads records and then writes them
 * takes it FIRST, so a compare-and-set check and its write see no other writer in between
 * (without it, two edits of version 1 could both pass under READ COMMITTED). Always taken
 * before the device row, in that order, so two transactions never wait on each other.
 */
export async function lockSchoolChanges(tx: SqlExecutor, schoolId: string) {
  await tx.run("UPDATE sync_counters SET last_seq = last_seq WHERE school_id = ?", [schoolId]);
}

/** A school's counter as a transaction holds it: numbers handed out in memory (see below). */
interface HeldCounter {
  schoolId: string;
  taken: number;
  last: number;
}
const held = new WeakMap<SqlExecutor, HeldCounter>();

/**
 * lockSchoolChanges for a transaction that writes many records (a push chunk): the counter is
 * read once as the lock is taken, each record's number is handed out in memory, and the
 * counter is written once at the end — one statement per chunk instead of one per record
 * (B4). Numbers stay in commit order: PostgreSQL holds the counter row locked until commit,
 * SQLite has one writer. A number given to a mutation rolled back to its savepoint is simply
 * never used (pulls read `server_seq > cursor`, gaps are harmless).
 */
export async function withSchoolChanges<T>(
  tx: SqlExecutor,
  schoolId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const row = await tx.get<{ last_seq: number }>(
    "UPDATE sync_counters SET last_seq = last_seq WHERE school_id = ? RETURNING last_seq",
    [schoolId],
  );
  if (!row) throw new Error(`no change counter for school ${schoolId}`);
  const counter: HeldCounter = { schoolId, taken: Number(row.last_seq), last: Number(row.last_seq) };
  held.set(tx, counter);
  try {
    const value = await fn();
    if (counter.last !== counter.taken)
      await tx.run("UPDATE sync_counters SET last_seq = ? WHERE school_id = ?", [counter.last, schoolId]);
    return value;
  } finally {
    // SQLite's executor is one object for every transaction in turn: never leave it behind.
    held.delete(tx);
  }
}

async function nextSeq(tx: SqlExecutor, schoolId: string): Promise<number> {
  const counter = held.get(tx);
  if (counter?.schoolId === schoolId) return ++counter.last;
  const row = await tx.get<{ last_seq: number }>(
    "UPDATE sync_counters SET last_seq = last_seq + 1 WHERE school_id = ? RETURNING last_seq",
    [schoolId],
  );
  if (!row) throw new Error(`no change counter for school ${schoolId}`);
  return Number(row.last_seq);
}

/** Writes the entity's new state; returns its new version and change-log position. */
export async function putEntity(
  tx: SqlExecutor,
  schoolId: string,
  entityType: EntityType,
  entityId: string,
  data: unknown,
  opts: PutOptions,
): Promise<{ version: number; serverSeq: number }> {
  const json = JSON.stringify(data);
  checkRecordBounds(entityType, entityId, data, json);
  const serverSeq = await nextSeq(tx, schoolId);
  const row = await tx.get<{ version: number }>(
    `INSERT INTO entities (school_id, entity_type, entity_id, version, server_seq, is_deleted, natural_key, data, updated_at, updated_by)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (school_id, entity_type, entity_id) DO UPDATE SET
       version = entities.version + 1, server_seq = excluded.server_seq, is_deleted = excluded.is_deleted,
       natural_key = excluded.natural_key, data = excluded.data, updated_at = excluded.updated_at, updated_by = excluded.updated_by
     RETURNING version`,
    [
      schoolId,
      entityType,
      entityId,
      serverSeq,
      opts.isDeleted ? 1 : 0,
      opts.isDeleted ? null : (opts.naturalKey ?? null),
      json,
      opts.now.getTime(),
      opts.actorId,
    ],
  );
  return { version: Number(row?.version), serverSeq };
}

const COLUMNS = "entity_type, entity_id, version, server_seq, is_deleted, data";

function toRow<T>(r: Record<string, unknown>): EntityRow<T> {
  return {
    entityType: r.entity_type as EntityType,
    entityId: String(r.entity_id),
    version: Number(r.version),
    serverSeq: Number(r.server_seq),
    isDeleted: Number(r.is_deleted) === 1,
    data: JSON.parse(String(r.data)) as T,
  };
}

export async function getEntity<T>(
  ex: SqlExecutor,
  schoolId: string,
  entityType: EntityType,
  entityId: string,
) {
  const r = await ex.get(
    `SELECT ${COLUMNS} FROM entities WHERE school_id = ? AND entity_type = ? AND entity_id = ?`,
    [schoolId, entityType, entityId],
  );
  return r ? toRow<T>(r) : undefined;
}

export async function findByNaturalKey<T>(
  ex: SqlExecutor,
  schoolId: string,
  entityType: EntityType,
  naturalKey: string,
) {
  const r = await ex.get(
    `SELECT ${COLUMNS} FROM entities WHERE school_id = ? AND entity_type = ? AND natural_key = ?`,
    [schoolId, entityType, naturalKey],
  );
  return r ? toRow<T>(r) : undefined;
}

/** Live (not deleted) entities of one type, oldest change first. */
export async function listEntities<T>(
  ex: SqlExecutor,
  schoolId: string,
  entityType: EntityType,
): Promise<T[]> {
  const rows = await ex.all(
    `SELECT ${COLUMNS} FROM entities WHERE school_id = ? AND entity_type = ? AND is_deleted = 0 ORDER BY server_seq`,
    [schoolId, entityType],
  );
  return rows.map((r) => toRow<T>(r).data);
}

/** Parameters per IN list: well under SQLite's and PostgreSQL's limits on bound values. */
const IDS_PER_QUERY = 500;

/**
 * The entities (deleted ones too) of one type with any of these ids, in a few queries instead
 * of one per id: a generated term checks ~700 duty slots at once.
 */
export async function getEntitiesByIds<T>(
  ex: SqlExecutor,
  schoolId: string,
  entityType: EntityType,
  ids: readonly string[],
): Promise<Map<string, EntityRow<T>>> {
  const out = new Map<string, EntityRow<T>>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const part = unique.slice(i, i + IDS_PER_QUERY);
    const rows = await ex.all(
      `SELECT ${COLUMNS} FROM entities WHERE school_id = ? AND entity_type = ? AND entity_id IN (${part.map(() => "?").join(", ")})`,
      [schoolId, entityType, ...part],
    );
    for (const r of rows) {
      const row = toRow<T>(r);
      out.set(row.entityId, row);
    }
  }
  return out;
}

/**
 * Live entities of one type whose id starts with a prefix (duty slots of one date:
 * "2026-11-30|"). substr compares exact characters on both engines, whatever the collation.
 */
export async function listEntitiesByIdPrefix<T>(
  ex: SqlExecutor,
  schoolId: string,
  entityType: EntityType,
  prefix: string,
): Promise<T[]> {
  const rows = await ex.all(
    `SELECT ${COLUMNS} FROM entities WHERE school_id = ? AND entity_type = ? AND is_deleted = 0 AND substr(entity_id, 1, ?) = ? ORDER BY server_seq`,
    [schoolId, entityType, prefix.length, prefix],
  );
  return rows.map((r) => toRow<T>(r).data);
}

/** Changes after a position of the school's change log, in commit order. */
export async function changesAfter(ex: SqlExecutor, schoolId: string, afterSeq: number, limit: number) {
  const rows = await ex.all(
    `SELECT ${COLUMNS} FROM entities WHERE school_id = ? AND server_seq > ? ORDER BY server_seq LIMIT ?`,
    [schoolId, afterSeq, limit],
  );
  return rows.map((r) => toRow(r));
}

export async function lastSeq(ex: SqlExecutor, schoolId: string): Promise<number> {
  // Inside withSchoolChanges the newest number is the one handed out in memory.
  const counter = held.get(ex);
  if (counter?.schoolId === schoolId) return counter.last;
  const r = await ex.get<{ last_seq: number }>("SELECT last_seq FROM sync_counters WHERE school_id = ?", [
    schoolId,
  ]);
  return Number(r?.last_seq ?? 0);
}

// ── natural keys ──────────────────────────────────────────────────────────────────────────
export const naturalKeys = {
  staff: (login: string) => login.toLowerCase(),
  class: (grade: number, name: string) => `${grade}/${name}`,
  pupil: (studentNo: string) => studentNo,
  dormRoom: (name: string) => name,
};
