// Server handlers of leave, roll-call hand-overs and the unaccounted pupil's alert (SPEC §3
// 住宿学生管理责任化, SYNC.md "Conflict policy per record"). The rules are the domain's
// (roll-call.ts RC-1..5, handover.ts HO-1..5): this file reads the server's own records
// (pupils, classes, rooms, the roster of the date), asks the domain, and writes the result.
// The halves of a hand-over pair on one record whatever order and phones they come from; a
// refused half is kept in the record's history (like a refused hazard step) and answered as a
// conflict with the record as it now is.
import { ulid } from "ulidx";
import { alertMessage } from "../../../domain/alert-message.ts";
import { type AlertFacts, unaccountedFactsOf } from "../../../domain/alerts.ts";
import {
  applyGive,
  applyReceive,
  applyResolve,
  applyReturn,
  applyWithdraw,
  emptyHandover,
  type Handover,
  type HandoverKind,
  handoverId,
  isLate,
  mayReceive,
  type PairOutcome,
  rosterReceivers,
} from "../../../domain/handover.ts";
import { rosterLookup } from "../../../domain/responsible.ts";
import {
  type Leave,
  type RollCall,
  type RollCallGroup,
  validateLeaveDates,
  validateRollCall,
} from "../../../domain/roll-call.ts";
import { rollCallWindowProblem } from "../../../domain/roll-call-windows.ts";
import type { DutySlot } from "../../../domain/roster.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";
import type { MutationArgs, MutationType } from "../../../protocol/mutations.ts";
import type { DormRoom, Pupil, SchoolClass } from "../../../protocol/reference.ts";
import type { AlertEntity } from "../../../protocol/sync.ts";
import {
  type EntityRow,
  getEntitiesByIds,
  getEntity,
  listEntities,
  listEntitiesByIdPrefix,
  putEntity,
} from "../../storage/entities.ts";
import { openUnaccountedAlertOf, putAlertOnce, recordFound, resolveAlert } from "../alerts.ts";
import {
  applied,
  classLabel,
  effectiveTime,
  type Handler,
  type HandlerContext,
  type HandlerOutcome,
  isAdmin,
  liveRecord,
  rejected,
  schoolSettings,
  writeOpts,
} from "./handler.ts";
import { staffById } from "./roster-handlers.ts";

type HandoverType = Extract<
  MutationType,
  | "leave.record"
  | "leave.cancel"
  | "handover.give"
  | "handover.receive"
  | "handover.withdraw"
  | "handover.resolve"
  | "handover.markBack"
  | "alert.found"
>;

// ── Shared look-ups ─────────────────────────────────────────────────────────────────────

const live = liveRecord;

/** Staff names for messages ("李老师、张值日"); ids of people not on the staff as they are. */
async function namesOf(ctx: HandlerContext, ids: readonly string[]): Promise<string> {
  const staff = await staffById(ctx);
  return ids.map((id) => staff.get(id)?.name ?? id).join("、");
}

/** The group a roll call is for, as the school knows it. */
type Group =
  | { kind: "class"; schoolClass: SchoolClass; label: string }
  | { kind: "room"; room: DormRoom; label: string };

async function findGroup(ctx: HandlerContext, group: RollCallGroup): Promise<Group | string> {
  if (group.kind === "class") {
    const schoolClass = await live<SchoolClass>(ctx, "class", group.classId);
    if (!schoolClass)
      return `班级 ${group.classId} 不存在 / class ${group.classId} does not exist in this school`;
    return { kind: "class", schoolClass, label: classLabel(schoolClass) };
  }
  const room = await live<DormRoom>(ctx, "dormRoom", group.roomId);
  if (!room) return `寝室 ${group.roomId} 不存在 / dorm room ${group.roomId} does not exist in this school`;
  return { kind: "room", room, label: `${room.building} ${room.name}` };
}

