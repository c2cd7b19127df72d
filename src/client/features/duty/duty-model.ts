// "Responsible now" as the phone shows it (SPEC §1: who is responsible now, for the whole campus,
// a class or a dorm room): the domain answer (responsibleAt, RN-1..6) turned into what a card
// needs — the slot and its times, the people with their phone numbers, a gap or why nobody is
// needed, the next hand-over and who takes over then. Pure: the page passes the clock, the
// settings, the roster it read and a way to name people.
import {
  type Holder,
  type HolderRole,
  type Responsible,
  type ResponsibleTarget,
  type RosterLookup,
  responsibleAt,
} from "../../../domain/responsible.ts";
import { type DutyKind, type DutySlot, heldInterval } from "../../../domain/roster.ts";
import { atLocal, type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import { formatClockTime, parseClockTime, slotAt } from "../../../domain/time-slots.ts";

export interface PersonInfo {
  name: string;
  phone: string | null;
}

export interface HolderLine {
  staffId: string;
  name: string;
  phone: string | null;
  role: HolderRole;
  /** For the duty teachers: which one (早活动 / 中午 / 晚活动). */
  duty: DutyKind | null;
}

/** Why a card shows nobody: a gap is a problem (red, RN-6); the others are explained. */
export type NowState = "held" | "gap" | "vacation" | "room_closed" | "class_time_campus";

export interface NowView {
  responsible: Responsible;
  state: NowState;
  /** When the slot (or, on a non-school day, the holiday duty's day) began and ends. */
  startsAt: Date;
  endsAt: Date;
  people: HolderLine[];
  /** RN-5 and who holds the target then; null in the vacation (nobody either way). */
  next: { at: Date; state: NowState; people: HolderLine[] } | null;
}

export type Directory = (staffId: string) => PersonInfo | undefined;

function lines(r: Responsible, people: Directory): HolderLine[] {
  return r.holders.map((h: Holder) => {
    const person = people(h.staffId);
    return {
      staffId: h.staffId,
      name: person?.name ?? "",
      phone: person?.phone?.trim() ? person.phone.trim() : null,
      role: h.role,
      duty: h.role === "duty" ? r.duty : null,
    };
  });
}

function stateOf(r: Responsible): NowState {
  if (r.nobodyNeeded) return r.nobodyNeeded;
  return r.isGap || r.holders.length === 0 ? "gap" : "held";
}

export function nowView(
  instant: Date,
  target: ResponsibleTarget,
  settings: EffectiveSettings,
  roster: RosterLookup,
  people: Directory,
): NowView {
  const r = responsibleAt(instant, target, settings, roster);
  const slot = slotAt(settings.timeSlots, instant, settings.timeZone);
  // RN-4: a non-school day is one span from the morning slot's start to the next one's.
  const startsAt = r.isSchoolDay
    ? slot.startsAt
    : atLocal(r.dutyDate, parseClockTime(settings.timeSlots.morning.start) ?? 0, settings.timeZone);
  const state = stateOf(r);
  let next: NowView["next"] = null;
  if (state !== "vacation") {
    const then = responsibleAt(r.nextHandoverAt, target, settings, roster);
    next = { at: r.nextHandoverAt, state: stateOf(then), people: lines(then, people) };
  }
  return { responsible: r, state, startsAt, endsAt: r.nextHandoverAt, people: lines(r, people), next };
}

/** "tel:13812345678": digits and a leading + only, so any written form dials. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export interface MyDutyToday {
  slotId: string;
  kind: DutyKind;
  start: string;
  end: string;
}

/** The home card's "今天我值": the slots of today's date I hold, in the day's order. */
export function myDutiesOn(
  staffId: string,
  date: LocalDate,
  slots: readonly DutySlot[],
  settings: EffectiveSettings,
): MyDutyToday[] {
  const order: DutyKind[] = ["holiday", "morning", "noon", "evening", "night"];
  return slots
    .filter((s) => s.date === date && s.staffIds.includes(staffId))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((s) => {
      const h = heldInterval(s.date, s.kind, settings.timeSlots);
      return {
        slotId: s.id,
        kind: s.kind,
        start: formatClockTime(h.startMinute),
        end: formatClockTime(h.endMinute),
      };
    })
    .filter((d, i, all) => all.findIndex((o) => o.slotId === d.slotId) === i);
}

/** Whether an instant falls on a later local date than `now` (the hand-over says "明天"). */
export function isLaterDay(at: Date, now: Date, timeZone: string): boolean {
  return localDateOf(at, timeZone) > localDateOf(now, timeZone);
}
