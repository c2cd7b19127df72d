// 首页: the day's work first — what waits on me (等我处理, waiting-card.tsx), report a hazard in one tap (the gatekeeper: a perimeter report),
// the interim controls carried over the night (DC-3), today's rounds of my areas (RD-3, RD-4),
// the hazards I must fix, verify or now answer for (HZ-E1) — then the time slot that is running
// (管理时段化), who is responsible, and the day's slots. Everything comes from this phone's view
// (with work still waiting to sync), so it works offline; it re-renders every 30 seconds.
import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense } from "react";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { ROUND_KINDS, type RoundStatus } from "../../../domain/rounds.ts";
import { localDateOf } from "../../../domain/school-calendar.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import { SLOT_KINDS, type SlotKind, slotAt } from "../../../domain/time-slots.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { readSyncState } from "../../db/mirror-store.ts";
import { getEntry, listEntries } from "../../db/reference-view.ts";
import { listDutySlots } from "../../db/roster-view.ts";
import { listHazardsToVerify, listOpenHazards, listRounds } from "../../db/safety-view.ts";
import { deadlineText, isOverdue } from "../../ui/deadline-text.ts";
import {
  formatClock,
  formatLongDate,
  formatMoment,
  inLang,
  rolesText,
  slotLabel,
  slotResponsible,
  t,
} from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { escalationLabel, roundLabel, severityLabel } from "../../ui/safety-text.ts";
import { useNow } from "../../ui/use-now.ts";
import { hm } from "./home-text.ts";
import {
  checkerOf,
  type HomeArea,
  type MyRound,
  type MyRounds,
  myHazards,
  myRoundsToday,
  roundLink,
} from "./my-work.ts";
import "./home.css";

// 现在负责 (SPEC §1): its own lazy chunk with the roster code, so the first screen stays light.
const DutyCard = lazy(() => import("../duty/duty-card.tsx").then((m) => ({ default: m.DutyCard })));
// 今天的交接 (SPEC §3): likewise its own chunk.
const HandoverCard = lazy(() =>
  import("../handovers/handover-card.tsx").then((m) => ({ default: m.HandoverCard })),
);
// 等我处理 (issue #14 §5): what waits on me, first on the page; likewise its own chunk.
const WaitingCard = lazy(() => import("./waiting-card.tsx").then((m) => ({ default: m.WaitingCard })));
// 本周安全小结 (SPEC §4): the class teacher's week, likewise its own chunk.
const SummaryCard = lazy(() =>
  import("../summaries/summary-card.tsx").then((m) => ({ default: m.SummaryCard })),
);

