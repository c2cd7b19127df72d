// The small forms behind the hazard page's buttons, one per step of a hazard's life. Each
// checks its own fields first (a message per field), then the domain's rules on what the phone
// knows (hazard-machine.ts, the same code the server runs), then saves offline with
// actOnHazard(), naming `from` = the state the person saw when they opened the form. Nothing
// typed is lost on an error; an open form with input holds off app updates (dirty-forms.ts).
// Most steps are a text and maybe photos (TextStepForm); the others add their own fields.
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
import {
  FieldFrame,
  FormProblems,
  focusFirstProblem,
  SeverityOptions,
  TextAreaField,
} from "../../ui/form-parts.tsx";
import { PhotoInput } from "../../ui/photo-input.tsx";
import { PhotoThumbs } from "../../ui/photo-thumbs.tsx";
import { hazardActionLabel, hazardStateLabel } from "../../ui/safety-text.ts";
import type { SchoolDirectory } from "../../ui/school-directory.ts";
import { caretakerSuggestions, StaffPicker } from "../../ui/staff-picker.tsx";
import { assigneeSuggestions, parseLocalDateTime, refusalText, toLocalDateTime } from "./hazard-model.ts";
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

/** What one step's form brings to the shared save flow. */
interface StepSpec {
  /** Typed input not saved yet (holds off app updates). */
  isDirty: boolean;
  /** The form's own field checks, in the order the fields show. */
  validate: () => Problem[];
  /** The step to save, from the state the person saw. */
  build: (from: Hazard["state"]) => HazardAction;
  submitLabel?: string;
  isDanger?: boolean;
}

/**
 * The save flow shared by every step: field checks, then "did the hazard change since the form
 * opened?", then the domain's own verdict on this phone, then the offline save. Returns each
 * field's problem and the props for <FormFrame>.
 */
function useStep(props: StepFormProps, spec: StepSpec) {
  const { hazard, account, responsibleId, kind } = props;
  const [seenState, setSeenState] = useState(hazard.state);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const takesFrom = ACTION_RULES[kind].to !== undefined;

  async function submit() {
    if (isSaving) return;
    const found = spec.validate();
    setProblems(found);
    if (found.length > 0) {
      focusFirstProblem(found);
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
    const action = spec.build(seenState);
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
        alertHazard: {
          areaId: hazard.areaId,
          place: hazard.place,
          description: hazard.description,
          areaName: props.directory.areaById.get(hazard.areaId)?.name ?? "",
          raisedByName: props.directory.staffById.get(account.userId)?.name ?? account.name,
        },
      });
      props.onDone();
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setProblems([{ field: "", message: ht("saveFailed", { message }) }]);
      setIsSaving(false);
    }
  }

  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const frame: FrameProps = {
    kind,
    isDirty: spec.isDirty,
    isSaving,
    problems,
    onSubmit: () => void submit(),
    onCancel: props.onCancel,
    submitLabel: spec.submitLabel,
    isDanger: spec.isDanger,
  };
  return { problemOf, frame };
}