/** HO-2: the roster of one date, read once (only that date's slots). */
async function rosterOf(ctx: HandlerContext, date: LocalDate) {
  return rosterLookup(await listEntitiesByIdPrefix<DutySlot>(ctx.tx, ctx.schoolId, "dutySlot", `${date}|`));
}

/** HO-2: whom the roster names to receive this hand-over (empty: a gap). */
async function receiversOf(ctx: HandlerContext, date: LocalDate, kind: HandoverKind, group: Group) {
  const domainGroup: RollCallGroup =
    group.kind === "class"
      ? { kind: "class", classId: group.schoolClass.id }
      : { kind: "room", roomId: group.room.id };
  const building = group.kind === "room" ? group.room.building : undefined;
  return rosterReceivers(date, kind, domainGroup, await rosterOf(ctx, date), building);
}

const handoverRow = (ctx: HandlerContext, id: string) =>
  getEntity<Handover>(ctx.tx, ctx.schoolId, "handover", id);

// ── leave.record / leave.cancel ─────────────────────────────────────────────────────────

/** RC-5: leave is the business of the pupil's class teacher (or an admin). */
async function leavePermission(
  ctx: HandlerContext,
  pupil: Pupil,
  verb: { zh: string; en: string },
): Promise<HandlerOutcome | undefined> {
  if (isAdmin(ctx)) return undefined;
  const schoolClass = await live<SchoolClass>(ctx, "class", pupil.classId);
  if (schoolClass && schoolClass.classTeacherId === ctx.actor.id) return undefined;
  const label = schoolClass ? classLabel(schoolClass) : pupil.classId;
  return rejected(
    "forbidden",
    `只有${label}的班主任或管理员可以为 ${pupil.name} ${verb.zh} / only the class teacher of ${label} or an admin may ${verb.en} for ${pupil.name}`,
  );
}

const recordLeave: Handler<MutationArgs<"leave.record">> = async (ctx, { leave: input }) => {
  const pupil = await live<Pupil>(ctx, "pupil", input.pupilId);
  if (!pupil)
    return rejected(
      "not_found",
      `leave.pupilId: 学生 ${input.pupilId} 不存在 / pupil ${input.pupilId} does not exist in this school`,
    );
  const forbidden = await leavePermission(ctx, pupil, { zh: "请假", en: "record leave" });
  if (forbidden) return forbidden;
  const dates = validateLeaveDates(input.from, input.to);
  if (dates.length > 0)
    return rejected("rule_violation", dates.map((p) => `leave.${p.field}: ${p.zh} / ${p.en}`).join("\n"));
  if (await getEntity(ctx.tx, ctx.schoolId, "leave", input.id))
    return rejected(
      "rule_violation",
      `leave.id: 请假 ${input.id} 已记录 / leave ${input.id} is already recorded; record a new one`,
    );
  const leave: Leave = {
    ...input,
    recordedBy: ctx.actor.id,
    recordedAt: effectiveTime(ctx).toISOString(),
    cancelledBy: null,
    cancelledAt: null,
  };
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "leave", leave.id, leave, writeOpts(ctx));
  return applied(serverSeq);
};

/** RC-5: cancelled leave no longer counts; cancelling twice changes nothing. */
const cancelLeave: Handler<MutationArgs<"leave.cancel">> = async (ctx, { leaveId }) => {
  const row = await getEntity<Leave>(ctx.tx, ctx.schoolId, "leave", leaveId);
  if (!row || row.isDeleted)
    return rejected("not_found", `leaveId: 请假 ${leaveId} 不存在 / leave ${leaveId} does not exist`);
  const pupil = await live<Pupil>(ctx, "pupil", row.data.pupilId);
  // A pupil since removed from the school: only an admin may tidy their leave.
  if (!pupil && !isAdmin(ctx))
    return rejected(
      "forbidden",
      "只有管理员可以取消已离校学生的请假 / only an admin may cancel a removed pupil's leave",
    );
  if (pupil) {
    const forbidden = await leavePermission(ctx, pupil, { zh: "取消请假", en: "cancel leave" });
    if (forbidden) return forbidden;
  }
  if (row.data.cancelledAt !== null) return applied(row.serverSeq);
  const leave: Leave = {
    ...row.data,
    cancelledBy: ctx.actor.id,
    cancelledAt: effectiveTime(ctx).toISOString(),
  };
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "leave", leaveId, leave, writeOpts(ctx));
  return applied(serverSeq);
};

