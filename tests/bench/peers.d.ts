// Local types for the untyped benchmark peers (B1): only what the bench calls.
declare module "pouchdb-core" {
  interface ReplicateOptions {
    batch_size?: number;
  }
  interface Database {
    info(): Promise<unknown>;
    bulkDocs(docs: object[]): Promise<unknown>;
    allDocs(options: {
      include_docs: boolean;
    }): Promise<{ rows: { id: string; doc?: Record<string, unknown> }[] }>;
    destroy(): Promise<unknown>;
    replicate: {
      to(target: Database, options?: ReplicateOptions): Promise<unknown>;
      from(source: Database, options?: ReplicateOptions): Promise<unknown>;
    };
  }
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: Record<string, unknown>): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module "pouchdb-adapter-memory" {
  const plugin: unknown;
  export default plugin;
}
declare module "pouchdb-adapter-http" {
  const plugin: unknown;
  export default plugin;
}
declare module "pouchdb-replication" {
  const plugin: unknown;
  export default plugin;
}
declare module "express-pouchdb" {
  import type { RequestListener } from "node:http";
  export default function expressPouchDB(pouch: unknown, options?: Record<string, unknown>): RequestListener;
}
