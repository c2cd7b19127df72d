// 现在负责 /duty (SPEC §1 "who is responsible now, for this class / this dorm / the whole
// campus"): three cards — the whole campus, a class (default: my class) and a dorm room — each
// with the people holding it now and their phone numbers, the slot and its times, the next
// hand-over and who takes over. A gap is red and says so (RN-6); the vacation, class time and a
// closed dorm are explained, never blank. Runs on the phone's clock and what it last pulled.
import type { ResponsibleTarget } from "../../../domain/responsible.ts";
import { localDateOf } from "../../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import type { AccountRow } from "../../db/db.ts";
import { lookupOf } from "../../db/roster-view.ts";
import { classLabel, formatClock, slotLabel, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { type SchoolDirectory, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { useRosterData } from "./duty-data.ts";
import { isLaterDay, type NowView, nowView } from "./duty-model.ts";
import { DutyFreshness, HolderList, staffDirectory } from "./duty-parts.tsx";
import { dt } from "./duty-text.ts";
import "./duty.css";

export function DutyPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={dt("title")} message={dt("noSchool")} />;
  return <DutyNow account={account} directory={directory} now={now} />;
}

function DutyNow({
  account,
  directory,
  now,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  now: Date;
}) {
  const { search } = useLocation();
  const settings = directory.settings;
  const today = localDateOf(now, settings.timeZone);
  const data = useRosterData(account.schoolId, today, today);
  if (!data) return <Splash />;

  const roster = lookupOf(data.slots);
  const people = staffDirectory(directory);
  const classes = [...directory.classes].sort(
    (a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN"),
  );
  const mine = classes.find((c) => c.classTeacherId === account.userId);
  const classId = search.get("class") ?? mine?.id ?? classes[0]?.id ?? "";
  const schoolClass = directory.classById.get(classId);
  const roomId = search.get("room") ?? data.rooms[0]?.id ?? "";
  const room = data.roomById.get(roomId);

  // The choice lives in the address, so going back and a reload keep it.
  const choose = (key: "class" | "room", value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    navigate(`/duty?${next.toString()}`, { replace: true });
  };
  const view = (target: ResponsibleTarget) => nowView(now, target, settings, roster, people);

  return (
    <div className="page stack duty-page">
      <div>
        <h1>{dt("title")}</h1>
        <DutyFreshness schoolId={account.schoolId} now={now} />
      </div>

      <NowCard
        testId="now-campus"
        title={dt("campus")}
        view={view({ kind: "campus" })}
        now={now}
        settings={settings}
      />

      <NowCard
        testId="now-class"
        title={dt("classTitle")}
        picker={
          classes.length === 0 ? null : (
            <select
              className="input"
              aria-label={dt("chooseClass")}
              value={classId}
              onChange={(event) => choose("class", event.target.value)}
            >
              {classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {classLabel(c)}
                </option>
              ))}
            </select>
          )
        }
        empty={classes.length === 0 ? dt("noClasses") : undefined}
        view={
          schoolClass
            ? view({
                kind: "class",
                classId: schoolClass.id,
                classTeacherId: schoolClass.classTeacherId,
                timetable: data.timetables.get(schoolClass.id),
              })
            : undefined
        }
        now={now}
        settings={settings}
      />

      <NowCard
        testId="now-room"
        title={dt("roomTitle")}
        picker={
          data.rooms.length === 0 ? null : (
            <select
              className="input"
              aria-label={dt("chooseRoom")}
              value={roomId}
              onChange={(event) => choose("room", event.target.value)}
            >
              {data.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.building} {r.name}
                </option>
              ))}
            </select>
          )
        }
        empty={data.rooms.length === 0 ? dt("noRooms") : undefined}
        view={room ? view({ kind: "room", roomId: room.id, building: room.building }) : undefined}
        now={now}
        settings={settings}
      />

      <DutyLinks account={account} />
    </div>
  );
}

