// The month's A4 page (?print=1), for the school's archive and the monthly meeting: the school,
// the month, the rule table, the ranking with every part and its counts, the commended classes
// with their citations, and the two charts. The 打印 button and the app's frame are hidden on
// paper (month.css @media print, @page month).
import { useEffect } from "react";
import { SCORE_PARTS } from "../../../domain/monthly-score.ts";
import { BarChart } from "../../ui/bar-chart.tsx";
import { classLabel, formatMoment, getLang, inLang } from "../../ui/i18n.ts";
import { BackLink } from "../../ui/page-parts.tsx";
import { staffName } from "../../ui/school-directory.ts";
import type { MonthViewProps } from "./month-page.tsx";
import { mm } from "./month-text.ts";
import { monthLong, pointsText, ruleRows } from "./month-view.ts";
import { RoundsRange } from "./month-view-parts.tsx";

export function MonthPrint({ directory, month, weeks, rows, hazards, rounds, now }: MonthViewProps) {
  // Opened from the page's foot: start at the page's head, as the paper does.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  const rules = ruleRows(directory.settings.scoreRules);
  const commended = rows.filter((r) => r.commended);
  return (
    <div className="page stack month-print print-sheet" data-testid="month-print-view">
      <div className="month-print-controls stack-small">
        <BackLink to={`/month?m=${month}`} label={mm("backToPage")} />
        <button
          type="button"
          className="button"
          data-testid="month-print-button"
          onClick={() => window.print()}
        >
          {mm("print")}
        </button>
      </div>
      <header className="month-print-head">
        <p className="month-print-school">{directory.schoolName}</p>
        <h1 className="month-print-title">{mm("title")}</h1>
        <p className="month-print-range">
          {monthLong(month, getLang())}　{mm("printedAt", { time: formatMoment(now) })}
        </p>
      </header>

      <section>
        <h2 className="month-print-h2">{mm("rulesTitle")}</h2>
        <div className="table-scroll">
          <table className="table month-print-table month-print-rules">
            <thead>
              <tr>
                {rules.rows.map((r) => (
                  <th key={r.part} scope="col">
                    {inLang(r.label)}
                  </th>
                ))}
                <th scope="col">{mm("rulesTotal")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                {rules.rows.map((r) => (
                  <td key={r.part} className="num">
                    {r.weight}
                  </td>
                ))}
                <td className="num">{rules.total}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="small month-print-note">{mm("rulesHint")}</p>
      </section>

      <section>
        <h2 className="month-print-h2">{mm("rankingTitle")}</h2>
        {rows.length === 0 ? (
          <p className="muted">{weeks.length === 0 ? mm("noWeeks") : mm("noClasses")}</p>
        ) : (
          <div className="table-scroll">
            <table className="table month-print-table" data-testid="month-print-ranking">
              <thead>
                <tr>
                  <th scope="col" className="nowrap">
                    {mm("rankShort")}
                  </th>
                  <th scope="col" className="nowrap">
                    {mm("schoolClass")}
                  </th>
                  <th scope="col" className="nowrap">
                    {mm("teacher")}
                  </th>
                  {rules.rows.map((r) => (
                    <th key={r.part} scope="col" className="num">
                      {inLang(r.label)}
                      <small>{mm("ofWeight", { n: r.weight })}</small>
                    </th>
                  ))}
                  <th scope="col" className="num nowrap">
                    {mm("total")}
                  </th>
                  <th scope="col" className="nowrap">
                    {mm("commendedShort")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.classId} data-rank={row.rank}>
                    <td className="num">{row.rank}</td>
                    <th scope="row">{classLabel(row.schoolClass)}</th>
                    <td>{staffName(directory, row.schoolClass.classTeacherId)}</td>
                    {SCORE_PARTS.map((part) => {
                      const p = row.parts.find((x) => x.part === part);
                      return (
                        <td key={part} className="num">
                          {p ? pointsText(p.points) : ""}
                          {p ? <small>{inLang(p.counts)}</small> : null}
                        </td>
                      );
                    })}
                    <td className="num month-print-total">{pointsText(row.total)}</td>
                    <td>{row.commended ? "★" : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="month-print-commended">
        <h2 className="month-print-h2">{mm("printCommended")}</h2>
        {commended.length === 0 ? (
          <p className="muted">{mm("printNoCommended")}</p>
        ) : (
          <ol className="month-print-list">
            {commended.map((row) => (
              <li key={row.classId}>
                <strong>{classLabel(row.schoolClass)}</strong>
                {mm("printCommendedLine", { rank: row.rank, total: pointsText(row.total) })}
                {row.citation ? <p className="month-citation">{row.citation}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="month-print-charts">
        <BarChart
          title={mm("hazardsChart")}
          categories={hazards.categories}
          series={hazards.series}
          isStacked
        />
        <div>
          <BarChart title={mm("roundsChart")} categories={rounds.categories} series={rounds.series} />
          <RoundsRange rounds={rounds} />
        </div>
      </section>
      <p className="month-print-sign">{mm("signHead")}</p>
    </div>
  );
}
