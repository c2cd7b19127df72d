// The lock screen: the accounts on this phone, most recent first. Tap one, type the PIN:
// "two taps plus PIN" to switch user, offline too. Accounts without a usable PIN go to the
// password login, prefilled.
import { useEffect, useState } from "react";
import { accountStore, canUnlockWithPin, unlockList } from "../../db/account-store.ts";
import type { AccountRow } from "../../db/db.ts";
import { metaStore } from "../../db/meta-store.ts";
import { rolesText, t } from "../../ui/i18n.ts";
import { PinPad } from "../../ui/pin-pad.tsx";
import { navigate } from "../../ui/router.ts";

export function LockPage({
  accounts,
  idleLockedUserId,
}: {
  accounts: readonly AccountRow[];
  idleLockedUserId: string | null;
}) {
  const choices = unlockList(accounts);
  const [selectedUserId, setSelectedUserId] = useState<string | null>(idleLockedUserId);
  // The lock can arrive after this screen: a reload shows it for the session read before the
  // start-up lock (app.tsx), which then names the same person.
  useEffect(() => {
    if (idleLockedUserId) setSelectedUserId(idleLockedUserId);
  }, [idleLockedUserId]);
  const [notice, setNotice] = useState<string | null>(null);
  const chosen = choices.find((a) => a.userId === selectedUserId && canUnlockWithPin(a));

  function choose(account: AccountRow) {
    setNotice(null);
    if (canUnlockWithPin(account)) setSelectedUserId(account.userId);
    else
      navigate(
        `/login?school=${encodeURIComponent(account.schoolCode)}&login=${encodeURIComponent(account.login)}`,
      );
  }

  if (chosen) {
    return (
      <PinEntry
        key={chosen.userId}
        account={chosen}
        wasIdle={chosen.userId === idleLockedUserId}
        onBack={() => setSelectedUserId(null)}
        onLockedOut={() => {
          setNotice(t("pinLockedOut"));
          setSelectedUserId(null);
        }}
      />
    );
  }

  return (
    <section className="page stack">
      <h1>{t("lockTitle")}</h1>
      <p className="muted">{t("lockIntro")}</p>
      {notice ? (
        <p className="error" role="alert">
          {notice}
        </p>
      ) : null}
      <ul className="account-list">
        {choices.map((account) => (
          <li key={account.userId}>
            <button type="button" className="account-button" onClick={() => choose(account)}>
              <span className="avatar" aria-hidden="true">
                {account.name.slice(-2)}
              </span>
              <span className="account-text">
                <strong>{account.name}</strong>
                <small>{rolesText(account.roles)}</small>
                {canUnlockWithPin(account) ? null : <small className="warn-text">{t("needsPassword")}</small>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary" onClick={() => navigate("/login")}>
        {t("loginWithOther")}
      </button>
    </section>
  );
}

function PinEntry({
  account,
  wasIdle,
  onBack,
  onLockedOut,
}: {
  account: AccountRow;
  wasIdle: boolean;
  onBack(): void;
  onLockedOut(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(pin: string) {
    setIsBusy(true);
    const result = await accountStore.checkPin(account.userId, pin);
    if (result.ok) {
      // The shell sees the unlocked session and leaves the lock screen by itself.
      await metaStore.unlockAs(account.userId);
      return;
    }
    setIsBusy(false);
    setAttempt((n) => n + 1);
    if (result.isLockedOut) onLockedOut();
    else setError(t("wrongPin", { n: result.triesLeft }));
  }

  return (
    <section className="page stack">
      <div className="who">
        <span className="avatar avatar-large" aria-hidden="true">
          {account.name.slice(-2)}
        </span>
        <div>
          <h1>{t("enterPinFor", { name: account.name })}</h1>
          <small className="muted">{rolesText(account.roles)}</small>
        </div>
      </div>
      <p className={error ? "error" : "pin-prompt"} role={error ? "alert" : undefined}>
        {isBusy ? t("checkingPin") : (error ?? (wasIdle ? t("autoLocked") : "\u00a0"))}
      </p>
      <PinPad length={account.pinLength ?? 4} resetKey={attempt} isBusy={isBusy} onSubmit={submit} />
      <button type="button" className="button button-secondary" onClick={onBack}>
        {t("otherAccounts")}
      </button>
    </section>
  );
}
