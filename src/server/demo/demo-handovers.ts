// The demo school's boarders (issue #6 §4 "Demo school: a few weeks of hand-overs incl. leave and
// one resolved unaccounted incident"): for every school day of the last three weeks before today,
// each boarding class's dismissal hand-over (class teacher → that evening's duty teacher) and
// each dorm room's bedtime hand-over (evening duty teacher → that night's caretaker), built with
// the domain's own rules (rollCallList, applyGive, applyReceive, applyResolve, isLate), so they
// obey them.
// Around them: leave (past, one cancelled, one covering today and tomorrow), pupils picked up by
// a parent or in the infirmary, a few late hand-overs, one disputed count resolved the same
// evening, and one unaccounted pupil found 25 minutes later about ten days ago. Today is left
// out, so today's hand-overs are still to do on a phone. A seeded PRNG makes a fixed `now` give
// the same records every time.
import { ulid } from "ulidx";
import { alertMessage } from "../../domain/alert-message.ts";
import type { AlertFacts } from "../../domain/alerts.ts";
import { rollCallList } from "../../domain/custody.ts";
import {
  applyGive,
  applyReceive,
  applyResolve,
  emptyHandover,
  type Handover,
  type HandoverKind,
  handoverId,
  isLate,
  rosterReceivers,
} from "../../domain/handover.ts";
import { responsibleAt, rosterLookup } from "../../domain/responsible.ts";
import {
  type Leave,
  type RollCall,
  type RollCallException,
  type RollCallGroup,
  rollCallCounts,
} from "../../domain/roll-call.ts";
import { CAMPUS, type DutySlot, dutySlotId } from "../../domain/roster.ts";
import {
  addDays,
  atLocal,
  datesBetween,
  isSchoolDay,
  type LocalDate,
  localDateOf,
} from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { parseClockTime } from "../../domain/time-slots.ts";
import type { AlertEntity } from "../../protocol/sync.ts";

type StaffId = AlertEntity["raisedBy"];

/** AL-3: an alert's facts with their Chinese message. */
const withMessage = (facts: AlertFacts) => ({ facts, message: alertMessage(facts) });

import { classDisplayNameZh, Dice, mulberry32, type SchoolSeed } from "./demo-school.ts";

/** How far back the hand-overs go (calendar days before today). */
export const DEMO_HANDOVER_DAYS = 21;
/** Roughly when the resolved unaccounted incident happened (school days pick the nearest). */
export const DEMO_UNACCOUNTED_DAYS_AGO = 10;
/** And the disputed bedtime count. */
export const DEMO_DISPUTED_DAYS_AGO = 6;

export interface DemoHandovers {
  handovers: Handover[];
  leaves: Leave[];
  /** The resolved unaccounted-pupil alert and the resolved disputed-count alert. */
  alerts: AlertEntity[];
}

const PICKED_UP_BY = ["父亲", "母亲", "爷爷", "奶奶", "外婆", "外公", "姑姑", "舅舅"];
const PICKUP_REASONS = ["家里有事", "去县医院复查", "亲戚办喜事", "周末提前回家", "看牙医"];
const SICK_NOTES = ["发烧 37.9℃，在医务室观察", "肚子疼，校医看过，在医务室休息", "咳嗽发热，已通知家长"];
const LEAVE_NOTES = ["病假（家长电话请假）", "家里有事，家长接回", "回老家参加奶奶的生日", "去市里看病"];

/** The school clock "HH:MM" as minutes, for the demo's own settings (always valid). */
function minutes(clock: string): number {
  return parseClockTime(clock) ?? 0;
}

