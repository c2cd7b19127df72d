// Placeholder: being built (issue #4).
import type { AccountRow } from "../../db/db.ts";

export function BoardPage(_props: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>今日看板</h1>
    </div>
  );
}
