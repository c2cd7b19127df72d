// 今日看板 (SPEC §2 "A daily board"): for each round of the day, every area as done / due /
// missed / late / upcoming by kind (教室 / 校园 / 周边), then the open hazards by deadline
// (overdue first) and the rectified ones waiting to be verified. Reads one day of rounds and
// the open hazards through their indexes (safety-view.ts), never a year of records, and says
// how fresh the data is, since it works offline on what the phone last pulled.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { ROUND_KINDS, type RoundKind, type RoundStatus } from "../../../domain/rounds.ts";
import {
  addDays,
  atLocal,
  isLocalDate,
  isSchoolDay,
  type LocalDate,
  localDateOf,
} from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import {
  type Entry,
  listHazardsFound,
  listHazardsToVerify,
  listOpenHazards,
  listRounds,
} from "../../db/safety-view.ts";
import { deadlineState } from "../../ui/deadline-text.ts";
import { Freshness } from "../../ui/freshness.tsx";
import { HazardRow } from "../../ui/hazard-row.tsx";
import { formatClock, formatLongDate, getLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { areaKindLabel } from "../../ui/safety-text.ts";
import { type SchoolDirectory, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { type BoardCell, type BoardRound, buildBoard, initialRound } from "./board-model.ts";
import { bt } from "./board-text.ts";
import "./board.css";

const STATUS_TEXT: Record<RoundStatus, () => string> = {
  done: () => bt("statusDone"),
  late: () => bt("statusLate"),
  due: () => bt("statusDue"),
  upcoming: () => bt("statusUpcoming"),
  missed: () => bt("statusMissed"),
  not_required: () => bt("statusNotRequired"),
};

/** Short enough for a third of 360 px in either language. */
const TAB_LABEL: Record<RoundKind, () => string> = {
  morning: () => bt("tabMorning"),
  noon: () => bt("tabNoon"),
  evening: () => bt("tabEvening"),
};

/** A mark besides the colour, so the grid reads without colour vision too. */
const STATUS_MARK: Record<RoundStatus, string> = {
  done: "✓",
  late: "✓",
  due: "○",
  upcoming: "·",
  missed: "✕",
  not_required: "–",
};

export function BoardPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={bt("title")} message={bt("noSchool")} />;
  return <Board account={account} directory={directory} now={now} />;
}

function Board({ account, directory, now }: { account: AccountRow; directory: SchoolDirectory; now: Date }) {
  const { search } = useLocation();
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const asked = search.get("date");
  const date: LocalDate = asked && isLocalDate(asked) ? asked : today;
  const isToday = date === today;
  const schoolId = account.schoolId;

  const records = useLiveQuery(() => listRounds(db, schoolId, date), [schoolId, date]);
  const hazards = useLiveQuery(async () => {
    if (isToday) {
      const [open, verify] = await Promise.all([
        listOpenHazards(db, schoolId),
        listHazardsToVerify(db, schoolId),
      ]);
      return { open, verify, found: [] as Entry<Hazard>[] };
    }
    const from = atLocal(date, 0, tz).toISOString();
    const to = atLocal(addDays(date, 1), 0, tz).toISOString();
    return { open: [], verify: [], found: await listHazardsFound(db, schoolId, from, to) };
  }, [schoolId, date, isToday, tz]);

  const rounds =
    records === undefined
      ? undefined
      : buildBoard({
          areas: directory.areas,
          records: records.map((r) => r.entity),
          classOf: (id) => directory.classById.get(id),
          settings: directory.settings,
          date,
          now,
          lang: getLang(),
        });

  const goTo = (next: LocalDate) => navigate(next === today ? "/board" : `/board?date=${next}`);

  return (
    <div className="page stack board-page">
      <div className="board-head">
        <h1>{isToday ? bt("title") : bt("dayTitle", { date })}</h1>
        <p className="muted">{formatLongDate(atLocal(date, 12 * 60, tz), tz)}</p>
        <Freshness
          schoolId={schoolId}
          now={now}
          text={(which, time) => bt(which, { time })}
          testId="board-freshness"
        />
      </div>
      <DatePicker date={date} today={today} onDate={goTo} />

      {rounds === undefined ? (
        <Splash />
      ) : directory.areas.length === 0 ? (
        <p className="card muted">{bt("noAreas")}</p>
      ) : (
        <RoundsCard
          rounds={rounds}
          initial={initialRound(directory.settings, date, now)}
          isToday={isToday}
          isSchoolDay={isSchoolDay(date, directory.settings)}
          directory={directory}
          key={date}
        />
      )}

      {hazards === undefined ? null : isToday ? (
        <>
          <OpenHazards entries={hazards.open} directory={directory} now={now} />
          {hazards.verify.length > 0 ? (
            <section className="stack-small" aria-labelledby="verify-title">
              <h2 id="verify-title" className="section-title">
                {bt("verifyTitle", { n: hazards.verify.length })}
              </h2>
              <HazardList entries={hazards.verify} directory={directory} now={now} />
            </section>
          ) : null}
        </>
      ) : (
        <section className="stack-small" aria-labelledby="found-title">
          <h2 id="found-title" className="section-title">
            {bt("foundTitle", { n: hazards.found.length })}
          </h2>
          {hazards.found.length === 0 ? (
            <p className="card muted">{bt("noneFound")}</p>
          ) : (
            <HazardList entries={hazards.found} directory={directory} now={now} />
          )}
        </section>
      )}

      <MoreLinks account={account} />
    </div>
  );
}

function DatePicker({
  date,
  today,
  onDate,
}: {
  date: LocalDate;
  today: LocalDate;
  onDate: (date: LocalDate) => void;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? date;
  const isBad = typed !== null && !isLocalDate(typed);
  return (
    <div className="board-dates">
      <div className="board-date-row">
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={bt("previousDay")}
          onClick={() => {
            setTyped(null);
            onDate(addDays(date, -1));
          }}
        >
          ‹
        </button>
        <label className="visually-hidden" htmlFor="board-date">
          {bt("date")}
        </label>
        <input
          id="board-date"
          className="input"
          type="date"
          value={shown}
          aria-invalid={isBad || undefined}
          onChange={(event) => {
            const value = event.target.value;
            if (isLocalDate(value)) {
              setTyped(null);
              onDate(value);
            } else setTyped(value);
          }}
        />
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={bt("nextDay")}
          onClick={() => {
            setTyped(null);
            onDate(addDays(date, 1));
          }}
        >
          ›
        </button>
        {date !== today ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setTyped(null);
              onDate(today);
            }}
          >
            {bt("today")}
          </button>
        ) : null}
      </div>
      {isBad ? <small className="field-error">{bt("badDate")}</small> : null}
    </div>
  );
}

