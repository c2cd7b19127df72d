// The thin seam between the store and a database engine. Queries are written once with `?`
// placeholders in the SQL subset both SQLite and PostgreSQL accept; each driver adapts them.
/** Binary values (photo bytes) go in and come back as Buffer on both engines. */
export type SqlValue = string | number | null | Uint8Array;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly kind: "sqlite" | "postgres";
  /** All-or-nothing: the callback's statements commit together or not at all. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs DDL-bearing migrations under a lock that other server processes respect. */
  migrationTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A storage failure worth retrying (busy database, lost connection), not a bad request. */
export class TransientStorageError extends Error {
  override name = "TransientStorageError";
}
