// The pupils a roll call does not expect because an earlier roll call of the night marked them
// away (domain/custody.ts CU-7): each with why, when and by whom, and 已回来 to mark a pupil back
// with the time they came back (handover.ts HO-8), after which they are expected again. An
// unaccounted pupil comes back only through the alert's 已找到 (CU-2), so the row links there.
import { useState } from "react";
import type { Away, RollCallList } from "../../../domain/custody.ts";
import { HANDOVER_LABELS } from "../../../domain/handover.ts";
import { EXCEPTION_LABELS } from "../../../domain/roll-call.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import { db } from "../../db/db.ts";
import { markPupilBack } from "../../db/handover-edits.ts";
import { formatClock, inLang } from "../../ui/i18n.ts";
import { type SchoolDirectory, staffName } from "../../ui/school-directory.ts";
import { ho } from "./handovers-text.ts";
import type { BoarderData } from "./roll-call-data.ts";
import { pickupIso } from "./roll-call-model.ts";

type AwayRow = RollCallList<Pupil>["away"][number];

export function AwayList({
  away,
  account,
  directory,
  data,
  now,
}: {
  away: readonly AwayRow[];
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoarderData;
  now: Date;
}) {
  const [backFor, setBackFor] = useState<AwayRow | null>(null);
  if (away.length === 0) return null;
  const tz = directory.settings.timeZone;
  return (
    <section className="card stack-small rc-away" data-testid="rc-away">
      <h2 className="section-title">{ho("awayTitle", { n: away.length })}</h2>
      <p className="muted small">{ho("awayHint")}</p>
      <ul className="rc-away-list">
        {away.map((row) => (
          <li
            key={row.pupil.id}
            className="rc-away-row"
            data-testid="rc-away-pupil"
            data-pupil-id={row.pupil.id}
          >
            <span className="rc-away-text">
              <strong>{row.pupil.name}</strong>{" "}
              <span className={row.away.reason === "unaccounted" ? "danger-text" : "warn-text"}>
                {inLang(EXCEPTION_LABELS[row.away.reason])}
              </span>
              <small className="muted">{awayDetail(row.away, directory, data, tz)}</small>
            </span>
            {row.away.reason === "unaccounted" ? (
              <a className="button button-secondary rc-away-action" href={`/where?pupil=${row.pupil.id}`}>
                {ho("whereLink")}
              </a>
            ) : (
              <button
                type="button"
                className="button button-secondary rc-away-action"
                data-testid="rc-mark-back"
                onClick={() => setBackFor(row)}
              >
                {ho("markBack")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {backFor ? (
        <BackSheet row={backFor} account={account} now={now} timeZone={tz} onClose={() => setBackFor(null)} />
      ) : null}
    </section>
  );
}

/** "母亲 接走 17:53" or "生病·医务室, 放学交接 16:45, 王老师记录". */
function awayDetail(
  away: Extract<Away, { kind: "exception" }>,
  directory: SchoolDirectory,
  data: BoarderData,
  tz: string,
): string {
  const e = away.exception;
  if (e.reason === "picked_up" && e.pickedUpBy)
    return ` ${ho("awayPickedUp", { who: e.pickedUpBy, time: e.pickedUpAt ? formatClock(Date.parse(e.pickedUpAt), tz) : "" })}`;
  const h = data.handovers.find((x) => x.entity.id === away.handoverId)?.entity;
  const marked = ho("awayMarked", {
    kind: h ? inLang(HANDOVER_LABELS[h.kind]) : "",
    time: formatClock(Date.parse(away.at), tz),
    name: h?.give ? staffName(directory, h.give.by) : "",
  });
  return ` ${marked}${e.reason === "unaccounted" ? ` · ${ho("awayUnaccounted")}` : ""}`;
}

function BackSheet({
  row,
  account,
  now,
  timeZone,
  onClose,
}: {
  row: AwayRow;
  account: AccountRow;
  now: Date;
  timeZone: string;
  onClose(): void;
}) {
  const [time, setTime] = useState(() => formatClock(now, timeZone));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function save() {
    const at = pickupIso(now, time);
    if (Date.parse(at) < Date.parse(row.away.at)) {
      setError(ho("markBackTooEarly", { time: formatClock(Date.parse(row.away.at), timeZone) }));
      return;
    }
    if (Date.parse(at) > now.getTime() + 5 * 60_000) {
      setError(ho("markBackFuture"));
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      await markPupilBack(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        {
          id: row.away.handoverId,
          pupilId: row.pupil.id,
          at,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      );
      onClose();
    } catch (e) {
      setError(ho("saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="rc-sheet-backdrop">
      <button type="button" className="rc-sheet-scrim" aria-label={ho("close")} onClick={onClose} />
      <section
        className="card rc-sheet stack-small"
        role="dialog"
        aria-modal="true"
        data-testid="rc-back-sheet"
      >
        <h2 className="section-title">{ho("markBackTitle", { name: row.pupil.name })}</h2>
        <label className="field">
          <span className="field-label">{ho("markBackAt")}</span>
          <input
            type="time"
            className="input"
            name="backAt"
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{ho("markBackNote")}</span>
          <input
            className="input"
            name="backNote"
            maxLength={200}
            placeholder={ho("markBackNotePlaceholder")}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={isBusy}
          data-testid="rc-back-save"
          onClick={() => void save()}
        >
          {isBusy ? ho("saving") : ho("markBackSave")}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {ho("close")}
        </button>
      </section>
    </div>
  );
}