export function HomePage({ account }: { account: AccountRow }) {
  const now = useNow(30_000);
  const reference = useLiveQuery(
    async () => {
      const [school, state] = await Promise.all([
        getEntry(db, "school", account.schoolId),
        readSyncState(db, account.schoolId),
      ]);
      return school ? { school: school.entity, pulledAt: state.lastPullAt } : undefined;
    },
    [account.schoolId],
    null,
  );
  const timeZone = reference?.school.settings.timeZone;
  const today = timeZone ? localDateOf(now, timeZone) : null;
  const work = useLiveQuery(
    async () => {
      if (!today) return null;
      const [areas, classes, rounds, open, toVerify, dutySlots] = await Promise.all([
        listEntries(db, account.schoolId, "area"),
        listEntries(db, account.schoolId, "class"),
        listRounds(db, account.schoolId, today),
        listOpenHazards(db, account.schoolId),
        listHazardsToVerify(db, account.schoolId),
        listDutySlots(db, account.schoolId, today),
      ]);
      return {
        areas: areas.map((e) => e.entity as HomeArea),
        classes: classes.map((e) => e.entity),
        records: rounds.map((e) => ({
          areaId: e.entity.areaId,
          round: e.entity.round,
          checkedAt: e.entity.checkedAt,
          ...(e.entity.timing ? { timing: e.entity.timing } : {}),
          hasPendingChanges: e.hasPendingChanges,
        })),
        open: open.map((e) => e.entity),
        toVerify: toVerify.map((e) => e.entity),
        // RD-4: today's duty slots decide whose rounds the campus is.
        dutySlots: dutySlots.map((e) => e.entity),
        pendingHazards: new Set(
          [...open, ...toVerify].filter((e) => e.hasPendingChanges).map((e) => e.entity.id),
        ),
      };
    },
    [account.schoolId, today],
    null,
  );

  if (reference === null) return <div className="splash">{t("loading")}</div>;
  if (reference === undefined) {
    return (
      <div className="page stack">
        <ReportActions account={account} />
        <h1 className="date-line">{formatLongDate(now, "Asia/Shanghai")}</h1>
        <p className="card muted">{t("noReference")}</p>
        <SignedInCard account={account} />
      </div>
    );
  }

  const settings = effectiveSettings(reference.school.settings);
  const slot = slotAt(settings.timeSlots, now, settings.timeZone);
  const nextSlot = SLOT_KINDS[(SLOT_KINDS.indexOf(slot.slot) + 1) % SLOT_KINDS.length] as SlotKind;
  const me = { id: account.userId, roles: account.roles };

  let workCards: React.ReactNode = null;
  if (work && today) {
    const checker = checkerOf(me, work.classes, { date: today, slots: work.dutySlots });
    const rounds = myRoundsToday({
      settings,
      date: today,
      now,
      areas: work.areas,
      me: checker,
      records: work.records,
    });
    const hazards = myHazards({
      me,
      open: work.open,
      toVerify: work.toVerify,
      areas: work.areas,
      classes: work.classes,
      settings,
      slot: slot.slot,
      dutyRounds: checker.dutyRounds,
      now,
    });
    const areaName = new Map(work.areas.map((a) => [a.id, a.name]));
    const row = (h: Hazard, extra?: React.ReactNode) => (
      <HazardLine
        key={h.id}
        hazard={h}
        areaName={areaName.get(h.areaId) ?? ""}
        now={now}
        timeZone={settings.timeZone}
        isPending={work.pendingHazards.has(h.id)}
        extra={extra}
      />
    );
    workCards = (
      <>
        <WorkCard
          name="carried"
          className="is-first"
          title={hm("carriedTitle")}
          hint={hm("carriedHint")}
          rows={hazards.carried.map((h) =>
            row(h, h.control ? <small>{hm("measures", { text: h.control.text })}</small> : null),
          )}
        />
        <MyRoundsCard rounds={rounds} timeZone={settings.timeZone} />
        <WorkCard
          name="assigned"
          title={hm("assignedTitle", { n: hazards.assigned.length })}
          rows={hazards.assigned.map((h) => row(h))}
        />
        <WorkCard
          name="escalated"
          className="is-urgent"
          title={hm("escalatedTitle", { n: hazards.escalated.length })}
          rows={hazards.escalated.map(({ hazard, level }) =>
            row(
              hazard,
              <small className="warn-text">{hm("escalatedTo", { level: escalationLabel(level) })}</small>,
            ),
          )}
        />
        <WorkCard
          name="unassigned"
          title={hm("unassignedTitle", { n: hazards.unassigned.length })}
          rows={hazards.unassigned.map((h) => row(h))}
        />
        <WorkCard
          name="verify"
          testId="to-verify"
          title={hm("verifyTitle", { n: hazards.toVerify.length })}
          rows={hazards.toVerify.map((h) =>
            row(
              h,
              h.rectification ? <small>{hm("rectifiedAgo", { text: h.rectification.text })}</small> : null,
            ),
          )}
        />
      </>
    );
  }

  return (
    <div className="page stack">
      <Suspense fallback={null}>
        <WaitingCard account={account} />
      </Suspense>
      <ReportActions account={account} />
      {workCards}
      <Suspense fallback={null}>
        <DutyCard account={account} />
      </Suspense>
      <Suspense fallback={null}>
        <HandoverCard account={account} />
      </Suspense>
      <Suspense fallback={null}>
        <SummaryCard account={account} />
      </Suspense>
      <BoarderLinks account={account} />
      <p className="date-line" data-testid="today">
        {formatLongDate(now, settings.timeZone)}
      </p>
      <section className="card slot-now" aria-labelledby="slot-now-title" data-testid="current-slot">
        <h2 id="slot-now-title" className="eyebrow">
          {t("currentSlot")}
        </h2>
        <p className="slot-name">
          <span data-testid="current-slot-label">{slotLabel(slot.slot)}</span>
          <span className="slot-times">
            {slot.startClock}–{slot.endClock}
          </span>
        </p>
        <p>{t("responsible", { who: slotResponsible(slot.slot) })}</p>
        <p className="handover">{t("nextHandover", { time: slot.endClock, slot: slotLabel(nextSlot) })}</p>
      </section>

      <section className="card" aria-labelledby="day-title">
        <h2 id="day-title" className="eyebrow">
          {t("daySchedule")}
        </h2>
        <ol className="slot-list">
          {SLOT_KINDS.map((kind) => {
            const times = settings.timeSlots[kind];
            const isNow = kind === slot.slot;
            return (
              <li
                key={kind}
                className={isNow ? "slot-row is-now" : "slot-row"}
                aria-current={isNow ? "time" : undefined}
              >
                <span className="slot-row-time">
                  {times.start}–{times.end}
                </span>
                <span className="slot-row-text">
                  <strong>
                    {slotLabel(kind)}
                    {isNow ? <span className="badge">{t("slotNow")}</span> : null}
                  </strong>
                  <small>{slotResponsible(kind)}</small>
                </span>
              </li>
            );
          })}
        </ol>
      </section>

      <SignedInCard account={account} />
      {reference.pulledAt ? (
        <p className="muted small">{t("referenceAsOf", { time: formatMoment(reference.pulledAt) })}</p>
      ) : null}
    </div>
  );
}

