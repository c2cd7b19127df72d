// PostgreSQL through `pg`, for districts that run several stateless server processes on one
// database. BIGINT (epoch milliseconds) comes back as a string by default; we parse it to a
// number, which is exact for every timestamp and counter this app stores.
import { createHash } from "node:crypto";
import pg from "pg";
import {
  type Row,
  type SqlDriver,
  type SqlExecutor,
  type SqlValue,
  TransientStorageError,
} from "../sql-driver.ts";

export interface PostgresOptions {
  connectionString: string;
  /** A schema to work in (created if missing); tests use a fresh one per run. */
  schema?: string;
  maxConnections?: number;
}

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** `?` → `$1, $2 …`; our SQL never puts a question mark inside a string literal. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const statements = new Map<string, { name: string; text: string }>();

/**
 * The query config for `sql`. Named statements are parsed and planned once per connection and
 * then only bound and run: a push writes each record with the same few statements, and planning
 * them again every time was a good part of a PostgreSQL push (B4). Migrations (DDL, tables
 * changing under a plan) go unnamed.
 */
function statement(sql: string, isPrepared: boolean): { name?: string; text: string } {
  if (!isPrepared) return { text: toPgPlaceholders(sql) };
  let found = statements.get(sql);
  if (!found) {
    found = {
      name: `sr_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`,
      text: toPgPlaceholders(sql),
    };
    statements.set(sql, found);
  }
  return found;
}

// Errors that mean "try again later", not "your request is wrong".
const TRANSIENT_CODES = new Set([
  "40001",
  "40P01",
  "55P03",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08003",
  "08006",
]);

export async function openPostgres(options: PostgresOptions): Promise<SqlDriver> {
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`schema name "${options.schema}" must be lower-case letters, digits and underscores`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Nothing to do here.
  });
  if (options.schema) {
    // Two processes creating the same schema at once can still collide on the catalogue.
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`).catch((error: { code?: string }) => {
      if (error.code !== "23505" && error.code !== "42P06") throw error;
    });
  }

  const executorFor = (client: pg.Pool | pg.PoolClient, isPrepared: boolean): SqlExecutor => {
    const query = (sql: string, params: readonly SqlValue[]) =>
      wrap(() => client.query({ ...statement(sql, isPrepared), values: params as SqlValue[] }));
    return {
      async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
        return (await query(sql, params)).rows as T[];
      },
      async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
        return (await query(sql, params)).rows[0] as T | undefined;
      },
      async run(sql: string, params: readonly SqlValue[] = []) {
        return (await query(sql, params)).rowCount ?? 0;
      },
    };
  };

  async function inTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>, lockKey?: number): Promise<T> {
    const client = await wrap(() => pool.connect());
    try {
      await client.query("BEGIN");
      if (lockKey !== undefined) await client.query("SELECT pg_advisory_xact_lock($1)", [lockKey]);
      const value = await fn(executorFor(client, lockKey === undefined));
      await wrap(() => client.query("COMMIT"));
      return value;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    kind: "postgres",
    ...executorFor(pool, true),
    transaction: (fn) => inTransaction(fn),
    // One lock id for "schema migrations", so two processes starting together take turns.
    migrationTransaction: (fn) => inTransaction(fn, 7_301_001),
    async close() {
      await pool.end();
    },
  };
}

async function wrap<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code && TRANSIENT_CODES.has(code))
      throw new TransientStorageError(`database unavailable (${code})`, { cause: error });
    if (code === "ECONNREFUSED" || code === "ECONNRESET") {
      throw new TransientStorageError(`database unreachable (${code})`, { cause: error });
    }
    throw error;
  }
}
