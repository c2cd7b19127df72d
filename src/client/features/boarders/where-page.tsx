// 学生现在由谁负责 /where (SPEC §3 "every boarder always has a named adult", issue #6 §4): find a
// pupil by name, student number or pinyin initials, then see who holds them now from the
// hand-over chain (domain/custody.ts custodyAt, CU-1..5) with a call button, or why nobody at
// school does (on leave, picked up by whom and when, sick, UNACCOUNTED, gone home), how that was
// decided, and how fresh this phone's records are. Below: the pupil's roll-call exceptions over
// the term, and the recent nights' hand-overs of a class or a dorm room. All offline.
import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useState } from "react";
import { custodyAt } from "../../../domain/custody.ts";
import { HANDOVER_LABELS, type Handover } from "../../../domain/handover.ts";
import { EXCEPTION_LABELS, type RollCallGroup } from "../../../domain/roll-call.ts";
import { addDays, type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { slotAt } from "../../../domain/time-slots.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import { db } from "../../db/db.ts";
import { listHandovers } from "../../db/handover-view.ts";
import { listDutySlots, listTimetables, lookupOf } from "../../db/roster-view.ts";
import { listAlerts } from "../../db/summary-view.ts";
import { Freshness } from "../../ui/freshness.tsx";
import { classLabel, formatClock, inLang } from "../../ui/i18n.ts";
import { BackLink, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { type SchoolDirectory, schoolMoment, staffName } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import type { BoardersData } from "./boarders-data.ts";
import { type BoardersBodyProps, BoardersFrame } from "./boarders-frame.tsx";
import { bt } from "./boarders-text.ts";
import { datesText, dateText } from "./leave-model.ts";
import {
  type CustodyCard,
  type CustodyHow,
  custodyCard,
  foundSubjects,
  groupHistory,
  pupilExceptions,
  type RoleWord,
  searchPupils,
} from "./where-model.ts";
import "./boarders.css";

/** How many nights the class's or room's history goes back. */
const HISTORY_DAYS = 14;

export function WherePage({ account }: { account: AccountRow }) {
  return <BoardersFrame account={account} title={bt("whereTitle")} Body={WhereBody} />;
}

function WhereBody({ account, directory, data }: BoardersBodyProps) {
  const now = useNow(30_000);
  const { search } = useLocation();
  const pupilId = search.get("pupil");
  const pupil = pupilId ? data.pupilById.get(pupilId) : undefined;
  const choose = (params: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(params)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    navigate(`/where?${next.toString()}`, { replace: true });
  };

  return (
    <div className="page stack boarders-page">
      <BackLink />
      <div>
        <h1>{bt("whereTitle")}</h1>
        <Freshness
          schoolId={account.schoolId}
          now={now}
          text={(which, time) => bt(which, { time })}
          testId="where-freshness"
        />
      </div>
      <PupilSearch
        data={data}
        directory={directory}
        chosen={pupil ?? null}
        onChoose={(p) => choose({ pupil: p?.id ?? null, class: null, room: null })}
      />
      {pupilId && !pupil ? <p className="card muted">{bt("unknownPupil")}</p> : null}
      {pupil ? (
        <>
          <CustodySection
            schoolId={account.schoolId}
            pupil={pupil}
            directory={directory}
            data={data}
            now={now}
          />
          <ExceptionsSection schoolId={account.schoolId} pupil={pupil} directory={directory} now={now} />
        </>
      ) : null}
      <HistorySection
        schoolId={account.schoolId}
        directory={directory}
        data={data}
        now={now}
        pupil={pupil}
        onChoose={choose}
      />
    </div>
  );
}

// ── Search ──────────────────────────────────────────────────────────────────────────────────

function PupilSearch({
  data,
  directory,
  chosen,
  onChoose,
}: {
  data: BoardersData;
  directory: SchoolDirectory;
  chosen: Pupil | null;
  onChoose: (p: Pupil | null) => void;
}) {
  const [query, setQuery] = useState("");
  const [initialsOf, setInitialsOf] = useState<((name: string) => string) | null>(null);
  const wantsPinyin = /^[a-z]+$/i.test(query.trim());
  // Loaded only when someone types letters.
  useEffect(() => {
    if (!wantsPinyin || initialsOf) return;
    let live = true;
    void import("../handovers/pinyin-initials.ts").then((m) => {
      if (live) setInitialsOf(() => m.initialsOf);
    });
    return () => {
      live = false;
    };
  }, [wantsPinyin, initialsOf]);
  const pupils = data.pupils.map((p) => ({ ...p, id: p.id as string, classId: p.classId as string }));
  const { matches, more } = searchPupils(pupils, query, initialsOf);
  const classOf = (p: { classId: string }) => {
    const c = directory.classById.get(p.classId as never);
    return c ? classLabel(c) : "";
  };

  return (
    <section className="stack-small" aria-label={bt("search")}>
      <label className="field">
        <span className="field-label">{bt("search")}</span>
        <input
          type="search"
          className="input"
          data-testid="where-search"
          value={query}
          autoComplete="off"
          placeholder={bt("searchHint")}
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      {query.trim() && matches.length === 0 ? (
        <p className="muted">{bt("noMatch", { q: query.trim() })}</p>
      ) : null}
      {matches.length > 0 ? (
        <ul className="record-list where-results" data-testid="where-results">
          {matches.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="where-result"
                onClick={() => {
                  setQuery("");
                  onChoose(data.pupilById.get(p.id) ?? null);
                }}
              >
                <strong>{p.name}</strong>
                <span className="muted small">
                  {classOf(p)} · {p.studentNo}
                </span>
                <span className={p.isBoarder ? "tag tag-warn" : "tag tag-muted"}>
                  {p.isBoarder ? bt("boarderTag") : bt("dayTag")}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {more > 0 ? <p className="muted small">{bt("more", { n: more })}</p> : null}
      {chosen && !query.trim() ? (
        <p className="where-chosen" data-testid="where-chosen">
          <strong>{chosen.name}</strong>
          <span className="muted">
            {" "}
            {classOf({ classId: chosen.classId })} · {chosen.studentNo}
          </span>
        </p>
      ) : null}
    </section>
  );
}

// ── Who holds the pupil now ────────────────────────────────────────────────────────────────

function CustodySection({
  schoolId,
  pupil,
  directory,
  data,
  now,
}: {
  schoolId: string;
  pupil: Pupil;
  directory: SchoolDirectory;
  data: BoardersData;
  now: Date;
}) {
  const settings = directory.settings;
  const tz = settings.timeZone;
  const dutyDate = slotAt(settings.timeSlots, now, tz).dutyDate;
  const custody = useLiveQuery(async () => {
    const [slots, timetables, handovers, allAlerts] = await Promise.all([
      listDutySlots(db, schoolId, addDays(dutyDate, -1), addDays(dutyDate, 1)),
      listTimetables(db, schoolId),
      listHandovers(db, schoolId, dutyDate),
      listAlerts(db, schoolId),
    ]);
    const mine = handovers
      .map((e) => e.entity)
      .filter(
        (h) =>
          (h.group.kind === "class" && h.group.classId === pupil.classId) ||
          (h.group.kind === "room" && h.group.roomId === pupil.dormRoomId),
      );
    const alerts = allAlerts.filter((a) => a.subjectId === pupil.id);
    return { roster: lookupOf(slots), timetables: timetables.map((e) => e.entity), handovers: mine, alerts };
  }, [schoolId, pupil.id, pupil.classId, pupil.dormRoomId, dutyDate]);
  if (!custody) return <Splash />;
  const schoolClass = directory.classById.get(pupil.classId);
  const result = custodyAt(now, {
    pupil: {
      id: pupil.id,
      name: pupil.name,
      studentNo: pupil.studentNo,
      classId: pupil.classId,
      isBoarder: pupil.isBoarder,
      dormRoomId: pupil.dormRoomId,
      bed: pupil.bed,
    },
    classTeacherId: schoolClass?.classTeacherId ?? null,
    timetable: custody.timetables.find((t) => t.classId === pupil.classId),
    handovers: custody.handovers,
    leaves: data.leaves.map((e) => e.entity),
    foundAlertSubjects: foundSubjects(custody.alerts, (iso) => localDateOf(new Date(iso), tz), dutyDate),
    settings,
    roster: custody.roster,
  });
  const card = custodyCard(result, custody.handovers, (id) => {
    const s = directory.staffById.get(id as never);
    return s ? { name: s.name, phone: s.phone } : undefined;
  });
  const room = pupil.dormRoomId ? data.roomById.get(pupil.dormRoomId) : undefined;
  return (
    <section
      className={`card custody-card is-${card.state}`}
      data-testid="custody"
      data-state={card.state}
      aria-label={bt("nowHeld")}
    >
      <p className="custody-pupil">
        <strong>{pupil.name}</strong>{" "}
        <span className="muted small">
          {schoolClass ? classLabel(schoolClass) : ""}
          {room ? ` · ${room.building} ${room.name}${pupil.bed ? ` ${pupil.bed}` : ""}` : ""}
        </span>
      </p>
      <CustodyBody card={card} timeZone={tz} />
    </section>
  );
}

const ROLE_KEYS: Record<RoleWord, Parameters<typeof bt>[0]> = {
  classTeacher: "roleClassTeacher",
  subjectTeacher: "roleSubjectTeacher",
  duty: "roleDuty",
  eveningDuty: "roleEveningDuty",
  caretaker: "roleCaretaker",
  holiday: "roleHoliday",
};

function howText(how: CustodyHow, timeZone: string): string {
  switch (how.kind) {
    case "roster":
      return bt("viaRoster");
    case "class_teacher_until_dismissal":
      return bt("viaClassTeacher");
    case "evening_until_bedtime":
      return bt("viaEveningUntilBedtime");
    case "dismissal_receiver":
      return bt("viaDismissal", { name: how.name, time: formatClock(Date.parse(how.at), timeZone) });
    case "bedtime_receiver":
      return bt("viaBedtime", { name: how.name, time: formatClock(Date.parse(how.at), timeZone) });
    case "marked":
      return bt("markedAt", {
        who: how.name,
        kind: inLang(HANDOVER_LABELS[how.handoverKind]),
        time: how.at ? formatClock(Date.parse(how.at), timeZone) : "",
      });
  }
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

function CustodyBody({ card, timeZone }: { card: CustodyCard; timeZone: string }) {
  switch (card.state) {
    case "held":
      return (
        <>
          <h2 className="eyebrow">{bt("nowHeld")}</h2>
          <ul className="custody-people" data-testid="custody-people">
            {card.people.map((p) => (
              <li key={p.staffId} className="custody-person">
                <span className="custody-person-text">
                  <strong data-testid="custody-name">{p.name}</strong>
                  <small>{bt(ROLE_KEYS[p.role])}</small>
                </span>
                {p.phone ? (
                  <a
                    href={telHref(p.phone)}
                    className="custody-call"
                    aria-label={bt("call", { name: p.name, phone: p.phone })}
                  >
                    <span aria-hidden="true">☎</span> {p.phone}
                  </a>
                ) : (
                  <span className="muted small">{bt("noPhone")}</span>
                )}
              </li>
            ))}
          </ul>
          <p className="custody-how" data-testid="custody-how">
            {howText(card.how, timeZone)}
          </p>
        </>
      );
    case "nobody":
      return (
        <div role="alert">
          <p className="custody-state">{bt("nobody")}</p>
          <small>{bt("nobodyHint")}</small>
        </div>
      );
    case "unaccounted":
      return (
        <div role="alert">
          <p className="custody-state">{bt("unaccounted")}</p>
          <small>{bt("unaccountedHint")}</small>
          <p className="custody-how">{howText(card.how, timeZone)}</p>
          {card.note ? <p className="small">{card.note}</p> : null}
        </div>
      );
    case "picked_up":
      return (
        <>
          <p className="custody-state">{bt("pickedUp")}</p>
          <p>
            {bt("pickedUpBy", {
              who: card.who,
              time: card.at ? schoolMoment(card.at, timeZone) : "",
            })}
          </p>
          {card.note ? <p className="muted small">{card.note}</p> : null}
          <p className="custody-how">{howText(card.how, timeZone)}</p>
        </>
      );
    case "sick":
      return (
        <>
          <p className="custody-state">{bt("sick")}</p>
          {card.note ? <p>{card.note}</p> : null}
          <p className="custody-how">{howText(card.how, timeZone)}</p>
        </>
      );
    case "on_leave":
      return (
        <>
          <p className="custody-state">
            {bt("onLeave", { dates: card.from && card.to ? datesText(card.from, card.to) : "" })}
          </p>
          <p className="muted small">{bt("onLeaveHint", { note: card.note })}</p>
        </>
      );
    case "gone_home":
      return (
        <>
          <p className="custody-state">{bt("goneHome")}</p>
          <p className="muted small">{bt("goneHomeHint")}</p>
        </>
      );
  }
}

// ── The pupil's term ───────────────────────────────────────────────────────────────────────

function termStart(directory: SchoolDirectory, today: LocalDate): LocalDate {
  const term = directory.settings.terms.find((t) => t.start <= today && today <= t.end);
  return term?.start ?? addDays(today, -120);
}

function ExceptionsSection({
  schoolId,
  pupil,
  directory,
  now,
}: {
  schoolId: string;
  pupil: Pupil;
  directory: SchoolDirectory;
  now: Date;
}) {
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const from = termStart(directory, today);
  const rows = useLiveQuery(async () => {
    const handovers = await listHandovers(db, schoolId, from, today);
    return pupilExceptions(
      handovers.map((e) => e.entity),
      pupil.id,
    );
  }, [schoolId, pupil.id, from, today]);
  return (
    <section className="stack-small" aria-label={bt("exceptionsTitle")} data-testid="pupil-exceptions">
      <h2 className="eyebrow">{bt("exceptionsTitle")}</h2>
      {!rows ? null : rows.length === 0 ? (
        <p className="card muted">{bt("noExceptions")}</p>
      ) : (
        <ul className="record-list">
          {rows.map((r) => (
            <li key={`${r.date}|${r.reason}`} className="history-row">
              <span className="history-date">{dateText(r.date)}</span>
              <span className="history-main">
                <span className={r.reason === "unaccounted" ? "tag tag-danger" : "tag tag-warn"}>
                  {inLang(EXCEPTION_LABELS[r.reason])}
                </span>
                {r.pickedUpBy ? (
                  <span>
                    {" "}
                    {r.pickedUpBy}
                    {r.pickedUpAt ? ` ${formatClock(Date.parse(r.pickedUpAt), tz)}` : ""}
                  </span>
                ) : null}
                {r.note ? <small className="muted history-note">{r.note}</small> : null}
                <small className="muted">
                  {bt("exceptionBy", {
                    kinds: r.kinds.map((k) => inLang(HANDOVER_LABELS[k])).join("、"),
                    who: staffName(directory, r.by),
                  })}
                </small>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// ── A class's or a room's recent hand-overs ────────────────────────────────────────────────

function HistorySection({
  schoolId,
  directory,
  data,
  now,
  pupil,
  onChoose,
}: {
  schoolId: string;
  directory: SchoolDirectory;
  data: BoardersData;
  now: Date;
  pupil: Pupil | undefined;
  onChoose: (params: Record<string, string | null>) => void;
}) {
  const { search } = useLocation();
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const from = addDays(today, -HISTORY_DAYS);
  const classes = [...directory.classes]
    .filter((c) => data.pupils.some((p) => p.isBoarder && p.classId === c.id))
    .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN"));
  const roomParam = search.get("room");
  const classParam = search.get("class");
  const group: RollCallGroup | null = roomParam
    ? { kind: "room", roomId: roomParam }
    : classParam
      ? { kind: "class", classId: classParam }
      : pupil?.isBoarder
        ? { kind: "class", classId: pupil.classId }
        : classes[0]
          ? { kind: "class", classId: classes[0].id }
          : null;
  const value = group ? (group.kind === "class" ? `class:${group.classId}` : `room:${group.roomId}`) : "";
  const rows = useLiveQuery(async () => {
    if (!group) return [];
    const handovers = await listHandovers(db, schoolId, from, today);
    return groupHistory(
      handovers.map((e) => e.entity as Handover),
      group,
    );
  }, [schoolId, value, from, today]);

  return (
    <section className="stack-small" aria-label={bt("historyTitle")} data-testid="group-history">
      <div className="card-head">
        <h2 className="eyebrow">{bt("historyTitle")}</h2>
      </div>
      <select
        className="input"
        aria-label={bt("choose")}
        value={value}
        data-testid="history-group"
        onChange={(event) => {
          const [kind, id] = event.target.value.split(":");
          onChoose(kind === "room" ? { room: id ?? null, class: null } : { class: id ?? null, room: null });
        }}
      >
        <optgroup label={bt("historyClass")}>
          {classes.map((c) => (
            <option key={c.id} value={`class:${c.id}`}>
              {classLabel(c)}
            </option>
          ))}
        </optgroup>
        <optgroup label={bt("historyRoom")}>
          {data.rooms.map((r) => (
            <option key={r.id} value={`room:${r.id}`}>
              {r.building} {r.name}
            </option>
          ))}
        </optgroup>
      </select>
      {!rows ? null : rows.length === 0 ? (
        <p className="card muted">{bt("noHistory", { n: HISTORY_DAYS })}</p>
      ) : (
        <ul className="record-list">
          {rows.map((r) => (
            <li key={r.id} className="history-row" data-testid="history-row">
              <span className="history-date">{dateText(r.date)}</span>
              <span className="history-main">
                <span>
                  <strong>{inLang(HANDOVER_LABELS[r.kind])}</strong>{" "}
                  {r.late ? <span className="tag tag-warn">{bt("late")}</span> : null}{" "}
                  {r.state === "disputed" ? <span className="tag tag-danger">{bt("disputed")}</span> : null}
                  {r.state === "given" ? <span className="tag tag-muted">{bt("waiting")}</span> : null}
                  {r.unaccounted > 0 ? (
                    <span className="tag tag-danger">
                      {inLang(EXCEPTION_LABELS.unaccounted)} {r.unaccounted}
                    </span>
                  ) : null}
                </span>
                <span className="small">
                  {staffName(directory, r.giverId)}
                  {r.givenAt ? ` ${formatClock(Date.parse(r.givenAt), tz)}` : ""}
                  {r.kind === "bedCheck" ? "" : " → "}
                  {r.kind === "bedCheck" ? "" : r.receiverId ? staffName(directory, r.receiverId) : "…"}
                  {r.receivedAt ? ` ${formatClock(Date.parse(r.receivedAt), tz)}` : ""}
                </span>
                <small className="muted">
                  {bt("counts", { expected: r.expected, present: r.present })}
                  {r.exceptions > 0 ? ` · ${bt("countsOther", { n: r.exceptions })}` : ""}
                  {r.receivedCount !== null && r.receivedCount !== r.present
                    ? ` · ${bt("received", { count: r.receivedCount })}`
                    : ""}
                </small>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
