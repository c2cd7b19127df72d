// A big-button PIN pad for one thumb: 3×4 grid, each key at least 64 px tall. With a known
// length it submits on the last digit, so unlocking is "tap account, type PIN".
import { useEffect, useState } from "react";
import { t } from "./i18n.ts";

export interface PinPadProps {
  /** Submit automatically after this many digits; without it an OK key is shown. */
  length?: number;
  maxLength?: number;
  minLength?: number;
  isBusy?: boolean;
  /** Changing this key clears the entered digits (e.g. after a wrong PIN). */
  resetKey?: number | string;
  onSubmit(pin: string): void;
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

export function PinPad({
  length,
  maxLength = 6,
  minLength = 4,
  isBusy = false,
  resetKey,
  onSubmit,
}: PinPadProps) {
  const [pin, setPin] = useState("");
  const max = length ?? maxLength;

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger itself
  useEffect(() => setPin(""), [resetKey]);

  function press(digit: string) {
    if (isBusy || pin.length >= max) return;
    const next = pin + digit;
    setPin(next);
    if (length !== undefined && next.length === length) onSubmit(next);
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.target instanceof HTMLInputElement) return;
      if (/^\d$/.test(event.key)) press(event.key);
      else if (event.key === "Backspace") setPin((p) => p.slice(0, -1));
      else if (event.key === "Enter" && length === undefined && pin.length >= minLength) onSubmit(pin);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="pin">
      <output className="pin-dots" aria-live="polite" aria-label={t("pinDigits", { n: pin.length })}>
        {Array.from({ length: max }, (_, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: the dots are positions, not items
            key={i}
            className={
              i < pin.length
                ? "pin-dot is-filled"
                : length === undefined && i >= minLength
                  ? "pin-dot is-optional"
                  : "pin-dot"
            }
          />
        ))}
      </output>
      <div className="pin-keys">
        {KEYS.map((digit) => (
          <button
            key={digit}
            type="button"
            className="pin-key"
            disabled={isBusy}
            onClick={() => press(digit)}
          >
            {digit}
          </button>
        ))}
        <button
          type="button"
          className="pin-key pin-key-side"
          disabled={isBusy || pin.length === 0}
          onClick={() => setPin((p) => p.slice(0, -1))}
          aria-label={t("pinDelete")}
        >
          ⌫
        </button>
        <button type="button" className="pin-key" disabled={isBusy} onClick={() => press("0")}>
          0
        </button>
        {length === undefined ? (
          <button
            type="button"
            className="pin-key pin-key-side pin-key-ok"
            disabled={isBusy || pin.length < minLength}
            onClick={() => onSubmit(pin)}
          >
            {t("confirm")}
          </button>
        ) : (
          <span aria-hidden="true" />
        )}
      </div>
    </div>
  );
}
