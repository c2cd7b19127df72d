// The home screen's 今天的交接 card: how many of my hand-overs wait for me, are done, late or
// disputed, one tap to /handovers. Shown only to someone with hand-overs today (or admin and
// principal); loaded lazily by the home page so the first screen stays light.
import { isSchoolDay } from "../../../domain/school-calendar.ts";
import { slotAt } from "../../../domain/time-slots.ts";
import type { AccountRow } from "../../db/db.ts";
import { useLang } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { waitsToGive, waitsToReceive } from "../home/waiting-model.ts";
import { buildMyHandovers, summaryOf } from "./handovers-model.ts";
import { ho } from "./handovers-text.ts";
import { namedGroups, useBoarderData } from "./roll-call-data.ts";
import "./handovers.css";

export function HandoverCard({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const directory = useSchoolDirectory(account.schoolId);
  const settings = directory?.settings;
  const date = settings ? slotAt(settings.timeSlots, now, settings.timeZone).dutyDate : "";
  const data = useBoarderData(account.schoolId, date, settings?.timeZone ?? "");
  if (!directory || !settings || !data) return null;
  const { classes, rooms } = namedGroups(directory, data);
  const mine = buildMyHandovers({
    me: { id: account.userId, roles: account.roles },
    date,
    now,
    settings,
    classes,
    rooms,
    roster: data.roster,
    isSchoolDay: isSchoolDay(date, settings),
    handovers: data.handovers,
  });
  const summary = summaryOf(mine);
  if (summary.total === 0) return null;
  // The same rule as 等我处理 at the top of home, so the two never disagree.
  const me = { id: account.userId, roles: account.roles };
  const waiting =
    mine.groups.filter((i) => waitsToReceive(i, me)).length +
    mine.toGive.filter((i) => waitsToGive(i, date, now, settings)).length;
  return (
    <a
      href="/handovers"
      className={summary.late + summary.disputed > 0 ? "card ho-card is-late" : "card ho-card"}
      data-testid="handover-card"
      onClick={(event) => {
        event.preventDefault();
        navigate("/handovers");
      }}
    >
      <span className="eyebrow">{ho("cardTitle")}</span>
      <span className="ho-card-line">
        <strong data-testid="handover-card-waiting">{ho("cardWaiting", { n: waiting })}</strong>
        <span>{ho("cardDone", { n: summary.done })}</span>
      </span>
      {summary.late > 0 ? <span className="danger-text">{ho("cardLate", { n: summary.late })}</span> : null}
      {summary.disputed > 0 ? (
        <span className="danger-text">{ho("cardDisputed", { n: summary.disputed })}</span>
      ) : null}
    </a>
  );
}