// ── handover.give ───────────────────────────────────────────────────────────────────────

/**
 * Who may give the roll call: dismissal — the class's class teacher; bedtime — the evening duty
 * of the date (any duty teacher in a gap); a bed check — the room's (else building's) night
 * caretaker (any caretaker in a gap). An admin always may.
 */
async function giverProblem(
  ctx: HandlerContext,
  date: LocalDate,
  kind: HandoverKind,
  group: Group,
): Promise<string | undefined> {
  if (isAdmin(ctx)) return undefined;
  if (group.kind === "class") {
    if (group.schoolClass.classTeacherId === ctx.actor.id) return undefined;
    const id = group.schoolClass.classTeacherId;
    const name = id ? await namesOf(ctx, [id]) : undefined;
    const zh = name ? `班主任 ${name}` : "班主任（未设）";
    const en = name ? `its class teacher ${name}` : "its class teacher (none set)";
    return `${group.label}的放学交接由${zh}或管理员点名交出 / the dismissal roll call of ${group.label} is given by ${en} or an admin`;
  }
  // The bedtime giver is whoever receives the dismissal (the evening duty); a bed check's is
  // whoever receives the room at bedtime (its night caretaker).
  const holders = await receiversOf(ctx, date, kind === "bedtime" ? "dismissal" : "bedtime", group);
  if (holders.includes(ctx.actor.id)) return undefined;
  const gapRole = kind === "bedtime" ? "duty_teacher" : "dorm_caretaker";
  if (holders.length === 0 && ctx.actor.roles.includes(gapRole)) return undefined;
  const named = holders.length > 0 ? await namesOf(ctx, holders) : undefined;
  const who = named
    ? { zh: named, en: named }
    : kind === "bedtime"
      ? { zh: "值班表无人，任一值班教师", en: "nobody on the roster: any duty teacher" }
      : { zh: "值班表无人，任一宿管", en: "nobody on the roster: any dorm caretaker" };
  return kind === "bedtime"
    ? `${date} ${group.label}的就寝交接由当晚值班 ${who.zh} 或管理员点名交出 / the bedtime roll call of ${group.label} on ${date} is given by the evening duty (${who.en}) or an admin`
    : `${date} ${group.label}的查寝由夜间宿管 ${who.zh} 或管理员记录 / the bed check of ${group.label} on ${date} is recorded by the night caretaker (${who.en}) or an admin`;
}

/** Every pupil the roll call names must be this school's pupil in the group. */
function strangersIn(rollCall: RollCall, group: Group, pupils: ReadonlyMap<string, Pupil>): string[] {
  const named = new Set([
    ...rollCall.expected,
    ...rollCall.onLeave,
    ...(rollCall.away ?? []).map((a) => a.pupilId),
    ...rollCall.exceptions.map((e) => e.pupilId),
  ]);
  const inGroup = (p: Pupil) =>
    group.kind === "class" ? p.classId === group.schoolClass.id : p.dormRoomId === group.room.id;
  return [...named]
    .filter((id) => {
      const p = pupils.get(id);
      return !p || !inGroup(p);
    })
    .map((id) => pupils.get(id)?.name ?? id);
}

const unaccountedOf = (rollCall: RollCall) =>
  rollCall.exceptions.filter((e) => e.reason === "unaccounted").map((e) => e.pupilId);

