// The month page's pieces, shared by the phone page and its A4 print: the rule table, a
// ranking card (rank, class, score, the five parts with their counts, the commended mark),
// the admin's commend control, and the two charts (MC-2, MC-3).
import { useState } from "react";
import { MAX_CITATION } from "../../../domain/commendation.ts";
import type { ScoreRules } from "../../../domain/monthly-score.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { markCommended } from "../../db/summary-edits.ts";
import { BarChart } from "../../ui/bar-chart.tsx";
import { classLabel, getLang, inLang } from "../../ui/i18n.ts";
import { type SchoolDirectory, staffName } from "../../ui/school-directory.ts";
import { AppLink } from "../summaries/summary-parts.tsx";
import { classMonthLink } from "./month-model.ts";
import { mm } from "./month-text.ts";
import {
  type ChartData,
  checkCitation,
  dayShort,
  pointsText,
  type RankingRow,
  ruleRows,
} from "./month-view.ts";

export function RulesTable({ rules, testId }: { rules: ScoreRules; testId?: string }) {
  const { rows, total } = ruleRows(rules);
  return (
    <table className="table month-rules-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{mm("rulesPart")}</th>
          <th scope="col" className="num">
            {mm("rulesWeight")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.part} data-part={r.part}>
            <td>{inLang(r.label)}</td>
            <td className="num">{r.weight}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{mm("rulesTotal")}</th>
          <td className="num">{total}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** 评分规则, folded: the weights one tap away, so every score can be checked. */
export function RulesCard({ rules }: { rules: ScoreRules }) {
  const { total } = ruleRows(rules);
  return (
    <details className="card month-rules" data-testid="month-rules">
      <summary className="month-rules-head">
        <span className="eyebrow">{mm("rulesTitle")}</span>
        <span className="muted small">
          {`${ruleRows(rules)
            .rows.map((r) => r.weight)
            .join(" + ")} = ${total}`}
        </span>
      </summary>
      <p className="muted small">{mm("rulesHint")}</p>
      <RulesTable rules={rules} />
    </details>
  );
}

export function CommendedMark({ row }: { row: RankingRow }) {
  if (!row.commended && !row.isPending) return null;
  return (
    <div className="month-mark">
      {row.commended ? (
        <span className="tag month-commended" data-testid="month-commended">
          ★ {mm("commended")}
        </span>
      ) : null}
      {row.isPending ? (
        <span className="tag tag-pending" data-testid="month-commend-pending">
          {mm("pending")}
        </span>
      ) : null}
      {row.citation ? <p className="small month-citation">{row.citation}</p> : null}
    </div>
  );
}

/** One class of the ranking: opens the class's month, where each number opens its records. */
export function RankingCard({
  row,
  month,
  directory,
  account,
}: {
  row: RankingRow;
  month: string;
  directory: SchoolDirectory;
  account: AccountRow;
}) {
  const teacher = row.schoolClass.classTeacherId
    ? staffName(directory, row.schoolClass.classTeacherId)
    : mm("noTeacher");
  return (
    <li
      className={row.commended ? "card month-row is-commended" : "card month-row"}
      data-testid={`month-row-${row.classId}`}
      data-rank={row.rank}
      data-total={row.total}
    >
      <AppLink to={classMonthLink(month, row.classId)} className="month-row-link">
        <span className="month-row-head">
          <span className={`month-rank rank-${Math.min(row.rank, 4)}`}>
            <span className="visually-hidden">{mm("rank", { n: row.rank })}</span>
            <span aria-hidden="true">{row.rank}</span>
          </span>
          <span className="month-row-class">
            <strong>{classLabel(row.schoolClass)}</strong>
            <small className="muted">{teacher}</small>
          </span>
          <span className="month-total" data-testid="month-total">
            <strong>{pointsText(row.total)}</strong>
            <small className="muted">{mm("total")}</small>
          </span>
          <span className="chevron" aria-hidden="true">
            ›
          </span>
        </span>
        <dl className="month-parts">
          {row.parts.map((p) => (
            <div
              key={p.part}
              className={p.points < p.weight ? "month-part is-short" : "month-part"}
              title={`${inLang(p.label)} ${pointsText(p.points)}/${p.weight}`}
              data-part={p.part}
            >
              <dt>{inLang(p.short)}</dt>
              <dd className="month-part-points">{pointsText(p.points)}</dd>
              <dd className="month-part-counts">{inLang(p.counts)}</dd>
            </div>
          ))}
        </dl>
      </AppLink>
      <CommendedMark row={row} />
      {account.roles.includes("admin") ? <CommendControl row={row} month={month} account={account} /> : null}
    </li>
  );
}

/** The admin marks the class 安全先进班级 (with an optional citation) or takes the mark back. */
function CommendControl({ row, month, account }: { row: RankingRow; month: string; account: AccountRow }) {
  const [isEditing, setIsEditing] = useState(false);
  const [citation, setCitation] = useState(row.citation);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const fieldId = `month-citation-${row.classId}`;

  async function save(commended: boolean) {
    const checked = commended ? checkCitation(citation) : { citation: "" };
    if ("problem" in checked) {
      setProblem(inLang(checked.problem));
      return;
    }
    setProblem(null);
    setIsBusy(true);
    try {
      await markCommended(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        { month, classId: row.classId, commended, citation: checked.citation },
      );
      setIsEditing(false);
    } catch (caught) {
      setProblem(mm("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsBusy(false);
    }
  }

  function open() {
    setCitation(row.citation);
    setProblem(null);
    setIsEditing(true);
  }

  return (
    <div className="month-commend" data-testid={`month-commend-${row.classId}`}>
      {isEditing ? (
        <div className="stack-small">
          <div className="field">
            <label htmlFor={fieldId}>{mm("citation")}</label>
            <small className="hint">{mm("citationHint", { n: MAX_CITATION })}</small>
            <textarea
              id={fieldId}
              name="citation"
              className="input textarea"
              rows={2}
              value={citation}
              data-testid="month-commend-citation"
              onChange={(event) => setCitation(event.target.value)}
            />
          </div>
          {problem ? (
            <p className="error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button button-small"
              disabled={isBusy}
              data-testid="month-commend-save"
              onClick={() => void save(true)}
            >
              {isBusy ? mm("saving") : mm("commendSave")}
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={isBusy}
              onClick={() => setIsEditing(false)}
            >
              {mm("commendCancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {row.commended ? (
            <>
              <button
                type="button"
                className="button button-secondary button-small"
                data-testid="month-commend-edit"
                onClick={open}
              >
                {mm("editCitation")}
              </button>
              <button
                type="button"
                className="button button-danger-outline button-small"
                disabled={isBusy}
                data-testid="month-commend-remove"
                onClick={() => void save(false)}
              >
                {mm("uncommendAction")}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-secondary button-small"
              data-testid="month-commend-open"
              onClick={open}
            >
              ☆ {mm("commendAction")}
            </button>
          )}
        </div>
      )}
      {!isEditing && problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** The days the rounds chart counts, "统计 11月1日 至 11月29日 的上课日…", under the chart. */
export function RoundsRange({ rounds }: { rounds: { from: LocalDate; to: LocalDate; due: number } }) {
  const lang = getLang();
  return (
    <p className="muted small month-chart-note">
      {rounds.due === 0
        ? mm("roundsNone")
        : mm("roundsRange", { from: dayShort(rounds.from, lang), to: dayShort(rounds.to, lang) })}
    </p>
  );
}

export function MonthCharts({
  hazards,
  rounds,
}: {
  hazards: ChartData;
  rounds: ChartData & { from: LocalDate; to: LocalDate; due: number };
}) {
  return (
    <div className="month-charts">
      <BarChart
        title={mm("hazardsChart")}
        categories={hazards.categories}
        series={hazards.series}
        isStacked
        testId="month-chart-hazards"
      />
      <div>
        <BarChart
          title={mm("roundsChart")}
          categories={rounds.categories}
          series={rounds.series}
          testId="month-chart-rounds"
        />
        <RoundsRange rounds={rounds} />
      </div>
    </div>
  );
}
