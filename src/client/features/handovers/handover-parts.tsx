// The pieces both hand-over pages show: a given roll call's summary (counts, exceptions by
// name, who gave and who received, when), the state in the school's words, and the receiver's
// confirmation — on their own phone, or on the giver's phone with their own PIN (offline: the
// PIN is checked against this phone's accounts, pin.ts).
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { HANDOVER_STATE_LABELS, type Handover, hasPassed, mayReceive } from "../../../domain/handover.ts";
import { EXCEPTION_LABELS, rollCallCounts } from "../../../domain/roll-call.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import { accountStore, canUnlockWithPin, unlockList } from "../../db/account-store.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { receiveHandover } from "../../db/handover-edits.ts";
import { PendingMark } from "../../ui/hazard-row.tsx";
import { inLang } from "../../ui/i18n.ts";
import { PinPad } from "../../ui/pin-pad.tsx";
import { type SchoolDirectory, schoolMoment, staffName } from "../../ui/school-directory.ts";
import { ho } from "./handovers-text.ts";

export function StateTag({ handover, isLate }: { handover: Handover | null; isLate: boolean }) {
  const state = handover?.give || handover?.receive ? handover.state : null;
  const tone =
    state === "disputed" || (isLate && state !== "completed")
      ? "tag tag-danger"
      : state === "completed" || state === "recorded"
        ? "tag tag-muted"
        : "tag tag-warn";
  return (
    <span className="ho-state">
      <span className={tone} data-testid="ho-state" data-state={state ?? "none"}>
        {state ? inLang(HANDOVER_STATE_LABELS[state]) : ho("notGiven")}
      </span>
      {isLate ? (
        <span className="tag tag-danger" data-testid="ho-late">
          {ho("late")}
        </span>
      ) : null}
    </span>
  );
}

/** Names and phone links of the people the roster names to receive. */
export function ReceiverNames({ ids, directory }: { ids: readonly string[]; directory: SchoolDirectory }) {
  if (ids.length === 0) return <span className="warn-text">{ho("nobodyOnRoster")}</span>;
  return (
    <span className="ho-receivers">
      {ids.map((id) => {
        const phone = directory.staffById.get(id)?.phone;
        return (
          <span key={id} className="ho-receiver">
            <strong>{staffName(directory, id)}</strong>{" "}
            {phone ? (
              <a href={`tel:${phone}`} className="ho-tel">
                {ho("call")} {phone}
              </a>
            ) : (
              <small className="muted">{ho("noPhone")}</small>
            )}
          </span>
        );
      })}
    </span>
  );
}

