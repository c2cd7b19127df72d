// The registry of mutation types, the half shared by phone and server: each type's name,
// version, argument schema, who may send it, which entities it writes and how the phone
// shows it before the server has answered (the optimistic view). The server adds its
// authoritative handler per type in src/server/sync/handlers/. Feature issues add their types
// here, once each.
import { z } from "zod";
import { type Commendation, commendationId, markCommended, nameGuardians } from "../domain/commendation.ts";
import {
  applyGive,
  applyReceive,
  applyResolve,
  applyReturn,
  applyWithdraw,
  emptyHandover,
  type Handover,
  type PairOutcome,
} from "../domain/handover.ts";
import { applyHazardAction, type Hazard, newHazard } from "../domain/hazard-machine.ts";
import { ROLES, type Role } from "../domain/roles.ts";
import type { Leave } from "../domain/roll-call.ts";
import { assignSlot, type DutySlot } from "../domain/roster.ts";
import { type Swap, stepSwap } from "../domain/swap.ts";
import { addAddendum, saveDraft, submitSummary, type WeeklySummary } from "../domain/weekly-summary.ts";
import { text } from "./fields.ts";
import {
  AlertFoundInput,
  HandoverGiveInput,
  HandoverReceiveInput,
  HandoverResolveInput,
  HandoverWithdrawInput,
  LeaveInput,
  PupilBackInput,
} from "./handover.ts";
import {
  AreaInput,
  ChecklistItemInput,
  DormRoomInput,
  PupilInput,
  SchoolClassInput,
  SchoolSettings,
  StaffInput,
} from "./reference.ts";
import {
  DutySlotKey,
  GeneratedSlot,
  MAX_GENERATED_SLOTS,
  RotationTemplate,
  SwapAskInput,
  SwapStep,
  Timetable,
} from "./roster.ts";
import { DayCloseInput, HazardAction, HazardReportInput, RoundInput } from "./safety.ts";
import { CommendMarkInput, EducationInput, GuardiansInput, ReminderInput, SummaryInput } from "./summary.ts";
import type { EntityType } from "./sync.ts";

export interface EntityRef {
  entityType: EntityType;
  entityId: string;
}

export interface MutationDef<A = unknown> {
  type: string;
  typeVersion: number;
  args: z.ZodType<A>;
  /** Roles allowed to send it; the server handler may check more (which objects). */
  roles: readonly Role[];
  /** Compare-and-set: creating needs no baseVersion, changing needs the version the person saw. */
  isCompareAndSet: boolean;
  touches(args: A): EntityRef[];
  /** The entity as the phone should show it while the mutation is pending (null: deleted). */
  applyOptimistic(args: A, ref: EntityRef, current: unknown | null, meta: PendingMeta): unknown | null;
}

/** What the phone knows of a pending mutation besides its arguments. */
export interface PendingMeta {
  mutationId: string;
  actorUserId: string;
  /** The phone's clock when the person did it (ISO). */
  clientCreatedAt: string;
}

/** Every member of staff records rounds and reports hazards; the handlers check the rest. */
const EVERYONE: readonly Role[] = ROLES;

/** A step on an existing hand-over whose args are `{ handover: { id, … } }`. */
function handoverStep<A extends { handover: { id: string } }>(
  type: string,
  args: z.ZodType<A>,
  step: (h: Handover, args: A, meta: PendingMeta) => PairOutcome,
): MutationDef<A> {
  return {
    type,
    typeVersion: 1,
    args,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (a) => [{ entityType: "handover", entityId: a.handover.id }],
    applyOptimistic: (a, _ref, current, meta) => {
      if (current === null) return null;
      const out = step(current as Handover, a, meta);
      return out.outcome === "applied" ? out.handover : current;
    },
  };
}

/** A reference-data record written whole by an admin (SYNC.md: compare-and-set on a version). */
function upsert<S extends z.ZodType<{ id: string }>>(
  type: string,
  entityType: EntityType,
  schema: S,
): MutationDef<{ entity: z.infer<S> }> {
  return {
    type,
    typeVersion: 1,
    args: z.object({ entity: schema }) as unknown as z.ZodType<{ entity: z.infer<S> }>,
    roles: ["admin"],
    isCompareAndSet: true,
    touches: (args) => [{ entityType, entityId: args.entity.id }],
    applyOptimistic: (args) => args.entity,
  };
}

