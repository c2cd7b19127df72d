import type { AccountRow } from "../../db/db.ts";
import { formatMoment, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { type RosterBasics, useRosterBasics, useShownWeek } from "./roster-data.ts";
import { dayLabel, dutyRowLabel, dutyTimeText } from "./roster-names.ts";
import { rt } from "./roster-text.ts";
import { buildWeek } from "./week-model.ts";
import "./roster.css";

export function RosterPrintPage({ account }: { account: AccountRow }) {
  useLang();
  const basics = useRosterBasics(account.schoolId);
  if (!basics) return <NoDirectory directory={basics} title={rt("printTitle")} message={rt("noSchool")} />;
  return <RosterPrint account={account} basics={basics} />;
}

function RosterPrint({ account, basics }: { account: AccountRow; basics: RosterBasics }) {
  const { directory, required, roomsById } = basics;
  const settings = directory.settings;
  const { now, weekStart, weekEnd, entries } = useShownWeek(account.schoolId, settings.timeZone);
  const week = entries
    ? buildWeek({ weekStart, entries, required, calendar: settings, times: settings.timeSlots })
    : undefined;
  // Rows with nothing on any day of the week (a holiday duty in a plain school week) are left off.
  const rows = week?.rows.filter(({ cells }) => cells.some((c) => c.isHeld || c.entry)) ?? [];

  return (
    <div className="page stack roster-page roster-print-page roster-wide print-sheet">
      <div className="stack-small roster-print-controls">
        <BackLink to={`/roster?week=${weekStart}`} />
        <h1>{rt("printTitle")}</h1>
        <p className="muted small">{rt("printIntro")}</p>
        <div className="button-row">
          <button type="button" className="button" disabled={!week} onClick={() => window.print()}>
            {rt("print")}
          </button>
        </div>
      </div>

      <section className="card roster-print-sheet stack-small" data-testid="roster-print">
        <div className="roster-print-head">
          <p className="roster-print-school">{directory.schoolName}</p>
          <p className="roster-print-title">{rt("printTitle")}</p>
          <p>{rt("printWeek", { from: weekStart, to: weekEnd })}</p>
        </div>
        {week === undefined ? (
          <Splash />
        ) : (
          <div className="table-scroll roster-print-scroll">
            <table className="roster-print-table">
              <thead>
                <tr>
                  <th scope="col" className="roster-print-duty">
                    {rt("duty")}
                  </th>
                  {week.dates.map((date) => (
                    <th key={date} scope="col">
                      {dayLabel(date)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ row, cells }) => (
                  <tr key={row.key}>
                    <th scope="row" className="roster-print-duty">
                      {dutyRowLabel(row, roomsById)}
                      <small>{dutyTimeText(row.kind, settings.timeSlots)}</small>
                    </th>
                    {cells.map((cell) => {
                      const ids = cell.entry?.entity.staffIds ?? [];
                      if (!cell.isHeld && ids.length === 0)
                        return (
                          <td key={cell.date} className="roster-print-off">
                            {rt("notHeld")}
                          </td>
                        );
                      return (
                        <td key={cell.date}>
                          {ids.length === 0 ? (
                            <span className="roster-print-gap">{rt("gap")}</span>
                          ) : (
                            ids.map((id) => <PersonLine key={id} id={id} basics={basics} />)
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="roster-print-foot">
          <span>{rt("printFooter")}</span>
          <span>
            {rt("signOffice")}　{rt("printedAt", { time: formatMoment(now) })}
          </span>
        </div>
      </section>
    </div>
  );
}

function PersonLine({ id, basics }: { id: string; basics: RosterBasics }) {
  const person = basics.directory.staffById.get(id);
  return (
    <span className="roster-print-person">
      {person?.name ?? "—"}
      {person?.phone ? <small>{person.phone}</small> : null}
    </span>
  );
}