export function buildDemoHandovers(seed: SchoolSeed, now: Date, slots: readonly DutySlot[]): DemoHandovers {
  const settings = effectiveSettings(seed.school.settings);
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const dice = new Dice(mulberry32(0x6a0d_0006));
  const idPrng = mulberry32(0x6a0d_1006);
  const newId = (at: Date) => ulid(at.getTime(), idPrng);
  const roster = rosterLookup(slots);
  const staffByLogin = new Map(seed.staff.map((s) => [s.login, s.id as string]));
  const admin = staffByLogin.get("admin") ?? (seed.staff[0]?.id as string);
  const staffNames = new Map(seed.staff.map((s) => [s.id as string, s.name]));
  const staffName = (id: string) => staffNames.get(id) ?? id;

  const dates = datesBetween(addDays(today, -DEMO_HANDOVER_DAYS), addDays(today, -1)).filter((d) =>
    isSchoolDay(d, settings),
  );
  const boardingClasses = seed.classes.filter((c) =>
    seed.pupils.some((p) => p.isBoarder && p.classId === c.id),
  );
  const rooms = seed.dormRooms;
  const boarders = seed.pupils.filter((p) => p.isBoarder);
  const pupils = boarders.map((p) => ({
    id: p.id as string,
    name: p.name,
    studentNo: p.studentNo,
    classId: p.classId as string,
    isBoarder: true,
    dormRoomId: p.dormRoomId as string | null,
    bed: p.bed,
  }));
  const classOf = new Map(seed.classes.map((c) => [c.id as string, c]));
  // The school day nearest to `daysAgo` days before today.
  const closest = (daysAgo: number) =>
    [...dates].sort(
      (a, b) => Math.abs(dayDiff(a, today) + daysAgo) - Math.abs(dayDiff(b, today) + daysAgo),
    )[0];
  const unaccountedDate = closest(DEMO_UNACCOUNTED_DAYS_AGO);
  const disputedDate = closest(DEMO_DISPUTED_DAYS_AGO);

  // ── Leave: a few a week, recorded by the class teacher the afternoon before ─────────────
  const leaves: Leave[] = [];
  const addLeave = (pupilId: string, from: LocalDate, to: LocalDate, note: string, cancelled = false) => {
    const cls = classOf.get(pupils.find((p) => p.id === pupilId)?.classId ?? "");
    const by = cls?.classTeacherId ?? admin;
    const recordedAt = atLocal(addDays(from, -1), 15 * 60 + dice.int(0, 90), tz);
    leaves.push({
      id: newId(recordedAt),
      pupilId,
      from,
      to,
      note,
      recordedBy: by,
      recordedAt: recordedAt.toISOString(),
      cancelledBy: cancelled ? by : null,
      cancelledAt: cancelled ? new Date(recordedAt.getTime() + 3 * 3_600_000).toISOString() : null,
    });
  };
  dates.forEach((date, i) => {
    if (i % 2 === 1) return;
    const pupil = dice.pick(pupils);
    addLeave(pupil.id, date, i % 6 === 0 ? addDays(date, 1) : date, dice.pick(LEAVE_NOTES));
  });
  if (dates.length > 3)
    addLeave(
      dice.pick(pupils).id,
      dates[3] as LocalDate,
      dates[3] as LocalDate,
      "家长改主意了，不请假了",
      true,
    );
  // One covering today and tomorrow, so today's roll call shows a pupil on leave.
  const onLeaveNow = pupils[pupils.length >> 1];
  if (onLeaveNow) addLeave(onLeaveNow.id, today, addDays(today, 1), "病假：水痘，医生建议在家隔离两天");

  const handovers: Handover[] = [];
  const alerts: AlertEntity[] = [];
  const eveningStart = minutes(settings.timeSlots.evening.start);
  const nightStart = minutes(settings.timeSlots.night.start);
  const onDutyAt = (at: Date) =>
    responsibleAt(at, { kind: "campus" }, settings, roster).holders.map((h) => h.staffId);

  for (const date of dates) {
    const evening = roster.slot(dutySlotId(date, "evening", CAMPUS))?.staffIds ?? [];
    // Every list comes from the custody chain of the date so far (custody.ts CU-7).
    const listAt = (group: RollCallGroup, at: Date) =>
      rollCallList(group, date, at, pupils, {
        handovers: handovers.filter((h) => h.date === date),
        leaves,
        foundAlertSubjects: new Set(
          alerts.filter((a) => a.found && Date.parse(a.found.at) <= at.getTime()).map((a) => a.subjectId),
        ),
      });

    // ── Dismissal: each boarding class, class teacher → an evening duty teacher ──────────────
    boardingClasses.forEach((cls, ci) => {
      const group: RollCallGroup = { kind: "class", classId: cls.id };
      const giver = cls.classTeacherId ?? admin;
      const late = dice.chance(0.04);
      const isIncident = date === unaccountedDate && ci === 4;
      // The incident's roll call runs into the evening slot, so its alert names the evening duty.
      const giveAt = atLocal(
        date,
        eveningStart + (isIncident ? 12 : late ? dice.int(32, 45) : dice.int(-2, 9)),
        tz,
      );
      const { expected, onLeave } = listAt(group, giveAt);
      const exceptions: RollCallException[] = [];
      for (const p of expected) {
        if (dice.chance(0.012)) {
          const pickedUpAt = new Date(giveAt.getTime() - dice.int(5, 40) * 60_000);
          const surname = p.name.slice(0, 1);
          exceptions.push({
            pupilId: p.id,
            reason: "picked_up",
            pickedUpBy: `${dice.pick(PICKED_UP_BY)}（${surname}家）`,
            pickedUpAt: pickedUpAt.toISOString(),
            note: dice.pick(PICKUP_REASONS),
          });
        } else if (dice.chance(0.002)) {
          exceptions.push({ pupilId: p.id, reason: "sick", note: dice.pick(SICK_NOTES) });
        }
      }
      // The incident: a grade-3 pupil missing at the roll call, found behind the dorm.
      if (isIncident) {
        const missing = expected.find((p) => !exceptions.some((e) => e.pupilId === p.id));
        if (missing) {
          exceptions.push({
            pupilId: missing.id,
            reason: "unaccounted",
            note: "点名时不在，同学说下课后去了操场",
          });
          const raisedAt = new Date(giveAt.getTime() - 60_000);
          const foundAt = new Date(raisedAt.getTime() + 25 * 60_000);
          alerts.push({
            id: newId(raisedAt),
            kind: "unaccounted_pupil",
            subjectId: missing.id,
            ...withMessage({
              kind: "unaccounted_pupil",
              pupilId: missing.id,
              pupilName: missing.name,
              group,
              groupLabel: classDisplayNameZh(cls.grade, cls.name),
              ...(missing.bed ? { bed: missing.bed } : {}),
              raisedByName: staffName(giver),
            }),
            raisedBy: giver as StaffId,
            raisedAt: new Date(raisedAt.getTime() + 2_000).toISOString(),
            clientCreatedAt: raisedAt.toISOString(),
            status: "resolved",
            onDutyIds: onDutyAt(raisedAt),
            found: {
              where: "宿舍楼后面的自行车棚，和两个同学躲着玩",
              at: foundAt.toISOString(),
              by: (evening[0] ?? giver) as StaffId,
              note: "已带回，班主任已与家长电话沟通",
            },
          });
        }
      }
      const receivers = rosterReceivers(date, "dismissal", group, roster);
      const receiver = pickReceiver(receivers, giver, ci) ?? admin;
      const rollCall = { expected: expected.map((p) => p.id), onLeave: onLeave.map((p) => p.id), exceptions };
      handovers.push(
        pair({
          id: handoverId(date, "dismissal", group),
          date,
          kind: "dismissal",
          group,
          giver,
          giveAt,
          rollCall,
          receivers,
          receiver,
          receiveAt: new Date(giveAt.getTime() + dice.int(1, 4) * 60_000 + dice.int(0, 59) * 1000),
          count: rollCallCounts(rollCall).present,
          confirmedOn: dice.chance(0.3) ? "giver_phone" : "own_phone",
          newId,
          settings,
        }),
      );
    });

    // ── Bedtime: each dorm room, an evening duty teacher → the night's caretaker ────────────
    rooms.forEach((room, ri) => {
      const group: RollCallGroup = { kind: "room", roomId: room.id };
      const giver = evening[ri % Math.max(1, evening.length)] ?? admin;
      const late = dice.chance(0.03);
      const giveAt = atLocal(date, nightStart + (late ? dice.int(32, 40) : dice.int(-14, 3)), tz);
      // Pupils picked up or sick at dismissal are listed away, not expected (CU-7).
      const list = listAt(group, giveAt);
      const rollCall: RollCall = {
        expected: list.expected.map((p) => p.id),
        onLeave: list.onLeave.map((p) => p.id),
        ...(list.away.length > 0
          ? { away: list.away.map((a) => ({ pupilId: a.pupil.id, reason: a.away.reason })) }
          : {}),
        exceptions: [],
      };
      const receivers = rosterReceivers(date, "bedtime", group, roster, room.building);
      const receiver =
        pickReceiver(receivers, giver, room.gender === "male" ? 0 : 1) ??
        staffByLogin.get("caretaker1") ??
        admin;
      const present = rollCallCounts(rollCall).present;
      const disputed = date === disputedDate && ri === 1;
      const receiveAt = new Date(giveAt.getTime() + dice.int(1, 3) * 60_000 + dice.int(0, 59) * 1000);
      const alertId = disputed ? newId(receiveAt) : null;
      const handover = pair({
        id: handoverId(date, "bedtime", group),
        date,
        kind: "bedtime",
        group,
        giver,
        giveAt,
        rollCall,
        receivers,
        receiver,
        receiveAt,
        // The caretaker counted one fewer: a pupil was in the washroom down the corridor.
        count: disputed ? present - 1 : present,
        confirmedOn: "own_phone",
        newId,
        settings,
      });
      if (alertId) {
        // Settled 20 minutes later by the caretaker (HO-7), which closed the alert.
        const settledAt = new Date(receiveAt.getTime() + 20 * 60_000).toISOString();
        const note = "走廊尽头的洗手间里还有一个学生，已回寝室，人数一致";
        const settled = applyResolve(handover, { id: receiver, isAdmin: false }, settledAt, note);
        if (settled.outcome !== "applied") throw new Error(`demo hand-overs: ${handover.id} does not settle`);
        Object.assign(handover, settled.handover);
        handover.alertId = alertId;
        alerts.push({
          id: alertId,
          kind: "handover_disputed",
          subjectId: handover.id,
          ...withMessage({
            kind: "handover_disputed",
            handoverId: handover.id,
            date,
            handoverKind: "bedtime",
            group,
            groupLabel: `${room.building} ${room.name}`,
            given: present,
            received: present - 1,
            missing: [],
            giver: { id: giver, name: staffName(giver) },
            receiver: { id: receiver, name: staffName(receiver) },
          }),
          raisedBy: receiver as StaffId,
          raisedAt: new Date(receiveAt.getTime() + 2_000).toISOString(),
          clientCreatedAt: receiveAt.toISOString(),
          status: "resolved",
          onDutyIds: onDutyAt(receiveAt),
          settled: { at: settledAt, by: receiver as StaffId, note },
        });
      }
      handovers.push(handover);
    });
  }
  return { handovers, leaves, alerts };
}

