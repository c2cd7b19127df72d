// 学校设置: the six time-slot boundaries (管理时段化), the school's time zone, the windows of
// the three daily rounds (三查) and whether early ones count (rounds.ts RD-6), the roll calls'
// windows (roll-call-windows.ts RW-1), the school days, when overdue hazards escalate, and the calendar
// the roster is generated on — terms (学期), holidays (假期), make-up school days (调休上课日) —
// the bell schedule (作息时间) and the monthly score's weights (月度评分规则). The rules and
// their messages are the domain's (CAL-5, TT-1, MS-3), shown under the row they are about; a
// bad input stops the save and keeps everything typed. The save goes through the outbox and
// replaces the whole settings record, so every part the form does not show is carried over
// from what was saved.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { ulid } from "ulidx";
import { HANDOVER_KINDS, HANDOVER_LABELS, type HandoverKind } from "../../../domain/handover.ts";
import { ESCALATION_LEVELS } from "../../../domain/hazard-deadline.ts";
import {
  DEFAULT_SCORE_RULES,
  SCORE_PART_LABELS,
  SCORE_PARTS,
  type ScorePart,
  type ScoreRules,
} from "../../../domain/monthly-score.ts";
import { defaultRollCallWindows, type RollCallWindows } from "../../../domain/roll-call-windows.ts";
import {
  defaultRoundWindows,
  ROUND_KINDS,
  type RoundKind,
  type RoundWindows,
} from "../../../domain/rounds.ts";
import type { Holiday, MakeUpDay, Term, Weekday } from "../../../domain/school-calendar.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import {
  DEFAULT_TIME_SLOTS,
  SLOT_KINDS,
  SLOT_LABELS,
  type SlotKind,
  type SlotTimes,
  type TimeSlotSettings,
} from "../../../domain/time-slots.ts";
import { DEFAULT_PERIODS, type Period } from "../../../domain/timetable.ts";
import type { School } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { saveSchoolSettings } from "../../db/reference-edits.ts";
import { type Entry, getEntry } from "../../db/reference-view.ts";
import { et } from "../../ui/entity-text.ts";
import { getLang, inLang, slotResponsible } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { escalationLabel, roundLabel } from "../../ui/safety-text.ts";
import { ad, SCORE_PART_HINTS } from "./admin-text.ts";
import { AdminHeader, EditForm, Loading, type SectionProps, TextField, useSaveFlow } from "./admin-ui.tsx";
import type { Problem } from "./admin-validate.ts";
import { normalizeClock, validateSettings } from "./admin-validate.ts";

const COMMON_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei"];

export function SchoolSection({ account, canEdit }: SectionProps) {
  const school = useLiveQuery(() => getEntry(db, "school", account.schoolId), [account.schoolId], null);
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionSchool")} backTo="/admin" />
      {school === null ? (
        <Loading />
      ) : school === undefined ? (
        <Loading isEmpty />
      ) : (
        <SettingsForm account={account} canEdit={canEdit} school={school} />
      )}
    </div>
  );
}