interface AlertPlan {
  pupilId: string;
  /** The alert the phone sent ahead (alertIds), or the pupil's open one, or a new one. */
  alertId: string;
  /** The alert exists already (sent ahead on the urgent lane, or still open from earlier). */
  exists: boolean;
}

/**
 * Each unaccounted pupil has exactly one open alert (SPEC §3): the phone sends them ahead on the
 * urgent lane with the ids in `alertIds` (in the order of the unaccounted exceptions). Checked
 * before anything is written, so an id belonging to something else refuses the whole roll call.
 */
async function planUnaccountedAlerts(
  ctx: HandlerContext,
  pupilIds: readonly string[],
  alertIds: readonly string[],
): Promise<AlertPlan[] | string> {
  if (alertIds.length > pupilIds.length)
    return `handover.alertIds: ${alertIds.length} 个报警只对应 ${pupilIds.length} 名下落不明的学生 / ${alertIds.length} alert ids for ${pupilIds.length} unaccounted pupil(s)`;
  const sent = await getEntitiesByIds<AlertEntity>(ctx.tx, ctx.schoolId, "alert", alertIds);
  const plans: AlertPlan[] = [];
  for (const [i, pupilId] of pupilIds.entries()) {
    const alertId = alertIds[i];
    const row = alertId ? sent.get(alertId) : undefined;
    if (alertId && row) {
      if (row.data.kind !== "unaccounted_pupil" || row.data.subjectId !== pupilId)
        return `handover.alertIds[${i}]: 报警 ${alertId} 不是这名学生的下落不明报警 / alert ${alertId} is not the unaccounted alert of pupil ${pupilId}`;
      plans.push({ pupilId, alertId, exists: true });
      continue;
    }
    // Not sent ahead (or it never arrived): a pupil still missing from an earlier roll call
    // keeps the alert that is open, so the duty chain hears of them once.
    const open = await openUnaccountedAlertOf(ctx.tx, ctx.schoolId, pupilId);
    if (open) plans.push({ pupilId, alertId: open.id, exists: true });
    else plans.push({ pupilId, alertId: alertId ?? ulid(ctx.now.getTime()), exists: false });
  }
  return plans;
}

/** AL-1..3: the unaccounted pupil's alert as facts, worded in Chinese for its message. */
function unaccountedFacts(ctx: HandlerContext, pupil: Pupil | undefined, pupilId: string, group: Group) {
  const facts = unaccountedFactsOf(pupilId, pupil, rollCallGroupOf(group), group.label, ctx.actor.name);
  return { facts, message: alertMessage(facts) };
}

const rollCallGroupOf = (group: Group): RollCallGroup =>
  group.kind === "class"
    ? { kind: "class", classId: group.schoolClass.id }
    : { kind: "room", roomId: group.room.id };

async function raiseUnaccounted(
  ctx: HandlerContext,
  plans: readonly AlertPlan[],
  group: Group,
  pupils: ReadonlyMap<string, Pupil>,
) {
  for (const plan of plans) {
    if (plan.exists) continue;
    await putAlertOnce(
      ctx.tx,
      ctx.schoolId,
      {
        id: plan.alertId,
        kind: "unaccounted_pupil",
        subjectId: plan.pupilId,
        ...unaccountedFacts(ctx, pupils.get(plan.pupilId), plan.pupilId, group),
        raisedBy: ctx.actor.id,
        raisedAt: ctx.now.toISOString(),
        clientCreatedAt: ctx.mutation.clientCreatedAt,
        status: "open",
      },
      ctx.now,
    );
  }
}

