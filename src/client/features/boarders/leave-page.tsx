// 请假 /leave (SPEC §3, RC-5): a class teacher records leave for a pupil of their class (an admin
// for any class): the pupil (boarders first), from and to (today by default), a note. Saved
// offline (leave.record); on those dates the pupil is off the roll call's expected list (RC-1).
// Below, the class's current and upcoming leave, each with 撤销 (leave.cancel). A parent
// picking a pupil up is recorded in the roll call, not here.
import { useState } from "react";
import { localDateOf } from "../../../domain/school-calendar.ts";
import type { AccountRow } from "../../db/db.ts";
import { db } from "../../db/db.ts";
import { cancelLeave, recordLeave } from "../../db/handover-edits.ts";
import { FieldFrame, FormProblems } from "../../ui/form-parts.tsx";
import { classLabel } from "../../ui/i18n.ts";
import { BackLink, PageNotice } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { staffName } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import type { BoardersData } from "./boarders-data.ts";
import { type BoardersBodyProps, BoardersFrame } from "./boarders-frame.tsx";
import { bt } from "./boarders-text.ts";
import {
  currentAndUpcoming,
  datesText,
  type LeaveForm,
  leaveClassesFor,
  leaveFormProblems,
  pupilsForLeave,
} from "./leave-model.ts";
import "./boarders.css";

export function LeavePage({ account }: { account: AccountRow }) {
  return <BoardersFrame account={account} title={bt("leaveTitle")} Body={LeaveBody} />;
}

