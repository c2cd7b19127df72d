// "My duties" (SPEC §1 "what are my next duties"): the next 14 days for one person, each duty
// slot they hold with its times (RS-1 heldInterval) and the work it brings — the round of the
// campus areas for the morning, noon and evening duty teachers (DUTY_ROUND, 三查), the two
// boarder hand-overs (两个交接) for the evening duty teacher and the caretaker, bed checks at
// night, the whole campus on a holiday duty — and, for a class teacher, handing the class's
// boarders to the evening duty teacher at dismissal on every school day. Pure: the page passes
// what the phone has (works offline).

import {
  DUTY_ROUND,
  type DutyKind,
  type DutyScope,
  type DutySlot,
  heldInterval,
} from "../../../domain/roster.ts";
import type { RoundKind } from "../../../domain/rounds.ts";
import { addDays, isSchoolDay, type LocalDate } from "../../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import { formatClockTime, parseClockTime } from "../../../domain/time-slots.ts";

export const MY_DUTY_DAYS = 14;

export interface NamedArea {
  id: string;
  name: string;
}

export type DutyTask =
  | { kind: "round"; round: RoundKind; areas: NamedArea[] }
  | { kind: "receiveFromClasses" }
  | { kind: "handToCaretaker" }
  | { kind: "receiveBoarders" }
  | { kind: "bedCheck" }
  | { kind: "holidayAll"; until: string }
  | { kind: "handToEvening"; classId: string; className: string; eveningIds: string[] };

export interface MyDutyItem {
  key: string;
  date: LocalDate;
  /** A roster duty, or the class teacher's dismissal hand-over (not a roster slot). */
  kind: DutyKind | "classHandover";
  /** The roster slot (null for the class hand-over) and its version as shown, for a swap. */
  slotId: string | null;
  version: number | null;
  isPending: boolean;
  scope: DutyScope | null;
  start: string;
  end: string;
  /** The night and the holiday duty end on the next morning. */
  endsNextDay: boolean;
  tasks: DutyTask[];
}

export interface MyDutyDay {
  date: LocalDate;
  isToday: boolean;
  items: MyDutyItem[];
}

/** A slot as the view gives it (Entry<DutySlot>). */
export interface SlotEntry {
  entity: DutySlot;
  version: number | null;
  hasPendingChanges: boolean;
}

export interface MyDutiesInput {
  staffId: string;
  today: LocalDate;
  days?: number;
  slots: readonly SlotEntry[];
  settings: EffectiveSettings;
  /** The campus areas (校园) the duty teachers walk. */
  campusAreas: readonly NamedArea[];
  /** The classes this person is class teacher of. */
  myClasses: readonly { id: string; name: string }[];
}

function tasksOf(slot: DutySlot, campusAreas: readonly NamedArea[], until: string): DutyTask[] {
  const tasks: DutyTask[] = [];
  const round = DUTY_ROUND[slot.kind];
  if (round) tasks.push({ kind: "round", round, areas: [...campusAreas] });
  switch (slot.kind) {
    case "evening":
      tasks.push({ kind: "receiveFromClasses" }, { kind: "handToCaretaker" });
      break;
    case "night":
      tasks.push({ kind: "receiveBoarders" }, { kind: "bedCheck" });
      break;
    case "holiday":
      tasks.push({ kind: "holidayAll", until });
      break;
    default:
      break;
  }
  return tasks;
}

export function buildMyDuties(input: MyDutiesInput): MyDutyDay[] {
  const { settings, staffId } = input;
  const days = input.days ?? MY_DUTY_DAYS;
  const last = addDays(input.today, days - 1);
  const inRange = input.slots.filter((e) => e.entity.date >= input.today && e.entity.date <= last);
  const eveningByDate = new Map<LocalDate, string[]>();
  for (const e of inRange)
    if (e.entity.kind === "evening" && e.entity.scope.kind === "campus")
      eveningByDate.set(e.entity.date, e.entity.staffIds);

  const dismissal = settings.timeSlots.afternoonClasses.end;
  const morningStart = settings.timeSlots.morning.start;
  const out: MyDutyDay[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(input.today, i);
    const items: (MyDutyItem & { sortMinute: number })[] = [];
    for (const e of inRange) {
      const slot = e.entity;
      if (slot.date !== date || !slot.staffIds.includes(staffId)) continue;
      const h = heldInterval(slot.date, slot.kind, settings.timeSlots);
      items.push({
        key: slot.id,
        date,
        kind: slot.kind,
        slotId: slot.id,
        version: e.version,
        isPending: e.hasPendingChanges,
        scope: slot.scope,
        start: formatClockTime(h.startMinute),
        end: formatClockTime(h.endMinute),
        endsNextDay: h.endDate !== h.startDate,
        tasks: tasksOf(slot, input.campusAreas, morningStart),
        // The holiday duty covers the day: first.
        sortMinute: slot.kind === "holiday" ? -1 : h.startMinute,
      });
    }
    // SPEC §3 "两个交接" 1: at evening dismissal each class teacher hands the class's boarders
    // to the evening duty teacher, on every school day.
    if (input.myClasses.length > 0 && isSchoolDay(date, settings)) {
      for (const c of input.myClasses) {
        items.push({
          key: `${date}|classHandover|${c.id}`,
          date,
          kind: "classHandover",
          slotId: null,
          version: null,
          isPending: false,
          scope: null,
          start: dismissal,
          end: dismissal,
          endsNextDay: false,
          tasks: [
            {
              kind: "handToEvening",
              classId: c.id,
              className: c.name,
              eveningIds: eveningByDate.get(date) ?? [],
            },
          ],
          // Just before the evening slot that begins at the same minute.
          sortMinute: (parseClockTime(dismissal) ?? 0) - 0.5,
        });
      }
    }
    if (items.length === 0) continue;
    items.sort((a, b) => a.sortMinute - b.sortMinute || a.key.localeCompare(b.key));
    out.push({ date, isToday: i === 0, items: items.map(({ sortMinute: _, ...item }) => item) });
  }
  return out;
}

/**
 * Where a hand-over task is done (SPEC §3): the class's roll call for the class teacher, the
 * day's hand-overs for the evening duty teacher and the caretaker; null for other tasks.
 */
export function taskLink(task: DutyTask, date: LocalDate): string | null {
  switch (task.kind) {
    case "handToEvening":
      return `/roll-call/dismissal/${task.classId}?date=${date}`;
    case "receiveFromClasses":
    case "handToCaretaker":
    case "receiveBoarders":
    case "bedCheck":
      return "/handovers";
    default:
      return null;
  }
}
