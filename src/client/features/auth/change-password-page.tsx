// A new account's one-time password must be replaced before anything else (online only).
import { type FormEvent, useState } from "react";
import { MIN_PASSWORD_LENGTH } from "../../../protocol/auth.ts";
import { ApiError } from "../../api/api-client.ts";
import { sessionApi } from "../../api/session-api.ts";
import { accountStore } from "../../db/account-store.ts";
import type { AccountRow } from "../../db/db.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { Field } from "../../ui/field.tsx";
import { t } from "../../ui/i18n.ts";

export function ChangePasswordPage({ account }: { account: AccountRow }) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  useDirtyForm(currentPassword !== "" || newPassword !== "" || repeat !== "");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (isBusy) return;
    if (!currentPassword) return setError(t("required", { field: t("currentPassword") }));
    if (newPassword.length < MIN_PASSWORD_LENGTH) return setError(t("errPasswordTooShort"));
    if (newPassword !== repeat) return setError(t("errPasswordMismatch"));
    if (newPassword === currentPassword) return setError(t("errPasswordSameAsOld"));
    setIsBusy(true);
    setError(null);
    try {
      await sessionApi.callNoContent(account, "POST", "/auth/password", {
        json: { currentPassword, newPassword },
      });
      setCurrentPassword("");
      setNewPassword("");
      setRepeat("");
      await accountStore.passwordChanged(account.userId);
    } catch (caught) {
      setIsBusy(false);
      if (!(caught instanceof ApiError)) return setError(t("errServer", { message: String(caught) }));
      if (caught.isNetwork) return setError(t("errOfflinePassword"));
      if (caught.code === "invalid_credentials" || caught.extra.field === "currentPassword") {
        return setError(t("errWrongCurrentPassword"));
      }
      if (caught.code === "rate_limited") {
        const minutes = Math.max(1, Math.ceil((caught.extra.retryAfterSeconds ?? 60) / 60));
        return setError(t("errRateLimited", { n: minutes }));
      }
      // The server's password rule (src/server/auth/password-policy.ts), in the phone's language.
      if (caught.code === "password_too_guessable") return setError(t("errPasswordTooGuessable"));
      if (caught.code === "password_contains_account") return setError(t("errPasswordContainsAccount"));
      setError(t("errServer", { message: caught.message }));
    }
  }

  return (
    <form className="page stack" onSubmit={submit} noValidate>
      <h1>{t("changePasswordTitle")}</h1>
      <p className="muted">
        {account.name} · {t("changePasswordIntro")}
      </p>
      {/* For password managers: which account this new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={account.login} readOnly hidden />
      <Field
        label={t("currentPassword")}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
      />
      <Field
        label={t("newPassword")}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
      />
      <Field
        label={t("repeatNewPassword")}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={isBusy}>
        {isBusy ? t("saving") : t("save")}
      </button>
    </form>
  );
}