const SchoolSettingsArgs = z.object({ schoolId: z.string(), settings: SchoolSettings });
const RoundArgs = z.object({ round: RoundInput });
const HazardReportArgs = z.object({ hazard: HazardReportInput });
const HazardActArgs = z.object({
  hazardId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  action: HazardAction,
});
const DayCloseArgs = z.object({ close: DayCloseInput });
const RosterGenerateArgs = z.object({
  /** The range the admin generated, for the history and the message; slots carry their dates. */
  from: z.string(),
  to: z.string(),
  slots: z.array(GeneratedSlot).max(MAX_GENERATED_SLOTS, `at most ${MAX_GENERATED_SLOTS} slots at once`),
});
const RosterAssignArgs = z.object({ slot: DutySlotKey, staffIds: z.array(z.string()).max(10) });
const SwapAskArgs = z.object({ swap: SwapAskInput });
const LeaveArgs = z.object({ leave: LeaveInput });
const LeaveCancelArgs = z.object({ leaveId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) });
const HandoverGiveArgs = z.object({ handover: HandoverGiveInput });
const HandoverReceiveArgs = z.object({ handover: HandoverReceiveInput });
const AlertFoundArgs = z.object({ found: AlertFoundInput });
const HandoverWithdrawArgs = z.object({ handover: HandoverWithdrawInput });
const HandoverResolveArgs = z.object({ handover: HandoverResolveInput });
const PupilBackArgs = z.object({ handover: PupilBackInput });
const SummaryArgs = z.object({ summary: SummaryInput });
const AddendumArgs = z.object({
  summaryId: z.string().max(80),
  text: text("description").min(1, "write the addendum"),
});
const ReminderArgs = z.object({ reminder: ReminderInput });
const EducationArgs = z.object({ record: EducationInput });
const CommendArgs = z.object({ mark: CommendMarkInput });
const GuardiansArgs = z.object({ guardians: GuardiansInput });

/** Saving a draft and submitting take the same arguments; the domain step differs (WS-2). */
function summaryDef<T extends "summary.save" | "summary.submit">(type: T, step: typeof saveDraft) {
  return {
    type,
    typeVersion: 1,
    args: SummaryArgs,
    roles: ["class_teacher", "admin"],
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "weeklySummary", entityId: args.summary.id }],
    applyOptimistic: (args, _ref, current, meta) =>
      previewSummary((c) => step(c, args.summary, meta.actorUserId, meta.clientCreatedAt), current),
  } satisfies MutationDef<z.infer<typeof SummaryArgs>>;
}

/** The optimistic view of a summary step: the domain's own rule, or the record unchanged. */
function previewSummary(
  step: (current: WeeklySummary | undefined) => ReturnType<typeof saveDraft>,
  current: unknown | null,
): unknown | null {
  const outcome = step((current as WeeklySummary | null) ?? undefined);
  return outcome.outcome === "applied" ? outcome.summary : current;
}
const SwapStepArgs = z.object({
  swapId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  step: SwapStep,
  note: text("shortNote").optional(),
});