function RoundsCard({
  rounds,
  initial,
  isToday,
  isSchoolDay,
  directory,
}: {
  rounds: BoardRound[];
  initial: RoundKind;
  isToday: boolean;
  isSchoolDay: boolean;
  directory: SchoolDirectory;
}) {
  const [selected, setSelected] = useState<RoundKind>(initial);
  const round = rounds.find((r) => r.round === selected) ?? rounds[0];
  if (!round) return null;
  const tz = directory.settings.timeZone;
  return (
    <section className="card board-rounds" aria-labelledby="rounds-title">
      <h2 id="rounds-title" className="visually-hidden">
        {bt("roundsTitle")}
      </h2>
      <div className="round-tabs" role="tablist" aria-label={bt("roundsTitle")}>
        {ROUND_KINDS.map((kind) => {
          const r = rounds.find((x) => x.round === kind);
          if (!r) return null;
          const isSelected = kind === selected;
          const hasMissed = r.counts.missed > 0;
          return (
            <button
              key={kind}
              type="button"
              role="tab"
              aria-selected={isSelected}
              className={`round-tab${isSelected ? " is-selected" : ""}${hasMissed ? " has-missed" : ""}`}
              data-testid={`round-tab-${kind}`}
              onClick={() => setSelected(kind)}
            >
              <strong>{TAB_LABEL[kind]()}</strong>
              <span className="round-tab-count">
                {r.checked}/{r.total}
              </span>
            </button>
          );
        })}
      </div>
      <p className="round-line" role="tabpanel">
        <span className="round-window">
          {bt("roundWindow", { start: formatClock(round.start, tz), end: formatClock(round.end, tz) })}
        </span>
        <span>
          {isSchoolDay || round.checked > 0
            ? bt("roundSummary", {
                checked: round.checked,
                total: round.total,
                missed: round.counts.missed,
                due: round.counts.due,
              })
            : bt("notSchoolDay")}
        </span>
      </p>
      {round.groups.map((group) => (
        <div key={group.kind} className="area-group" data-testid={`group-${group.kind}`}>
          <h3 className="area-group-title">
            {bt("groupCount", {
              kind: areaKindLabel(group.kind),
              checked: group.checked,
              total: group.total,
            })}
          </h3>
          <ul className="area-grid">
            {group.cells.map((cell) => (
              <AreaCell key={cell.areaId} cell={cell} isToday={isToday} directory={directory} />
            ))}
          </ul>
        </div>
      ))}
      <Legend />
      {isToday ? <p className="muted small">{bt("tapToRecord")}</p> : null}
    </section>
  );
}

