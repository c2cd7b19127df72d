// Server handlers of the safety types (SPEC §2, SYNC.md "Conflict policy per record"): rounds
// are append-only, hazards move through the server-checked state machine of
// domain/hazard-machine.ts, and closing the day checks the server's own open hazards (DC-1).
// The phone's clock says when a person did something only when it is believable (HZ-D4);
// everything the server derives from it (deadlines, history times) is recomputed here.
import { ulid } from "ulidx";
import { alertMessage } from "../../../domain/alert-message.ts";
import type { AlertFacts } from "../../../domain/alerts.ts";
import {
  carriedOver,
  DAY_CLOSE_PROBLEM_LABELS,
  type DayCloseGap,
  dayCloseGaps,
} from "../../../domain/day-close.ts";
import { hazardDeadline } from "../../../domain/hazard-deadline.ts";
import {
  applyHazardAction,
  type Hazard,
  type HazardAction,
  type HazardContext,
  isOpenState,
  newHazard,
} from "../../../domain/hazard-machine.ts";
import { roundTiming, roundWindowProblem } from "../../../domain/rounds.ts";
import type { MutationArgs, MutationType } from "../../../protocol/mutations.ts";
import type { Area, SchoolClass } from "../../../protocol/reference.ts";
import type { DayClose, RoundRecord } from "../../../protocol/safety.ts";
import type { AlertEntity } from "../../../protocol/sync.ts";
import { getEntity, listEntities, putEntity } from "../../storage/entities.ts";
import { readStaff } from "../../storage/store.ts";
import { putAlertOnce, resolveAlert } from "../alerts.ts";
import {
  applied,
  effectiveTime,
  type Handler,
  type HandlerContext,
  rejected,
  schoolSettings,
  writeOpts,
} from "./handler.ts";

type SafetyType = Extract<MutationType, "round.record" | "hazard.report" | "hazard.act" | "day.close">;

// ── Shared look-ups ─────────────────────────────────────────────────────────────────────

async function liveEntity<T>(ctx: HandlerContext, type: "area" | "class" | "hazard", id: string) {
  const row = await getEntity<T>(ctx.tx, ctx.schoolId, type, id);
  return row && !row.isDeleted ? row : undefined;
}

async function findArea(ctx: HandlerContext, areaId: string): Promise<Area | undefined> {
  return (await liveEntity<Area>(ctx, "area", areaId))?.data;
}

/** A person a hazard can be handed to: on this school's staff and not disabled. */
async function activeStaffProblem(ctx: HandlerContext, staffId: string, field: string) {
  const staff = await readStaff(ctx.tx, ctx.schoolId, staffId);
  if (!staff) return `${field}: ${staffId} is not on this school's staff`;
  if (!staff.isActive) return `${field}: ${staff.name} (${staff.login}) is disabled and cannot take a hazard`;
  return undefined;
}

/** The area's responsible person; a classroom without one falls to its class teacher. */
async function hazardContext(ctx: HandlerContext, hazard: Hazard): Promise<HazardContext> {
  const area = await findArea(ctx, hazard.areaId);
  if (!area) return { areaResponsibleId: null };
  if (area.responsibleStaffId) return { areaResponsibleId: area.responsibleStaffId };
  if (area.kind !== "classroom" || !area.classId) return { areaResponsibleId: null };
  const schoolClass = await liveEntity<SchoolClass>(ctx, "class", area.classId);
  return { areaResponsibleId: schoolClass?.data.classTeacherId ?? null };
}

// ── Critical-hazard alerts ──────────────────────────────────────────────────────────────

/** AL-1..3: the critical hazard's alert as facts (where, what, who raised it). */
function criticalFacts(ctx: HandlerContext, hazard: Hazard, area: Area | undefined): AlertFacts {
  return {
    kind: "critical_hazard",
    hazardId: hazard.id,
    areaId: hazard.areaId,
    areaName: area?.name ?? "",
    place: hazard.place,
    description: hazard.description.slice(0, 2000),
    raisedByName: ctx.actor.name,
  };
}

/**
 * A critical hazard has exactly one open "alert" entity. The phone usually sent it through the
 * urgent lane first (same alertId): then it exists and is kept as it is. Returns the hazard with
 * its alertId, or a problem when the id belongs to some other alert.
 */
