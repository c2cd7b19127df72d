// 班级月度评分 /month-class?m=YYYY-MM&class=… (SPEC §4, issue #7 §2 "every number links to the
// records behind it"): one class's score of the month and its rank among all classes (MS-1,
// MS-2, MS-4), each part of the score with its weight, ratio and counts, a tap away from the
// records behind it (the missed round slots, the hazards, the unaccounted alerts, each week's
// summary and lesson), the class's score week by week (MC-1), and its commendation. The
// ranking is public, so every staff member may open any class; without ?class= a class teacher
// lands on their own class. Everything from this phone's records, offline too.
import { SCORE_PART_LABELS, type ScorePart } from "../../../domain/monthly-score.ts";
import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { SUMMARY_STATUS_LABELS } from "../../../domain/weekly-summary.ts";
import type { AccountRow } from "../../db/db.ts";
import { BarChart } from "../../ui/bar-chart.tsx";
import { getLang, inLang, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { hazardStateLabel, roundLabel } from "../../ui/safety-text.ts";
import {
  areaName,
  type SchoolDirectory,
  schoolMoment,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { shownPupils } from "../summaries/summary-data.ts";
import { type ClassLike, sortClasses, summaryLink } from "../summaries/summary-model.ts";
import { AppLink, ClassPicker, NumberLine, weekText } from "../summaries/summary-parts.tsx";
import {
  chooseMonthClass,
  classCommendation,
  hazardRows,
  lessonRows,
  mondayShort,
  roundsRows,
  runningWeek,
  standingOf,
  summaryRows,
  unaccountedRows,
  weekBars,
} from "./class-month-model.ts";
import { cmt, dateText } from "./class-month-text.ts";
import { type MonthData, useMonthData } from "./month-data.ts";
import {
  type ClassMonth,
  classMonthLink,
  monthOfParam,
  monthRanking,
  monthWeeksSoFar,
  schoolMonths,
} from "./month-model.ts";
import { MonthPicker } from "./month-picker.tsx";
import { monthLong } from "./month-view.ts";
import "../summaries/summaries.css";
import "./class-month.css";

export function ClassMonthPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory)
    return (
      <NoDirectory
        directory={directory}
        title={cmt("title")}
        message={cmt("noSchool")}
        back={<BackLink to="/month" label={cmt("backToMonth")} />}
      />
    );
  return <ClassMonthView account={account} directory={directory} />;
}

