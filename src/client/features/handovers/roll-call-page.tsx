// 点名 /roll-call/{kind}/{groupId}?date= (SPEC §3): the boarders of a class (放学交接) or a dorm
// room (就寝交接, 夜间查寝), everyone present by default, sorted by seat or bed (RC-4), those on
// recorded leave listed apart (RC-1). One tap on a pupil opens the choice of reason; the counts
// stay in a sticky bar and always add up (RC-3). 下落不明 asks once and then saves the roll call
// at once with its urgent alerts. Then the hand-over: the giver sends it to whom the roster
// names (HO-2); the receiver confirms on their own phone or here with their PIN. Offline.
import { useState } from "react";
import { type RollCallList, rollCallList } from "../../../domain/custody.ts";
import {
  emptyHandover,
  HANDOVER_KINDS,
  HANDOVER_LABELS,
  type Handover,
  type HandoverKind,
  handoverId,
  isLate,
  rosterReceivers,
} from "../../../domain/handover.ts";
import {
  EXCEPTION_LABELS,
  EXCEPTION_REASONS,
  type RollCallException,
  type RollCallGroup,
  validateRollCall,
} from "../../../domain/roll-call.ts";
import { slotAt } from "../../../domain/time-slots.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { giveHandover, raiseUnaccounted, withdrawHandover } from "../../db/handover-edits.ts";
import { formatClock, inLang, useLang } from "../../ui/i18n.ts";
import { type OutsideWindowAsk, OutsideWindowPrompt, rollCallAsk } from "../../ui/outside-window.tsx";
import { BackLink, NoDirectory, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { useLocation } from "../../ui/router.ts";
import { type SchoolDirectory, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { AwayList } from "./away-list.tsx";
import { disputeLink } from "./dispute-link.ts";
import { groupName } from "./group-name.ts";
import {
  HandoverSummary,
  isNamedReceiver,
  ReceiveFirstPanel,
  ReceivePanel,
  ReceiverNames,
  StateTag,
} from "./handover-parts.tsx";
import { ho } from "./handovers-text.ts";
import { type BoarderData, useBoarderData } from "./roll-call-data.ts";
import {
  barCounts,
  initialRollCall,
  matchesFilter,
  pickupIso,
  placeOf,
  type RollCallAction,
  rollCallOf,
  rollCallReducer,
} from "./roll-call-model.ts";
import { unaccountedFacts } from "./unaccounted-facts.ts";
import "./handovers.css";

const ROUTE = /^\/roll-call\/([A-Za-z]+)\/([0-9A-HJKMNP-TV-Z]{26})\/?$/;

export function RollCallPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory)
    return <NoDirectory directory={directory} title={ho("rollCallTitle")} message={ho("noSchool")} />;
  return <RollCallRoute account={account} directory={directory} now={now} />;
}

function RollCallRoute({
  account,
  directory,
  now,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  now: Date;
}) {
  const { path, search } = useLocation();
  const settings = directory.settings;
  // After midnight the night still belongs to the day before (the duty date).
  const dutyDate = slotAt(settings.timeSlots, now, settings.timeZone).dutyDate;
  const asked = search.get("date") ?? "";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : dutyDate;
  const data = useBoarderData(account.schoolId, date, settings.timeZone);
  const match = ROUTE.exec(path);
  const back = <BackLink to="/handovers" label={ho("handoversTitle")} />;
  const kind = match?.[1] as HandoverKind | undefined;
  if (!match || !kind || !(HANDOVER_KINDS as readonly string[]).includes(kind))
    return (
      <PageNotice
        title={ho("rollCallTitle")}
        message={ho("badRoute", { what: ho("whatKind") })}
        back={back}
      />
    );
  if (!data) return <Splash />;
  const groupId = match[2] as string;
  const group: RollCallGroup =
    kind === "dismissal" ? { kind: "class", classId: groupId } : { kind: "room", roomId: groupId };
  const exists = group.kind === "class" ? directory.classById.has(groupId) : data.roomById.has(groupId);
  if (!exists)
    return (
      <PageNotice
        title={ho("rollCallTitle")}
        message={ho("badRoute", { what: group.kind === "class" ? ho("whatClass") : ho("whatRoom") })}
        back={back}
      />
    );
  return (
    <RollCall
      key={`${kind}|${groupId}|${date}`}
      account={account}
      directory={directory}
      data={data}
      kind={kind}
      group={group}
      date={date}
      now={now}
    />
  );
}

