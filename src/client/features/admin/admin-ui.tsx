// Building blocks of the admin pages: live lists from the view, a page header with 返回, record
// rows with their 待同步 badge, labelled fields that show their own problem, and the edit form
// that validates before it saves (offline, through the db stores) and is read-only for people
// who may only look.
import { useLiveQuery } from "dexie-react-hooks";
import { type FormEvent, type InputHTMLAttributes, type ReactNode, useId, useState } from "react";
import { type AccountRow, db } from "../../db/db.ts";
import { saveReference } from "../../db/reference-edits.ts";
import {
  type Entry,
  listEntries,
  type ReferenceEntities,
  type ReferenceType,
} from "../../db/reference-view.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { BackLink } from "../../ui/page-parts.tsx";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import type { Problem } from "./admin-validate.ts";

export interface SectionProps {
  account: AccountRow;
  /** Admins edit; the principal reads (the same pages, read-only). */
  canEdit: boolean;
  /** The record in the path (/admin/pupils/<id>), "new", or undefined for the list. */
  id: string | undefined;
}

/** Every record of a type, live (undefined while loading). */
export function useEntries<K extends ReferenceType>(
  schoolId: string,
  entityType: K,
): Entry<ReferenceEntities[K]>[] | undefined {
  return useLiveQuery(() => listEntries(db, schoolId, entityType), [schoolId, entityType]);
}

/** One record's page: its title and back link, then its form, or "not found" for a stale link. */
export function RecordPage({
  title,
  backTo,
  isMissing,
  children,
}: {
  title: string;
  backTo: string;
  isMissing: boolean;
  children: ReactNode;
}) {
  return (
    <div className="page stack">
      <AdminHeader title={title} backTo={backTo} />
      {isMissing ? <p className="card muted">{ad("notFound")}</p> : children}
    </div>
  );
}

