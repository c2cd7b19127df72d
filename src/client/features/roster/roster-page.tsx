// 值日表 week view /roster[?week=YYYY-MM-DD] (issue #5 §3, admin and principal): one week as
// duties × days with the names on each slot; gaps (RS-4) red "空缺", clashes (RS-5) orange naming
// the person; the next 14 days' gaps and clashes counted above. Tapping a cell opens the slot
// editor (assign or clear, compare-and-set; history). Offline: reads what the phone last pulled,
// and an unsent edit is marked 待同步. On a 360 px phone the table scrolls sideways with the
// duty column kept in view.
import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useState } from "react";
import { canAdminister } from "../../../domain/roles.ts";
import type { RosterClash, RosterGap } from "../../../domain/roster.ts";
import { addDays, type LocalDate } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { listDutySlots } from "../../db/roster-view.ts";
import { useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate } from "../../ui/router.ts";
import { type RosterBasics, useRosterBasics, useShownWeek } from "./roster-data.ts";
import { dayLabel, dutyRowLabel, dutyTimeText, peopleNames } from "./roster-names.ts";
import { rt } from "./roster-text.ts";
import { type OpenSlot, SlotEditor } from "./slot-editor.tsx";
import { buildWeek, problemsIn, type WeekCell, type WeekRow, weekStartOf } from "./week-model.ts";
import "./roster.css";

export function RosterPage({ account }: { account: AccountRow }) {
  useLang();
  const basics = useRosterBasics(account.schoolId);
  if (!basics) return <NoDirectory directory={basics} title={rt("weekTitle")} message={rt("noSchool")} />;
  return <RosterWeek account={account} basics={basics} />;
}

