// The count on the home tab (issue #14 §5): the same N as the 等我处理 card, read live from
// this phone (waiting-data.ts), so it drops as work is done on any page. A lazy chunk of its
// own: the shell's first screen does not carry the hand-over and swap code.
import type { AccountRow } from "../../db/db.ts";
import { useLang } from "../../ui/i18n.ts";
import { useNow } from "../../ui/use-now.ts";
import { useWaitingForMe } from "./waiting-data.ts";
import { wt } from "./waiting-text.ts";

export function WaitingBadge({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(60_000);
  const n = useWaitingForMe(account, now)?.length ?? 0;
  if (n === 0) return null;
  return (
    <span className="nav-badge" data-testid="nav-waiting" data-count={n}>
      <span aria-hidden="true">{n > 99 ? "99+" : n}</span>
      {/* The leading space keeps the tab's name "首页 3 项等我处理", not run together. */}
      <span className="visually-hidden">{` ${wt("badgeLabel", { n })}`}</span>
    </span>
  );
}
