// Password login (online only). Used for the first login on a phone, for another account,
// and to come back after a 401 or a PIN lock-out (then school and login are prefilled).
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, api } from "../../api/api-client.ts";
import { accountStore } from "../../db/account-store.ts";
import { metaStore } from "../../db/meta-store.ts";
import { requestPersistence } from "../../pwa/storage-persistence.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { Field } from "../../ui/field.tsx";
import { t } from "../../ui/i18n.ts";
import { navigate, useLocation } from "../../ui/router.ts";

export function LoginPage({ hasOtherAccounts }: { hasOtherAccounts: boolean }) {
  const { search } = useLocation();
  const isRelogin = search.has("login");
  const [school, setSchool] = useState(search.get("school") ?? "");
  const [login, setLogin] = useState(search.get("login") ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  useDirtyForm(password !== "" || (!isRelogin && login !== ""));
  const demoCode = useDemoSchoolCode();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (isBusy) return;
    const missing = !school.trim()
      ? "schoolCode"
      : !login.trim()
        ? "loginName"
        : !password
          ? "password"
          : null;
    if (missing) {
      setError(t("required", { field: t(missing) }));
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      const { deviceId, deviceKey } = await metaStore.ensureDevice();
      const answer = await api.call("POST", "/auth/login", (w) => w.LoginResponse, {
        json: { school: school.trim(), login: login.trim(), password, deviceId, deviceKey },
      });
      const account = await accountStore.saveLogin(answer);
      await metaStore.unlockAs(account.userId);
      void requestPersistence();
      // The shell sees the new token and asks the sync engine to push and pull at once.
      setPassword("");
    } catch (caught) {
      setError(loginErrorText(caught, isRelogin));
      setIsBusy(false);
    }
  }

  return (
    <form className="page stack" onSubmit={submit} noValidate>
      <h1>{t("loginTitle")}</h1>
      <p className="muted">{isRelogin ? t("reloginIntro") : t("loginIntro")}</p>
      <Field
        label={t("schoolCode")}
        hint={demoCode ? t("schoolCodeHint", { code: demoCode }) : undefined}
        name="school"
        autoComplete="organization"
        autoCapitalize="none"
        spellCheck={false}
        value={school}
        onChange={(e) => setSchool(e.target.value)}
      />
      <Field
        label={t("loginName")}
        name="login"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={login}
        onChange={(e) => setLogin(e.target.value)}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus={isRelogin}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={isBusy}>
        {isBusy ? t("loggingIn") : t("loginButton")}
      </button>
      {hasOtherAccounts ? (
        <button type="button" className="button button-secondary" onClick={() => navigate("/")}>
          {t("back")}
        </button>
      ) : null}
    </form>
  );
}

/**
 * The demo school's code when this server has one (GET /auth/demo), so a real school's login
 * page never advertises a demo. Offline, the last answer seen on this phone.
 */
function useDemoSchoolCode(): string | null {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const cached = await metaStore.get("demoSchoolCode");
      if (isCurrent && cached) setCode(cached);
      try {
        const answer = await api.call("GET", "/auth/demo", (w) => w.DemoResponse);
        const fresh = answer.demo?.code ?? null;
        await metaStore.set("demoSchoolCode", fresh);
        if (isCurrent) setCode(fresh);
      } catch {
        // No answer: keep what was seen before.
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, []);
  return code;
}

function loginErrorText(caught: unknown, isRelogin: boolean): string {
  if (!(caught instanceof ApiError)) return t("errServer", { message: String(caught) });
  if (caught.isNetwork) return isRelogin ? t("errOfflineRelogin") : t("errOfflineFirstLogin");
  if (caught.code === "invalid_credentials") return t("errWrongCredentials");
  if (caught.code === "one_time_password_expired") return t("errOneTimePasswordExpired");
  if (caught.code === "rate_limited") {
    const minutes = Math.max(1, Math.ceil((caught.extra.retryAfterSeconds ?? 60) / 60));
    return t("errRateLimited", { n: minutes });
  }
  if (caught.code === "device_key_mismatch" || caught.code === "device_in_other_school")
    return t("errDeviceNotThisPhone");
  return t("errServer", { message: caught.message });
}
