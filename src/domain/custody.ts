// "Where is this pupil's responsible adult now" (SPEC §3: every boarder always has one named
// adult): from the hand-over chain of the pupil's duty date, the roll calls' exceptions, leave,
// and outside the chain the roster and timetable (responsible.ts).
//
// Rules (tests in custody.test.ts cite them):
//   CU-1 a pupil on leave covering the date is not at school: nobody at school holds them.
//   CU-2 the latest roll call of the duty date that names the pupil as an exception decides
//        while it stands: picked up (with whom and when), sick / infirmary, or unaccounted
//        (until the alert is resolved as found, after which CU-3..5 apply again).
//   CU-3 class time, and the morning and noon slots: as responsibleAt() for the class (class
//        teacher and the period's subject teacher; the duty teacher; the holiday duty).
//   CU-4 a boarder in the evening slot is held by the class teacher until the class's dismissal
//        hand-over is received, then by its receiver; a day pupil has gone home after dismissal.
//   CU-5 a boarder in the night slot is held by whoever held them in the evening until the
//        room's bedtime hand-over is received, then by its receiver (the caretaker).
//   CU-6 a pupil marked away by a roll call (CU-2) and marked back on it (handover.ts HO-8) is
//        in the chain again from the time they came back.
//   CU-7 every roll call's list comes from the same chain: at the instant it is taken, the
//        group's boarders still in the school's care are expected (应到); those away (CU-1,
//        CU-2, not back by CU-6) are listed apart with their reason and left out of 应到. So
//        学生在谁那里, the dismissal and bedtime roll calls and the bed checks agree at every
//        instant (custody.test.ts checks it for any sequence of hand-overs, leave and returns).
import type { Handover } from "./handover.ts";
import { type Holder, type ResponsibleTarget, type RosterLookup, responsibleAt } from "./responsible.ts";
import type { ExceptionReason, Leave, RollCallException, RollCallGroup, RollCallPupil } from "./roll-call.ts";
import { isOnLeave, sortForRollCall } from "./roll-call.ts";
import type { LocalDate } from "./school-calendar.ts";
import type { EffectiveSettings } from "./school-settings.ts";
import { slotAt } from "./time-slots.ts";

export type Custody =
  | { kind: "held"; holders: Holder[]; via: CustodyVia; since: string | null }
  | {
      kind: "exception";
      reason: ExceptionReason;
      exception: RollCallException;
      handoverId: string;
      at: string;
    }
  | { kind: "on_leave"; leave: Leave }
  | { kind: "gone_home" };

export type CustodyVia =
  | "roster"
  | "class_teacher_until_dismissal"
  | "dismissal_receiver"
  | "evening_until_bedtime"
  | "bedtime_receiver";

export interface CustodyInput {
  pupil: RollCallPupil;
  classTeacherId: string | null;
  timetable?: Extract<ResponsibleTarget, { kind: "class" }>["timetable"];
  /** The hand-overs and bed checks of the pupil's class and room on the duty date. */
  handovers: readonly Handover[];
  leaves: readonly Leave[];
  /**
   * CU-2: pupils (the alerts' subjectId) whose latest unaccounted alert is resolved as found.
   * Only the latest counts: a pupil found at 17:00 and unaccounted again at 23:00 has an open
   * alert, must not be in this set, and is unaccounted again.
   */
  foundAlertSubjects?: ReadonlySet<string>;
  settings: EffectiveSettings;
  roster: RosterLookup;
}

const passedHolders = (h: Handover | undefined): Holder[] =>
  h?.receive ? [{ staffId: h.receive.by, role: h.kind === "bedtime" ? "caretaker" : "duty" }] : [];

/** Why a pupil is out of the school's care: leave recorded ahead, or a roll call's mark. */
export type Away = Extract<Custody, { kind: "exception" } | { kind: "on_leave" }>;

/** What the chain is read from: the date's hand-overs and bed checks, leave, found alerts. */
export type ChainInput = Pick<CustodyInput, "handovers" | "leaves" | "foundAlertSubjects">;

