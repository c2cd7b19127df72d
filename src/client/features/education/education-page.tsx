// 六个一 /education (SPEC §5, issue #7 §3): the term's safety-education duties — the school-wide
// ones as lists by kind (reads better on a 360px phone than a month grid: each duty has a date,
// a person, a topic and photos), the weekly lesson as a compact classes × weeks grid — each done,
// due (highlighted, with 记录), missed (red) or upcoming (muted); and the form to record one,
// saved offline. Only what the person may record is offered (education-model.ts). Records not
// yet sent are marked.
import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useRef, useState } from "react";
import {
  type DutyState,
  type DutyStatus,
  EDUCATION_LABELS,
  type EducationKind,
} from "../../../domain/safety-education.ts";
import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { listEducation, recordEducation } from "../../db/education-edits.ts";
import { FieldFrame, FormProblems, SaveBar, TextAreaField } from "../../ui/form-parts.tsx";
import { classLabel, inLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { PhotoInput } from "../../ui/photo-input.tsx";
import { PhotoThumbs } from "../../ui/photo-thumbs.tsx";
import { type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import {
  buildTermCalendar,
  checkDraft,
  currentWeekIndex,
  defaultTerm,
  type FormDraft,
  type FormProblem,
  lessonClasses,
  type Me,
  myClassIds,
  recordableKinds,
} from "./education-model.ts";
import { et } from "./education-text.ts";
import "./education.css";

export function EducationPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(60_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={et("title")} message={et("noSchool")} />;
  if (directory.settings.terms.length === 0)
    return <PageNotice title={et("title")} message={et("noTerms")} testId="education-no-terms" />;
  return (
    <Education
      account={account}
      directory={directory}
      today={localDateOf(now, directory.settings.timeZone)}
    />
  );
}

const STATUS_TEXT: Record<DutyStatus, Parameters<typeof et>[0]> = {
  done: "statusDone",
  due: "statusDue",
  missed: "statusMissed",
  upcoming: "statusUpcoming",
};

function Education({
  account,
  directory,
  today,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  today: LocalDate;
}) {
  const settings = directory.settings;
  const terms = [...settings.terms].sort((a, b) => a.start.localeCompare(b.start));
  const [termId, setTermId] = useState(() => defaultTerm(terms, today)?.id ?? "");
  const term = terms.find((t) => t.id === termId) ?? defaultTerm(terms, today);
  const entries = useLiveQuery(
    () => (term ? listEducation(db, account.schoolId, term.start, term.end) : Promise.resolve([])),
    [account.schoolId, term?.start, term?.end],
    null,
  );
  const [form, setForm] = useState<{ kind: EducationKind | ""; classId: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (form) formRef.current?.scrollIntoView({ block: "start" });
  }, [form]);
  if (!term || entries === null) return <Splash />;

  const me: Me = { id: account.userId, roles: account.roles };
  const classes = directory.classes;
  const kinds = recordableKinds(me, classes);
  const calendar = buildTermCalendar({
    term,
    calendar: settings,
    classes,
    records: entries.map((e) => e.entity),
    today,
  });
  const pendingIds = new Set(entries.filter((e) => e.hasPendingChanges).map((e) => e.entity.id));
  const open = (kind: EducationKind | "", classId = "") => {
    setSaved(null);
    setForm({ kind, classId });
  };
  const mayRecord = (duty: DutyState) =>
    duty.kind === "weeklyLesson"
      ? lessonClasses(me, classes).some((c) => c.id === duty.classId)
      : kinds.includes(duty.kind);

  const lessons = (
    <Lessons
      calendar={calendar}
      directory={directory}
      me={me}
      today={today}
      pendingIds={pendingIds}
      onRecord={(classId) => open("weeklyLesson", classId)}
    />
  );
  // Who records the school-wide duties sees them first; a class teacher sees their class's row.
  const leadsFirst = kinds.some((k) => k !== "weeklyLesson");

  return (
    <div className="page stack education-page" data-testid="education-page">
      <div>
        <h1>{et("title")}</h1>
        <small className="muted">{et("intro")}</small>
      </div>
      <div className="card stack-small">
        {terms.length > 1 ? (
          <label className="field">
            <span className="field-label">{et("term")}</span>
            <select
              className="input"
              name="term"
              value={term.id}
              onChange={(event) => setTermId(event.target.value)}
            >
              {terms.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <strong>{term.name}</strong>
        )}
        <small className="muted">{et("termDates", { from: term.start, to: term.end })}</small>
        <p className="ed-counts" data-testid="education-counts">
          {et("counts", { due: calendar.dueCount, missed: calendar.missedCount })}
        </p>
        {kinds.length > 0 && !form ? (
          <button type="button" className="button" data-testid="education-record" onClick={() => open("")}>
            {et("recordNew")}
          </button>
        ) : null}
      </div>
      {saved ? (
        <p className="card ed-saved" role="status" data-testid="education-saved">
          {saved}
        </p>
      ) : null}
      {form ? (
        <div ref={formRef} className="ed-form-wrap">
          <RecordForm
            account={account}
            directory={directory}
            me={me}
            kinds={kinds}
            today={today}
            initial={form}
            onDone={(message) => {
              setForm(null);
              setSaved(message);
            }}
          />
        </div>
      ) : null}
      {leadsFirst ? null : lessons}
      {calendar.groups.map((group) => (
        <section
          key={group.kind}
          className="stack-small"
          data-testid={`education-${group.kind}`}
          aria-labelledby={`ed-${group.kind}`}
        >
          <h2 id={`ed-${group.kind}`} className="section-title ed-kind-title">
            <span>{inLang(EDUCATION_LABELS[group.kind])}</span>
            <small className="muted">{et("doneOf", { done: group.done, n: group.duties.length })}</small>
          </h2>
          <ul className="ed-list">
            {group.duties.map((duty, i) => (
              <DutyRow
                key={duty.key}
                duty={duty}
                index={i}
                account={account}
                directory={directory}
                term={term.name}
                isPending={duty.record !== null && pendingIds.has(duty.record.id)}
                onRecord={mayRecord(duty) ? () => open(duty.kind) : undefined}
              />
            ))}
          </ul>
        </section>
      ))}
      {leadsFirst ? lessons : null}
    </div>
  );
}

function aboutText(duty: DutyState, index: number, termName: string): string {
  switch (duty.kind) {
    case "monthlyTheme":
    case "monthlyBulletin":
      return et("month", { m: Number(duty.about.slice(5, 7)) });
    case "holidayLecture":
      return duty.about === termName ? et("termEnd") : et("before", { name: duty.about });
    case "largeLecture":
      return et("slot", { n: index + 1 });
    default:
      return duty.from === duty.to
        ? et("windowOne", { from: duty.from })
        : et("window", { from: duty.from, to: duty.to });
  }
}

function StatusTag({ status }: { status: DutyStatus }) {
  return <span className={`tag ed-tag ed-${status}`}>{et(STATUS_TEXT[status])}</span>;
}

function DutyRow({
  duty,
  index,
  account,
  directory,
  term,
  isPending,
  onRecord,
}: {
  duty: DutyState;
  index: number;
  account: AccountRow;
  directory: SchoolDirectory;
  term: string;
  isPending: boolean;
  onRecord: (() => void) | undefined;
}) {
  const r = duty.record;
  return (
    <li
      className={`card ed-duty ed-duty-${duty.status}`}
      data-testid="education-duty"
      data-status={duty.status}
    >
      <div className="ed-duty-head">
        <span>
          <strong>{aboutText(duty, index, term)}</strong>{" "}
          <small className="muted">
            {duty.from === duty.to
              ? et("windowOne", { from: duty.from.slice(5) })
              : et("window", { from: duty.from.slice(5), to: duty.to.slice(5) })}
          </small>
        </span>
        <StatusTag status={duty.status} />
      </div>
      {r ? (
        <div className="stack-small">
          <span>{r.topic}</span>
          <small className="muted">
            {et("doneLine", { date: r.date, who: staffName(directory, r.recordedBy) })}
            {isPending ? (
              <>
                {" "}
                <span className="tag tag-pending">{et("pending")}</span>
              </>
            ) : null}
          </small>
          {r.note ? <small>{r.note}</small> : null}
          <PhotoThumbs names={r.photos} account={account} />
        </div>
      ) : duty.status === "due" && onRecord ? (
        <button
          type="button"
          className="button button-small"
          data-testid="education-duty-record"
          onClick={onRecord}
        >
          {et("record")}
        </button>
      ) : null}
    </li>
  );
}

const CELL_MARK: Record<DutyStatus, string> = { done: "✓", missed: "✗", due: "!", upcoming: "" };

function Lessons({
  calendar,
  directory,
  me,
  today,
  pendingIds,
  onRecord,
}: {
  calendar: ReturnType<typeof buildTermCalendar>;
  directory: SchoolDirectory;
  me: Me;
  today: LocalDate;
  pendingIds: ReadonlySet<string>;
  onRecord: (classId: string) => void;
}) {
  const mine = myClassIds(me, directory.classes);
  const [onlyMine, setOnlyMine] = useState(mine.length > 0 && !me.roles.includes("admin"));
  const rows =
    onlyMine && mine.length > 0 ? calendar.lessons.filter((l) => mine.includes(l.classId)) : calendar.lessons;
  const recordable = new Set(lessonClasses(me, directory.classes).map((c) => c.id));
  const scroller = useRef<HTMLDivElement>(null);
  const nowIndex = currentWeekIndex(calendar.weeks, today);
  // This week in view at first: the weeks before it are history, the ones after are empty.
  useEffect(() => {
    const el = scroller.current;
    const cell = el?.querySelector<HTMLElement>(`[data-week-index="${nowIndex}"]`);
    if (el && cell) el.scrollLeft = Math.max(0, cell.offsetLeft - el.clientWidth + cell.offsetWidth * 3);
  }, [nowIndex]);
  const thisWeek = calendar.weeks[nowIndex];
  return (
    <section className="card stack-small" data-testid="education-lessons" aria-labelledby="ed-lessons">
      <h2 id="ed-lessons" className="section-title">
        {et("lessonsTitle")}
      </h2>
      {mine.length > 0 ? (
        <div className="ed-filter">
          <button
            type="button"
            className={onlyMine ? "button button-small" : "button button-small button-secondary"}
            aria-pressed={onlyMine}
            onClick={() => setOnlyMine(true)}
          >
            {et("showMine")}
          </button>
          <button
            type="button"
            className={onlyMine ? "button button-small button-secondary" : "button button-small"}
            aria-pressed={!onlyMine}
            onClick={() => setOnlyMine(false)}
          >
            {et("showAll")}
          </button>
        </div>
      ) : null}
      <small className="muted">{et("lessonsHint")}</small>
      <div className="ed-grid-scroll" ref={scroller}>
        <table className="ed-grid" data-testid="education-grid">
          <thead>
            <tr>
              <th scope="col" className="ed-grid-class">
                {et("classCol")}
              </th>
              {calendar.weeks.map((w, i) => (
                <th
                  key={w}
                  scope="col"
                  data-week-index={i}
                  className={w === thisWeek ? "ed-this-week" : undefined}
                  title={w}
                >
                  {et("weekOf", { n: i + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const cls = directory.classById.get(row.classId);
              const name = cls ? classLabel(cls) : et("noClass");
              return (
                <tr key={row.classId} data-testid="education-grid-row" data-class-id={row.classId}>
                  <th scope="row" className="ed-grid-class">
                    {name}
                  </th>
                  {row.cells.map(({ weekStart, state }) => {
                    const title = et("cellTitle", {
                      cls: name,
                      week: weekStart,
                      status: et(STATUS_TEXT[state.status]),
                    });
                    const isPending = state.record !== null && pendingIds.has(state.record.id);
                    const className = `ed-cell ed-${state.status}${isPending ? " is-pending" : ""}`;
                    return (
                      <td key={weekStart} data-week={weekStart} data-status={state.status}>
                        {state.status === "due" && recordable.has(row.classId) ? (
                          <button
                            type="button"
                            className={className}
                            title={`${title} · ${et("record")}`}
                            aria-label={`${title} · ${et("record")}`}
                            onClick={() => onRecord(row.classId)}
                          >
                            {CELL_MARK[state.status]}
                          </button>
                        ) : (
                          <span className={className} title={title} role="img" aria-label={title}>
                            {CELL_MARK[state.status]}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RecordForm({
  account,
  directory,
  me,
  kinds,
  today,
  initial,
  onDone,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  me: Me;
  kinds: EducationKind[];
  today: LocalDate;
  initial: { kind: EducationKind | ""; classId: string };
  onDone: (message: string | null) => void;
}) {
  const classes = lessonClasses(me, directory.classes).sort(
    (a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN", { numeric: true }),
  );
  const mine = myClassIds(me, directory.classes);
  const [draft, setDraft] = useState<FormDraft>(() => ({
    kind: initial.kind || (kinds.length === 1 ? (kinds[0] as EducationKind) : ""),
    date: today,
    classId: initial.classId || mine[0] || (classes.length === 1 ? (classes[0]?.id ?? "") : ""),
    topic: "",
    note: "",
    photos: [],
  }));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [isBusy, setBusy] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Editing a field clears its problem: the list shows what is still to fix.
  const set = <K extends keyof FormDraft>(key: K, value: FormDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems((list) => list.filter((p) => p.field !== key));
  };
  const problemOf = (field: FormProblem["field"]) => {
    const p = problems.find((x) => x.field === field);
    return p ? inLang(p) : undefined;
  };

  async function save() {
    const found = checkDraft(draft, { me, classes: directory.classes, terms: directory.settings.terms });
    setProblems(found);
    setFailure(null);
    if (found.length > 0 || !draft.kind) return;
    setSaving(true);
    try {
      await recordEducation(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        { ...draft, kind: draft.kind, classId: draft.kind === "weeklyLesson" ? draft.classId : null },
      );
      onDone(et("saved", { what: inLang(EDUCATION_LABELS[draft.kind]), date: draft.date }));
    } catch (error) {
      setFailure(et("saveFailed", { why: error instanceof Error ? error.message : String(error) }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="card stack ed-form"
      data-testid="education-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className="section-title">{et("formTitle")}</h2>
      <FieldFrame label={et("kind")} problem={problemOf("kind")}>
        {(control) => (
          <select
            {...control}
            className="input"
            name="kind"
            value={draft.kind}
            onChange={(event) => set("kind", event.target.value as EducationKind | "")}
          >
            {kinds.length > 1 ? <option value="">{et("choose")}</option> : null}
            {kinds.map((k) => (
              <option key={k} value={k}>
                {inLang(EDUCATION_LABELS[k])}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <FieldFrame label={et("date")} problem={problemOf("date")}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="date"
            name="date"
            value={draft.date}
            max={today}
            onChange={(event) => set("date", event.target.value)}
          />
        )}
      </FieldFrame>
      {draft.kind === "weeklyLesson" ? (
        <FieldFrame label={et("cls")} problem={problemOf("classId")}>
          {(control) => (
            <select
              {...control}
              className="input"
              name="classId"
              value={draft.classId}
              onChange={(event) => set("classId", event.target.value)}
            >
              {classes.length !== 1 ? <option value="">{et("choose")}</option> : null}
              {classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {classLabel(c)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      ) : null}
      <FieldFrame label={et("topic")} problem={problemOf("topic")}>
        {(control) => (
          <input
            {...control}
            className="input"
            name="topic"
            maxLength={120}
            placeholder={et("topicPlaceholder")}
            value={draft.topic}
            onChange={(event) => set("topic", event.target.value)}
          />
        )}
      </FieldFrame>
      <TextAreaField
        label={et("note")}
        name="note"
        value={draft.note}
        onValue={(v) => set("note", v)}
        problem={problemOf("note")}
        rows={2}
      />
      <PhotoInput
        account={account}
        value={draft.photos}
        onChange={(names) => set("photos", names)}
        label={et("photos")}
        error={problemOf("photos")}
        onBusyChange={setBusy}
      />
      <FormProblems
        heading={et("fixFirst")}
        items={problems.map((p) => ({ key: `${p.field}|${p.en}`, content: inLang(p) }))}
        notes={[failure]}
      />
      <SaveBar note={et("saveOffline")}>
        <button type="submit" className="button" disabled={isBusy || isSaving} data-testid="education-save">
          {isSaving ? et("saving") : et("save")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {et("cancel")}
        </button>
      </SaveBar>
    </form>
  );
}
