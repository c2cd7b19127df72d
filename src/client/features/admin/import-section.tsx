// 导入名单 (admin, online only): CSV import of staff, classes and pupils with the server's
// refusal table. Offline edits of single records are on the other admin pages.
import { type FormEvent, useRef, useState } from "react";
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportProblem,
  type ImportResult,
} from "../../../protocol/csv-import.ts";
import { ApiError } from "../../api/api-client.ts";
import { sessionApi } from "../../api/session-api.ts";
import type { AccountRow } from "../../db/db.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { type MessageKey, t } from "../../ui/i18n.ts";
import { ad } from "./admin-text.ts";
import { AdminHeader } from "./admin-ui.tsx";

const KIND_LABELS: Record<ImportKind, MessageKey> = {
  staff: "kindStaff",
  classes: "kindClasses",
  pupils: "kindPupils",
};

export function errorText(caught: unknown): string {
  if (caught instanceof ApiError) return caught.isNetwork ? t("errNetwork") : caught.message;
  return String(caught);
}

export function ImportSection({ account }: { account: AccountRow }) {
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionImport")} backTo="/admin" />
      <ImportCard account={account} />
    </div>
  );
}

type ImportOutcome =
  | { kind: "done"; result: ImportResult }
  | { kind: "refused"; message: string; problems: ImportProblem[] }
  | { kind: "error"; message: string };

function ImportCard({ account }: { account: AccountRow }) {
  const [kind, setKind] = useState<ImportKind>("staff");
  const [file, setFile] = useState<File | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useDirtyForm(file !== null);

  async function downloadTemplate() {
    setOutcome(null);
    try {
      const blob = await sessionApi.download(account, `/admin/import/${kind}/template`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${kind}-template.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setOutcome({ kind: "error", message: errorText(caught) });
    }
  }

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file || isBusy) return;
    setIsBusy(true);
    setOutcome(null);
    try {
      const result = await sessionApi.call(account, "POST", `/admin/import/${kind}`, (w) => w.ImportResult, {
        body: { data: file, contentType: "text/csv" },
      });
      setOutcome({ kind: "done", result });
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
    } catch (caught) {
      if (caught instanceof ApiError && caught.extra.problems) {
        setOutcome({ kind: "refused", message: caught.message, problems: caught.extra.problems });
      } else {
        setOutcome({ kind: "error", message: errorText(caught) });
      }
    }
    setIsBusy(false);
  }

  return (
    <form className="card stack-small" onSubmit={upload} aria-labelledby="import-title">
      <h2 id="import-title" className="eyebrow">
        {t("importTitle")}
      </h2>
      <p className="muted">{t("importIntro")}</p>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t("importTitle")}</legend>
        {IMPORT_KINDS.map((k) => (
          <label key={k} className={k === kind ? "segment is-selected" : "segment"}>
            <input
              type="radio"
              name="kind"
              value={k}
              checked={k === kind}
              onChange={() => {
                setKind(k);
                setOutcome(null);
              }}
            />
            {t(KIND_LABELS[k])}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button button-secondary" onClick={downloadTemplate}>
        {t("downloadTemplate")} · {t(KIND_LABELS[kind])}
      </button>
      <label className="button button-secondary file-pick">
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          className="visually-hidden"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setOutcome(null);
          }}
        />
        <span className="file-name">{file ? file.name : t("chooseFile")}</span>
      </label>
      <button type="submit" className="button" disabled={!file || isBusy}>
        {isBusy ? t("uploading") : t("upload")}
      </button>
      {outcome ? <ImportOutcomeView outcome={outcome} /> : null}
    </form>
  );
}

function ImportOutcomeView({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.kind === "error") {
    return (
      <p className="error" role="alert">
        {outcome.message}
      </p>
    );
  }
  if (outcome.kind === "refused") {
    return (
      <div className="stack-small" role="alert">
        <p className="error">{t("importRefused")}</p>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t("colLine")}</th>
                <th>{t("colColumn")}</th>
                <th>{t("colReason")}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.problems.map((p) => (
                <tr key={`${p.line}:${p.column}:${p.reason}`}>
                  <td>{p.line}</td>
                  <td>{p.column}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  const { result } = outcome;
  return (
    <div className="stack-small" role="status">
      <p className="ok-text">{t("importDone", { created: result.created, updated: result.updated })}</p>
      {result.oneTimePasswords.length > 0 ? (
        <>
          <p>{t("oneTimePasswords")}</p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("colName")}</th>
                  <th>{t("colLogin")}</th>
                  <th>{t("colPassword")}</th>
                </tr>
              </thead>
              <tbody>
                {result.oneTimePasswords.map((p) => (
                  <tr key={p.login}>
                    <td>{p.name}</td>
                    <td className="mono">{p.login}</td>
                    <td className="mono">{p.password}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
