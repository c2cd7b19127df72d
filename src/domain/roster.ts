// The duty roster (值日表, SPEC §1 管理时段化): who holds each duty slot on each date. A duty
// slot is one date × duty kind × scope with one or more named adults; rotation templates
// generate a term of them; admins then edit single slots and approve swaps (swap.ts).
//
// Rules (tests in roster.test.ts cite them):
//   RS-1 duty kinds: the morning, noon and evening duty teachers (早活动 / 中午 / 晚活动值日,
//        campus-wide, one or more per slot) and the night caretaker (保育员, per dorm building
//        or per room) hold their time slot on school days; the holiday duty (节假日值班) holds
//        a whole non-school day inside a term, from the morning slot's start to the next
//        morning's. Class-time slots belong to class and subject teachers (timetable.ts), not
//        to the roster.
//   RS-2 a slot's id is its date, kind and scope, so the same slot made on two phones is one
//        record (a second "create" is a conflict, SYNC.md compare-and-set).
//   RS-3 generation covers the dates of the range that the kind is held on (RS-1: school days,
//        skipping holidays and honouring make-up days; or non-school days in term for the
//        holiday duty). A weekly pattern uses the date's schedule weekday (CAL-3); a rotation
//        walks its list in order, `perDay` people a day, counted from the start of the term, so
//        over any range everybody's count differs by at most one, and regenerating part of a
//        term continues the walk. A slot an admin edited or a swap changed is kept as it is;
//        only slots still as generated are replaced.
//   RS-4 a gap is a slot that must be held (RS-1) and has nobody: missing, or cleared.
//   RS-5 a clash is one person in two slots whose times overlap.

import type { RoundKind } from "./rounds.ts";
import {
  addDays,
  atLocal,
  datesBetween,
  isInTerm,
  isSchoolDay,
  type LocalDate,
  type SchoolCalendar,
  scheduleWeekdayOf,
  termOf,
  type Weekday,
} from "./school-calendar.ts";
import { parseClockTime, type SlotKind, type TimeSlotSettings } from "./time-slots.ts";

export const DUTY_KINDS = ["morning", "noon", "evening", "night", "holiday"] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

export const DUTY_LABELS: Record<DutyKind, { zh: string; en: string }> = {
  morning: { zh: "早活动值日", en: "Morning duty" },
  noon: { zh: "中午值日", en: "Noon duty" },
  evening: { zh: "晚活动值日", en: "Evening duty" },
  night: { zh: "夜间保育", en: "Night caretaker" },
  holiday: { zh: "节假日值班", en: "Holiday duty" },
};

/** RS-1: the roster duty that holds a time slot on a school day (class time: none). */
export function dutyKindOfSlot(slot: SlotKind): DutyKind | undefined {
  switch (slot) {
    case "morning":
    case "noon":
    case "evening":
    case "night":
      return slot;
    default:
      return undefined;
  }
}

/** Where a slot's holder is responsible: the whole campus, a dorm building, or one room. */
export type DutyScope =
  | { kind: "campus" }
  | { kind: "building"; building: string }
  | { kind: "room"; roomId: string };

export const CAMPUS: DutyScope = { kind: "campus" };

export function scopeKey(scope: DutyScope): string {
  switch (scope.kind) {
    case "campus":
      return "campus";
    case "building":
      return `building:${scope.building}`;
    case "room":
      return `room:${scope.roomId}`;
  }
}

/** RS-2: "2026-11-30|night|building:男生宿舍楼". */
export function dutySlotId(date: LocalDate, kind: DutyKind, scope: DutyScope): string {
  return `${date}|${kind}|${scopeKey(scope)}`;
}

export type SlotChangeKind = "generated" | "assigned" | "cleared" | "swapped";

export interface SlotChange {
  at: string;
  by: string;
  change: SlotChangeKind;
  staffIds: string[];
  /** Swaps: the admin who approved it, and the swap. */
  approvedBy?: string | undefined;
  swapId?: string | undefined;
}

export interface DutySlot {
  id: string;
  date: LocalDate;
  kind: DutyKind;
  scope: DutyScope;
  /** Empty: nobody (a gap, RS-4). */
  staffIds: string[];
  /** "generated" slots may be regenerated; edited and swapped ones are kept (RS-3). */
  source: "generated" | "edited" | "swapped";
  templateId: string | null;
  history: SlotChange[];
}

export type RotationPattern =
  | { mode: "weekly"; byWeekday: Partial<Record<`${Weekday}`, string[]>> }
  | { mode: "rotation"; staffIds: string[]; perDay: number };

/** A rotation template (轮值模板) for one duty kind and scope. */
export interface RotationTemplate {
  id: string;
  name: string;
  kind: DutyKind;
  scope: DutyScope;
  pattern: RotationPattern;
  isActive: boolean;
}

