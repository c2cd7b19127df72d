// 我的值班 /my-duties (SPEC §1 "what are my next duties"): the next 14 days for the person
// signed in, from the roster on this phone (offline), each duty with its date and weekday, its
// times, where, and the work it brings (rounds, the boarders' hand-overs, bed checks); a class
// teacher also sees the dismissal hand-over of each school day. Each duty not yet begun has
// 申请换班, which opens /swaps with the slot chosen.
import { useLiveQuery } from "dexie-react-hooks";
import { addDays, atLocal, type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import { parseClockTime } from "../../../domain/time-slots.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { listSwaps } from "../../db/roster-view.ts";
import { PendingMark } from "../../ui/hazard-row.tsx";
import { classLabel, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate } from "../../ui/router.ts";
import { roundLabel } from "../../ui/safety-text.ts";
import { type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { useRosterData } from "./duty-data.ts";
import { DutyFreshness, dayTitle, dutyName, scopeText } from "./duty-parts.tsx";
import { dt } from "./duty-text.ts";
import { buildMyDuties, type DutyTask, MY_DUTY_DAYS, type MyDutyItem, taskLink } from "./my-duties-model.ts";
import "./duty.css";

export function MyDutiesPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(60_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={dt("myTitle")} message={dt("noSchool")} />;
  return <MyDuties account={account} directory={directory} now={now} />;
}

function MyDuties({
  account,
  directory,
  now,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  now: Date;
}) {
  const settings = directory.settings;
  const today = localDateOf(now, settings.timeZone);
  const data = useRosterData(account.schoolId, today, addDays(today, MY_DUTY_DAYS - 1));
  // Slots I already asked to swap (still open): say so instead of offering a second ask.
  const asked = useLiveQuery(async () => {
    const swaps = await listSwaps(db, account.schoolId);
    return new Set(
      swaps
        .filter(
          (e) =>
            e.entity.askedBy === account.userId &&
            (e.entity.state === "asked" || e.entity.state === "accepted"),
        )
        .map((e) => e.entity.give.slotId),
    );
  }, [account.schoolId, account.userId]);
  if (!data) return <Splash />;

  const days = buildMyDuties({
    staffId: account.userId,
    today,
    slots: data.slots,
    settings,
    campusAreas: directory.areas
      .filter((a) => a.kind === "campus")
      .map((a) => ({ id: a.id, name: a.name }))
      .sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    myClasses: directory.classes
      .filter((c) => c.classTeacherId === account.userId)
      .map((c) => ({ id: c.id, name: classLabel(c) })),
  });

  return (
    <div className="page stack my-duties-page">
      <div>
        <h1>{dt("myTitle")}</h1>
        <p className="muted">{dt("myIntro")}</p>
        <DutyFreshness schoolId={account.schoolId} now={now} />
      </div>
      {days.length === 0 ? (
        <p className="card muted" data-testid="my-duties-none">
          {dt("myNone")}
        </p>
      ) : (
        days.map((day) => (
          <section
            key={day.date}
            className="duty-day"
            aria-labelledby={`day-${day.date}`}
            data-testid="duty-day"
          >
            <h2 id={`day-${day.date}`} className="duty-day-title section-title">
              {dayTitle(day.date)}
              {day.isToday ? <span className="badge">{dt("today")}</span> : null}
            </h2>
            {day.items.map((item) => (
              <DutyItem
                key={item.key}
                item={item}
                directory={directory}
                rooms={data.roomById}
                now={now}
                isAsked={asked?.has(item.slotId ?? "") ?? false}
              />
            ))}
          </section>
        ))
      )}
    </div>
  );
}

function DutyItem({
  item,
  directory,
  rooms,
  now,
  isAsked,
}: {
  item: MyDutyItem;
  directory: SchoolDirectory;
  rooms: ReadonlyMap<string, DormRoom>;
  now: Date;
  isAsked: boolean;
}) {
  const tz = directory.settings.timeZone;
  const title = item.kind === "classHandover" ? dt("classHandoverTitle") : dutyName(item.kind);
  const times =
    item.kind === "classHandover"
      ? item.start
      : `${item.start}–${item.endsNextDay ? dt("nightEnd", { time: item.end }) : item.end}`;
  // SW-1: only a slot not yet begun can be swapped.
  const hasBegun = atLocal(item.date, parseClockTime(item.start) ?? 0, tz).getTime() <= now.getTime();
  const isToday = item.date === localDateOf(now, tz);
  return (
    <article
      className="card duty-item"
      data-testid="duty-item"
      data-kind={item.kind}
      data-slot-id={item.slotId ?? undefined}
    >
      <p className="duty-item-head">
        <strong>{title}</strong>
        <span className="duty-item-times">{times}</span>
        {item.scope ? <span className="muted">{scopeText(item.scope, rooms)}</span> : null}
        {item.isPending ? <PendingMark /> : null}
      </p>
      <ul className="duty-tasks">
        {item.tasks.map((task) => (
          <li key={task.kind}>
            <TaskLink task={task} date={item.date} isToday={isToday}>
              <TaskText task={task} directory={directory} date={item.date} isToday={isToday} />
            </TaskLink>
          </li>
        ))}
      </ul>
      {item.slotId && !hasBegun ? (
        <div className="duty-item-actions">
          {isAsked ? (
            <span className="tag tag-warn">{dt("swapPending")}</span>
          ) : (
            <a
              href={`/swaps?give=${encodeURIComponent(item.slotId)}`}
              className="button button-secondary button-small"
              data-testid="ask-swap"
              onClick={(event) => {
                event.preventDefault();
                navigate(`/swaps?give=${encodeURIComponent(item.slotId ?? "")}`);
              }}
            >
              {dt("askSwap")}
            </a>
          )}
        </div>
      ) : null}
    </article>
  );
}

/** Today's hand-over tasks open their roll call or 交接 (SPEC §3); other days stay text. */
function TaskLink({
  task,
  date,
  isToday,
  children,
}: {
  task: DutyTask;
  date: LocalDate;
  isToday: boolean;
  children: React.ReactNode;
}) {
  const to = isToday ? taskLink(task, date) : null;
  if (!to) return <>{children}</>;
  return (
    <a
      href={to}
      data-testid="duty-task-link"
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

function TaskText({
  task,
  directory,
  date,
  isToday,
}: {
  task: DutyTask;
  directory: SchoolDirectory;
  date: LocalDate;
  isToday: boolean;
}) {
  switch (task.kind) {
    case "round": {
      const round = roundLabel(task.round);
      if (task.areas.length === 0) return <>{dt("taskRoundNone", { round })}</>;
      const text = dt("taskRound", { round, n: task.areas.length });
      // The round is recorded on its day: today the areas are links to their round pages.
      return (
        <details>
          <summary>{text}</summary>
          <ul className="duty-round-areas">
            {task.areas.map((a) => (
              <li key={a.id}>
                {isToday ? (
                  <a
                    href={`/round/${a.id}?round=${task.round}&date=${date}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/round/${a.id}?round=${task.round}&date=${date}`);
                    }}
                  >
                    {a.name}
                  </a>
                ) : (
                  a.name
                )}
              </li>
            ))}
          </ul>
        </details>
      );
    }
    case "receiveFromClasses":
      return <>{dt("taskReceiveFromClasses")}</>;
    case "handToCaretaker":
      return <>{dt("taskHandToCaretaker")}</>;
    case "receiveBoarders":
      return <>{dt("taskReceiveBoarders")}</>;
    case "bedCheck":
      return <>{dt("taskBedCheck")}</>;
    case "holidayAll":
      return <>{dt("taskHolidayAll", { time: task.until })}</>;
    case "handToEvening": {
      const names = task.eveningIds.map((id) => staffName(directory, id)).join("、");
      return (
        <span className={names ? undefined : "warn-text"}>
          {dt("taskHandToEvening", { class: task.className, names: names || dt("nobodyYet") })}
        </span>
      );
    }
  }
}