async function ensureCriticalAlert(
  ctx: HandlerContext,
  hazard: Hazard,
): Promise<{ hazard: Hazard } | { problem: string }> {
  const alertId = hazard.alertId ?? ulid(ctx.now.getTime());
  const facts = criticalFacts(ctx, hazard, await findArea(ctx, hazard.areaId));
  const alert: AlertEntity = {
    id: alertId,
    kind: "critical_hazard",
    subjectId: hazard.id,
    message: alertMessage(facts),
    facts,
    raisedBy: ctx.actor.id,
    raisedAt: ctx.now.toISOString(),
    clientCreatedAt: ctx.mutation.clientCreatedAt,
    status: "open",
  };
  const put = await putAlertOnce(ctx.tx, ctx.schoolId, alert, ctx.now);
  if (put.existing && (put.existing.kind !== "critical_hazard" || put.existing.subjectId !== hazard.id)) {
    return {
      problem: `alertId: alert ${alertId} is already used for something other than hazard ${hazard.id}`,
    };
  }
  return { hazard: { ...hazard, alertId } };
}

// ── round.record ────────────────────────────────────────────────────────────────────────

/**
 * RD-3: append-only; two people checking the same area in the same round both count. RD-5..7:
 * outside its window a round needs a reason; the server decides whether it was early or late.
 */
const recordRound: Handler<MutationArgs<"round.record">> = async (ctx, { round }) => {
  if (!(await findArea(ctx, round.areaId)))
    return rejected("rule_violation", `round.areaId: area ${round.areaId} does not exist in this school`);
  if (await getEntity(ctx.tx, ctx.schoolId, "round", round.id)) {
    return rejected(
      "rule_violation",
      `round.id: round ${round.id} is already recorded; rounds are never changed, record a new one`,
    );
  }
  const checkedAt = effectiveTime(ctx);
  const settings = await schoolSettings(ctx);
  const outside = roundWindowProblem(
    settings,
    round.date,
    round.round,
    checkedAt,
    round.outsideWindow?.reason,
  );
  if (outside) return rejected("rule_violation", `round.outsideWindow: ${outside.zh} / ${outside.en}`);
  // The phone's timing was only a preview (like a hazard's deadline).
  const { timing: _phonePreview, ...input } = round;
  const timing = roundTiming(settings, round.date, round.round, checkedAt);
  const record: RoundRecord = {
    ...input,
    ...(timing !== "in_window" ? { timing } : {}),
    checkedBy: ctx.actor.id,
    checkedAt: checkedAt.toISOString(),
  };
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "round", round.id, record, writeOpts(ctx));
  return applied(serverSeq);
};

// ── hazard.report ───────────────────────────────────────────────────────────────────────

const reportHazard: Handler<MutationArgs<"hazard.report">> = async (ctx, { hazard: input }) => {
  if (!(await findArea(ctx, input.areaId)))
    return rejected("rule_violation", `hazard.areaId: area ${input.areaId} does not exist in this school`);
  if (input.assigneeId) {
    const problem = await activeStaffProblem(ctx, input.assigneeId, "hazard.assigneeId");
    if (problem) return rejected("rule_violation", problem);
  }
  if (await getEntity(ctx.tx, ctx.schoolId, "hazard", input.id))
    return rejected("rule_violation", `hazard.id: hazard ${input.id} already exists; report a new one`);

  // HZ-D1..D4: the server's deadline is authoritative; the phone's was only a preview.
  const { deadline: _phonePreview, ...report } = input;
  const foundAt = effectiveTime(ctx);
  const deadline = hazardDeadline(foundAt, await schoolSettings(ctx));
  let hazard = newHazard(report, { id: ctx.mutation.mutationId, by: ctx.actor.id, foundAt, deadline });
  if (hazard.severity === "critical") {
    const withAlert = await ensureCriticalAlert(ctx, hazard);
    if ("problem" in withAlert) return rejected("rule_violation", `hazard.${withAlert.problem}`);
    hazard = withAlert.hazard;
  }
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "hazard", hazard.id, hazard, writeOpts(ctx));
  return applied(serverSeq);
};

// ── hazard.act ──────────────────────────────────────────────────────────────────────────

/** The person a step hands the hazard to must be able to take it. */
async function targetProblem(ctx: HandlerContext, action: HazardAction) {
  if (action.kind === "assign") return activeStaffProblem(ctx, action.assigneeId, "action.assigneeId");
  if (action.kind === "setNightOwner")
    return activeStaffProblem(ctx, action.nightOwnerId, "action.nightOwnerId");
  return undefined;
}

