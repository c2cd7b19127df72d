// Roll calls, hand-overs and leave as they travel (SPEC §3): the entities phones pull and the
// arguments of their mutation types. The rules live in src/domain/ (roll-call.ts,
// handover.ts, custody.ts); these schemas check shapes and what needs only the record itself.
import { z } from "zod";
import {
  HANDOVER_KINDS,
  HANDOVER_STATES,
  type Handover as HandoverShape,
  HISTORY_STEPS,
  handoverId,
} from "../domain/handover.ts";
import { EXCEPTION_REASONS, type Leave as LeaveShape } from "../domain/roll-call.ts";
import { isLocalDate } from "../domain/school-calendar.ts";
import { text } from "./fields.ts";
import { OutsideWindow } from "./safety.ts";

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a ULID (26 characters)");
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const localDate = z.string().refine(isLocalDate, "must be a date YYYY-MM-DD");

export const ExceptionReason = z.enum(EXCEPTION_REASONS);
export const HandoverKind = z.enum(HANDOVER_KINDS);

export const RollCallGroup = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("class"), classId: ulid }),
  z.object({ kind: z.literal("room"), roomId: ulid }),
]);

export const RollCallException = z.object({
  pupilId: ulid,
  reason: ExceptionReason,
  note: text("shortNote").optional(),
  pickedUpBy: text("writtenName").optional(),
  pickedUpAt: isoTime.optional(),
});

/** A 60-pupil room and then some; domain/roll-call.ts validateRollCall checks the rest. */
export const RollCall = z.object({
  expected: z.array(ulid).max(200),
  onLeave: z.array(ulid).max(200),
  /** Marked away by an earlier roll call of the date (domain/custody.ts CU-7). */
  away: z
    .array(z.object({ pupilId: ulid, reason: ExceptionReason }))
    .max(200)
    .optional(),
  exceptions: z.array(RollCallException).max(200),
});

// ── Leave ─────────────────────────────────────────────────────────────────────────────────

export const LeaveInput = z.object({
  id: ulid,
  pupilId: ulid,
  from: localDate,
  to: localDate,
  note: text("shortNote"),
});
export type LeaveInput = z.infer<typeof LeaveInput>;

export const Leave: z.ZodType<LeaveShape> = z.object({
  id: ulid,
  pupilId: ulid,
  from: localDate,
  to: localDate,
  note: z.string(),
  recordedBy: ulid,
  recordedAt: isoTime,
  cancelledBy: ulid.nullable(),
  cancelledAt: isoTime.nullable(),
});

// ── Hand-overs ────────────────────────────────────────────────────────────────────────────

/**
 * The giver's half: the roll call of a class (dismissal) or a room (bedtime, bed check). A
 * dismissal or bedtime hand-over's id is handoverId(date, kind, group) (HO-1); a bed check's
 * is a new ULID. `alertIds` name the urgent alerts of the unaccounted pupils, sent ahead.
 */
export const HandoverGiveInput = z
  .object({
    id: z.string().max(80),
    date: localDate,
    kind: HandoverKind,
    group: RollCallGroup,
    rollCall: RollCall,
    alertIds: z.array(ulid).max(200),
    /** roll-call-windows.ts RW-3: the reason, when given outside the roll call's window. */
    outsideWindow: OutsideWindow.optional(),
  })
  .superRefine((h, ctx) => {
    if (h.kind === "dismissal" && h.group.kind !== "class")
      ctx.addIssue({ code: "custom", path: ["group"], message: "a dismissal hand-over is given per class" });
    if (h.kind !== "dismissal" && h.group.kind !== "room")
      ctx.addIssue({
        code: "custom",
        path: ["group"],
        message: "bedtime hand-overs and bed checks are per dorm room",
      });
    const expectedId = h.kind === "bedCheck" ? undefined : handoverId(h.date, h.kind, h.group);
    if (expectedId !== undefined && h.id !== expectedId)
      ctx.addIssue({ code: "custom", path: ["id"], message: `must be ${expectedId} (date|kind|group)` });
    if (h.kind === "bedCheck" && !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(h.id))
      ctx.addIssue({ code: "custom", path: ["id"], message: "a bed check's id is a ULID" });
  });
export type HandoverGiveInput = z.infer<typeof HandoverGiveInput>;

/** The receiver's half: the count present as the receiver saw it. */
export const HandoverReceiveInput = z.object({
  id: z.string().max(80),
  date: localDate,
  kind: z.enum(["dismissal", "bedtime"]),
  group: RollCallGroup,
  count: z.number().int().min(0).max(500),
  confirmedOn: z.enum(["own_phone", "giver_phone"]),
  /** HO-7: the pupils the receiver finds missing, when the counts differ. */
  missing: z.array(ulid).max(200).optional(),
});
export type HandoverReceiveInput = z.infer<typeof HandoverReceiveInput>;

/** HO-6: the giver (or an admin) withdraws a roll call nobody has received. */
export const HandoverWithdrawInput = z.object({ id: z.string().min(1).max(80) });

/** HO-7: 已核实 — a count dispute settled, with what was checked. */
export const HandoverResolveInput = z.object({
  id: z.string().min(1).max(80),
  note: z.string().trim().min(1, "write what was checked and found").max(500, "at most 500 characters"),
});

/** HO-8: a pupil a roll call marked away came back (the roll call's record, when). */
export const PupilBackInput = z.object({
  /** The roll call that marked the pupil away. */
  id: z.string().min(1).max(80),
  pupilId: ulid,
  at: isoTime,
  note: text("shortNote").optional(),
});
export type PupilBackInput = z.infer<typeof PupilBackInput>;

const GiveHalf = z.object({
  by: ulid,
  at: isoTime,
  rollCall: RollCall,
  presentCount: z.number().int(),
  receiverIds: z.array(ulid),
  mutationId: ulid,
  outsideWindow: OutsideWindow.optional(),
});
const ReceiveHalf = z.object({
  by: ulid,
  at: isoTime,
  count: z.number().int(),
  confirmedOn: z.enum(["own_phone", "giver_phone"]),
  mutationId: ulid,
  missing: z.array(ulid).optional(),
});

export const Handover: z.ZodType<HandoverShape> = z.object({
  id: z.string(),
  date: localDate,
  kind: HandoverKind,
  group: RollCallGroup,
  give: GiveHalf.nullable(),
  receive: ReceiveHalf.nullable(),
  state: z.enum(HANDOVER_STATES),
  late: z.boolean(),
  alertId: ulid.nullable(),
  history: z.array(
    z.object({
      at: isoTime,
      by: ulid,
      step: z.enum(HISTORY_STEPS),
      note: z.string().optional(),
      replaced: GiveHalf.optional(),
      pupilId: ulid.optional(),
    }),
  ),
  returns: z
    .array(z.object({ pupilId: ulid, at: isoTime, by: ulid, note: z.string().optional(), mutationId: ulid }))
    .optional(),
  resolution: z.object({ by: ulid, at: isoTime, note: z.string() }).nullable().optional(),
}) as z.ZodType<HandoverShape>;

// ── An unaccounted pupil found (closes the alert) ─────────────────────────────────────────

export const AlertFoundInput = z.object({
  alertId: ulid,
  /** Where the pupil was found, in words (required: the alert cannot close without it). */
  where: text("label").min(1, "where the pupil was found is required"),
  /** When they were found. */
  at: isoTime,
  note: text("reason").optional(),
});
export type AlertFoundInput = z.infer<typeof AlertFoundInput>;
