import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import type { AccountRow } from "../../db/db.ts";
import { classLabel, formatMoment, getLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { PrintAndCsv } from "../../ui/print-and-csv.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { AppLink } from "../summaries/summary-parts.tsx";
import { CHART_MONTHS, useMonthData } from "./month-data.ts";
import { monthExportFileName, monthExportTable } from "./month-export.ts";
import { monthOfParam, monthRanking, monthWeeksSoFar, schoolMonths } from "./month-model.ts";
import { MonthPicker } from "./month-picker.tsx";
import { MonthPrint } from "./month-print.tsx";
import { mm } from "./month-text.ts";
import {
  type ChartData,
  hazardsChart,
  type RankingRow,
  rankingRows,
  roundsChart,
  weekShort,
} from "./month-view.ts";
import { MonthCharts, RankingCard, RulesCard } from "./month-view-parts.tsx";
import "./month.css";

export function MonthPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={mm("title")} message={mm("noSchool")} />;
  return <Month account={account} directory={directory} />;
}

/** What the screen and the print page show of a month. */
export interface MonthViewProps {
  account: AccountRow;
  directory: SchoolDirectory;
  month: string;
  weeks: readonly LocalDate[];
  rows: RankingRow[];
  hazards: ChartData;
  rounds: ChartData & { from: LocalDate; to: LocalDate; due: number };
  now: Date;
  today: LocalDate;
}

function Month({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const { search } = useLocation();
  const now = useNow(60_000);
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const month = monthOfParam(search.get("m"), today);
  const isPrint = search.get("print") === "1";
  const weeks = monthWeeksSoFar(month, directory.settings, today);
  const data = useMonthData(account.schoolId, month, weeks, tz);
  if (data === undefined) return <Splash />;

  const lang = getLang();
  const months = schoolMonths({ directory, weeks, data, now, today });
  const view: MonthViewProps = {
    account,
    directory,
    month,
    weeks,
    // A month with no school week has no score to rank.
    rows: weeks.length === 0 ? [] : rankingRows(monthRanking(months), data.commendations),
    hazards: hazardsChart({
      hazards: data.chartHazards,
      areas: directory.areas,
      month,
      count: CHART_MONTHS,
      timeZone: tz,
      lang,
    }),
    rounds: roundsChart({
      month,
      today,
      calendar: directory.settings,
      areaIds: directory.areas.map((a) => a.id),
      rounds: data.monthRounds,
      lang,
    }),
    now,
    today,
  };
  return isPrint ? <MonthPrint {...view} /> : <MonthScreen {...view} />;
}

function MonthScreen(props: MonthViewProps) {
  const { account, directory, month, weeks, rows, hazards, rounds, now, today } = props;
  const commended = rows.filter((r) => r.commended).length;

  const makeCsv = async () => {
    const { csvText } = await import("../../ui/csv-file.ts");
    const lang = getLang();
    const table = monthExportTable(
      rows,
      month,
      directory.settings.scoreRules,
      {
        className: (r) => classLabel(r.schoolClass),
        teacherName: (r) => staffName(directory, r.schoolClass.classTeacherId),
      },
      lang,
    );
    return { text: csvText(table), fileName: monthExportFileName(month, lang) };
  };

  return (
    <div className="page stack month-page">
      <h1>{mm("title")}</h1>
      <p className="muted small">{mm("intro")}</p>
      <MonthPicker
        id="month-picker"
        testId="month-picker"
        month={month}
        today={today}
        onMonth={(m) => navigate(`/month?m=${m}`, { replace: true })}
      />
      {weeks.length > 0 ? (
        <p className="muted small" data-testid="month-weeks" data-weeks={weeks.length}>
          {mm("weeksLine", { n: weeks.length, weeks: weeks.map(weekShort).join("，") })}
        </p>
      ) : null}
      <RulesCard rules={directory.settings.scoreRules} />

      <section className="stack-small" aria-labelledby="month-ranking-title">
        <div className="month-section-head">
          <h2 id="month-ranking-title">{mm("rankingTitle")}</h2>
          <AppLink
            to={`/commendation?m=${month}`}
            className="month-list-link"
            testId="month-commendation-link"
          >
            {mm("commendationList")} ›
          </AppLink>
        </div>
        {directory.classes.length === 0 ? (
          <p className="card muted" data-testid="month-empty">
            {mm("noClasses")}
          </p>
        ) : weeks.length === 0 ? (
          <p className="card muted" data-testid="month-empty">
            {mm("noWeeks")}
          </p>
        ) : (
          <>
            {commended > 0 ? (
              <p className="small month-commended-count">{mm("commendedCount", { n: commended })}</p>
            ) : null}
            <ol className="month-ranking" data-testid="month-ranking">
              {rows.map((row) => (
                <RankingCard
                  key={row.classId}
                  row={row}
                  month={month}
                  directory={directory}
                  account={account}
                />
              ))}
            </ol>
          </>
        )}
      </section>

      <section className="stack-small" aria-labelledby="month-charts-title">
        <h2 id="month-charts-title">{mm("chartsTitle")}</h2>
        <MonthCharts hazards={hazards} rounds={rounds} />
      </section>

      <PrintAndCsv
        printTo={`/month?m=${month}&print=1`}
        printTestId="month-print"
        csvTestId="month-csv"
        canExport={rows.length > 0}
        makeCsv={makeCsv}
      />
      <p className="muted small">{mm("asOf", { time: formatMoment(now) })}</p>
    </div>
  );
}
