// 管理 (role admin, online only): CSV import of staff, classes and pupils with the server's
// refusal table, and the staff list with "end sessions" and "disable / enable".
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportProblem,
  type ImportResult,
} from "../../../protocol/csv-import.ts";
import { ApiError } from "../../api/api-client.ts";
import { sessionApi } from "../../api/session-api.ts";
import type { OneTimePassword, StaffWithSessions } from "../../api/wire.ts";
import type { AccountRow } from "../../db/db.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { Field } from "../../ui/field.tsx";
import { type MessageKey, rolesText, t } from "../../ui/i18n.ts";

const KIND_LABELS: Record<ImportKind, MessageKey> = {
  staff: "kindStaff",
  classes: "kindClasses",
  pupils: "kindPupils",
};

function errorText(caught: unknown): string {
  if (caught instanceof ApiError) return caught.isNetwork ? t("errNetwork") : caught.message;
  return String(caught);
}

export function AdminPage({ account }: { account: AccountRow }) {
  return (
    <div className="page stack">
      <h1>{t("adminTitle")}</h1>
      <p className="card muted">{t("adminNeedsNetwork")}</p>
      <ImportCard account={account} />
      <StaffCard account={account} />
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

function StaffCard({ account }: { account: AccountRow }) {
  const [staff, setStaff] = useState<StaffWithSessions[] | null>(null);
  const [message, setMessage] = useState<{ isError: boolean; text: string; personId?: string } | null>(null);
  const [oneTimePassword, setOneTimePassword] = useState<OneTimePassword | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  // The row object changes whenever the account row is touched; the list depends on the session only.
  const accountRef = useRef(account);
  accountRef.current = account;
  const needle = filter.trim().toLowerCase();
  const shown = (staff ?? []).filter(
    (p) =>
      !needle ||
      p.name.includes(needle) ||
      p.login.toLowerCase().includes(needle) ||
      rolesText(p.roles).toLowerCase().includes(needle),
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the session changes, not on every row touch
  const load = useCallback(async () => {
    try {
      const answer = await sessionApi.call(
        accountRef.current,
        "GET",
        "/admin/staff",
        (w) => w.AdminStaffList,
      );
      setStaff(answer.staff);
    } catch (caught) {
      setMessage({ isError: true, text: errorText(caught) });
    }
  }, [account.userId, account.token]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(person: StaffWithSessions, run: () => Promise<string | null>) {
    setBusyId(person.id);
    setMessage(null);
    setOneTimePassword(null);
    try {
      const text = await run();
      if (text) setMessage({ isError: false, text, personId: person.id });
      await load();
    } catch (caught) {
      setMessage({ isError: true, text: errorText(caught), personId: person.id });
    }
    setBusyId(null);
  }

  const staffPath = (person: StaffWithSessions, action: string) =>
    `/admin/staff/${encodeURIComponent(person.id)}/${action}`;

  const endSessions = (person: StaffWithSessions) =>
    act(person, async () => {
      const answer = await sessionApi.call(
        account,
        "POST",
        staffPath(person, "end-sessions"),
        (w) => w.EndSessionsAnswer,
      );
      return t("sessionsEnded", { n: answer.ended, name: person.name });
    });

  const resetPassword = (person: StaffWithSessions) =>
    act(person, async () => {
      const answer = await sessionApi.call(
        account,
        "POST",
        staffPath(person, "reset-password"),
        (w) => w.ResetPasswordAnswer,
      );
      setOneTimePassword(answer);
      return null;
    });

  const setActive = (person: StaffWithSessions, isActive: boolean) =>
    act(person, async () => {
      await sessionApi.callNoContent(account, "POST", staffPath(person, "active"), { json: { isActive } });
      return null;
    });

  return (
    <section className="card stack-small" aria-labelledby="staff-title">
      <div className="card-head">
        <h2 id="staff-title" className="eyebrow">
          {t("staffTitle")}
        </h2>
        <button type="button" className="chip-button" onClick={() => void load()}>
          {t("refresh")}
        </button>
      </div>
      {message && !message.personId ? <Feedback message={message} /> : null}
      {staff === null ? null : (
        <Field
          label={t("staffFilter")}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoCapitalize="none"
          spellCheck={false}
        />
      )}
      {staff === null ? null : (
        <ul className="staff-list">
          {shown.map((person) => {
            const isOpen = openId === person.id;
            const isSelf = person.id === account.userId;
            return (
              <li key={person.id} className={person.isActive ? "staff-row" : "staff-row is-disabled"}>
                <button
                  type="button"
                  className="staff-toggle"
                  aria-expanded={isOpen}
                  onClick={() => setOpenId(isOpen ? null : person.id)}
                >
                  <span className="staff-text">
                    <strong>{person.name}</strong>
                    <small>
                      <span className="login">{person.login}</span> · {rolesText(person.roles)} ·{" "}
                      {person.isActive ? t("activeSessions", { n: person.activeSessions }) : t("isDisabled")}
                    </small>
                  </span>
                  <span className="chevron" aria-hidden="true">
                    {isOpen ? "▴" : "▾"}
                  </span>
                </button>
                {isOpen ? (
                  <div className="staff-actions">
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      disabled={busyId !== null || person.activeSessions === 0}
                      onClick={() => void endSessions(person)}
                    >
                      {t("endSessions")}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      disabled={busyId !== null || isSelf}
                      onClick={() => void resetPassword(person)}
                    >
                      {t("resetPassword")}
                    </button>
                    <button
                      type="button"
                      className={
                        person.isActive ? "button button-small button-danger-outline" : "button button-small"
                      }
                      disabled={busyId !== null || isSelf}
                      onClick={() => void setActive(person, !person.isActive)}
                    >
                      {person.isActive ? t("disable") : t("enable")}
                    </button>
                  </div>
                ) : null}
                {isOpen && message?.personId === person.id ? <Feedback message={message} /> : null}
                {isOpen && oneTimePassword?.login === person.login ? (
                  <div className="otp" role="status">
                    <p>{t("passwordReset", { name: oneTimePassword.name, login: oneTimePassword.login })}</p>
                    <p className="otp-value mono">{oneTimePassword.password}</p>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Feedback({ message }: { message: { isError: boolean; text: string } }) {
  return (
    <p className={message.isError ? "error" : "ok-text"} role={message.isError ? "alert" : "status"}>
      {message.text}
    </p>
  );
}
