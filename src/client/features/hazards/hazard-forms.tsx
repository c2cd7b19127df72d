// The small forms behind the hazard page's buttons, one per step of a hazard's life. Each
// checks its own fields first (a message per field), then the domain's rules on what the phone
// knows (hazard-machine.ts, the same code the server runs), then saves offline with
// actOnHazard(), naming `from` = the state the person saw when they opened the form. Nothing
// typed is lost on an error; an open form with input holds off app updates (dirty-forms.ts).
import { type FormEvent, type ReactNode, useId, useState } from "react";
import {
  ACTION_RULES,
  applyHazardAction,
  type Hazard,
  type HazardAction,
  type HazardActionKind,
  SEVERITIES,
  type Severity,
} from "../../../domain/hazard-machine.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { actOnHazard } from "../../db/safety-edits.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { PhotoInput } from "../../ui/photo-input.tsx";
import { PhotoThumbs } from "../../ui/photo-thumbs.tsx";
import { hazardActionLabel, hazardStateLabel, severityLabel } from "../../ui/safety-text.ts";
import { placeText, type SchoolDirectory } from "../../ui/school-directory.ts";
import { StaffPicker } from "../../ui/staff-picker.tsx";
import {
  assigneeSuggestions,
  nightOwnerSuggestions,
  parseLocalDateTime,
  refusalText,
  toLocalDateTime,
} from "./hazard-model.ts";
import { ht } from "./hazard-text.ts";

interface Problem {
  field: string;
  message: string;
}

export interface StepFormProps {
  kind: HazardActionKind;
  hazard: Hazard;
  account: AccountRow;
  directory: SchoolDirectory;
  responsibleId: string | null;
  onDone: () => void;
  onCancel: () => void;
}

const TEXT_MAX = { note: 500, long: 1000 } as const;

function tooLong(problems: Problem[], field: string, label: string, value: string, max: number) {
  if (value.trim().length > max) problems.push({ field, message: ht("tooLong", { field: label, max }) });
}

/**
 * The save flow shared by every step: field checks, then "did the hazard change since the form
 * opened?", then the domain's own verdict on this phone, then the offline save.
 */
function useStep(props: StepFormProps) {
  const { hazard, account, responsibleId, kind } = props;
  const [seenState, setSeenState] = useState(hazard.state);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const takesFrom = ACTION_RULES[kind].to !== undefined;

  async function submit(validate: () => Problem[], build: (from: Hazard["state"]) => HazardAction) {
    if (isSaving) return;
    const found = validate();
    setProblems(found);
    if (found.length > 0) {
      const first = found[0]?.field;
      if (first) document.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus();
      return;
    }
    if (takesFrom && hazard.state !== seenState) {
      // Someone (a pull, or this phone) moved the hazard while the form was open: say so and
      // let the person look before the step goes out from the new state.
      setSeenState(hazard.state);
      const stillPossible = ACTION_RULES[kind].from?.includes(hazard.state) ?? true;
      setProblems([
        {
          field: "",
          message: stillPossible
            ? ht("changedMeanwhile", { state: hazardStateLabel(hazard.state) })
            : ht("noLongerPossible", {
                state: hazardStateLabel(hazard.state),
                action: hazardActionLabel(kind),
              }),
        },
      ]);
      return;
    }
    const action = build(seenState);
    const preview = applyHazardAction(hazard, action, {
      id: "preview",
      actor: { id: account.userId, roles: account.roles },
      at: new Date(),
      context: { areaResponsibleId: responsibleId },
      checkPermission: true,
    });
    if (preview.outcome !== "applied" && preview.outcome !== "repeat") {
      setProblems([{ field: "", message: refusalText(preview.message) }]);
      return;
    }
    setIsSaving(true);
    try {
      await actOnHazard(db, { actorUserId: account.userId, schoolId: account.schoolId }, hazard.id, action, {
        alertMessage: `${placeText(props.directory, hazard)}：${hazard.description}`.slice(0, 500),
      });
      props.onDone();
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setProblems([{ field: "", message: ht("saveFailed", { message }) }]);
      setIsSaving(false);
    }
  }

  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  return { problems, isSaving, submit, problemOf };
}