function RosterWeek({ account, basics }: { account: AccountRow; basics: RosterBasics }) {
  const { directory, required, roomsById } = basics;
  const settings = directory.settings;
  const schoolId = account.schoolId;
  const { today, weekStart, weekEnd, entries: weekEntries } = useShownWeek(schoolId, settings.timeZone);
  const canEdit = canAdminister(account.roles);
  const [open, setOpen] = useState<OpenSlot | null>(null);
  const close = useCallback(() => setOpen(null), []);

  // A day before: a night slot of that day runs into the first morning (RS-5).
  const soonTo = addDays(today, 13);
  const soonEntries = useLiveQuery(
    () => listDutySlots(db, schoolId, addDays(today, -1), soonTo),
    [schoolId, today],
  );

  const goWeek = (start: LocalDate) => navigate(`/roster?week=${start}`, { replace: true });
  const calendarInput = { required, calendar: settings, times: settings.timeSlots };
  const week = weekEntries ? buildWeek({ weekStart, entries: weekEntries, ...calendarInput }) : undefined;
  const soon = soonEntries
    ? problemsIn({ entries: soonEntries, ...calendarInput, from: today, to: soonTo })
    : undefined;
  const hasAnySlot = (weekEntries?.length ?? 0) > 0 || (soonEntries?.length ?? 0) > 0;

  return (
    <div className="page stack roster-page roster-week roster-wide">
      <div className="stack-small">
        <BackLink to="/admin" />
        <h1>{rt("weekTitle")}</h1>
      </div>

      {soon ? <SoonSummary gaps={soon.gaps} clashes={soon.clashes} basics={basics} onOpen={setOpen} /> : null}

      <div className="roster-week-nav">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => goWeek(addDays(weekStart, -7))}
        >
          {rt("prevWeek")}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={weekStart === weekStartOf(today)}
          onClick={() => goWeek(weekStartOf(today))}
        >
          {rt("thisWeek")}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => goWeek(addDays(weekStart, 7))}
        >
          {rt("nextWeek")}
        </button>
      </div>
      <p className="roster-week-range" data-testid="week-range">
        <strong>{rt("weekRange", { from: weekStart, to: weekEnd })}</strong>
        {week ? (
          <span className={week.gaps.length + week.clashes.length > 0 ? "warn-text" : "muted"}>
            {" "}
            · {rt("weekProblems", { gaps: week.gaps.length, clashes: week.clashes.length })}
          </span>
        ) : null}
      </p>

      {week === undefined ? (
        <Splash />
      ) : (
        <>
          {!hasAnySlot && basics.templates.length === 0 ? (
            <p className="card muted">{rt("noTemplatesYet")}</p>
          ) : null}
          <div className="table-scroll roster-grid-scroll">
            <table className="roster-grid" data-testid="roster-grid">
              <thead>
                <tr>
                  <th scope="col" className="roster-duty-col">
                    {rt("duty")}
                  </th>
                  {week.dates.map((date) => (
                    <th key={date} scope="col" className={date === today ? "is-today" : undefined}>
                      {dayLabel(date)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {week.rows.map(({ row, cells }) => (
                  <tr key={row.key}>
                    <th scope="row" className="roster-duty-col">
                      <span>{dutyRowLabel(row, roomsById)}</span>
                      <small>{dutyTimeText(row.kind, settings.timeSlots)}</small>
                    </th>
                    {cells.map((cell) => (
                      <td key={cell.date} className={cellClass(cell, today)}>
                        <CellButton cell={cell} row={row} basics={basics} onOpen={setOpen} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <p className="muted small">{rt("weekIntro")}</p>
      <div className="button-row">
        <a
          href="/roster-setup"
          className="button button-secondary button-small"
          onClick={(event) => {
            event.preventDefault();
            navigate("/roster-setup");
          }}
        >
          {rt("setupLink")}
        </a>
        <a
          href={`/roster-print?week=${weekStart}`}
          className="button button-secondary button-small"
          onClick={(event) => {
            event.preventDefault();
            navigate(`/roster-print?week=${weekStart}`);
          }}
        >
          {rt("printLink")}
        </a>
      </div>

      {open ? (
        <SlotEditor account={account} canEdit={canEdit} basics={basics} open={open} onClose={close} />
      ) : null}
    </div>
  );
}

function cellClass(cell: WeekCell, today: LocalDate): string {
  const classes = ["roster-cell"];
  if (cell.isGap) classes.push("is-gap");
  if (cell.clashStaffIds.length > 0) classes.push("is-clash");
  if (!cell.isHeld && !cell.entry) classes.push("is-off");
  if (cell.date === today) classes.push("is-today");
  return classes.join(" ");
}

function CellButton({
  cell,
  row,
  basics,
  onOpen,
}: {
  cell: WeekCell;
  row: WeekRow;
  basics: RosterBasics;
  onOpen: (open: OpenSlot) => void;
}) {
  const staffById = basics.directory.staffById;
  const ids = cell.entry?.entity.staffIds ?? [];
  const names = peopleNames(ids, staffById);
  const clashNames = peopleNames(cell.clashStaffIds, staffById);
  if (!cell.isHeld && !cell.entry)
    return (
      <span className="roster-off" aria-hidden="true">
        {rt("notHeld")}
      </span>
    );
  const who = names.length > 0 ? names.join("、") : cell.isGap ? rt("gap") : rt("nobody");
  return (
    <button
      type="button"
      className="roster-cell-button"
      data-testid="roster-cell"
      data-slot-id={cell.slotId}
      aria-label={rt("cellLabel", {
        duty: dutyRowLabel(row, basics.roomsById),
        date: dayLabel(cell.date),
        who,
      })}
      onClick={() =>
        onOpen({
          slotId: cell.slotId,
          date: cell.date,
          kind: row.kind,
          scope: row.scope,
          clashStaffIds: cell.clashStaffIds,
        })
      }
    >
      {names.length > 0 ? (
        <span className="roster-names">
          {names.map((n, i) => (
            <span
              key={ids[i]}
              className={
                cell.clashStaffIds.includes(ids[i] ?? "") ? "roster-name is-clashing" : "roster-name"
              }
            >
              {n}
            </span>
          ))}
        </span>
      ) : cell.isGap ? (
        <span className="roster-gap-text">{rt("gap")}</span>
      ) : (
        <span className="muted">{rt("nobody")}</span>
      )}
      {clashNames.length > 0 ? (
        <small className="roster-clash-text">
          {rt("clash")}：{clashNames.join("、")}
        </small>
      ) : null}
      {cell.entry?.hasPendingChanges ? <small className="tag tag-pending">{rt("pending")}</small> : null}
    </button>
  );
}

function SoonSummary({
  gaps,
  clashes,
  basics,
  onOpen,
}: {
  gaps: readonly RosterGap[];
  clashes: readonly RosterClash[];
  basics: RosterBasics;
  onOpen: (open: OpenSlot) => void;
}) {
  const { roomsById, directory } = basics;
  const none = gaps.length === 0 && clashes.length === 0;
  const slotText = (id: string) => `${dayLabel(id.slice(0, 10))} ${slotRowText(id, basics)}`;
  return (
    <section
      className={none ? "card roster-summary" : "card roster-summary has-problems"}
      data-testid="roster-summary"
    >
      <p className="roster-summary-line">
        <strong>
          {none ? rt("summaryNone") : rt("summary", { gaps: gaps.length, clashes: clashes.length })}
        </strong>
      </p>
      {none ? null : (
        <details>
          <summary>{rt("summaryList")}</summary>
          <ul className="roster-summary-list">
            {gaps.map((g) => (
              <li key={g.id}>
                <button
                  type="button"
                  className="link-button roster-gap-text"
                  onClick={() => onOpen({ slotId: g.id, date: g.date, kind: g.kind, scope: g.scope })}
                >
                  {rt("gapItem", { date: dayLabel(g.date), duty: dutyRowLabel(g, roomsById) })}
                  {g.cleared ? rt("gapCleared") : ""}
                </button>
              </li>
            ))}
            {clashes.map((c) => (
              <li key={`${c.staffId}-${c.slotIds.join()}`} className="roster-clash-text">
                {rt("clashItem", {
                  who: peopleNames([c.staffId], directory.staffById).join(""),
                  a: slotText(c.slotIds[0]),
                  b: slotText(c.slotIds[1]),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** A slot id's duty and scope in words ("2026-10-08|night|room:01J…"). */
function slotRowText(id: string, basics: RosterBasics): string {
  const [, kind = "", ...scopeParts] = id.split("|");
  const scopeText = scopeParts.join("|");
  const scope = scopeText.startsWith("building:")
    ? { kind: "building" as const, building: scopeText.slice("building:".length) }
    : scopeText.startsWith("room:")
      ? { kind: "room" as const, roomId: scopeText.slice("room:".length) }
      : { kind: "campus" as const };
  return dutyRowLabel({ kind: kind as WeekRow["kind"], scope }, basics.roomsById);
}
