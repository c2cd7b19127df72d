// 学校设置: the six time-slot boundaries (管理时段化), the school's time zone, the windows of
// the three daily rounds (三查), the school days, and when overdue hazards escalate. The rules
// and their messages are the domain's; the save goes through the outbox.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { ESCALATION_LEVELS } from "../../../domain/hazard-deadline.ts";
import {
  defaultRoundWindows,
  ROUND_KINDS,
  type RoundKind,
  type RoundWindows,
} from "../../../domain/rounds.ts";
import type { Weekday } from "../../../domain/school-calendar.ts";
import { effectiveSettings } from "../../../domain/school-settings.ts";
import {
  DEFAULT_TIME_SLOTS,
  SLOT_KINDS,
  SLOT_LABELS,
  type SlotKind,
  type SlotTimes,
  type TimeSlotSettings,
} from "../../../domain/time-slots.ts";
import type { School } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { saveSchoolSettings } from "../../db/reference-edits.ts";
import { type Entry, getEntry } from "../../db/reference-view.ts";
import { et } from "../../ui/entity-text.ts";
import { getLang, slotResponsible } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { escalationLabel, roundLabel } from "../../ui/safety-text.ts";
import { ad } from "./admin-text.ts";
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
  const [schoolDays, setSchoolDays] = useState<Weekday[]>([...initial.schoolDays]);
  const [delays, setDelays] = useState<string[]>(initial.escalationDelays.map(String));
  const { problems, isSaving, submit } = useSaveFlow();

  const settings = () => ({
    timeZone: timeZone.trim(),
    timeSlots: normalizeTimes(slots, SLOT_KINDS),
    roundWindows: normalizeTimes(rounds, ROUND_KINDS),
    schoolDays: [...schoolDays].sort(),
    escalationDelays: delays.map((d) => (d.trim() === "" ? Number.NaN : Number(d.trim()))),
  });
  const isDirty =
    JSON.stringify(settings()) !==
    JSON.stringify({
      ...initial,
      schoolDays: [...initial.schoolDays].sort(),
      escalationDelays: [...initial.escalationDelays],
    });

  const setTime = (slot: SlotKind, end: "start" | "end", value: string) =>
    setSlots((current) => ({ ...current, [slot]: { ...current[slot], [end]: value } }));
  const setRoundTime = (round: RoundKind, end: "start" | "end", value: string) =>
    setRounds((current) => ({ ...current, [round]: { ...current[round], [end]: value } }));
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
    </EditForm>
  );
}

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

function weekdayName(day: Weekday): string {
  const zh = ["一", "二", "三", "四", "五", "六", "日"][day - 1] ?? "";
  const en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day - 1] ?? "";
  return getLang() === "zh" ? `周${zh}` : en;
}

function FieldProblem({ problems, field }: { problems: readonly Problem[]; field: string }) {
  const problem = problems.find((p) => p.field === field);
  return problem ? <small className="field-error">{problem.message}</small> : null;
}

function TimeRangeRow({
  name,
  label,
  note,
  times,
  problems,
  onTime,
}: {
  name: string;
  label: string;
  note?: string;
  times: SlotTimes;
  problems: readonly Problem[];
  onTime: (end: "start" | "end", value: string) => void;
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
