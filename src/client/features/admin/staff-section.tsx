// 教职工: the staff list (find by name, login or role) and the staff form — name, login, roles
// in the school's words, phone, enabled — saved offline. The account tools (end sessions,
// reset password) talk to the server directly and need a network.
import { useEffect, useMemo, useState } from "react";
import { ulid } from "ulidx";
import { ROLE_LABELS, ROLES, type Role } from "../../../domain/roles.ts";
import type { Staff } from "../../../protocol/reference.ts";
import { sessionApi } from "../../api/session-api.ts";
import type { OneTimePassword } from "../../api/wire.ts";
import { type AccountRow, db } from "../../db/db.ts";
import type { Entry } from "../../db/reference-view.ts";
import { tokenVault } from "../../db/token-vault.ts";
import { et, roleLabels } from "../../ui/entity-text.ts";
import { getLang, t } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import {
  AdminHeader,
  CheckField,
  EditForm,
  Loading,
  matches,
  RecordPage,
  RecordRow,
  SearchField,
  type SectionProps,
  TextField,
  useEntries,
  useRecordForm,
} from "./admin-ui.tsx";
import { validateStaff } from "./admin-validate.ts";
import { errorText } from "./import-section.tsx";

const LIST = "/admin/staff";
const collator = new Intl.Collator("zh-CN", { numeric: true });
let lastSearch = "";

export function StaffSection({ account, canEdit, id }: SectionProps) {
  const staff = useEntries(account.schoolId, "staff");
  if (staff === undefined) return <Loading />;
  if (id === undefined) return <StaffList staff={staff} canEdit={canEdit} />;
  const entry = id === "new" ? undefined : staff.find((s) => s.entity.id === id);
  return (
    <RecordPage
      title={entry ? entry.entity.name : ad("newStaff")}
      backTo={LIST}
      isMissing={id !== "new" && !entry}
    >
      <StaffForm account={account} canEdit={canEdit} entry={entry} all={staff} />
      {canEdit && entry ? <AccountTools account={account} person={entry} /> : null}
    </RecordPage>
  );
}

function StaffList({ staff, canEdit }: { staff: Entry<Staff>[]; canEdit: boolean }) {
  const [search, setSearch] = useState(lastSearch);
  lastSearch = search;
  const needle = search.trim();
  const shown = useMemo(
    () =>
      staff
        .filter(({ entity: s }) => matches(needle, s.name, s.login, roleLabels(s.roles)))
        .sort((a, b) => collator.compare(a.entity.name, b.entity.name)),
    [staff, needle],
  );
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionStaff")} backTo="/admin" />
      {canEdit ? (
        <button type="button" className="button" onClick={() => navigate(`${LIST}/new`)}>
          + {ad("newStaff")}
        </button>
      ) : null}
      <SearchField label={ad("staffSearch")} value={search} onChange={setSearch} />
      <p className="muted small">{ad("countOf", { n: shown.length })}</p>
      <ul className="record-list">
        {shown.map(({ entity: s, hasPendingChanges }) => (
          <RecordRow
            key={s.id}
            to={`${LIST}/${s.id}`}
            title={s.name}
            detail={`${s.login} · ${roleLabels(s.roles)}`}
            isPending={hasPendingChanges}
            tags={s.isActive ? null : <span className="tag tag-muted">{ad("disabledTag")}</span>}
          />
        ))}
      </ul>
      {shown.length === 0 ? <p className="muted">{ad("nothingFound")}</p> : null}
    </div>
  );
}

