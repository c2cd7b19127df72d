// "Who is responsible now" (SPEC §1): for the whole campus, a class or a dorm room, at any
// instant, from the time slots, the school calendar, the roster and the timetable. No clock
// inside: the instant is an argument.
//
// Rules (tests in responsible.test.ts cite them):
//   RN-1 the slot of an instant comes from the time slots in the school's time zone; the night
//        slot belongs to the date it began on (Monday 20:30 → Tuesday 06:30 is Monday's night).
//   RN-2 on a school day, the morning, noon and evening slots are held by that day's duty
//        teacher(s) for the campus, every class and every dorm room (the boarders are with
//        them); the night slot by the caretaker(s) of the room, else of its building; for a
//        class or the campus at night, by every caretaker on duty that night.
//   RN-3 on a school day, class time is held by the class teacher together with the subject
//        teacher of the running period (TT-2); for the campus, by each class's teachers; a dorm
//        room is closed then and needs nobody.
//   RN-4 a non-school day inside a term is held, all day from the morning slot's start, by the
//        holiday duty (节假日值班); outside every term nobody is rostered (vacation).
//   RN-5 the next hand-over is the end of the current slot (on a non-school day: the next
//        morning slot's start).
//   RN-6 a slot the roster must fill and nobody holds is a gap, shown as such — never blank.
import { CAMPUS, type DutyKind, type DutySlot, dutyKindOfSlot, dutySlotId } from "./roster.ts";
import {
  addDays,
  atLocal,
  isInTerm,
  isSchoolDay,
  type LocalDate,
  localMinuteOf,
  scheduleWeekdayOf,
} from "./school-calendar.ts";
import type { EffectiveSettings } from "./school-settings.ts";
import { parseClockTime, type SlotKind, slotAt } from "./time-slots.ts";
import { periodAtMinute, subjectTeacherOf, type Timetable } from "./timetable.ts";

export type ResponsibleTarget =
  | { kind: "campus" }
  | { kind: "class"; classId: string; classTeacherId: string | null; timetable?: Timetable | undefined }
  | { kind: "room"; roomId: string; building: string };

export type HolderRole = "duty" | "caretaker" | "holiday" | "classTeacher" | "subjectTeacher";

export interface Holder {
  staffId: string;
  role: HolderRole;
}

export interface Responsible {
  /** The school's time slot now and the duty date it belongs to (RN-1). */
  slot: SlotKind;
  dutyDate: LocalDate;
  isSchoolDay: boolean;
  /** The roster duty that answers, when one does. */
  duty: DutyKind | null;
  holders: Holder[];
  /** RN-6: a rostered slot nobody holds. */
  isGap: boolean;
  /** RN-3: a dorm room in class time; RN-4: vacation. */
  nobodyNeeded: "room_closed" | "vacation" | "class_time_campus" | null;
  /** RN-3: the running period number, in class time. */
  period: number | null;
  /** RN-5. */
  nextHandoverAt: Date;
}

export interface RosterLookup {
  /** The slot with this id (RS-2), if the phone or server has it. */
  slot(id: string): DutySlot | undefined;
  /** Every night slot of a date (for the campus or a class at night). */
  nightSlots(date: LocalDate): DutySlot[];
}

/** A lookup over a plain list (tests, the server); phones read their indexed view instead. */
export function rosterLookup(slots: Iterable<DutySlot>): RosterLookup {
  const byId = new Map<string, DutySlot>();
  const nights = new Map<string, DutySlot[]>();
  for (const s of slots) {
    byId.set(s.id, s);
    if (s.kind === "night") nights.set(s.date, [...(nights.get(s.date) ?? []), s]);
  }
  return { slot: (id) => byId.get(id), nightSlots: (date) => nights.get(date) ?? [] };
}

function holdersOf(slots: (DutySlot | undefined)[], role: HolderRole): Holder[] {
  const seen = new Set<string>();
  const out: Holder[] = [];
  for (const s of slots)
    for (const id of s?.staffIds ?? [])
      if (!seen.has(id)) {
        seen.add(id);
        out.push({ staffId: id, role });
      }
  return out;
}

export function responsibleAt(
  instant: Date,
  target: ResponsibleTarget,
  settings: EffectiveSettings,
  roster: RosterLookup,
): Responsible {
  const now = slotAt(settings.timeSlots, instant, settings.timeZone);
  // RN-1: the night ends where the morning slot begins (the slots are contiguous), so a day
  // from one morning slot's start to the next is exactly the duty date's span.
  const date = now.dutyDate;
  const base = { slot: now.slot, dutyDate: date, period: null, nobodyNeeded: null, isGap: false };

  if (!isSchoolDay(date, settings)) {
    const morningStart = parseClockTime(settings.timeSlots.morning.start) ?? 0;
    const common = {
      ...base,
      isSchoolDay: false,
      nextHandoverAt: atLocal(addDays(date, 1), morningStart, settings.timeZone),
    };
    if (!isInTerm(date, settings)) return { ...common, duty: null, holders: [], nobodyNeeded: "vacation" };
    const holders = holdersOf([roster.slot(dutySlotId(date, "holiday", CAMPUS))], "holiday");
    return { ...common, duty: "holiday", holders, isGap: holders.length === 0 };
  }

  const common = { ...base, isSchoolDay: true, nextHandoverAt: now.endsAt };
  const duty = dutyKindOfSlot(now.slot);
  if (duty === "night") {
    // RN-2: a room's own caretaker, else its building's; campus and classes: everyone on tonight.
    let slots: (DutySlot | undefined)[];
    if (target.kind === "room") {
      const own = roster.slot(dutySlotId(date, "night", { kind: "room", roomId: target.roomId }));
      slots =
        own && own.staffIds.length > 0
          ? [own]
          : [roster.slot(dutySlotId(date, "night", { kind: "building", building: target.building }))];
    } else {
      slots = roster.nightSlots(date);
    }
    const holders = holdersOf(slots, "caretaker");
    return { ...common, duty, holders, isGap: holders.length === 0 };
  }
  if (duty) {
    const holders = holdersOf([roster.slot(dutySlotId(date, duty, CAMPUS))], "duty");
    return { ...common, duty, holders, isGap: holders.length === 0 };
  }

  // RN-3: class time.
  if (target.kind === "room") return { ...common, duty: null, holders: [], nobodyNeeded: "room_closed" };
  if (target.kind === "campus")
    return { ...common, duty: null, holders: [], nobodyNeeded: "class_time_campus" };
  const { holders, period } = classTimeHolders(
    target,
    date,
    localMinuteOf(instant, settings.timeZone),
    settings,
  );
  return { ...common, duty: null, holders, period, isGap: holders.length === 0 };
}

/** RN-3: the class teacher and the running period's subject teacher of a class. */
export function classTimeHolders(
  target: Extract<ResponsibleTarget, { kind: "class" }>,
  date: LocalDate,
  minuteOfDay: number,
  settings: EffectiveSettings,
): { holders: Holder[]; period: number | null } {
  const period = periodAtMinute(settings.periods, minuteOfDay) ?? null;
  const holders: Holder[] = [];
  if (target.classTeacherId) holders.push({ staffId: target.classTeacherId, role: "classTeacher" });
  if (period !== null) {
    const teacher = subjectTeacherOf(target.timetable, scheduleWeekdayOf(date, settings), period);
    if (teacher && teacher !== target.classTeacherId)
      holders.push({ staffId: teacher, role: "subjectTeacher" });
  }
  return { holders, period };
}
