// "已找到" under an unaccounted-pupil alert (SPEC §3: the alert stays open until someone records
// where and when the pupil was found, and cannot be dismissed without that; CU-2). Both are
// required; when defaults to now. Saved offline as alert.found: the banner closes on this phone
// at once, and on the others once it syncs. Its own chunk: the banner stays light.
import { useState } from "react";
import { db } from "../../db/db.ts";
import { markFound } from "../../db/handover-edits.ts";
import { FieldFrame, FormProblems } from "../../ui/form-parts.tsx";
import { t } from "../../ui/i18n.ts";
import { bt } from "./boarders-text.ts";
import "./boarders.css";

/** "2026-12-02T18:05" for a datetime-local input, in the phone's own time. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface FoundProblem {
  field: "where" | "at";
  message: string;
}

/** Where and when are both required; when cannot be later than now (a few minutes' slack). */
export function foundProblems(where: string, at: string, now: number): FoundProblem[] {
  const problems: FoundProblem[] = [];
  if (!where.trim()) problems.push({ field: "where", message: bt("errWhere") });
  const ms = at ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms)) problems.push({ field: "at", message: bt("errWhen") });
  else if (ms > now + 5 * 60_000)
    problems.push({ field: "at", message: bt("errWhenFuture", { time: at.replace("T", " ") }) });
  return problems;
}

export function FoundForm({
  alertId,
  pupilName,
  actor,
  onClose,
}: {
  alertId: string;
  pupilName: string;
  actor: { actorUserId: string; schoolId: string };
  onClose: () => void;
}) {
  const [where, setWhere] = useState("");
  const [at, setAt] = useState(() => localInputValue(Date.now()));
  const [tried, setTried] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = foundProblems(where, at, Date.now());
  const shown = tried ? problems : [];
  const problemOf = (field: FoundProblem["field"]) => shown.find((p) => p.field === field)?.message;

  const save = async () => {
    setTried(true);
    setSaveError(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await markFound(db, actor, {
        alertId,
        where: where.trim(),
        at: new Date(Date.parse(at)).toISOString(),
      });
      onClose();
    } catch (error) {
      setSaveError(bt("errSave", { message: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  return (
    <form
      className="found-form"
      data-testid="found-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <strong>{bt("foundTitle", { name: pupilName })}</strong>
      <FieldFrame label={bt("foundWhere")} problem={problemOf("where")}>
        {(control) => (
          <input
            {...control}
            name="where"
            className="input"
            maxLength={200}
            placeholder={bt("foundWherePlaceholder")}
            value={where}
            onChange={(event) => setWhere(event.target.value)}
          />
        )}
      </FieldFrame>
      <FieldFrame label={bt("foundWhen")} problem={problemOf("at")}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            name="at"
            className="input"
            value={at}
            onChange={(event) => setAt(event.target.value)}
          />
        )}
      </FieldFrame>
      <FormProblems notes={[saveError]} />
      <div className="button-row">
        <button type="submit" className="button button-danger" disabled={busy} data-testid="found-save">
          {bt("foundSave")}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