/** The slot's name: the school's slot word, or the non-school day / the vacation. */
function slotTitle(v: NowView): string {
  if (v.state === "vacation") return dt("vacation");
  if (!v.responsible.isSchoolDay) return dt("holidaySlot");
  return slotLabel(v.responsible.slot);
}

const STATE_TEXT = {
  vacation: () => [dt("vacation"), dt("vacationHint")],
  room_closed: () => [dt("roomClosed"), dt("roomClosedHint")],
  class_time_campus: () => [dt("classTimeCampus"), dt("classTimeCampusHint")],
} as const;

export function NowCard({
  title,
  picker,
  empty,
  view,
  now,
  settings,
  testId,
}: {
  title: string;
  picker?: React.ReactNode;
  empty?: string | undefined;
  view: NowView | undefined;
  now: Date;
  settings: EffectiveSettings;
  testId: string;
}) {
  const tz = settings.timeZone;
  const isGap = view?.state === "gap";
  return (
    <section
      className={isGap ? "card now-card is-gap" : "card now-card"}
      aria-label={title}
      data-testid={testId}
      data-state={view?.state}
    >
      <div className="now-head">
        <h2 className="eyebrow">{title}</h2>
        {picker}
      </div>
      {empty ? <p className="muted">{empty}</p> : null}
      {view ? (
        <>
          <p className="now-slot">
            <strong>{slotTitle(view)}</strong>
            {view.state === "vacation" ? null : (
              <span className="now-times">
                {formatClock(view.startsAt, tz)}–
                {isLaterDay(view.endsAt, view.startsAt, tz)
                  ? dt("nightEnd", { time: formatClock(view.endsAt, tz) })
                  : formatClock(view.endsAt, tz)}
              </span>
            )}
            {view.responsible.period !== null ? (
              <span className="now-period">{dt("period", { n: view.responsible.period })}</span>
            ) : null}
          </p>
          <NowBody view={view} />
          {view.next ? <NextLine view={view} now={now} timeZone={tz} /> : null}
        </>
      ) : null}
    </section>
  );
}

function NowBody({ view }: { view: NowView }) {
  if (view.state === "gap") {
    return (
      <div className="now-gap" role="alert">
        <strong data-testid="now-gap">{dt("gap")}</strong>
        <small>{dt("gapHint")}</small>
      </div>
    );
  }
  if (view.state === "held") return <HolderList people={view.people} period={view.responsible.period} />;
  const [head, hint] = STATE_TEXT[view.state]();
  return (
    <div className="now-note">
      {view.state === "vacation" ? null : <strong>{head}</strong>}
      <small className="muted">{hint}</small>
    </div>
  );
}

function NextLine({ view, now, timeZone }: { view: NowView; now: Date; timeZone: string }) {
  const next = view.next;
  if (!next) return null;
  const time = formatClock(next.at, timeZone);
  const handover = isLaterDay(next.at, now, timeZone)
    ? dt("nextHandoverDay", { day: dt("tomorrow"), time })
    : dt("nextHandover", { time });
  const names = next.people.map((p) => p.name).join("、");
  const then =
    next.state === "gap" ? (
      <span className="now-then is-gap">{dt("takeoverGap")}</span>
    ) : names ? (
      <span className="now-then">{dt("takeover", { names })}</span>
    ) : null;
  return (
    <p className="now-next" data-testid="next-handover">
      <strong>{handover}</strong>
      {then}
    </p>
  );
}

function DutyLinks({ account }: { account: AccountRow }) {
  const links = [
    { to: "/my-duties", label: dt("myDutiesLink") },
    { to: "/swaps", label: dt("swapsLink") },
    ...(account.roles.includes("admin") || account.roles.includes("principal")
      ? [{ to: "/roster", label: dt("rosterLink") }]
      : []),
  ];
  return (
    <nav className="duty-links">
      {links.map((l) => (
        <a
          key={l.to}
          href={l.to}
          className="button button-secondary"
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
