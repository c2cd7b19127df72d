// The pieces the hazard-check forms share (the round, the report, the hazard's steps, closing
// the day): a labelled field with its hint and its own problem, a text area built on it, the
// list of what to fix before saving, the sticky save bar, the severity radios and the warning
// that a critical hazard alerts the school at once. Presentational: each form keeps its own
// state, rules and words.
import { type ReactNode, type Ref, useId } from "react";
import { SEVERITIES, type Severity } from "../../domain/hazard-machine.ts";
import "./form-parts.css";
import { severityLabel } from "./safety-text.ts";

/** What a field's control carries so the label, the hint and the problem are read with it. */
export interface FieldControl {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** A labelled field: the label, an optional hint, the control, and the field's own problem. */
export function FieldFrame({
  label,
  hint,
  problem,
  children,
}: {
  label: ReactNode;
  hint?: string | undefined;
  problem?: string | undefined;
  children: (control: FieldControl) => ReactNode;
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
      {children({
        id,
        "aria-invalid": problem ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {problem ? (
        <small id={`${id}-error`} className="field-error">
          {problem}
        </small>
      ) : null}
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  name,
  value,
  onValue,
  problem,
  rows = 3,
  placeholder,
  ref,
}: {
  label: ReactNode;
  hint?: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  problem?: string | undefined;
  rows?: number;
  placeholder?: string;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  return (
    <FieldFrame label={label} hint={hint} problem={problem}>
      {(control) => (
        <textarea
          {...control}
          ref={ref}
          name={name}
          className="input textarea"
          rows={rows}
          placeholder={placeholder}
          value={value}
          onChange={(event) => onValue(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/**
 * What stops a save, read out at once: a heading over the list of the fields to fix, then any
 * whole-form notes (the save failed, the step is refused). Nothing when there is neither.
 */
export function FormProblems({
  heading,
  items = [],
  notes = [],
  testId = "form-problems",
}: {
  heading?: string;
  items?: readonly { key: string; content: ReactNode }[];
  notes?: readonly (string | null | false | undefined)[];
  testId?: string;
}) {
  const shownNotes = notes.filter((n): n is string => Boolean(n));
  if (items.length === 0 && shownNotes.length === 0) return null;
  return (
    <div className="error" role="alert" data-testid={testId}>
      {items.length > 0 ? (
        <>
          <p>{heading}</p>
          <ul className="problem-list">
            {items.map((item) => (
              <li key={item.key}>{item.content}</li>
            ))}
          </ul>
        </>
      ) : null}
      {shownNotes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </div>
  );
}

/** The save button, kept in reach of the thumb above the bottom navigation, and a line on offline saving. */
export function SaveBar({ note, children }: { note: string; children: ReactNode }) {
  return (
    <div className="save-bar">
      {children}
      <small className="save-offline">{note}</small>
    </div>
  );
}

/**
 * One radio a severity, each a label a thumb can hit (the segmented control or the big
 * buttons, by `optionClass`); `withTone` colours each by its severity.
 */
export function SeverityOptions({
  name,
  value,
  onChange,
  optionClass,
  withTone = false,
  options = SEVERITIES,
}: {
  name: string;
  value: Severity | "";
  onChange: (severity: Severity) => void;
  optionClass: string;
  withTone?: boolean;
  options?: readonly Severity[];
}) {
  return options.map((s) => (
    <label
      key={s}
      className={`${optionClass}${withTone ? ` sev-${s}` : ""}${s === value ? " is-selected" : ""}`}
    >
      <input type="radio" name={name} value={s} checked={s === value} onChange={() => onChange(s)} />
      {severityLabel(s)}
    </label>
  ));
}

/** Said under a severity choice set to 重大: who is alerted, and when. */
export function CriticalNote({ children, isStatus = false }: { children: ReactNode; isStatus?: boolean }) {
  return (
    <p className="critical-note" role={isStatus ? "status" : undefined}>
      {children}
    </p>
  );
}

/** Puts the cursor in the first field with a problem (by its `name`), so the person starts there. */
export function focusFirstProblem(problems: readonly { field: string }[]): void {
  const first = problems[0]?.field;
  if (first) document.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus();
}