function FormFrame({
  kind,
  isDirty,
  isSaving,
  problems,
  onSubmit,
  onCancel,
  children,
  submitLabel,
  isDanger,
}: {
  kind: HazardActionKind;
  isDirty: boolean;
  isSaving: boolean;
  problems: readonly Problem[];
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
  submitLabel?: string;
  isDanger?: boolean;
}) {
  useDirtyForm(isDirty);
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const general = problems.filter((p) => p.field === "");
  const fieldProblems = problems.filter((p) => p.field !== "");
  return (
    <form
      className="card stack-small step-form"
      aria-labelledby={titleId}
      onSubmit={submit}
      noValidate
      data-testid={`form-${kind}`}
    >
      <h2 id={titleId} className="step-form-title">
        {hazardActionLabel(kind)}
      </h2>
      <fieldset className="step-fields" disabled={isSaving}>
        {children}
      </fieldset>
      {general.length > 0 ? (
        <div className="error" role="alert" data-testid="form-problems">
          {general.map((p) => (
            <p key={p.message}>{p.message}</p>
          ))}
        </div>
      ) : null}
      {fieldProblems.length > 0 ? (
        // Each field shows its own problem; this line is for screen readers and a quick look.
        <p className="visually-hidden" role="alert">
          {fieldProblems.map((p) => p.message).join("；")}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className={isDanger ? "button button-danger" : "button"} disabled={isSaving}>
          {isSaving ? ht("saving") : (submitLabel ?? hazardActionLabel(kind))}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={isSaving}>
          {ht("cancel")}
        </button>
      </div>
    </form>
  );
}

function TextArea({
  label,
  hint,
  name,
  value,
  onValue,
  problem,
  rows = 3,
}: {
  label: string;
  hint?: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  problem?: string | undefined;
  rows?: number;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={problem ? "field has-problem" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      <textarea
        id={id}
        name={name}
        className="input textarea"
        rows={rows}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onValue(event.target.value)}
      />
      {problem ? (
        <small id={`${id}-error`} className="field-error">
          {problem}
        </small>
      ) : null}
    </div>
  );
}

// ── One form per step ────────────────────────────────────────────────────────────────────

export function StepForm(props: StepFormProps) {
  switch (props.kind) {
    case "assign":
      return <AssignForm {...props} />;
    case "control":
      return <ControlForm {...props} />;
    case "rectify":
      return <RectifyForm {...props} />;
    case "close":
      return <CloseForm {...props} />;
    case "reopen":
      return <ReopenForm {...props} />;
    case "comment":
      return <CommentForm {...props} />;
    case "raiseSeverity":
      return <SeverityForm {...props} />;
    case "setDeadline":
      return <DeadlineForm {...props} />;
    case "setNightOwner":
      return <NightOwnerForm {...props} />;
  }
}

function AssignForm(props: StepFormProps) {
  const { hazard, directory } = props;
  const suggestions = assigneeSuggestions(hazard, directory);
  const initial = hazard.assigneeId ? "" : (suggestions[0]?.staffId ?? "");
  const [assigneeId, setAssigneeId] = useState(initial);
  const [note, setNote] = useState("");
  const step = useStep(props);
  return (
    <FormFrame
      kind="assign"
      isDirty={assigneeId !== initial || note !== ""}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            if (!assigneeId) problems.push({ field: "assigneeId", message: ht("assigneeRequired") });
            tooLong(problems, "note", ht("note"), note, TEXT_MAX.note);
            return problems;
          },
          (from) => ({ kind: "assign", from, assigneeId, ...(note.trim() ? { text: note.trim() } : {}) }),
        )
      }
    >
      <StaffPicker
        label={ht("assignee")}
        name="assigneeId"
        value={assigneeId}
        onChange={setAssigneeId}
        staff={directory.staff}
        suggestions={suggestions}
        problem={step.problemOf("assigneeId")}
      />
      <TextArea
        label={ht("note")}
        name="note"
        value={note}
        onValue={setNote}
        problem={step.problemOf("note")}
      />
    </FormFrame>
  );
}

function ControlForm(props: StepFormProps) {
  const [measures, setMeasures] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const step = useStep(props);
  return (
    <FormFrame
      kind="control"
      isDirty={measures !== "" || photos.length > 0}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            if (!measures.trim()) problems.push({ field: "measures", message: ht("measuresRequired") });
            tooLong(problems, "measures", ht("measures"), measures, TEXT_MAX.long);
            if (photos.length === 0) problems.push({ field: "photos", message: ht("measuresPhotoRequired") });
            return problems;
          },
          (from) => ({ kind: "control", from, text: measures.trim(), photos }),
        )
      }
    >
      <TextArea
        label={ht("measures")}
        hint={ht("measuresHint")}
        name="measures"
        value={measures}
        onValue={setMeasures}
        problem={step.problemOf("measures")}
      />
      <PhotoInput
        account={props.account}
        value={photos}
        onChange={setPhotos}
        label={ht("measuresPhoto")}
        required
        error={step.problemOf("photos")}
      />
    </FormFrame>
  );
}

