// Checks an admin form before anything is saved, with a message that names the field in the
// school's words. They mirror the server's rules (src/server/sync/handlers/reference-handlers.ts:
// unique logins, class names, room names and student numbers; a boarder has a room and only a
// boarder does; no area inside itself; you cannot lock yourself out) plus the phone-side ones
// a person would want to hear about at once (a full room, a bed already taken). Formats and
// lengths are the shared field rules (src/protocol/fields.ts, limits.ts) the server and the CSV
// import use, worded here for the form. Pure: the records to compare with are arguments.

import { validateEscalationDelays } from "../../../domain/hazard-deadline.ts";
import { SCORE_PART_LABELS, validateScoreRules } from "../../../domain/monthly-score.ts";
import { validateRollCallWindows } from "../../../domain/roll-call-windows.ts";
import { validateRoundWindows } from "../../../domain/rounds.ts";
import { DEFAULT_SCHOOL_DAYS, validateCalendar } from "../../../domain/school-calendar.ts";
import { validateTimeSlots } from "../../../domain/time-slots.ts";
import { validatePeriods } from "../../../domain/timetable.ts";
import {
  fieldProblem,
  LOGIN_PATTERN,
  phoneNumber,
  studentNo as studentNoRule,
} from "../../../protocol/fields.ts";
import { TEXT_LIMITS } from "../../../protocol/limits.ts";
import type {
  Area,
  ChecklistItem,
  DormRoom,
  Pupil,
  SchoolClass,
  SchoolSettings,
  Staff,
} from "../../../protocol/reference.ts";
import { dormGenderLabel, et } from "../../ui/entity-text.ts";
import { classLabel, getLang, inLang } from "../../ui/i18n.ts";
import { ad } from "./admin-text.ts";

export interface Problem {
  /** The form field the message is about (focus and aria-invalid). */
  field: string;
  message: string;
}

/** Terms, holidays, buildings, beds: the short labels of limits.ts. */
const NAME_MAX: number = TEXT_LIMITS.shortLabel;

function requireText(problems: Problem[], field: string, label: string, value: string, max = NAME_MAX) {
  if (!value.trim()) problems.push({ field, message: ad("errRequired", { field: label }) });
  else if (value.trim().length > max)
    problems.push({ field, message: ad("errTooLong", { field: label, max }) });
}

function wholeNumber(
  problems: Problem[],
  field: string,
  label: string,
  value: number,
  min: number,
  max: number,
): boolean {
  if (Number.isInteger(value) && value >= min && value <= max) return true;
  problems.push({ field, message: ad("errWholeNumber", { field: label, min, max }) });
  return false;
}

export function validateStaff(staff: Staff, ctx: { all: readonly Staff[]; selfId: string }): Problem[] {
  const problems: Problem[] = [];
  requireText(problems, "name", et("fieldName"), staff.name, TEXT_LIMITS.personName);
  const login = staff.login.trim();
  if (!login) problems.push({ field: "login", message: ad("errRequired", { field: et("fieldLogin") }) });
  else if (!LOGIN_PATTERN.test(login))
    problems.push({ field: "login", message: ad("errLoginFormat", { field: et("fieldLogin") }) });
  else {
    const holder = ctx.all.find((s) => s.id !== staff.id && s.login.toLowerCase() === login.toLowerCase());
    if (holder)
      problems.push({
        field: "login",
        message: ad("errTaken", { field: et("fieldLogin"), value: login, who: holder.name }),
      });
  }
  if (staff.roles.length === 0)
    problems.push({ field: "roles", message: ad("errRolesEmpty", { field: et("fieldRoles") }) });
  if (staff.phone !== null && !fieldProblem(phoneNumber, staff.phone).ok)
    problems.push({ field: "phone", message: ad("errPhone", { field: et("fieldPhone") }) });
  if (staff.id === ctx.selfId) {
    if (!staff.isActive)
      problems.push({ field: "isActive", message: ad("errSelfDisable", { field: et("fieldStaffActive") }) });
    if (!staff.roles.includes("admin"))
      problems.push({ field: "roles", message: ad("errSelfAdmin", { field: et("fieldRoles") }) });
  }
  return problems;
}

export function validateClass(schoolClass: SchoolClass, ctx: { all: readonly SchoolClass[] }): Problem[] {
  const problems: Problem[] = [];
  wholeNumber(problems, "grade", et("fieldGrade"), schoolClass.grade, 1, 6);
  requireText(problems, "name", et("fieldClassName"), schoolClass.name, TEXT_LIMITS.className);
  const name = schoolClass.name.trim();
  const twin = ctx.all.find(
    (c) => c.id !== schoolClass.id && c.grade === schoolClass.grade && c.name.trim() === name,
  );
  if (name && twin) {
    problems.push({
      field: "name",
      message: ad("errTaken", {
        field: et("fieldClassName"),
        value: classLabel(schoolClass),
        who: ad("sectionClasses"),
      }),
    });
  }
  return problems;
}

