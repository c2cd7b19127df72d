import {
  assignSlot,
  DUTY_LABELS,
  type DutyKind,
  type DutyScope,
  type DutySlot,
  dutyDates,
  type RotationTemplate,
  scopeKey,
} from "../../../domain/roster.ts";
import {
  holidayOf,
  isInTerm,
  type LocalDate,
  localDateOf,
  type SchoolCalendar,
  weekdayOf,
} from "../../../domain/school-calendar.ts";
import {
  applySwap,
  begunSlotProblem,
  type Swap,
  type SwapSide,
  type SwapSlots,
  stepSwap,
  swapProblem,
} from "../../../domain/swap.ts";
import type { MutationArgs, MutationType } from "../../../protocol/mutations.ts";
import type { DormRoom, Staff } from "../../../protocol/reference.ts";
import {
  type EntityRow,
  getEntitiesByIds,
  getEntity,
  lastSeq,
  listEntities,
  putEntity,
} from "../../storage/entities.ts";
import {
  applied,
  effectiveTime,
  type Handler,
  type HandlerContext,
  type HandlerOutcome,
  rejected,
  schoolSettings,
  writeOpts,
} from "./handler.ts";

type RosterType = Extract<MutationType, "roster.generate" | "roster.assign" | "swap.ask" | "swap.step">;
type Ctx = Pick<HandlerContext, "tx" | "schoolId">;

// ── Shared look-ups (also used by the template and timetable upserts) ──────────────────────

/** The whole staff list in one query: a term names the same few people hundreds of times. */
export async function staffById(ctx: Ctx): Promise<Map<string, Staff>> {
  const staff = await listEntities<Staff>(ctx.tx, ctx.schoolId, "staff");
  return new Map(staff.map((s) => [s.id, s]));
}

/** Each named person who is not active staff of this school, in words. */
export function staffProblems(staff: ReadonlyMap<string, Staff>, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of new Set(ids)) {
    const person = staff.get(id);
    if (!person) out.push(`${id} 不是本校教职工 / ${id} is not on this school's staff`);
    else if (!person.isActive)
      out.push(`${person.name}（${person.login}）已停用 / ${person.name} (${person.login}) is disabled`);
  }
  return out;
}

/** RS-1: night caretakers are per dorm building or room; every other duty is campus-wide. */
export function kindScopeProblem(kind: DutyKind, scope: DutyScope): string | undefined {
  if (kind === "night" && scope.kind === "campus")
    return "夜间保育按宿舍楼或寝室排 / a night caretaker is per dorm building or room";
  if (kind !== "night" && scope.kind !== "campus")
    return `${DUTY_LABELS[kind].zh}是全校的 / ${DUTY_LABELS[kind].en} is campus-wide`;
  return undefined;
}

/** A building scope names a building the school's dorm rooms are in; a room scope, a room. */
export async function scopeProblem(ctx: Ctx, scope: DutyScope): Promise<string | undefined> {
  if (scope.kind === "campus") return undefined;
  const rooms = await listEntities<DormRoom>(ctx.tx, ctx.schoolId, "dormRoom");
  if (scope.kind === "room") {
    return rooms.some((r) => r.id === scope.roomId)
      ? undefined
      : `寝室 ${scope.roomId} 不存在 / dorm room ${scope.roomId} does not exist in this school`;
  }
  const buildings = [...new Set(rooms.map((r) => r.building))];
  if (buildings.includes(scope.building)) return undefined;
  const known = buildings.length > 0 ? buildings.join("、") : "（无）";
  return `没有寝室在“${scope.building}”，现有宿舍楼：${known} / no dorm room is in building "${scope.building}"; buildings: ${buildings.join(", ") || "none"}`;
}

