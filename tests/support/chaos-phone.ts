// A simulated phone for the chaos and convergence suites: its own Dexie database on
// fake-indexeddb (src/client/db/db.ts openDb), the real SyncEngine and HTTP transport, and its
// own misbehaving network (ChaosFetch) to a ChaosServer. Logins go straight to the server
// (they need the network, which the test gives them); sync goes through the chaos network.
import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { type AccountStore, createAccountStore } from "../../src/client/db/account-store.ts";
import { openDb, type SafetyRoundsDb } from "../../src/client/db/db.ts";
import { type MutateInput, mutate } from "../../src/client/db/mutation-store.ts";
import { tokenVault } from "../../src/client/db/token-vault.ts";
import { createHttpTransport } from "../../src/client/sync/http-transport.ts";
import { SyncEngine, type Timers } from "../../src/client/sync/sync-engine.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import type { MutationType } from "../../src/protocol/mutations.ts";
import { ChaosFetch, type ChaosFetchOptions } from "./chaos-fetch.ts";
import { type ChaosServer, loginOn } from "./chaos-server.ts";

/** Backoff timers are recorded, never fired: the tests drive every cycle themselves. */
export const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

export interface ChaosPhoneOptions {
  name?: string;
  /** The phone's clock minus the server's, ms (S6: evidence, never order). */
  clockOffsetMs?: number;
  seed?: number;
  rates?: ChaosFetchOptions["rates"];
  reorderGate?: ChaosFetchOptions["reorderGate"];
  reorderWaitMs?: number;
  batchSize?: number;
  pullLimit?: number;
  /** Open the database yourself (an app update declaring a new Dexie version). */
  openDatabase?: (name: string) => SafetyRoundsDb;
}

export class ChaosPhone {
  readonly name: string;
  readonly dbName: string;
  readonly deviceId = ulid();
  readonly net: ChaosFetch;
  db: SafetyRoundsDb;
  accounts: AccountStore;
  engine: SyncEngine;
  clockOffsetMs: number;
  private readonly engines: SyncEngine[] = [];

  constructor(
    readonly server: ChaosServer,
    private readonly options: ChaosPhoneOptions = {},
  ) {
    this.name = options.name ?? "phone";
    this.dbName = `${this.name}-${ulid()}`;
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.net = new ChaosFetch({
      server: () => server,
      seed: options.seed ?? 1,
      ...(options.rates ? { rates: options.rates } : {}),
      ...(options.reorderGate ? { reorderGate: options.reorderGate } : {}),
      ...(options.reorderWaitMs !== undefined ? { reorderWaitMs: options.reorderWaitMs } : {}),
    });
    this.db = (options.openDatabase ?? openDb)(this.dbName);
    this.accounts = createAccountStore(this.db, this.now);
    this.engine = this.newEngine();
  }

  /** The phone's clock, ms. */
  now = (): number => this.server.clock.now().getTime() + this.clockOffsetMs;

  /** Another SyncEngine on the same database (a second tab), over the same network. */
  newEngine(): SyncEngine {
    const engine = new SyncEngine({
      db: this.db,
      transport: createHttpTransport({ fetch: this.net.fetch }),
      clock: this.now,
      random: () => 0.5,
      timers: idleTimers,
      ...(this.options.batchSize !== undefined ? { batchSize: this.options.batchSize } : {}),
      ...(this.options.pullLimit !== undefined ? { pullLimit: this.options.pullLimit } : {}),
    });
    this.engines.push(engine);
    return engine;
  }

  /** A password login on this phone (needs the network; goes straight to the server). */
  async login(school: string, login: string): Promise<LoginResponse> {
    const res = await loginOn(this.server, school, login, this.deviceId);
    if (res.status !== 200)
      throw new Error(`login ${school}/${login} failed: ${res.status} ${await res.text()}`);
    const answer = LoginResponse.parse(await res.json());
    if (answer.deviceId !== this.deviceId) throw new Error("the server gave this phone another device id");
    await this.accounts.saveLogin(answer);
    return answer;
  }

  mutate<T extends MutationType>(input: MutateInput<T>): Promise<string> {
    return mutate(this.db, input, { now: this.now });
  }

  /**
   * Closes the database and opens it again (an app restart or update) with fresh engines. The
   * new page has no token open (src/client/db/token-vault.ts); the people who were signed in
   * type their PIN again, which opens the same tokens (src/client/db/account-store.test.ts), so
   * they are carried over here without the PIN's 600,000 PBKDF2 rounds per person.
   */
  reopen(openDatabase: (name: string) => SafetyRoundsDb = openDb): void {
    this.disposeEngines();
    const open = tokenVault(this.db).snapshot();
    this.db.close();
    this.db = openDatabase(this.dbName);
    for (const [userId, token] of open) tokenVault(this.db).put(userId, token);
    this.accounts = createAccountStore(this.db, this.now);
    this.engine = this.newEngine();
  }

  private disposeEngines(): void {
    for (const engine of this.engines.splice(0)) engine.dispose();
  }

  close(): void {
    this.disposeEngines();
    this.db.close();
  }
}