/** AL-5: a dispute as facts: both counts, the pupils the receiver marks missing, both people. */
async function disputedFacts(ctx: HandlerContext, h: Handover, group: Group): Promise<AlertFacts> {
  const missingIds = h.receive?.missing ?? [];
  const pupils = await getEntitiesByIds<Pupil>(ctx.tx, ctx.schoolId, "pupil", missingIds);
  const staff = await staffById(ctx);
  const person = (id: string | undefined) => (id ? { id, name: staff.get(id)?.name ?? id } : undefined);
  const giver = person(h.give?.by);
  const receiver = person(h.receive?.by);
  return {
    kind: "handover_disputed",
    handoverId: h.id,
    date: h.date,
    handoverKind: h.kind === "bedtime" ? "bedtime" : "dismissal",
    group: h.group,
    groupLabel: group.label,
    given: h.give?.presentCount ?? 0,
    received: h.receive?.count ?? 0,
    missing: missingIds.map((id) => ({ pupilId: id, name: pupils.get(id)?.data.name ?? id })),
    ...(giver ? { giver } : {}),
    ...(receiver ? { receiver } : {}),
  };
}

/**
 * After a half is applied: HO-3 a disputed hand-over raises one alert to the duty chain (its id
 * kept on the record); HO-5 the late flag is decided when the hand-over completes.
 */
async function settleApplied(ctx: HandlerContext, h: Handover, group: Group): Promise<Handover> {
  let next = h;
  if (next.state === "disputed" && next.alertId === null) {
    const alertId = ulid(ctx.now.getTime());
    const facts = await disputedFacts(ctx, next, group);
    await putAlertOnce(
      ctx.tx,
      ctx.schoolId,
      {
        id: alertId,
        kind: "handover_disputed",
        subjectId: next.id,
        message: alertMessage(facts),
        facts,
        raisedBy: ctx.actor.id,
        raisedAt: ctx.now.toISOString(),
        clientCreatedAt: ctx.mutation.clientCreatedAt,
        status: "open",
      },
      ctx.now,
    );
    next = { ...next, alertId };
  }
  if (next.give && next.receive && next.kind !== "bedCheck")
    next = { ...next, late: isLate(next, effectiveTime(ctx), await schoolSettings(ctx)) };
  return next;
}

/** The verdict of a pairing: refused halves are kept in the history and answered as a conflict. */
async function finishPairing(
  ctx: HandlerContext,
  current: EntityRow<Handover> | undefined,
  step: PairOutcome,
  group: Group,
): Promise<HandlerOutcome> {
  if (step.outcome === "repeat" && current) return applied(current.serverSeq);
  if (step.outcome === "refused") {
    const { version } = await putEntity(
      ctx.tx,
      ctx.schoolId,
      "handover",
      step.handover.id,
      step.handover,
      writeOpts(ctx),
    );
    return { status: "conflict", message: step.message, serverState: { version, data: step.handover } };
  }
  const next = await settleApplied(ctx, step.handover, group);
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "handover", next.id, next, writeOpts(ctx));
  return applied(serverSeq);
}

/** A record already under this id must be the same hand-over (a bed check's id is a ULID). */
function sameHandover(
  row: EntityRow<Handover> | undefined,
  date: LocalDate,
  kind: HandoverKind,
  group: RollCallGroup,
): string | undefined {
  if (!row) return undefined;
  const h = row.data;
  const sameGroup =
    h.group.kind === group.kind &&
    (group.kind === "class"
      ? h.group.kind === "class" && h.group.classId === group.classId
      : h.group.kind === "room" && h.group.roomId === group.roomId);
  if (h.date === date && h.kind === kind && sameGroup) return undefined;
  return `handover.id: ${h.id} 已是另一次交接（${h.date} ${h.kind}） / ${h.id} is already another hand-over (${h.date} ${h.kind})`;
}

