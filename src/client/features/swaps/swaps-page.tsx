// 换班 /swaps (SPEC §1, domain/swap.ts SW-1..4): ask a colleague to take one of my next duties
// (optionally taking one of theirs back), saved offline with the slot versions as shown so a
// roster that changed meanwhile voids the swap whole (SW-3); answer what is asked of me; follow
// what I asked; and, for the general-affairs head, approve or refuse. Every state in the
// school's words, steps not yet synced marked, and why a swap ended shown.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import type { DutyKind, DutySlot } from "../../../domain/roster.ts";
import { heldInterval } from "../../../domain/roster.ts";
import { addDays, localDateOf } from "../../../domain/school-calendar.ts";
import { SWAP_STATE_LABELS, type Swap, type SwapStep } from "../../../domain/swap.ts";
import { formatClockTime } from "../../../domain/time-slots.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { type AccountRow, db, type OutboxRow } from "../../db/db.ts";
import { askSwap, stepSwapRequest } from "../../db/roster-edits.ts";
import { listSwaps } from "../../db/roster-view.ts";
import { FieldFrame, FormProblems, TextAreaField } from "../../ui/form-parts.tsx";
import { PendingMark } from "../../ui/hazard-row.tsx";
import { inLang, roleLabel, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import {
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { StaffPicker, type Suggestion } from "../../ui/staff-picker.tsx";
import { useNow } from "../../ui/use-now.ts";
import { type RosterData, useRosterData } from "../duty/duty-data.ts";
import { dayTitle, dutyName, scopeText } from "../duty/duty-parts.tsx";
import "../duty/duty.css";
import {
  type AskDraft,
  type AskField,
  askProblems,
  endNote,
  parseSlotId,
  type Shown,
  swapLists,
  upcomingSlotsOf,
} from "./swaps-model.ts";
import { sw } from "./swaps-text.ts";
import "./swaps.css";

/** My next duties (as on 我的值班) and the colleague's of the next 30 days. */
const GIVE_DAYS = 14;
const TAKE_DAYS = 30;

export function SwapsPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(60_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={sw("title")} message={sw("noSchool")} />;
  return <Swaps account={account} directory={directory} now={now} />;
}

function Swaps({ account, directory, now }: { account: AccountRow; directory: SchoolDirectory; now: Date }) {
  const { search } = useLocation();
  const settings = directory.settings;
  const today = localDateOf(now, settings.timeZone);
  const data = useRosterData(account.schoolId, today, addDays(today, TAKE_DAYS));
  const swaps = useLiveQuery(() => listSwaps(db, account.schoolId), [account.schoolId]);
  // Steps of mine the server refused (SYNC: conflict / rejected): the swap says so.
  const refused = useLiveQuery(
    async () => {
      const rows: OutboxRow[] = await db.outbox.where("touchKeys").startsWith("swap:").toArray();
      return new Set(
        rows
          .filter(
            (r) => r.actorUserId === account.userId && (r.status === "conflict" || r.status === "rejected"),
          )
          .flatMap((r) => r.touchKeys.filter((k) => k.startsWith("swap:")).map((k) => k.slice(5))),
      );
    },
    [account.userId],
    new Set<string>(),
  );
  if (!data || !swaps) return <Splash />;

  const isAdmin = account.roles.includes("admin");
  const lists = swapLists(swaps, account.userId, isAdmin);
  const slotById = new Map(data.slots.map((e) => [e.entity.id, e]));
  const row = (e: Shown<Swap>, actions: SwapStep[]) => (
    <SwapRow
      key={e.entity.id}
      entry={e}
      actions={actions}
      account={account}
      directory={directory}
      data={data}
      isRefused={refused.has(e.entity.id)}
    />
  );

  return (
    <div className="page stack swaps-page">
      <BackLink to="/my-duties" label={sw("backToDuties")} />
      <h1>{sw("title")}</h1>

      <AskForm
        account={account}
        directory={directory}
        data={data}
        slotById={slotById}
        now={now}
        initialGive={search.get("give") ?? ""}
        today={today}
      />

      {isAdmin ? (
        <SwapSection
          id="approve"
          title={sw("approveTitle", { n: lists.toApprove.length })}
          empty={sw("noneToApprove")}
        >
          {lists.toApprove.map((e) => row(e, ["approve", "refuse"]))}
        </SwapSection>
      ) : null}
      <SwapSection
        id="incoming"
        title={sw("incomingTitle", { n: lists.incoming.length })}
        empty={sw("noneIncoming")}
      >
        {lists.incoming.map((e) => row(e, ["accept", "decline"]))}
      </SwapSection>
      <SwapSection id="mine" title={sw("mineTitle", { n: lists.mine.length })} empty={sw("noneMine")}>
        {lists.mine.map((e) =>
          row(e, e.entity.state === "asked" || e.entity.state === "accepted" ? ["cancel"] : []),
        )}
      </SwapSection>
      {lists.answered.length > 0 ? (
        <SwapSection id="answered" title={sw("answeredTitle", { n: lists.answered.length })} empty="">
          {lists.answered.map((e) => row(e, []))}
        </SwapSection>
      ) : null}
    </div>
  );
}

function SwapSection({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  children: React.ReactNode[];
}) {
  return (
    <section className="stack-small" aria-labelledby={`${id}-title`} data-testid={`swaps-${id}`}>
      <h2 id={`${id}-title`} className="section-title">
        {title}
      </h2>
      {children.length === 0 ? (
        <p className="card muted">{empty}</p>
      ) : (
        <ul className="swap-list">{children}</ul>
      )}
    </section>
  );
}

/** "12月1日 星期二 中午值日 12:00–14:00 · 男生宿舍楼": a slot by id, also one not on this phone. */
function slotText(id: string, data: RosterData, directory: SchoolDirectory): string {
  const slot = data.slots.find((e) => e.entity.id === id)?.entity;
  const key = slot ?? parseSlotId(id);
  if (!key) return id;
  const h = heldInterval(key.date, key.kind, directory.settings.timeSlots);
  const times = `${formatClockTime(h.startMinute)}–${formatClockTime(h.endMinute)}`;
  const where = slot && slot.scope.kind !== "campus" ? ` · ${scopeText(slot.scope, data.roomById)}` : "";
  return `${dayTitle(key.date)} ${dutyName(key.kind)} ${times}${where}`;
}

function optionText(slot: DutySlot, directory: SchoolDirectory, rooms: ReadonlyMap<string, DormRoom>) {
  const h = heldInterval(slot.date, slot.kind, directory.settings.timeSlots);
  const where = slot.scope.kind !== "campus" ? ` · ${scopeText(slot.scope, rooms)}` : "";
  return `${dayTitle(slot.date)} ${dutyName(slot.kind)} ${formatClockTime(h.startMinute)}–${formatClockTime(h.endMinute)}${where}`;
}

/** Who to suggest for a duty: the duty teachers, or the caretakers for a night. */
function suggestionsFor(kind: DutyKind | undefined, directory: SchoolDirectory, me: string): Suggestion[] {
  if (!kind) return [];
  const role = kind === "night" ? "dorm_caretaker" : "duty_teacher";
  return directory.staff
    .filter((s) => s.id !== me && s.roles.includes(role))
    .map((s) => ({ staffId: s.id, why: roleLabel(role) }));
}

function AskForm({
  account,
  directory,
  data,
  slotById,
  now,
  today,
  initialGive,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  data: RosterData;
  slotById: ReadonlyMap<string, Shown<DutySlot>>;
  now: Date;
  today: string;
  initialGive: string;
}) {
  const settings = directory.settings;
  const [draft, setDraft] = useState<AskDraft>({
    giveId: initialGive,
    counterpartId: "",
    takeId: "",
    reason: "",
  });
  const [shown, setShown] = useState(false);
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [failure, setFailure] = useState<string | null>(null);
  const mine = upcomingSlotsOf(account.userId, data.slots, settings, now, addDays(today, GIVE_DAYS - 1));
  const theirs = draft.counterpartId
    ? upcomingSlotsOf(draft.counterpartId, data.slots, settings, now, addDays(today, TAKE_DAYS)).filter(
        (e) => !e.entity.staffIds.includes(account.userId),
      )
    : [];
  const problems = askProblems(draft, account.userId, slotById, settings, now);
  const problemOf = (field: AskField) => {
    const p = shown ? problems.find((x) => x.field === field) : undefined;
    return p ? inLang(p) : undefined;
  };
  const give = slotById.get(draft.giveId);
  const set = (patch: Partial<AskDraft>) => {
    setStatus("idle");
    setDraft({ ...draft, ...patch });
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setShown(true);
    setFailure(null);
    if (problems.length > 0) return;
    const take = draft.takeId ? slotById.get(draft.takeId) : undefined;
    setStatus("saving");
    try {
      await askSwap(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        {
          counterpartId: draft.counterpartId,
          give: { slotId: draft.giveId, version: give?.version as number },
          take: take ? { slotId: take.entity.id, version: take.version as number } : null,
          reason: draft.reason.trim(),
        },
      );
      setDraft({ giveId: "", counterpartId: "", takeId: "", reason: "" });
      setShown(false);
      // The page stays as it is (no new address, no remount), so the saved note shows.
      setStatus("saved");
    } catch (error) {
      setStatus("idle");
      setFailure(sw("saveFailed", { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <form className="card stack-small swap-form" onSubmit={submit} noValidate data-testid="swap-form">
      <h2 className="eyebrow">{sw("askTitle")}</h2>
      <p className="muted small">{sw("askIntro")}</p>
      <FieldFrame label={sw("give")} problem={problemOf("give")}>
        {(control) => (
          <select
            {...control}
            name="give"
            className="input"
            value={draft.giveId}
            onChange={(event) => set({ giveId: event.target.value })}
          >
            <option value="">{mine.length === 0 ? sw("giveNone") : sw("choose")}</option>
            {/* A preselected slot not in the list (begun, or not mine any more) still shows. */}
            {draft.giveId && !mine.some((e) => e.entity.id === draft.giveId) ? (
              <option value={draft.giveId}>{slotText(draft.giveId, data, directory)}</option>
            ) : null}
            {mine.map((e) => (
              <option key={e.entity.id} value={e.entity.id}>
                {optionText(e.entity, directory, data.roomById)}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <StaffPicker
        label={sw("counterpart")}
        name="counterpart"
        value={draft.counterpartId}
        onChange={(id) => set({ counterpartId: id, takeId: "" })}
        staff={directory.staff.filter((s) => s.id !== account.userId)}
        suggestions={suggestionsFor(give?.entity.kind, directory, account.userId)}
        problem={problemOf("counterpart")}
      />
      {draft.counterpartId ? (
        <FieldFrame
          label={sw("take")}
          hint={theirs.length === 0 ? sw("takeNoneFound") : sw("takeHint")}
          problem={problemOf("take")}
        >
          {(control) => (
            <select
              {...control}
              name="take"
              className="input"
              value={draft.takeId}
              onChange={(event) => set({ takeId: event.target.value })}
            >
              <option value="">{sw("takeNone")}</option>
              {theirs.map((e) => (
                <option key={e.entity.id} value={e.entity.id}>
                  {optionText(e.entity, directory, data.roomById)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      ) : null}
      <TextAreaField
        label={sw("reason")}
        name="reason"
        value={draft.reason}
        onValue={(reason) => set({ reason })}
        problem={problemOf("reason")}
        rows={2}
      />
      <FormProblems
        heading={sw("fixFirst")}
        items={shown ? problems.map((p) => ({ key: p.field + p.en, content: inLang(p) })) : []}
        notes={[failure]}
      />
      {status === "saved" ? (
        <p className="ok-text" role="status" data-testid="swap-saved">
          {sw("saved")}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={status === "saving"} data-testid="swap-submit">
        {status === "saving" ? sw("saving") : sw("submit")}
      </button>
      <small className="muted">{sw("offlineNote")}</small>
    </form>
  );
}

const STEP_LABEL: Record<SwapStep, () => string> = {
  accept: () => sw("accept"),
  decline: () => sw("decline"),
  approve: () => sw("approve"),
  refuse: () => sw("refuse"),
  cancel: () => sw("cancelAsk"),
};

/** Steps that end a swap ask for an optional note (it is shown as the reason, SW-4). */
const WITH_NOTE: readonly SwapStep[] = ["decline", "refuse"];

function SwapRow({
  entry,
  actions,
  account,
  directory,
  data,
  isRefused,
}: {
  entry: Shown<Swap>;
  actions: SwapStep[];
  account: AccountRow;
  directory: SchoolDirectory;
  data: RosterData;
  isRefused: boolean;
}) {
  const swap = entry.entity;
  const [open, setOpen] = useState<SwapStep | null>(null);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const asker = staffName(directory, swap.askedBy);
  const other = staffName(directory, swap.counterpartId);
  const ended = endNote(swap);
  const tz = directory.settings.timeZone;

  const step = async (kind: SwapStep, withNote?: string) => {
    setFailure(null);
    try {
      await stepSwapRequest(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        swap.id,
        kind,
        withNote?.trim() || undefined,
      );
      setOpen(null);
      setNote("");
      setSaved(true);
    } catch (error) {
      setFailure(sw("saveFailed", { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <li className="card swap-row" data-testid="swap-row" data-state={swap.state}>
      <p className="swap-row-head">
        <span className={`tag swap-state state-${swap.state}`} data-testid="swap-state">
          {inLang(SWAP_STATE_LABELS[swap.state])}
        </span>
        {entry.hasPendingChanges ? <PendingMark /> : null}
        <small className="muted">{sw("askedBy", { name: asker })}</small>
      </p>
      <dl className="swap-sides">
        <dt>{sw("gives", { name: asker })}</dt>
        <dd>{slotText(swap.give.slotId, data, directory)}</dd>
        {swap.take ? (
          <>
            <dt>{sw("takes", { name: other })}</dt>
            <dd>{slotText(swap.take.slotId, data, directory)}</dd>
          </>
        ) : (
          <dt className="swap-covers">{sw("covers", { name: other })}</dt>
        )}
      </dl>
      {swap.reason ? <p className="small">{sw("reasonLine", { text: swap.reason })}</p> : null}
      {ended ? (
        <p className="swap-why" data-testid="swap-why">
          {sw("why", { text: ended.note?.trim() || inLang(SWAP_STATE_LABELS[swap.state]) })}
          <small className="muted">
            {" "}
            ({sw("byAt", { name: staffName(directory, ended.by), time: schoolMoment(ended.at, tz) })})
          </small>
        </p>
      ) : null}
      {isRefused ? (
        <a
          href="/attention"
          className="error"
          onClick={(event) => {
            event.preventDefault();
            navigate("/attention");
          }}
        >
          {sw("refusedStep")}
        </a>
      ) : null}
      {saved && entry.hasPendingChanges ? <p className="ok-text small">{sw("stepSaved")}</p> : null}
      {failure ? <p className="error">{failure}</p> : null}
      {open ? (
        <div className="stack-small">
          <TextAreaField label={sw("notePrompt")} name="note" value={note} onValue={setNote} rows={2} />
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              data-testid={`confirm-${open}`}
              onClick={() => void step(open, note)}
            >
              {sw("confirmStep", { step: STEP_LABEL[open]() })}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(null)}>
              {sw("back")}
            </button>
          </div>
        </div>
      ) : actions.length > 0 ? (
        <div className="swap-actions">
          {actions.map((kind) => (
            <button
              key={kind}
              type="button"
              className={kind === "accept" || kind === "approve" ? "button" : "button button-secondary"}
              data-testid={`swap-${kind}`}
              onClick={() => (WITH_NOTE.includes(kind) ? setOpen(kind) : void step(kind))}
            >
              {STEP_LABEL[kind]()}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}
