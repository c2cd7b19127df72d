// The home screen's 现在负责 card (SPEC §1): who holds the whole campus now and the next
// hand-over, one tap to /duty; and, when I hold a slot today, "今天我值：晚活动值日 16:30–20:30".
// Loaded lazily by the home page, so the first screen stays light.
import { localDateOf } from "../../../domain/school-calendar.ts";
import type { AccountRow } from "../../db/db.ts";
import { lookupOf } from "../../db/roster-view.ts";
import { formatClock, slotLabel, useLang } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { useRosterData } from "./duty-data.ts";
import { isLaterDay, myDutiesOn, nowView } from "./duty-model.ts";
import { dutyName, roleWord, staffDirectory } from "./duty-parts.tsx";
import { dt } from "./duty-text.ts";
import "./duty.css";

export function DutyCard({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const directory = useSchoolDirectory(account.schoolId);
  const timeZone = directory?.settings.timeZone ?? "Asia/Shanghai";
  const today = localDateOf(now, timeZone);
  const data = useRosterData(account.schoolId, today, today);
  if (!directory || !data) return null;

  const settings = directory.settings;
  const view = nowView(now, { kind: "campus" }, settings, lookupOf(data.slots), staffDirectory(directory));
  const mine = myDutiesOn(
    account.userId,
    today,
    data.slots.map((e) => e.entity),
    settings,
  );
  const names = view.people.map((p) => `${p.name}（${roleWord(p, null)}）`).join("、");
  const time = view.next ? formatClock(view.next.at, timeZone) : "";
  const handover = view.next
    ? isLaterDay(view.next.at, now, timeZone)
      ? dt("nextHandoverDay", { day: dt("tomorrow"), time })
      : dt("nextHandover", { time })
    : "";
  const what =
    view.state === "vacation"
      ? dt("vacation")
      : view.state === "class_time_campus"
        ? dt("classTimeCampusHint")
        : null;
  return (
    <a
      href="/duty"
      className={view.state === "gap" ? "card duty-card now-card is-gap" : "card duty-card"}
      data-testid="duty-card"
      data-state={view.state}
      onClick={(event) => {
        event.preventDefault();
        navigate("/duty");
      }}
    >
      <span className="eyebrow">{dt("cardTitle")}</span>
      <span className="duty-card-line">
        <strong>{view.responsible.isSchoolDay ? slotLabel(view.responsible.slot) : dt("holidaySlot")}</strong>
        {view.state === "held" ? <span data-testid="duty-card-holders">{names}</span> : null}
      </span>
      {view.state === "gap" ? (
        <span className="now-gap">
          <strong>{dt("gap")}</strong>
        </span>
      ) : what ? (
        <small className="muted">{what}</small>
      ) : null}
      {handover ? <span className="duty-card-line">{handover}</span> : null}
      {mine.map((d) => (
        <span key={d.slotId} className="duty-card-mine" data-testid="duty-card-mine">
          {dt("cardMine", { duty: dutyName(d.kind), start: d.start, end: d.end })}
        </span>
      ))}
    </a>
  );
}
