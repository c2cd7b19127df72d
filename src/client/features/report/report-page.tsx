// Placeholder: being built (issue #4).
import type { AccountRow } from "../../db/db.ts";

export function ReportPage(_props: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>上报隐患</h1>
    </div>
  );
}
