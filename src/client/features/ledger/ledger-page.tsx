// Placeholder: being built (issue #4).
import type { AccountRow } from "../../db/db.ts";

export function LedgerPage(_props: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>隐患台账</h1>
    </div>
  );
}