const give: Handler<MutationArgs<"handover.give">> = async (ctx, { handover: input }) => {
  const group = await findGroup(ctx, input.group);
  if (typeof group === "string") return rejected("not_found", `handover.group: ${group}`);
  const giver = await giverProblem(ctx, input.date, input.kind, group);
  if (giver) return rejected("forbidden", giver);

  const pupils = new Map(
    (await listEntities<Pupil>(ctx.tx, ctx.schoolId, "pupil")).map((p) => [p.id as string, p]),
  );
  const strangers = strangersIn(input.rollCall, group, pupils);
  if (strangers.length > 0)
    return rejected(
      "rule_violation",
      `handover.rollCall: 不是${group.label}的学生：${strangers.join("、")} / not pupils of ${group.label}: ${strangers.join(", ")}`,
    );
  const problems = validateRollCall(input.rollCall, (id) => pupils.get(id)?.name ?? id);
  if (problems.length > 0)
    return rejected("rule_violation", problems.map((p) => `handover.rollCall: ${p.zh} / ${p.en}`).join("\n"));
  // RW-3: outside its window a roll call says why (kept on the give half).
  const outside = rollCallWindowProblem(
    await schoolSettings(ctx),
    input.date,
    input.kind,
    effectiveTime(ctx),
    input.outsideWindow?.reason,
  );
  if (outside) return rejected("rule_violation", `handover.outsideWindow: ${outside.zh} / ${outside.en}`);

  const current = await handoverRow(ctx, input.id);
  const other = sameHandover(current, input.date, input.kind, input.group);
  if (other) return rejected("rule_violation", other);
  if (current?.data.receive?.by === ctx.actor.id)
    return rejected(
      "forbidden",
      "您已接收这次交接，不能再作为交出方 / you received this hand-over and cannot also give it",
    );
  const plans = await planUnaccountedAlerts(ctx, unaccountedOf(input.rollCall), input.alertIds);
  if (typeof plans === "string") return rejected("rule_violation", plans);

  // A pupil reported missing is never lost, even on a roll call that lost the race (HO-4).
  await raiseUnaccounted(ctx, plans, group, pupils);
  const base = current?.data ?? emptyHandover(input.id, input.date, input.kind, input.group);
  const step = applyGive(base, {
    by: ctx.actor.id,
    at: effectiveTime(ctx).toISOString(),
    rollCall: input.rollCall,
    receiverIds: await receiversOf(ctx, input.date, input.kind, group),
    mutationId: ctx.mutation.mutationId,
    ...(input.outsideWindow ? { outsideWindow: input.outsideWindow } : {}),
  });
  return finishPairing(ctx, current, step, group);
};

// ── handover.receive ────────────────────────────────────────────────────────────────────

/** HO-2 in words: why this person may not receive, naming who may. */
async function receiverProblem(
  ctx: HandlerContext,
  h: Pick<Handover, "kind" | "give">,
  receivers: readonly string[],
  group: Group,
): Promise<string> {
  if (h.give?.by === ctx.actor.id)
    return "交出方不能自己接收这次交接 / the giver cannot receive their own hand-over";
  if (receivers.length > 0) {
    const names = await namesOf(ctx, receivers);
    return `按值班表应由 ${names} 接收${group.label}（或管理员） / the roster names ${names} to receive ${group.label} (or an admin)`;
  }
  return h.kind === "dismissal"
    ? "值班表当晚无人：由值班教师或管理员接收 / nobody is on the roster that evening: a duty teacher or an admin receives"
    : "值班表当晚无宿管：由宿管或管理员接收 / no caretaker is on the roster that night: a dorm caretaker or an admin receives";
}

