// Right after a password login on this phone: choose the PIN that unlocks offline and seals the
// session token (db/token-seal.ts). Six digits, typed twice; the pad submits on the sixth. Until the
// PIN is set the token is in memory only (db/token-vault.ts), as the page says in one line.
import { useState } from "react";
import { accountStore } from "../../db/account-store.ts";
import type { AccountRow } from "../../db/db.ts";
import { isNewPin, NEW_PIN_LENGTH } from "../../db/pin.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { t } from "../../ui/i18n.ts";
import { PinPad } from "../../ui/pin-pad.tsx";

export function SetPinPage({ account }: { account: AccountRow }) {
  const [first, setFirst] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  useDirtyForm(first !== null);

  async function submit(pin: string) {
    if (!isNewPin(pin)) {
      setError(t("pinTooShort"));
      return;
    }
    if (first === null) {
      setFirst(pin);
      setError(null);
      setAttempt((n) => n + 1);
      return;
    }
    if (pin !== first) {
      setFirst(null);
      setError(t("pinMismatch"));
      setAttempt((n) => n + 1);
      return;
    }
    setIsBusy(true);
    try {
      await accountStore.setPin(account.userId, pin);
    } catch {
      // The token is no longer open on this page: only the password brings the session back.
      setIsBusy(false);
      setFirst(null);
      setAttempt((n) => n + 1);
      setError(t("pinSessionGone"));
    }
  }

  return (
    <section className="page stack">
      <h1>{t("setPinTitle")}</h1>
      <p className="muted">
        {account.name} · {t("setPinIntro")}
      </p>
      <small className="hint">{t("setPinUnsaved")}</small>
      <p className="pin-prompt" aria-live="polite">
        {first === null ? t("pinFirst") : t("pinRepeat")}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <PinPad length={NEW_PIN_LENGTH} resetKey={attempt} isBusy={isBusy} onSubmit={submit} />
    </section>
  );
}
