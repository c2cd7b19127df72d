// 每周小结上报情况 /summaries?week=YYYY-MM-DD (SPEC §4, issue #7 §1, §4): for a chosen week
// (default: the last one already due), every class with submitted / submitted late / draft /
// not yet due / missing (WS-3), the counts at the top, a tap to open a class's summary. The
// admin reminds the class teachers who have not submitted (one summary.remind, with a note)
// and sees the reminders sent. 打印 opens an A4 page of every class's summary (?print=1);
// 导出 CSV a UTF-8 file with BOM, one row per class. Admins and the principal see every class;
// anyone else their own classes. Everything from this phone's records, offline too.
import { useEffect, useState } from "react";
import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { SUMMARY_STATUS_LABELS } from "../../../domain/weekly-summary.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { sendReminder } from "../../db/summary-edits.ts";
import { classLabel, formatMoment, getLang, inLang, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { PrintAndCsv } from "../../ui/print-and-csv.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import {
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import {
  type ClassWeekRow,
  defaultReminderTargets,
  isSubmitted,
  reminderProblem,
  STATUS_ORDER,
  statusCounts,
  weekRows,
} from "./summaries-model.ts";
import { useWeekData, type WeekData } from "./summary-data.ts";
import { exportFileName, exportTable } from "./summary-export.ts";
import {
  classesFor,
  lastCompleteWeek,
  numbersFor,
  recentWeeks,
  seesAllClasses,
  summaryLink,
  weekOfParam,
} from "./summary-model.ts";
import { AppLink, WeekPicker, weekText } from "./summary-parts.tsx";
import { sm } from "./summary-text.ts";
import "./summaries.css";

export function SummariesPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory)
    return <NoDirectory directory={directory} title={sm("listTitle")} message={sm("noSchool")} />;
  return <Summaries account={account} directory={directory} />;
}