function AreaCell({
  cell,
  isToday,
  directory,
}: {
  cell: BoardCell;
  isToday: boolean;
  directory: SchoolDirectory;
}) {
  const names = cell.checkedBy.map((id) => directory.staffById.get(id)?.name ?? "").filter(Boolean);
  // The name starts with the words the cell shows, so voice control ("tap 一(1)班") finds it.
  const place =
    cell.shortName === cell.name ? cell.name : bt("cellPlace", { short: cell.shortName, area: cell.name });
  const label =
    bt("cellLabel", { area: place, status: STATUS_TEXT[cell.status]() }) +
    (names.length > 0 ? bt("cellBy", { names: names.join("、") }) : "");
  const body = (
    <>
      <span className="area-cell-name clamp-2">{cell.shortName}</span>
      <span className="area-cell-mark" aria-hidden="true">
        {STATUS_MARK[cell.status]}
      </span>
    </>
  );
  const to = `/round/${cell.areaId}`;
  return (
    <li>
      {isToday ? (
        <a
          href={to}
          className={`area-cell st-${cell.status}`}
          aria-label={label}
          title={label}
          data-status={cell.status}
          onClick={(event) => {
            event.preventDefault();
            navigate(to);
          }}
        >
          {body}
        </a>
      ) : (
        <span
          className={`area-cell st-${cell.status}`}
          role="img"
          aria-label={label}
          title={label}
          data-status={cell.status}
        >
          {body}
        </span>
      )}
    </li>
  );
}

function Legend() {
  const shown: RoundStatus[] = ["done", "late", "due", "missed", "upcoming"];
  return (
    <ul className="board-legend" aria-hidden="true">
      {shown.map((status) => (
        <li key={status}>
          <span className={`legend-swatch st-${status}`}>{STATUS_MARK[status]}</span>
          {STATUS_TEXT[status]()}
        </li>
      ))}
    </ul>
  );
}

interface HazardListProps {
  entries: Entry<Hazard>[];
  directory: SchoolDirectory;
  now: Date;
}

function OpenHazards({ entries, directory, now }: HazardListProps) {
  const sorted = [...entries].sort((a, b) => a.entity.deadline.localeCompare(b.entity.deadline));
  const overdue = sorted.filter((e) => deadlineState(e.entity.deadline, now).isOverdue).length;
  return (
    <section className="stack-small" aria-labelledby="open-title">
      <h2 id="open-title" className="section-title">
        {bt("openTitle", { n: sorted.length })}
        {overdue > 0 ? (
          <span className="tag tag-danger" data-testid="overdue-count">
            {bt("overdueCount", { n: overdue })}
          </span>
        ) : null}
      </h2>
      {sorted.length === 0 ? (
        <p className="card ok-text">{bt("noOpen")}</p>
      ) : (
        <HazardList entries={sorted} directory={directory} now={now} />
      )}
    </section>
  );
}

function HazardList({ entries, directory, now }: HazardListProps) {
  return (
    <ul className="hazard-list" data-testid="board-hazards">
      {entries.map((e) => (
        <HazardRow
          key={e.entity.id}
          hazard={e.entity}
          directory={directory}
          now={now}
          isPending={e.hasPendingChanges}
        />
      ))}
    </ul>
  );
}

function MoreLinks({ account }: { account: AccountRow }) {
  const links: { to: string; title: string; hint: string }[] = [];
  if (account.roles.includes("duty_teacher") || account.roles.includes("admin"))
    links.push({ to: "/close-day", title: bt("closeDay"), hint: bt("closeDayHint") });
  if (account.roles.includes("admin") || account.roles.includes("principal"))
    links.push({ to: "/ledger", title: bt("ledger"), hint: bt("ledgerHint") });
  if (links.length === 0) return null;
  return (
    <nav aria-label={bt("moreTitle")}>
      <ul className="hazard-list">
        {links.map((l) => (
          <li key={l.to}>
            <a
              href={l.to}
              className="hazard-row"
              onClick={(event) => {
                event.preventDefault();
                navigate(l.to);
              }}
            >
              <span className="hazard-row-text">
                <strong>{l.title}</strong>
                <span className="hazard-row-desc clamp-2">{l.hint}</span>
              </span>
              <span className="chevron" aria-hidden="true">
                ›
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
