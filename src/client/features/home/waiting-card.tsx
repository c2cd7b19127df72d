// The 等我处理 card at the top of home (issue #14 §5): what waits on this person now
// (waiting-model.ts), each row one tap to its page; nothing at all when nothing waits. Loaded
// lazily by the home page, like its other cards, so the first screen stays light.
import type { AccountRow } from "../../db/db.ts";
import { useLang } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { useNow } from "../../ui/use-now.ts";
import { useWaitingForMe } from "./waiting-data.ts";
import { wt } from "./waiting-text.ts";
import "./home.css";

export function WaitingCard({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const items = useWaitingForMe(account, now);
  if (!items || items.length === 0) return null;
  const isUrgent = items.some((i) => i.isUrgent);
  return (
    <section
      className={isUrgent ? "card work-card waiting-card is-urgent" : "card work-card waiting-card is-first"}
      aria-labelledby="waiting-title"
      data-testid="waiting-card"
      data-count={items.length}
    >
      <h2 id="waiting-title" className="eyebrow">
        {wt("cardTitle", { n: items.length })}
      </h2>
      <ul className="work-list">
        {items.map((item) => (
          <li key={item.key}>
            <a
              href={item.link}
              className={item.isUrgent ? "work-row is-overdue" : "work-row"}
              data-testid="waiting-item"
              data-kind={item.kind}
              onClick={(event) => {
                event.preventDefault();
                navigate(item.link);
              }}
            >
              <span className="work-row-text">
                <strong>{item.title}</strong>
                <small className={item.isUrgent ? "waiting-line danger-text" : "waiting-line muted"}>
                  {item.line}
                </small>
              </span>
              <span className="chevron" aria-hidden="true">
                ›
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
