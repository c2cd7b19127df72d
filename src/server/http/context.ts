// What the app needs from outside (injected, so tests control the clock and the store) and
// what middleware puts on each request's context.
import type { Context } from "hono";
import type { School } from "../../protocol/reference.ts";
import type { Logger } from "../logger.ts";
import type { SessionRecord, StaffWithSecret, Store } from "../storage/store.ts";
import type { PushBudget } from "../sync/push.ts";

export interface AppDeps {
  store: Store;
  logger: Logger;
  clock: () => Date;
  version: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Folder of the built PWA; omitted in API-only tests. */
  staticDir?: string;
  /** Reverse proxies in front of the server whose X-Forwarded-For entries are believed (0 none). */
  trustedProxyHops?: number;
  /** Strict-Transport-Security max-age in seconds on every answer; 0 or omitted sends none. */
  hstsMaxAgeSeconds?: number;
  /** Mutations per push transaction (default PUSH_CHUNK); tests set 1 to fail mid-batch. */
  pushChunkSize?: number;
  /** Work per push request and per chunk (default DEFAULT_PUSH_BUDGET, limits.ts); tests set small ones. */
  pushBudget?: PushBudget;
  /**
   * Awaited inside a photo's decode slot before it is decoded (routes/blobs.ts). Only tests set
   * it, to hold decodes open and see the next upload refused without timing.
   */
  beforeImageDecode?: () => Promise<void>;
}

export interface AuthState {
  session: SessionRecord;
  staff: StaffWithSecret;
  school: School;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    auth: AuthState;
  };
};

export type AppContext = Context<AppEnv>;
