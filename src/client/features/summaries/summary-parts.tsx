// The pieces the summary pages share: the week's numbers, each a line that opens to the
// records behind it (the round slots missed, the hazards with links, the pupils' exceptions,
// the lesson), the week and class pickers, and a link that stays inside the app.
import type { ReactNode } from "react";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { EXCEPTION_LABELS, EXCEPTION_REASONS } from "../../../domain/roll-call.ts";
import { addDays, type LocalDate } from "../../../domain/school-calendar.ts";
import type { SummaryAlert, WeekNumbers } from "../../../domain/weekly-summary.ts";
import { classLabel, getLang, inLang } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { roundLabel } from "../../ui/safety-text.ts";
import { areaName, type SchoolDirectory, schoolMoment } from "../../ui/school-directory.ts";
import { type ClassLike, exceptionsOf, exceptionTotal, missedSlots } from "./summary-model.ts";
import { sm } from "./summary-text.ts";

/** A link inside the app (no reload). */
export function AppLink({
  to,
  className,
  testId,
  children,
}: {
  to: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <a
      href={to}
      className={className}
      data-testid={testId}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** "11月23日 至 11月29日" / "2026-11-23 to 2026-11-29": a week by its Monday and Sunday. */
export function weekText(weekStart: LocalDate): string {
  const end = addDays(weekStart, 6);
  if (getLang() !== "zh") return sm("weekRange", { from: weekStart, to: end });
  const short = (d: LocalDate) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return sm("weekRange", { from: short(weekStart), to: short(end) });
}

export function WeekPicker({
  weeks,
  value,
  thisWeek,
  onWeek,
}: {
  weeks: readonly LocalDate[];
  value: LocalDate;
  thisWeek: LocalDate;
  onWeek: (week: LocalDate) => void;
}) {
  const choices = weeks.includes(value) ? weeks : [value, ...weeks];
  return (
    <div className="field">
      <label htmlFor="summary-week">{sm("week")}</label>
      <select
        id="summary-week"
        name="week"
        className="input"
        value={value}
        onChange={(event) => onWeek(event.target.value)}
      >
        {choices.map((w) => (
          <option key={w} value={w}>
            {weekText(w)}
            {w === thisWeek ? sm("thisWeek") : w === addDays(thisWeek, -7) ? sm("lastWeek") : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ClassPicker({
  classes,
  value,
  onClass,
}: {
  classes: readonly ClassLike[];
  value: string;
  onClass: (classId: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor="summary-class">{sm("schoolClass")}</label>
      <select
        id="summary-class"
        name="class"
        className="input"
        value={value}
        onChange={(event) => onClass(event.target.value)}
      >
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {classLabel(c)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One number and, a tap away, the records behind it. */
export function NumberLine({
  name,
  head,
  isWarn,
  testId,
  children,
}: {
  name: string;
  head: ReactNode;
  isWarn?: boolean;
  /** Default "sum-{name}". */
  testId?: string;
  children: ReactNode;
}) {
  return (
    <details className={isWarn ? "sum-line is-warn" : "sum-line"} data-testid={testId ?? `sum-${name}`}>
      <summary className="sum-line-head">{head}</summary>
      <div className="sum-line-body">{children}</div>
    </details>
  );
}

export function NumbersList({
  numbers,
  directory,
  pupilName,
  hazards,
  alerts,
  back,
}: {
  numbers: WeekNumbers;
  directory: SchoolDirectory;
  pupilName: (pupilId: string) => string | undefined;
  hazards: ReadonlyMap<string, Hazard>;
  alerts: ReadonlyMap<string, SummaryAlert & { subjectId: string }>;
  /** Where a hazard's page goes back to. */
  back: string;
}) {
  const tz = directory.settings.timeZone;
  const missed = missedSlots(numbers);
  const rectified = new Set(numbers.hazards.rectified);
  const late = new Set(numbers.hazards.late);
  const pupil = (id: string) => pupilName(id) ?? sm("pupilUnknown");
  const total = exceptionTotal(numbers);
  return (
    <div className="sum-lines" data-testid="sum-numbers">
      <NumberLine
        name="rounds"
        isWarn={missed.length > 0}
        head={
          <>
            <span>{sm("rounds", { due: numbers.rounds.due, done: numbers.rounds.done })}</span>
            {missed.length > 0 ? (
              <span className="warn-text" data-testid="sum-missed-count">
                {sm("roundsMissed", { n: missed.length })}
              </span>
            ) : null}
          </>
        }
      >
        {numbers.rounds.due === 0 ? (
          <p className="muted small">{sm("noClassroom")}</p>
        ) : missed.length === 0 ? (
          <p className="muted small">{sm("noMissed")}</p>
        ) : (
          <ul className="sum-records">
            {missed.map((m) => (
              <li key={`${m.areaId}|${m.date}|${m.round}`}>
                {m.date} · {roundLabel(m.round)} · {areaName(directory, m.areaId)}
              </li>
            ))}
          </ul>
        )}
      </NumberLine>

      <NumberLine
        name="hazards"
        isWarn={numbers.hazards.late.length > 0}
        head={sm("hazards", {
          found: numbers.hazards.found.length,
          rectified: numbers.hazards.rectified.length,
          late: numbers.hazards.late.length,
        })}
      >
        {numbers.hazards.found.length === 0 ? (
          <p className="muted small">{sm("noHazards")}</p>
        ) : (
          <ul className="sum-records">
            {numbers.hazards.found.map((id) => {
              const h = hazards.get(id);
              return (
                <li key={id}>
                  <AppLink to={`/hazards/${id}?back=${encodeURIComponent(back)}`} testId="sum-hazard">
                    {h ? `${areaName(directory, h.areaId)} · ${h.description}` : sm("hazardUnknown")}
                  </AppLink>{" "}
                  <span className={rectified.has(id) ? "ok-text" : "warn-text"}>
                    {rectified.has(id) ? sm("hazardRectified") : sm("hazardOpen")}
                  </span>
                  {late.has(id) ? <span className="danger-text"> · {sm("hazardLate")}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </NumberLine>

      <NumberLine
        name="exceptions"
        head={
          <>
            <span>{sm("exceptions", { n: total })}</span>
            {total > 0 ? (
              <span className="muted small">
                {EXCEPTION_REASONS.filter((r) => numbers.exceptions[r] > 0)
                  .map((r) => `${inLang(EXCEPTION_LABELS[r])} ${numbers.exceptions[r]}`)
                  .join(" · ")}
              </span>
            ) : null}
          </>
        }
      >
        {total === 0 ? (
          <p className="muted small">{sm("noExceptions")}</p>
        ) : (
          EXCEPTION_REASONS.filter((r) => numbers.exceptions[r] > 0).map((r) => (
            <div key={r}>
              <p className="small">
                <strong>{inLang(EXCEPTION_LABELS[r])}</strong>
              </p>
              <ul className="sum-records">
                {exceptionsOf(numbers, r).map((e) => (
                  <li key={`${e.date}|${e.pupilId}`}>
                    {e.date} · {pupil(e.pupilId)}
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </NumberLine>

      <NumberLine
        name="unaccounted"
        isWarn={numbers.unaccounted.length > 0}
        head={sm("unaccounted", { n: numbers.unaccounted.length })}
      >
        {numbers.unaccounted.length === 0 ? (
          <p className="muted small">{sm("noUnaccounted")}</p>
        ) : (
          <ul className="sum-records">
            {numbers.unaccounted.map((id) => {
              const a = alerts.get(id);
              return <li key={id}>{a ? `${schoolMoment(a.raisedAt, tz)} · ${pupil(a.subjectId)}` : id}</li>;
            })}
          </ul>
        )}
      </NumberLine>

      <NumberLine
        name="lesson"
        isWarn={!numbers.lesson.held}
        head={numbers.lesson.held ? sm("lessonHeld") : sm("lessonNotHeld")}
      >
        <AppLink to="/education" testId="sum-lesson-link">
          {numbers.lesson.held ? sm("lessonSeeRecord") : sm("lessonRecord")}
        </AppLink>
      </NumberLine>
    </div>
  );
}
