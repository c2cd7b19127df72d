// 管理时段化 (SPEC §1): every minute of a school day belongs to exactly one time slot with
// a responsible adult. Boundaries are school settings; this module validates them and answers
// "which slot is it now" for an instant in the school's own time zone. No clock inside:
// the instant is always an argument.
import { TZDate } from "@date-fns/tz";

export const SLOT_KINDS = [
  "morning",
  "morningClasses",
  "noon",
  "afternoonClasses",
  "evening",
  "night",
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/** One slot as the school writes it: local wall-clock "HH:mm" start and end. */
export interface SlotTimes {
  start: string;
  end: string;
}
export type TimeSlotSettings = Record<SlotKind, SlotTimes>;

/**
 * Defaults from the source: 8:00以前 早活动值日教师; 晨会—放中学 班主任和各课次教师;
 * 12:00—2:00 中午值日教师; 下午第一节—放晚学 班主任和各课次教师; 放晚学后—就寝 晚活动值日教师;
 * 夜晚 保育员. The source gives no hour for dismissal, bedtime or rising; 16:30, 20:30 and
 * 06:30 are the SPEC's defaults and the school can change them.
 */
export const DEFAULT_TIME_SLOTS: TimeSlotSettings = {
  morning: { start: "06:30", end: "08:00" },
  morningClasses: { start: "08:00", end: "12:00" },
  noon: { start: "12:00", end: "14:00" },
  afternoonClasses: { start: "14:00", end: "16:30" },
  evening: { start: "16:30", end: "20:30" },
  night: { start: "20:30", end: "06:30" },
};

export const SLOT_LABELS: Record<
  SlotKind,
  { zh: string; en: string; responsibleZh: string; responsibleEn: string }
> = {
  morning: {
    zh: "早间",
    en: "Morning",
    responsibleZh: "早活动值日教师",
    responsibleEn: "Morning duty teacher",
  },
  morningClasses: {
    zh: "上午",
    en: "Morning classes",
    responsibleZh: "班主任和各课次教师",
    responsibleEn: "Class teacher and the period's subject teacher",
  },
  noon: { zh: "午间", en: "Noon", responsibleZh: "中午值日教师", responsibleEn: "Noon duty teacher" },
  afternoonClasses: {
    zh: "下午",
    en: "Afternoon classes",
    responsibleZh: "班主任和各课次教师",
    responsibleEn: "Class teacher and the period's subject teacher",
  },
  evening: {
    zh: "晚间",
    en: "Evening",
    responsibleZh: "晚活动值日教师",
    responsibleEn: "Evening activity duty teacher",
  },
  night: { zh: "夜间", en: "Night", responsibleZh: "保育员", responsibleEn: "Dorm caretaker" },
};

const MINUTES_PER_DAY = 24 * 60;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "08:30" → 510, or undefined when the text is not a 24-hour HH:mm time. */
export function parseClockTime(text: string): number | undefined {
  const m = HH_MM.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClockTime(minuteOfDay: number): string {
  const m = ((minuteOfDay % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export interface ResolvedSlot {
  slot: SlotKind;
  startMinute: number;
  durationMinutes: number;
}

export interface SlotProblem {
  slot: SlotKind;
  code: "bad_time" | "empty" | "gap" | "overlap" | "order";
  zh: string;
  en: string;
}

export type SlotValidation = { ok: true; slots: ResolvedSlot[] } | { ok: false; problems: SlotProblem[] };

const label = (s: SlotKind) => SLOT_LABELS[s];
const mod = (n: number) => ((n % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;

/**
 * Slots must follow one another in SLOT_KINDS order, each ending where the next begins,
 * and together cover exactly 24 hours (the night slot usually wraps past midnight).
 */
export function validateTimeSlots(settings: TimeSlotSettings): SlotValidation {
  const problems: SlotProblem[] = [];
  const minutes = new Map<SlotKind, { start: number; end: number }>();
  for (const slot of SLOT_KINDS) {
    const times = settings[slot];
    const start = times ? parseClockTime(times.start) : undefined;
    const end = times ? parseClockTime(times.end) : undefined;
    if (start === undefined || end === undefined) {
      const bad = start === undefined ? times?.start : times?.end;
      problems.push({
        slot,
        code: "bad_time",
        zh: `${label(slot).zh}时段的时间“${bad ?? ""}”无效，应为 24 小时制 HH:mm，例如 08:00`,
        en: `${label(slot).en}: "${bad ?? ""}" is not a 24-hour HH:mm time such as 08:00`,
      });
      continue;
    }
    if (start === end) {
      problems.push({
        slot,
        code: "empty",
        zh: `${label(slot).zh}时段的开始和结束都是 ${times.start}，时段不能为空`,
        en: `${label(slot).en} starts and ends at ${times.start}: a slot cannot be empty`,
      });
    }
    minutes.set(slot, { start, end });
  }
  if (problems.length > 0) return { ok: false, problems };

  SLOT_KINDS.forEach((slot, i) => {
    const next = SLOT_KINDS[(i + 1) % SLOT_KINDS.length] as SlotKind;
    const a = minutes.get(slot) as { start: number; end: number };
    const b = minutes.get(next) as { start: number; end: number };
    if (a.end === b.start) return;
    const diff = mod(b.start - a.end);
    const isGap = diff <= MINUTES_PER_DAY / 2;
    const span = isGap ? diff : MINUTES_PER_DAY - diff;
    problems.push(
      isGap
        ? {
            slot,
            code: "gap",
            zh: `${label(slot).zh}时段 ${formatClockTime(a.end)} 结束，${label(next).zh}时段 ${formatClockTime(b.start)} 才开始：中间有 ${span} 分钟无人负责`,
            en: `${label(slot).en} ends at ${formatClockTime(a.end)} but ${label(next).en} starts at ${formatClockTime(b.start)}: ${span} minutes with nobody responsible`,
          }
        : {
            slot,
            code: "overlap",
            zh: `${label(slot).zh}时段到 ${formatClockTime(a.end)} 才结束，但${label(next).zh}时段 ${formatClockTime(b.start)} 已开始：重叠 ${span} 分钟`,
            en: `${label(slot).en} ends at ${formatClockTime(a.end)} but ${label(next).en} already starts at ${formatClockTime(b.start)}: ${span} minutes overlap`,
          },
    );
  });
  if (problems.length > 0) return { ok: false, problems };

  const slots = SLOT_KINDS.map((slot) => {
    const { start, end } = minutes.get(slot) as { start: number; end: number };
    return { slot, startMinute: start, durationMinutes: mod(end - start) };
  });
  const total = slots.reduce((sum, s) => sum + s.durationMinutes, 0);
  if (total !== MINUTES_PER_DAY) {
    return {
      ok: false,
      problems: [
        {
          slot: "morning",
          code: "order",
          zh: `时段顺序应为 早间→上午→午间→下午→晚间→夜间，合计 24 小时；现在合计 ${Math.round(total / 60)} 小时`,
          en: `Slots must run morning → morning classes → noon → afternoon classes → evening → night and add up to 24 hours; they add up to ${Math.round(total / 60)} hours`,
        },
      ],
    };
  }
  return { ok: true, slots };
}

/** Throws with every problem listed; for settings that were validated on the way in. */
export function resolveTimeSlots(settings: TimeSlotSettings): ResolvedSlot[] {
  const result = validateTimeSlots(settings);
  if (!result.ok) throw new Error(result.problems.map((p) => p.en).join("; "));
  return result.slots;
}

/** The slot containing a local minute of the day (0–1439). Exactly one slot matches. */
export function slotAtMinute(slots: readonly ResolvedSlot[], minuteOfDay: number): ResolvedSlot {
  const m = mod(minuteOfDay);
  const found = slots.find((s) => mod(m - s.startMinute) < s.durationMinutes);
  if (!found) throw new Error(`no slot contains minute ${m}: settings were not validated`);
  return found;
}

export interface SlotNow {
  slot: SlotKind;
  /** Local start and end, as instants. */
  startsAt: Date;
  endsAt: Date;
  /** The school date the slot began on: the night from Monday 20:30 belongs to Monday. */
  dutyDate: string;
  startClock: string;
  endClock: string;
}

/** Which slot an instant falls in, read in the school's time zone (e.g. Asia/Shanghai). */
export function slotAt(settings: TimeSlotSettings, instant: Date, timeZone: string): SlotNow {
  const slots = resolveTimeSlots(settings);
  const local = new TZDate(instant.getTime(), timeZone);
  const minuteOfDay = local.getHours() * 60 + local.getMinutes();
  const found = slotAtMinute(slots, minuteOfDay);
  // Minutes since the slot began; if that reaches back past midnight, it began yesterday.
  const sinceStart = mod(minuteOfDay - found.startMinute);
  const beganYesterday = minuteOfDay - sinceStart < 0;
  const startDay = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - (beganYesterday ? 1 : 0),
    0,
    0,
    0,
    timeZone,
  );
  const startsAt = new TZDate(
    startDay.getFullYear(),
    startDay.getMonth(),
    startDay.getDate(),
    Math.floor(found.startMinute / 60),
    found.startMinute % 60,
    0,
    timeZone,
  );
  const endMinuteTotal = found.startMinute + found.durationMinutes;
  const endsAt = new TZDate(
    startDay.getFullYear(),
    startDay.getMonth(),
    startDay.getDate(),
    Math.floor(endMinuteTotal / 60),
    endMinuteTotal % 60,
    0,
    timeZone,
  );
  const dutyDate = `${startDay.getFullYear()}-${String(startDay.getMonth() + 1).padStart(2, "0")}-${String(startDay.getDate()).padStart(2, "0")}`;
  return {
    slot: found.slot,
    startsAt: new Date(startsAt.getTime()),
    endsAt: new Date(endsAt.getTime()),
    dutyDate,
    startClock: formatClockTime(found.startMinute),
    endClock: formatClockTime(endMinuteTotal),
  };
}