function SettingsForm({
  account,
  canEdit,
  school,
}: {
  account: SectionProps["account"];
  canEdit: boolean;
  school: Entry<School>;
}) {
  const initial = effectiveSettings(school.entity.settings);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [slots, setSlots] = useState<TimeSlotSettings>(initial.timeSlots);
  const [rounds, setRounds] = useState<RoundWindows>(initial.roundWindows);
  const [allowEarlyRounds, setAllowEarlyRounds] = useState(initial.allowEarlyRounds);
  const [rollCalls, setRollCalls] = useState<RollCallWindows>(initial.rollCallWindows);
  const [schoolDays, setSchoolDays] = useState<Weekday[]>([...initial.schoolDays]);
  const [delays, setDelays] = useState<string[]>(initial.escalationDelays.map(String));
  const [terms, setTerms] = useState<Term[]>(() => initial.terms.map((t) => ({ ...t })));
  const [holidays, setHolidays] = useState<Holiday[]>(() => initial.holidays.map((h) => ({ ...h })));
  const [makeUpDays, setMakeUpDays] = useState<MakeUpDay[]>(() => initial.makeUpDays.map((m) => ({ ...m })));
  const [periods, setPeriods] = useState<Period[]>(() => initial.periods.map((p) => ({ ...p })));
  const [weights, setWeights] = useState<WeightTexts>(() => weightTexts(initial.scoreRules));
  const { problems, isSaving, submit } = useSaveFlow();

  const settings = () => ({
    timeZone: timeZone.trim(),
    timeSlots: normalizeTimes(slots, SLOT_KINDS),
    roundWindows: normalizeTimes(rounds, ROUND_KINDS),
    rollCallWindows: normalizeTimes(rollCalls, HANDOVER_KINDS),
    allowEarlyRounds,
    schoolDays: [...schoolDays].sort(),
    escalationDelays: delays.map(numberOf),
    terms: terms.map((t) => ({ ...t, name: t.name.trim() })),
    holidays: holidays.map((h) => ({ ...h, name: h.name.trim() })),
    makeUpDays,
    periods: periods.map((p) => ({ start: normalizeClock(p.start), end: normalizeClock(p.end) })),
    scoreRules: scoreRulesOf(weights),
  });
  const isDirty =
    JSON.stringify(settings()) !==
    JSON.stringify({
      ...initial,
      schoolDays: [...initial.schoolDays].sort(),
      escalationDelays: [...initial.escalationDelays],
      scoreRules: scoreRulesOf(weightTexts(initial.scoreRules)),
    });

  const setTime = (slot: SlotKind, end: "start" | "end", value: string) =>
    setSlots((current) => ({ ...current, [slot]: { ...current[slot], [end]: value } }));
  const setRoundTime = (round: RoundKind, end: "start" | "end", value: string) =>
    setRounds((current) => ({ ...current, [round]: { ...current[round], [end]: value } }));
  const setRollCallTime = (kind: HandoverKind, end: "start" | "end", value: string) =>
    setRollCalls((current) => ({ ...current, [kind]: { ...current[kind], [end]: value } }));
  const toggleDay = (day: Weekday) =>
    setSchoolDays((days) => (days.includes(day) ? days.filter((d) => d !== day) : [...days, day]));

  const onSubmit = () =>
    void submit(
      () => validateSettings(settings()),
      () => saveSchoolSettings(db, { actorUserId: account.userId, schoolId: account.schoolId }, settings()),
      () => navigate("/admin", { replace: true }),
    );

  return (
    <EditForm
      canEdit={canEdit}
      isDirty={isDirty}
      isSaving={isSaving}
      problems={problems}
      onSubmit={onSubmit}
      backTo="/admin"
      isPending={school.hasPendingChanges}
    >
      <TextField
        label={et("fieldTimeZone")}
        hint={ad("timeZoneHint")}
        name="timeZone"
        problems={problems}
        value={timeZone}
        onValue={setTimeZone}
        list="time-zones"
        autoCapitalize="none"
        spellCheck={false}
      />
      <datalist id="time-zones">
        {COMMON_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <h2 className="eyebrow">{ad("slotsTitle")}</h2>
      <p className="hint">{ad("slotsHint")}</p>
      <ol className="slot-edit-list">
        {SLOT_KINDS.map((slot) => (
          <TimeRangeRow
            key={slot}
            name={`slot-${slot}`}
            label={SLOT_LABELS[slot][getLang()]}
            note={slotResponsible(slot)}
            times={slots[slot]}
            problems={problems}
            onTime={(end, value) => setTime(slot, end, value)}
          />
        ))}
      </ol>
      <button type="button" className="button button-secondary" onClick={() => setSlots(DEFAULT_TIME_SLOTS)}>
        {ad("defaultTimes")}
      </button>

      <h2 className="eyebrow">{ad("roundsTitle")}</h2>
      <p className="hint">{ad("roundsHint")}</p>
      <ol className="slot-edit-list">
        {ROUND_KINDS.map((round) => (
          <TimeRangeRow
            key={round}
            name={`round-${round}`}
            label={roundLabel(round)}
            times={rounds[round]}
            problems={problems}
            onTime={(end, value) => setRoundTime(round, end, value)}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => setRounds(defaultRoundWindows(normalizeTimes(slots, SLOT_KINDS)))}
      >
        {ad("roundsFromSlots")}
      </button>
      <label className="check">
        <input
          type="checkbox"
          name="allowEarlyRounds"
          checked={allowEarlyRounds}
          onChange={(event) => setAllowEarlyRounds(event.target.checked)}
        />
        {ad("allowEarlyRounds")}
      </label>
      <p className="hint">{ad("allowEarlyRoundsHint")}</p>

      <h2 className="eyebrow">{ad("rollCallsTitle")}</h2>
      <p className="hint">{ad("rollCallsHint")}</p>
      <ol className="slot-edit-list">
        {HANDOVER_KINDS.map((kind) => (
          <TimeRangeRow
            key={kind}
            name={`rollCall-${kind}`}
            label={inLang(HANDOVER_LABELS[kind])}
            times={rollCalls[kind]}
            problems={problems}
            onTime={(end, value) => setRollCallTime(kind, end, value)}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => setRollCalls(defaultRollCallWindows(normalizeTimes(slots, SLOT_KINDS)))}
      >
        {ad("roundsFromSlots")}
      </button>

      <fieldset className="role-picker" aria-describedby="school-days-hint">
        <legend className="eyebrow">{ad("schoolDaysTitle")}</legend>
        <p className="hint" id="school-days-hint">
          {ad("schoolDaysHint")}
        </p>
        <div className="chip-grid weekday-grid">
          {WEEKDAYS.map((day) => (
            <label key={day} className={schoolDays.includes(day) ? "chip is-on" : "chip"}>
              <input
                type="checkbox"
                name={`schoolDay-${day}`}
                checked={schoolDays.includes(day)}
                onChange={() => toggleDay(day)}
              />
              {weekdayName(day)}
            </label>
          ))}
        </div>
        <FieldProblem problems={problems} field="schoolDays" />
      </fieldset>

      <fieldset className="role-picker">
        <legend className="eyebrow">{ad("escalationTitle")}</legend>
        <p className="hint">{ad("escalationHint")}</p>
        <ol className="slot-edit-list">
          {ESCALATION_LEVELS.map((level, i) => (
            <li key={level} className="slot-edit">
              <label className="slot-edit-name" htmlFor={`escalation-${i}`}>
                <strong>{escalationLabel(level)}</strong>
              </label>
              <div className="slot-edit-times">
                <input
                  id={`escalation-${i}`}
                  type="text"
                  inputMode="numeric"
                  maxLength={5}
                  className="input"
                  name={`escalation-${i}`}
                  value={delays[i] ?? ""}
                  onChange={(event) =>
                    setDelays((current) => current.map((d, j) => (j === i ? event.target.value : d)))
                  }
                />
                <span>{ad("minutesAfterDeadline")}</span>
              </div>
            </li>
          ))}
        </ol>
        <FieldProblem problems={problems} field="escalation" />
      </fieldset>

      <RangeList
        kind="terms"
        title={ad("termsTitle")}
        hint={ad("termsHint")}
        nameLabel={ad("termName")}
        nameHint={ad("termNameHint")}
        addLabel={ad("addTerm")}
        items={terms}
        problems={problems}
        onChange={(i, next) => setTerms((list) => list.map((t, j) => (j === i ? { ...t, ...next } : t)))}
        onRemove={(i) => setTerms((list) => list.filter((_, j) => j !== i))}
        onAdd={() => setTerms((list) => [...list, { id: ulid(), name: "", start: "", end: "" }])}
      />
      <RangeList
        kind="holidays"
        title={ad("holidaysTitle")}
        hint={ad("holidaysHint")}
        nameLabel={ad("holidayName")}
        nameHint={ad("holidayNameHint")}
        addLabel={ad("addHoliday")}
        items={holidays}
        problems={problems}
        onChange={(i, next) => setHolidays((list) => list.map((h, j) => (j === i ? { ...h, ...next } : h)))}
        onRemove={(i) => setHolidays((list) => list.filter((_, j) => j !== i))}
        onAdd={() => setHolidays((list) => [...list, { name: "", start: "", end: "" }])}
      />

      <fieldset className="role-picker">
        <legend className="eyebrow">{ad("makeUpTitle")}</legend>
        <p className="hint">{ad("makeUpHint")}</p>
        {makeUpDays.length === 0 ? <p className="muted small">{ad("noneYet")}</p> : null}
        <ol className="slot-edit-list">
          {makeUpDays.map((m, i) => {
            const rowProblems = problemsOf(problems, `makeUpDays-${i}`);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is the row.
              <li key={i} className={rowProblems.length > 0 ? "slot-edit has-problem" : "slot-edit"}>
                <div className="calendar-row" style={CALENDAR_ROW}>
                  <label className="calendar-field" style={CALENDAR_FIELD}>
                    <small>{ad("makeUpDate")}</small>
                    <input
                      type="date"
                      className="input"
                      name={`makeUpDays-${i}`}
                      value={m.date}
                      aria-invalid={rowProblems.length > 0 || undefined}
                      onChange={(event) =>
                        setMakeUpDays((list) =>
                          list.map((x, j) => (j === i ? { ...x, date: event.target.value } : x)),
                        )
                      }
                    />
                  </label>
                  <label className="calendar-field" style={CALENDAR_FIELD}>
                    <small>{ad("makeUpFollows")}</small>
                    <select
                      className="input"
                      name={`makeUpDays-${i}-follows`}
                      value={m.followsWeekday}
                      onChange={(event) =>
                        setMakeUpDays((list) =>
                          list.map((x, j) =>
                            j === i ? { ...x, followsWeekday: Number(event.target.value) as Weekday } : x,
                          ),
                        )
                      }
                    >
                      {WEEKDAYS.map((day) => (
                        <option key={day} value={day}>
                          {weekdayName(day)}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <RowProblems problems={rowProblems} />
                <RemoveButton
                  label={ad("removeItem", { item: m.date || ad("makeUpTitle") })}
                  onRemove={() => setMakeUpDays((list) => list.filter((_, j) => j !== i))}
                />
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setMakeUpDays((list) => [...list, { date: "", followsWeekday: 1 }])}
        >
          {ad("addMakeUp")}
        </button>
      </fieldset>

      <fieldset className="role-picker">
        <legend className="eyebrow">{ad("periodsTitle")}</legend>
        <p className="hint">{ad("periodsHint")}</p>
        <ol className="slot-edit-list">
          {periods.map((p, i) => (
            <TimeRangeRow
              // biome-ignore lint/suspicious/noArrayIndexKey: a period is its position in the day.
              key={i}
              name={`periods-${i}`}
              label={ad("periodN", { n: i + 1 })}
              times={p}
              problems={problems}
              onTime={(end, value) =>
                setPeriods((list) => list.map((x, j) => (j === i ? { ...x, [end]: value } : x)))
              }
              onRemove={
                periods.length > 1 ? () => setPeriods((list) => list.filter((_, j) => j !== i)) : undefined
              }
            />
          ))}
        </ol>
        <FieldProblem problems={problems} field="periods" />
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={periods.length >= 12}
            onClick={() => setPeriods((list) => [...list, { start: "", end: "" }])}
          >
            {ad("addPeriod")}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setPeriods(DEFAULT_PERIODS.map((x) => ({ ...x })))}
          >
            {ad("defaultPeriods")}
          </button>
        </div>
      </fieldset>

      <ScoreRulesFieldset
        weights={weights}
        problems={problems}
        onWeight={(part, value) => setWeights((current) => ({ ...current, [part]: value }))}
        onDefaults={() => setWeights(weightTexts(DEFAULT_SCORE_RULES))}
      />
    </EditForm>
  );
}

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** A number box as typed; empty is NaN, so the check says "fill it in" rather than reading 0. */
function numberOf(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text.trim());
}

/** The score weights as typed, one text per part, so a half-typed value is kept as it is. */
type WeightTexts = Record<ScorePart, string>;

function weightTexts(rules: ScoreRules): WeightTexts {
  return Object.fromEntries(SCORE_PARTS.map((part) => [part, String(rules[part])])) as WeightTexts;
}

/** In SCORE_PARTS order, so a saved table read back compares equal (nothing to save). */
function scoreRulesOf(weights: WeightTexts): ScoreRules {
  return Object.fromEntries(SCORE_PARTS.map((part) => [part, numberOf(weights[part])])) as ScoreRules;
}

/**
 * 月度评分规则 (MS-1..3): one weight per part, with what the part counts under its name, and the
 * total kept live under the list — it need not be 100, but the admin is told when it is not.
 */
function ScoreRulesFieldset({
  weights,
  problems,
  onWeight,
  onDefaults,
}: {
  weights: WeightTexts;
  problems: readonly Problem[];
  onWeight: (part: ScorePart, value: string) => void;
  onDefaults: () => void;
}) {
  const numbers = SCORE_PARTS.map((part) => numberOf(weights[part]));
  const total = numbers.reduce((sum, n) => sum + n, 0);
  const totalText = !Number.isFinite(total)
    ? ad("scoreSumUnknown")
    : total === 100 || total === 0 // 0 has its own message under the total
      ? ad("scoreSum", { n: total })
      : ad("scoreSumNot100", { n: total });
  return (
    <fieldset className="role-picker" aria-describedby="score-rules-hint">
      <legend className="eyebrow">{ad("scoreTitle")}</legend>
      <p className="hint" id="score-rules-hint">
        {ad("scoreHint")}
      </p>
      <ol className="slot-edit-list">
        {SCORE_PARTS.map((part) => {
          const field = `score-${part}`;
          const problem = problems.find((p) => p.field === field);
          return (
            <li key={part} className={problem ? "slot-edit has-problem" : "slot-edit"}>
              <p className="slot-edit-name">
                <label htmlFor={field}>
                  <strong>{inLang(SCORE_PART_LABELS[part])}</strong>
                </label>
                <small className="muted" id={`${field}-hint`} style={HINT_LINE}>
                  {inLang(SCORE_PART_HINTS[part])}
                </small>
              </p>
              <div className="slot-edit-times">
                <input
                  id={field}
                  type="text"
                  inputMode="numeric"
                  maxLength={4}
                  autoComplete="off"
                  className="input"
                  name={field}
                  aria-describedby={`${field}-hint`}
                  aria-invalid={problem ? true : undefined}
                  value={weights[part]}
                  onChange={(event) => onWeight(part, event.target.value)}
                />
                <span>{ad("scorePoints")}</span>
              </div>
              {problem ? <small className="field-error">{problem.message}</small> : null}
            </li>
          );
        })}
      </ol>
      <p aria-live="polite" data-testid="score-total" style={SCORE_TOTAL}>
        <strong>{totalText}</strong>
      </p>
      <FieldProblem problems={problems} field="scoreRules" />
      <button type="button" className="button button-secondary" onClick={onDefaults}>
        {ad("defaultScores")}
      </button>
    </fieldset>
  );
}

// Two date fields side by side fit a 360 px phone; styles.css is shared, so the layout stays here.
const CALENDAR_ROW = {
  display: "grid",
  gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
  gap: 8,
  marginTop: 4,
} as const;
const CALENDAR_FIELD = { display: "flex", flexDirection: "column", gap: 2, minWidth: 0 } as const;
const ROW_PROBLEMS = { display: "flex", flexDirection: "column", gap: 2, marginTop: 4 } as const;
const HINT_LINE = { display: "block" } as const;
const SCORE_TOTAL = { margin: "12px 0 10px" } as const;
const ROW_ACTIONS = { display: "flex", justifyContent: "flex-end", marginTop: 6 } as const;

function weekdayName(day: Weekday): string {
  const zh = ["一", "二", "三", "四", "五", "六", "日"][day - 1] ?? "";
  const en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day - 1] ?? "";
  return getLang() === "zh" ? `周${zh}` : en;
}

function FieldProblem({ problems, field }: { problems: readonly Problem[]; field: string }) {
  const problem = problems.find((p) => p.field === field);
  return problem ? <small className="field-error">{problem.message}</small> : null;
}

function problemsOf(problems: readonly Problem[], field: string): Problem[] {
  return problems.filter((p) => p.field === field);
}

/** Every problem of one row, one per line, under the row's fields. */
function RowProblems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div style={ROW_PROBLEMS}>
      {problems.map((p) => (
        <small key={p.message} className="field-error">
          {p.message}
        </small>
      ))}
    </div>
  );
}

function RemoveButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <div style={ROW_ACTIONS}>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={label}
        onClick={onRemove}
      >
        {ad("remove")}
      </button>
    </div>
  );
}

/** Terms and holidays: a name and a first and last day per row, each row with its own problems. */
function RangeList({
  kind,
  title,
  hint,
  nameLabel,
  nameHint,
  addLabel,
  items,
  problems,
  onChange,
  onRemove,
  onAdd,
}: {
  kind: "terms" | "holidays";
  title: string;
  hint: string;
  nameLabel: string;
  nameHint: string;
  addLabel: string;
  items: readonly { name: string; start: string; end: string }[];
  problems: readonly Problem[];
  onChange: (index: number, next: Partial<{ name: string; start: string; end: string }>) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
}) {
  return (
    <fieldset className="role-picker">
      <legend className="eyebrow">{title}</legend>
      <p className="hint">{hint}</p>
      {items.length === 0 ? <p className="muted small">{ad("noneYet")}</p> : null}
      <ol className="slot-edit-list">
        {items.map((item, i) => {
          const rowProblems = problemsOf(problems, `${kind}-${i}`);
          const invalid = rowProblems.length > 0 || undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is the row.
            <li key={i} className={invalid ? "slot-edit has-problem" : "slot-edit"}>
              <label className="calendar-field" style={CALENDAR_FIELD}>
                <small>{nameLabel}</small>
                <input
                  className="input"
                  name={`${kind}-${i}`}
                  value={item.name}
                  maxLength={40}
                  placeholder={nameHint}
                  aria-invalid={invalid}
                  onChange={(event) => onChange(i, { name: event.target.value })}
                />
              </label>
              <div className="calendar-row" style={CALENDAR_ROW}>
                <label className="calendar-field" style={CALENDAR_FIELD}>
                  <small>{ad("rangeStart")}</small>
                  <input
                    type="date"
                    className="input"
                    name={`${kind}-${i}-start`}
                    value={item.start}
                    aria-invalid={invalid}
                    onChange={(event) => onChange(i, { start: event.target.value })}
                  />
                </label>
                <label className="calendar-field" style={CALENDAR_FIELD}>
                  <small>{ad("rangeEnd")}</small>
                  <input
                    type="date"
                    className="input"
                    name={`${kind}-${i}-end`}
                    value={item.end}
                    aria-invalid={invalid}
                    onChange={(event) => onChange(i, { end: event.target.value })}
                  />
                </label>
              </div>
              <RowProblems problems={rowProblems} />
              <RemoveButton
                label={ad("removeItem", { item: item.name || title })}
                onRemove={() => onRemove(i)}
              />
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button-secondary" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function TimeRangeRow({
  name,
  label,
  note,
  times,
  problems,
  onTime,
  onRemove,
}: {
  name: string;
  label: string;
  note?: string;
  times: SlotTimes;
  problems: readonly Problem[];
  onTime: (end: "start" | "end", value: string) => void;
  onRemove?: (() => void) | undefined;
}) {
  const problem = problems.find((p) => p.field === name);
  return (
    <li className={problem ? "slot-edit has-problem" : "slot-edit"}>
      <p className="slot-edit-name">
        <strong>{label}</strong> {note ? <small className="muted">{note}</small> : null}
      </p>
      <div className="slot-edit-times">
        <input
          type="text"
          inputMode="decimal"
          maxLength={5}
          placeholder="HH:mm"
          autoComplete="off"
          className="input"
          name={name}
          aria-label={ad("slotStart", { slot: label })}
          aria-invalid={problem ? true : undefined}
          value={times.start}
          onChange={(event) => onTime("start", event.target.value)}
          onBlur={(event) => onTime("start", normalizeClock(event.target.value))}
        />
        <span aria-hidden="true">–</span>
        <input
          type="text"
          inputMode="decimal"
          maxLength={5}
          placeholder="HH:mm"
          autoComplete="off"
          className="input"
          name={`${name}-end`}
          aria-label={ad("slotEnd", { slot: label })}
          aria-invalid={problem ? true : undefined}
          value={times.end}
          onChange={(event) => onTime("end", event.target.value)}
          onBlur={(event) => onTime("end", normalizeClock(event.target.value))}
        />
      </div>
      {problem ? <small className="field-error">{problem.message}</small> : null}
      {onRemove ? <RemoveButton label={ad("removeItem", { item: label })} onRemove={onRemove} /> : null}
    </li>
  );
}

function normalizeTimes<K extends string>(
  times: Record<K, SlotTimes>,
  kinds: readonly K[],
): Record<K, SlotTimes> {
  const out = { ...times };
  for (const kind of kinds) {
    out[kind] = { start: normalizeClock(times[kind].start), end: normalizeClock(times[kind].end) };
  }
  return out;
}