export const MUTATIONS = {
  "school.updateSettings": {
    type: "school.updateSettings",
    typeVersion: 1,
    args: SchoolSettingsArgs,
    roles: ["admin"],
    isCompareAndSet: true,
    touches: (args) => [{ entityType: "school", entityId: args.schoolId }],
    applyOptimistic: (args, _ref, current) => ({ ...(current as object), settings: args.settings }),
  } satisfies MutationDef<z.infer<typeof SchoolSettingsArgs>>,
  "staff.upsert": upsert("staff.upsert", "staff", StaffInput),
  "class.upsert": upsert("class.upsert", "class", SchoolClassInput),
  "dormRoom.upsert": upsert("dormRoom.upsert", "dormRoom", DormRoomInput),
  // NK-10: isHidden marks a pupil a phone may not see; an admin saves the pupil itself.
  "pupil.upsert": upsert(
    "pupil.upsert",
    "pupil",
    PupilInput.refine((p) => p.isHidden === undefined, {
      path: ["isHidden"],
      error: "set only by the server (need-to-know NK-10)",
    }),
  ),
  "area.upsert": upsert("area.upsert", "area", AreaInput),
  "checklistItem.upsert": upsert("checklistItem.upsert", "checklistItem", ChecklistItemInput),

  // SPEC §2: rounds are append-only; two records of the same area and round both count.
  "round.record": {
    type: "round.record",
    typeVersion: 1,
    args: RoundArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "round", entityId: args.round.id }],
    applyOptimistic: (args, _ref, _current, meta) => ({
      ...args.round,
      checkedBy: meta.actorUserId,
      checkedAt: meta.clientCreatedAt,
    }),
  } satisfies MutationDef<z.infer<typeof RoundArgs>>,
  "hazard.report": {
    type: "hazard.report",
    typeVersion: 1,
    args: HazardReportArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "hazard", entityId: args.hazard.id }],
    applyOptimistic: (args, _ref, _current, meta) => {
      const { deadline, ...report } = args.hazard;
      return newHazard(report, {
        id: meta.mutationId,
        by: meta.actorUserId,
        foundAt: new Date(meta.clientCreatedAt),
        deadline: new Date(deadline),
      });
    },
  } satisfies MutationDef<z.infer<typeof HazardReportArgs>>,
  // One type for every step of a hazard's life: the state machine (domain/hazard-machine.ts)
  // decides on the server; the phone previews the step with the same code.
  "hazard.act": {
    type: "hazard.act",
    typeVersion: 1,
    args: HazardActArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "hazard", entityId: args.hazardId }],
    applyOptimistic: (args, _ref, current, meta) => {
      if (current === null) return null;
      const step = applyHazardAction(current as Hazard, args.action, {
        id: meta.mutationId,
        actor: { id: meta.actorUserId, roles: [] },
        at: new Date(meta.clientCreatedAt),
        context: { areaResponsibleId: null },
        checkPermission: false,
      });
      // A step the server will refuse shows nothing until its verdict arrives.
      return step.outcome === "applied" ? step.hazard : current;
    },
  } satisfies MutationDef<z.infer<typeof HazardActArgs>>,
  "day.close": {
    type: "day.close",
    typeVersion: 1,
    args: DayCloseArgs,
    roles: ["duty_teacher", "admin"],
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "dayClose", entityId: args.close.id }],
    applyOptimistic: (args, _ref, _current, meta) => ({
      ...args.close,
      closedBy: meta.actorUserId,
      closedAt: meta.clientCreatedAt,
    }),
  } satisfies MutationDef<z.infer<typeof DayCloseArgs>>,

  // SPEC §1 rosters (domain/roster.ts, swap.ts, timetable.ts).
  "rosterTemplate.upsert": upsert("rosterTemplate.upsert", "rosterTemplate", RotationTemplate),
  "timetable.upsert": upsert("timetable.upsert", "timetable", Timetable),
  // RS-3: the admin's phone generates with the domain code; the server checks every slot and
  // keeps the ones an admin edited or a swap changed.
  "roster.generate": {
    type: "roster.generate",
    typeVersion: 1,
    args: RosterGenerateArgs,
    roles: ["admin"],
    isCompareAndSet: false,
    touches: (args) => args.slots.map((slot) => ({ entityType: "dutySlot" as const, entityId: slot.id })),
    applyOptimistic: (args, ref, current, meta) => {
      const previous = current as DutySlot | null;
      if (previous && previous.source !== "generated") return previous;
      const input = args.slots.find((slot) => slot.id === ref.entityId);
      if (!input) return current;
      const { templateId, staffIds, ...key } = input;
      return {
        ...key,
        staffIds,
        source: "generated",
        templateId,
        history: [
          ...(previous?.history ?? []),
          { at: meta.clientCreatedAt, by: meta.actorUserId, change: "generated", staffIds },
        ],
      } satisfies DutySlot;
    },
  } satisfies MutationDef<z.infer<typeof RosterGenerateArgs>>,
  // Assign or clear one slot: compare-and-set on the slot's version (no baseVersion: it is new).
  "roster.assign": {
    type: "roster.assign",
    typeVersion: 1,
    args: RosterAssignArgs,
    roles: ["admin"],
    isCompareAndSet: true,
    touches: (args) => [{ entityType: "dutySlot", entityId: args.slot.id }],
    applyOptimistic: (args, _ref, current, meta) =>
      assignSlot(
        args.slot,
        (current as DutySlot | null) ?? undefined,
        args.staffIds,
        meta.actorUserId,
        meta.clientCreatedAt,
      ),
  } satisfies MutationDef<z.infer<typeof RosterAssignArgs>>,
  "swap.ask": {
    type: "swap.ask",
    typeVersion: 1,
    args: SwapAskArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "swap", entityId: args.swap.id }],
    applyOptimistic: (args, _ref, _current, meta) =>
      ({
        ...args.swap,
        askedBy: meta.actorUserId,
        state: "asked",
        decidedBy: null,
        history: [{ at: meta.clientCreatedAt, by: meta.actorUserId, step: "ask" }],
      }) satisfies Swap,
  } satisfies MutationDef<z.infer<typeof SwapAskArgs>>,
  // Accept, decline, approve (applies both slots at once, SW-3), refuse, cancel.
  "swap.step": {
    type: "swap.step",
    typeVersion: 1,
    args: SwapStepArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "swap", entityId: args.swapId }],
    applyOptimistic: (args, _ref, current, meta) => {
      if (current === null) return null;
      // Who may take the step is the server's to judge; the phone previews the state change.
      const step = stepSwap(
        current as Swap,
        args.step,
        { id: meta.actorUserId, isAdmin: true },
        meta.clientCreatedAt,
        args.note,
      );
      return step.outcome === "applied" ? step.swap : current;
    },
  } satisfies MutationDef<z.infer<typeof SwapStepArgs>>,

  // SPEC §3 roll calls and hand-overs (domain/roll-call.ts, handover.ts, custody.ts).
  "leave.record": {
    type: "leave.record",
    typeVersion: 1,
    args: LeaveArgs,
    roles: ["class_teacher", "admin"],
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "leave", entityId: args.leave.id }],
    applyOptimistic: (args, _ref, _current, meta) =>
      ({
        ...args.leave,
        recordedBy: meta.actorUserId,
        recordedAt: meta.clientCreatedAt,
        cancelledBy: null,
        cancelledAt: null,
      }) satisfies Leave,
  } satisfies MutationDef<z.infer<typeof LeaveArgs>>,
  "leave.cancel": {
    type: "leave.cancel",
    typeVersion: 1,
    args: LeaveCancelArgs,
    roles: ["class_teacher", "admin"],
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "leave", entityId: args.leaveId }],
    applyOptimistic: (_args, _ref, current, meta) =>
      current === null
        ? null
        : { ...(current as Leave), cancelledBy: meta.actorUserId, cancelledAt: meta.clientCreatedAt },
  } satisfies MutationDef<z.infer<typeof LeaveCancelArgs>>,
  // The giver's half of a hand-over (or a bed check): the roll call. HO-1: both halves land on
  // one record, in either order; the phone previews the pairing with the server's own code.
  "handover.give": {
    type: "handover.give",
    typeVersion: 1,
    args: HandoverGiveArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "handover", entityId: args.handover.id }],
    applyOptimistic: (args, _ref, current, meta) => {
      const { id, date, kind, group, rollCall, outsideWindow } = args.handover;
      const base = (current as Handover | null) ?? emptyHandover(id, date, kind, group);
      const step = applyGive(base, {
        by: meta.actorUserId,
        at: meta.clientCreatedAt,
        rollCall,
        receiverIds: [],
        mutationId: meta.mutationId,
        ...(outsideWindow ? { outsideWindow } : {}),
      });
      return step.outcome === "applied" ? step.handover : base;
    },
  } satisfies MutationDef<z.infer<typeof HandoverGiveArgs>>,
  "handover.receive": {
    type: "handover.receive",
    typeVersion: 1,
    args: HandoverReceiveArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "handover", entityId: args.handover.id }],
    applyOptimistic: (args, _ref, current, meta) => {
      const { id, date, kind, group, count, confirmedOn, missing } = args.handover;
      const base = (current as Handover | null) ?? emptyHandover(id, date, kind, group);
      const step = applyReceive(base, {
        by: meta.actorUserId,
        at: meta.clientCreatedAt,
        count,
        confirmedOn,
        mutationId: meta.mutationId,
        ...(missing ? { missing } : {}),
      });
      return step.outcome === "applied" ? step.handover : base;
    },
  } satisfies MutationDef<z.infer<typeof HandoverReceiveArgs>>,
  // HO-6, HO-7, HO-8: steps on a hand-over already there; the phone previews them with the
  // server's own domain code (whether the person may is the server's to say).
  "handover.withdraw": handoverStep("handover.withdraw", HandoverWithdrawArgs, (h, _args, meta) =>
    applyWithdraw(h, { id: meta.actorUserId, isAdmin: true }, meta.clientCreatedAt),
  ),
  "handover.resolve": handoverStep("handover.resolve", HandoverResolveArgs, (h, args, meta) =>
    applyResolve(h, { id: meta.actorUserId, isAdmin: true }, meta.clientCreatedAt, args.handover.note),
  ),
  "handover.markBack": handoverStep("handover.markBack", PupilBackArgs, (h, args, meta) => {
    const { pupilId, at, note } = args.handover;
    return applyReturn(h, {
      pupilId,
      at,
      by: meta.actorUserId,
      mutationId: meta.mutationId,
      ...(note ? { note } : {}),
    });
  }),
  // CU-2: an unaccounted pupil's alert closes only with where and when they were found.
  "alert.found": {
    type: "alert.found",
    typeVersion: 1,
    args: AlertFoundArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "alert", entityId: args.found.alertId }],
    applyOptimistic: (args, _ref, current, meta) =>
      current === null
        ? null
        : {
            ...(current as object),
            status: "resolved",
            found: {
              where: args.found.where,
              at: args.found.at,
              by: meta.actorUserId,
              ...(args.found.note ? { note: args.found.note } : {}),
            },
          },
  } satisfies MutationDef<z.infer<typeof AlertFoundArgs>>,

  // SPEC §4 weekly class summaries (domain/weekly-summary.ts WS-1..3).
  "summary.save": summaryDef("summary.save", saveDraft),
  "summary.submit": summaryDef("summary.submit", submitSummary),
  "summary.addendum": {
    type: "summary.addendum",
    typeVersion: 1,
    args: AddendumArgs,
    roles: ["class_teacher", "admin"],
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "weeklySummary", entityId: args.summaryId }],
    applyOptimistic: (args, _ref, current, meta) =>
      previewSummary((c) => addAddendum(c, args.text, meta.actorUserId, meta.clientCreatedAt), current),
  } satisfies MutationDef<z.infer<typeof AddendumArgs>>,
  "summary.remind": {
    type: "summary.remind",
    typeVersion: 1,
    args: ReminderArgs,
    roles: ["admin"],
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "summaryReminder", entityId: args.reminder.id }],
    applyOptimistic: (args, _ref, _current, meta) => ({
      ...args.reminder,
      sentBy: meta.actorUserId,
      sentAt: meta.clientCreatedAt,
    }),
  } satisfies MutationDef<z.infer<typeof ReminderArgs>>,
  // SPEC §4 the month's commendation (domain/commendation.ts CM-1..5): plain settings on one
  // record per month and class; the last to reach the server stands.
  "commendation.mark": {
    type: "commendation.mark",
    typeVersion: 1,
    args: CommendArgs,
    roles: ["admin"],
    isCompareAndSet: false,
    touches: (args) => [
      { entityType: "commendation", entityId: commendationId(args.mark.month, args.mark.classId) },
    ],
    applyOptimistic: (args, _ref, current, meta) =>
      markCommended(
        (current as Commendation | null) ?? undefined,
        args.mark,
        meta.actorUserId,
        meta.clientCreatedAt,
      ),
  } satisfies MutationDef<z.infer<typeof CommendArgs>>,
  "commendation.guardians": {
    type: "commendation.guardians",
    typeVersion: 1,
    args: GuardiansArgs,
    roles: ["class_teacher", "admin"],
    isCompareAndSet: false,
    touches: (args) => [
      {
        entityType: "commendation",
        entityId: commendationId(args.guardians.month, args.guardians.classId),
      },
    ],
    applyOptimistic: (args, _ref, current, meta) =>
      nameGuardians(
        (current as Commendation | null) ?? undefined,
        args.guardians,
        meta.actorUserId,
        meta.clientCreatedAt,
      ),
  } satisfies MutationDef<z.infer<typeof GuardiansArgs>>,
  // SPEC §5 六个一 (domain/safety-education.ts ED-1..4): append-only records.
  "education.record": {
    type: "education.record",
    typeVersion: 1,
    args: EducationArgs,
    roles: EVERYONE,
    isCompareAndSet: false,
    touches: (args) => [{ entityType: "education", entityId: args.record.id }],
    applyOptimistic: (args, _ref, _current, meta) => ({
      ...args.record,
      recordedBy: meta.actorUserId,
      recordedAt: meta.clientCreatedAt,
    }),
  } satisfies MutationDef<z.infer<typeof EducationArgs>>,
} as const;

export type MutationType = keyof typeof MUTATIONS;
export type MutationArgs<T extends MutationType> = z.infer<(typeof MUTATIONS)[T]["args"]>;

export function mutationDef(type: string): MutationDef | undefined {
  return (MUTATIONS as Record<string, MutationDef>)[type];
}