interface FrameProps {
  kind: HazardActionKind;
  isDirty: boolean;
  isSaving: boolean;
  problems: readonly Problem[];
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel?: string | undefined;
  isDanger?: boolean | undefined;
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
}: FrameProps & { children: ReactNode }) {
  useDirtyForm(isDirty);
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
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
      <FormProblems notes={problems.filter((p) => p.field === "").map((p) => p.message)} />
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

// ── One form per step ────────────────────────────────────────────────────────────────────

export function StepForm(props: StepFormProps) {
  switch (props.kind) {
    case "assign":
      return <AssignForm {...props} />;
    case "control":
      return (
        <TextStepForm
          form={props}
          text={{
            name: "measures",
            label: ht("measures"),
            hint: ht("measuresHint"),
            max: TEXT_MAX.long,
            required: ht("measuresRequired"),
          }}
          photos={{ label: ht("measuresPhoto"), required: ht("measuresPhotoRequired") }}
          build={(from, text, photos) => ({ kind: "control", from, text, photos })}
        />
      );
    case "rectify":
      return (
        <TextStepForm
          form={props}
          text={{ name: "note", label: ht("rectifyNote"), hint: ht("rectifyNoteHint"), max: TEXT_MAX.long }}
          photos={{ label: ht("afterPhoto"), required: ht("afterPhotoRequired") }}
          build={(from, text, photos) => ({ kind: "rectify", from, text, photos })}
        />
      );
    case "close":
      return (
        <TextStepForm
          form={props}
          text={{ name: "note", label: ht("closeNote"), max: TEXT_MAX.note }}
          build={(from, text) => ({ kind: "close", from, ...(text ? { text } : {}) })}
        >
          {props.hazard.rectification ? (
            <div className="stack-small">
              <p className="field-label">{ht("rectifyTitle")}</p>
              {props.hazard.rectification.text ? <p>{props.hazard.rectification.text}</p> : null}
              <PhotoThumbs names={props.hazard.rectification.photos} account={props.account} />
            </div>
          ) : null}
          <p className="muted small">{ht("closeConfirm")}</p>
        </TextStepForm>
      );
    case "reopen":
      return (
        <TextStepForm
          form={props}
          text={{
            name: "reason",
            label: ht("reopenReason"),
            max: TEXT_MAX.note,
            required: ht("reopenReasonRequired"),
          }}
          build={(from, text) => ({ kind: "reopen", from, text })}
          isDanger
        />
      );
    case "comment":
      return (
        <TextStepForm
          form={props}
          text={{
            name: "text",
            label: ht("commentText"),
            max: TEXT_MAX.long,
            required: ht("commentRequired"),
            orPhoto: true,
          }}
          photos={{ label: ht("commentPhotos") }}
          build={(_from, text, photos) => ({ kind: "comment", text, photos })}
        />
      );
    case "raiseSeverity":
      return <SeverityForm {...props} />;
    case "setDeadline":
      return <DeadlineForm {...props} />;
    case "setNightOwner":
      return <NightOwnerForm {...props} />;
  }
}

/**
 * A step that is a text, maybe with photos (interim control, rectify, close, reopen, comment):
 * the text's checks (required unless `orPhoto` and a photo is added, at most `max` characters),
 * then the photos' (at least one when `required`).
 */
function TextStepForm({
  form,
  text,
  photos: photoSpec,
  build,
  isDanger,
  children,
}: {
  form: StepFormProps;
  text: { name: string; label: string; hint?: string; max: number; required?: string; orPhoto?: boolean };
  photos?: { label: string; required?: string };
  /** The step from the trimmed text and the photos. */
  build: (from: Hazard["state"], text: string, photos: string[]) => HazardAction;
  isDanger?: boolean;
  /** Shown above the text. */
  children?: ReactNode;
}) {
  const [value, setValue] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const step = useStep(form, {
    isDirty: value !== "" || photos.length > 0,
    isDanger,
    validate: () => {
      const problems: Problem[] = [];
      const isEmpty = !value.trim() && !(text.orPhoto && photos.length > 0);
      if (text.required && isEmpty) problems.push({ field: text.name, message: text.required });
      tooLong(problems, text.name, text.label, value, text.max);
      if (photoSpec?.required && photos.length === 0)
        problems.push({ field: "photos", message: photoSpec.required });
      return problems;
    },
    build: (from) => build(from, value.trim(), photos),
  });
  return (
    <FormFrame {...step.frame}>
      {children}
      <TextAreaField
        label={text.label}
        hint={text.hint}
        name={text.name}
        value={value}
        onValue={setValue}
        problem={step.problemOf(text.name)}
      />
      {photoSpec ? (
        <PhotoInput
          account={form.account}
          value={photos}
          onChange={setPhotos}
          label={photoSpec.label}
          required={photoSpec.required !== undefined}
          error={step.problemOf("photos")}
        />
      ) : null}
    </FormFrame>
  );
}

function AssignForm(props: StepFormProps) {
  const { hazard, directory } = props;
  const suggestions = assigneeSuggestions(hazard, directory);
  const initial = hazard.assigneeId ? "" : (suggestions[0]?.staffId ?? "");
  const [assigneeId, setAssigneeId] = useState(initial);
  const [note, setNote] = useState("");
  const step = useStep(props, {
    isDirty: assigneeId !== initial || note !== "",
    validate: () => {
      const problems: Problem[] = [];
      if (!assigneeId) problems.push({ field: "assigneeId", message: ht("assigneeRequired") });
      tooLong(problems, "note", ht("note"), note, TEXT_MAX.note);
      return problems;
    },
    build: (from) => ({ kind: "assign", from, assigneeId, ...(note.trim() ? { text: note.trim() } : {}) }),
  });
  return (
    <FormFrame {...step.frame}>
      <StaffPicker
        label={ht("assignee")}
        name="assigneeId"
        value={assigneeId}
        onChange={setAssigneeId}
        staff={directory.staff}
        suggestions={suggestions}
        problem={step.problemOf("assigneeId")}
      />
      <TextAreaField
        label={ht("note")}
        name="note"
        value={note}
        onValue={setNote}
        problem={step.problemOf("note")}
      />
    </FormFrame>
  );
}

function SeverityForm(props: StepFormProps) {
  const { hazard } = props;
  const higher = SEVERITIES.filter((s) => SEVERITIES.indexOf(s) > SEVERITIES.indexOf(hazard.severity));
  const [severity, setSeverity] = useState<Severity | "">(higher.length === 1 ? (higher[0] ?? "") : "");
  const step = useStep(props, {
    isDirty: false,
    isDanger: severity === "critical",
    validate: () => (severity ? [] : [{ field: "severity", message: ht("severityRequired") }]),
    build: () => ({ kind: "raiseSeverity", severity: severity || "critical" }),
  });
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
    <FormFrame {...step.frame}>
      <div className={problem ? "field has-problem" : "field"}>
        <span className="field-label" id={legendId}>
          {ht("newSeverity")}
        </span>
        <small className="hint">{ht("severityOnlyUp")}</small>
        <fieldset className="segmented" aria-labelledby={legendId}>
          <SeverityOptions
            name="severity"
            value={severity}
            onChange={setSeverity}
            optionClass="segment"
            options={higher}
          />
        </fieldset>
        {problem ? <small className="field-error">{problem}</small> : null}
      </div>
      {severity === "critical" ? <p className="warn-text">{ht("criticalWarning")}</p> : null}
    </FormFrame>
  );
}

