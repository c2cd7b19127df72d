// One rule for which sessions on this phone the sync engine, the photo lane and the sync
// summary use; a tiny module of its own so the shell can read it without loading Dexie.
import type { AccountRow } from "./db.ts";

/**
 * Whether the sync engine may send and fetch with this account's session: the server has not
 * refused it (401), and no one-time password waits to be replaced (the server answers
 * 403 password_change_required to everything but the password change until then).
 */
export function canSync(account: Pick<AccountRow, "needsLogin" | "mustChangePassword">): boolean {
  return !account.needsLogin && !account.mustChangePassword;
}
