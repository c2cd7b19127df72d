// Rounds, hazards and the day's close as they travel (SPEC §2): the entities phones pull and
// the arguments of their mutation types. The rules live in src/domain/ (rounds.ts,
// hazard-machine.ts, hazard-deadline.ts, day-close.ts); these schemas only check shapes.
import { z } from "zod";
import type { CarriedHazard } from "../domain/day-close.ts";
import {
  HAZARD_ACTION_KINDS,
  HAZARD_STATES,
  type HazardAction as HazardActionShape,
  type Hazard as HazardRecord,
  type HazardReport as HazardReportShape,
  SEVERITIES,
} from "../domain/hazard-machine.ts";
import { ROUND_KINDS, WINDOW_REASON_MAX } from "../domain/rounds.ts";
import { isLocalDate } from "../domain/school-calendar.ts";
import { photoList as photos, text } from "./fields.ts";

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a ULID (26 characters)");
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const localDate = z.string().refine(isLocalDate, "must be a date YYYY-MM-DD");

export const RoundKind = z.enum(ROUND_KINDS);

/**
 * Why a round or roll call was done outside its window (rounds.ts RD-7, roll-call-windows.ts
 * RW-3): a few words, required then, such as 提前放学 or 临时调整.
 */
export const OutsideWindow = z.object({
  reason: z
    .string()
    .trim()
    .max(WINDOW_REASON_MAX, `at most ${WINDOW_REASON_MAX} characters`)
    .min(1, "say why it was done outside its time (a few words)"),
});
export type OutsideWindow = z.infer<typeof OutsideWindow>;
export const Severity = z.enum(SEVERITIES);
export const HazardState = z.enum(HAZARD_STATES);

// ── Rounds ───────────────────────────────────────────────────────────────────────────────

/**
 * One checklist item of the round: which items were checked is fixed when it is recorded
 * (items added later do not change it). An exception also keeps the item's words as they read
 * then, and its note; an OK item is named by its id only (checklist items are never deleted,
 * only taken out of use), which keeps a year of rounds small on the phones.
 */
export const RoundItem = z.object({
  itemId: ulid,
  ok: z.boolean(),
  labelZh: text("label").optional(),
  labelEn: text("label").optional(),
  note: text("reason").optional(),
});
export type RoundItem = z.infer<typeof RoundItem>;

/** What the phone sends: the round as the person recorded it. */
export const RoundInput = z.object({
  id: ulid,
  areaId: ulid,
  round: RoundKind,
  date: localDate,
  items: z.array(RoundItem).max(100),
  note: text("note"),
  photos,
  /** Hazards reported from this round's exceptions (each its own hazard.report). */
  hazardIds: z.array(ulid).max(100),
  /** RD-7: the reason, when the round is recorded outside its window. */
  outsideWindow: OutsideWindow.optional(),
  /** RD-5 as the phone saw it, shown until the server's arrives (the server decides). */
  timing: z.enum(["early", "late"]).optional(),
});
export type RoundInput = z.infer<typeof RoundInput>;

/** The round record every phone pulls: the input plus who and when. Append-only. */
export const RoundRecord = RoundInput.extend({
  checkedBy: ulid,
  /** When the person checked (phone clock; the server's when the phone's was not trusted). */
  checkedAt: isoTime,
});
export type RoundRecord = z.infer<typeof RoundRecord>;

// ── Hazards ──────────────────────────────────────────────────────────────────────────────

export const HazardReportInput = z.object({
  id: ulid,
  areaId: ulid,
  place: text("label"),
  severity: Severity,
  description: text("description").min(1, "describe the hazard"),
  photos,
  roundId: ulid.nullable(),
  checklistItemId: ulid.nullable(),
  assigneeId: ulid.nullable(),
  /** A critical hazard's urgent-lane alert id (the phone sends the alert first). */
  alertId: ulid.nullable(),
  /** The deadline as the phone computed it, shown until the server's arrives. */
  deadline: isoTime,
}) satisfies z.ZodType<HazardReportShape & { deadline: string }>;
export type HazardReportInput = z.infer<typeof HazardReportInput>;

const from = HazardState;
export const HazardAction = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("assign"), from, assigneeId: ulid, text: text("reason").optional() }),
  z.object({ kind: z.literal("control"), from, text: text("note"), photos }),
  z.object({ kind: z.literal("rectify"), from, text: text("note"), photos }),
  z.object({ kind: z.literal("close"), from, text: text("reason").optional() }),
  z.object({ kind: z.literal("reopen"), from, text: text("reason") }),
  z.object({ kind: z.literal("comment"), text: text("note"), photos }),
  z.object({ kind: z.literal("raiseSeverity"), severity: Severity, alertId: ulid.optional() }),
  z.object({ kind: z.literal("setDeadline"), deadline: isoTime, text: text("reason") }),
  z.object({ kind: z.literal("setNightOwner"), nightOwnerId: ulid }),
]) satisfies z.ZodType<HazardActionShape>;
export type HazardAction = z.infer<typeof HazardAction>;
export const HazardActionKind = z.enum(HAZARD_ACTION_KINDS);

const PhotoNote = z.object({ text: z.string(), photos: z.array(z.string()), by: z.string(), at: z.string() });

export const HazardEvent = z.object({
  id: z.string(),
  kind: z.union([HazardActionKind, z.literal("report")]),
  by: z.string(),
  at: z.string(),
  from: HazardState.optional(),
  to: HazardState.optional(),
  text: z.string().optional(),
  photos: z.array(z.string()).optional(),
  severity: Severity.optional(),
  assigneeId: z.string().optional(),
  deadline: z.string().optional(),
  nightOwnerId: z.string().optional(),
  refused: z.string().optional(),
  isRepeat: z.boolean().optional(),
});

/** The hazard entity every phone pulls (domain type Hazard). */
export const Hazard = z.object({
  id: z.string(),
  areaId: z.string(),
  place: z.string(),
  severity: Severity,
  description: z.string(),
  photos: z.array(z.string()),
  reportedBy: z.string(),
  foundAt: z.string(),
  roundId: z.string().nullable(),
  checklistItemId: z.string().nullable(),
  state: HazardState,
  assigneeId: z.string().nullable(),
  deadline: z.string(),
  deadlineSetBy: z.string().nullable(),
  control: PhotoNote.nullable(),
  nightOwnerId: z.string().nullable(),
  rectification: PhotoNote.nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  alertId: z.string().nullable(),
  history: z.array(HazardEvent),
}) satisfies z.ZodType<HazardRecord>;

// ── Close the day ────────────────────────────────────────────────────────────────────────

export const CarriedHazardSchema = z.object({
  hazardId: ulid,
  state: HazardState,
  measures: z.string().nullable(),
  nightOwnerId: ulid.nullable(),
}) satisfies z.ZodType<CarriedHazard>;

export const DayCloseInput = z.object({
  id: ulid,
  date: localDate,
  note: text("note"),
  /** The open hazards as the closer saw them (the server checks its own, DC-1). */
  carried: z.array(CarriedHazardSchema).max(500),
});
export type DayCloseInput = z.infer<typeof DayCloseInput>;

export const DayClose = DayCloseInput.extend({ closedBy: ulid, closedAt: isoTime });
export type DayClose = z.infer<typeof DayClose>;