export function validateDormRoom(
  room: DormRoom,
  ctx: { all: readonly DormRoom[]; occupants: number },
): Problem[] {
  const problems: Problem[] = [];
  requireText(problems, "name", et("fieldDormName"), room.name, TEXT_LIMITS.roomName);
  const name = room.name.trim();
  if (name && ctx.all.some((r) => r.id !== room.id && r.name.trim() === name)) {
    problems.push({
      field: "name",
      message: ad("errTaken", { field: et("fieldDormName"), value: name, who: ad("sectionDorms") }),
    });
  }
  if (room.building.trim().length > TEXT_LIMITS.shortLabel)
    problems.push({
      field: "building",
      message: ad("errTooLong", { field: et("fieldBuilding"), max: TEXT_LIMITS.shortLabel }),
    });
  if (
    wholeNumber(problems, "capacity", et("fieldCapacity"), room.capacity, 1, 500) &&
    room.capacity < ctx.occupants
  )
    problems.push({
      field: "capacity",
      message: ad("errCapacityBelow", { field: et("fieldCapacity"), n: ctx.occupants }),
    });
  return problems;
}

export function validatePupil(
  pupil: Pupil,
  ctx: { all: readonly Pupil[]; rooms: readonly DormRoom[]; classes: readonly SchoolClass[] },
): Problem[] {
  const problems: Problem[] = [];
  requireText(problems, "name", et("fieldPupilName"), pupil.name, TEXT_LIMITS.personName);
  const studentNo = pupil.studentNo.trim();
  if (!studentNo)
    problems.push({ field: "studentNo", message: ad("errRequired", { field: et("fieldStudentNo") }) });
  else if (!fieldProblem(studentNoRule, studentNo).ok)
    problems.push({ field: "studentNo", message: ad("errStudentNoFormat", { field: et("fieldStudentNo") }) });
  else {
    const holder = ctx.all.find((p) => p.id !== pupil.id && p.studentNo.trim() === studentNo);
    if (holder)
      problems.push({
        field: "studentNo",
        message: ad("errTaken", { field: et("fieldStudentNo"), value: studentNo, who: holder.name }),
      });
  }
  if (!ctx.classes.some((c) => c.id === pupil.classId))
    problems.push({ field: "classId", message: ad("errChoose", { field: et("fieldClass") }) });
  if (!pupil.isBoarder) return problems;

  const room = ctx.rooms.find((r) => r.id === pupil.dormRoomId);
  if (!room) {
    problems.push({ field: "dormRoomId", message: ad("errRoomNeeded", { field: et("fieldDormRoom") }) });
    return problems;
  }
  if (room.gender !== null && pupil.gender !== null && room.gender !== pupil.gender) {
    problems.push({
      field: "dormRoomId",
      message: ad("errRoomGender", {
        field: et("fieldDormRoom"),
        room: room.name,
        roomKind: dormGenderLabel(room.gender),
      }),
    });
  }
  let occupants = 0;
  let bedHolder: Pupil | undefined;
  const bed = pupil.bed?.trim() ?? "";
  for (const other of ctx.all) {
    if (other.id === pupil.id || other.dormRoomId !== room.id || !other.isBoarder) continue;
    occupants++;
    if (bed && other.bed?.trim() === bed) bedHolder = other;
  }
  if (occupants >= room.capacity) {
    problems.push({
      field: "dormRoomId",
      message: ad("errRoomFull", {
        field: et("fieldDormRoom"),
        room: room.name,
        n: occupants,
        capacity: room.capacity,
      }),
    });
  }
  if (bedHolder) {
    problems.push({
      field: "bed",
      message: ad("errBedTaken", { field: et("fieldBed"), bed, room: room.name, who: bedHolder.name }),
    });
  }
  if (bed.length > TEXT_LIMITS.shortLabel)
    problems.push({
      field: "bed",
      message: ad("errTooLong", { field: et("fieldBed"), max: TEXT_LIMITS.shortLabel }),
    });
  return problems;
}

export function validateArea(area: Area, ctx: { all: readonly Area[] }): Problem[] {
  const problems: Problem[] = [];
  requireText(problems, "name", et("fieldAreaName"), area.name, TEXT_LIMITS.title);
  if (area.kind === "classroom" && area.classId === null)
    problems.push({ field: "classId", message: ad("errClassroomClass", { field: et("fieldClass") }) });
  // Walk up from the chosen parent: reaching this area again would make a loop.
  const byId = new Map(ctx.all.map((a) => [a.id as string, a]));
  let cursor: string | null = area.parentAreaId;
  const seen = new Set<string>();
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === area.id) {
      problems.push({
        field: "parentAreaId",
        message: ad("errParentCycle", { field: et("fieldParentArea") }),
      });
      break;
    }
    seen.add(cursor);
    cursor = byId.get(cursor)?.parentAreaId ?? null;
  }
  return problems;
}

