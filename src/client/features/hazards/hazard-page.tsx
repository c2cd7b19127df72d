// 隐患详情 /hazards/{id} (SPEC §2 "Life of a hazard"): where and what, how long is left before
// the "not overnight" deadline, interim control, the night owner, the rectification with its
// "after" photos and who verified it; the buttons for this person's next steps (each a small
// form, saved offline); the escalation ladder up the management network, headed by whoever is on
// duty now (from the roster on this phone: the current slot holder hears first); and the whole history
// with pending, refused and repeated steps marked. Works offline on the view; a refused step of
// this person links to 需要处理.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import type { Hazard, HazardActionKind } from "../../../domain/hazard-machine.ts";
import { HAZARD_ACTION_KINDS, isOpenState } from "../../../domain/hazard-machine.ts";
import { addDays, localDateOf } from "../../../domain/school-calendar.ts";
import { type AccountRow, db, type OutboxRow } from "../../db/db.ts";
import { listDutySlots, listTimetables, lookupOf } from "../../db/roster-view.ts";
import { getHazard } from "../../db/safety-view.ts";
import { areaResponsibleId } from "../../ui/area-people.ts";
import { deadlineState, deadlineText } from "../../ui/deadline-text.ts";
import { PendingMark, SeverityTag } from "../../ui/hazard-row.tsx";
import { getLang, useLang } from "../../ui/i18n.ts";
import { BackLink, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { PhotoThumbs } from "../../ui/photo-thumbs.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { escalationLabel, hazardActionLabel, hazardStateLabel, severityLabel } from "../../ui/safety-text.ts";
import {
  areaName,
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { StepForm } from "./hazard-forms.tsx";
import {
  actionButtons,
  type LadderRung,
  ladder,
  onDutyNow,
  type TimelineRow,
  timelineRows,
} from "./hazard-model.ts";
import { ht } from "./hazard-text.ts";
import "./hazard.css";

const PREFIX = "/hazards/";

export function HazardPage({ account }: { account: AccountRow }) {
  useLang();
  const { path, search } = useLocation();
  const hazardId = decodeURIComponent(path.slice(PREFIX.length));
  const backTo = safeBack(search.get("back"));
  const directory = useSchoolDirectory(account.schoolId);
  const entry = useLiveQuery(() => getHazard(db, hazardId), [hazardId], null);
  const outbox = useLiveQuery(
    () => db.outbox.where("touchKeys").equals(`hazard:${hazardId}`).toArray(),
    [hazardId],
    [] as OutboxRow[],
  );

  if (entry === null || directory === null) return <Splash />;
  if (directory === undefined || entry === undefined) {
    return (
      <PageNotice
        back={<BackLink to={backTo} />}
        title={ht("title")}
        message={directory === undefined ? ht("noSchool") : ht("notFound")}
        testId="hazard-missing"
      />
    );
  }
  return (
    <HazardView
      account={account}
      hazard={entry.entity}
      hasPendingChanges={entry.hasPendingChanges}
      directory={directory}
      outbox={outbox}
      backTo={backTo}
      requested={asAction(search.get("do"))}
    />
  );
}

/** Only paths inside the app (no open redirect through ?back=). */
function safeBack(back: string | null): string {
  return back?.startsWith("/") && !back.startsWith("//") ? back : "/board";
}

function asAction(value: string | null): HazardActionKind | undefined {
  const kinds: readonly string[] = HAZARD_ACTION_KINDS;
  return value && kinds.includes(value) ? (value as HazardActionKind) : undefined;
}

function HazardView({
  account,
  hazard,
  hasPendingChanges,
  directory,
  outbox,
  backTo,
  requested,
}: {
  account: AccountRow;
  hazard: Hazard;
  hasPendingChanges: boolean;
  directory: SchoolDirectory;
  outbox: OutboxRow[];
  backTo: string;
  requested: HazardActionKind | undefined;
}) {
  const now = useNow(30_000);
  const area = directory.areaById.get(hazard.areaId);
  const responsibleId = area ? areaResponsibleId(area, directory.classes) : null;
  const buttons = actionButtons(hazard, { id: account.userId, roles: account.roles }, responsibleId);
  const [openForm, setOpenForm] = useState<HazardActionKind | null>(
    requested && buttons.some((b) => b.kind === requested) ? requested : null,
  );
  const [savedNote, setSavedNote] = useState(false);
  const pendingIds = new Set(
    outbox.filter((r) => r.status === "pending" || r.status === "applied").map((r) => r.mutationId),
  );
  const myRefused = outbox.filter(
    (r) => r.actorUserId === account.userId && (r.status === "conflict" || r.status === "rejected"),
  );
  const tz = directory.settings.timeZone;
  const at = (iso: string) => schoolMoment(iso, tz);
  const isOpen = isOpenState(hazard.state);
  const deadline = deadlineState(hazard.deadline, now);

  return (
    <div className="page stack hazard-page" data-testid="hazard-page" data-state={hazard.state}>
      <BackLink to={backTo} />
      <header className="hazard-head">
        <p className="hazard-tags">
          <SeverityTag severity={hazard.severity} />
          <span className={`tag state-tag state-${hazard.state}`} data-testid="hazard-state">
            {hazardStateLabel(hazard.state)}
          </span>
          {hasPendingChanges ? <PendingMark /> : null}
        </p>
        <h1>
          {areaName(directory, hazard.areaId)}
          {hazard.place.trim() ? <span className="hazard-place"> · {hazard.place.trim()}</span> : null}
        </h1>
        <p className="hazard-desc">{hazard.description}</p>
      </header>

      {myRefused.length > 0 ? (
        <a
          href="/attention"
          className="error hazard-refused"
          data-testid="hazard-refused"
          onClick={(event) => {
            event.preventDefault();
            navigate("/attention");
          }}
        >
          <span>{ht("refusedNote", { n: myRefused.length })}</span>
          <span className="hazard-refused-link">{ht("openAttention")} ›</span>
        </a>
      ) : null}
      {hasPendingChanges ? <p className="note-pending">{ht("pendingNote")}</p> : null}

      <section
        className={`card deadline-card${isOpen && deadline.isOverdue ? " is-overdue" : ""}`}
        aria-labelledby="deadline-title"
        data-testid="hazard-deadline"
      >
        <h2 id="deadline-title" className="eyebrow">
          {ht("deadlineTitle")}
        </h2>
        {isOpen ? (
          <p className="deadline-big">{deadlineText(hazard.deadline, now)}</p>
        ) : hazard.rectification ? (
          <p className="deadline-big is-done">
            {ht("rectifiedOnTime", { time: at(hazard.rectification.at) })}
          </p>
        ) : null}
        <p>
          {ht("deadlineAt", { time: at(hazard.deadline) })}
          {hazard.deadlineSetBy ? (
            <span className="muted">
              {" "}
              · {ht("deadlineMovedBy", { name: staffName(directory, hazard.deadlineSetBy) })}
            </span>
          ) : null}
        </p>
        {isOpen && hazard.state !== "controlled" ? <p className="muted small">{ht("notOvernight")}</p> : null}
      </section>

      <section className="stack-small" aria-labelledby="actions-title">
        <h2 id="actions-title" className="section-title">
          {ht("actionsTitle")}
        </h2>
        {savedNote && openForm === null ? (
          <p className="ok-text" role="status" data-testid="step-saved">
            {ht("saved")}
          </p>
        ) : null}
        {buttons.length === 0 ? (
          <p className="muted">{ht("noActions")}</p>
        ) : (
          <div className="action-grid">
            {buttons.map((b) => (
              <button
                key={b.kind}
                type="button"
                className={b.isPrimary ? "button" : "button button-secondary"}
                aria-expanded={openForm === b.kind}
                data-testid={`action-${b.kind}`}
                onClick={() => {
                  setSavedNote(false);
                  setOpenForm(openForm === b.kind ? null : b.kind);
                }}
              >
                {hazardActionLabel(b.kind)}
              </button>
            ))}
          </div>
        )}
        {openForm ? (
          <StepForm
            key={openForm}
            kind={openForm}
            hazard={hazard}
            account={account}
            directory={directory}
            responsibleId={responsibleId}
            onCancel={() => setOpenForm(null)}
            onDone={() => {
              setOpenForm(null);
              setSavedNote(true);
              if (requested) navigate(backTo);
            }}
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          {ht("title")}
        </h2>
        <dl className="hazard-facts">
          <Fact label={ht("factSeverity")}>{severityLabel(hazard.severity)}</Fact>
          <Fact label={ht("factReporter")}>{staffName(directory, hazard.reportedBy)}</Fact>
          <Fact label={ht("factFoundAt")}>{at(hazard.foundAt)}</Fact>
          <Fact label={ht("factAssignee")}>
            {hazard.assigneeId ? staffName(directory, hazard.assigneeId) : ht("notAssigned")}
          </Fact>
          <Fact label={ht("factNightOwner")}>
            {hazard.nightOwnerId ? staffName(directory, hazard.nightOwnerId) : ht("none")}
          </Fact>
          {hazard.closedBy ? (
            <Fact label={ht("factClosedBy")}>
              {ht("byAt", {
                name: staffName(directory, hazard.closedBy),
                time: at(hazard.closedAt ?? hazard.foundAt),
              })}
            </Fact>
          ) : null}
        </dl>
        {hazard.photos.length > 0 ? (
          <div className="stack-small hazard-photos">
            <p className="field-label">{ht("factBeforePhotos")}</p>
            <PhotoThumbs names={hazard.photos} account={account} />
          </div>
        ) : null}
      </section>

      {hazard.control ? (
        <section className="card stack-small" aria-labelledby="control-title" data-testid="hazard-control">
          <h2 id="control-title" className="eyebrow">
            {ht("controlTitle")}
          </h2>
          <p>{hazard.control.text}</p>
          <PhotoThumbs names={hazard.control.photos} account={account} />
          <p className="muted small">
            {ht("byAt", { name: staffName(directory, hazard.control.by), time: at(hazard.control.at) })}
          </p>
        </section>
      ) : null}

      {hazard.rectification ? (
        <section
          className="card stack-small"
          aria-labelledby="rectify-title"
          data-testid="hazard-rectification"
        >
          <h2 id="rectify-title" className="eyebrow">
            {ht("rectifyTitle")}
          </h2>
          {hazard.rectification.text ? <p>{hazard.rectification.text}</p> : null}
          <p className="field-label small">{ht("afterPhotos")}</p>
          <PhotoThumbs names={hazard.rectification.photos} account={account} />
          <p className="muted small">
            {ht("byAt", {
              name: staffName(directory, hazard.rectification.by),
              time: at(hazard.rectification.at),
            })}
          </p>
        </section>
      ) : null}

      <Ladder hazard={hazard} directory={directory} now={now} timeZone={tz} schoolId={account.schoolId} />
      <Timeline
        rows={timelineRows(hazard, pendingIds)}
        directory={directory}
        account={account}
        timeZone={tz}
      />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Ladder({
  hazard,
  directory,
  now,
  timeZone,
  schoolId,
}: {
  hazard: Hazard;
  directory: SchoolDirectory;
  now: Date;
  timeZone: string;
  schoolId: string;
}) {
  const today = localDateOf(now, timeZone);
  // Yesterday too: after midnight the night slot still belongs to the day it began (RN-1).
  const roster = useLiveQuery(
    async () => {
      const [slots, timetables] = await Promise.all([
        listDutySlots(db, schoolId, addDays(today, -1), today),
        listTimetables(db, schoolId),
      ]);
      return {
        lookup: lookupOf(slots),
        timetables: new Map(timetables.map((e) => [e.entity.classId, e.entity])),
      };
    },
    [schoolId, today],
    null,
  );
  const onDuty = roster
    ? onDutyNow(hazard, directory, directory.settings, roster.lookup, roster.timetables, now)
    : undefined;
  const rungs = ladder(hazard, directory, directory.settings.escalationDelays, now, onDuty);
  const isOpen = isOpenState(hazard.state);
  return (
    <section className="card stack-small" aria-labelledby="ladder-title" data-testid="hazard-ladder">
      <h2 id="ladder-title" className="eyebrow">
        {ht("ladderTitle")}
      </h2>
      <p className="muted small">{isOpen ? ht("ladderIntro") : ht("ladderStopped")}</p>
      <ol className="ladder">
        {rungs.map((rung) => (
          <li
            key={rung.level}
            className={rung.isReached ? "rung is-reached" : "rung"}
            data-reached={rung.isReached}
            data-level={rung.level}
          >
            <span className="rung-mark" aria-hidden="true">
              {rung.isReached ? "!" : ""}
            </span>
            <span className="rung-text">
              <strong>{rung.level === "on_duty" ? ht("ladderOnDuty") : escalationLabel(rung.level)}</strong>
              <small>{rungPeople(rung, timeZone)}</small>
            </span>
            <span className="rung-when">
              <span className="rung-time">{schoolMoment(rung.at, timeZone)}</span>
              {isOpen ? (
                <span className={rung.isReached ? "tag tag-danger" : "tag tag-muted"}>
                  {rung.isReached ? ht("ladderReached") : ht("ladderNotYet")}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The names on a rung; on duty also until when, or why nobody is named. */
function rungPeople(rung: LadderRung, timeZone: string): string {
  const names =
    rung.people.length > 0
      ? rung.people.join(getLang() === "zh" ? "、" : ", ")
      : rung.note === "gap"
        ? ht("ladderOnDutyGap")
        : rung.note === "classTime"
          ? ht("ladderOnDutyClassTime")
          : ht("ladderNobody");
  if (rung.level !== "on_duty" || !rung.until) return names;
  return `${names} · ${ht("ladderOnDutyUntil", { time: schoolMoment(rung.until, timeZone) })}`;
}

function Timeline({
  rows,
  directory,
  account,
  timeZone,
}: {
  rows: TimelineRow[];
  directory: SchoolDirectory;
  account: AccountRow;
  timeZone: string;
}) {
  return (
    <section className="card stack-small" aria-labelledby="history-title">
      <h2 id="history-title" className="eyebrow">
        {ht("historyTitle")}
      </h2>
      <ol className="timeline" data-testid="hazard-history">
        {rows.map((row) => (
          <li
            key={row.id}
            className={`event${row.refused ? " is-refused" : ""}${row.isRepeat ? " is-repeat" : ""}${row.isPending ? " is-pending" : ""}`}
            data-testid="history-event"
            data-kind={row.kind}
          >
            <p className="event-head">
              <strong>{hazardActionLabel(row.kind)}</strong>
              {row.from && row.to && row.from !== row.to ? (
                <span className="event-move">
                  {hazardStateLabel(row.from)} → {hazardStateLabel(row.to)}
                </span>
              ) : row.kind === "report" && row.to ? (
                <span className="event-move">{hazardStateLabel(row.to)}</span>
              ) : null}
              {row.isPending ? <PendingMark /> : null}
            </p>
            <p className="muted small">
              {staffName(directory, row.by)} · {schoolMoment(row.at, timeZone)}
            </p>
            {row.refused ? (
              <p className="event-refused">{ht("historyRefused", { reason: row.refused })}</p>
            ) : null}
            {row.isRepeat ? <p className="muted small">{ht("historyRepeat")}</p> : null}
            {row.severity && row.kind !== "report" ? (
              <p>{ht("historySeverity", { severity: severityLabel(row.severity) })}</p>
            ) : null}
            {row.assigneeId ? (
              <p>{ht("historyAssignee", { name: staffName(directory, row.assigneeId) })}</p>
            ) : null}
            {row.deadline ? (
              <p>{ht("historyDeadline", { time: schoolMoment(row.deadline, timeZone) })}</p>
            ) : null}
            {row.nightOwnerId ? (
              <p>{ht("historyNightOwner", { name: staffName(directory, row.nightOwnerId) })}</p>
            ) : null}
            {row.text ? <p className="event-text">{row.text}</p> : null}
            {row.photos.length > 0 ? <PhotoThumbs names={row.photos} account={account} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
