// Placeholder: being built (issue #4).
import type { AccountRow } from "../../db/db.ts";

export function HazardPage(_props: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>隐患详情</h1>
    </div>
  );
}