const WEEKDAY_ZH = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
const WEEKDAY_EN = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** RS-1: why a duty is not held on a date (undefined when it is), naming the calendar rule. */
export function notDutyDateReason(date: LocalDate, kind: DutyKind, calendar: SchoolCalendar) {
  if (dutyDates(kind, date, date, calendar).length === 1) return undefined;
  const label = DUTY_LABELS[kind];
  if (!isInTerm(date, calendar))
    return `${date} 不在任何学期内，不排${label.zh} / ${date} is outside every term: no ${label.en.toLowerCase()}`;
  if (kind === "holiday")
    return `${date} 是上课日，${label.zh}只排在学期内的非上课日 / ${date} is a school day: holiday duty is only on non-school days in a term`;
  const holiday = holidayOf(date, calendar);
  if (holiday)
    return `${date} 在假期“${holiday.name}”内，不排${label.zh} / ${date} is in the holiday "${holiday.name}": no ${label.en.toLowerCase()}`;
  const w = weekdayOf(date);
  return `${date} 是${WEEKDAY_ZH[w]}，不是上课日，不排${label.zh} / ${date} is a ${WEEKDAY_EN[w]}, not a school day: no ${label.en.toLowerCase()}`;
}

function slotLabel(slot: { date: LocalDate; kind: DutyKind; scope: DutyScope }): string {
  const where = slot.scope.kind === "campus" ? "" : ` ${scopeKey(slot.scope)}`;
  return `${slot.date} ${DUTY_LABELS[slot.kind].zh} / ${DUTY_LABELS[slot.kind].en}${where}`;
}

function conflict(message: string, row: EntityRow): HandlerOutcome {
  return { status: "conflict", message, serverState: { version: row.version, data: row.data } };
}

function live<T>(row: EntityRow<T> | undefined): EntityRow<T> | undefined {
  return row && !row.isDeleted ? row : undefined;
}

// ── roster.generate ─────────────────────────────────────────────────────────────────────

/** How many slot problems a refusal lists before "and N more" (a whole term can be wrong). */
const LISTED_PROBLEMS = 20;

/**
 * RS-1..3, all-or-nothing: every slot is checked first, and one bad slot refuses the whole
 * term with the list of what is wrong; slots an admin edited or a swap changed are kept.
 */
const generate: Handler<MutationArgs<"roster.generate">> = async (ctx, { slots }) => {
  const settings = await schoolSettings(ctx);
  const staff = await staffById(ctx);
  const templates = new Map(
    (await listEntities<RotationTemplate>(ctx.tx, ctx.schoolId, "rosterTemplate")).map((t) => [t.id, t]),
  );
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const slot of slots) {
    const wrong: string[] = [];
    if (seen.has(slot.id)) wrong.push("同一值班出现两次 / the slot is given twice");
    seen.add(slot.id);
    const template = templates.get(slot.templateId);
    if (!template)
      wrong.push(`轮值模板 ${slot.templateId} 不存在 / template ${slot.templateId} does not exist`);
    else if (template.kind !== slot.kind || scopeKey(template.scope) !== scopeKey(slot.scope))
      wrong.push(
        `轮值模板“${template.name}”排的是${DUTY_LABELS[template.kind].zh} ${scopeKey(template.scope)} / template "${template.name}" is for ${template.kind} ${scopeKey(template.scope)}`,
      );
    const notDuty = notDutyDateReason(slot.date, slot.kind, settings);
    if (notDuty) wrong.push(notDuty);
    wrong.push(...staffProblems(staff, slot.staffIds));
    if (wrong.length > 0) problems.push(`${slotLabel(slot)}: ${wrong.join("; ")}`);
  }
  if (problems.length > 0) {
    const more = problems.length - LISTED_PROBLEMS;
    return rejected(
      "rule_violation",
      [
        `排班未保存：${problems.length} 个值班有问题 / the roster was not saved: ${problems.length} slot(s) have problems`,
        ...problems.slice(0, LISTED_PROBLEMS),
        ...(more > 0 ? [`……还有 ${more} 个 / …and ${more} more`] : []),
      ].join("\n"),
    );
  }

  const existing = await getEntitiesByIds<DutySlot>(
    ctx.tx,
    ctx.schoolId,
    "dutySlot",
    slots.map((s) => s.id),
  );
  const at = effectiveTime(ctx).toISOString();
  let serverSeq: number | undefined;
  for (const input of slots) {
    const previous = live(existing.get(input.id))?.data;
    // RS-3: what an admin or a swap decided outlives regenerating the term.
    if (previous && previous.source !== "generated") continue;
    const slot: DutySlot = {
      id: input.id,
      date: input.date,
      kind: input.kind,
      scope: input.scope,
      staffIds: [...new Set(input.staffIds)],
      source: "generated",
      templateId: input.templateId,
      history: [
        ...(previous?.history ?? []),
        { at, by: ctx.actor.id, change: "generated", staffIds: [...new Set(input.staffIds)] },
      ],
    };
    ({ serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "dutySlot", slot.id, slot, writeOpts(ctx)));
  }
  // Every slot kept (or none sent): nothing changed, the log position is where it was.
  return applied(serverSeq ?? (await lastSeq(ctx.tx, ctx.schoolId)));
};

