// 学校设置: the six time-slot boundaries (管理时段化) and the school's time zone. The slot rules
// and their messages are the domain's (validateTimeSlots); the save goes through the outbox.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import {
  DEFAULT_TIME_SLOTS,
  SLOT_KINDS,
  SLOT_LABELS,
  type SlotKind,
  type TimeSlotSettings,
} from "../../../domain/time-slots.ts";
import type { School } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { saveSchoolSettings } from "../../db/reference-edits.ts";
import { type Entry, getEntry } from "../../db/reference-view.ts";
import { et } from "../../ui/entity-text.ts";
import { getLang, slotResponsible } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
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
  const initial = school.entity.settings;
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [slots, setSlots] = useState<TimeSlotSettings>(initial.timeSlots);
  const { problems, isSaving, submit } = useSaveFlow();
  const isDirty =
    timeZone !== initial.timeZone || JSON.stringify(slots) !== JSON.stringify(initial.timeSlots);

  const setTime = (slot: SlotKind, end: "start" | "end", value: string) =>
    setSlots((current) => ({ ...current, [slot]: { ...current[slot], [end]: value } }));

  const settings = () => ({ timeZone: timeZone.trim(), timeSlots: normalizeSlots(slots) });
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
          <SlotRow
            key={slot}
            slot={slot}
            times={slots[slot]}
            problems={problems}
            onTime={(end, value) => setTime(slot, end, value)}
          />
        ))}
      </ol>
      <button type="button" className="button button-secondary" onClick={() => setSlots(DEFAULT_TIME_SLOTS)}>
        {ad("defaultTimes")}
      </button>
    </EditForm>
  );
}

function SlotRow({
  slot,
  times,
  problems,
  onTime,
}: {
  slot: SlotKind;
  times: { start: string; end: string };
  problems: readonly Problem[];
  onTime: (end: "start" | "end", value: string) => void;
}) {
  const label = SLOT_LABELS[slot][getLang()];
  const problem = problems.find((p) => p.field === `slot-${slot}`);
  return (
    <li className={problem ? "slot-edit has-problem" : "slot-edit"}>
      <p className="slot-edit-name">
        <strong>{label}</strong> <small className="muted">{slotResponsible(slot)}</small>
      </p>
      <div className="slot-edit-times">
        <input
          type="text"
          inputMode="decimal"
          maxLength={5}
          placeholder="HH:mm"
          autoComplete="off"
          className="input"
          name={`slot-${slot}`}
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
          name={`slot-${slot}-end`}
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

function normalizeSlots(slots: TimeSlotSettings): TimeSlotSettings {
  const out = { ...slots };
  for (const slot of SLOT_KINDS) {
    out[slot] = { start: normalizeClock(slots[slot].start), end: normalizeClock(slots[slot].end) };
  }
  return out;
}
