// SQLite through better-sqlite3 (12.x: 13 crashes on Node 20). WAL with synchronous=FULL,
// because NORMAL can lose acknowledged commits on power loss. better-sqlite3 is synchronous,
// so an async transaction could interleave with another request's statements on the same
// connection; a promise queue makes every operation wait its turn (one writer).
import Database from "better-sqlite3";
import {
  type Row,
  type SqlDriver,
  type SqlExecutor,
  type SqlValue,
  TransientStorageError,
} from "../sql-driver.ts";

export interface SqliteOptions {
  /** File path, or ":memory:" for tests. */
  filename: string;
  busyTimeoutMs?: number;
}

export function openSqlite(options: SqliteOptions): SqlDriver {
  const db = new Database(options.filename);
  if (options.filename !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  db.pragma("foreign_keys = ON");

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  const executor: SqlExecutor = {
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return wrap(() => prepare(sql).all(...params) as T[]);
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return wrap(() => prepare(sql).get(...params) as T | undefined);
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return wrap(() => prepare(sql).run(...params).changes);
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn, fn);
    queue = result.catch(() => undefined);
    return result;
  };

  const transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
    serialized(async () => {
      wrap(() => db.exec("BEGIN IMMEDIATE"));
      try {
        const value = await fn(executor);
        wrap(() => db.exec("COMMIT"));
        return value;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    });

  return {
    kind: "sqlite",
    all: (sql, params) => serialized(() => executor.all(sql, params)),
    get: (sql, params) => serialized(() => executor.get(sql, params)),
    run: (sql, params) => serialized(() => executor.run(sql, params)),
    transaction,
    migrationTransaction: transaction,
    async close() {
      await serialized(async () => db.close());
    },
  } as SqlDriver;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
      throw new TransientStorageError(`database busy (${code})`, { cause: error });
    }
    throw error;
  }
}