function go(to: string) {
  return (event: React.MouseEvent) => {
    event.preventDefault();
    navigate(to);
  };
}

/** One tap to report (及时报告); on the gatekeeper's phone the perimeter report comes first. */
function ReportActions({ account }: { account: AccountRow }) {
  if (account.roles.includes("gatekeeper")) {
    return (
      <div className="report-actions">
        <a
          href="/report?quick=perimeter"
          className="report-big is-perimeter"
          onClick={go("/report?quick=perimeter")}
        >
          <strong>{hm("quickPerimeter")}</strong>
          <small>{hm("quickPerimeterHint")}</small>
        </a>
        <a href="/report" className="button button-secondary report-other" onClick={go("/report")}>
          {hm("otherHazard")}
        </a>
      </div>
    );
  }
  return (
    <a href="/report" className="report-big" onClick={go("/report")}>
      <strong>{hm("report")}</strong>
      <small>{hm("reportHint")}</small>
    </a>
  );
}

const STATUS_TEXT: Record<RoundStatus, () => string> = {
  done: () => hm("statusDone"),
  late: () => hm("statusLate"),
  due: () => hm("statusDue"),
  upcoming: () => hm("statusUpcoming"),
  missed: () => hm("statusMissed"),
  not_required: () => hm("statusNotRequired"),
};

const COUNT_TEXT: Record<RoundStatus, (n: number) => string> = {
  done: (n) => hm("countDone", { n }),
  late: (n) => hm("countLate", { n }),
  due: (n) => hm("countDue", { n }),
  upcoming: (n) => hm("countUpcoming", { n }),
  missed: (n) => hm("countMissed", { n }),
  not_required: (n) => hm("countNotRequired", { n }),
};

const COUNT_ORDER: readonly RoundStatus[] = ["due", "missed", "upcoming", "late", "done", "not_required"];

function MyRoundsCard({ rounds, timeZone }: { rounds: MyRounds; timeZone: string }) {
  const hasAreas = rounds.rounds.some((r) => r.areas.length > 0);
  if (!hasAreas) {
    return <p className="card muted small">{hm("noAreas")}</p>;
  }
  return (
    <section className="card work-card" aria-labelledby="rounds-title" data-testid="my-rounds">
      <h2 id="rounds-title" className="eyebrow">
        {hm("myRounds")}
      </h2>
      {rounds.isSchoolDay ? null : <p className="muted small">{hm("notSchoolDay")}</p>}
      <div className="round-groups">
        {ROUND_KINDS.map((kind) => {
          const round = rounds.rounds.find((r) => r.round === kind);
          if (!round) return null;
          return (
            <RoundGroup
              key={kind}
              round={round}
              date={rounds.date}
              isFocus={kind === rounds.focus && rounds.isSchoolDay}
              timeZone={timeZone}
            />
          );
        })}
      </div>
    </section>
  );
}

