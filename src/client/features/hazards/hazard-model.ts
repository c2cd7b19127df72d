// What the hazard page shows, as data: the buttons for this person (availableActions, the
// next step first), the history as timeline rows (pending, refused and repeated steps marked),
// the escalation ladder with who sits on each rung (first, whoever holds the duty slot now: escalation
// and urgent alerts go to the current slot holder first, issue #5), the suggested people for a picker, the
// domain's refusals in the school's words, and the school-time-zone date-time field. Pure:
// hazard, people, outbox ids and the time are arguments.
import { ESCALATION_LEVELS, type EscalationLevel, escalationSteps } from "../../../domain/hazard-deadline.ts";
import {
  ACTION_LABELS,
  availableActions,
  HAZARD_STATE_LABELS,
  type Hazard,
  type HazardActionKind,
  type HazardActor,
  type HazardEvent,
  type HazardState,
  isOpenState,
} from "../../../domain/hazard-machine.ts";
import { type RosterLookup, responsibleAt } from "../../../domain/responsible.ts";
import { atLocal, isLocalDate, localDateOf, localMinuteOf } from "../../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import type { Timetable } from "../../../domain/timetable.ts";
import type { Area, SchoolClass, Staff } from "../../../protocol/reference.ts";
import { areaResponsibleId } from "../../ui/area-people.ts";
import { inLang } from "../../ui/i18n.ts";
import type { Suggestion } from "../../ui/staff-picker.tsx";
import { ht } from "./hazard-text.ts";

// ── Buttons ──────────────────────────────────────────────────────────────────────────────

/** The step the hazard waits for comes first; the everyday extras after. */
const ACTION_ORDER: readonly HazardActionKind[] = [
  "close",
  "rectify",
  "control",
  "assign",
  "setNightOwner",
  "reopen",
  "setDeadline",
  "raiseSeverity",
  "comment",
];

export interface ActionButton {
  kind: HazardActionKind;
  isPrimary: boolean;
}

/** The actions this person may take now, in the order the page shows them. */
export function actionButtons(
  hazard: Hazard,
  actor: HazardActor,
  responsibleId: string | null,
): ActionButton[] {
  const allowed = new Set(availableActions(hazard, actor, { areaResponsibleId: responsibleId }));
  // Raising the severity of a critical hazard changes nothing: no button.
  if (hazard.severity === "critical") allowed.delete("raiseSeverity");
  const ordered = ACTION_ORDER.filter((k) => allowed.has(k));
  const primary = ordered.find((k) => k === "close" || k === "rectify" || k === "control" || k === "assign");
  return ordered.map((kind) => ({ kind, isPrimary: kind === primary }));
}

// ── Timeline ─────────────────────────────────────────────────────────────────────────────

export interface TimelineRow {
  id: string;
  kind: HazardEvent["kind"];
  by: string;
  at: string;
  from?: HazardState;
  to?: HazardState;
  text?: string;
  photos: string[];
  severity?: Hazard["severity"];
  assigneeId?: string;
  deadline?: string;
  nightOwnerId?: string;
  /** The refusal in the school's words (HZ-S1). */
  refused?: string;
  isRepeat: boolean;
  /** Saved on this phone, not yet confirmed by the server. */
  isPending: boolean;
}

/**
 * The history in the order it happened. A step is pending when its mutation (or the report it
 * came with, for the assignment made while reporting) is still in this phone's outbox.
 */
export function timelineRows(hazard: Hazard, pendingMutationIds: ReadonlySet<string>): TimelineRow[] {
  return hazard.history.map((e) => {
    const base = e.id.includes(":") ? e.id.slice(0, e.id.indexOf(":")) : e.id;
    const row: TimelineRow = {
      id: e.id,
      kind: e.kind,
      by: e.by,
      at: e.at,
      photos: e.photos ?? [],
      isRepeat: e.isRepeat === true,
      isPending: pendingMutationIds.has(e.id) || pendingMutationIds.has(base),
    };
    if (e.from) row.from = e.from;
    if (e.to) row.to = e.to;
    if (e.text) row.text = e.text;
    if (e.severity) row.severity = e.severity;
    if (e.assigneeId) row.assigneeId = e.assigneeId;
    if (e.deadline) row.deadline = e.deadline;
    if (e.nightOwnerId) row.nightOwnerId = e.nightOwnerId;
    if (e.refused) row.refused = refusalText(e.refused);
    return row;
  });
}

// ── The domain's messages, in the school's words ─────────────────────────────────────────

const stateLabel = (s: string) =>
  s in HAZARD_STATE_LABELS ? inLang(HAZARD_STATE_LABELS[s as HazardState]) : s;

