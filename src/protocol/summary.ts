// Weekly class summaries, reminders, the month's commendation and safety-education records as
// they travel (SPEC §4, §5):
// the entities phones pull and the arguments of their mutation types. The rules live in
// src/domain/weekly-summary.ts and safety-education.ts; these schemas check shapes.
import { z } from "zod";
import {
  type Commendation as CommendationShape,
  isMonth,
  MAX_CITATION,
  MAX_GUARDIANS,
} from "../domain/commendation.ts";
import { EXCEPTION_REASONS } from "../domain/roll-call.ts";
import { EDUCATION_KINDS, type EducationRecord as EducationShape } from "../domain/safety-education.ts";
import { isLocalDate } from "../domain/school-calendar.ts";
import type { WeekNumbers as NumbersShape, WeeklySummary as SummaryShape } from "../domain/weekly-summary.ts";
import { photoList, text } from "./fields.ts";

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a ULID (26 characters)");
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const localDate = z.string().refine(isLocalDate, "must be a date YYYY-MM-DD");
const monday = localDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, "must be a Monday");
const ids = z.array(z.string().max(120)).max(2000);

export const WeekNumbers: z.ZodType<NumbersShape> = z.object({
  weekStart: localDate,
  asOf: localDate,
  rounds: z.object({ due: z.number().int().min(0), done: z.number().int().min(0), missed: ids }),
  hazards: z.object({ found: ids, rectified: ids, late: ids }),
  exceptions: z.object(
    Object.fromEntries(EXCEPTION_REASONS.map((r) => [r, z.number().int().min(0)])) as Record<
      (typeof EXCEPTION_REASONS)[number],
      z.ZodNumber
    >,
  ),
  exceptionList: z
    .array(
      z.object({
        date: localDate,
        pupilId: ulid,
        reason: z.enum(EXCEPTION_REASONS),
        handoverId: z.string().max(120),
      }),
    )
    .max(2000),
  unaccounted: ids,
  lesson: z.object({ held: z.boolean(), recordId: z.string().nullable() }),
});

/** What the class teacher's phone sends to save or submit: its id is weekStart|classId. */
export const SummaryInput = z
  .object({
    id: z.string().max(80),
    classId: ulid,
    weekStart: monday,
    text: text("summary"),
    numbers: WeekNumbers,
  })
  .refine((s) => s.id === `${s.weekStart}|${s.classId}`, {
    path: ["id"],
    message: "must be weekStart|classId",
  });
export type SummaryInput = z.infer<typeof SummaryInput>;

export const WeeklySummary: z.ZodType<SummaryShape> = z.object({
  id: z.string(),
  classId: ulid,
  weekStart: localDate,
  text: z.string(),
  state: z.enum(["draft", "submitted"]),
  numbers: WeekNumbers,
  savedBy: ulid,
  savedAt: isoTime,
  submittedBy: ulid.nullable(),
  submittedAt: isoTime.nullable(),
  addenda: z.array(z.object({ at: isoTime, by: ulid, text: z.string() })),
});

/** The admin's reminder to the class teachers who have not submitted a week's summary. */
export const ReminderInput = z.object({
  id: ulid,
  weekStart: monday,
  classIds: z.array(ulid).min(1, "choose at least one class").max(100),
  note: text("shortNote"),
});
export type ReminderInput = z.infer<typeof ReminderInput>;

export interface SummaryReminder extends ReminderInput {
  sentBy: string;
  sentAt: string;
}

export const EducationInput = z.object({
  id: ulid,
  kind: z.enum(EDUCATION_KINDS),
  date: localDate,
  classId: ulid.nullable(),
  topic: z.string().trim().min(1, "topic is required").max(100),
  note: text("note"),
  photos: photoList,
});
export type EducationInput = z.infer<typeof EducationInput>;

export const EducationRecord: z.ZodType<EducationShape> = EducationInput.extend({
  recordedBy: ulid,
  recordedAt: isoTime,
}) as unknown as z.ZodType<EducationShape>;

// ── The month's commendation (domain/commendation.ts CM-1..5) ──────────────────────────────

const month = z.string().refine(isMonth, "must be a month YYYY-MM");

/** CM-3: the admin marks a class commended (安全先进班级) or not, for a month. */
export const CommendMarkInput = z.object({
  month,
  classId: ulid,
  commended: z.boolean(),
  citation: z.string().trim().max(MAX_CITATION, `at most ${MAX_CITATION} characters`),
});
export type CommendMarkInput = z.infer<typeof CommendMarkInput>;

/** CM-4: the class's safety guardians (安全小卫士) for a month; [] clears them. */
export const GuardiansInput = z.object({
  month,
  classId: ulid,
  pupilIds: z.array(ulid).max(MAX_GUARDIANS, `at most ${MAX_GUARDIANS} safety guardians`),
});
export type GuardiansInput = z.infer<typeof GuardiansInput>;

export const Commendation: z.ZodType<CommendationShape> = z.object({
  id: z.string(),
  month,
  classId: ulid,
  commended: z.boolean(),
  citation: z.string(),
  commendedBy: ulid.nullable(),
  commendedAt: isoTime.nullable(),
  guardianIds: z.array(ulid),
  guardiansBy: ulid.nullable(),
  guardiansAt: isoTime.nullable(),
});
