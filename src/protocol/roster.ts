// The duty roster as it travels (SPEC §1): duty slots, rotation templates, class timetables and
// swaps — the entities phones pull and the arguments of their mutation types. The rules live
// in src/domain/ (roster.ts, swap.ts, timetable.ts, school-calendar.ts); these schemas check
// shapes and the rules that need nothing but the record itself.
import { z } from "zod";
import {
  DUTY_KINDS,
  type DutySlot as DutySlotShape,
  dutySlotId,
  type RotationTemplate as RotationTemplateShape,
} from "../domain/roster.ts";
import { type Holiday, isLocalDate, type MakeUpDay, type Term } from "../domain/school-calendar.ts";
import { SWAP_STATES, SWAP_STEPS, type Swap as SwapShape } from "../domain/swap.ts";
import type { Period, Timetable as TimetableShape } from "../domain/timetable.ts";
import { text } from "./fields.ts";
import type { TextKind } from "./limits.ts";

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a ULID (26 characters)");
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const localDate = z.string().refine(isLocalDate, "must be a date YYYY-MM-DD");
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time HH:mm");
const weekday = z.number().int().min(1, "weekday 1–7 (1 = Monday)").max(7, "weekday 1–7 (1 = Monday)");
const name = (kind: TextKind) => text(kind).min(1, "is required");

// ── Calendar and bell schedule (parts of SchoolSettings) ──────────────────────────────────

export const TermSchema: z.ZodType<Term> = z.object({
  id: ulid,
  name: name("shortLabel"),
  start: localDate,
  end: localDate,
});
export const HolidaySchema: z.ZodType<Holiday> = z.object({
  name: name("shortLabel"),
  start: localDate,
  end: localDate,
});
export const MakeUpDaySchema = z.object({
  date: localDate,
  followsWeekday: weekday,
}) as unknown as z.ZodType<MakeUpDay>;
export const PeriodSchema: z.ZodType<Period> = z.object({ start: clock, end: clock });

// ── Duty slots ────────────────────────────────────────────────────────────────────────────

export const DutyKind = z.enum(DUTY_KINDS);

export const DutyScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("campus") }),
  z.object({ kind: z.literal("building"), building: name("shortLabel") }),
  z.object({ kind: z.literal("room"), roomId: ulid }),
]);

const staffIds = z.array(ulid).max(10, "at most 10 people on one slot");

/** Where a slot is, and whether its id is the one its date, kind and scope give (RS-2). */
export const DutySlotKey = z
  .object({ id: z.string().max(120), date: localDate, kind: DutyKind, scope: DutyScope })
  .superRefine((slot, ctx) => {
    if (slot.id !== dutySlotId(slot.date, slot.kind, slot.scope))
      ctx.addIssue({
        code: "custom",
        path: ["id"],
        message: `must be ${dutySlotId(slot.date, slot.kind, slot.scope)} (date|kind|scope)`,
      });
  });
export type DutySlotKey = z.infer<typeof DutySlotKey>;

const SlotChange = z.object({
  at: isoTime,
  by: ulid,
  change: z.enum(["generated", "assigned", "cleared", "swapped"]),
  staffIds,
  approvedBy: ulid.optional(),
  swapId: ulid.optional(),
});

/** The slot every phone pulls. */
export const DutySlot: z.ZodType<DutySlotShape> = z.object({
  id: z.string(),
  date: localDate,
  kind: DutyKind,
  scope: DutyScope,
  staffIds,
  source: z.enum(["generated", "edited", "swapped"]),
  templateId: ulid.nullable(),
  history: z.array(SlotChange),
});

/** One slot of a generated roster as the admin's phone computed it (domain/roster.ts RS-3). */
export const GeneratedSlot = z.intersection(DutySlotKey, z.object({ staffIds, templateId: ulid }));
export type GeneratedSlot = z.infer<typeof GeneratedSlot>;

/** A term has ~100 school days × a handful of duties; a year of them still fits one push. */
export const MAX_GENERATED_SLOTS = 3000;

// ── Rotation templates ────────────────────────────────────────────────────────────────────

const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

export const RotationPattern = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("weekly"),
    byWeekday: z.partialRecord(z.enum(WEEKDAY_KEYS), staffIds),
  }),
  z.object({
    mode: z.literal("rotation"),
    staffIds: z.array(ulid).min(1, "name at least one person to rotate").max(200),
    perDay: z.number().int().min(1, "at least one person a day").max(10),
  }),
]);

export const RotationTemplate = z
  .object({
    id: ulid,
    name: name("writtenName"),
    kind: DutyKind,
    scope: DutyScope,
    pattern: RotationPattern,
    isActive: z.boolean(),
  })
  .superRefine((t, ctx) => {
    if (t.kind !== "night" && t.scope.kind !== "campus")
      ctx.addIssue({
        code: "custom",
        path: ["scope"],
        message: "only night caretakers are per building or room",
      });
    if (t.kind === "night" && t.scope.kind === "campus")
      ctx.addIssue({
        code: "custom",
        path: ["scope"],
        message: "a night caretaker is per dorm building or room",
      });
  }) as unknown as z.ZodType<RotationTemplateShape>;

// ── Timetable ─────────────────────────────────────────────────────────────────────────────

export const Timetable: z.ZodType<TimetableShape> = z
  .object({
    id: ulid,
    classId: ulid,
    entries: z
      .array(z.object({ weekday, period: z.number().int().min(1).max(20), subjectTeacherId: ulid }))
      .max(140),
  })
  .refine((t) => t.id === t.classId, { path: ["id"], message: "a timetable's id is its class id" }) as never;

// ── Swaps ─────────────────────────────────────────────────────────────────────────────────

const SwapSide = z.object({ slotId: z.string().max(120), version: z.number().int().positive() });

/** What the asker's phone sends. */
export const SwapAskInput = z.object({
  id: ulid,
  counterpartId: ulid,
  give: SwapSide,
  take: SwapSide.nullable(),
  reason: z.string().trim().max(200, "at most 200 characters"),
});
export type SwapAskInput = z.infer<typeof SwapAskInput>;

export const SwapStep = z.enum(SWAP_STEPS);

export const Swap: z.ZodType<SwapShape> = z.object({
  id: ulid,
  askedBy: ulid,
  counterpartId: ulid,
  give: SwapSide,
  take: SwapSide.nullable(),
  reason: z.string(),
  state: z.enum(SWAP_STATES),
  decidedBy: ulid.nullable(),
  history: z.array(
    z.object({
      at: isoTime,
      by: ulid,
      step: z.enum(["ask", ...SWAP_STEPS, "void"]),
      note: z.string().optional(),
    }),
  ),
});