function RollCall({
  account,
  directory,
  data,
  kind,
  group,
  date,
  now,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoarderData;
  kind: HandoverKind;
  group: RollCallGroup;
  date: string;
  now: Date;
}) {
  // A bed check is a new record each time: the one just saved is followed by id.
  const [bedCheckId, setBedCheckId] = useState<string | null>(null);
  // HO-6: the giver corrects a roll call nobody has received yet.
  const [isCorrecting, setIsCorrecting] = useState(false);
  const ownId = kind === "bedCheck" ? undefined : handoverId(date, kind, group);
  const id = ownId ?? bedCheckId;
  const entry = id ? data.handovers.find((e) => e.entity.id === id) : undefined;
  const room = group.kind === "room" ? data.roomById.get(group.roomId) : undefined;
  const receiverIds = rosterReceivers(date, kind, group, data.roster, room?.building);
  const title = `${inLang(HANDOVER_LABELS[kind])} · ${groupName(group, directory, data.roomById)}`;
  // CU-7: the list comes from the custody chain at this instant, this roll call's own earlier
  // version left out (a correction is listed afresh).
  // A roll call saved a moment ago counts at once, though `now` ticks only every 30 s.
  const newestGive = Math.max(0, ...data.handovers.map((e) => Date.parse(e.entity.give?.at ?? "") || 0));
  const list = rollCallList(
    group,
    date,
    new Date(Math.max(now.getTime(), newestGive)),
    data.pupils,
    {
      handovers: data.handovers.map((e) => e.entity),
      leaves: data.leaves,
      foundAlertSubjects: data.foundSubjects,
    },
    ownId,
  );
  const sheet = (initialMarks: readonly RollCallException[]) => (
    <Sheet
      account={account}
      directory={directory}
      data={data}
      kind={kind}
      group={group}
      date={date}
      now={now}
      list={list}
      initialMarks={initialMarks}
      isCorrection={isCorrecting}
      receiverIds={receiverIds}
      onSaved={(savedId) => {
        if (kind === "bedCheck") setBedCheckId(savedId);
        setIsCorrecting(false);
      }}
    />
  );

  return (
    <div className="page stack roll-call-page" data-testid="roll-call-page" data-kind={kind}>
      <BackLink to="/handovers" label={ho("handoversTitle")} />
      <div>
        <h1 className="rc-title">{title}</h1>
        <p className="muted">{ho("dateLine", { date })}</p>
      </div>
      {entry?.entity.give && isCorrecting ? (
        <>
          <p className="card muted small" data-testid="rc-correcting">
            {ho("correcting")}
          </p>
          {sheet(entry.entity.give.rollCall.exceptions)}
          <button type="button" className="button button-secondary" onClick={() => setIsCorrecting(false)}>
            {ho("close")}
          </button>
        </>
      ) : entry?.entity.give ? (
        <GivenView
          handover={entry.entity}
          isPending={entry.hasPendingChanges}
          account={account}
          directory={directory}
          data={data}
          receiverIds={receiverIds}
          isLate={entry.entity.late || isLate(entry.entity, now, directory.settings)}
          onCheckAgain={kind === "bedCheck" ? () => setBedCheckId(null) : undefined}
          onCorrect={() => setIsCorrecting(true)}
        />
      ) : (
        <>
          <ReceiveFirstPanel
            account={account}
            handover={
              entry?.entity ??
              emptyHandover(
                handoverId(date, kind === "bedCheck" ? "bedtime" : kind, group),
                date,
                kind,
                group,
              )
            }
            receiverIds={receiverIds}
          />
          {isNamedReceiver(account, kind, receiverIds) ? null : sheet([])}
        </>
      )}
    </div>
  );
}

