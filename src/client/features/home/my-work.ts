// What the home page puts first (SPEC §2): today's rounds of the areas that are this person's
// job (RD-4 isMyArea, per round: the campus is a duty teacher's in the rounds of the duty slots
// they hold today; RD-3, RD-6 roundStatusOf), and the hazards waiting for them — assigned to them
// (overdue first), rectified ones they reported (to verify), the interim controls carried over
// the night (DC-3, for the morning duty teacher and the admin) and overdue ones escalated up to
// them (HZ-E1). Pure: the page passes what it read from the phone and the time.
import type { AreaKind } from "../../../domain/area-kinds.ts";
import { morningFirst } from "../../../domain/day-close.ts";
import { type EscalationLevel, reachedEscalations } from "../../../domain/hazard-deadline.ts";
import { type Hazard, isOpenState } from "../../../domain/hazard-machine.ts";
import type { Role } from "../../../domain/roles.ts";
import type { DutySlot } from "../../../domain/roster.ts";
import {
  type Checker,
  dutyRoundsOn,
  isMyArea,
  ROUND_KINDS,
  type RoundKind,
  type RoundStatus,
  roundStatusOf,
  roundWindowOn,
  type TimedRound,
} from "../../../domain/rounds.ts";
import { isSchoolDay, type LocalDate } from "../../../domain/school-calendar.ts";
import type { EffectiveSettings } from "../../../domain/school-settings.ts";
import type { SlotKind } from "../../../domain/time-slots.ts";
import { areaResponsibleId } from "../../ui/area-people.ts";

export interface HomeArea {
  id: string;
  name: string;
  kind: AreaKind;
  responsibleStaffId: string | null;
  classId: string | null;
}

export interface HomeClass {
  id: string;
  grade: number;
  classTeacherId: string | null;
}

export interface Me {
  id: string;
  roles: readonly Role[];
}

/**
 * The person as the round rules see them: their roles, the classes they teach and (RD-4) the
 * rounds whose duty slot they hold on `today.date`, from that date's slots (roster-view.ts
 * listDutySlots). Without `today` the roles alone decide, as for a school with no roster.
 */
export function checkerOf(
  me: Me,
  classes: readonly HomeClass[],
  today?: { date: LocalDate; slots: readonly Pick<DutySlot, "date" | "kind" | "scope" | "staffIds">[] },
): Checker {
  return {
    id: me.id,
    roles: me.roles,
    classIds: classes.filter((c) => c.classTeacherId === me.id).map((c) => c.id),
    ...(today ? { dutyRounds: dutyRoundsOn(me.id, today.date, today.slots) } : {}),
  };
}

// ── Rounds ────────────────────────────────────────────────────────────────────────────────

export interface RoundRecordTime extends TimedRound {
  areaId: string;
  round: RoundKind;
  checkedAt: string;
  hasPendingChanges: boolean;
}

export interface MyRoundArea {
  area: HomeArea;
  status: RoundStatus;
  records: number;
  /** One of the records is still on this phone only. */
  isPending: boolean;
}

export interface MyRound {
  round: RoundKind;
  start: Date;
  end: Date;
  areas: MyRoundArea[];
  /** Areas per status, for the one-line summary of a round. */
  counts: Partial<Record<RoundStatus, number>>;
}

export interface MyRounds {
  date: LocalDate;
  isSchoolDay: boolean;
  /** The round open now, else the next one, else the day's last: shown open, the rest folded. */
  focus: RoundKind;
  rounds: MyRound[];
}

// Work first: what is due now or was missed, then what is still to come, then what is done.
const STATUS_ORDER: Record<RoundStatus, number> = {
  due: 0,
  missed: 1,
  upcoming: 2,
  not_required: 3,
  late: 4,
  done: 5,
};

/** Own classroom first, then areas naming me, then the rest (a duty teacher's whole campus). */
function ownership(area: HomeArea, me: Checker): number {
  if (area.kind === "classroom" && area.classId !== null && me.classIds.includes(area.classId)) return 0;
  return area.responsibleStaffId === me.id ? 1 : 2;
}

