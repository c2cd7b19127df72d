// The app's sync, wired for the browser: the HTTP transport over fetch, the engine on the
// app database, and the triggers (leader tab only). The shell starts it once and shows
// engine.getStatus(); features never import this folder.
import { db as appDb, type SafetyRoundsDb } from "../db/db.ts";
import { createHttpBlobTransport } from "./blob-transport.ts";
import { createHttpTransport, type FetchLike } from "./http-transport.ts";
import { SyncEngine } from "./sync-engine.ts";
import { browserTriggerEnv, startSyncTriggers, type TriggerEnv } from "./triggers.ts";

export interface RunningSync {
  engine: SyncEngine;
  stop(): void;
}

export function startSync(
  options: { db?: SafetyRoundsDb; fetch?: FetchLike; baseUrl?: string; env?: TriggerEnv } = {},
): RunningSync {
  const wire = {
    fetch: options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init)),
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
  };
  const transport = createHttpTransport(wire);
  const blobTransport = createHttpBlobTransport(wire);
  const engine = new SyncEngine({ db: options.db ?? appDb, transport, blobTransport });
  void engine.refresh().catch(() => undefined);
  const stopTriggers = startSyncTriggers(engine, options.env ?? browserTriggerEnv());
  return {
    engine,
    stop() {
      stopTriggers();
      engine.dispose();
    },
  };
}
