// 隐患排查整改台账 /ledger (SPEC §2, issue #4 §3): every hazard found in a date range (default:
// this month in the school's time zone) with its rectification, as a table; 打印 gives a clean
// A4 page (ledger.css @media print: school, title, range, bordered table, page numbers, no app
// chrome) and 导出 CSV a UTF-8 file with BOM for Excel. Admins and the principal only (the
// shell's route check). Reads the range through the hazards' indexes (safety-view.ts).
import { useLiveQuery } from "dexie-react-hooks";
import { useId, useState } from "react";
import { addDays, type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { readSyncState } from "../../db/mirror-store.ts";
import { listHazardsFound } from "../../db/safety-view.ts";
import { formatMoment, getLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate } from "../../ui/router.ts";
import { areaName, type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useFileExport } from "../../ui/use-file-export.ts";
import { useNow } from "../../ui/use-now.ts";
import {
  checkRange,
  type LedgerNames,
  ledgerFileName,
  ledgerTable,
  monthOf,
  type RangeProblem,
  rangeInstants,
  sortForLedger,
} from "./ledger-rows.ts";
import { lt } from "./ledger-text.ts";
import "./ledger.css";

export function LedgerPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={lt("title")} message={lt("noSchool")} />;
  return <Ledger account={account} directory={directory} />;
}

const RANGE_TEXT: Record<RangeProblem, () => string> = {
  badFrom: () => lt("badFrom"),
  badTo: () => lt("badTo"),
  reversed: () => lt("reversed"),
  tooLong: () => lt("tooLong"),
};

function Ledger({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const now = useNow(60_000);
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const [range, setRange] = useState(() => monthOf(today));
  const {
    problem: exportProblem,
    isExporting,
    exportFile,
  } = useFileExport((message) => lt("exportFailed", { message }));
  const problem = checkRange(range.from, range.to);
  const schoolId = account.schoolId;

  const hazards = useLiveQuery(async () => {
    if (checkRange(range.from, range.to)) return [];
    const { fromIso, toIso } = rangeInstants(range.from, range.to, tz);
    return (await listHazardsFound(db, schoolId, fromIso, toIso)).map((e) => e.entity);
  }, [schoolId, range.from, range.to, tz]);
  const lastSync = useLiveQuery(async () => (await readSyncState(db, schoolId)).lastSuccessAt, [schoolId]);

  const lang = getLang();
  const names: LedgerNames = {
    staffName: (id) => staffName(directory, id),
    areaName: (id) => areaName(directory, id),
  };
  const sorted = hazards ? sortForLedger(hazards) : [];
  const table = ledgerTable(sorted, names, tz, lang);
  const rangeText = lt("range", { from: range.from, to: range.to });

  const exportCsv = () =>
    exportFile(async () => {
      const { csvText } = await import("../../ui/csv-file.ts");
      return { text: csvText(table), fileName: ledgerFileName(range.from, range.to, lang) };
    });

  return (
    <div className="page stack ledger-page print-sheet">
      <div className="ledger-print-head" aria-hidden="true">
        <p className="ledger-school">{directory.schoolName}</p>
        <p className="ledger-title">{lt("title")}</p>
        <p className="ledger-range">
          {rangeText}　{lt("count", { n: table.rows.length })}　{lt("printedAt", { time: formatMoment(now) })}
        </p>
      </div>

      <div className="stack-small ledger-controls">
        <h1>{lt("title")}</h1>
        <p className="muted">{lt("intro")}</p>
        <div className="ledger-range-row">
          <DateField
            label={lt("from")}
            value={range.from}
            isInvalid={problem === "badFrom" || problem === "reversed" || problem === "tooLong"}
            onValue={(from) => setRange({ ...range, from })}
          />
          <DateField
            label={lt("to")}
            value={range.to}
            isInvalid={problem === "badTo"}
            onValue={(to) => setRange({ ...range, to })}
          />
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setRange(monthOf(today))}
          >
            {lt("thisMonth")}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setRange(monthOf(addDays(monthOf(today).from, -1)))}
          >
            {lt("lastMonth")}
          </button>
        </div>
        {problem ? (
          <p className="error" role="alert" data-testid="range-problem">
            {RANGE_TEXT[problem]()}
          </p>
        ) : null}
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={problem !== undefined || hazards === undefined}
            onClick={() => window.print()}
          >
            {lt("print")}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={problem !== undefined || hazards === undefined || isExporting}
            data-testid="export-csv"
            onClick={() => void exportCsv()}
          >
            {isExporting ? lt("exporting") : lt("exportCsv")}
          </button>
        </div>
        {exportProblem ? (
          <p className="error" role="alert">
            {exportProblem}
          </p>
        ) : null}
        <p className="muted small">
          {lt("count", { n: table.rows.length })}
          {lastSync ? ` · ${lt("offlineNote", { time: formatMoment(lastSync) })}` : null}
        </p>
      </div>

      {hazards === undefined ? (
        <Splash />
      ) : table.rows.length === 0 ? (
        <p className="card muted ledger-empty">{problem ? "" : lt("none")}</p>
      ) : (
        <div className="table-scroll ledger-scroll">
          <table className="table ledger-table" data-testid="ledger-table">
            <thead>
              <tr>
                {table.headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((cells, i) => {
                const hazard = sorted[i];
                return (
                  <tr key={hazard?.id ?? i}>
                    {cells.map((cell, c) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed (LEDGER_COLUMNS).
                      <td key={c}>
                        {c === 1 && hazard ? (
                          <a
                            href={`/hazards/${hazard.id}?back=/ledger`}
                            onClick={(event) => {
                              event.preventDefault();
                              navigate(`/hazards/${hazard.id}?back=/ledger`);
                            }}
                          >
                            {cell}
                          </a>
                        ) : (
                          cell
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <div className="ledger-sign" aria-hidden="true">
        <span>{lt("signFiller")}</span>
        <span>{lt("signChecker")}</span>
      </div>
    </div>
  );
}

function DateField({
  label,
  value,
  isInvalid,
  onValue,
}: {
  label: string;
  value: LocalDate;
  isInvalid: boolean;
  onValue: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={isInvalid ? "field has-problem" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="date"
        value={value}
        aria-invalid={isInvalid || undefined}
        onChange={(event) => onValue(event.target.value)}
      />
    </div>
  );
}