/** RS-1: the dates in a range on which a duty kind is held. */
export function dutyDates(
  kind: DutyKind,
  from: LocalDate,
  to: LocalDate,
  calendar: SchoolCalendar,
): LocalDate[] {
  return datesBetween(from, to).filter((d) =>
    kind === "holiday" ? isInTerm(d, calendar) && !isSchoolDay(d, calendar) : isSchoolDay(d, calendar),
  );
}

export interface GenerateInput {
  templates: readonly RotationTemplate[];
  calendar: SchoolCalendar;
  from: LocalDate;
  to: LocalDate;
  /** The slots already on the roster, by id. */
  existing: ReadonlyMap<string, DutySlot>;
  by: string;
  at: string;
}

export interface GenerateResult {
  /** New slots and regenerated ones (RS-3). */
  slots: DutySlot[];
  /** Slots left as they were because an admin edited them or a swap changed them. */
  kept: DutySlot[];
}

/** RS-3. Templates that are switched off generate nothing. */
export function generateRoster(input: GenerateInput): GenerateResult {
  const slots: DutySlot[] = [];
  const kept: DutySlot[] = [];
  for (const template of input.templates) {
    if (!template.isActive) continue;
    const dates = dutyDates(template.kind, input.from, input.to, input.calendar);
    const dayIndexOf = rotationDayIndex(template.kind, input);
    for (const date of dates) {
      const id = dutySlotId(date, template.kind, template.scope);
      const existing = input.existing.get(id);
      if (existing && existing.source !== "generated") {
        kept.push(existing);
        continue;
      }
      const staffIds = peopleFor(template.pattern, date, dayIndexOf(date), input.calendar);
      slots.push({
        id,
        date,
        kind: template.kind,
        scope: template.scope,
        staffIds,
        source: "generated",
        templateId: template.id,
        history: [
          ...(existing?.history ?? []),
          { at: input.at, by: input.by, change: "generated", staffIds },
        ],
      });
    }
  }
  return { slots, kept };
}

/**
 * RS-3: a rotation counts its days from the start of the date's term, not from the first date
 * generated, so regenerating "from today to the end of term" continues the walk where the
 * term's roster has it instead of starting the list again (which would shift everybody and
 * give the first people on the list an extra turn each time). A school with no terms counts
 * from the first date generated.
 */
function rotationDayIndex(kind: DutyKind, input: GenerateInput): (date: LocalDate) => number {
  const byAnchor = new Map<LocalDate, Map<LocalDate, number>>();
  return (date) => {
    const anchor = termOf(date, input.calendar)?.start ?? input.from;
    let index = byAnchor.get(anchor);
    if (!index) {
      index = new Map(dutyDates(kind, anchor, input.to, input.calendar).map((d, i) => [d, i]));
      byAnchor.set(anchor, index);
    }
    return index.get(date) ?? 0;
  };
}

function peopleFor(pattern: RotationPattern, date: LocalDate, dayIndex: number, calendar: SchoolCalendar) {
  if (pattern.mode === "weekly") {
    const weekday = String(scheduleWeekdayOf(date, calendar)) as `${Weekday}`;
    return [...(pattern.byWeekday[weekday] ?? [])];
  }
  const n = pattern.staffIds.length;
  if (n === 0) return [];
  const perDay = Math.max(1, Math.min(pattern.perDay, n));
  const out: string[] = [];
  for (let j = 0; j < perDay; j++) out.push(pattern.staffIds[(dayIndex * perDay + j) % n] as string);
  return out;
}

// ── When a slot is held, as minutes on a date line ─────────────────────────────────────────

/** Local minutes since `epoch` 00:00 (no time zone: for comparing slots of one school). */
function dayMinutes(date: LocalDate, epoch: LocalDate): number {
  const ms = Date.parse(`${date}T00:00:00Z`) - Date.parse(`${epoch}T00:00:00Z`);
  return Math.round(ms / 60_000);
}

export interface HeldInterval {
  /** Local wall-clock start and end, as "date minute" pairs. */
  startDate: LocalDate;
  startMinute: number;
  endDate: LocalDate;
  endMinute: number;
}

/** RS-1: when a duty slot of a date is held, in local wall-clock terms. */
export function heldInterval(date: LocalDate, kind: DutyKind, slots: TimeSlotSettings): HeldInterval {
  const m = (t: string) => parseClockTime(t) ?? 0;
  if (kind === "holiday") {
    const start = m(slots.morning.start);
    return { startDate: date, startMinute: start, endDate: addDays(date, 1), endMinute: start };
  }
  const times = slots[kind];
  const start = m(times.start);
  const end = m(times.end);
  return {
    startDate: date,
    startMinute: start,
    endDate: end <= start ? addDays(date, 1) : date,
    endMinute: end,
  };
}

/** When a slot starts, as an instant in the school's time zone. */
export function slotStartsAt(
  slot: Pick<DutySlot, "date" | "kind">,
  times: TimeSlotSettings,
  timeZone: string,
): Date {
  const held = heldInterval(slot.date, slot.kind, times);
  return atLocal(held.startDate, held.startMinute, timeZone);
}

// ── Gaps and clashes ────────────────────────────────────────────────────────────────────────

