// Need-to-know (SPEC "Who sees what", issue #16 §9): which records, and which of their fields, a
// phone receives. docs/need-to-know.md is the table; this module is the rule the server applies
// on pull (server/sync/pull.ts) and to the reference snapshot (server/routes/reference.ts).
// Pure: the server passes the people signed in on the device and the school's facts.
//
// Rules (tests in need-to-know.test.ts cite them):
//   NK-1 a phone is shared, so a pull's scope is the device's: the union of what each person
//        with a live session on (school, device) may see.
//   NK-2 the admin (总务主任) and the principal (校长) see everything, every field.
//   NK-3 a class teacher (the person the class names, as every server rule that lets a class
//        teacher act reads it: sync/handlers/handover-handlers.ts) sees the pupils of their
//        classes and their leave with its note (the sick note).
//   NK-4 the evening duty (晚活动值日) receives every class's boarders at dismissal and hands
//        them to the dorms at bedtime, so its holders see every boarder (no day pupil) and every
//        hand-over. Holders: the people named on the campus evening slot of a roll-call date
//        (RD below), or on an active evening template; and, when a roll-call date that is a
//        school day has nobody on that slot, everyone with the duty_teacher role (HO-2's
//        fallback: handover.ts mayReceive lets any of them receive then).
//   NK-5 the night caretaker (保育员) sees the boarders of the rooms they hold and those rooms'
//        hand-overs and bed checks. Rooms held: a room whose night slot of a roll-call date
//        names them (a room's own slot first, else its building's, as handover.ts
//        rosterReceivers), or whose room or building an active night template names them on;
//        and, for a room nobody holds on a roll-call date that is a school day, everyone with
//        the dorm_caretaker role (HO-2's fallback).
//        RD: the roll-call dates are the current duty date and the next one, so a phone that
//        goes offline still has tonight's and tomorrow's boarders.
//   NK-6 a roll call (hand-over, bed check) is seen whole by whoever holds its class or room;
//        any other scope gets it with the notes of the pupils it does not see taken out (NK-10
//        sends it to every scope): a pupil's whereabouts are read from every roll call of the
//        date that names them (custody.ts CU-7: a bed check lists away the pupils the class's
//        dismissal marked; the weekly summary counts a class's exceptions at bedtime).
//        Leave is seen with the pupil; its note (the reason, a sick note) only by the admin,
//        the principal and the pupil's class teacher: the others need only who is away when.
//        A roll call's exception notes and who picked a pupil up go to whoever holds the group
//        (they act on them: a sick pupil in the infirmary is theirs tonight) and to the pupil's
//        class teacher.
//   NK-7 a staff member's login is seen only by the admin and the principal (the roster's
//        timetable import matches logins); names, roles and phone numbers by everyone, because
//        whoever is responsible now must be callable from any phone (/duty, alerts, hazards).
//   NK-8 everything else (the school, classes, dorm rooms, areas, checklists, alerts, rounds,
//        hazards, the day's close, the roster, summaries, education, commendations) is seen by
//        everyone: it names no pupil, or names one because everyone must act (an unaccounted
//        pupil's alert goes to every phone, the gate included).
//   NK-9 a changed record the scope does not see is sent as a delete on a pull that continues
//        from a cursor (the phone may hold its older version); on a pull from nothing it is
//        left out. Only leave is still withheld whole (NK-10 sends every pupil and roll call,
//        so a pupil going out of sight arrives as its hidden record, an upsert); a scope that
//        sees no pupil can hold no leave and is sent no deletes of it.
//   NK-10 the month's review and the weekly drafts (weekly-summary.ts WS-1, monthly-score.ts MS)
//        are computed on every phone from every class's roll-call exceptions and unaccounted
//        alerts, counted by class through pupil.classId, so every phone's ranking is the
//        school's. So a pupil the scope does not see is still sent, as an anonymous membership
//        record: its id, classId and isBoarder, `isHidden: true`, and nothing that identifies
//        the child (no name, student number, gender, room or bed). And every roll call goes to
//        every scope, as NK-6 strips it for a scope that does not hold its group: the exceptions
//        of pupils it does not see keep their reason only, their returns lose their notes, and
//        a scope that sees none of its pupils gets none of the hand-over's notes (the steps' and
//        the dispute's resolution, which may name a child). Pages that act on pupils
//        (roll calls, /where, /leave, bed checks) leave hidden pupils out; the month and summary
//        pages count them and show a neutral text for their names.
import type { Role } from "./roles.ts";
import type { RollCall, RollCallException } from "./roll-call.ts";
import { CAMPUS, type DutySlot, dutySlotId, type RotationTemplate } from "./roster.ts";
import { addDays, isSchoolDay, type LocalDate, type SchoolCalendar } from "./school-calendar.ts";
import { slotAt, type TimeSlotSettings } from "./time-slots.ts";

export interface NkPerson {
  id: string;
  roles: readonly Role[];
}