const receive: Handler<MutationArgs<"handover.receive">> = async (ctx, { handover: input }) => {
  const expectedId = handoverId(input.date, input.kind, input.group);
  if (input.id !== expectedId)
    return rejected("invalid_args", `handover.id: must be ${expectedId} (date|kind|group)`);
  if (input.kind === "dismissal" && input.group.kind !== "class")
    return rejected("invalid_args", "handover.group: a dismissal hand-over is received per class");
  if (input.kind === "bedtime" && input.group.kind !== "room")
    return rejected("invalid_args", "handover.group: a bedtime hand-over is received per dorm room");
  const group = await findGroup(ctx, input.group);
  if (typeof group === "string") return rejected("not_found", `handover.group: ${group}`);

  const current = await handoverRow(ctx, input.id);
  const base = current?.data ?? emptyHandover(input.id, input.date, input.kind, input.group);
  const receivers = await receiversOf(ctx, input.date, input.kind, group);
  const person = { id: ctx.actor.id, roles: ctx.actor.roles };
  // The same person confirming again is a no-op whatever the roster says now (HO-4).
  if (base.receive?.by !== ctx.actor.id && !mayReceive(person, base, receivers))
    return rejected("forbidden", await receiverProblem(ctx, base, receivers, group));
  const step = applyReceive(base, {
    by: ctx.actor.id,
    at: effectiveTime(ctx).toISOString(),
    count: input.count,
    confirmedOn: input.confirmedOn,
    mutationId: ctx.mutation.mutationId,
    ...(input.missing ? { missing: input.missing } : {}),
  });
  if (step.outcome === "refused" && step.handover === base)
    return rejected("rule_violation", `handover: ${step.message}`);
  return finishPairing(ctx, current, step, group);
};

// ── handover.withdraw / handover.resolve / handover.markBack ───────────────────────────

/** The hand-over a step is taken on: it must exist. */
async function existing(ctx: HandlerContext, id: string): Promise<EntityRow<Handover> | HandlerOutcome> {
  const row = await handoverRow(ctx, id);
  if (!row || row.isDeleted)
    return rejected("not_found", `handover.id: 交接 ${id} 不存在 / hand-over ${id} does not exist`);
  return row;
}

const isOutcome = (x: EntityRow<Handover> | HandlerOutcome): x is HandlerOutcome => "status" in x;

/**
 * A step that changes nothing or is refused by the domain is answered at once (refusals as
 * rule violations: nothing is kept of them, unlike a second half of a pairing).
 */
async function writeStep(
  ctx: HandlerContext,
  row: EntityRow<Handover>,
  step: PairOutcome,
  field: string,
): Promise<HandlerOutcome> {
  if (step.outcome === "repeat") return applied(row.serverSeq);
  if (step.outcome === "refused") return rejected("rule_violation", `${field}: ${step.message}`);
  const { serverSeq } = await putEntity(
    ctx.tx,
    ctx.schoolId,
    "handover",
    row.data.id,
    step.handover,
    writeOpts(ctx),
  );
  return applied(serverSeq);
}

/** HO-6: the giver or an admin withdraws a roll call nobody has received (kept in history). */
const withdraw: Handler<MutationArgs<"handover.withdraw">> = async (ctx, { handover: input }) => {
  const row = await existing(ctx, input.id);
  if (isOutcome(row)) return row;
  const step = applyWithdraw(
    row.data,
    { id: ctx.actor.id, isAdmin: isAdmin(ctx) },
    effectiveTime(ctx).toISOString(),
  );
  if (step.outcome === "refused" && row.data.give && row.data.give.by !== ctx.actor.id && !isAdmin(ctx))
    return rejected("forbidden", `handover.id: ${step.message}`);
  return writeStep(ctx, row, step, "handover.id");
};

/** HO-7: 已核实 settles a dispute and closes its alert. */
const resolve: Handler<MutationArgs<"handover.resolve">> = async (ctx, { handover: input }) => {
  const row = await existing(ctx, input.id);
  if (isOutcome(row)) return row;
  const at = effectiveTime(ctx).toISOString();
  const h = row.data;
  const isParty = h.give?.by === ctx.actor.id || h.receive?.by === ctx.actor.id;
  if (h.state === "disputed" && !isParty && !isAdmin(ctx))
    return rejected(
      "forbidden",
      "handover.id: 只有交出方、接收方或管理员可以核实 / only the giver, the receiver or an admin may settle it",
    );
  const step = applyResolve(h, { id: ctx.actor.id, isAdmin: isAdmin(ctx) }, at, input.note);
  const outcome = await writeStep(ctx, row, step, "handover.id");
  if (step.outcome === "applied" && h.alertId)
    await resolveAlert(ctx.tx, ctx.schoolId, h.alertId, writeOpts(ctx), {
      at,
      by: ctx.actor.id,
      note: input.note,
    });
  return outcome;
};

