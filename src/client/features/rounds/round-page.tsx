// /round/{areaId}?round=&date=: recording one round of one area (SPEC §2 三查, 有排查、有记录).
// The area's checklist, every item OK until tapped; an exception takes a note, photos and, on by
// default, becomes a hazard assigned to the area's responsible person. 保存 writes everything on
// this phone at once (the hazards first, then the round naming them), offline or not; "checked,
// nothing found" is the same save with no exception. A failed save keeps every mark and word.
import { useLiveQuery } from "dexie-react-hooks";
import { useId, useMemo, useRef, useState } from "react";
import { hazardDeadline } from "../../../domain/hazard-deadline.ts";
import {
  countsAsRound,
  isMyArea,
  ROUND_KINDS,
  type RoundKind,
  type RoundTiming,
  roundTiming,
  roundWindowOn,
} from "../../../domain/rounds.ts";
import { isSchoolDay, localDateOf } from "../../../domain/school-calendar.ts";
import type { Area } from "../../../protocol/reference.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { listEntries } from "../../db/reference-view.ts";
import { newRecordId, recordRound, reportHazard } from "../../db/safety-edits.ts";
import { getHazard, getRound, listRounds } from "../../db/safety-view.ts";
import { suggestedAssigneeId } from "../../ui/area-people.ts";
import { deadlineLine } from "../../ui/deadline-text.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import {
  CriticalNote,
  FormProblems,
  focusFirstProblem,
  SaveBar,
  SeverityOptions,
  TextAreaField,
} from "../../ui/form-parts.tsx";
import { formatClock, formatLongDate, getLang, inLang, useLang } from "../../ui/i18n.ts";
import { type OutsideWindowAsk, OutsideWindowPrompt, roundAsk } from "../../ui/outside-window.tsx";
import { BackLink, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { PhotoInput } from "../../ui/photo-input.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { roundLabel, severityLabel } from "../../ui/safety-text.ts";
import { type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import {
  type CheckItem,
  checklistFor,
  exceptionCount,
  exceptionsToReport,
  type FormProblem,
  hazardDescription,
  type Marks,
  roundFromQuery,
  roundItems,
  roundProblems,
  splitLabel,
  toggleException,
  updateMark,
} from "./round-form.ts";
import { rt } from "./rounds-text.ts";
import "./rounds.css";

const PREFIX = "/round/";

const ROUND_SHORT: Record<RoundKind, () => string> = {
  morning: () => rt("shortMorning"),
  noon: () => rt("shortNoon"),
  evening: () => rt("shortEvening"),
};

export function RoundPage({ account }: { account: AccountRow }) {
  useLang();
  const location = useLocation();
  const areaId = decodeURIComponent(location.path.slice(PREFIX.length));
  const directory = useSchoolDirectory(account.schoolId);
  const items = useLiveQuery(
    async () => (await listEntries(db, account.schoolId, "checklistItem")).map((e) => e.entity as CheckItem),
    [account.schoolId],
  );

  if (directory === null || items === undefined) return <Splash />;
  if (directory === undefined)
    return <PageNotice back={<BackLink />} title={rt("title")} message={rt("noData")} />;
  const area = directory.areaById.get(areaId);
  if (!area) return <PageNotice back={<BackLink />} title={rt("title")} message={rt("notFound")} />;
  return (
    <RoundForm
      // A new area is a new form: marks never carry from one area to the next.
      key={area.id}
      account={account}
      area={area}
      directory={directory}
      checklist={checklistFor(items, area.kind)}
      search={location.search}
    />
  );
}

interface Saved {
  roundId: string;
  hazardIds: string[];
  exceptions: number;
  round: RoundKind;
  date: string;
  timing: RoundTiming;
  reason: string | undefined;
}

function RoundForm({
  account,
  area,
  directory,
  checklist,
  search,
}: {
  account: AccountRow;
  area: Area;
  directory: SchoolDirectory;
  checklist: CheckItem[];
  search: URLSearchParams;
}) {
  const now = useNow(30_000);
  const lang = getLang();
  const { settings } = directory;
  const [choice, setChoice] = useState(() => roundFromQuery(search, settings, new Date()));
  const [roundId] = useState(() => newRecordId());
  const [marks, setMarks] = useState<Marks>({});
  const [note, setNote] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  // RD-7: outside its window the save waits for a reason (the prompt), then goes on.
  const [ask, setAsk] = useState<OutsideWindowAsk | null>(null);
  // Photos still being compressed: the record waits for them, so none is left out.
  const [busyPhotos, setBusyPhotos] = useState(0);
  const onPhotoBusy = (isBusy: boolean) => setBusyPhotos((n) => Math.max(0, n + (isBusy ? 1 : -1)));
  // Hazards already written by an earlier attempt that then failed: never reported twice.
  const reported = useRef<Record<string, string>>({});

  const isDirty = Object.keys(marks).length > 0 || note.trim() !== "" || photos.length > 0;
  useDirtyForm(isDirty && saved === null);

  const others = useLiveQuery(
    async () =>
      (await listRounds(db, account.schoolId, choice.date)).filter(
        (e) => e.entity.areaId === area.id && e.entity.round === choice.round && e.entity.id !== roundId,
      ),
    [account.schoolId, choice.date, choice.round, area.id, roundId],
  );

  const assigneeId = suggestedAssigneeId(area, directory.classes, directory.staff);
  const deadline = hazardDeadline(now, settings);
  const exceptions = exceptionCount(checklist, marks);
  const toReport = exceptionsToReport(checklist, marks);
  const roundWindow = roundWindowOn(settings, choice.date, choice.round);
  const today = localDateOf(now, settings.timeZone);

  if (saved) return <SavedPanel account={account} area={area} directory={directory} saved={saved} />;

  async function save(reason?: string) {
    if (isSaving || busyPhotos > 0) return;
    const found = roundProblems(checklist, marks, note);
    setProblems(found);
    setSaveError(null);
    if (found.length > 0) {
      focusFirstProblem(found);
      return;
    }
    // RD-5, RD-7: the phone's clock now says whether this is early or late; the server decides
    // again from the same clock when it is believable.
    const at = new Date();
    const timing = roundTiming(settings, choice.date, choice.round, at);
    const outside = reason === undefined ? roundAsk(settings, choice.date, choice.round, at) : null;
    if (outside) {
      setAsk(outside);
      return;
    }
    setIsSaving(true);
    const actor = { actorUserId: account.userId, schoolId: account.schoolId };
    try {
      // Hazards first, each its own record; then the round that names them (SYNC: each write is
      // one transaction, so a failure part-way leaves whole records and a retry skips them).
      for (const { item, mark } of toReport) {
        if (reported.current[item.id]) continue;
        const id = newRecordId();
        await reportHazard(
          db,
          actor,
          {
            id,
            areaId: area.id,
            place: area.name,
            severity: mark.severity,
            description: hazardDescription(item, mark.note, lang),
            photos: mark.photos,
            roundId,
            checklistItemId: item.id,
            assigneeId,
          },
          settings,
          {
            alertNames: {
              areaName: area.name,
              raisedByName: directory.staffById.get(account.userId)?.name ?? account.name,
            },
          },
        );
        reported.current[item.id] = id;
      }
      const hazardIds = Object.values(reported.current);
      await recordRound(db, actor, {
        id: roundId,
        areaId: area.id,
        round: choice.round,
        date: choice.date,
        items: roundItems(checklist, marks),
        note: note.trim(),
        photos,
        hazardIds,
        ...(reason !== undefined ? { outsideWindow: { reason } } : {}),
        ...(timing !== "in_window" ? { timing } : {}),
      });
      setSaved({ roundId, hazardIds, exceptions, round: choice.round, date: choice.date, timing, reason });
      globalThis.scrollTo?.({ top: 0 });
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setSaveError(message);
      setIsSaving(false);
    }
  }

  const problemText = (p: FormProblem) => {
    const item = p.itemId ? checklist.find((i) => i.id === p.itemId) : undefined;
    const field = item
      ? rt("errItemNote", { label: lang === "zh" ? item.labelZh : item.labelEn })
      : rt("note");
    return rt("errTooLong", { field, max: p.max, n: p.length });
  };
  const problemFor = (field: string) => problems.find((p) => p.field === field);
  const noteProblem = problemFor("note");
  const savedHazards = Object.keys(reported.current).length;

  return (
    <div className="page stack round-page">
      <div className="round-head">
        <BackLink />
        <h1>{area.name}</h1>
        <p className="round-when">
          {rt("roundOn", {
            round: roundLabel(choice.round),
            date: formatLongDate(roundWindow.start, settings.timeZone),
          })}
        </p>
      </div>

      <fieldset className="segmented round-pick">
        <legend className="visually-hidden">{rt("roundLegend")}</legend>
        {ROUND_KINDS.map((kind) => (
          <label key={kind} className={kind === choice.round ? "segment is-selected" : "segment"}>
            <input
              type="radio"
              name="round"
              value={kind}
              checked={kind === choice.round}
              onChange={() => setChoice({ ...choice, round: kind })}
            />
            {ROUND_SHORT[kind]()}
          </label>
        ))}
      </fieldset>
      <p className="muted small round-window">
        {rt("window", {
          start: formatClock(roundWindow.start, settings.timeZone),
          end: formatClock(roundWindow.end, settings.timeZone),
        })}
        {choice.date !== today ? ` · ${rt("otherDay", { date: choice.date })}` : null}
        {isSchoolDay(choice.date, settings) ? (
          <>
            {now.getTime() > roundWindow.end.getTime() ? ` · ${rt("lateNote")}` : null}
            {now.getTime() < roundWindow.start.getTime()
              ? ` · ${rt(settings.allowEarlyRounds ? "earlyNoteCounts" : "earlyNote", {
                  start: formatClock(roundWindow.start, settings.timeZone),
                })}`
              : null}
          </>
        ) : (
          ` · ${rt("notSchoolDay")}`
        )}
      </p>
      {others && others.length > 0 ? (
        <p className="card round-others" data-testid="round-others">
          {rt("alreadyDone", {
            who: others
              .map(
                (e) =>
                  `${staffName(directory, e.entity.checkedBy)} ${formatClock(new Date(e.entity.checkedAt), settings.timeZone)}`,
              )
              .join(lang === "zh" ? "、" : ", "),
          })}
        </p>
      ) : null}

      <p className="muted small">{checklist.length > 0 ? rt("intro") : rt("noChecklist")}</p>

      {checklist.length > 0 ? (
        <ol className="check-list" aria-label={rt("title")}>
          {checklist.map((item) => (
            <CheckRow
              key={item.id}
              item={item}
              account={account}
              mark={marks[item.id]}
              problem={problemFor(`note-${item.id}`)}
              problemText={problemText}
              reportHint={
                assigneeId
                  ? rt("reportItemHint", {
                      who: staffName(directory, assigneeId),
                      deadline: deadlineLine(deadline, now, settings.timeZone),
                    })
                  : rt("reportItemNobody", { deadline: deadlineLine(deadline, now, settings.timeZone) })
              }
              onPhotoBusy={onPhotoBusy}
              onToggle={() => setMarks((m) => toggleException(m, item.id))}
              onChange={(change) => setMarks((m) => updateMark(m, item.id, change))}
            />
          ))}
        </ol>
      ) : null}

      <section className="card stack-small">
        <TextAreaField
          label={rt("note")}
          name="note"
          rows={2}
          placeholder={rt("notePlaceholder")}
          value={note}
          onValue={setNote}
          problem={noteProblem ? problemText(noteProblem) : undefined}
        />
        <PhotoInput
          account={account}
          value={photos}
          onChange={setPhotos}
          label={rt("photos")}
          onBusyChange={onPhotoBusy}
        />
      </section>

      <FormProblems
        heading={rt("fixFirst")}
        items={problems.map((p) => ({ key: p.field, content: problemText(p) }))}
        notes={[
          saveError && rt("errSaveFailed", { message: saveError }),
          saveError && savedHazards > 0 && rt("errHazardsSaved", { n: savedHazards }),
        ]}
      />

      <SaveBar note={rt("offlineNote")}>
        <button
          type="button"
          className="button save-button"
          disabled={isSaving || busyPhotos > 0}
          onClick={() => void save()}
        >
          {isSaving
            ? rt("saving")
            : busyPhotos > 0
              ? rt("photosSaving")
              : exceptions === 0
                ? rt("saveNothingFound")
                : toReport.length > 0
                  ? rt("saveWithHazards", { n: toReport.length })
                  : rt("saveWithProblems", { n: exceptions })}
        </button>
      </SaveBar>
      {ask ? (
        <OutsideWindowPrompt
          ask={ask}
          now={new Date()}
          timeZone={settings.timeZone}
          onCancel={() => setAsk(null)}
          onConfirm={(reason) => {
            setAsk(null);
            void save(reason);
          }}
        />
      ) : null}
    </div>
  );
}

function CheckRow({
  item,
  account,
  mark,
  problem,
  problemText,
  reportHint,
  onPhotoBusy,
  onToggle,
  onChange,
}: {
  item: CheckItem;
  account: AccountRow;
  mark: Marks[string] | undefined;
  problem: FormProblem | undefined;
  problemText: (p: FormProblem) => string;
  reportHint: string;
  onPhotoBusy: (isBusy: boolean) => void;
  onToggle: () => void;
  onChange: (change: Partial<NonNullable<Marks[string]>>) => void;
}) {
  const isException = mark !== undefined;
  const label = inLang({ zh: item.labelZh, en: item.labelEn });
  const { name, rule } = splitLabel(label);
  const why = inLang({ zh: item.whyZh, en: item.whyEn });
  const hintId = useId();
  // The toggle is named by what it shows (item, reason, 正常/有问题), so voice control finds it by
  // those words; what a tap does is its description.
  return (
    <li className={isException ? "check-item is-exception" : "check-item"} data-testid="check-item">
      <span id={hintId} className="visually-hidden">
        {isException ? rt("itemToggleProblem") : rt("itemToggleOk")}
      </span>
      <button
        type="button"
        className="check-toggle"
        aria-pressed={isException}
        aria-describedby={hintId}
        onClick={onToggle}
      >
        <span className="check-mark" aria-hidden="true">
          {isException ? "!" : "✓"}
        </span>
        <span className="check-text">
          <span className="check-label">
            <strong>{name}</strong>
            {rule ? <span>{getLang() === "zh" ? `：${rule}` : `: ${rule}`}</span> : null}
          </span>
          {why ? <small>{why}</small> : null}
        </span>
        <span className="check-state">{isException ? rt("itemProblem") : rt("itemOk")}</span>
      </button>
      {mark ? (
        <div className="check-detail stack-small">
          <TextAreaField
            label={rt("itemNote")}
            name={`note-${item.id}`}
            rows={2}
            placeholder={rt("itemNoteHint")}
            value={mark.note}
            onValue={(note) => onChange({ note })}
            problem={problem ? problemText(problem) : undefined}
          />
          <label className="check report-check">
            <input
              type="checkbox"
              checked={mark.shouldReport}
              onChange={(event) => onChange({ shouldReport: event.target.checked })}
            />
            <span>
              {rt("reportItem")}
              <small className="hint">{reportHint}</small>
            </span>
          </label>
          {mark.shouldReport ? (
            <>
              <fieldset className="segmented severity-pick">
                <legend className="visually-hidden">{rt("severity")}</legend>
                <SeverityOptions
                  name={`sev-${item.id}`}
                  value={mark.severity}
                  onChange={(severity) => onChange({ severity })}
                  optionClass="segment"
                  withTone
                />
              </fieldset>
              {mark.severity === "critical" ? <CriticalNote>{rt("criticalWarn")}</CriticalNote> : null}
              <PhotoInput
                account={account}
                value={mark.photos}
                onChange={(names) => onChange({ photos: names })}
                label={rt("itemPhotos")}
                onBusyChange={onPhotoBusy}
              />
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** After saving: what was saved, whether it has reached the server yet, and where to go next. */
function SavedPanel({
  account,
  area,
  directory,
  saved,
}: {
  account: AccountRow;
  area: Area;
  directory: SchoolDirectory;
  saved: Saved;
}) {
  const state = useLiveQuery(async () => {
    const [round, hazards, today] = await Promise.all([
      getRound(db, saved.roundId),
      Promise.all(saved.hazardIds.map((id) => getHazard(db, id))),
      listRounds(db, account.schoolId, saved.date),
    ]);
    return { round, hazards, today };
  }, [saved, account.schoolId]);

  const next = useMemo(() => {
    if (!state) return undefined;
    const classIds = directory.classes.filter((c) => c.classTeacherId === account.userId).map((c) => c.id);
    const me = { id: account.userId, roles: account.roles, classIds };
    const checked = new Set(
      state.today
        // RD-6: an area checked early still waits for its round.
        .filter((e) => e.entity.round === saved.round && countsAsRound(e.entity, directory.settings))
        .map((e) => e.entity.areaId),
    );
    return directory.areas
      .filter((a) => a.id !== area.id && isMyArea(a, me) && !checked.has(a.id))
      .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"))[0];
  }, [state, directory, account, area.id, saved.round]);

  const isPending = state?.round?.hasPendingChanges ?? true;
  const goTo = (to: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    navigate(to, { replace: true });
  };
  return (
    <div className="page stack round-page">
      <section className="card saved-card" role="status" data-testid="round-saved">
        <p className="saved-title">
          <span className="saved-check" aria-hidden="true">
            ✓
          </span>
          {rt("savedTitle")}
        </p>
        <p>
          <strong>{rt("savedWhat", { area: area.name, round: roundLabel(saved.round) })}</strong>
        </p>
        <p>
          {saved.exceptions === 0 ? rt("savedNothingFound") : rt("savedProblems", { n: saved.exceptions })}
        </p>
        {saved.timing === "early" && !directory.settings.allowEarlyRounds ? (
          <p className="saved-early" data-testid="round-saved-early">
            {rt("savedEarly", { round: roundLabel(saved.round) })}
          </p>
        ) : null}
        {saved.reason ? <p className="muted">{rt("savedReason", { reason: saved.reason })}</p> : null}
        <p className={isPending ? "saved-sync is-pending" : "saved-sync"} data-testid="round-sync-state">
          <span className={isPending ? "tag tag-pending" : "tag saved-synced"}>
            {isPending ? rt("pendingTag") : rt("syncedTag")}
          </span>{" "}
          {isPending ? rt("savedPending") : rt("savedSynced")}
        </p>
      </section>
      {saved.hazardIds.length > 0 ? (
        <section className="card">
          <h2 className="eyebrow">{rt("savedHazards")}</h2>
          <ul className="saved-hazards">
            {saved.hazardIds.map((id, i) => {
              const entry = state?.hazards[i];
              const to = `/hazards/${id}`;
              return (
                <li key={id}>
                  <a href={to} className="record-row" onClick={goTo(to)} data-testid="saved-hazard">
                    <span className="record-text">
                      <strong>{entry?.entity.description ?? id}</strong>
                      {entry ? (
                        <small>
                          {severityLabel(entry.entity.severity)}
                          {entry.entity.assigneeId
                            ? ` · ${staffName(directory, entry.entity.assigneeId)}`
                            : ""}
                        </small>
                      ) : null}
                    </span>
                    {entry?.hasPendingChanges ? (
                      <span className="tag tag-pending">{rt("pendingTag")}</span>
                    ) : null}
                    <span className="chevron" aria-hidden="true">
                      ›
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <div className="stack-small">
        {next ? (
          <a
            href={`${PREFIX}${next.id}?round=${saved.round}&date=${saved.date}`}
            className="button next-area"
            onClick={goTo(`${PREFIX}${next.id}?round=${saved.round}&date=${saved.date}`)}
          >
            {rt("nextArea", { area: next.name })}
          </a>
        ) : null}
        <a href="/" className="button button-secondary next-area" onClick={goTo("/")}>
          {rt("home")}
        </a>
      </div>
    </div>
  );
}
