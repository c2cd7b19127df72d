// 评选安全小卫士 (CM-4): the class teacher of a class (or an admin) ticks up to MAX_GUARDIANS of
// the class's pupils and saves the names with nameGuardians() — one mutate(), so it works
// offline and shows 待同步 until the server has it. An empty choice clears the names, after a
// confirmation. A teacher of several classes (or an admin) picks the class first.
import { useState } from "react";
import { type Commendation, commendationId, MAX_GUARDIANS } from "../../../domain/commendation.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { nameGuardians } from "../../db/summary-edits.ts";
import type { Entry } from "../../db/summary-view.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { classLabel, inLang } from "../../ui/i18n.ts";
import { type SchoolDirectory, schoolMoment, staffName } from "../../ui/school-directory.ts";
import type { ClassLike } from "../summaries/summary-model.ts";
import {
  classPupils,
  inRollOrder,
  matchPupils,
  sameChoice,
  savedGuardians,
  saveProblems,
  toggleGuardian,
} from "./commendation-model.ts";
import { cm } from "./commendation-text.ts";

export function GuardianEditor({
  account,
  directory,
  month,
  monthText,
  currentMonth,
  classes,
  schoolClass,
  onClass,
  pupils,
  entries,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  month: string;
  /** The month in words, for the confirmation. */
  monthText: string;
  currentMonth: string;
  /** The classes this person may name for (namingClasses), in the school's order. */
  classes: readonly ClassLike[];
  schoolClass: ClassLike | undefined;
  onClass: (classId: string) => void;
  pupils: ReadonlyMap<string, Pupil>;
  entries: readonly Entry<Commendation>[];
}) {
  const entry = schoolClass
    ? entries.find((e) => e.entity.id === commendationId(month, schoolClass.id))
    : undefined;
  return (
    <section
      className="card stack-small"
      aria-labelledby="guardian-editor-title"
      data-testid="guardian-editor"
    >
      <h2 id="guardian-editor-title" className="eyebrow cm-head">
        <span>{cm("editorTitle")}</span>
        {entry?.hasPendingChanges ? (
          <span className="tag tag-pending" data-testid="guardian-pending">
            {cm("pending")}
          </span>
        ) : null}
      </h2>
      {classes.length > 1 ? (
        <div className="field">
          <label htmlFor="guardian-class">{cm("schoolClass")}</label>
          <select
            id="guardian-class"
            name="class"
            className="input"
            value={schoolClass?.id ?? ""}
            onChange={(event) => onClass(event.target.value)}
          >
            {schoolClass ? null : (
              <option value="" disabled>
                {cm("chooseClass")}
              </option>
            )}
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {classLabel(c)}
              </option>
            ))}
          </select>
        </div>
      ) : schoolClass ? (
        <p>
          <strong>{classLabel(schoolClass)}</strong>
        </p>
      ) : null}
      {schoolClass ? (
        <ClassGuardians
          key={`${month}|${schoolClass.id}`}
          account={account}
          directory={directory}
          month={month}
          monthText={monthText}
          currentMonth={currentMonth}
          schoolClass={schoolClass}
          pupils={pupils}
          entries={entries}
          entry={entry}
        />
      ) : (
        <p className="muted small">{cm("chooseClassHint")}</p>
      )}
    </section>
  );
}