/** Minutes a "came back at" time may lie ahead of the server's clock (phones' clocks drift). */
const BACK_AHEAD_MS = 5 * 60_000;

/**
 * HO-8: a pupil marked away comes back. Marked by whoever has the boarders at the time: the
 * pupil's class teacher, a duty teacher, a dorm caretaker, or an admin.
 */
const markBack: Handler<MutationArgs<"handover.markBack">> = async (ctx, { handover: input }) => {
  const row = await existing(ctx, input.id);
  if (isOutcome(row)) return row;
  const pupil = await live<Pupil>(ctx, "pupil", input.pupilId);
  if (!pupil)
    return rejected(
      "not_found",
      `handover.pupilId: 学生 ${input.pupilId} 不存在 / pupil ${input.pupilId} does not exist in this school`,
    );
  const schoolClass = await live<SchoolClass>(ctx, "class", pupil.classId);
  const mayMark =
    isAdmin(ctx) ||
    schoolClass?.classTeacherId === ctx.actor.id ||
    ctx.actor.roles.includes("duty_teacher") ||
    ctx.actor.roles.includes("dorm_caretaker");
  if (!mayMark)
    return rejected(
      "forbidden",
      `只有班主任、值班教师、宿管或管理员可以登记 ${pupil.name} 已回来 / only the class teacher, a duty teacher, a dorm caretaker or an admin may mark ${pupil.name} back`,
    );
  if (Date.parse(input.at) > ctx.now.getTime() + BACK_AHEAD_MS)
    return rejected(
      "rule_violation",
      `handover.at: 回来的时间 ${input.at} 还没到 / the time back ${input.at} is in the future`,
    );
  const step = applyReturn(row.data, {
    pupilId: input.pupilId,
    at: input.at,
    by: ctx.actor.id,
    mutationId: ctx.mutation.mutationId,
    ...(input.note ? { note: input.note } : {}),
  });
  return writeStep(ctx, row, step, "handover.pupilId");
};

// ── alert.found ─────────────────────────────────────────────────────────────────────────

/** CU-2: an unaccounted pupil's alert closes only with where and when they were found. */
const found: Handler<MutationArgs<"alert.found">> = async (ctx, { found: input }) => {
  const row = await getEntity<AlertEntity>(ctx.tx, ctx.schoolId, "alert", input.alertId);
  if (!row || row.isDeleted)
    return rejected(
      "not_found",
      `found.alertId: 报警 ${input.alertId} 不存在 / alert ${input.alertId} does not exist`,
    );
  if (row.data.kind !== "unaccounted_pupil")
    return rejected(
      "rule_violation",
      "found.alertId: 只有学生下落不明的报警通过登记找到来关闭 / only an unaccounted pupil's alert is closed by recording where the pupil was found",
    );
  if (row.data.found) return applied(row.serverSeq);
  const { serverSeq } = await recordFound(
    ctx.tx,
    ctx.schoolId,
    row.data,
    {
      where: input.where,
      at: input.at,
      by: ctx.actor.id,
      ...(input.note ? { note: input.note } : {}),
    },
    writeOpts(ctx),
  );
  return applied(serverSeq);
};

export const HANDOVER_HANDLERS: { [T in HandoverType]: Handler<MutationArgs<T>> } = {
  "leave.record": recordLeave,
  "leave.cancel": cancelLeave,
  "handover.give": give,
  "handover.receive": receive,
  "handover.withdraw": withdraw,
  "handover.resolve": resolve,
  "handover.markBack": markBack,
  "alert.found": found,
};
