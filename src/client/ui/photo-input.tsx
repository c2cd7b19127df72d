// Taking photos for a record: one big 拍照 button (the camera on a phone, a file picker
// elsewhere; several at once allowed). Each photo is compressed and saved on this phone at once
// (db/photo-store.ts savePhoto), so the record that references it can be saved offline; the
// form gets the saved photos' names. A photo that could not be saved (storage full, not an
// image) says so and changes nothing else: what the person typed stays.
import { useId, useRef, useState } from "react";
import { type AccountRow, db } from "../db/db.ts";
import { savePhoto } from "../db/photo-store.ts";
import { photoFailureText, pt } from "./photo-text.ts";
import { PhotoThumbs } from "./photo-thumbs.tsx";
import "./photos.css";

/** protocol/safety.ts: at most 9 photos on a record. */
export const MAX_PHOTOS = 9;

export function PhotoInput({
  account,
  value,
  onChange,
  label,
  required = false,
  error,
  onBusyChange,
}: {
  account: AccountRow;
  value: string[];
  onChange: (names: string[]) => void;
  label: string;
  required?: boolean;
  /** The form's own problem with the photos (e.g. a required one is missing). */
  error?: string | undefined;
  /** True while photos are being compressed and saved: a form waits before saving its record. */
  onBusyChange?: (isBusy: boolean) => void;
}) {
  const id = useId();
  const [savingCount, setSavingCount] = useState(0);
  const [failures, setFailures] = useState<string[]>([]);
  // Photos finish saving one by one after the render that started them: add each to the
  // newest list, never to the one this render saw.
  const latest = useRef(value);
  latest.current = value;

  async function addFiles(files: File[]) {
    setFailures([]);
    const problems: string[] = [];
    let over = 0;
    setSavingCount(files.length);
    onBusyChange?.(true);
    for (const file of files) {
      if (latest.current.length >= MAX_PHOTOS) {
        over++;
        continue;
      }
      const result = await savePhoto(db, file, { actorUserId: account.userId, schoolId: account.schoolId });
      setSavingCount((n) => Math.max(0, n - 1));
      if (!result.ok) {
        problems.push(photoFailureText(result));
        continue;
      }
      if (latest.current.includes(result.sha256)) continue;
      const next = [...latest.current, result.sha256];
      latest.current = next;
      onChange(next);
    }
    if (over > 0) problems.push(pt("tooMany", { max: MAX_PHOTOS, n: over }));
    setSavingCount(0);
    setFailures(problems);
    onBusyChange?.(false);
  }

  const isFull = value.length >= MAX_PHOTOS;
  const isSaving = savingCount > 0;
  const errorId = `${id}-error`;
  return (
    <div className={error ? "field photo-input has-problem" : "field photo-input"}>
      <span className="field-label" id={`${id}-label`}>
        {label}
        <small className="muted"> {required ? pt("required") : pt("optional")}</small>
      </span>
      <PhotoThumbs
        names={value}
        account={account}
        onRemove={(name) => onChange(latest.current.filter((n) => n !== name))}
      />
      <label
        className={
          isFull || isSaving
            ? "button button-secondary photo-take is-disabled"
            : "button button-secondary photo-take"
        }
      >
        <CameraIcon />
        <span>{isSaving ? pt("saving") : value.length > 0 ? pt("takeMore") : pt("takePhoto")}</span>
        <input
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={isFull || isSaving}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            // Cleared so the same picture can be chosen again after a failure.
            event.target.value = "";
            if (files.length > 0) void addFiles(files);
          }}
        />
      </label>
      {value.length > 0 ? (
        <small className="hint">{pt("count", { n: value.length, max: MAX_PHOTOS })}</small>
      ) : null}
      {failures.length > 0 ? (
        <div className="error photo-failures" role="alert" data-testid="photo-failures">
          <ul className="problem-list">
            {failures.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same message may come twice.
              <li key={i}>{f}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => setFailures([])}>
            {pt("dismiss")}
          </button>
        </div>
      ) : null}
      {error ? (
        <small id={errorId} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

function CameraIcon() {
  return (
    <svg
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" />
      <circle cx="12" cy="13.5" r="3.5" />
    </svg>
  );
}