function RoundGroup({
  round,
  date,
  isFocus,
  timeZone,
}: {
  round: MyRound;
  date: string;
  isFocus: boolean;
  timeZone: string;
}) {
  // The round in focus is open; the others fold into one line a tap opens.
  const summary = COUNT_ORDER.filter((s) => (round.counts[s] ?? 0) > 0)
    .map((s) => COUNT_TEXT[s](round.counts[s] ?? 0))
    .join(" · ");
  return (
    <details
      className={isFocus ? "round-group is-focus" : "round-group"}
      open={isFocus}
      data-round={round.round}
    >
      <summary className="round-summary">
        <span className="round-name">
          <strong>{roundLabel(round.round)}</strong>
          <small>
            {formatClock(round.start, timeZone)}–{formatClock(round.end, timeZone)}
          </small>
          {isFocus && round.areas.some((a) => a.status === "due") ? (
            <span className="badge">{hm("roundNow")}</span>
          ) : null}
        </span>
        <span className="round-counts">{summary}</span>
      </summary>
      <ul className="round-areas">
        {round.areas.map((a) => {
          const to = roundLink(a.area.id, round.round, date);
          return (
            <li key={a.area.id}>
              <a href={to} className={`round-area is-${a.status}`} onClick={go(to)} data-testid="round-area">
                <span className="round-area-name">{a.area.name}</span>
                <span className="round-area-tags">
                  {a.isPending ? <span className="tag tag-pending">{hm("pending")}</span> : null}
                  <span className={`round-status status-${a.status}`}>{STATUS_TEXT[a.status]()}</span>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function HazardLine({
  hazard,
  areaName,
  now,
  timeZone,
  isPending,
  extra,
}: {
  hazard: Hazard;
  areaName: string;
  now: Date;
  timeZone: string;
  isPending: boolean;
  extra?: React.ReactNode;
}) {
  const to = `/hazards/${hazard.id}`;
  const isLate = hazard.state !== "rectified" && isOverdue(hazard.deadline, now);
  const place =
    hazard.place.trim() && hazard.place.trim() !== areaName
      ? `${areaName} · ${hazard.place.trim()}`
      : areaName;
  return (
    <li>
      <a
        href={to}
        className={isLate ? "work-row is-overdue" : "work-row"}
        onClick={go(to)}
        data-testid="work-hazard"
      >
        <span className="work-row-text">
          <span className="work-row-head">
            <span className={`sev-tag sev-${hazard.severity}`}>{severityLabel(hazard.severity)}</span>
            <strong>{place}</strong>
          </span>
          <span className="hazard-row-desc clamp-2">{hazard.description}</span>
          {extra}
          <span className="work-row-meta">
            {hazard.state === "rectified" ? null : (
              <span className={isLate ? "deadline is-overdue" : "deadline"}>
                {deadlineText(hazard.deadline, now, timeZone)}
              </span>
            )}
            {isPending ? <span className="tag tag-pending">{hm("pending")}</span> : null}
          </span>
        </span>
        <span className="chevron" aria-hidden="true">
          ›
        </span>
      </a>
    </li>
  );
}

/** One list of my hazards (carried over, to fix, escalated, to assign, to verify); nothing when empty. */
function WorkCard({
  name,
  testId = name,
  className,
  title,
  hint,
  rows,
}: {
  name: string;
  testId?: string;
  className?: string;
  title: string;
  hint?: string;
  rows: React.ReactNode[];
}) {
  if (rows.length === 0) return null;
  return (
    <section
      className={className ? `card work-card ${className}` : "card work-card"}
      aria-labelledby={`${name}-title`}
      data-testid={testId}
    >
      <h2 id={`${name}-title`} className="eyebrow">
        {title}
      </h2>
      {hint ? <p className="muted small">{hint}</p> : null}
      <ul className="work-list">{rows}</ul>
    </section>
  );
}

function SignedInCard({ account }: { account: AccountRow }) {
  return (
    <section className="card" aria-labelledby="me-title">
      <h2 id="me-title" className="eyebrow">
        {t("signedInAs")}
      </h2>
      <p>
        <strong>{account.name}</strong> · {account.login}
      </p>
      <p className="muted">{rolesText(account.roles)}</p>
    </section>
  );
}

/** 请假 and 学生在谁那里 (SPEC §3): one row of links under the hand-overs. */
function BoarderLinks({ account }: { account: AccountRow }) {
  const links = [
    ...(account.roles.includes("class_teacher") || account.roles.includes("admin")
      ? [{ to: "/leave", label: inLang({ zh: "请假", en: "Leave" }) }]
      : []),
    { to: "/where", label: inLang({ zh: "学生在谁那里", en: "Where is a pupil" }) },
    { to: "/education", label: inLang({ zh: "安全教育", en: "Safety education" }) },
    { to: "/month", label: inLang({ zh: "月度评比", en: "Monthly review" }) },
  ];
  return (
    <nav className="button-row" data-testid="boarder-links">
      {links.map((l) => (
        <a
          key={l.to}
          href={l.to}
          className="button button-secondary button-small"
          onClick={(event) => {
            event.preventDefault();
            navigate(l.to);
          }}
        >
          {l.label}
        </a>
      ))}
    </nav>
  );
}