// ── roster.assign ───────────────────────────────────────────────────────────────────────

/** RS-2: compare-and-set on the slot's version, so two admins' edits give one conflict. */
const assign: Handler<MutationArgs<"roster.assign">> = async (ctx, { slot, staffIds }) => {
  const current = live(await getEntity<DutySlot>(ctx.tx, ctx.schoolId, "dutySlot", slot.id));
  const base = ctx.mutation.baseVersion;
  const label = slotLabel(slot);
  if (base === undefined && current)
    return conflict(
      `值班 ${label} 已有人排过（第 ${current.version} 版），请在最新版本上修改 / the slot ${label} already exists (version ${current.version}); edit it from its current version`,
      current,
    );
  if (base !== undefined && !current)
    return rejected("not_found", `值班 ${label} 不存在 / the slot ${label} does not exist`);
  if (current && current.version !== base)
    return conflict(
      `值班 ${label} 已被他人修改（现为第 ${current.version} 版，您改的是第 ${base} 版） / the slot ${label} was changed by someone else (version ${current.version}, you edited ${base})`,
      current,
    );
  const settings = await schoolSettings(ctx);
  const problem =
    kindScopeProblem(slot.kind, slot.scope) ??
    (await scopeProblem(ctx, slot.scope)) ??
    notDutyDateReason(slot.date, slot.kind, settings) ??
    staffProblems(await staffById(ctx), staffIds).join("; ");
  if (problem) return rejected("rule_violation", `${label}: ${problem}`);
  const next = assignSlot(slot, current?.data, staffIds, ctx.actor.id, effectiveTime(ctx).toISOString());
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "dutySlot", next.id, next, writeOpts(ctx));
  return applied(serverSeq);
};

// ── swaps ───────────────────────────────────────────────────────────────────────────────

interface SwapRows {
  give: EntityRow<DutySlot> | undefined;
  take: EntityRow<DutySlot> | undefined;
}

async function readSwapSlots(ctx: Ctx, give: SwapSide, take: SwapSide | null): Promise<SwapRows> {
  const rows = await getEntitiesByIds<DutySlot>(
    ctx.tx,
    ctx.schoolId,
    "dutySlot",
    take ? [give.slotId, take.slotId] : [give.slotId],
  );
  return { give: live(rows.get(give.slotId)), take: take ? live(rows.get(take.slotId)) : undefined };
}

/** The slots as swap.ts reads them: each with the server's version. */
function domainSlots(rows: SwapRows): SwapSlots {
  const side = (row: EntityRow<DutySlot> | undefined) =>
    row ? { slot: row.data, version: row.version } : undefined;
  return { give: side(rows.give), take: side(rows.take) };
}