function DeadlineForm(props: StepFormProps) {
  const tz = props.directory.settings.timeZone;
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const step = useStep(props, {
    submitLabel: ht("saveDeadline"),
    isDirty: value !== "" || reason !== "",
    validate: () => {
      const problems: Problem[] = [];
      const at = parseLocalDateTime(value, tz);
      if (!at) problems.push({ field: "deadline", message: ht("deadlineRequired") });
      else if (at.getTime() <= Date.now())
        problems.push({ field: "deadline", message: ht("deadlineInPast") });
      tooLong(problems, "reason", ht("deadlineReason"), reason, TEXT_MAX.note);
      return problems;
    },
    build: () => ({
      kind: "setDeadline",
      deadline: (parseLocalDateTime(value, tz) ?? new Date(Number.NaN)).toISOString(),
      text: reason.trim(),
    }),
  });
  return (
    <FormFrame {...step.frame}>
      <FieldFrame
        label={ht("newDeadline", { zone: tz })}
        hint={ht("newDeadlineHint")}
        problem={step.problemOf("deadline")}
      >
        {(control) => (
          <input
            {...control}
            name="deadline"
            className="input"
            type="datetime-local"
            value={value}
            min={toLocalDateTime(new Date(), tz)}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </FieldFrame>
      <TextAreaField
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
  const suggestions = caretakerSuggestions(directory.staff);
  const initial = hazard.nightOwnerId ?? suggestions[0]?.staffId ?? "";
  const [ownerId, setOwnerId] = useState(initial);
  const step = useStep(props, {
    submitLabel: ht("saveNightOwner"),
    isDirty: ownerId !== initial,
    validate: () => (ownerId ? [] : [{ field: "nightOwnerId", message: ht("nightOwnerRequired") }]),
    build: () => ({ kind: "setNightOwner", nightOwnerId: ownerId }),
  });
  return (
    <FormFrame {...step.frame}>
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