export function HandoverSummary({
  handover,
  directory,
  pupilById,
  isPending,
}: {
  handover: Handover;
  directory: SchoolDirectory;
  pupilById: ReadonlyMap<string, Pupil>;
  isPending: boolean;
}) {
  const tz = directory.settings.timeZone;
  const give = handover.give;
  const receive = handover.receive;
  const counts = give ? rollCallCounts(give.rollCall) : null;
  const nameOf = (id: string) => pupilById.get(id)?.name ?? id;
  return (
    <div className="ho-summary stack-small" data-testid="ho-summary">
      {counts ? (
        <p className="ho-counts" data-testid="ho-counts">
          {ho("counts", { expected: counts.expected, present: counts.present })}
        </p>
      ) : null}
      {give && give.rollCall.exceptions.length > 0 ? (
        <ul className="ho-exceptions">
          {give.rollCall.exceptions.map((e) => (
            <li key={e.pupilId} className={e.reason === "unaccounted" ? "danger-text" : undefined}>
              {nameOf(e.pupilId)}：{inLang(EXCEPTION_LABELS[e.reason])}
              {e.reason === "picked_up" && e.pickedUpBy
                ? `（${e.pickedUpBy}${e.pickedUpAt ? ` ${schoolMoment(e.pickedUpAt, tz)}` : ""}）`
                : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {give ? (
        <small>
          {ho("givenBy", { name: staffName(directory, give.by), time: schoolMoment(give.at, tz) })}
        </small>
      ) : null}
      {receive ? (
        <small data-testid="ho-received-line">
          {ho("receivedBy", {
            name: staffName(directory, receive.by),
            time: schoolMoment(receive.at, tz),
            where: receive.confirmedOn === "own_phone" ? ho("onOwnPhone") : ho("onGiverPhone"),
          })}
        </small>
      ) : null}
      {handover.state === "disputed" && give && receive ? (
        <p className="danger-text" data-testid="ho-disputed">
          {ho("countsDiffer", { give: give.presentCount, receive: receive.count })}
        </p>
      ) : null}
      {isPending ? <PendingMark /> : null}
    </div>
  );
}

function CountStepper({ value, onValue }: { value: number; onValue(n: number): void }) {
  return (
    <div className="ho-stepper">
      <button
        type="button"
        className="button button-secondary"
        aria-label="-1"
        onClick={() => onValue(Math.max(0, value - 1))}
      >
        −
      </button>
      <input
        className="input ho-count-input"
        inputMode="numeric"
        name="receiveCount"
        aria-label={ho("receiveCount")}
        data-testid="receive-count"
        value={String(value)}
        onChange={(event) => {
          const n = Number.parseInt(event.target.value.replace(/\D/g, "") || "0", 10);
          onValue(Math.min(500, n));
        }}
      />
      <button
        type="button"
        className="button button-secondary"
        aria-label="+1"
        onClick={() => onValue(value + 1)}
      >
        +
      </button>
    </div>
  );
}

/**
 * The receiver's half for a given hand-over not yet received. The person signed in confirms
 * here when they may receive (HO-2); the giver instead hands the phone to the receiver, who
 * picks themselves among the accounts on this phone and types their PIN.
 */
export function ReceivePanel({
  handover,
  account,
  directory,
  receiverIds,
}: {
  handover: Handover;
  account: AccountRow;
  directory: SchoolDirectory;
  receiverIds: readonly string[];
}) {
  const give = handover.give;
  const [count, setCount] = useState(give?.presentCount ?? 0);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [pinFor, setPinFor] = useState<AccountRow | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isChoosing, setIsChoosing] = useState(false);
  const accounts = useLiveQuery(() => db.accounts.toArray(), [], []);
  if (!give || hasPassed(handover) || handover.kind === "bedCheck") return null;
  const kind = handover.kind;
  const me = { id: account.userId, roles: account.roles };
  const iMayReceive = mayReceive(me, handover, receiverIds);

  async function save(actorUserId: string, confirmedOn: "own_phone" | "giver_phone") {
    setIsBusy(true);
    setError(null);
    try {
      await receiveHandover(
        db,
        { actorUserId, schoolId: account.schoolId },
        { date: handover.date, kind, group: handover.group, count, confirmedOn },
      );
    } catch (e) {
      setError(ho("saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setIsBusy(false);
    }
  }

  async function checkPin(pin: string) {
    if (!pinFor) return;
    setIsBusy(true);
    const result = await accountStore.checkPin(pinFor.userId, pin);
    setIsBusy(false);
    if (result.ok) {
      await save(pinFor.userId, "giver_phone");
      return;
    }
    setAttempt((n) => n + 1);
    if (result.isLockedOut) {
      setError(ho("pinLockedOut"));
      setPinFor(null);
    } else setError(ho("wrongPin", { n: result.triesLeft }));
  }

  const countBlock = (
    <div className="field">
      <span className="field-label">{ho("receiveCount")}</span>
      <small className="hint">{ho("receiveHint", { n: give.presentCount })}</small>
      <CountStepper value={count} onValue={setCount} />
    </div>
  );

  if (iMayReceive)
    return (
      <section className="card stack-small" data-testid="receive-panel">
        <h2 className="section-title">{ho("receiveTitle")}</h2>
        {countBlock}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={isBusy}
          data-testid="receive-confirm"
          onClick={() => void save(account.userId, "own_phone")}
        >
          {isBusy ? ho("saving") : ho("receiveConfirm")}
        </button>
      </section>
    );

  // The giver's phone: the receivers who signed in here once, with a PIN, may confirm on it.
  const here = unlockList(accounts).filter(
    (a) => a.schoolId === account.schoolId && a.userId !== account.userId && canUnlockWithPin(a),
  );
  const eligible = here.filter((a) => mayReceive({ id: a.userId, roles: a.roles }, handover, receiverIds));
  return (
    <section className="card stack-small" data-testid="receive-here-panel">
      <p>
        {ho("waitingFor", {
          names: receiverIds.map((id) => staffName(directory, id)).join("、") || "—",
        })}
      </p>
      <ReceiverNames ids={receiverIds} directory={directory} />
      {!isChoosing && !pinFor ? (
        <button
          type="button"
          className="button button-secondary"
          data-testid="receive-here"
          onClick={() => setIsChoosing(true)}
        >
          {ho("receiveHere")}
        </button>
      ) : null}
      {isChoosing && !pinFor ? (
        <div className="stack-small">
          <small className="hint">{ho("receiveHereHint")}</small>
          {eligible.length === 0 ? (
            <p className="warn-text" data-testid="no-receiver-here">
              {ho("noReceiverHere")}
            </p>
          ) : (
            <ul className="account-list">
              {eligible.map((a) => (
                <li key={a.userId}>
                  <button
                    type="button"
                    className="account-button"
                    data-testid="receiver-choice"
                    onClick={() => {
                      setError(null);
                      setPinFor(a);
                    }}
                  >
                    <span className="avatar" aria-hidden="true">
                      {a.name.slice(-2)}
                    </span>
                    <span className="account-text">
                      <strong>{a.name}</strong>
                      {receiverIds.length > 0 && !receiverIds.includes(a.userId) ? (
                        <small className="warn-text">{ho("notOnRoster")}</small>
                      ) : null}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button button-secondary" onClick={() => setIsChoosing(false)}>
            {ho("close")}
          </button>
        </div>
      ) : null}
      {pinFor ? (
        <div className="stack-small" data-testid="receive-pin">
          {countBlock}
          <p className={error ? "error" : "pin-prompt"} role={error ? "alert" : undefined}>
            {isBusy ? ho("checkingPin") : (error ?? ho("enterPin", { name: pinFor.name }))}
          </p>
          <PinPad length={pinFor.pinLength ?? 4} resetKey={attempt} isBusy={isBusy} onSubmit={checkPin} />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setPinFor(null);
              setError(null);
            }}
          >
            {ho("close")}
          </button>
        </div>
      ) : error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/**
 * HO-2, as a page decides what to offer: the people the roster names (or, on a gap, the role
 * that receives). The admin may receive anything but usually takes the roll call instead.
 */
export function isNamedReceiver(
  account: Pick<AccountRow, "userId" | "roles">,
  kind: Handover["kind"],
  receiverIds: readonly string[],
): boolean {
  if (kind === "bedCheck") return false;
  if (receiverIds.length > 0) return receiverIds.includes(account.userId);
  const roles = account.roles.filter((r) => r !== "admin");
  return mayReceive({ id: account.userId, roles }, { kind, give: null }, receiverIds);
}

/**
 * HO-3: the receiver may confirm before the giver's roll call reaches this phone (both offline,
 * on their own phones): they count the pupils handed to them, and the halves pair on sync.
 */
export function ReceiveFirstPanel({
  account,
  handover,
  expectedCount,
  receiverIds,
}: {
  account: AccountRow;
  handover: Pick<Handover, "id" | "date" | "kind" | "group" | "receive" | "give">;
  expectedCount: number;
  receiverIds: readonly string[];
}) {
  const [count, setCount] = useState(expectedCount);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const kind = handover.kind;
  if (kind === "bedCheck" || handover.give || !isNamedReceiver(account, kind, receiverIds)) return null;
  if (handover.receive)
    return (
      <section className="card stack-small" data-testid="received-first">
        <p className="ok-text">{ho("receivedFirst", { n: handover.receive.count })}</p>
      </section>
    );

  async function save() {
    setIsBusy(true);
    setError(null);
    try {
      await receiveHandover(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        {
          date: handover.date,
          kind: kind as "dismissal" | "bedtime",
          group: handover.group,
          count,
          confirmedOn: "own_phone",
        },
      );
    } catch (e) {
      setError(ho("saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section className="card stack-small" data-testid="receive-first-panel">
      <h2 className="section-title">{ho("receiveTitle")}</h2>
      <p className="muted small">{ho("receiveFirstHint")}</p>
      <div className="field">
        <span className="field-label">{ho("receiveCount")}</span>
        <CountStepper value={count} onValue={setCount} />
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={isBusy}
        data-testid="receive-first-confirm"
        onClick={() => void save()}
      >
        {isBusy ? ho("saving") : ho("receiveConfirm")}
      </button>
    </section>
  );
}