function actionByEnglish(label: string): string {
  for (const l of Object.values(ACTION_LABELS)) if (l.en === label) return inLang(l);
  return label;
}

const WHO: Record<string, () => string> = {
  admin: () => ht("whoAdmin"),
  reporter: () => ht("whoReporter"),
  assignee: () => ht("whoAssignee"),
  area_responsible: () => ht("whoAreaResponsible"),
  duty_teacher: () => ht("whoDutyTeacher"),
  anyone: () => ht("whoAnyone"),
};

const INVALID: Record<string, () => string> = {
  "rectify: an “after” photo is required": () => ht("afterPhotoRequired"),
  "rectify: the “after” photo must show the fix, not the photo of the hazard as found": () =>
    ht("afterPhotoNotFound"),
  "control: describe the interim measures": () => ht("measuresRequired"),
  "control: a photo of the measures is required": () => ht("measuresPhotoRequired"),
  "setDeadline: the deadline is not a date-time": () => ht("refusedDeadlineNotDate"),
  "setDeadline: the new deadline must be in the future": () => ht("deadlineInPast"),
  "reopen: say why it is reopened": () => ht("reopenReasonRequired"),
  "comment: write something or add a photo": () => ht("commentRequired"),
};

/**
 * A refusal from domain/hazard-machine.ts (on the phone or in the server's history) in the
 * current language; a message it does not know is shown as it came.
 */
export function refusalText(message: string): string {
  const invalid = INVALID[message];
  if (invalid) return invalid();
  const actedFirst = /^(.+): the hazard is now "(\w+)", not "(\w+)" \(someone acted first\)$/.exec(message);
  if (actedFirst) {
    return ht("refusedActedFirst", {
      action: actionByEnglish(actedFirst[1] ?? ""),
      state: stateLabel(actedFirst[2] ?? ""),
      from: stateLabel(actedFirst[3] ?? ""),
    });
  }
  const badState = /^(.+) is not possible on a hazard that is "(\w+)"$/.exec(message);
  if (badState) {
    return ht("refusedState", {
      action: actionByEnglish(badState[1] ?? ""),
      state: stateLabel(badState[2] ?? ""),
    });
  }
  if (message.startsWith("close: the person who rectified a hazard cannot close it"))
    return ht("refusedRectifierCloses");
  const who = /^(.+): only (.+) may do this$/.exec(message);
  if (who) {
    const people = (who[2] ?? "").split(", ").map((w) => WHO[w]?.() ?? w);
    return ht("refusedWho", { who: people.join(ht("whoOr")), action: actionByEnglish(who[1] ?? "") });
  }
  return message;
}

// ── Escalation ladder ────────────────────────────────────────────────────────────────────

/** "on_duty": whoever holds the time slot now (值班), before the management network. */
export type LadderLevel = "on_duty" | EscalationLevel;

export interface LadderRung {
  level: LadderLevel;
  at: Date;
  isReached: boolean;
  /** Names of the people on this rung. */
  people: string[];
  /** On duty: when the slot is handed over (RN-5). */
  until?: Date | undefined;
  /** On duty with nobody named: a gap in the roster (RN-6), or class time (each class's teachers, RN-3). */
  note?: "gap" | "classTime" | undefined;
}

export interface Directory {
  staff: readonly Staff[];
  areaById: ReadonlyMap<string, Area>;
  classById: ReadonlyMap<string, SchoolClass>;
  classes: readonly SchoolClass[];
}

/** Who sits on each rung of the management network for this hazard's area (HZ-E1). */
export function ladderPeople(hazard: Hazard, dir: Directory): Record<EscalationLevel, string[]> {
  const active = dir.staff.filter((s) => s.isActive);
  const nameOf = (id: string | null | undefined) => active.find((s) => s.id === id)?.name;
  const area = dir.areaById.get(hazard.areaId);
  const responsible = nameOf(area ? areaResponsibleId(area, dir.classes) : null);
  const cls = area?.kind === "classroom" && area.classId ? dir.classById.get(area.classId) : undefined;
  let middle: string[];
  if (cls) {
    // The grade leader of the classroom's grade: a grade leader teaching a class of that grade.
    const teachersOfGrade = new Set(
      dir.classes.filter((c) => c.grade === cls.grade).map((c) => c.classTeacherId),
    );
    middle = active
      .filter((s) => s.roles.includes("grade_leader") && teachersOfGrade.has(s.id))
      .map((s) => s.name);
  } else {
    middle = active.filter((s) => s.roles.includes("department_head")).map((s) => s.name);
  }
  return {
    area_responsible: responsible ? [responsible] : [],
    grade_or_department: middle,
    general_affairs: active.filter((s) => s.roles.includes("admin")).map((s) => s.name),
    principal: active.filter((s) => s.roles.includes("principal")).map((s) => s.name),
  };
}