function ClassGuardians({
  account,
  directory,
  month,
  monthText,
  currentMonth,
  schoolClass,
  pupils,
  entries,
  entry,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  month: string;
  monthText: string;
  currentMonth: string;
  schoolClass: ClassLike;
  pupils: ReadonlyMap<string, Pupil>;
  entries: readonly Entry<Commendation>[];
  entry: Entry<Commendation> | undefined;
}) {
  const roll = classPupils(pupils.values(), schoolClass.id);
  const saved = savedGuardians(entries, month, schoolClass.id);
  // A pupil who has left the class since is not ticked again: saving drops them (CM-5 no longer
  // lists them either).
  const onRoll = new Set<string>(roll.map((p) => p.id));
  const [chosen, setChosen] = useState<string[]>(() => saved.filter((id) => onRoll.has(id)));
  const [query, setQuery] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // The pupil whose tick was refused (the 11th): the limit is said right under that row, where
  // the thumb is, not under a list of fifty.
  const [refused, setRefused] = useState<string | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const isDirty = !sameChoice(chosen, saved);
  useDirtyForm(isDirty);
  const shown = matchPupils(roll, query);
  const chosenSet = new Set(chosen);
  const ordered = inRollOrder(chosen, roll);
  const names = ordered.map((id) => pupils.get(id)?.name ?? id);
  const guardian = entry?.entity;

  function tick(pupilId: string, isTicked: boolean) {
    const next = toggleGuardian(chosen, pupilId, isTicked);
    setChosen(next.chosen);
    setRefused(next.problem === "tooMany" ? pupilId : null);
    setProblem(null);
    setIsSaved(false);
    setIsConfirming(false);
  }

  function check(): string | null {
    if (!isDirty) return cm("unchanged");
    const found = saveProblems({ month, currentMonth, classId: schoolClass.id, pupilIds: ordered, pupils });
    return found.length > 0 ? found.map((p) => inLang(p)).join("；") : null;
  }

  async function save() {
    setIsConfirming(false);
    setRefused(null);
    const found = check();
    setProblem(found);
    setIsSaved(false);
    if (found) return;
    setIsBusy(true);
    try {
      await nameGuardians(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        { month, classId: schoolClass.id, pupilIds: ordered },
      );
      setIsSaved(true);
    } catch (caught) {
      setProblem(cm("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="stack-small">
      <p className="muted small">{cm("editorHint", { max: MAX_GUARDIANS })}</p>
      {guardian?.guardiansBy && guardian.guardiansAt ? (
        <p className="muted small" data-testid="guardian-last-saved">
          {cm("lastSaved", {
            who: staffName(directory, guardian.guardiansBy),
            time: schoolMoment(guardian.guardiansAt, directory.settings.timeZone),
          })}
        </p>
      ) : null}
      <div className="cm-chosen" aria-live="polite" data-testid="guardian-count" data-count={chosen.length}>
        <strong className={chosen.length >= MAX_GUARDIANS ? "warn-text" : undefined}>
          {cm("chosenCount", { n: chosen.length, max: MAX_GUARDIANS })}
        </strong>
        {names.length > 0 ? (
          <span className="small">{cm("chosenNames", { names: names.join(cm("namesJoin")) })}</span>
        ) : null}
      </div>

      {roll.length === 0 ? (
        <p className="muted small">{cm("noPupils")}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="guardian-filter">{cm("filter")}</label>
            <input
              id="guardian-filter"
              name="filter"
              type="search"
              className="input"
              placeholder={cm("filterHint")}
              autoComplete="off"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {shown.length === 0 ? (
            <p className="muted small">{cm("noMatch", { query: query.trim() })}</p>
          ) : (
            <ul className="cm-pupils" data-testid="guardian-pupils">
              {shown.map((p) => {
                const isChosen = chosenSet.has(p.id);
                return (
                  <li key={p.id}>
                    <label className={isChosen ? "cm-pupil is-chosen" : "cm-pupil"}>
                      <input
                        type="checkbox"
                        checked={isChosen}
                        data-testid={`guardian-pupil-${p.id}`}
                        onChange={(event) => tick(p.id, event.target.checked)}
                      />
                      <span className="cm-pupil-no muted">{p.studentNo}</span>
                      <span className="cm-pupil-name">{p.name}</span>
                    </label>
                    {refused === p.id ? (
                      <p className="error cm-refused" role="alert" data-testid="guardian-too-many">
                        {cm("tooMany", { max: MAX_GUARDIANS })}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}

      {problem ? (
        <p className="error" role="alert" data-testid="guardian-problem">
          {problem}
        </p>
      ) : null}
      {isSaved && !isDirty ? (
        <p className="ok-text small" role="status" data-testid="guardian-saved">
          {entry?.hasPendingChanges ? cm("savedPending") : cm("saved")}
        </p>
      ) : null}
      {isConfirming ? (
        <div className="cm-confirm stack-small" role="alertdialog" aria-labelledby="guardian-clear-title">
          <p id="guardian-clear-title">
            <strong>{cm("clearTitle")}</strong>
          </p>
          <p className="small">{cm("clearText", { className: classLabel(schoolClass), month: monthText })}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              disabled={isBusy}
              data-testid="guardian-clear-yes"
              onClick={() => void save()}
            >
              {cm("clearYes")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setIsConfirming(false)}>
              {cm("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          disabled={isBusy}
          data-testid="guardian-save"
          onClick={() => {
            // Clearing names already given is asked about first; anything else saves at once.
            if (chosen.length === 0 && isDirty) {
              setProblem(null);
              setIsConfirming(true);
            } else void save();
          }}
        >
          {isBusy ? cm("saving") : cm("save", { n: chosen.length })}
        </button>
      )}
    </div>
  );
}