export interface RequiredDuty {
  kind: DutyKind;
  scope: DutyScope;
}

/**
 * The duties a school must fill each day: the three campus duty teachers and the holiday
 * duty, and the night caretaker of every scope its night templates name (or, with no night
 * template, of every dorm building).
 */
export function requiredDuties(
  templates: readonly RotationTemplate[],
  buildings: readonly string[],
): RequiredDuty[] {
  const out: RequiredDuty[] = (["morning", "noon", "evening", "holiday"] as const).map((kind) => ({
    kind,
    scope: CAMPUS,
  }));
  const nightScopes = new Map<string, DutyScope>();
  for (const t of templates)
    if (t.isActive && t.kind === "night") nightScopes.set(scopeKey(t.scope), t.scope);
  if (nightScopes.size === 0)
    for (const b of buildings) nightScopes.set(`building:${b}`, { kind: "building", building: b });
  for (const scope of nightScopes.values()) out.push({ kind: "night", scope });
  return out;
}

export interface RosterGap {
  id: string;
  date: LocalDate;
  kind: DutyKind;
  scope: DutyScope;
  /** The slot exists but was cleared (else it was never made). */
  cleared: boolean;
}

/** RS-4: every slot of the range that must be held and has nobody. */
export function findGaps(
  required: readonly RequiredDuty[],
  slots: ReadonlyMap<string, DutySlot>,
  calendar: SchoolCalendar,
  from: LocalDate,
  to: LocalDate,
): RosterGap[] {
  const gaps: RosterGap[] = [];
  for (const duty of required) {
    for (const date of dutyDates(duty.kind, from, to, calendar)) {
      const id = dutySlotId(date, duty.kind, duty.scope);
      const slot = slots.get(id);
      if (!slot || slot.staffIds.length === 0)
        gaps.push({ id, date, kind: duty.kind, scope: duty.scope, cleared: slot !== undefined });
    }
  }
  return gaps.sort(
    (a, b) => a.date.localeCompare(b.date) || DUTY_KINDS.indexOf(a.kind) - DUTY_KINDS.indexOf(b.kind),
  );
}

export interface RosterClash {
  staffId: string;
  /** The two slots (ids) whose times overlap. */
  slotIds: [string, string];
}

/** RS-5: each pair of overlapping slots one person holds. */
export function findClashes(slots: readonly DutySlot[], times: TimeSlotSettings): RosterClash[] {
  if (slots.length === 0) return [];
  const epoch = slots.map((s) => s.date).sort()[0] as LocalDate;
  const byPerson = new Map<string, { id: string; start: number; end: number }[]>();
  for (const slot of slots) {
    const h = heldInterval(slot.date, slot.kind, times);
    const span = {
      id: slot.id,
      start: dayMinutes(h.startDate, epoch) + h.startMinute,
      end: dayMinutes(h.endDate, epoch) + h.endMinute,
    };
    for (const person of new Set(slot.staffIds)) {
      const list = byPerson.get(person) ?? [];
      list.push(span);
      byPerson.set(person, list);
    }
  }
  const clashes: RosterClash[] = [];
  for (const [staffId, spans] of byPerson) {
    spans.sort((a, b) => a.start - b.start);
    for (let i = 0; i < spans.length; i++) {
      const a = spans[i] as { id: string; start: number; end: number };
      for (let j = i + 1; j < spans.length; j++) {
        const b = spans[j] as { id: string; start: number; end: number };
        if (b.start >= a.end) break;
        clashes.push({ staffId, slotIds: [a.id, b.id] });
      }
    }
  }
  return clashes;
}

/** A new version of a slot with other people (an admin's assign or clear). */
export function assignSlot(
  slot: Pick<DutySlot, "id" | "date" | "kind" | "scope">,
  previous: DutySlot | undefined,
  staffIds: readonly string[],
  by: string,
  at: string,
): DutySlot {
  const people = [...new Set(staffIds)];
  return {
    id: slot.id,
    date: slot.date,
    kind: slot.kind,
    scope: slot.scope,
    staffIds: people,
    source: "edited",
    templateId: previous?.templateId ?? null,
    history: [
      ...(previous?.history ?? []),
      { at, by, change: people.length === 0 ? "cleared" : "assigned", staffIds: people },
    ],
  };
}

/** The slots a person holds, in date order and, within a date, in the day's order. */
export function slotsHeldBy(staffId: string, slots: Iterable<DutySlot>): DutySlot[] {
  const out: DutySlot[] = [];
  for (const s of slots) if (s.staffIds.includes(staffId)) out.push(s);
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || DUTY_KINDS.indexOf(a.kind) - DUTY_KINDS.indexOf(b.kind),
  );
}

/** RS-1 / RD-3: the round a campus duty teacher walks in their slot (三查: 早中晚). */
export const DUTY_ROUND: Partial<Record<DutyKind, RoundKind>> = {
  morning: "morning",
  noon: "noon",
  evening: "evening",
};