/** SW-1 on the server's slots, "today" in the school's time zone. */
const askSwap: Handler<MutationArgs<"swap.ask">> = async (ctx, { swap: input }) => {
  if (await getEntity(ctx.tx, ctx.schoolId, "swap", input.id))
    return rejected("rule_violation", `swap.id: 换班 ${input.id} 已存在 / swap ${input.id} already exists`);
  if (input.counterpartId === ctx.actor.id)
    return rejected("rule_violation", "swap.counterpartId: 不能和自己换班 / you cannot swap with yourself");
  const counterpart = staffProblems(await staffById(ctx), [input.counterpartId]);
  if (counterpart.length > 0)
    return rejected("rule_violation", `swap.counterpartId: ${counterpart.join("; ")}`);

  const rows = await readSwapSlots(ctx, input.give, input.take);
  // SW-3 starts here: the swap is only worth asking about the slots as the asker saw them.
  const sides: [SwapSide | null, EntityRow<DutySlot> | undefined][] = [
    [input.give, rows.give],
    [input.take, rows.take],
  ];
  for (const [side, row] of sides) {
    if (side && row && row.version !== side.version)
      return conflict(
        `值班 ${side.slotId} 已变动（现为第 ${row.version} 版，您看到的是第 ${side.version} 版） / the slot ${side.slotId} changed (version ${row.version}, you saw ${side.version})`,
        row,
      );
  }
  const settings = await schoolSettings(ctx);
  const problem =
    swapProblem(
      { askedBy: ctx.actor.id, counterpartId: input.counterpartId, take: input.take },
      domainSlots(rows),
      localDateOf(ctx.now, settings.timeZone),
    ) ?? begunSlotProblem(domainSlots(rows), ctx.now, settings);
  if (problem) return rejected("rule_violation", problem);
  const swap: Swap = {
    ...input,
    askedBy: ctx.actor.id,
    state: "asked",
    decidedBy: null,
    history: [{ at: effectiveTime(ctx).toISOString(), by: ctx.actor.id, step: "ask" }],
  };
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "swap", swap.id, swap, writeOpts(ctx));
  return applied(serverSeq);
};

/** The domain's reasons read "中文 / English": keep each language together. */
function voidMessage(reason: string): string {
  const cut = reason.indexOf(" / ");
  const zh = cut < 0 ? reason : reason.slice(0, cut);
  const en = cut < 0 ? reason : reason.slice(cut + 3);
  return `换班已作废，值班未改动：${zh} / the swap is void and no slot was changed: ${en}`;
}

/** SW-2 decides every step; approving applies both slots or neither (SW-3, SW-4). */
const stepSwapHandler: Handler<MutationArgs<"swap.step">> = async (ctx, { swapId, step, note }) => {
  const current = live(await getEntity<Swap>(ctx.tx, ctx.schoolId, "swap", swapId));
  if (!current) return rejected("not_found", `swapId: 换班 ${swapId} 不存在 / swap ${swapId} does not exist`);
  const at = effectiveTime(ctx).toISOString();
  const actor = { id: ctx.actor.id, isAdmin: ctx.actor.roles.includes("admin") };
  const outcome = stepSwap(current.data, step, actor, at, note);
  switch (outcome.outcome) {
    case "forbidden":
      return rejected("forbidden", outcome.message);
    case "invalid":
      return rejected("rule_violation", outcome.message);
    case "repeat":
      // Someone already took this step: nothing to write, nothing to tell the person.
      return applied(current.serverSeq);
    case "applied":
      break;
  }
  if (step !== "approve") {
    const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "swap", swapId, outcome.swap, writeOpts(ctx));
    return applied(serverSeq);
  }

  const settings = await schoolSettings(ctx);
  const rows = await readSwapSlots(ctx, current.data.give, current.data.take);
  const begun = begunSlotProblem(domainSlots(rows), ctx.now, settings);
  const result = begun
    ? ({ ok: false, reason: begun } as const)
    : applySwap(outcome.swap, domainSlots(rows), ctx.actor.id, at, localDateOf(ctx.now, settings.timeZone));
  if (!result.ok) {
    // SW-3: nothing on the roster changes; the swap is void with the reason, for everyone to see.
    const voided: Swap = {
      ...current.data,
      state: "void",
      decidedBy: ctx.actor.id,
      history: [...current.data.history, { at, by: ctx.actor.id, step: "void", note: result.reason }],
    };
    const { version } = await putEntity(ctx.tx, ctx.schoolId, "swap", swapId, voided, writeOpts(ctx));
    return {
      status: "conflict",
      message: voidMessage(result.reason),
      serverState: { version, data: voided },
    };
  }
  for (const slot of result.slots)
    await putEntity(ctx.tx, ctx.schoolId, "dutySlot", slot.id, slot, writeOpts(ctx));
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "swap", swapId, outcome.swap, writeOpts(ctx));
  return applied(serverSeq);
};

export const ROSTER_HANDLERS: { [T in RosterType]: Handler<MutationArgs<T>> } = {
  "roster.generate": generate,
  "roster.assign": assign,
  "swap.ask": askSwap,
  "swap.step": stepSwapHandler,
};
