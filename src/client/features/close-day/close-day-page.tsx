// 结束今日检查 /close-day (SPEC §2 隐患整改不过夜, domain/day-close.ts): the evening duty teacher
// sees every open hazard with what it still lacks, records interim control (on the hazard's
// page) and names night owners right here, and closes the day; closing is refused with the
// list while anything is missing (DC-1) and saves the overnight record offline when nothing is
// (DC-2). Reads today's open hazards and closes through their indexes.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { DAY_CLOSE_PROBLEM_LABELS, mayCloseDay } from "../../../domain/day-close.ts";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { atLocal, type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { actOnHazard, closeDay, newRecordId } from "../../db/safety-edits.ts";
import { listDayCloses, listOpenHazards } from "../../db/safety-view.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { FormProblems, TextAreaField } from "../../ui/form-parts.tsx";
import { HazardRow } from "../../ui/hazard-row.tsx";
import { formatLongDate, inLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate } from "../../ui/router.ts";
import {
  placeText,
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { caretakerSuggestions, StaffPicker } from "../../ui/staff-picker.tsx";
import { useNow } from "../../ui/use-now.ts";
import { type CloseDayItem, closeDayItems, decideCloseDay } from "./close-day-model.ts";
import { ct } from "./close-day-text.ts";
import "./close-day.css";

export function CloseDayPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={ct("title")} message={ct("noSchool")} />;
  return <CloseDay account={account} directory={directory} />;
}