function LeaveBody({ account, directory, data }: BoardersBodyProps) {
  const now = useNow(60_000);
  const { search } = useLocation();
  const today = localDateOf(now, directory.settings.timeZone);
  const classes = leaveClassesFor({ id: account.userId, roles: account.roles }, directory.classes);
  if (classes.length === 0)
    return (
      <PageNotice
        title={bt("leaveTitle")}
        message={bt("noClassOfMine")}
        back={<BackLink />}
        testId="leave-none"
      />
    );
  const classId = classes.some((c) => c.id === search.get("class"))
    ? (search.get("class") as string)
    : (classes[0]?.id as string);
  const pupils = pupilsForLeave(data.pupils, classId);
  const inClass = new Set(pupils.map((p) => p.id as string));
  const rows = currentAndUpcoming(
    data.leaves.map((e) => e.entity),
    today,
  ).filter((r) => inClass.has(r.leave.pupilId));
  const pending = new Set(data.leaves.filter((e) => e.hasPendingChanges).map((e) => e.entity.id));
  const nameOf = (id: string) => data.pupilById.get(id)?.name ?? id;

  return (
    <div className="page stack boarders-page">
      <BackLink />
      <div>
        <h1>{bt("leaveTitle")}</h1>
        <p className="muted small">{bt("leaveIntro")}</p>
      </div>
      {classes.length > 1 ? (
        <FieldFrame label={bt("chooseClass")}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={classId}
              data-testid="leave-class"
              onChange={(event) => navigate(`/leave?class=${event.target.value}`, { replace: true })}
            >
              {classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {classLabel(c)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      ) : (
        <p className="eyebrow">{classLabel(classes[0] as { grade: number; name: string })}</p>
      )}

      <LeaveFormCard
        key={classId}
        account={account}
        pupils={pupils}
        today={today}
        leaves={data.leaves.map((e) => e.entity)}
        nameOf={nameOf}
      />

      <section className="stack-small" aria-label={bt("currentLeave")}>
        <h2 className="eyebrow">{bt("currentLeave")}</h2>
        {rows.length === 0 ? (
          <p className="card muted" data-testid="leave-empty">
            {bt("noLeave")}
          </p>
        ) : (
          <ul className="record-list leave-list" data-testid="leave-list">
            {rows.map((r) => (
              <LeaveItem
                key={r.leave.id}
                account={account}
                name={nameOf(r.leave.pupilId)}
                row={r}
                isPending={pending.has(r.leave.id)}
                recordedBy={staffName(directory, r.leave.recordedBy)}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function LeaveFormCard({
  account,
  pupils,
  today,
  leaves,
  nameOf,
}: {
  account: AccountRow;
  pupils: ReturnType<typeof pupilsForLeave<BoardersData["pupils"][number]>>;
  today: string;
  leaves: Parameters<typeof leaveFormProblems>[2];
  nameOf: (id: string) => string;
}) {
  const blank: LeaveForm = { pupilId: "", from: today, to: today, note: "" };
  const [form, setForm] = useState<LeaveForm>(blank);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = leaveFormProblems(form, today, leaves, nameOf);
  const shown = tried ? problems : [];
  const problemOf = (field: "pupilId" | "from" | "to") =>
    shown
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join("；") || undefined;
  const set = (patch: Partial<LeaveForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(null);
  };
  const boarders = pupils.filter((p) => p.isBoarder);
  const day = pupils.filter((p) => !p.isBoarder);

  const save = async () => {
    setTried(true);
    setSaveError(null);
    if (problems.length > 0 || !form.from || !form.to) return;
    setBusy(true);
    try {
      await recordLeave(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        { pupilId: form.pupilId, from: form.from, to: form.to, note: form.note.trim() },
      );
      setSaved(bt("savedLeave", { name: nameOf(form.pupilId), dates: datesText(form.from, form.to) }));
      setForm(blank);
      setTried(false);
    } catch (error) {
      setSaveError(bt("errSave", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card stack-small"
      data-testid="leave-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <FieldFrame label={bt("pupil")} problem={problemOf("pupilId")}>
        {(control) => (
          <select
            {...control}
            name="pupilId"
            className="input"
            value={form.pupilId}
            onChange={(event) => set({ pupilId: event.target.value })}
          >
            <option value="">{bt("choosePupil")}</option>
            {boarders.length > 0 ? (
              <optgroup label={bt("boarders")}>
                {boarders.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {p.studentNo}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {day.length > 0 ? (
              <optgroup label={bt("dayPupils")}>
                {day.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {p.studentNo}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        )}
      </FieldFrame>
      <div className="leave-dates">
        <FieldFrame label={bt("from")} problem={problemOf("from")}>
          {(control) => (
            <input
              {...control}
              type="date"
              name="from"
              className="input"
              value={form.from}
              onChange={(event) => {
                const from = event.target.value;
                // Moving the start past the end moves the end along: one day is the usual case.
                set(form.to && from > form.to ? { from, to: from } : { from });
              }}
            />
          )}
        </FieldFrame>
        <FieldFrame label={bt("to")} problem={problemOf("to")}>
          {(control) => (
            <input
              {...control}
              type="date"
              name="to"
              className="input"
              min={form.from || undefined}
              value={form.to}
              onChange={(event) => set({ to: event.target.value })}
            />
          )}
        </FieldFrame>
      </div>
      <FieldFrame label={bt("note")}>
        {(control) => (
          <input
            {...control}
            name="note"
            className="input"
            maxLength={200}
            placeholder={bt("notePlaceholder")}
            value={form.note}
            onChange={(event) => set({ note: event.target.value })}
          />
        )}
      </FieldFrame>
      <FormProblems
        heading={bt("fixFirst")}
        items={shown.map((p) => ({ key: `${p.field}|${p.message}`, content: p.message }))}
        notes={[saveError]}
      />
      {saved ? (
        <p className="ok-text" role="status" data-testid="leave-saved">
          {saved}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {bt("saveLeave")}
      </button>
      <small className="muted">{bt("saveOffline")}</small>
    </form>
  );
}

function LeaveItem({
  account,
  name,
  row,
  isPending,
  recordedBy,
}: {
  account: AccountRow;
  name: string;
  row: ReturnType<typeof currentAndUpcoming>[number];
  isPending: boolean;
  recordedBy: string;
}) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { leave } = row;
  const cancel = async () => {
    try {
      await cancelLeave(db, { actorUserId: account.userId, schoolId: account.schoolId }, leave.id);
    } catch (e) {
      setError(bt("errSave", { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <li className="leave-row" data-testid="leave-row">
      <div className="leave-row-main">
        <span className="leave-row-text">
          <strong>{name}</strong>
          <span>{datesText(leave.from, leave.to)}</span>
          {leave.note ? <small className="muted">{leave.note}</small> : null}
          <small className="muted">{bt("recordedBy", { name: recordedBy })}</small>
        </span>
        <span className="leave-row-tags">
          <span className={row.when === "now" ? "tag tag-warn" : "tag tag-muted"}>
            {row.when === "now" ? bt("leaveNow") : bt("leaveLater")}
          </span>
          {isPending ? <span className="tag tag-pending">{bt("pending")}</span> : null}
        </span>
      </div>
      {asking ? (
        <div className="leave-cancel-ask">
          <span>{bt("cancelAsk", { name })}</span>
          <div className="button-row">
            <button type="button" className="button button-danger" onClick={() => void cancel()}>
              {bt("cancelYes")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
              {bt("keep")}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small leave-cancel"
          onClick={() => setAsking(true)}
        >
          {bt("cancelLeave")}
        </button>
      )}
      {error ? <p className="field-error">{error}</p> : null}
    </li>
  );
}
