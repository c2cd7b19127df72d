// 本机: what this phone holds and whether it is safe — unsent and refused work, persistent
// storage, space used, app version, device id, the last server contact — plus language and logout.
import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ApiError, api, serverContact } from "../../api/api-client.ts";
import { sessionApi } from "../../api/session-api.ts";
import { accountStore } from "../../db/account-store.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { metaStore } from "../../db/meta-store.ts";
import { countUnsent, listNeedsAttention } from "../../db/mutation-store.ts";
import { estimateStorage, requestPersistence, type StorageUse } from "../../pwa/storage-persistence.ts";
import { shortDeviceId } from "../../ui/device-label.ts";
import { formatBytes, formatMoment, rolesText, t } from "../../ui/i18n.ts";
import { LangSwitch } from "../../ui/lang-switch.tsx";
import { navigate } from "../../ui/router.ts";

export function PhonePage({ account }: { account: AccountRow }) {
  const deviceId = useLiveQuery(() => metaStore.get("deviceId"), []);
  const persisted = useLiveQuery(() => metaStore.get("storagePersisted"), []);
  const contact = useSyncExternalStore(serverContact.subscribe, serverContact.get);
  const work = useLiveQuery(async () => {
    const [unsent, refused] = await Promise.all([
      countUnsent(db, account.userId),
      listNeedsAttention(db, account.userId),
    ]);
    return { unsent, attention: refused.length };
  }, [account.userId]);
  const [storage, setStorage] = useState<StorageUse | undefined | null>(null);
  const [isAsking, setIsAsking] = useState(false);
  const [isChecking, setIsChecking] = useState(false);
  const [isConfirmingLogout, setIsConfirmingLogout] = useState(false);
  const [isLoggingOut, setIsLoggingOut] = useState(false);
  const isPersistSupported = typeof navigator.storage?.persist === "function";

  useEffect(() => {
    void estimateStorage().then(setStorage);
  }, []);

  async function askPersistence() {
    setIsAsking(true);
    await requestPersistence();
    setStorage(await estimateStorage());
    setIsAsking(false);
  }

  async function checkServer() {
    setIsChecking(true);
    try {
      await sessionApi.me(account);
    } catch {
      // The contact line shows the outcome.
    }
    setIsChecking(false);
  }

  async function logout() {
    setIsLoggingOut(true);
    // With work unsent, the session stays open on the server until the sync engine has sent
    // that work as this person; then it ends it (SYNC S7).
    const { endedToken } = await accountStore.logout(account.userId);
    if (endedToken) {
      try {
        await api.callNoContent("POST", "/auth/logout", { token: endedToken });
      } catch (caught) {
        // Offline or already ended: the server forgets the session when it expires or when
        // an admin ends it; locally it is forgotten either way.
        if (!(caught instanceof ApiError)) throw caught;
      }
    }
  }

  const persistText = !isPersistSupported
    ? t("persistUnsupported")
    : persisted === true
      ? t("persistGranted")
      : persisted === false
        ? t("persistDenied")
        : t("persistUnknown");

  return (
    <div className="page stack">
      <h1>{t("phoneTitle")}</h1>

      <section className="card stack-small" aria-labelledby="sync-title">
        <h2 id="sync-title" className="eyebrow">
          {t("syncTitle")}
        </h2>
        <dl className="facts">
          <dt>{t("syncTitle")}</dt>
          <dd className={work?.unsent ? "warn-text" : "ok-text"} data-testid="phone-unsent">
            {work === undefined
              ? t("loading")
              : work.unsent > 0
                ? t("syncPending", { n: work.unsent })
                : t("syncAllSent")}
          </dd>
          <dt>{t("attentionTitle")}</dt>
          <dd className={work?.attention ? "warn-text" : undefined}>
            {work?.attention ? t("syncAttention", { n: work.attention }) : t("attentionNone")}
          </dd>
        </dl>
        <button
          type="button"
          className={work?.attention ? "button" : "button button-secondary"}
          onClick={() => navigate("/attention")}
        >
          {t("attentionOpen", { n: work?.attention ?? 0 })}
        </button>
      </section>

      <section className="card stack-small" aria-labelledby="storage-title">
        <h2 id="storage-title" className="eyebrow">
          {t("storageTitle")}
        </h2>
        <dl className="facts">
          <dt>{t("persistence")}</dt>
          <dd className={persisted === true ? "ok-text" : "warn-text"}>{persistText}</dd>
          <dt>{t("storageTitle")}</dt>
          <dd>
            {storage
              ? t("storageUsed", {
                  used: formatBytes(storage.usageBytes),
                  quota: formatBytes(storage.quotaBytes),
                })
              : storage === undefined
                ? t("storageUnknown")
                : t("loading")}
          </dd>
        </dl>
        {isPersistSupported && persisted !== true ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={isAsking}
            onClick={askPersistence}
          >
            {t("askAgain")}
          </button>
        ) : null}
      </section>

      <section className="card stack-small" aria-labelledby="about-title">
        <h2 id="about-title" className="eyebrow">
          {t("phoneTitle")}
        </h2>
        <dl className="facts">
          <dt>{t("signedInAs")}</dt>
          <dd>
            {account.name} · {account.login}
            <br />
            <small className="muted">
              {rolesText(account.roles)} · {account.schoolName}
            </small>
          </dd>
          <dt>{t("serverContact")}</dt>
          <dd className={contact.isReachable === false ? "warn-text" : undefined}>
            {contact.at === null
              ? t("contactNever")
              : contact.isReachable
                ? t("contactOk", { time: formatMoment(contact.at) })
                : t("contactFailed", { time: formatMoment(contact.at) })}
          </dd>
          <dt>{t("appVersion")}</dt>
          <dd>{__APP_VERSION__}</dd>
          <dt>{t("deviceId")}</dt>
          <dd className="mono">{deviceId ? shortDeviceId(deviceId) : "—"}</dd>
        </dl>
        <button type="button" className="button button-secondary" disabled={isChecking} onClick={checkServer}>
          {t("checkNow")}
        </button>
      </section>

      <section className="card stack-small" aria-labelledby="lang-title">
        <h2 id="lang-title" className="eyebrow">
          {t("language")}
        </h2>
        <LangSwitch isLong />
      </section>

      <section className="card stack-small" aria-labelledby="logout-title">
        <h2 id="logout-title" className="eyebrow">
          {t("logout")}
        </h2>
        <p className="muted">{t("logoutExplain")}</p>
        {work?.unsent ? <p className="warn-text">{t("logoutUnsent", { n: work.unsent })}</p> : null}
        {isConfirmingLogout ? (
          <div className="button-row">
            <button type="button" className="button button-danger" disabled={isLoggingOut} onClick={logout}>
              {isLoggingOut ? t("loggingOut") : t("logoutConfirm")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={isLoggingOut}
              onClick={() => setIsConfirmingLogout(false)}
            >
              {t("cancel")}
            </button>
          </div>
        ) : (
          <button type="button" className="button button-danger" onClick={() => setIsConfirmingLogout(true)}>
            {t("logout")}
          </button>
        )}
      </section>
    </div>
  );
}
