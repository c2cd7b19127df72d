// The school's reference data as it travels to phones: staff (without secrets), classes,
// pupils, dorm rooms, areas, checklists and settings. One schema each, used by the server
// to shape responses and by the client to parse what it caches.
import { z } from "zod";
import { AREA_KINDS } from "../domain/area-kinds.ts";
import { HANDOVER_KINDS } from "../domain/handover-kinds.ts";
import { validateEscalationDelays } from "../domain/hazard-deadline.ts";
import { SCORE_PARTS, type ScoreRules, validateScoreRules } from "../domain/monthly-score.ts";
import { ROLES } from "../domain/roles.ts";
import { type RollCallWindows, validateRollCallWindows } from "../domain/roll-call-windows.ts";
import { ROUND_KINDS, type RoundWindows, validateRoundWindows } from "../domain/rounds.ts";
import { DEFAULT_SCHOOL_DAYS, validateCalendar } from "../domain/school-calendar.ts";
import { SLOT_KINDS, type TimeSlotSettings, validateTimeSlots } from "../domain/time-slots.ts";
import { validatePeriods } from "../domain/timetable.ts";
import {
  bedLabel,
  buildingName,
  className,
  loginField,
  personName,
  phoneNumber,
  roleList,
  roomName,
  studentNo,
  text,
} from "./fields.ts";
import { AreaId, ChecklistItemId, ClassId, DormRoomId, PupilId, SchoolId, StaffId } from "./ids.ts";
import { HolidaySchema, MakeUpDaySchema, PeriodSchema, TermSchema } from "./roster.ts";

export const Role = z.enum(ROLES);
export const AreaKind = z.enum(AREA_KINDS);

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time HH:mm");
const slotTimes = z.object({ start: clock, end: clock });

export const TimeSlotSettingsSchema = z
  .object(
    Object.fromEntries(SLOT_KINDS.map((k) => [k, slotTimes])) as Record<
      (typeof SLOT_KINDS)[number],
      typeof slotTimes
    >,
  )
  .superRefine((value, ctx) => {
    const result = validateTimeSlots(value as TimeSlotSettings);
    if (!result.ok) {
      for (const p of result.problems)
        ctx.addIssue({ code: "custom", path: [p.slot], message: `${p.zh} / ${p.en}` });
    }
  });

export const RoundWindowsSchema = z
  .object(
    Object.fromEntries(ROUND_KINDS.map((k) => [k, slotTimes])) as Record<
      (typeof ROUND_KINDS)[number],
      typeof slotTimes
    >,
  )
  .superRefine((value, ctx) => {
    for (const p of validateRoundWindows(value as RoundWindows))
      ctx.addIssue({ code: "custom", path: [p.round], message: `${p.zh} / ${p.en}` });
  });

export const RollCallWindowsSchema = z
  .object(
    Object.fromEntries(HANDOVER_KINDS.map((k) => [k, slotTimes])) as Record<
      (typeof HANDOVER_KINDS)[number],
      typeof slotTimes
    >,
  )
  .superRefine((value, ctx) => {
    for (const p of validateRollCallWindows(value as RollCallWindows))
      ctx.addIssue({ code: "custom", path: [p.kind], message: `${p.zh} / ${p.en}` });
  });

/** MS-3: each part's weight, a whole number 0–100, not all 0; each problem names its part. */
export const ScoreRulesSchema = z
  .object(
    Object.fromEntries(SCORE_PARTS.map((p) => [p, z.number()])) as Record<
      (typeof SCORE_PARTS)[number],
      z.ZodNumber
    >,
  )
  .superRefine((value, ctx) => {
    for (const p of validateScoreRules(value as ScoreRules))
      ctx.addIssue({ code: "custom", path: p.part ? [p.part] : [], message: `${p.zh} / ${p.en}` });
  });

