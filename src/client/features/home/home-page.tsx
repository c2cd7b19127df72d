// 首页: today in the school's time zone, the time slot that is running now (管理时段化), who is
// responsible for it, when the next hand-over is, and the whole day's slots. Everything comes
// from the school record in the synced view (with any settings edit still waiting to sync), so
// it works offline; it re-renders every 30 seconds.
import { useLiveQuery } from "dexie-react-hooks";
import { SLOT_KINDS, type SlotKind, slotAt } from "../../../domain/time-slots.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { readSyncState } from "../../db/mirror-store.ts";
import { getEntry } from "../../db/reference-view.ts";
import { formatLongDate, formatMoment, rolesText, slotLabel, slotResponsible, t } from "../../ui/i18n.ts";
import { useNow } from "../../ui/use-now.ts";

export function HomePage({ account }: { account: AccountRow }) {
  const now = useNow(30_000);
  const reference = useLiveQuery(
    async () => {
      const [school, state] = await Promise.all([
        getEntry(db, "school", account.schoolId),
        readSyncState(db, account.schoolId),
      ]);
      return school ? { school: school.entity, pulledAt: state.lastPullAt } : undefined;
    },
    [account.schoolId],
    null,
  );

  if (reference === null) return <div className="splash">{t("loading")}</div>;
  if (reference === undefined) {
    return (
      <div className="page stack">
        <h1 className="date-line">{formatLongDate(now, "Asia/Shanghai")}</h1>
        <p className="card muted">{t("noReference")}</p>
        <SignedInCard account={account} />
      </div>
    );
  }

  const { settings } = reference.school;
  const slot = slotAt(settings.timeSlots, now, settings.timeZone);
  const nextSlot = SLOT_KINDS[(SLOT_KINDS.indexOf(slot.slot) + 1) % SLOT_KINDS.length] as SlotKind;

  return (
    <div className="page stack">
      <p className="date-line" data-testid="today">
        {formatLongDate(now, settings.timeZone)}
      </p>
      <section className="card slot-now" aria-labelledby="slot-now-title" data-testid="current-slot">
        <h2 id="slot-now-title" className="eyebrow">
          {t("currentSlot")}
        </h2>
        <p className="slot-name">
          <span data-testid="current-slot-label">{slotLabel(slot.slot)}</span>
          <span className="slot-times">
            {slot.startClock}–{slot.endClock}
          </span>
        </p>
        <p>{t("responsible", { who: slotResponsible(slot.slot) })}</p>
        <p className="handover">{t("nextHandover", { time: slot.endClock, slot: slotLabel(nextSlot) })}</p>
      </section>

      <section className="card" aria-labelledby="day-title">
        <h2 id="day-title" className="eyebrow">
          {t("daySchedule")}
        </h2>
        <ol className="slot-list">
          {SLOT_KINDS.map((kind) => {
            const times = settings.timeSlots[kind];
            const isNow = kind === slot.slot;
            return (
              <li
                key={kind}
                className={isNow ? "slot-row is-now" : "slot-row"}
                aria-current={isNow ? "time" : undefined}
              >
                <span className="slot-row-time">
                  {times.start}–{times.end}
                </span>
                <span className="slot-row-text">
                  <strong>
                    {slotLabel(kind)}
                    {isNow ? <span className="badge">{t("slotNow")}</span> : null}
                  </strong>
                  <small>{slotResponsible(kind)}</small>
                </span>
              </li>
            );
          })}
        </ol>
      </section>

      <SignedInCard account={account} />
      {reference.pulledAt ? (
        <p className="muted small">{t("referenceAsOf", { time: formatMoment(reference.pulledAt) })}</p>
      ) : null}
    </div>
  );
}

function SignedInCard({ account }: { account: AccountRow }) {
  return (
    <section className="card" aria-labelledby="me-title">
      <h2 id="me-title" className="eyebrow">
        {t("signedInAs")}
      </h2>
      <p>
        <strong>{account.name}</strong> · {account.login}
      </p>
      <p className="muted">{rolesText(account.roles)}</p>
    </section>
  );
}
