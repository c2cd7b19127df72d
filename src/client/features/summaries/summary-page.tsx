// 班级每周安全小结 /summary?week=YYYY-MM-DD&class=… (SPEC §4, issue #7 §1): the week's numbers
// for one class, counted on this phone with draftNumbers() (WS-1), each a tap away from the
// records behind it; the class teacher's words saved as a draft (offline too) and submitted
// once, after which the words and numbers stand frozen with who and when and only addenda
// follow (WS-2). The class teacher sees their own class; an admin picks any, the principal reads.
import { useState } from "react";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import {
  SUMMARY_STATUS_LABELS,
  type SummaryAlert,
  summaryDueAt,
  summaryStatus,
  type WeeklySummary,
  type WeekNumbers,
  weeklySummaryId,
} from "../../../domain/weekly-summary.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { addAddendum, saveSummary, submitSummary } from "../../db/summary-edits.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { TextAreaField } from "../../ui/form-parts.tsx";
import { classLabel, inLang, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import {
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { shownName, useWeekData, type WeekData } from "./summary-data.ts";
import {
  type ClassLike,
  canWriteSummary,
  chooseClass,
  classesFor,
  numbersFor,
  recentWeeks,
  seesAllClasses,
  summaryLink,
  weekOfParam,
} from "./summary-model.ts";
import { ClassPicker, NumbersList, WeekPicker } from "./summary-parts.tsx";
import { sm } from "./summary-text.ts";
import "./summaries.css";

const MAX_WORDS = 4000;
const MAX_ADDENDUM = 2000;

export function SummaryPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={sm("title")} message={sm("noSchool")} />;
  return <Summary account={account} directory={directory} />;
}

function errorText(caught: unknown): string {
  return sm("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) });
}

function Summary({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const { search } = useLocation();
  const now = useNow(60_000);
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const weekStart = weekOfParam(search.get("week"), today);
  const me = { id: account.userId, roles: account.roles };
  const mine = classesFor(me, directory.classes);
  const schoolClass = chooseClass(mine, search.get("class"));
  const data = useWeekData(account.schoolId, weekStart, tz);
  const back = seesAllClasses(account.roles) ? (
    <BackLink to={`/summaries?week=${weekStart}`} />
  ) : (
    <BackLink />
  );

  if (!schoolClass)
    return <PageNotice title={sm("title")} message={sm("noClass")} back={back} testId="sum-no-class" />;

  const go = (week: LocalDate, classId: string) => navigate(summaryLink(week, classId), { replace: true });
  return (
    <div className="page stack sum-page">
      {back}
      <h1>{sm("title")}</h1>
      <div className="sum-pickers">
        <WeekPicker
          weeks={recentWeeks(today)}
          value={weekStart}
          thisWeek={recentWeeks(today, 1)[0] as LocalDate}
          onWeek={(w) => go(w, schoolClass.id)}
        />
        {mine.length > 1 ? (
          <ClassPicker classes={mine} value={schoolClass.id} onClass={(c) => go(weekStart, c)} />
        ) : null}
      </div>
      <p className="sum-class-line">
        <strong data-testid="sum-class">{classLabel(schoolClass)}</strong>
        <span className="muted small">
          {schoolClass.classTeacherId
            ? sm("teacher", { name: staffName(directory, schoolClass.classTeacherId) })
            : sm("noTeacher")}
        </span>
      </p>
      {data === undefined ? (
        <Splash />
      ) : (
        <ClassWeek
          key={`${weekStart}|${schoolClass.id}`}
          account={account}
          directory={directory}
          schoolClass={schoolClass}
          weekStart={weekStart}
          now={now}
          today={today}
          data={data}
        />
      )}
    </div>
  );
}

function ClassWeek({
  account,
  directory,
  schoolClass,
  weekStart,
  now,
  today,
  data,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  schoolClass: ClassLike;
  weekStart: LocalDate;
  now: Date;
  today: LocalDate;
  data: WeekData;
}) {
  const tz = directory.settings.timeZone;
  const id = weeklySummaryId(weekStart, schoolClass.id);
  const entry = data.summaries.find((e) => e.entity.id === id);
  const summary = entry?.entity;
  const isSubmitted = summary?.state === "submitted";
  const live = numbersFor({
    classId: schoolClass.id,
    weekStart,
    now,
    today,
    calendar: directory.settings,
    timeZone: tz,
    areas: directory.areas,
    records: data,
  });
  // WS-2: a submitted summary shows the numbers the class teacher signed, not today's count.
  const numbers = isSubmitted ? summary.numbers : live;
  const status = summaryStatus(summary, weekStart, now, tz);
  const canWrite = canWriteSummary({ id: account.userId, roles: account.roles }, schoolClass);
  const hazards = new Map<string, Hazard>(data.hazards.map((h) => [h.id, h]));
  const alerts = new Map<string, SummaryAlert>(data.alerts.map((a) => [a.id, a]));
  const back = summaryLink(weekStart, schoolClass.id);

  return (
    <>
      <p className="sum-status-line">
        <span className={`sum-status status-${status}`} data-testid="sum-status" data-status={status}>
          {inLang(SUMMARY_STATUS_LABELS[status])}
        </span>
        {entry?.hasPendingChanges ? (
          <span className="tag tag-pending" data-testid="sum-pending">
            {sm("pending")}
          </span>
        ) : null}
        <span className="muted small">
          {sm("dueAt", { time: schoolMoment(summaryDueAt(weekStart, tz), tz) })}
        </span>
      </p>

      <section className="card stack-small" aria-labelledby="sum-numbers-title">
        <h2 id="sum-numbers-title" className="eyebrow">
          {sm("numbersTitle")}
        </h2>
        <p className="muted small">
          {isSubmitted ? sm("numbersFrozen") : sm("numbersAsOf", { date: numbers.asOf })} ·{" "}
          {sm("tapToExpand")}
        </p>
        <NumbersList
          numbers={numbers}
          directory={directory}
          pupilName={(id) => shownName(data.pupilsById.get(id))}
          hazards={hazards}
          alerts={alerts}
          back={back}
        />
      </section>

      {isSubmitted ? (
        <Submitted
          account={account}
          directory={directory}
          summary={summary}
          isPending={entry?.hasPendingChanges ?? false}
          canWrite={canWrite}
        />
      ) : canWrite ? (
        <DraftForm
          account={account}
          directory={directory}
          summary={summary}
          input={{ id, classId: schoolClass.id, weekStart }}
          numbers={live}
        />
      ) : (
        <section className="card stack-small">
          <h2 className="eyebrow">{sm("wordsTitle")}</h2>
          {summary ? <p className="sum-words">{summary.text || sm("noWords")}</p> : null}
          <p className="muted small">{summary ? sm("notSubmittedYet") : sm("notStarted")}</p>
          <p className="muted small">{sm("readOnly")}</p>
        </section>
      )}
    </>
  );
}

function DraftForm({
  account,
  directory,
  summary,
  input,
  numbers,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  summary: WeeklySummary | undefined;
  input: { id: string; classId: string; weekStart: LocalDate };
  numbers: WeekNumbers;
}) {
  const [text, setText] = useState(summary?.text ?? "");
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useDirtyForm(text !== (summary?.text ?? ""));
  const actor = { actorUserId: account.userId, schoolId: account.schoolId };
  const tz = directory.settings.timeZone;

  function check(forSubmit: boolean): string | null {
    if (text.length > MAX_WORDS) return sm("wordsTooLong");
    if (forSubmit && text.trim() === "") return sm("wordsEmpty");
    return null;
  }

  async function run(kind: "save" | "submit") {
    const found = check(kind === "submit");
    setProblem(found);
    setNote(null);
    if (found) {
      setIsConfirming(false);
      return;
    }
    setIsBusy(true);
    try {
      const payload = { ...input, text: text.trim(), numbers };
      if (kind === "save") await saveSummary(db, actor, payload);
      else await submitSummary(db, actor, payload);
      setNote(sm("savedLocal"));
    } catch (caught) {
      setProblem(errorText(caught));
    } finally {
      setIsBusy(false);
      setIsConfirming(false);
    }
  }

  return (
    <section className="card stack-small" data-testid="sum-draft">
      <TextAreaField
        label={sm("wordsTitle")}
        hint={sm("wordsHint")}
        name="summaryText"
        value={text}
        onValue={(v) => {
          setText(v);
          setNote(null);
        }}
        problem={problem ?? undefined}
        rows={6}
      />
      <p className="muted small" data-testid="sum-saved-line">
        {summary
          ? sm("draftSaved", {
              time: schoolMoment(summary.savedAt, tz),
              who: staffName(directory, summary.savedBy),
            })
          : sm("notStarted")}
      </p>
      {note ? (
        <p className="ok-text small" role="status" data-testid="sum-note">
          {note}
        </p>
      ) : null}
      {isConfirming ? (
        <div className="sum-confirm stack-small" role="alertdialog" aria-labelledby="sum-confirm-title">
          <p id="sum-confirm-title">
            <strong>{sm("confirmTitle")}</strong>
          </p>
          <p className="small">{sm("confirmText")}</p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={isBusy}
              data-testid="sum-confirm-submit"
              onClick={() => void run("submit")}
            >
              {sm("confirmYes")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setIsConfirming(false)}>
              {sm("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={isBusy}
            data-testid="sum-save"
            onClick={() => void run("save")}
          >
            {isBusy ? sm("saving") : sm("saveDraft")}
          </button>
          <button
            type="button"
            className="button"
            disabled={isBusy}
            data-testid="sum-submit"
            onClick={() => {
              const found = check(true);
              setProblem(found);
              if (!found) setIsConfirming(true);
            }}
          >
            {sm("submit")}
          </button>
        </div>
      )}
    </section>
  );
}

function Submitted({
  account,
  directory,
  summary,
  isPending,
  canWrite,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  summary: WeeklySummary;
  isPending: boolean;
  canWrite: boolean;
}) {
  const tz = directory.settings.timeZone;
  return (
    <>
      <section className="card stack-small sum-frozen" data-testid="sum-submitted">
        <h2 className="eyebrow">{sm("wordsTitle")}</h2>
        <p className="sum-words" data-testid="sum-words">
          {summary.text || sm("noWords")}
        </p>
        <p className="muted small" data-testid="sum-submitted-line">
          {sm("submittedLine", {
            who: staffName(directory, summary.submittedBy),
            time: summary.submittedAt ? schoolMoment(summary.submittedAt, tz) : "",
          })}
          {isPending ? ` · ${sm("pending")}` : ""}
        </p>
      </section>
      <section className="card stack-small" aria-labelledby="sum-addenda-title">
        <h2 id="sum-addenda-title" className="eyebrow">
          {sm("addendaTitle")}
        </h2>
        {summary.addenda.length > 0 ? (
          <ul className="sum-addenda" data-testid="sum-addenda">
            {summary.addenda.map((a) => (
              <li key={`${a.at}|${a.by}`}>
                <span className="muted small">
                  {sm("addendumLine", { time: schoolMoment(a.at, tz), who: staffName(directory, a.by) })}
                </span>
                <p className="sum-words">{a.text}</p>
              </li>
            ))}
          </ul>
        ) : null}
        {canWrite ? <AddendumForm account={account} summaryId={summary.id} /> : null}
      </section>
    </>
  );
}

function AddendumForm({ account, summaryId }: { account: AccountRow; summaryId: string }) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  useDirtyForm(text !== "");

  async function add() {
    const trimmed = text.trim();
    const found =
      trimmed === "" ? sm("addendumEmpty") : trimmed.length > MAX_ADDENDUM ? sm("addendumTooLong") : null;
    setProblem(found);
    if (found) return;
    setIsBusy(true);
    try {
      await addAddendum(db, { actorUserId: account.userId, schoolId: account.schoolId }, summaryId, trimmed);
      setText("");
    } catch (caught) {
      setProblem(errorText(caught));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="stack-small" data-testid="sum-addendum-form">
      <TextAreaField
        label={sm("addendumLabel")}
        name="addendum"
        value={text}
        onValue={setText}
        problem={problem ?? undefined}
        rows={3}
      />
      <button
        type="button"
        className="button button-secondary"
        disabled={isBusy}
        data-testid="sum-addendum-save"
        onClick={() => void add()}
      >
        {sm("addendumSave")}
      </button>
    </div>
  );
}