export function validateChecklistItem(item: ChecklistItem): Problem[] {
  const problems: Problem[] = [];
  requireText(problems, "labelZh", et("fieldLabelZh"), item.labelZh, 80);
  if (item.labelEn.trim().length > 120)
    problems.push({ field: "labelEn", message: ad("errTooLong", { field: et("fieldLabelEn"), max: 120 }) });
  if (item.whyZh.length > 300)
    problems.push({ field: "whyZh", message: ad("errTooLong", { field: et("fieldWhyZh"), max: 300 }) });
  if (item.whyEn.length > 500)
    problems.push({ field: "whyEn", message: ad("errTooLong", { field: et("fieldWhyEn"), max: 500 }) });
  wholeNumber(problems, "position", et("fieldPosition"), item.position, 0, 9999);
  return problems;
}

export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function validateSettings(settings: SchoolSettings): Problem[] {
  const problems: Problem[] = [];
  if (!isTimeZone(settings.timeZone.trim())) {
    problems.push({
      field: "timeZone",
      message: ad("errTimeZone", { field: et("fieldTimeZone"), value: settings.timeZone }),
    });
  }
  const lang = getLang();
  const slots = validateTimeSlots(settings.timeSlots);
  if (!slots.ok) {
    for (const p of slots.problems) problems.push({ field: `slot-${p.slot}`, message: p[lang] });
  }
  if (settings.roundWindows) {
    for (const p of validateRoundWindows(settings.roundWindows))
      problems.push({ field: `round-${p.round}`, message: p[lang] });
  }
  if (settings.rollCallWindows) {
    for (const p of validateRollCallWindows(settings.rollCallWindows))
      problems.push({ field: `rollCall-${p.kind}`, message: p[lang] });
  }
  if (settings.schoolDays && settings.schoolDays.length === 0)
    problems.push({ field: "schoolDays", message: ad("errNoSchoolDays") });
  if (settings.escalationDelays) {
    for (const p of validateEscalationDelays(settings.escalationDelays))
      problems.push({ field: "escalation", message: p[lang] });
  }
  // CAL-5: each problem belongs to its row ("terms-0", "holidays-2", "makeUpDays-1").
  const calendar = {
    schoolDays: settings.schoolDays ?? DEFAULT_SCHOOL_DAYS,
    terms: settings.terms,
    holidays: settings.holidays,
    makeUpDays: settings.makeUpDays,
  };
  for (const p of validateCalendar(calendar))
    problems.push({ field: `${p.field}-${p.index}`, message: p[lang] });
  for (const [field, list] of [
    ["terms", settings.terms],
    ["holidays", settings.holidays],
  ] as const) {
    list?.forEach((r, i) => {
      if (r.name.trim().length > NAME_MAX)
        problems.push({
          field: `${field}-${i}`,
          message: ad("errTooLong", { field: r.name.trim(), max: NAME_MAX }),
        });
    });
  }
  // TT-1, checked against the time slots only when those are right (else every period would be).
  if (settings.periods) {
    if (settings.periods.length === 0) problems.push({ field: "periods", message: ad("errNoPeriods") });
    else if (settings.periods.length > 12)
      problems.push({ field: "periods", message: ad("errTooManyPeriods") });
    if (slots.ok) {
      for (const p of validatePeriods(settings.periods, settings.timeSlots))
        problems.push({ field: `periods-${p.index}`, message: p[lang] });
    }
  }
  // MS-3: a weight's problem sits under that weight ("score-rounds"), "all 0" under the table.
  // A box left empty or holding letters arrives as NaN, which the domain's message would echo.
  const rules = settings.scoreRules;
  if (rules) {
    for (const p of validateScoreRules(rules)) {
      if (p.part === null) {
        problems.push({ field: "scoreRules", message: p[lang] });
        continue;
      }
      const message = Number.isFinite(rules[p.part])
        ? p[lang]
        : ad("errWholeNumber", {
            field: ad("scoreWeight", { part: inLang(SCORE_PART_LABELS[p.part]) }),
            min: 0,
            max: 100,
          });
      problems.push({ field: `score-${p.part}`, message });
    }
  }
  return problems;
}

/**
 * Times as people type them on a number pad — "630", "0630", "6.30", "6：30" — become the
 * 24-hour "06:30" the school's settings use; anything else is left for the validation message.
 * (A type="time" input shows "06:30 AM" on phones set to 12-hour English, and cuts it off.)
 */
export function normalizeClock(text: string): string {
  const trimmed = text.trim().replace(/[.：。,，\s]/g, ":");
  const parts = /^(\d{1,2}):(\d{2})$/.exec(trimmed) ?? /^(\d{1,2})(\d{2})$/.exec(trimmed);
  if (!parts) return text.trim();
  return `${(parts[1] ?? "").padStart(2, "0")}:${parts[2]}`;
}
