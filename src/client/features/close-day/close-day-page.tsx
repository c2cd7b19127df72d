// Placeholder: being built (issue #4).
import type { AccountRow } from "../../db/db.ts";

export function CloseDayPage(_props: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>日终检查</h1>
    </div>
  );
}