function RectifyForm(props: StepFormProps) {
  const [note, setNote] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const step = useStep(props);
  return (
    <FormFrame
      kind="rectify"
      isDirty={note !== "" || photos.length > 0}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            tooLong(problems, "note", ht("rectifyNote"), note, TEXT_MAX.long);
            if (photos.length === 0) problems.push({ field: "photos", message: ht("afterPhotoRequired") });
            return problems;
          },
          (from) => ({ kind: "rectify", from, text: note.trim(), photos }),
        )
      }
    >
      <TextArea
        label={ht("rectifyNote")}
        hint={ht("rectifyNoteHint")}
        name="note"
        value={note}
        onValue={setNote}
        problem={step.problemOf("note")}
      />
      <PhotoInput
        account={props.account}
        value={photos}
        onChange={setPhotos}
        label={ht("afterPhoto")}
        required
        error={step.problemOf("photos")}
      />
    </FormFrame>
  );
}

function CloseForm(props: StepFormProps) {
  const { hazard, account } = props;
  const [note, setNote] = useState("");
  const step = useStep(props);
  return (
    <FormFrame
      kind="close"
      isDirty={note !== ""}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            tooLong(problems, "note", ht("closeNote"), note, TEXT_MAX.note);
            return problems;
          },
          (from) => ({ kind: "close", from, ...(note.trim() ? { text: note.trim() } : {}) }),
        )
      }
    >
      {hazard.rectification ? (
        <div className="stack-small">
          <p className="field-label">{ht("rectifyTitle")}</p>
          {hazard.rectification.text ? <p>{hazard.rectification.text}</p> : null}
          <PhotoThumbs names={hazard.rectification.photos} account={account} />
        </div>
      ) : null}
      <p className="muted small">{ht("closeConfirm")}</p>
      <TextArea
        label={ht("closeNote")}
        name="note"
        value={note}
        onValue={setNote}
        problem={step.problemOf("note")}
      />
    </FormFrame>
  );
}

function ReopenForm(props: StepFormProps) {
  const [reason, setReason] = useState("");
  const step = useStep(props);
  return (
    <FormFrame
      kind="reopen"
      isDirty={reason !== ""}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      isDanger
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            if (!reason.trim()) problems.push({ field: "reason", message: ht("reopenReasonRequired") });
            tooLong(problems, "reason", ht("reopenReason"), reason, TEXT_MAX.note);
            return problems;
          },
          (from) => ({ kind: "reopen", from, text: reason.trim() }),
        )
      }
    >
      <TextArea
        label={ht("reopenReason")}
        name="reason"
        value={reason}
        onValue={setReason}
        problem={step.problemOf("reason")}
      />
    </FormFrame>
  );
}

function CommentForm(props: StepFormProps) {
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const step = useStep(props);
  return (
    <FormFrame
      kind="comment"
      isDirty={text !== "" || photos.length > 0}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            if (!text.trim() && photos.length === 0)
              problems.push({ field: "text", message: ht("commentRequired") });
            tooLong(problems, "text", ht("commentText"), text, TEXT_MAX.long);
            return problems;
          },
          () => ({ kind: "comment", text: text.trim(), photos }),
        )
      }
    >
      <TextArea
        label={ht("commentText")}
        name="text"
        value={text}
        onValue={setText}
        problem={step.problemOf("text")}
      />
      <PhotoInput account={props.account} value={photos} onChange={setPhotos} label={ht("commentPhotos")} />
    </FormFrame>
  );
}