/** Who holds the duty now, as the ladder needs it (onDutyNow). */
export interface OnDuty {
  staffIds: string[];
  until: Date;
  note?: "gap" | "classTime" | undefined;
}

/**
 * RN-1..RN-6 for the hazard's place at `now`: a classroom's class (its class teacher and the
 * period's subject teacher in class time, else the duty), any other area the whole campus.
 * Undefined in the vacation, when nobody is rostered.
 */
export function onDutyNow(
  hazard: Hazard,
  dir: Directory,
  settings: EffectiveSettings,
  roster: RosterLookup,
  timetables: ReadonlyMap<string, Timetable>,
  now: Date,
): OnDuty | undefined {
  const area = dir.areaById.get(hazard.areaId);
  const cls = area?.kind === "classroom" && area.classId ? dir.classById.get(area.classId) : undefined;
  const r = responsibleAt(
    now,
    cls
      ? {
          kind: "class",
          classId: cls.id,
          classTeacherId: cls.classTeacherId,
          timetable: timetables.get(cls.id),
        }
      : { kind: "campus" },
    settings,
    roster,
  );
  if (r.nobodyNeeded === "vacation" || r.nobodyNeeded === "room_closed") return undefined;
  const note = r.isGap ? "gap" : r.nobodyNeeded === "class_time_campus" ? "classTime" : undefined;
  return { staffIds: r.holders.map((h) => h.staffId), until: r.nextHandoverAt, note };
}

/**
 * HZ-E1 rungs, each reached at its delay after the deadline; given who is on duty now, a first
 * rung for them, reached at the deadline itself (the current slot holder hears first).
 */
export function ladder(
  hazard: Hazard,
  dir: Directory,
  delays: readonly [number, number, number, number],
  now: Date,
  onDuty?: OnDuty,
): LadderRung[] {
  const people = ladderPeople(hazard, dir);
  const isOpen = isOpenState(hazard.state);
  const steps = escalationSteps(new Date(hazard.deadline), delays);
  const reached = (at: Date) => isOpen && at.getTime() <= now.getTime();
  const rungs: LadderRung[] = ESCALATION_LEVELS.map((level, i) => {
    const at = steps[i]?.at ?? new Date(hazard.deadline);
    return { level, at, isReached: reached(at), people: people[level] };
  });
  if (!onDuty) return rungs;
  const nameOf = new Map(dir.staff.map((s) => [s.id as string, s.name]));
  const deadline = new Date(hazard.deadline);
  const first: LadderRung = {
    level: "on_duty",
    at: deadline,
    isReached: reached(deadline),
    people: onDuty.staffIds.map((id) => nameOf.get(id)).filter((n): n is string => n !== undefined),
    until: onDuty.until,
    note: onDuty.note,
  };
  return [first, ...rungs];
}

// ── Suggested people ─────────────────────────────────────────────────────────────────────

/** The assignee to suggest: the area's responsible person (a classroom: its class teacher), then the general-affairs head. */
export function assigneeSuggestions(hazard: Hazard, dir: Directory): Suggestion[] {
  const out: Suggestion[] = [];
  const area = dir.areaById.get(hazard.areaId);
  if (area?.responsibleStaffId) out.push({ staffId: area.responsibleStaffId, why: ht("whyAreaResponsible") });
  if (area?.kind === "classroom" && area.classId) {
    const teacher = dir.classById.get(area.classId)?.classTeacherId;
    if (teacher) out.push({ staffId: teacher, why: ht("whyClassTeacher") });
  }
  for (const s of dir.staff)
    if (s.roles.includes("admin")) out.push({ staffId: s.id, why: ht("whyGeneralAffairs") });
  if (hazard.assigneeId) out.push({ staffId: hazard.assigneeId, why: ht("whyCurrent") });
  return out;
}

// ── Date-time in the school's time zone ──────────────────────────────────────────────────

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** A datetime-local value ("2026-05-03T21:30") read in the school's time zone; undefined if not one. */
export function parseLocalDateTime(value: string, timeZone: string): Date | undefined {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, date = "", hh = "", mm = ""] = m;
  const hours = Number(hh);
  const minutes = Number(mm);
  if (!isLocalDate(date) || hours > 23 || minutes > 59) return undefined;
  return atLocal(date, hours * 60 + minutes, timeZone);
}

/** The datetime-local value of an instant in the school's time zone. */
export function toLocalDateTime(instant: Date, timeZone: string): string {
  const minute = localMinuteOf(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${localDateOf(instant, timeZone)}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}