function CloseDay({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const now = useNow(30_000);
  const tz = directory.settings.timeZone;
  const today: LocalDate = localDateOf(now, tz);
  const schoolId = account.schoolId;
  const open = useLiveQuery(() => listOpenHazards(db, schoolId), [schoolId]);
  const closes = useLiveQuery(() => listDayCloses(db, schoolId, today), [schoolId, today]);
  const canClose = mayCloseDay(account.roles);
  const [note, setNote] = useState("");
  const [refused, setRefused] = useState<CloseDayItem[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const [isClosingAgain, setIsClosingAgain] = useState(false);
  useDirtyForm(note !== "");

  if (open === undefined || closes === undefined) return <Splash />;
  const hazards = open.map((e) => e.entity);
  const pendingIds = new Set(open.filter((e) => e.hasPendingChanges).map((e) => e.entity.id));
  const items = closeDayItems(hazards);
  const gapCount = items.filter((i) => i.problems.length > 0).length;
  const lastClose = [...closes].sort((a, b) => b.entity.closedAt.localeCompare(a.entity.closedAt))[0];
  const showClose = canClose && !isDone && (!lastClose || isClosingAgain);
  // A refusal lists what is missing now: a gap fixed since the tap drops off the list.
  const stillRefused = refused?.filter((r) =>
    items.some((i) => i.hazard.id === r.hazard.id && i.problems.length > 0),
  );

  async function onClose() {
    if (isSaving) return;
    setProblem(null);
    if (note.trim().length > 1000) {
      setProblem(ct("noteTooLong"));
      return;
    }
    const decision = decideCloseDay(hazards, today, note);
    if (!decision.may) {
      setRefused(decision.blocking);
      return;
    }
    setRefused(null);
    setIsSaving(true);
    try {
      await closeDay(db, { actorUserId: account.userId, schoolId }, { id: newRecordId(), ...decision.close });
      setNote("");
      setIsDone(true);
      setIsClosingAgain(false);
      window.scrollTo({ top: 0 });
    } catch (caught) {
      setProblem(ct("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <div className="page stack close-day-page">
      <div className="stack-small">
        <h1>{ct("title")}</h1>
        <p className="muted">{formatLongDate(atLocal(today, 12 * 60, tz), tz)}</p>
        <p>{ct("intro")}</p>
      </div>
      {!canClose ? <p className="card muted">{ct("notAllowed")}</p> : null}

      {isDone && !lastClose ? (
        <p className="card ok-text" role="status" data-testid="close-done">
          {ct("done")}
        </p>
      ) : null}
      {lastClose ? (
        <section className="card closed-card" data-testid="day-closed" role={isDone ? "status" : undefined}>
          <p className="ok-text">
            {ct("closedBy", {
              name: staffName(directory, lastClose.entity.closedBy),
              time: schoolMoment(lastClose.entity.closedAt, tz),
            })}
          </p>
          {lastClose.entity.carried.length > 0 ? (
            <p>{ct("closedCarried", { n: lastClose.entity.carried.length })}</p>
          ) : null}
          {lastClose.hasPendingChanges ? <p className="note-pending">{ct("closedPending")}</p> : null}
          {canClose && !isClosingAgain ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setIsDone(false);
                setIsClosingAgain(true);
              }}
            >
              {ct("closeAgain")}
            </button>
          ) : null}
        </section>
      ) : null}

      <section className="stack-small" aria-labelledby="open-title">
        <h2 id="open-title" className="section-title">
          {ct("openTitle", { n: items.length })}
          {items.length > 0 ? (
            <span className={gapCount > 0 ? "tag tag-danger" : "tag tag-muted"} data-testid="gap-count">
              {gapCount > 0 ? ct("gapCount", { n: gapCount }) : ct("allCovered")}
            </span>
          ) : null}
        </h2>
        {items.length === 0 ? (
          <p className="card ok-text">{ct("noneOpen")}</p>
        ) : (
          <ul className="hazard-list">
            {items.map((item) => (
              <HazardRow
                key={item.hazard.id}
                hazard={item.hazard}
                directory={directory}
                now={now}
                isPending={pendingIds.has(item.hazard.id)}
                to={`/hazards/${item.hazard.id}?back=/close-day`}
              >
                <GapActions item={item} account={account} directory={directory} canAct={canClose} />
              </HazardRow>
            ))}
          </ul>
        )}
      </section>

      {showClose ? (
        <section className="card stack-small" aria-label={ct("closeButton")}>
          <TextAreaField label={ct("note")} name="note" rows={2} value={note} onValue={setNote} />
          <FormProblems
            testId="close-refused"
            heading={ct("refused")}
            items={(stillRefused ?? []).map((r) => ({
              key: r.hazard.id,
              content: (
                <>
                  <strong>{placeText(directory, r.hazard)}</strong>：
                  {r.problems.map((p) => inLang(DAY_CLOSE_PROBLEM_LABELS[p])).join("；")}
                </>
              ),
            }))}
          />
          {problem ? (
            <p className="error" role="alert">
              {problem}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={isSaving}
            data-testid="close-day"
            onClick={() => void onClose()}
          >
            {isSaving ? ct("closing") : ct("closeButton")}
          </button>
        </section>
      ) : null}
    </div>
  );
}

/** Under each open hazard: what is missing, and the two fixes (interim control, a night owner). */
function GapActions({
  item,
  account,
  directory,
  canAct,
}: {
  item: CloseDayItem;
  account: AccountRow;
  directory: SchoolDirectory;
  canAct: boolean;
}) {
  const { hazard, problems } = item;
  if (problems.length === 0) {
    return (
      <p className="gap-ok" data-testid="gap-ok">
        ✓ {ct("covered", { name: staffName(directory, hazard.nightOwnerId) })}
      </p>
    );
  }
  return (
    <div className="gap-box" data-testid="gap-box">
      <ul className="gap-problems">
        {problems.map((p) => (
          <li key={p}>{inLang(DAY_CLOSE_PROBLEM_LABELS[p])}</li>
        ))}
      </ul>
      {canAct ? (
        <div className="stack-small">
          {problems.includes("not_controlled") ? (
            <button
              type="button"
              className="button button-secondary button-small"
              data-testid="record-control"
              onClick={() => navigate(`/hazards/${hazard.id}?do=control&back=/close-day`)}
            >
              {ct("recordControl")}
            </button>
          ) : null}
          {problems.includes("no_night_owner") ? (
            <NightOwnerInline hazard={hazard} account={account} directory={directory} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function NightOwnerInline({
  hazard,
  account,
  directory,
}: {
  hazard: Hazard;
  account: AccountRow;
  directory: SchoolDirectory;
}) {
  const suggestions = caretakerSuggestions(directory.staff);
  const [ownerId, setOwnerId] = useState(suggestions[0]?.staffId ?? "");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [isSaving, setIsSaving] = useState(false);

  async function save() {
    if (!ownerId) {
      setProblem(ct("nightOwnerRequired"));
      return;
    }
    setProblem(undefined);
    setIsSaving(true);
    try {
      await actOnHazard(db, { actorUserId: account.userId, schoolId: account.schoolId }, hazard.id, {
        kind: "setNightOwner",
        nightOwnerId: ownerId,
      });
    } catch (caught) {
      setProblem(ct("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <div className="night-owner-inline" data-testid="night-owner-inline">
      <StaffPicker
        label={ct("nightOwner")}
        hint={ct("nightOwnerHint")}
        name={`nightOwner-${hazard.id}`}
        value={ownerId}
        onChange={setOwnerId}
        staff={directory.staff}
        suggestions={suggestions}
        problem={problem}
      />
      <button type="button" className="button button-small" disabled={isSaving} onClick={() => void save()}>
        {ct("nameOwner")}
      </button>
    </div>
  );
}
