// Placeholder: being built (issue #4).
import type { AccountRow } from "../../db/db.ts";

export function RoundPage(_props: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>记录检查</h1>
    </div>
  );
}
