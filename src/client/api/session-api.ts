// Calls made on behalf of an account on this phone. A 401 marks the account as needing its
// password again — it is never a silent logout, and cached data stays usable offline.
import type { z } from "zod";
import { type AccountStore, accountStore } from "../db/account-store.ts";
import { type AccountRow, db } from "../db/db.ts";
import { type TokenVault, tokenVault } from "../db/token-vault.ts";
import { type ApiClient, ApiError, api, type RequestOptions, type Wire } from "./api-client.ts";

export function createSessionApi(deps: { api: ApiClient; accounts: AccountStore; tokens: TokenVault }) {
  async function guard<T>(account: AccountRow, run: (token: string) => Promise<T>): Promise<T> {
    // The token this page opened with the person's PIN (never one read from disk).
    const token = deps.tokens.get(account.userId);
    if (!token) throw new ApiError("server", 401, "unauthenticated", "Not logged in on this phone");
    try {
      return await run(token);
    } catch (error) {
      if (error instanceof ApiError && error.kind === "server" && error.code === "unauthenticated") {
        await deps.accounts.markNeedsLogin(account.userId, token);
      }
      throw error;
    }
  }

  return {
    call<S extends z.ZodType>(
      account: AccountRow,
      method: string,
      path: string,
      pick: (wire: Wire) => S,
      opts: Omit<RequestOptions, "token"> = {},
    ): Promise<z.infer<S>> {
      return guard(account, (token) => deps.api.call(method, path, pick, { ...opts, token }));
    },

    callNoContent(
      account: AccountRow,
      method: string,
      path: string,
      opts: Omit<RequestOptions, "token"> = {},
    ): Promise<void> {
      return guard(account, (token) => deps.api.callNoContent(method, path, { ...opts, token }));
    },

    download(account: AccountRow, path: string): Promise<Blob> {
      return guard(account, (token) => deps.api.download(path, { token }));
    },

    /** Is the token still good? (Start-up check; a 401 marks the account.) */
    me(account: AccountRow) {
      return guard(account, (token) => deps.api.call("GET", "/auth/me", (w) => w.MeResponse, { token }));
    },
  };
}

export type SessionApi = ReturnType<typeof createSessionApi>;
export const sessionApi: SessionApi = createSessionApi({
  api,
  accounts: accountStore,
  tokens: tokenVault(db),
});
