// The pieces both hand-over pages show: a given roll call's summary (counts, exceptions by
// name, who gave and who received, when), the state in the school's words, and the receiver's
// confirmation — on their own phone, or on the giver's phone with their own PIN (offline: the
// PIN opens that person's sealed token on this phone: account-store.ts checkPin).
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import {
  HANDOVER_STATE_LABELS,
  type Handover,
  hasPassed,
  mayReceive,
  presentPupils,
} from "../../../domain/handover.ts";
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
    state === "disputed" || (isLate && state !== "completed" && state !== "resolved")
      ? "tag tag-danger"
      : state === "completed" || state === "recorded" || state === "resolved"
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
      {give?.outsideWindow ? (
        <small className="warn-text" data-testid="ho-outside-window">
          {ho("outsideWindowReason", { reason: give.outsideWindow.reason })}
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

/** The count box: empty until the receiver types what they counted (HO-7, no default). */
function CountStepper({ value, onValue }: { value: number | null; onValue(n: number | null): void }) {
  return (
    <div className="ho-stepper">
      <button
        type="button"
        className="button button-secondary"
        aria-label="-1"
        onClick={() => onValue(Math.max(0, (value ?? 1) - 1))}
      >
        −
      </button>
      <input
        className="input ho-count-input"
        inputMode="numeric"
        name="receiveCount"
        aria-label={ho("receiveCount")}
        data-testid="receive-count"
        placeholder="?"
        value={value === null ? "" : String(value)}
        onChange={(event) => {
          const digits = event.target.value.replace(/\D/g, "");
          onValue(digits === "" ? null : Math.min(500, Number.parseInt(digits, 10)));
        }}
      />
      <button
        type="button"
        className="button button-secondary"
        aria-label="+1"
        onClick={() => onValue((value ?? 0) + 1)}
      >
        +
      </button>
    </div>
  );
}

/**
 * HO-7: the receiver types the count they see. Against a known roll call, a count that differs
 * asks once more (the receiver may name whom they did not see); then it is confirmed as it is.
 */
function CountCheck({
  givenPresent,
  presentPupils: present,
  pupilById,
  isBusy,
  confirmLabel,
  testId,
  onConfirm,
}: {
  /** The giver's present count, or null when their roll call is not on this phone yet. */
  givenPresent: number | null;
  presentPupils: readonly string[];
  pupilById: ReadonlyMap<string, Pupil>;
  isBusy: boolean;
  confirmLabel: string;
  testId: string;
  onConfirm(count: number, missing: string[]): void;
}) {
  const [count, setCount] = useState<number | null>(null);
  const [isRecount, setIsRecount] = useState(false);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState(false);

  function confirm() {
    if (count === null) {
      setProblem(true);
      return;
    }
    if (givenPresent !== null && count !== givenPresent && !isRecount) {
      setIsRecount(true);
      return;
    }
    onConfirm(count, count === givenPresent ? [] : [...missing]);
  }

  return (
    <div className="stack-small" data-testid="count-check" data-recount={isRecount}>
      <div className="field">
        <span className="field-label">{ho("receiveCount")}</span>
        <small className="hint">{ho("receiveHint")}</small>
        <CountStepper
          value={count}
          onValue={(n) => {
            setCount(n);
            setProblem(false);
          }}
        />
        {problem ? <small className="field-error">{ho("receiveCountMissing")}</small> : null}
      </div>
      {isRecount && count !== null && givenPresent !== null && count !== givenPresent ? (
        <div className="card stack-small ho-recount" role="alert" data-testid="recount">
          <p className="danger-text">{ho("recountTitle", { mine: count, theirs: givenPresent })}</p>
          <small className="muted">{ho("recountHint")}</small>
          {present.length > 0 ? (
            <fieldset className="ho-missing">
              <legend className="field-label">{ho("missingTitle")}</legend>
              {present.map((id) => (
                <label key={id} className="ho-missing-pupil">
                  <input
                    type="checkbox"
                    name="missing"
                    value={id}
                    checked={missing.has(id)}
                    onChange={(e) => {
                      const next = new Set(missing);
                      if (e.target.checked) next.add(id);
                      else next.delete(id);
                      setMissing(next);
                    }}
                  />
                  <span>{pupilById.get(id)?.name ?? id}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
        </div>
      ) : null}
      <button type="button" className="button" disabled={isBusy} data-testid={testId} onClick={confirm}>
        {isBusy
          ? ho("saving")
          : isRecount && count !== null && count !== givenPresent
            ? ho("recountConfirm", { n: count })
            : confirmLabel}
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
  pupilById,
}: {
  handover: Handover;
  account: AccountRow;
  directory: SchoolDirectory;
  receiverIds: readonly string[];
  pupilById: ReadonlyMap<string, Pupil>;
}) {
  const give = handover.give;
  // Counted on the giver's phone before the receiver's PIN: kept until the PIN is right.
  const [counted, setCounted] = useState<{ count: number; missing: string[] } | null>(null);
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

  async function save(
    actorUserId: string,
    confirmedOn: "own_phone" | "giver_phone",
    { count, missing }: { count: number; missing: string[] },
  ) {
    setIsBusy(true);
    setError(null);
    try {
      await receiveHandover(
        db,
        { actorUserId, schoolId: account.schoolId },
        { date: handover.date, kind, group: handover.group, count, confirmedOn, missing },
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
      if (counted) await save(pinFor.userId, "giver_phone", counted);
      return;
    }
    setAttempt((n) => n + 1);
    if (result.isLockedOut) {
      setError(ho("pinLockedOut"));
      setPinFor(null);
    } else setError(ho("wrongPin", { n: result.triesLeft }));
  }

  const countCheck = (label: string, onConfirm: (count: number, missing: string[]) => void) => (
    <CountCheck
      givenPresent={give.presentCount}
      presentPupils={presentPupils(give.rollCall)}
      pupilById={pupilById}
      isBusy={isBusy}
      confirmLabel={label}
      testId="receive-confirm"
      onConfirm={onConfirm}
    />
  );

  if (iMayReceive)
    return (
      <section className="card stack-small" data-testid="receive-panel">
        <h2 className="section-title">{ho("receiveTitle")}</h2>
        {countCheck(
          ho("receiveConfirm"),
          (count, missing) => void save(account.userId, "own_phone", { count, missing }),
        )}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
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
          {counted ? (
            <>
              <p className={error ? "error" : "pin-prompt"} role={error ? "alert" : undefined}>
                {isBusy ? ho("checkingPin") : (error ?? ho("enterPin", { name: pinFor.name }))}
              </p>
              <PinPad length={pinFor.pinLength ?? 4} resetKey={attempt} isBusy={isBusy} onSubmit={checkPin} />
            </>
          ) : (
            countCheck(ho("countThenPin"), (count, missing) => setCounted({ count, missing }))
          )}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setPinFor(null);
              setCounted(null);
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
  receiverIds,
}: {
  account: AccountRow;
  handover: Pick<Handover, "id" | "date" | "kind" | "group" | "receive" | "give">;
  receiverIds: readonly string[];
}) {
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

  async function save(count: number) {
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
      <CountCheck
        givenPresent={null}
        presentPupils={[]}
        pupilById={new Map()}
        isBusy={isBusy}
        confirmLabel={ho("receiveConfirm")}
        testId="receive-first-confirm"
        onConfirm={(count) => void save(count)}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