export function AdminHeader({
  title,
  backTo,
  children,
}: {
  title: string;
  backTo: string;
  children?: ReactNode;
}) {
  return (
    <div className="admin-head">
      <BackLink to={backTo} />
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function PendingTag() {
  return (
    <span className="tag tag-pending" data-testid="pending-tag">
      {ad("pendingTag")}
    </span>
  );
}

export function RecordRow({
  title,
  detail,
  isPending,
  tags,
  to,
}: {
  title: string;
  detail?: string;
  isPending: boolean;
  tags?: ReactNode;
  to: string;
}) {
  return (
    <li>
      <a
        href={to}
        className="record-row"
        data-testid="record-row"
        onClick={(event) => {
          event.preventDefault();
          navigate(to);
        }}
      >
        <span className="record-text">
          <strong>{title}</strong>
          {detail ? <small>{detail}</small> : null}
        </span>
        <span className="record-tags">
          {tags}
          {isPending ? <PendingTag /> : null}
        </span>
        <span className="chevron" aria-hidden="true">
          ›
        </span>
      </a>
    </li>
  );
}

export function SearchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="search"
        placeholder={label}
        value={value}
        autoCapitalize="none"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

const problemOf = (problems: readonly Problem[], field: string) => problems.find((p) => p.field === field);

interface FieldFrameProps {
  label: string;
  hint?: string;
  problem?: Problem | undefined;
  children: (ids: { id: string; describedBy: string | undefined; isInvalid: boolean }) => ReactNode;
}

function FieldFrame({ label, hint, problem, children }: FieldFrameProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, problem ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={problem ? "field has-problem" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <small id={hintId} className="hint">
          {hint}
        </small>
      ) : null}
      {children({ id, describedBy, isInvalid: problem !== undefined })}
      {problem ? (
        <small id={errorId} className="field-error">
          {problem.message}
        </small>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  name,
  problems,
  value,
  onValue,
  ...input
}: {
  label: string;
  hint?: string;
  name: string;
  problems: readonly Problem[];
  value: string;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "value" | "onChange" | "className">) {
  return (
    <FieldFrame label={label} hint={hint} problem={problemOf(problems, name)}>
      {({ id, describedBy, isInvalid }) => (
        <input
          id={id}
          name={name}
          className="input"
          value={value}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onValue(event.target.value)}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  hint,
  name,
  problems,
  value,
  onValue,
}: {
  label: string;
  hint?: string;
  name: string;
  problems: readonly Problem[];
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <FieldFrame label={label} hint={hint} problem={problemOf(problems, name)}>
      {({ id, describedBy, isInvalid }) => (
        <textarea
          id={id}
          name={name}
          className="input textarea"
          rows={3}
          value={value}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onValue(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  name,
  problems,
  value,
  onValue,
  options,
}: {
  label: string;
  hint?: string;
  name: string;
  problems: readonly Problem[];
  value: string;
  onValue: (value: string) => void;
  options: readonly Option[];
}) {
  return (
    <FieldFrame label={label} hint={hint} problem={problemOf(problems, name)}>
      {({ id, describedBy, isInvalid }) => (
        <select
          id={id}
          name={name}
          className="input"
          value={value}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onValue(event.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckField({
  label,
  name,
  problems,
  checked,
  onChecked,
}: {
  label: string;
  name: string;
  problems: readonly Problem[];
  checked: boolean;
  onChecked: (checked: boolean) => void;
}) {
  const problem = problemOf(problems, name);
  return (
    <div className={problem ? "field has-problem" : "field"}>
      <label className="check">
        <input
          type="checkbox"
          name={name}
          checked={checked}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => onChecked(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      {problem ? <small className="field-error">{problem.message}</small> : null}
    </div>
  );
}

/** A one-of-few choice as large side-by-side buttons (radio semantics). */
export function Segmented<V extends string>({
  legend,
  name,
  value,
  options,
  onValue,
}: {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onValue: (value: V) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? "segment is-selected" : "segment"}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={o.value === value}
            onChange={() => onValue(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The save flow of every admin form: validate (show every problem, focus the first field),
 * then save offline and go back to the list. A failure keeps the person's input.
 */
export function useSaveFlow() {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(validate: () => Problem[], save: () => Promise<unknown>, done: () => void) {
    if (isSaving) return;
    const found = validate();
    setProblems(found);
    if (found.length > 0) {
      const first = found[0]?.field;
      if (first) document.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus();
      return;
    }
    setIsSaving(true);
    try {
      await save();
      done();
    } catch (caught) {
      setProblems([{ field: "", message: ad("saveFailed", { message: errorMessage(caught) }) }]);
      setIsSaving(false);
    }
  }

  return { problems, isSaving, submit };
}

/**
 * One record's edit form: dirty tracking against the first values, validate, save offline
 * through saveReference, then back to the list. Returns the props for <EditForm>.
 */
export function useRecordForm<K extends Exclude<ReferenceType, "school">>(options: {
  account: AccountRow;
  entityType: K;
  build: () => ReferenceEntities[K];
  validate: () => Problem[];
  canEdit: boolean;
  backTo: string;
  entry: Entry<ReferenceEntities[K]> | undefined;
}) {
  const { account, entityType, build, validate, canEdit, backTo, entry } = options;
  const { problems, isSaving, submit } = useSaveFlow();
  const [initialJson] = useState(() => JSON.stringify(build()));
  const isDirty = JSON.stringify(build()) !== initialJson;
  const onSubmit = () =>
    void submit(
      validate,
      () =>
        saveReference(db, { actorUserId: account.userId, schoolId: account.schoolId }, entityType, build()),
      () => navigate(backTo, { replace: true }),
    );
  return {
    problems,
    isDirty,
    formProps: {
      canEdit,
      isDirty,
      isSaving,
      problems,
      onSubmit,
      backTo,
      isPending: entry?.hasPendingChanges ?? false,
    },
  };
}

function errorMessage(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}

export function EditForm({
  canEdit,
  isDirty,
  isSaving,
  problems,
  onSubmit,
  backTo,
  isPending,
  children,
}: {
  canEdit: boolean;
  isDirty: boolean;
  isSaving: boolean;
  problems: readonly Problem[];
  onSubmit: () => void;
  backTo: string;
  isPending: boolean;
  children: ReactNode;
}) {
  useDirtyForm(canEdit && isDirty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canEdit) onSubmit();
  };
  return (
    <form className="card stack-small admin-form" onSubmit={submit} noValidate>
      {isPending ? (
        <p className="note-pending">
          <PendingTag /> {ad("savedPending")}
        </p>
      ) : null}
      {canEdit ? null : <p className="muted small">{ad("readOnly")}</p>}
      <fieldset className="form-fields" disabled={!canEdit || isSaving}>
        {children}
      </fieldset>
      {problems.length > 0 ? (
        <div className="error" role="alert" data-testid="form-problems">
          <p>{ad("fixFirst")}</p>
          <ul className="problem-list">
            {problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="button-row">
        {canEdit ? (
          <button type="submit" className="button" disabled={isSaving}>
            {isSaving ? ad("saving") : ad("save")}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => navigate(backTo)}>
          {canEdit ? ad("cancel") : ad("back")}
        </button>
      </div>
    </form>
  );
}

/** Shown while the live lists load, and when the school's records have not synced yet. */
export function Loading({ isEmpty }: { isEmpty?: boolean }) {
  return isEmpty ? <p className="card muted">{ad("noData")}</p> : <div className="splash">…</div>;
}

/** Up to `limit` items, plus how many there were (lists stay fast with 1,100 pupils). */
export function firstOf<T>(items: readonly T[], limit: number): { shown: T[]; total: number } {
  return { shown: items.slice(0, limit), total: items.length };
}

/** Case-insensitive "contains" for search boxes (Chinese names match as typed). */
export function matches(needle: string, ...haystack: (string | null | undefined)[]): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  return haystack.some((h) => h?.toLowerCase().includes(n));
}