function SeverityForm(props: StepFormProps) {
  const { hazard } = props;
  const higher = SEVERITIES.filter((s) => SEVERITIES.indexOf(s) > SEVERITIES.indexOf(hazard.severity));
  const [severity, setSeverity] = useState<Severity | "">(higher.length === 1 ? (higher[0] ?? "") : "");
  const step = useStep(props);
  const legendId = useId();
  if (higher.length === 0) {
    return (
      <div className="card stack-small">
        <p>{ht("alreadyHighest")}</p>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          {ht("cancel")}
        </button>
      </div>
    );
  }
  const problem = step.problemOf("severity");
  return (
    <FormFrame
      kind="raiseSeverity"
      isDirty={false}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      isDanger={severity === "critical"}
      onSubmit={() =>
        void step.submit(
          () => (severity ? [] : [{ field: "severity", message: ht("severityRequired") }]),
          () => ({ kind: "raiseSeverity", severity: severity || "critical" }),
        )
      }
    >
      <div className={problem ? "field has-problem" : "field"}>
        <span className="field-label" id={legendId}>
          {ht("newSeverity")}
        </span>
        <small className="hint">{ht("severityOnlyUp")}</small>
        <fieldset className="segmented" aria-labelledby={legendId}>
          {higher.map((s) => (
            <label key={s} className={s === severity ? "segment is-selected" : "segment"}>
              <input
                type="radio"
                name="severity"
                value={s}
                checked={s === severity}
                onChange={() => setSeverity(s)}
              />
              {severityLabel(s)}
            </label>
          ))}
        </fieldset>
        {problem ? <small className="field-error">{problem}</small> : null}
      </div>
      {severity === "critical" ? <p className="warn-text">{ht("criticalWarning")}</p> : null}
    </FormFrame>
  );
}

function DeadlineForm(props: StepFormProps) {
  const { directory } = props;
  const tz = directory.settings.timeZone;
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const step = useStep(props);
  const id = useId();
  const problem = step.problemOf("deadline");
  return (
    <FormFrame
      kind="setDeadline"
      submitLabel={ht("saveDeadline")}
      isDirty={value !== "" || reason !== ""}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => {
            const problems: Problem[] = [];
            const at = parseLocalDateTime(value, tz);
            if (!at) problems.push({ field: "deadline", message: ht("deadlineRequired") });
            else if (at.getTime() <= Date.now())
              problems.push({ field: "deadline", message: ht("deadlineInPast") });
            tooLong(problems, "reason", ht("deadlineReason"), reason, TEXT_MAX.note);
            return problems;
          },
          () => ({
            kind: "setDeadline",
            deadline: (parseLocalDateTime(value, tz) ?? new Date(Number.NaN)).toISOString(),
            text: reason.trim(),
          }),
        )
      }
    >
      <div className={problem ? "field has-problem" : "field"}>
        <label htmlFor={id}>{ht("newDeadline", { zone: tz })}</label>
        <small id={`${id}-hint`} className="hint">
          {ht("newDeadlineHint")}
        </small>
        <input
          id={id}
          name="deadline"
          className="input"
          type="datetime-local"
          value={value}
          min={toLocalDateTime(new Date(), tz)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(event) => setValue(event.target.value)}
        />
        {problem ? (
          <small id={`${id}-error`} className="field-error">
            {problem}
          </small>
        ) : null}
      </div>
      <TextArea
        label={ht("deadlineReason")}
        name="reason"
        value={reason}
        onValue={setReason}
        problem={step.problemOf("reason")}
        rows={2}
      />
    </FormFrame>
  );
}

function NightOwnerForm(props: StepFormProps) {
  const { hazard, directory } = props;
  const suggestions = nightOwnerSuggestions(directory);
  const initial = hazard.nightOwnerId ?? suggestions[0]?.staffId ?? "";
  const [ownerId, setOwnerId] = useState(initial);
  const step = useStep(props);
  return (
    <FormFrame
      kind="setNightOwner"
      submitLabel={ht("saveNightOwner")}
      isDirty={ownerId !== initial}
      isSaving={step.isSaving}
      problems={step.problems}
      onCancel={props.onCancel}
      onSubmit={() =>
        void step.submit(
          () => (ownerId ? [] : [{ field: "nightOwnerId", message: ht("nightOwnerRequired") }]),
          () => ({ kind: "setNightOwner", nightOwnerId: ownerId }),
        )
      }
    >
      <StaffPicker
        label={ht("nightOwner")}
        hint={ht("nightOwnerHint")}
        name="nightOwnerId"
        value={ownerId}
        onChange={setOwnerId}
        staff={directory.staff}
        suggestions={suggestions}
        problem={step.problemOf("nightOwnerId")}
      />
    </FormFrame>
  );
}