/** A roster holder other than the giver (HO-2: the giver may not receive their own). */
function pickReceiver(receivers: readonly string[], giver: string, index: number): string | undefined {
  const others = receivers.filter((r) => r !== giver);
  return others[index % Math.max(1, others.length)];
}

function dayDiff(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/** Both halves through the domain's pairing (HO-3), then HO-5's late mark as the server sets it. */
function pair(h: {
  id: string;
  date: LocalDate;
  kind: Exclude<HandoverKind, "bedCheck">;
  group: RollCallGroup;
  giver: string;
  giveAt: Date;
  rollCall: RollCall;
  receivers: string[];
  receiver: string;
  receiveAt: Date;
  count: number;
  confirmedOn: "own_phone" | "giver_phone";
  newId: (at: Date) => string;
  settings: ReturnType<typeof effectiveSettings>;
}): Handover {
  const given = applyGive(emptyHandover(h.id, h.date, h.kind, h.group), {
    by: h.giver,
    at: h.giveAt.toISOString(),
    rollCall: h.rollCall,
    receiverIds: h.receivers,
    mutationId: h.newId(h.giveAt),
  });
  const received = applyReceive(given.handover, {
    by: h.receiver,
    at: h.receiveAt.toISOString(),
    count: h.count,
    confirmedOn: h.confirmedOn,
    mutationId: h.newId(h.receiveAt),
  });
  if (given.outcome !== "applied" || received.outcome !== "applied")
    throw new Error(`demo hand-overs: ${h.id} does not pair`);
  const done = received.handover;
  return { ...done, late: isLate(done, h.receiveAt, h.settings) };
}