export const SchoolSettings = z
  .object({
    /** IANA time zone, e.g. Asia/Shanghai. */
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Shanghai"),
    timeSlots: TimeSlotSettingsSchema,
    /** The three rounds' windows (default: from the time slots, domain/rounds.ts RD-2). */
    roundWindows: RoundWindowsSchema.optional(),
    /** Each roll call's window (default: from the time slots, domain/roll-call-windows.ts RW-1). */
    rollCallWindows: RollCallWindowsSchema.optional(),
    /** Whether a round done before its window opens counts (domain/rounds.ts RD-6; default no). */
    allowEarlyRounds: z.boolean().optional(),
    /** ISO weekdays with school (1 = Monday); default Monday to Friday. */
    schoolDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, "at least one school day")
      .refine((d) => new Set(d).size === d.length, "each weekday once")
      .optional() as z.ZodOptional<z.ZodType<(1 | 2 | 3 | 4 | 5 | 6 | 7)[]>>,
    /** Minutes after a hazard's deadline at which each escalation level is reached. */
    escalationDelays: z
      .array(z.number())
      .superRefine((value, ctx) => {
        for (const p of validateEscalationDelays(value))
          ctx.addIssue({ code: "custom", message: `${p.zh} / ${p.en}` });
      })
      .optional(),
    /** Terms (学期), holidays and make-up school days (school-calendar.ts CAL-1..5). */
    terms: z.array(TermSchema).max(20).optional(),
    holidays: z.array(HolidaySchema).max(60).optional(),
    makeUpDays: z.array(MakeUpDaySchema).max(60).optional(),
    /** The bell schedule (作息时间), periods 1…n (timetable.ts TT-1); default DEFAULT_PERIODS. */
    periods: z.array(PeriodSchema).min(1, "at least one period").max(12).optional(),
    /** The monthly score's weights (monthly-score.ts MS-3); default DEFAULT_SCORE_RULES. */
    scoreRules: ScoreRulesSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const calendar = {
      schoolDays: s.schoolDays ?? DEFAULT_SCHOOL_DAYS,
      terms: s.terms,
      holidays: s.holidays,
      makeUpDays: s.makeUpDays,
    };
    for (const p of validateCalendar(calendar))
      ctx.addIssue({ code: "custom", path: [p.field, p.index], message: `${p.zh} / ${p.en}` });
    if (s.periods && validateTimeSlots(s.timeSlots as TimeSlotSettings).ok) {
      for (const p of validatePeriods(s.periods, s.timeSlots as TimeSlotSettings))
        ctx.addIssue({ code: "custom", path: ["periods", p.index], message: `${p.zh} / ${p.en}` });
    }
  });
export type SchoolSettings = z.infer<typeof SchoolSettings>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

export const School = z.object({
  id: SchoolId,
  code: z.string(),
  name: z.string(),
  settings: SchoolSettings,
});
export type School = z.infer<typeof School>;

export const Staff = z.object({
  id: StaffId,
  login: z.string(),
  name: z.string(),
  roles: z.array(Role),
  phone: z.string().nullable(),
  isActive: z.boolean(),
});
export type Staff = z.infer<typeof Staff>;

export const SchoolClass = z.object({
  id: ClassId,
  grade: z.number().int().min(1).max(6),
  name: z.string(),
  classTeacherId: StaffId.nullable(),
});
export type SchoolClass = z.infer<typeof SchoolClass>;

export const Gender = z.enum(["male", "female"]);

export const DormRoom = z.object({
  id: DormRoomId,
  name: z.string(),
  building: z.string(),
  gender: Gender.nullable(),
  capacity: z.number().int().positive(),
});
export type DormRoom = z.infer<typeof DormRoom>;

export const Pupil = z.object({
  id: PupilId,
  studentNo: z.string(),
  name: z.string(),
  gender: Gender.nullable(),
  classId: ClassId,
  isBoarder: z.boolean(),
  dormRoomId: DormRoomId.nullable(),
  bed: z.string().nullable(),
  /**
   * A pupil this phone may not see (domain/need-to-know.ts NK-10): only id, classId and
   * isBoarder are real, for the month's numbers; pages that act on pupils leave it out.
   */
  isHidden: z.boolean().optional(),
});
export type Pupil = z.infer<typeof Pupil>;

export const Area = z.object({
  id: AreaId,
  name: z.string(),
  kind: AreaKind,
  responsibleStaffId: StaffId.nullable(),
  parentAreaId: AreaId.nullable(),
  classId: ClassId.nullable(),
});
export type Area = z.infer<typeof Area>;

export const ChecklistItem = z.object({
  id: ChecklistItemId,
  areaKind: AreaKind,
  position: z.number().int(),
  labelZh: z.string(),
  labelEn: z.string(),
  whyZh: z.string(),
  whyEn: z.string(),
  isActive: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

// What an admin's edit may write (the *.upsert mutations): the records above with the field
// rules of fields.ts, the same the CSV import uses. The shapes above stay as they are for
// reading, so a record saved before a rule existed still loads on every phone.
export const StaffInput = Staff.extend({
  login: loginField,
  name: personName,
  roles: roleList,
  phone: phoneNumber.nullable(),
});
export const SchoolClassInput = SchoolClass.extend({ name: className });
export const DormRoomInput = DormRoom.extend({
  name: roomName,
  building: buildingName,
  capacity: z.number().int().positive().max(500),
});
export const PupilInput = Pupil.extend({ studentNo, name: personName, bed: bedLabel.nullable() });
export const AreaInput = Area.extend({ name: text("title").min(1, "a name is required") });
export const ChecklistItemInput = ChecklistItem.extend({
  labelZh: text("label"),
  labelEn: text("label"),
  whyZh: text("reason"),
  whyEn: text("reason"),
});

/** Everything a phone needs to work offline, as of `asOf` (server time, ISO). */
export const ReferenceSnapshot = z.object({
  school: School,
  staff: z.array(Staff),
  classes: z.array(SchoolClass),
  pupils: z.array(Pupil),
  dormRooms: z.array(DormRoom),
  areas: z.array(Area),
  checklistItems: z.array(ChecklistItem),
  asOf: z.string(),
});
export type ReferenceSnapshot = z.infer<typeof ReferenceSnapshot>;