function StaffForm({
  account,
  canEdit,
  entry,
  all,
}: {
  account: AccountRow;
  canEdit: boolean;
  entry: Entry<Staff> | undefined;
  all: Entry<Staff>[];
}) {
  const initial = entry?.entity;
  const [name, setName] = useState(initial?.name ?? "");
  const [login, setLogin] = useState(initial?.login ?? "");
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? []);
  const [phone, setPhone] = useState(initial?.phone ?? "");
  const [isActive, setIsActive] = useState(initial?.isActive ?? true);
  const [id] = useState(() => initial?.id ?? (ulid() as Staff["id"]));

  const build = (): Staff => ({
    id,
    name: name.trim(),
    login: login.trim(),
    // Keep the roles in the school's order, whatever order they were ticked in.
    roles: ROLES.filter((r) => roles.includes(r)),
    phone: phone.trim() ? phone.trim() : null,
    isActive,
  });
  const { problems, formProps } = useRecordForm({
    account,
    entityType: "staff",
    build,
    validate: () => validateStaff(build(), { all: all.map((e) => e.entity), selfId: account.userId }),
    canEdit,
    backTo: LIST,
    entry,
  });
  const toggleRole = (role: Role, isOn: boolean) =>
    setRoles((current) => (isOn ? [...current, role] : current.filter((r) => r !== role)));
  const rolesProblem = problems.find((p) => p.field === "roles");

  return (
    <EditForm {...formProps}>
      <TextField label={et("fieldName")} name="name" problems={problems} value={name} onValue={setName} />
      <TextField
        label={et("fieldLogin")}
        hint={ad("loginHint")}
        name="login"
        problems={problems}
        value={login}
        onValue={setLogin}
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
      />
      <fieldset className={rolesProblem ? "field role-picker has-problem" : "field role-picker"}>
        <legend>{ad("rolesLegend")}</legend>
        <div className="chip-grid">
          {ROLES.map((role, index) => (
            <label key={role} className={roles.includes(role) ? "chip is-on" : "chip"}>
              <input
                type="checkbox"
                name={index === 0 ? "roles" : `roles-${role}`}
                checked={roles.includes(role)}
                onChange={(event) => toggleRole(role, event.target.checked)}
              />
              {ROLE_LABELS[role][getLang()]}
            </label>
          ))}
        </div>
        {rolesProblem ? <small className="field-error">{rolesProblem.message}</small> : null}
      </fieldset>
      <TextField
        label={et("fieldPhone")}
        hint={ad("phoneHint")}
        name="phone"
        problems={problems}
        value={phone}
        onValue={setPhone}
        type="tel"
        inputMode="tel"
      />
      <CheckField
        label={ad("activeLabel")}
        name="isActive"
        problems={problems}
        checked={isActive}
        onChecked={setIsActive}
      />
      {initial ? null : <p className="hint">{ad("newStaffHint")}</p>}
    </EditForm>
  );
}

/** End sessions and reset the password: online calls, for accounts the server already has. */
function AccountTools({ account, person }: { account: AccountRow; person: Entry<Staff> }) {
  const [sessions, setSessions] = useState<number | null>(null);
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [password, setPassword] = useState<OneTimePassword | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const staffId = person.entity.id;
  const isKnownToServer = person.serverVersion !== null;
  const isSelf = staffId === account.userId;

  const sessionToken = tokenVault(db).get(account.userId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload per person and session, not per row touch
  useEffect(() => {
    if (!isKnownToServer) return;
    let isCurrent = true;
    sessionApi
      .call(account, "GET", "/admin/staff", (w) => w.AdminStaffList)
      .then((answer) => {
        if (isCurrent) setSessions(answer.staff.find((s) => s.id === staffId)?.activeSessions ?? 0);
      })
      .catch((caught: unknown) => {
        if (isCurrent) setMessage({ isError: true, text: errorText(caught) });
      });
    return () => {
      isCurrent = false;
    };
  }, [staffId, isKnownToServer, sessionToken]);

  async function act(run: () => Promise<void>) {
    setIsBusy(true);
    setMessage(null);
    setPassword(null);
    try {
      await run();
    } catch (caught) {
      setMessage({ isError: true, text: errorText(caught) });
    }
    setIsBusy(false);
  }
  const path = (action: string) => `/admin/staff/${encodeURIComponent(staffId)}/${action}`;

  return (
    <section className="card stack-small" aria-labelledby="tools-title">
      <h2 id="tools-title" className="eyebrow">
        {ad("toolsTitle")}
      </h2>
      {!isKnownToServer ? (
        <p className="muted">{ad("toolsNotSynced")}</p>
      ) : (
        <>
          <p className="muted">{sessions === null ? t("loading") : t("activeSessions", { n: sessions })}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={isBusy || !sessions}
              onClick={() =>
                void act(async () => {
                  const answer = await sessionApi.call(
                    account,
                    "POST",
                    path("end-sessions"),
                    (w) => w.EndSessionsAnswer,
                  );
                  setSessions(0);
                  setMessage({
                    isError: false,
                    text: t("sessionsEnded", { n: answer.ended, name: person.entity.name }),
                  });
                })
              }
            >
              {t("endSessions")}
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={isBusy || isSelf}
              onClick={() =>
                void act(async () => {
                  setPassword(
                    await sessionApi.call(
                      account,
                      "POST",
                      path("reset-password"),
                      (w) => w.ResetPasswordAnswer,
                    ),
                  );
                  setSessions(0);
                })
              }
            >
              {t("resetPassword")}
            </button>
          </div>
        </>
      )}
      {message ? (
        <p className={message.isError ? "error" : "ok-text"} role={message.isError ? "alert" : "status"}>
          {message.text}
        </p>
      ) : null}
      {password ? (
        <div className="otp" role="status">
          <p>{t("passwordReset", { name: password.name, login: password.login })}</p>
          <p className="otp-value mono">{password.password}</p>
        </div>
      ) : null}
    </section>
  );
}