function GivenView({
  handover,
  isPending,
  account,
  directory,
  data,
  receiverIds,
  isLate: late,
  onCheckAgain,
  onCorrect,
}: {
  handover: Handover;
  isPending: boolean;
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoarderData;
  receiverIds: string[];
  isLate: boolean;
  onCheckAgain: (() => void) | undefined;
  onCorrect(): void;
}) {
  const [isWithdrawing, setIsWithdrawing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tz = directory.settings.timeZone;
  const hasUnaccounted = handover.give?.rollCall.exceptions.some((e) => e.reason === "unaccounted");
  // HO-6: the giver (or an admin) may correct or withdraw it until it is received.
  const mayChange =
    handover.kind !== "bedCheck" &&
    !handover.receive &&
    (handover.give?.by === account.userId || account.roles.includes("admin"));

  async function withdraw() {
    setError(null);
    try {
      await withdrawHandover(db, { actorUserId: account.userId, schoolId: account.schoolId }, handover.id);
    } catch (e) {
      setError(ho("saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <>
      <section className="card stack-small" data-testid="rc-given">
        <p className="rc-given-head">
          <strong>
            {handover.kind === "bedCheck"
              ? ho("bedCheckSaved", { time: formatClock(Date.parse(handover.give?.at ?? ""), tz) })
              : ho("given", { time: formatClock(Date.parse(handover.give?.at ?? ""), tz) })}
          </strong>
          <StateTag handover={handover} isLate={late} />
        </p>
        <HandoverSummary
          handover={handover}
          directory={directory}
          pupilById={data.pupilById}
          isPending={isPending}
        />
        {hasUnaccounted && isPending ? (
          <p className="error" role="alert" data-testid="rc-alert-queued">
            {ho("alertQueued")}
          </p>
        ) : null}
        {handover.state === "completed" ? <p className="ok-text">{ho("received")}</p> : null}
        {handover.state === "disputed" || handover.state === "resolved" ? (
          <a
            className="button button-secondary"
            href={disputeLink(handover.id)}
            data-testid="rc-open-dispute"
          >
            {ho("openDispute")}
          </a>
        ) : null}
      </section>
      <ReceivePanel
        handover={handover}
        account={account}
        directory={directory}
        receiverIds={receiverIds}
        pupilById={data.pupilById}
      />
      {mayChange ? (
        <section className="stack-small" data-testid="rc-change">
          {isWithdrawing ? (
            <div className="card stack-small">
              <p>{ho("withdrawConfirm")}</p>
              <button
                type="button"
                className="button button-danger"
                data-testid="rc-withdraw-yes"
                onClick={() => void withdraw()}
              >
                {ho("withdrawYes")}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setIsWithdrawing(false)}
              >
                {ho("close")}
              </button>
            </div>
          ) : (
            <div className="rc-change-actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="rc-correct"
                onClick={onCorrect}
              >
                {ho("correct")}
              </button>
              <button
                type="button"
                className="button button-secondary"
                data-testid="rc-withdraw"
                onClick={() => setIsWithdrawing(true)}
              >
                {ho("withdraw")}
              </button>
            </div>
          )}
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </section>
      ) : null}
      {onCheckAgain ? (
        <button type="button" className="button button-secondary" onClick={onCheckAgain}>
          {ho("newBedCheck")}
        </button>
      ) : null}
    </>
  );
}

type Initials = (name: string) => string;

function Sheet({
  account,
  directory,
  data,
  kind,
  group,
  date,
  now,
  list,
  initialMarks,
  isCorrection,
  receiverIds,
  onSaved,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoarderData;
  kind: HandoverKind;
  group: RollCallGroup;
  date: string;
  now: Date;
  list: RollCallList<Pupil>;
  initialMarks: readonly RollCallException[];
  isCorrection: boolean;
  receiverIds: string[];
  onSaved(id: string): void;
}) {
  const [state, setState] = useState(() => initialRollCall(initialMarks));
  const [query, setQuery] = useState("");
  const [initials, setInitials] = useState<Initials | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  // Unaccounted pupils whose alert already went out while this roll call is being taken.
  const [raised, setRaised] = useState<ReadonlyMap<string, string>>(new Map());
  const [ask, setAsk] = useState<OutsideWindowAsk | null>(null);
  const { expected, onLeave } = list;
  const rollCall = rollCallOf(list, state.marks);
  const counts = barCounts(rollCall);
  const nameOf = (id: string) => data.pupilById.get(id)?.name ?? id;

  function loadPinyin() {
    // Loaded when someone starts to filter (the collator is made on first use).
    if (initials) return;
    void import("./pinyin-initials.ts").then((m) => setInitials(() => m.initialsOf));
  }

  async function save(marks = state.marks, reason?: string) {
    const call = rollCallOf(list, marks);
    const found = validateRollCall(call, nameOf);
    if (found.length > 0) {
      setProblems(found.map((p) => inLang(p)));
      return;
    }
    // RW-3: outside its window the roll call waits for a reason (outside-window.tsx).
    const outside = reason === undefined ? rollCallAsk(directory.settings, date, kind, new Date()) : null;
    if (outside) return setAsk(outside);
    setIsSaving(true);
    setProblems([]);
    try {
      const result = await giveHandover(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        {
          date,
          kind,
          group,
          rollCall: call,
          raisedAlerts: raised,
          ...(reason !== undefined ? { outsideWindow: { reason } } : {}),
        },
        { facts: factsOf },
      );
      onSaved(result.handoverId);
    } catch (e) {
      setProblems([ho("saveFailed", { message: e instanceof Error ? e.message : String(e) })]);
    } finally {
      setIsSaving(false);
    }
  }

  function factsOf(pupilId: string) {
    const me = directory.staffById.get(account.userId)?.name ?? account.name;
    return unaccountedFacts(pupilId, data.pupilById.get(pupilId), group, directory, data.roomById, me);
  }

  /** 下落不明 confirmed: the alert goes out at once; the roll call goes on and is given later. */
  async function raise(pupilId: string) {
    if (raised.has(pupilId)) return;
    try {
      const alertId = await raiseUnaccounted(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        pupilId,
        { facts: factsOf },
      );
      setRaised((before) => new Map(before).set(pupilId, alertId));
    } catch (e) {
      setProblems([ho("saveFailed", { message: e instanceof Error ? e.message : String(e) })]);
    }
  }

  function dispatch(action: RollCallAction) {
    const next = rollCallReducer(state, action);
    setState({ ...next, mustSaveNow: false });
    // The confirmation sheet named the pupil just marked 下落不明.
    if (next.mustSaveNow && state.sheet.step !== "closed") void raise(state.sheet.pupilId);
  }

  if (expected.length === 0 && onLeave.length === 0 && list.away.length === 0)
    return (
      <p className="card muted" data-testid="rc-empty">
        {ho("noBoarders")}
      </p>
    );

  const shown = expected.filter((p) => matchesFilter(p, query, initials?.(p.name)));
  const sheet = state.sheet;
  const sheetPupil = sheet.step === "closed" ? undefined : data.pupilById.get(sheet.pupilId);
  const sheetStep = sheet.step === "closed" ? null : sheet.step;

  return (
    <>
      <p className="muted small">{ho("intro")}</p>
      <input
        type="search"
        className="input"
        name="filter"
        aria-label={ho("filter")}
        placeholder={ho("filterPlaceholder")}
        value={query}
        onFocus={loadPinyin}
        onChange={(event) => {
          loadPinyin();
          setQuery(event.target.value);
        }}
      />
      <ul className="rc-list" data-testid="rc-list">
        {shown.map((p) => (
          <PupilRow
            key={p.id}
            pupil={p}
            groupKind={group.kind}
            mark={state.marks.get(p.id)?.reason}
            onTap={() => dispatch({ type: "tapPupil", pupilId: p.id })}
          />
        ))}
      </ul>
      {shown.length === 0 ? <p className="muted">{ho("filterNone", { q: query })}</p> : null}
      {/* Those not expected come after the list the roll call is taken from (CU-7, RC-1). */}
      <AwayList away={list.away} account={account} directory={directory} data={data} now={now} />
      {onLeave.length > 0 ? (
        <section className="card stack-small" data-testid="rc-on-leave">
          <h2 className="section-title">{ho("onLeaveTitle", { n: onLeave.length })}</h2>
          <ul className="rc-leave-list">
            {onLeave.map((p) => {
              const leave = data.leaves.find((l) => l.pupilId === p.id && l.cancelledAt === null);
              return (
                <li key={p.id}>
                  {placeOf(p, group.kind)} {p.name}
                  {leave ? (
                    <small className="muted"> {ho("leaveDates", { from: leave.from, to: leave.to })}</small>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {kind !== "bedCheck" ? (
        <p className="rc-receivers">
          {ho("giveTo", { names: "" })}
          <ReceiverNames ids={receiverIds} directory={directory} />
        </p>
      ) : null}
      {raised.size > 0 ? (
        <p className="error" role="alert" data-testid="rc-alert-raised">
          {ho("alertRaised", { names: [...raised.keys()].map(nameOf).join("、") })}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div className="error" role="alert">
          <p>{ho("fixFirst")}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="rc-bar" data-testid="rc-bar">
        <CountsLine counts={counts} />
        <button
          type="button"
          className="button"
          data-testid="rc-give"
          disabled={isSaving || !counts.addsUp}
          onClick={() => void save()}
        >
          {isSaving
            ? ho("saving")
            : kind === "bedCheck"
              ? ho("saveBedCheck", { n: counts.present })
              : isCorrection
                ? ho("giveCorrected", { n: counts.present })
                : ho("give", { n: counts.present })}
        </button>
      </div>
      {ask ? (
        <OutsideWindowPrompt
          ask={ask}
          now={new Date()}
          timeZone={directory.settings.timeZone}
          onCancel={() => setAsk(null)}
          onConfirm={(reason) => {
            setAsk(null);
            void save(state.marks, reason);
          }}
        />
      ) : null}
      {sheetPupil && sheetStep ? (
        <ChoiceSheet
          pupil={sheetPupil}
          step={sheetStep}
          isMarked={state.marks.has(sheetPupil.id)}
          now={now}
          timeZone={directory.settings.timeZone}
          dispatch={dispatch}
        />
      ) : null}
    </>
  );
}

function CountsLine({ counts }: { counts: ReturnType<typeof barCounts> }) {
  const cell = (label: string, n: number, name: string, tone?: string) => (
    <span className={tone ? `rc-count ${tone}` : "rc-count"} data-testid={`rc-count-${name}`} data-count={n}>
      <small>{label}</small>
      <strong>{n}</strong>
    </span>
  );
  return (
    <div className="rc-counts" role="status" data-adds-up={counts.addsUp}>
      {cell(ho("countExpected"), counts.expected, "expected")}
      {cell(ho("countPresent"), counts.present, "present", "is-present")}
      {cell(ho("countLeave"), counts.leave, "leave")}
      {cell(ho("countSick"), counts.sick, "sick")}
      {cell(ho("countPickedUp"), counts.picked_up, "picked_up")}
      {cell(
        ho("countUnaccounted"),
        counts.unaccounted,
        "unaccounted",
        counts.unaccounted > 0 ? "is-danger" : undefined,
      )}
    </div>
  );
}

function PupilRow({
  pupil,
  groupKind,
  mark,
  onTap,
}: {
  pupil: Pupil;
  groupKind: "class" | "room";
  mark: (typeof EXCEPTION_REASONS)[number] | undefined;
  onTap(): void;
}) {
  return (
    <li>
      <button
        type="button"
        className={mark ? `rc-pupil is-${mark}` : "rc-pupil"}
        data-testid="rc-pupil"
        data-pupil-id={pupil.id}
        data-mark={mark ?? "present"}
        onClick={onTap}
      >
        <span className="rc-place">{placeOf(pupil, groupKind)}</span>
        <span className="rc-name">{pupil.name}</span>
        <span className={mark ? "rc-mark" : "rc-mark is-present"}>
          {mark ? inLang(EXCEPTION_LABELS[mark]) : ho("present")}
        </span>
      </button>
    </li>
  );
}

function ChoiceSheet({
  pupil,
  step,
  isMarked,
  now,
  timeZone,
  dispatch,
}: {
  pupil: Pupil;
  step: "choose" | "pickup" | "confirmUnaccounted";
  isMarked: boolean;
  now: Date;
  timeZone: string;
  dispatch(action: RollCallAction): void;
}) {
  const [who, setWho] = useState("");
  const [time, setTime] = useState(() => formatClock(now, timeZone));
  const [whoProblem, setWhoProblem] = useState(false);
  const pickedUp = (by: string) => {
    if (!by.trim()) {
      setWhoProblem(true);
      return;
    }
    dispatch({ type: "pickedUp", by, at: pickupIso(new Date(), time) });
  };
  return (
    <div className="rc-sheet-backdrop">
      <button
        type="button"
        className="rc-sheet-scrim"
        aria-label={ho("close")}
        onClick={() => dispatch({ type: "close" })}
      />
      <section className="card rc-sheet stack-small" role="dialog" aria-modal="true" data-testid="rc-sheet">
        <h2 className="section-title">{ho("chooseTitle", { name: pupil.name })}</h2>
        {step === "choose" ? (
          <div className="rc-reasons">
            {EXCEPTION_REASONS.map((reason) => (
              <button
                key={reason}
                type="button"
                className={reason === "unaccounted" ? "button button-danger" : "button button-secondary"}
                data-testid={`rc-reason-${reason}`}
                onClick={() => dispatch({ type: "chooseReason", reason })}
              >
                {inLang(EXCEPTION_LABELS[reason])}
              </button>
            ))}
            {isMarked ? (
              <button
                type="button"
                className="button button-secondary"
                data-testid="rc-mark-present"
                onClick={() => dispatch({ type: "markPresent" })}
              >
                {ho("markPresent")}
              </button>
            ) : null}
          </div>
        ) : null}
        {step === "pickup" ? (
          <div className="stack-small" data-testid="rc-pickup">
            <label className="field">
              <span className="field-label">{ho("pickupAt")}</span>
              <input
                type="time"
                className="input"
                name="pickupAt"
                value={time}
                onChange={(e) => setTime(e.target.value)}
              />
            </label>
            <div className="rc-chips">
              {(["pickupFather", "pickupMother", "pickupGrandparent"] as const).map((key) => (
                <button
                  key={key}
                  type="button"
                  className="button button-secondary"
                  onClick={() => pickedUp(ho(key))}
                >
                  {ho(key)}
                </button>
              ))}
            </div>
            <label className="field">
              <span className="field-label">{ho("pickupWho")}</span>
              <input
                className="input"
                name="pickupWho"
                placeholder={ho("pickupWhoPlaceholder")}
                value={who}
                aria-invalid={whoProblem || undefined}
                onChange={(e) => {
                  setWho(e.target.value);
                  setWhoProblem(false);
                }}
              />
              {whoProblem ? <small className="field-error">{ho("pickupWhoMissing")}</small> : null}
            </label>
            <button type="button" className="button" onClick={() => pickedUp(who)}>
              {ho("pickupSave")}
            </button>
          </div>
        ) : null}
        {step === "confirmUnaccounted" ? (
          <div className="stack-small" data-testid="rc-confirm-unaccounted">
            <p className="danger-text">{ho("unaccountedConfirm", { name: pupil.name })}</p>
            <button
              type="button"
              className="button button-danger"
              data-testid="rc-unaccounted-yes"
              onClick={() => dispatch({ type: "confirmUnaccounted" })}
            >
              {ho("unaccountedYes")}
            </button>
          </div>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => dispatch({ type: "close" })}>
          {ho("close")}
        </button>
      </section>
    </div>
  );
}
