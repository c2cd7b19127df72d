// The prompt shown when a round or a roll call is saved outside its window (rounds.ts RD-7,
// roll-call-windows.ts RW-3): it says which window, what saving now means, and asks for the
// reason the server will ask for too — one tap on a quick reason, or a few words. Nothing typed
// in the page behind it is touched: "not now" goes back to it as it was.
import { useState } from "react";
import { HANDOVER_LABELS, type HandoverKind } from "../../domain/handover.ts";
import { rollCallTiming, rollCallWindowOn } from "../../domain/roll-call-windows.ts";
import {
  type RoundKind,
  roundTiming,
  roundWindowOn,
  WINDOW_REASON_MAX,
  type WindowTiming,
} from "../../domain/rounds.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../domain/school-settings.ts";
import { formatClock, inLang } from "./i18n.ts";
import "./outside-window.css";
import { roundLabel } from "./safety-text.ts";
import { ROLL_CALL_CHIPS, ROUND_CHIPS, wt } from "./window-text.ts";

export interface OutsideWindowAsk {
  /** The round or roll call, in the reader's language ("午查", "Dismissal hand-over"). */
  what: string;
  timing: Exclude<WindowTiming, "in_window">;
  window: { start: Date; end: Date };
  /** A line on what saving now does to the record (early rounds, late rounds), if any. */
  note?: string | undefined;
  chips: "rollCall" | "round";
}

/** RW-3: what to ask when a roll call is given at `at`; null inside its window. */
export function rollCallAsk(
  settings: EffectiveSettings,
  date: LocalDate,
  kind: HandoverKind,
  at: Date,
): OutsideWindowAsk | null {
  const timing = rollCallTiming(settings, date, kind, at);
  if (timing === "in_window") return null;
  return {
    what: inLang(HANDOVER_LABELS[kind]),
    timing,
    window: rollCallWindowOn(settings, date, kind),
    chips: "rollCall",
  };
}

/** RD-5..7: what to ask when a round is recorded at `at`; null inside its window. */
export function roundAsk(
  settings: EffectiveSettings,
  date: LocalDate,
  round: RoundKind,
  at: Date,
): OutsideWindowAsk | null {
  const timing = roundTiming(settings, date, round, at);
  if (timing === "in_window") return null;
  const what = roundLabel(round);
  return {
    what,
    timing,
    window: roundWindowOn(settings, date, round),
    chips: "round",
    note:
      timing === "late"
        ? wt("lateRoundNote")
        : wt(settings.allowEarlyRounds ? "earlyRoundCounts" : "earlyRoundNote", { what }),
  };
}

export function OutsideWindowPrompt({
  ask,
  now,
  timeZone,
  onConfirm,
  onCancel,
}: {
  ask: OutsideWindowAsk;
  now: Date;
  timeZone: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const chips = ask.chips === "rollCall" ? ROLL_CALL_CHIPS : ROUND_CHIPS;
  const confirm = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === "") return setProblem(wt("reasonMissing"));
    if (trimmed.length > WINDOW_REASON_MAX)
      return setProblem(wt("reasonTooLong", { max: WINDOW_REASON_MAX, n: trimmed.length }));
    onConfirm(trimmed);
  };
  return (
    <div className="ow-backdrop">
      <button type="button" className="ow-scrim" aria-label={wt("cancel")} onClick={onCancel} />
      <section
        className="card ow-sheet stack-small"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ow-title"
        data-testid="outside-window"
        data-timing={ask.timing}
      >
        <h2 className="section-title" id="ow-title">
          {wt(ask.timing === "early" ? "earlyTitle" : "lateTitle", { what: ask.what })}
        </h2>
        <p>
          {wt("window", {
            what: ask.what,
            start: formatClock(ask.window.start, timeZone),
            end: formatClock(ask.window.end, timeZone),
            now: formatClock(now, timeZone),
          })}
        </p>
        {ask.note ? <p className="ow-note">{ask.note}</p> : null}
        <p className="field-label">{wt("askReason")}</p>
        <div className="ow-chips">
          {chips.map((key) => (
            <button
              key={key}
              type="button"
              className="button button-secondary"
              data-testid={`ow-chip-${key}`}
              onClick={() => confirm(wt(key))}
            >
              {wt(key)}
            </button>
          ))}
        </div>
        <label className="field">
          <span className="visually-hidden">{wt("askReason")}</span>
          <input
            className="input"
            name="outsideWindowReason"
            placeholder={wt("reasonPlaceholder")}
            maxLength={WINDOW_REASON_MAX + 20}
            value={reason}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setProblem(null);
            }}
          />
          {problem ? <small className="field-error">{problem}</small> : null}
        </label>
        <button type="button" className="button" data-testid="ow-confirm" onClick={() => confirm(reason)}>
          {wt("confirm")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {wt("cancel")}
        </button>
      </section>
    </div>
  );
}