function ClassMonthView({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const { search } = useLocation();
  const now = useNow(60_000);
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const month = monthOfParam(search.get("m"), today);
  const me = { id: account.userId, roles: account.roles };
  const choice = chooseMonthClass(me, directory.classes, search.get("class"));
  const weeks = monthWeeksSoFar(month, directory.settings, today);
  const data = useMonthData(account.schoolId, month, weeks, tz);
  const back = <BackLink to={`/month?m=${month}`} label={cmt("backToMonth")} />;

  if (choice.kind === "noClasses")
    return (
      <PageNotice title={cmt("title")} message={cmt("noClasses")} back={back} testId="class-month-empty" />
    );
  if (choice.kind === "notFound")
    return (
      <PageNotice
        title={cmt("title")}
        message={cmt("classNotFound", { id: choice.classId })}
        back={back}
        testId="class-month-not-found"
      />
    );
  const { schoolClass } = choice;
  const go = (m: string, classId: string) => navigate(classMonthLink(m, classId), { replace: true });

  return (
    <div className="page stack sum-page cm-page">
      {back}
      <h1>{cmt("title")}</h1>
      <div className="sum-pickers">
        <MonthPicker
          id="class-month-month"
          month={month}
          today={today}
          onMonth={(m) => go(m, schoolClass.id)}
        />
        <ClassPicker
          classes={sortClasses(directory.classes)}
          value={schoolClass.id}
          onClass={(c) => go(month, c)}
        />
      </div>
      {weeks.length === 0 ? (
        <p className="card muted" data-testid="class-month-no-weeks">
          {cmt("noWeeks", { month: monthLong(month, getLang()) })}
        </p>
      ) : data === undefined ? (
        <Splash />
      ) : (
        <ClassMonthBody
          // Another class or month starts with its parts closed, as a new page would.
          key={`${month}|${schoolClass.id}`}
          directory={directory}
          schoolClass={schoolClass}
          month={month}
          weeks={weeks}
          data={data}
          now={now}
          today={today}
        />
      )}
    </div>
  );
}

function ClassMonthBody({
  directory,
  schoolClass,
  month,
  weeks,
  data,
  now,
  today,
}: {
  directory: SchoolDirectory;
  schoolClass: ClassLike;
  month: string;
  weeks: readonly LocalDate[];
  data: MonthData;
  now: Date;
  today: LocalDate;
}) {
  const _tz = directory.settings.timeZone;
  const rules = directory.settings.scoreRules;
  // Every class's month, for the rank: the ranking is over the whole school.
  const months = schoolMonths({ directory, weeks, data, now, today });
  const ranking = monthRanking(months);
  const mine = months.find((m) => m.schoolClass.id === schoolClass.id) as ClassMonth;
  const standing = standingOf(ranking, schoolClass.id);
  const bars = weekBars(mine, rules);
  const running = runningWeek(mine, today);
  const asOf =
    mine.weeks
      .map((w) => w.numbers.asOf)
      .sort()
      .at(-1) ?? today;
  const commendation = classCommendation(data.commendations, schoolClass.id, shownPupils(data.pupilsById));

  return (
    <>
      <section className="card cm-total" data-testid="class-month-total" data-total={mine.score.total}>
        <p className="cm-total-line">
          <span className="eyebrow">{cmt("total")}</span>
          <strong className="cm-total-score">{cmt("points", { n: mine.score.total })}</strong>
          <span className="muted small">{cmt("outOf", { n: bars.max })}</span>
        </p>
        {standing ? (
          <p className="cm-rank" data-testid="class-month-rank" data-rank={standing.rank}>
            {cmt("rank", { rank: standing.rank, of: standing.of })}
            {standing.isTied ? <span className="tag tag-muted">{cmt("tied")}</span> : null}
          </p>
        ) : null}
        <p className="muted small">{cmt("asOf", { date: dateText(asOf) })}</p>
      </section>

      <section className="card stack-small" aria-labelledby="cm-parts-title">
        <h2 id="cm-parts-title" className="eyebrow">
          {cmt("partsTitle")}
        </h2>
        <p className="muted small">{cmt("partsHint")}</p>
        <div className="sum-lines">
          {mine.score.parts.map((p) => (
            <NumberLine
              key={p.part}
              name={p.part}
              testId={`class-month-part-${p.part}`}
              isWarn={p.ratio < 1}
              head={
                <>
                  <span className="cm-part-top">
                    <strong>{inLang(SCORE_PART_LABELS[p.part])}</strong>
                    <span className="cm-part-points">
                      {cmt("partHead", { points: p.points, weight: p.weight })}
                    </span>
                  </span>
                  <span className="muted small">
                    {p.denominator === 0
                      ? cmt("nothingToCount")
                      : `${countText(p.part, p.numerator, p.denominator, mine)} · ${cmt("ratio", {
                          pct: Math.round(p.ratio * 1000) / 10,
                        })}`}
                  </span>
                </>
              }
            >
              <PartRecords part={p.part} month={month} classMonth={mine} directory={directory} data={data} />
            </NumberLine>
          ))}
        </div>
      </section>

      <section className="card stack-small" aria-labelledby="cm-chart-title">
        <h2 id="cm-chart-title" className="visually-hidden">
          {cmt("chartTitle")}
        </h2>
        <BarChart
          title={cmt("chartTitle")}
          categories={bars.labels.map((label) => cmt("chartWeek", { label }))}
          series={[{ name: cmt("chartSeries"), values: bars.totals }]}
          max={bars.max}
          unit={cmt("chartUnit")}
          testId="class-month-chart"
        />
        {running ? (
          <p className="muted small">{cmt("chartRunning", { label: mondayShort(running) })}</p>
        ) : null}
        <ul className="cm-weeks">
          {bars.weekStarts.map((w, i) => (
            <li key={w}>
              <AppLink
                to={summaryLink(w, schoolClass.id)}
                className="sum-card-line cm-week-link"
                testId={`class-month-week-${w}`}
              >
                <span>{weekText(w)}</span>
                <span className="cm-week-score">
                  {cmt("points", { n: bars.totals[i] ?? 0 })}
                  <span className="chevron" aria-hidden="true">
                    ›
                  </span>
                </span>
              </AppLink>
            </li>
          ))}
        </ul>
      </section>

      <section
        className="card stack-small"
        aria-labelledby="cm-commend-title"
        data-testid="class-month-commendation"
      >
        <h2 id="cm-commend-title" className="eyebrow">
          {cmt("commendTitle")}
        </h2>
        {commendation === undefined ? (
          <p className="muted small">{cmt("noCommendation")}</p>
        ) : (
          <>
            {commendation.commended ? (
              <p className="cm-commended" data-testid="class-month-commended">
                <strong>🏅 {cmt("commended")}</strong>
                {commendation.isPending ? <span className="tag tag-pending">{cmt("pending")}</span> : null}
                {commendation.citation ? <span className="sum-words">{commendation.citation}</span> : null}
              </p>
            ) : (
              <p className="muted small">{cmt("notCommended")}</p>
            )}
            <p className="small" data-testid="class-month-guardians">
              {commendation.guardians.length > 0
                ? cmt("guardians", { names: commendation.guardians.join("、") })
                : cmt("noGuardians")}
            </p>
          </>
        )}
        <AppLink to={`/commendation?m=${month}`} className="button button-secondary button-small">
          {cmt("commendationList")}
        </AppLink>
      </section>
    </>
  );
}

/** The line under a part's name: its numerator and denominator in words. */
function countText(part: ScorePart, n: number, d: number, month: ClassMonth): string {
  switch (part) {
    case "rounds":
      return cmt("roundsCount", { n, d });
    case "hazardsOnTime":
      return cmt("hazardsCount", { n, d });
    case "noUnaccounted":
      return cmt("unaccountedCount", {
        k: month.weeks.reduce((s, w) => s + w.numbers.unaccounted.length, 0),
      });
    case "summariesOnTime":
      return cmt("summariesCount", { n, d });
    case "lessons":
      return cmt("lessonsCount", { n, d });
  }
}

/** The records behind one part of the score. */
function PartRecords({
  part,
  month,
  classMonth,
  directory,
  data,
}: {
  part: ScorePart;
  month: string;
  classMonth: ClassMonth;
  directory: SchoolDirectory;
  data: MonthData;
}) {
  const classId = classMonth.schoolClass.id;
  const tz = directory.settings.timeZone;
  switch (part) {
    case "rounds":
      return (
        <ul className="sum-records">
          {roundsRows(classMonth).map((w) => (
            <li key={w.weekStart} className="cm-record-week">
              <AppLink to={summaryLink(w.weekStart, classId)}>{weekText(w.weekStart)}</AppLink>
              <span className="muted small">
                {w.due === 0
                  ? cmt("weekNoRounds")
                  : cmt("weekRounds", { due: w.due, done: w.done, missed: w.missed.length })}
              </span>
              {w.missed.length > 0 ? (
                <ul className="cm-sub-records small">
                  {w.missedDays.map((d) => (
                    <li key={`${d.date}|${d.areaId}`}>
                      {d.date} · {d.rounds.map(roundLabel).join(cmt("listSep"))} ·{" "}
                      {areaName(directory, d.areaId)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      );
    case "hazardsOnTime": {
      const rows = hazardRows(classMonth, new Map(data.hazards.map((h) => [h.id, h])));
      if (rows.length === 0) return <p className="muted small">{cmt("noHazards")}</p>;
      const back = encodeURIComponent(classMonthLink(month, classId));
      return (
        <ul className="sum-records">
          {rows.map((r) => (
            <li key={r.id}>
              <AppLink to={`/hazards/${r.id}?back=${back}`} testId="class-month-hazard">
                {r.hazard
                  ? `${areaName(directory, r.hazard.areaId)} · ${r.hazard.description}`
                  : cmt("hazardUnknown")}
              </AppLink>{" "}
              <span className="muted small">
                {r.hazard ? `${schoolMoment(r.hazard.foundAt, tz)} · ` : ""}
                {r.state ? hazardStateLabel(r.state) : ""}
              </span>
              {r.isLate ? (
                <span className="cm-late"> · {cmt("late")}</span>
              ) : r.isRectified ? (
                <span className="ok-text small"> · {cmt("rectifiedOnTime")}</span>
              ) : null}
            </li>
          ))}
        </ul>
      );
    }
    case "noUnaccounted": {
      const rows = unaccountedRows(
        classMonth,
        new Map(data.alerts.map((a) => [a.id, a])),
        shownPupils(data.pupilsById),
      );
      if (rows.length === 0) return <p className="muted small">{cmt("noUnaccounted")}</p>;
      return (
        <ul className="sum-records">
          {rows.map((r) => (
            <li key={r.alertId}>
              {r.raisedAt ? `${schoolMoment(r.raisedAt, tz)} · ` : `${cmt("alertUnknown")} · `}
              {r.isHidden ? (
                <span data-testid="class-month-pupil-hidden">{r.pupilName}</span>
              ) : r.pupilId ? (
                <AppLink to={`/where?pupil=${r.pupilId}`} testId="class-month-pupil">
                  {r.pupilName ?? cmt("pupilUnknown")}
                </AppLink>
              ) : (
                cmt("pupilUnknown")
              )}
            </li>
          ))}
        </ul>
      );
    }
    case "summariesOnTime":
      return (
        <ul className="sum-records">
          {summaryRows(classMonth).map((r) => (
            <li key={r.weekStart} className="cm-record-line">
              <AppLink to={summaryLink(r.weekStart, classId)}>{weekText(r.weekStart)}</AppLink>
              <span className="cm-record-tags">
                <span className={`sum-status status-${r.status}`}>
                  {inLang(SUMMARY_STATUS_LABELS[r.status])}
                </span>
                {r.isCounted ? null : <span className="muted small">{cmt("notCounted")}</span>}
              </span>
            </li>
          ))}
        </ul>
      );
    case "lessons": {
      const rows = lessonRows(classMonth, new Map(data.education.map((e) => [e.id, e])));
      return (
        <>
          <ul className="sum-records">
            {rows.map((r) => (
              <li key={r.weekStart} className="cm-record-line">
                <AppLink to={summaryLink(r.weekStart, classId)}>{weekText(r.weekStart)}</AppLink>
                <span className="cm-record-tags">
                  <span className={r.held ? "ok-text small" : "warn-text small"}>
                    {r.held ? cmt("lessonHeld") : cmt("lessonNotHeld")}
                  </span>
                  {r.isCounted ? null : <span className="muted small">{cmt("notCounted")}</span>}
                </span>
                {r.held ? (
                  <AppLink to="/education" className="small cm-lesson" testId="class-month-lesson">
                    {r.record
                      ? cmt("lessonHeldOn", { date: r.record.date, topic: r.record.topic })
                      : cmt("lessonNoRecord")}
                  </AppLink>
                ) : null}
              </li>
            ))}
          </ul>
          <AppLink to="/education" className="button button-secondary button-small">
            {cmt("education")}
          </AppLink>
        </>
      );
    }
  }
}