/** What the rule reads of the school (server/sync/device-scope.ts loads it once per pull). */
export interface SchoolFacts {
  classes: readonly { id: string; classTeacherId: string | null }[];
  dormRooms: readonly { id: string; building: string }[];
  templates: readonly RotationTemplate[];
  /** The evening and night slots of the roll-call dates (others are ignored). */
  slots: readonly DutySlot[];
  /** RD: the current duty date and the next, each with whether it is a school day. */
  rollCallDates: readonly { date: LocalDate; isSchoolDay: boolean }[];
}

/** What a device may see. Sorted lists, so equal scopes have equal fingerprints. */
export interface Scope {
  everything: boolean;
  /** NK-3: classes whose pupils are seen with every field. */
  classIds: string[];
  /** NK-4: every boarder. */
  allBoarders: boolean;
  /** NK-5: rooms whose boarders are seen. */
  roomIds: string[];
}

export const NOTHING: Scope = { everything: false, classIds: [], allBoarders: false, roomIds: [] };

/** What a rule needs to know of a pupil named by leave or a roll call. */
export interface PupilFacts {
  classId: string;
  isBoarder: boolean;
  dormRoomId: string | null;
}
export type PupilLookup = (pupilId: string) => PupilFacts | undefined;

/** RD: the current duty date (a night after midnight is the day before's) and the next. */
export function rollCallDatesAt(
  instant: Date,
  settings: SchoolCalendar & { timeSlots: TimeSlotSettings; timeZone: string },
): SchoolFacts["rollCallDates"] {
  const today = slotAt(settings.timeSlots, instant, settings.timeZone).dutyDate;
  return [today, addDays(today, 1)].map((date) => ({ date, isSchoolDay: isSchoolDay(date, settings) }));
}

const READERS: readonly Role[] = ["admin", "principal"];

function templateNames(t: RotationTemplate): string[] {
  return t.pattern.mode === "rotation" ? t.pattern.staffIds : Object.values(t.pattern.byWeekday).flat();
}

/** NK-1..5. */
export function scopeOf(people: readonly NkPerson[], facts: SchoolFacts): Scope {
  if (people.some((p) => p.roles.some((r) => READERS.includes(r)))) return { ...NOTHING, everything: true };
  const ids = new Set(people.map((p) => p.id));
  const hasRole = (role: Role) => people.some((p) => p.roles.includes(role));
  const named = (names: readonly string[]) => names.some((n) => ids.has(n));

  // NK-3
  const classIds = new Set<string>();
  for (const c of facts.classes) if (c.classTeacherId && ids.has(c.classTeacherId)) classIds.add(c.id);

  const slotById = new Map(facts.slots.map((s) => [s.id, s]));
  const slotNames = (id: string) => slotById.get(id)?.staffIds ?? [];
  const active = facts.templates.filter((t) => t.isActive);

  // NK-4
  let allBoarders = active.some((t) => t.kind === "evening" && named(templateNames(t)));
  for (const d of facts.rollCallDates) {
    const names = slotNames(dutySlotId(d.date, "evening", CAMPUS));
    if (named(names) || (names.length === 0 && d.isSchoolDay && hasRole("duty_teacher"))) allBoarders = true;
  }

  // NK-5
  const roomIds = new Set<string>();
  if (!allBoarders) {
    const nightTemplates = active.filter((t) => t.kind === "night");
    for (const room of facts.dormRooms) {
      const byTemplate = nightTemplates.some(
        (t) =>
          ((t.scope.kind === "room" && t.scope.roomId === room.id) ||
            (t.scope.kind === "building" && t.scope.building === room.building)) &&
          named(templateNames(t)),
      );
      const byDate = facts.rollCallDates.some((d) => {
        const own = slotNames(dutySlotId(d.date, "night", { kind: "room", roomId: room.id }));
        const names =
          own.length > 0
            ? own
            : slotNames(dutySlotId(d.date, "night", { kind: "building", building: room.building }));
        return named(names) || (names.length === 0 && d.isSchoolDay && hasRole("dorm_caretaker"));
      });
      if (byTemplate || byDate) roomIds.add(room.id);
    }
  }
  return { everything: false, classIds: [...classIds].sort(), allBoarders, roomIds: [...roomIds].sort() };
}

/** NK-9: whether the scope can hold any record of this type (else no delete is worth sending). */
export function canHold(entityType: string, scope: Scope): boolean {
  return entityType !== "leave" || seesSomePupils(scope);
}

/** Whether the scope sees any pupil whole (NK-2..5); a scope that sees none needs no look-ups. */
function seesSomePupils(scope: Scope): boolean {
  return scope.everything || scope.allBoarders || scope.classIds.length > 0 || scope.roomIds.length > 0;
}

/** The pupils a page's records name that the rule must look up (leave and room roll calls). */
export function pupilsToLookUp(
  changes: readonly { entityType: string; data: unknown }[],
  scope: Scope,
): string[] {
  if (scope.everything || !seesSomePupils(scope)) return [];
  const out = new Set<string>();
  for (const c of changes) {
    if (c.data === null) continue;
    if (c.entityType === "leave") out.add((c.data as { pupilId: string }).pupilId);
    else if (c.entityType === "handover") {
      const h = c.data as HandoverLike;
      if (!holdsGroup(h.group, scope)) for (const id of pupilsOf(h)) out.add(id);
    }
  }
  return [...out];
}

