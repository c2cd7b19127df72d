// Right after the first password login on this phone: choose the PIN that unlocks offline.
import { useState } from "react";
import { accountStore } from "../../db/account-store.ts";
import type { AccountRow } from "../../db/db.ts";
import { isValidPin } from "../../db/pin.ts";
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
    if (!isValidPin(pin)) {
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
    await accountStore.setPin(account.userId, pin);
  }

  return (
    <section className="page stack">
      <h1>{t("setPinTitle")}</h1>
      <p className="muted">
        {account.name} · {t("setPinIntro")}
      </p>
      <p className="pin-prompt" aria-live="polite">
        {first === null ? t("pinFirst") : t("pinRepeat")}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <PinPad resetKey={attempt} isBusy={isBusy} onSubmit={submit} />
    </section>
  );
}