/** CU-1, CU-2, CU-6: why the pupil is away from the school's care at `instant`, or null. */
export function awayAt(pupilId: string, date: LocalDate, instant: Date, input: ChainInput): Away | null {
  const leave = input.leaves.find((l) => isOnLeave(l, pupilId, date));
  if (leave) return { kind: "on_leave", leave };

  // CU-2: the latest roll call (given before now) that names the pupil as expected decides;
  // a roll call that listed them away (CU-7) repeats an earlier one and does not.
  const t = instant.getTime();
  const given = input.handovers
    .filter((h) => h.date === date && h.give && Date.parse(h.give.at) <= t)
    .sort((a, b) => Date.parse(a.give?.at ?? "") - Date.parse(b.give?.at ?? ""));
  for (const h of [...given].reverse()) {
    const rollCall = h.give?.rollCall;
    if (!rollCall?.expected.includes(pupilId)) continue;
    const exception = rollCall.exceptions.find((e) => e.pupilId === pupilId);
    if (!exception) return null;
    if (exception.reason === "unaccounted" && input.foundAlertSubjects?.has(pupilId)) return null;
    // CU-6: marked back on this roll call by now.
    if (h.returns?.some((r) => r.pupilId === pupilId && Date.parse(r.at) <= t)) return null;
    return { kind: "exception", reason: exception.reason, exception, handoverId: h.id, at: h.give?.at ?? "" };
  }
  return null;
}

export interface RollCallList<P> {
  /** 应到: in the school's care, in roll-call order (RC-4). */
  expected: P[];
  /** On leave recorded ahead (RC-1, CU-1). */
  onLeave: P[];
  /** Marked away by an earlier roll call of the date and not back (CU-2, CU-6). */
  away: { pupil: P; away: Extract<Away, { kind: "exception" }> }[];
}

/**
 * CU-7: the list of a roll call of `group` on `date` taken at `instant`. `excludeHandoverId` is
 * the roll call being taken itself (a correction, HO-6), which must not decide its own list.
 */
export function rollCallList<P extends RollCallPupil>(
  group: RollCallGroup,
  date: LocalDate,
  instant: Date,
  pupils: readonly P[],
  input: ChainInput,
  excludeHandoverId?: string,
): RollCallList<P> {
  const members = sortForRollCall(
    pupils.filter(
      (p) =>
        p.isBoarder && (group.kind === "class" ? p.classId === group.classId : p.dormRoomId === group.roomId),
    ),
    group,
  );
  const chain: ChainInput = excludeHandoverId
    ? { ...input, handovers: input.handovers.filter((h) => h.id !== excludeHandoverId) }
    : input;
  const list: RollCallList<P> = { expected: [], onLeave: [], away: [] };
  for (const p of members) {
    const away = awayAt(p.id, date, instant, chain);
    if (!away) list.expected.push(p);
    else if (away.kind === "on_leave") list.onLeave.push(p);
    else list.away.push({ pupil: p, away });
  }
  return list;
}

export function custodyAt(instant: Date, input: CustodyInput): Custody {
  const { pupil, settings } = input;
  const now = slotAt(settings.timeSlots, instant, settings.timeZone);
  const date = now.dutyDate;

  const away = awayAt(pupil.id, date, instant, input);
  if (away) return away;

  const classTarget: ResponsibleTarget = {
    kind: "class",
    classId: pupil.classId,
    classTeacherId: input.classTeacherId,
    timetable: input.timetable,
  };
  const byRoster = (): Custody => ({
    kind: "held",
    holders: responsibleAt(instant, classTarget, settings, input.roster).holders,
    via: "roster",
    since: null,
  });
  if (now.slot !== "evening" && now.slot !== "night") return byRoster();
  const onSchoolDay = responsibleAt(instant, classTarget, settings, input.roster).isSchoolDay;
  if (!onSchoolDay) return byRoster();
  if (!pupil.isBoarder) return { kind: "gone_home" };

  const dismissal = input.handovers.find(
    (h) =>
      h.date === date &&
      h.kind === "dismissal" &&
      h.group.kind === "class" &&
      h.group.classId === pupil.classId,
  );
  const dismissed =
    dismissal?.receive && Date.parse(dismissal.receive.at) <= instant.getTime() ? dismissal : undefined;
  const evening: Custody = dismissed
    ? {
        kind: "held",
        holders: passedHolders(dismissed),
        via: "dismissal_receiver",
        since: dismissed.receive?.at ?? null,
      }
    : {
        kind: "held",
        holders: input.classTeacherId ? [{ staffId: input.classTeacherId, role: "classTeacher" }] : [],
        via: "class_teacher_until_dismissal",
        since: null,
      };
  if (now.slot === "evening") return evening;

  const bedtime = input.handovers.find(
    (h) =>
      h.date === date &&
      h.kind === "bedtime" &&
      h.group.kind === "room" &&
      h.group.roomId === pupil.dormRoomId,
  );
  if (bedtime?.receive && Date.parse(bedtime.receive.at) <= instant.getTime())
    return {
      kind: "held",
      holders: passedHolders(bedtime),
      via: "bedtime_receiver",
      since: bedtime.receive.at,
    };
  return evening.kind === "held" ? { ...evening, via: "evening_until_bedtime" } : evening;
}