function Summaries({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const { search } = useLocation();
  const now = useNow(60_000);
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  // The admin's question is usually "who has not submitted last week's": that week by default.
  const weekStart = search.get("week") ? weekOfParam(search.get("week"), today) : lastCompleteWeek(today);
  const isPrint = search.get("print") === "1";
  const data = useWeekData(account.schoolId, weekStart, tz);
  const me = { id: account.userId, roles: account.roles };
  const classes = classesFor(me, directory.classes);

  if (data === undefined) return <Splash />;
  const rows = weekRows({
    classes,
    summaries: data.summaries,
    weekStart,
    now,
    timeZone: tz,
    liveNumbers: (classId) =>
      numbersFor({
        classId,
        weekStart,
        now,
        today,
        calendar: directory.settings,
        timeZone: tz,
        areas: directory.areas,
        records: data,
      }),
  });
  const props = { account, directory, weekStart, rows, data, now };
  return isPrint ? <PrintView {...props} /> : <WeekList {...props} today={today} />;
}

interface ViewProps {
  account: AccountRow;
  directory: SchoolDirectory;
  weekStart: LocalDate;
  rows: ClassWeekRow[];
  data: WeekData;
  now: Date;
}

function WeekList({
  account,
  directory,
  weekStart,
  rows,
  data,
  now,
  today,
}: ViewProps & { today: LocalDate }) {
  const tz = directory.settings.timeZone;
  const counts = statusCounts(rows);
  const isAdmin = account.roles.includes("admin");

  const makeCsv = async () => {
    const { csvText } = await import("../../ui/csv-file.ts");
    const lang = getLang();
    const table = exportTable(
      rows,
      weekStart,
      { className: (r) => classLabel(r.schoolClass), staffName: (id) => staffName(directory, id) },
      tz,
      lang,
    );
    return { text: csvText(table), fileName: exportFileName(weekStart, lang) };
  };

  return (
    <div className="page stack sums-page">
      <h1>{sm("listTitle")}</h1>
      <p className="muted small">{seesAllClasses(account.roles) ? sm("listIntro") : sm("listMine")}</p>
      <WeekPicker
        weeks={recentWeeks(today)}
        value={weekStart}
        thisWeek={recentWeeks(today, 1)[0] as LocalDate}
        onWeek={(w) => navigate(`/summaries?week=${w}`, { replace: true })}
      />
      <ul className="sums-counts" data-testid="sums-counts">
        {STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => (
          <li
            key={s}
            className={`sum-status status-${s}`}
            data-testid={`sums-count-${s}`}
            data-count={counts[s]}
          >
            {sm("countLine", { label: inLang(SUMMARY_STATUS_LABELS[s]), n: counts[s] })}
          </li>
        ))}
      </ul>

      {rows.length === 0 ? (
        <p className="card muted">{sm("noClasses")}</p>
      ) : (
        <ul className="sums-list" data-testid="sums-list">
          {rows.map((r) => (
            <li key={r.classId}>
              <AppLink
                to={summaryLink(weekStart, r.classId)}
                className={`sums-row is-${r.status}`}
                testId="sums-row"
              >
                <span className="sums-row-text" data-class-id={r.classId}>
                  <strong>{classLabel(r.schoolClass)}</strong>
                  <small className="muted">
                    {r.schoolClass.classTeacherId
                      ? staffName(directory, r.schoolClass.classTeacherId)
                      : sm("noTeacher")}
                    {r.summary?.submittedAt ? ` · ${schoolMoment(r.summary.submittedAt, tz)}` : ""}
                  </small>
                </span>
                <span className="sums-row-tags">
                  {r.isPending ? <span className="tag tag-pending">{sm("pending")}</span> : null}
                  <span
                    className={`sum-status status-${r.status}`}
                    data-testid="sums-status"
                    data-status={r.status}
                  >
                    {inLang(SUMMARY_STATUS_LABELS[r.status])}
                  </span>
                </span>
                <span className="chevron" aria-hidden="true">
                  ›
                </span>
              </AppLink>
            </li>
          ))}
        </ul>
      )}

      <PrintAndCsv
        printTo={`/summaries?week=${weekStart}&print=1`}
        printTestId="sums-print"
        csvTestId="sums-export"
        canExport={rows.length > 0}
        makeCsv={makeCsv}
      />

      {isAdmin ? <ReminderForm key={weekStart} account={account} weekStart={weekStart} rows={rows} /> : null}
      {seesAllClasses(account.roles) ? (
        <section
          className="card stack-small"
          aria-labelledby="sums-reminders-title"
          data-testid="sums-reminders"
        >
          <h2 id="sums-reminders-title" className="eyebrow">
            {sm("remindersTitle")}
          </h2>
          {data.reminders.length === 0 ? (
            <p className="muted small">{sm("noReminders")}</p>
          ) : (
            <ul className="sum-records">
              {data.reminders.map((e) => (
                <li key={e.entity.id} data-testid="sums-reminder">
                  {sm("reminderLine", {
                    time: schoolMoment(e.entity.sentAt, tz),
                    who: staffName(directory, e.entity.sentBy),
                    n: e.entity.classIds.length,
                  })}
                  {e.hasPendingChanges ? <span className="tag tag-pending">{sm("pending")}</span> : null}
                  {e.entity.note ? <p className="small">{e.entity.note}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <AppLink to="/education" className="button button-secondary button-small">
        {sm("education")}
      </AppLink>
      <p className="muted small">{formatMoment(now)}</p>
    </div>
  );
}

function ReminderForm({
  account,
  weekStart,
  rows,
}: {
  account: AccountRow;
  weekStart: LocalDate;
  rows: ClassWeekRow[];
}) {
  const open = rows.filter((r) => !isSubmitted(r.status) && r.schoolClass.classTeacherId !== null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(defaultReminderTargets(rows)));
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const classIds = open.map((r) => r.classId).filter((id) => chosen.has(id));

  async function send() {
    const found = reminderProblem(classIds, note);
    setProblem(
      found === "noClass" ? sm("remindNoClass") : found === "noteTooLong" ? sm("remindNoteTooLong") : null,
    );
    setSent(false);
    if (found) return;
    setIsBusy(true);
    try {
      await sendReminder(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        { weekStart, classIds, note: note.trim() },
      );
      setSent(true);
      setNote("");
    } catch (caught) {
      setProblem(sm("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section className="card stack-small" aria-labelledby="sums-remind-title" data-testid="sums-remind">
      <h2 id="sums-remind-title" className="eyebrow">
        {sm("remindTitle")}
      </h2>
      {open.length === 0 ? (
        <p className="muted small">{sm("remindAllSubmitted")}</p>
      ) : (
        <>
          <p className="muted small">{sm("remindHint")}</p>
          <ul className="sums-choices">
            {open.map((r) => (
              <li key={r.classId}>
                <label className="sums-choice">
                  <input
                    type="checkbox"
                    checked={chosen.has(r.classId)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(r.classId);
                      else next.delete(r.classId);
                      setChosen(next);
                    }}
                  />
                  <span>{classLabel(r.schoolClass)}</span>
                  <small className="muted">{inLang(SUMMARY_STATUS_LABELS[r.status])}</small>
                </label>
              </li>
            ))}
          </ul>
          <div className="field">
            <label htmlFor="sums-note">{sm("remindNote")}</label>
            <small className="hint">{sm("remindNoteHint")}</small>
            <input
              id="sums-note"
              name="note"
              className="input"
              value={note}
              maxLength={400}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          {problem ? (
            <p className="error" role="alert">
              {problem}
            </p>
          ) : null}
          {sent ? (
            <p className="ok-text small" role="status" data-testid="sums-remind-sent">
              {sm("remindSent")}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={isBusy}
            data-testid="sums-remind-send"
            onClick={() => void send()}
          >
            {sm("remindSend", { n: classIds.length })}
          </button>
        </>
      )}
    </section>
  );
}

/** The A4 page: every class's summary of the week, with its status, numbers, words and addenda. */
function PrintView({ directory, weekStart, rows, now }: ViewProps) {
  const tz = directory.settings.timeZone;
  // Opened from the list's foot: start at the page's head, as the paper does.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  return (
    <div className="page stack sums-print print-sheet" data-testid="sums-print-view">
      <div className="sums-print-controls stack-small">
        <BackLink to={`/summaries?week=${weekStart}`} label={sm("backToList")} />
        <button type="button" className="button" onClick={() => window.print()}>
          {sm("print")}
        </button>
      </div>
      <header className="sums-print-head">
        <p className="sums-print-school">{directory.schoolName}</p>
        <h1 className="sums-print-title">{sm("title")}</h1>
        <p className="sums-print-range">
          {weekText(weekStart)}　{sm("printedAt", { time: formatMoment(now) })}
        </p>
      </header>
      {rows.map((r) => {
        const n = r.numbers;
        return (
          <article key={r.classId} className="sums-print-class" data-testid="sums-print-class">
            <h2>
              {classLabel(r.schoolClass)}
              <span className="sums-print-meta">
                {r.schoolClass.classTeacherId
                  ? sm("teacher", { name: staffName(directory, r.schoolClass.classTeacherId) })
                  : sm("noTeacher")}
                {" · "}
                {inLang(SUMMARY_STATUS_LABELS[r.status])}
                {r.summary?.submittedAt ? ` · ${schoolMoment(r.summary.submittedAt, tz)}` : ""}
              </span>
            </h2>
            <p className="small sums-print-numbers">
              {sm("printNumbers", {
                done: n.rounds.done,
                due: n.rounds.due,
                missed: n.rounds.missed.length,
                found: n.hazards.found.length,
                rectified: n.hazards.rectified.length,
                late: n.hazards.late.length,
                exceptions: Object.values(n.exceptions).reduce((a, b) => a + b, 0),
                unaccounted: n.unaccounted.length,
                lesson: n.lesson.held ? sm("held") : sm("notHeld"),
              })}
              {r.isLiveCount ? `（${sm("liveCount")}）` : ""}
            </p>
            <p className="sum-words">{r.summary?.text || sm("noWords")}</p>
            {r.summary && r.summary.addenda.length > 0 ? (
              <div className="small">
                <strong>{sm("addendaTitle")}</strong>
                {r.summary.addenda.map((a) => (
                  <p key={`${a.at}|${a.by}`} className="sum-words">
                    {schoolMoment(a.at, tz)} {staffName(directory, a.by)}：{a.text}
                  </p>
                ))}
              </div>
            ) : null}
          </article>
        );
      })}
      <p className="sums-print-sign">{sm("signHead")}</p>
    </div>
  );
}