function seesPupil(p: PupilFacts, scope: Scope): boolean {
  return (
    scope.everything ||
    scope.classIds.includes(p.classId) ||
    (p.isBoarder && (scope.allBoarders || (p.dormRoomId !== null && scope.roomIds.includes(p.dormRoomId))))
  );
}

/** NK-10: a pupil the scope does not see, as the month's numbers need them (class membership). */
export interface HiddenPupil {
  id: string;
  studentNo: "";
  name: "";
  gender: null;
  classId: string;
  isBoarder: boolean;
  dormRoomId: null;
  bed: null;
  isHidden: true;
}

/** NK-10: built field by field, so nothing else of the record (nor a field added later) goes. */
export function hiddenPupil(p: { id: string; classId: string; isBoarder: boolean }): HiddenPupil {
  return {
    id: p.id,
    studentNo: "",
    name: "",
    gender: null,
    classId: p.classId,
    isBoarder: p.isBoarder,
    dormRoomId: null,
    bed: null,
    isHidden: true,
  };
}

type Group = { kind: "class"; classId: string } | { kind: "room"; roomId: string };
interface GiveLike {
  rollCall: RollCall;
}
interface HandoverLike {
  group: Group;
  give: GiveLike | null;
  history: { replaced?: GiveLike | undefined; pupilId?: string | undefined; note?: string | undefined }[];
  returns?: { pupilId: string; note?: string | undefined }[] | undefined;
  resolution?: { note: string } | null | undefined;
}

/** NK-6: whoever holds the group in the chain (every pupil it lists is theirs). */
function holdsGroup(group: Group, scope: Scope): boolean {
  if (scope.everything || scope.allBoarders) return true;
  return group.kind === "class"
    ? scope.classIds.includes(group.classId)
    : scope.roomIds.includes(group.roomId);
}

function rollCallsOf(h: HandoverLike): RollCall[] {
  const out: RollCall[] = [];
  if (h.give) out.push(h.give.rollCall);
  for (const e of h.history) if (e.replaced) out.push(e.replaced.rollCall);
  return out;
}

function pupilsOf(h: HandoverLike): string[] {
  const ids: string[] = [];
  for (const r of rollCallsOf(h)) {
    ids.push(...r.expected, ...r.onLeave, ...r.exceptions.map((e) => e.pupilId));
    for (const a of r.away ?? []) ids.push(a.pupilId);
  }
  return ids;
}

/** NK-6: an exception as someone who does not hold the pupil reads it (reason only). */
function bareException(e: RollCallException): RollCallException {
  return { pupilId: e.pupilId, reason: e.reason };
}

/**
 * NK-6, NK-10: the hand-over as a scope that does not hold its group reads it: the pupils it does
 * not see keep their exceptions' reasons only and lose their returns' notes; `anySeen` false (it
 * sees none of them) drops the hand-over's own free text too.
 */
function withRollCalls(h: HandoverLike, keep: (pupilId: string) => boolean, anySeen: boolean): HandoverLike {
  const strip = <G extends GiveLike>(g: G): G => ({
    ...g,
    rollCall: {
      ...g.rollCall,
      exceptions: g.rollCall.exceptions.map((e) => (keep(e.pupilId) ? e : bareException(e))),
    },
  });
  const history = h.history.map((e) => {
    const out = e.replaced ? { ...e, replaced: strip(e.replaced) } : { ...e };
    const kept = e.pupilId === undefined ? anySeen : keep(e.pupilId);
    if (!kept && out.note !== undefined) out.note = undefined;
    return out;
  });
  return {
    ...h,
    give: h.give ? strip(h.give) : null,
    history,
    ...(h.returns
      ? { returns: h.returns.map((r) => (keep(r.pupilId) ? r : { ...r, note: undefined })) }
      : {}),
    ...(h.resolution && !anySeen ? { resolution: { ...h.resolution, note: "" } } : {}),
  };
}

/**
 * NK-2..8, NK-10: the record as this scope receives it, or null when it is not sent. `pupilOf`
 * answers for the pupils pupilsToLookUp named.
 */
export function visible(
  change: { entityType: string; data: unknown },
  scope: Scope,
  pupilOf: PupilLookup = () => undefined,
): unknown {
  const { data } = change;
  if (scope.everything || data === null) return data;
  switch (change.entityType) {
    case "staff":
      return { ...(data as object), login: "" };
    case "pupil": {
      const p = data as PupilFacts & { id: string };
      return seesPupil(p, scope) ? data : hiddenPupil(p);
    }
    case "leave": {
      const pupil = pupilOf((data as { pupilId: string }).pupilId);
      if (!pupil || !seesPupil(pupil, scope)) return null;
      return scope.classIds.includes(pupil.classId) ? data : { ...(data as object), note: "" };
    }
    case "handover": {
      const h = data as HandoverLike;
      if (holdsGroup(h.group, scope)) return data;
      const seen = (id: string) => {
        const p = pupilOf(id);
        return p !== undefined && seesPupil(p, scope);
      };
      return withRollCalls(h, seen, pupilsOf(h).some(seen));
    }
    default:
      return data;
  }
}