export function myRoundsToday(input: {
  settings: EffectiveSettings;
  date: LocalDate;
  now: Date;
  areas: readonly HomeArea[];
  me: Checker;
  records: readonly RoundRecordTime[];
}): MyRounds {
  const { settings, date, now, me } = input;
  const byKey = new Map<string, RoundRecordTime[]>();
  for (const r of input.records) {
    const key = `${r.areaId}|${r.round}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const rounds = ROUND_KINDS.map((round): MyRound => {
    const { start, end } = roundWindowOn(settings, date, round);
    // RD-4 per round: a duty teacher walks the campus only in the rounds of their slots.
    const areas = input.areas
      .filter((a) => isMyArea(a, me, round))
      .map((area): MyRoundArea => {
        const records = byKey.get(`${area.id}|${round}`) ?? [];
        return {
          area,
          // RD-6: an early record leaves the round to do, unless the school counts early rounds.
          status: roundStatusOf(settings, date, round, records, now),
          records: records.length,
          isPending: records.some((r) => r.hasPendingChanges),
        };
      })
      .sort(
        (a, b) =>
          STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
          ownership(a.area, me) - ownership(b.area, me) ||
          a.area.name.localeCompare(b.area.name, "zh-CN"),
      );
    const counts: Partial<Record<RoundStatus, number>> = {};
    for (const a of areas) counts[a.status] = (counts[a.status] ?? 0) + 1;
    return { round, start, end, areas, counts };
  });
  const t = now.getTime();
  const open = rounds.find((r) => r.start.getTime() <= t && t < r.end.getTime());
  const next = rounds.find((r) => t < r.start.getTime());
  const focus = (open ?? next ?? rounds[rounds.length - 1])?.round ?? "morning";
  return { date, isSchoolDay: isSchoolDay(date, settings), focus, rounds };
}

/** Where a tap on an area of a round goes: the round page, for that round and date. */
export function roundLink(areaId: string, round: RoundKind, date: LocalDate): string {
  return `/round/${areaId}?round=${round}&date=${date}`;
}

// ── Hazards ───────────────────────────────────────────────────────────────────────────────

export interface MyHazards {
  /** Open hazards assigned to me, overdue first, then by deadline. */
  assigned: Hazard[];
  /** Rectified hazards I reported (an admin: any not rectified by them), to verify and close. */
  toVerify: Hazard[];
  /** DC-3: interim controls carried over the night, for the morning duty teacher and the admin. */
  carried: Hazard[];
  /** HZ-E1: overdue hazards whose escalation has reached me (not already assigned to me). */
  escalated: { hazard: Hazard; level: EscalationLevel }[];
  /** For the general-affairs head: reported hazards nobody has been named to fix. */
  unassigned: Hazard[];
}

const MORNING_SLOTS: readonly SlotKind[] = ["morning", "morningClasses"];

/** Whether an escalation level names this person for this hazard's area (HZ-E1). */
export function isEscalatedTo(
  level: EscalationLevel,
  me: Me,
  area: HomeArea | undefined,
  classes: readonly HomeClass[],
): boolean {
  switch (level) {
    case "area_responsible":
      return area !== undefined && areaResponsibleId(area, classes) === me.id;
    case "grade_or_department": {
      if (me.roles.includes("department_head")) return true;
      if (!me.roles.includes("grade_leader")) return false;
      // A grade leader answers for the classrooms of their grade (the grades they teach in);
      // one who teaches no class of their own sees every classroom.
      if (area?.kind !== "classroom") return false;
      const myGrades = new Set(classes.filter((c) => c.classTeacherId === me.id).map((c) => c.grade));
      if (myGrades.size === 0) return true;
      const grade = classes.find((c) => c.id === area.classId)?.grade;
      return grade !== undefined && myGrades.has(grade);
    }
    case "general_affairs":
      return me.roles.includes("admin");
    case "principal":
      return me.roles.includes("principal");
  }
}

const byDeadline = (a: Hazard, b: Hazard) => a.deadline.localeCompare(b.deadline);

export function myHazards(input: {
  me: Me;
  open: readonly Hazard[];
  toVerify: readonly Hazard[];
  areas: readonly HomeArea[];
  classes: readonly HomeClass[];
  settings: EffectiveSettings;
  slot: SlotKind;
  now: Date;
  /** RD-4 (checkerOf): with today's roster, the morning duty is whoever holds the morning slot. */
  dutyRounds?: Checker["dutyRounds"];
}): MyHazards {
  const { me, now } = input;
  const open = input.open.filter((h) => isOpenState(h.state));
  const areaOf = new Map(input.areas.map((a) => [a.id, a]));
  const isAdmin = me.roles.includes("admin");
  const toVerify = input.toVerify
    .filter((h) => h.state === "rectified")
    .filter((h) => h.reportedBy === me.id || (isAdmin && h.rectification?.by !== me.id))
    .sort((a, b) => (a.rectification?.at ?? "").localeCompare(b.rectification?.at ?? ""));
  const holdsMorning = input.dutyRounds?.morning ?? me.roles.includes("duty_teacher");
  const isMorningDuty = (holdsMorning || isAdmin) && MORNING_SLOTS.includes(input.slot);
  const carried = isMorningDuty ? morningFirst(open) : [];
  // Each hazard once, in the first list it belongs to: carried over, mine, escalated to me.
  const isCarried = new Set(carried.map((h) => h.id));
  // The deadline sorts overdue ones first: they have the earliest deadlines.
  const assigned = open.filter((h) => h.assigneeId === me.id && !isCarried.has(h.id)).sort(byDeadline);
  const escalated: MyHazards["escalated"] = [];
  for (const hazard of open) {
    if (hazard.assigneeId === me.id || isCarried.has(hazard.id)) continue;
    const reached = reachedEscalations(new Date(hazard.deadline), true, input.settings.escalationDelays, now);
    const area = areaOf.get(hazard.areaId);
    const mine = reached.filter((step) => isEscalatedTo(step.level, me, area, input.classes));
    const top = reached[reached.length - 1];
    if (mine.length > 0 && top) escalated.push({ hazard, level: top.level });
  }
  escalated.sort((a, b) => byDeadline(a.hazard, b.hazard));
  const isEscalated = new Set(escalated.map((e) => e.hazard.id));
  const unassigned = isAdmin
    ? open
        .filter((h) => h.assigneeId === null && !isCarried.has(h.id) && !isEscalated.has(h.id))
        .sort(byDeadline)
    : [];
  return { assigned, toVerify, carried, escalated, unassigned };
}
