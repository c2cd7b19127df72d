// The admin's week of the roster as a grid (rows = duty and scope, columns = the seven days of
// one week) with what needs a look: gaps (RS-4, a slot that must be held and has nobody) and
// clashes (RS-5, one person in two overlapping slots). Pure: the slots, the calendar and the
// times are arguments, so the page, the print page and the tests read the same thing.
import {
  DUTY_KINDS,
  type DutyKind,
  type DutyScope,
  type DutySlot,
  dutyDates,
  dutySlotId,
  findClashes,
  findGaps,
  type RequiredDuty,
  type RosterClash,
  type RosterGap,
  scopeKey,
} from "../../../domain/roster.ts";
import { addDays, type LocalDate, type SchoolCalendar, weekdayOf } from "../../../domain/school-calendar.ts";
import type { TimeSlotSettings } from "../../../domain/time-slots.ts";

/** A slot as the view holds it: the entity, its version, and whether this phone has an unsent edit. */
export interface SlotEntry {
  entity: DutySlot;
  version: number | null;
  hasPendingChanges: boolean;
}

export interface WeekRow {
  /** scopeKey-qualified: "night|building:男生宿舍楼". */
  key: string;
  kind: DutyKind;
  scope: DutyScope;
}

export interface WeekCell {
  date: LocalDate;
  slotId: string;
  entry: SlotEntry | undefined;
  /** The duty is held on this date (RS-1); a cell of a day without it shows "—". */
  isHeld: boolean;
  /** RS-4: held, and nobody on it. */
  isGap: boolean;
  /** RS-5: the people on this slot who are also on an overlapping slot. */
  clashStaffIds: string[];
}

export interface WeekGrid {
  dates: LocalDate[];
  rows: { row: WeekRow; cells: WeekCell[] }[];
  gaps: RosterGap[];
  clashes: RosterClash[];
}

/** The Monday of a date's week (the school's week runs Monday to Sunday). */
export function weekStartOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

export function weekDates(start: LocalDate): LocalDate[] {
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

const rowKey = (kind: DutyKind, scope: DutyScope) => `${kind}|${scopeKey(scope)}`;

/**
 * The rows: every required duty, plus any kind and scope a slot of the range has that is not
 * required (a room's night slot made by hand), in the day's order and then by scope.
 */
export function weekRows(required: readonly RequiredDuty[], slots: readonly DutySlot[]): WeekRow[] {
  const rows = new Map<string, WeekRow>();
  for (const d of required) rows.set(rowKey(d.kind, d.scope), { key: rowKey(d.kind, d.scope), ...d });
  for (const s of slots) {
    const key = rowKey(s.kind, s.scope);
    if (!rows.has(key)) rows.set(key, { key, kind: s.kind, scope: s.scope });
  }
  return [...rows.values()].sort(
    (a, b) =>
      DUTY_KINDS.indexOf(a.kind) - DUTY_KINDS.indexOf(b.kind) ||
      scopeKey(a.scope).localeCompare(scopeKey(b.scope)),
  );
}

/**
 * RS-5 for the slots of `from`..`to`: every clash with at least one slot in the range. The
 * entries may reach a day before (a night slot runs into the morning), so pass them too.
 */
export function clashesIn(
  entries: readonly SlotEntry[],
  times: TimeSlotSettings,
  from: LocalDate,
  to: LocalDate,
): RosterClash[] {
  const slots = entries.map((e) => e.entity).filter((s) => s.date >= addDays(from, -1) && s.date <= to);
  const dateOf = new Map(slots.map((s) => [s.id, s.date]));
  const inRange = (id: string) => {
    const d = dateOf.get(id);
    return d !== undefined && d >= from && d <= to;
  };
  return findClashes(slots, times).filter((c) => inRange(c.slotIds[0]) || inRange(c.slotIds[1]));
}

export function slotMap(entries: readonly SlotEntry[]): Map<string, DutySlot> {
  return new Map(entries.map((e) => [e.entity.id, e.entity]));
}

/** RS-4 and RS-5 over a range: what the summary line counts. */
export function problemsIn(input: {
  entries: readonly SlotEntry[];
  required: readonly RequiredDuty[];
  calendar: SchoolCalendar;
  times: TimeSlotSettings;
  from: LocalDate;
  to: LocalDate;
}): { gaps: RosterGap[]; clashes: RosterClash[] } {
  const { entries, required, calendar, times, from, to } = input;
  return {
    gaps: findGaps(required, slotMap(entries), calendar, from, to),
    clashes: clashesIn(entries, times, from, to),
  };
}

/** The week from `weekStart` (a Monday) as rows × days with gaps and clashes marked. */
export function buildWeek(input: {
  weekStart: LocalDate;
  entries: readonly SlotEntry[];
  required: readonly RequiredDuty[];
  calendar: SchoolCalendar;
  times: TimeSlotSettings;
}): WeekGrid {
  const { weekStart, entries, required, calendar, times } = input;
  const dates = weekDates(weekStart);
  const to = dates[6] as LocalDate;
  const inWeek = entries.filter((e) => e.entity.date >= weekStart && e.entity.date <= to);
  const byId = new Map(inWeek.map((e) => [e.entity.id, e]));
  const { gaps, clashes } = problemsIn({ entries, required, calendar, times, from: weekStart, to });
  const gapIds = new Set(gaps.map((g) => g.id));
  const clashing = new Map<string, Set<string>>();
  for (const c of clashes) {
    for (const id of c.slotIds) {
      const set = clashing.get(id) ?? new Set<string>();
      set.add(c.staffId);
      clashing.set(id, set);
    }
  }
  const rows = weekRows(
    required,
    inWeek.map((e) => e.entity),
  ).map((row) => {
    const held = new Set(dutyDates(row.kind, weekStart, to, calendar));
    const cells = dates.map((date): WeekCell => {
      const slotId = dutySlotId(date, row.kind, row.scope);
      return {
        date,
        slotId,
        entry: byId.get(slotId),
        isHeld: held.has(date),
        isGap: gapIds.has(slotId),
        clashStaffIds: [...(clashing.get(slotId) ?? [])],
      };
    });
    return { row, cells };
  });
  return { dates, rows, gaps, clashes };
}