/** What an applied step sets off besides the hazard: the critical alert, raised or resolved. */
async function afterStep(
  ctx: HandlerContext,
  action: HazardAction,
  hazard: Hazard,
): Promise<{ hazard: Hazard } | { problem: string }> {
  if (action.kind === "raiseSeverity" && hazard.severity === "critical")
    return ensureCriticalAlert(ctx, hazard);
  // A fixed hazard needs nobody's attention any more: its alert stops showing as open.
  if (hazard.alertId && (hazard.state === "rectified" || hazard.state === "closed"))
    await resolveAlert(ctx.tx, ctx.schoolId, hazard.alertId, writeOpts(ctx));
  return { hazard };
}

const actOnHazard: Handler<MutationArgs<"hazard.act">> = async (ctx, { hazardId, action }) => {
  const current = await liveEntity<Hazard>(ctx, "hazard", hazardId);
  if (!current) return rejected("not_found", `hazardId: hazard ${hazardId} does not exist in this school`);
  const problem = await targetProblem(ctx, action);
  if (problem) return rejected("rule_violation", problem);

  const step = applyHazardAction(current.data, action, {
    id: ctx.mutation.mutationId,
    actor: { id: ctx.actor.id, roles: ctx.actor.roles },
    at: effectiveTime(ctx),
    context: await hazardContext(ctx, current.data),
    checkPermission: true,
  });
  switch (step.outcome) {
    case "forbidden":
      return rejected("forbidden", step.message);
    case "invalid":
      return rejected("rule_violation", step.message);
    case "conflict": {
      // HZ-S9: a step that was not the person's keeps nothing; the hazard is as it was.
      if (step.hazard === current.data)
        return {
          status: "conflict",
          message: step.message,
          serverState: { version: current.version, data: current.data },
        };
      // HZ-S1: the refused attempt is kept in the history (the handler's writes stay for every
      // verdict it returns), and the person sees the hazard as it now is.
      const { version } = await putEntity(
        ctx.tx,
        ctx.schoolId,
        "hazard",
        hazardId,
        step.hazard,
        writeOpts(ctx),
      );
      return { status: "conflict", message: step.message, serverState: { version, data: step.hazard } };
    }
    case "applied":
    case "repeat": {
      const next = await afterStep(ctx, action, step.hazard);
      if ("problem" in next) return rejected("rule_violation", `hazard.${next.problem}`);
      const { serverSeq } = await putEntity(
        ctx.tx,
        ctx.schoolId,
        "hazard",
        hazardId,
        next.hazard,
        writeOpts(ctx),
      );
      return applied(serverSeq);
    }
  }
};

// ── day.close ───────────────────────────────────────────────────────────────────────────

/** DC-1: one line per hazard, naming the place and what is missing, in Chinese and English. */
async function gapsMessage(ctx: HandlerContext, gaps: DayCloseGap[], open: Hazard[]): Promise<string> {
  const lines: string[] = [];
  for (const gap of gaps) {
    const hazard = open.find((h) => h.id === gap.hazardId);
    const place = hazard?.place || (hazard && (await findArea(ctx, hazard.areaId))?.name) || gap.hazardId;
    const zh = gap.problems.map((p) => DAY_CLOSE_PROBLEM_LABELS[p].zh).join("；");
    const en = gap.problems.map((p) => DAY_CLOSE_PROBLEM_LABELS[p].en).join("; ");
    lines.push(`${place}: ${zh} / ${en}`);
  }
  return [
    `今天还不能结束，${gaps.length} 项隐患未处置 / the day cannot be closed: ${gaps.length} open hazard(s) need interim control and a night owner`,
    ...lines,
  ].join("\n");
}

const closeDay: Handler<MutationArgs<"day.close">> = async (ctx, { close }) => {
  if (await getEntity(ctx.tx, ctx.schoolId, "dayClose", close.id))
    return rejected("rule_violation", `close.id: day close ${close.id} is already recorded`);
  // The phone's list is what the closer saw; the server judges by the hazards it has now.
  const hazards = await listEntities<Hazard>(ctx.tx, ctx.schoolId, "hazard");
  const open = hazards.filter((h) => isOpenState(h.state));
  const gaps = dayCloseGaps(open);
  if (gaps.length > 0) return rejected("rule_violation", await gapsMessage(ctx, gaps, open));
  const record: DayClose = {
    ...close,
    carried: carriedOver(open),
    closedBy: ctx.actor.id,
    closedAt: effectiveTime(ctx).toISOString(),
  };
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "dayClose", close.id, record, writeOpts(ctx));
  return applied(serverSeq);
};

export const SAFETY_HANDLERS: { [T in SafetyType]: Handler<MutationArgs<T>> } = {
  "round.record": recordRound,
  "hazard.report": reportHazard,
  "hazard.act": actOnHazard,
  "day.close": closeDay,
};
