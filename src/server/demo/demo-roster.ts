// The demo school's duty roster (值日表, SPEC §1 管理时段化, issue #5): a current term around the
// day the demo is first started, so "responsible now" has a name at any hour of any day; the
// rotation templates a school like this one uses; the term's slots generated with the domain's
// own generateRoster(); a few swaps in each state; and timetables for a few classes, so class
// time names a subject teacher. Same seed and `now` give the same records, ids included.
import { ulid } from "ulidx";
import {
  CAMPUS,
  type DutyKind,
  type DutySlot,
  generateRoster,
  type RotationTemplate,
} from "../../domain/roster.ts";
import {
  addDays,
  atLocal,
  type Holiday,
  type LocalDate,
  localDateOf,
  type MakeUpDay,
  type Term,
  weekdayOf,
} from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { applySwap, type Swap } from "../../domain/swap.ts";
import type { Timetable, TimetableEntry } from "../../domain/timetable.ts";
import { mulberry32, type SchoolSeed } from "./demo-school.ts";

/** The demo's calendar: what the school settings gain. */
export interface DemoCalendar {
  terms: Term[];
  holidays: Holiday[];
  makeUpDays: MakeUpDay[];
}

export interface DemoRoster {
  templates: RotationTemplate[];
  /** Every slot of the term as it stands now (the approved swap applied). */
  slots: DutySlot[];
  /** Slots written twice: first as generated, then as the approved swap changed them. */
  swappedSlotIds: string[];
  swaps: Swap[];
  timetables: Timetable[];
}

/** Ten weeks either side of the week the demo starts in. */
const TERM_WEEKS_BEFORE = 10;
const TERM_WEEKS_AFTER = 10;

/** The Monday of the week a date falls in. */
function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

function termName(today: LocalDate): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  // 春季学期 February–July; 秋季学期 from August to January, named after the year it began.
  if (m >= 2 && m <= 7) return `${y}年春季学期（演示）`;
  return `${m === 1 ? y - 1 : y}年秋季学期（演示）`;
}

/**
 * The current term from ten weeks before the demo's first day to ten weeks after, with a
 * two-day holiday (Monday–Tuesday of the week after next) and its make-up school day (调休上课日,
 * the Saturday before, following Monday's timetable) — both inside the next 14 days, so a phone
 * shows them under "my duties".
 */
export function demoCalendar(now: Date, timeZone: string): DemoCalendar {
  const today = localDateOf(now, timeZone);
  const monday = mondayOf(today);
  const start = addDays(monday, -7 * TERM_WEEKS_BEFORE);
  const id = ulid(Date.parse(`${start}T00:00:00Z`), mulberry32(0x7e_2026));
  const holidayStart = addDays(monday, 14);
  return {
    terms: [{ id, name: termName(today), start, end: addDays(monday, 7 * TERM_WEEKS_AFTER + 4) }],
    holidays: [{ name: "小长假（演示）", start: holidayStart, end: addDays(holidayStart, 1) }],
    makeUpDays: [{ date: addDays(monday, 12), followsWeekday: 1 }],
  };
}

/** The demo school with its calendar in the settings (the rest of the seed unchanged). */
export function withDemoCalendar(seed: SchoolSeed, now: Date): SchoolSeed {
  const calendar = demoCalendar(now, seed.school.settings.timeZone);
  return { ...seed, school: { ...seed.school, settings: { ...seed.school.settings, ...calendar } } };
}

/** The logins on each rotation (demo-school.ts staffPlan). */
const CLASS_DUTY_TEACHERS = [
  "teacher101",
  "teacher103",
  "teacher201",
  "teacher203",
  "teacher301",
  "teacher303",
  "teacher401",
  "teacher403",
  "teacher501",
  "teacher601",
];
const DUTY = ["duty1", "duty2", "duty3", "duty4", "duty5", "duty6"];
const ROTATIONS: Record<Exclude<DutyKind, "night">, { name: string; logins: string[]; perDay: number }> = {
  // Class teachers who take duty turns come in early anyway (the boarders wake at 06:30).
  morning: {
    name: "早活动值日轮值",
    logins: [...CLASS_DUTY_TEACHERS, "duty4", "duty5", "duty6"],
    perDay: 1,
  },
  noon: {
    name: "中午值日轮值",
    logins: [...DUTY, ...CLASS_DUTY_TEACHERS.slice(0, 7)],
    perDay: 1,
  },
  // The evening duty receives about 400 boarders from 22 classes: two teachers a day. Twelve
  // people two a day come round every six school days, so each has an evening in any 14 days
  // (duty1, the README's "try: my duties" login, among them).
  evening: {
    name: "晚活动值日轮值",
    logins: [...DUTY, ...CLASS_DUTY_TEACHERS.slice(4)],
    perDay: 2,
  },
  holiday: {
    name: "节假日值班轮值",
    logins: [
      "admin",
      "principal",
      "dean",
      "moral",
      "grade1",
      "grade2",
      "grade3",
      "grade4",
      "grade5",
      "grade6",
    ],
    perDay: 1,
  },
};
/** Two caretakers a night in the one dorm building (boys' and girls' floors), by weekday. */
const NIGHT_PATTERN: Record<"1" | "2" | "3" | "4" | "5", [string, string]> = {
  "1": ["caretaker1", "caretaker2"],
  "2": ["caretaker3", "caretaker4"],
  "3": ["caretaker1", "caretaker3"],
  "4": ["caretaker2", "caretaker4"],
  "5": ["caretaker1", "caretaker4"],
};

/** Periods a class teacher teaches their own class (语文 mornings); the rest by subject teachers. */
const OWN_PERIODS = new Set([1, 2]);
const TIMETABLE_CLASSES = 4;

/**
 * The roster of `school` (with its demo calendar, withDemoCalendar) as it stands at `now`:
 * generated by the admin three days before the term began, then an approved swap, a swap asked
 * and one accepted waiting for approval.
 */
export function buildDemoRoster(school: SchoolSeed, now: Date): DemoRoster {
  const settings = effectiveSettings(school.school.settings);
  const tz = settings.timeZone;
  const term = settings.terms[0];
  if (!term) throw new Error("demo roster: the school has no term (use withDemoCalendar first)");
  const idPrng = mulberry32(0x5afe_0005);
  const newId = (at: Date) => ulid(at.getTime(), idPrng);
  const byLogin = new Map(school.staff.map((s) => [s.login, s.id as string]));
  const idOf = (login: string) => {
    const id = byLogin.get(login);
    if (!id) throw new Error(`demo roster: no staff ${login}`);
    return id;
  };
  const admin = idOf("admin");
  const building = school.dormRooms[0]?.building ?? "宿舍楼";
  const generatedAt = atLocal(addDays(term.start, -3), 10 * 60, tz);

  const templates: RotationTemplate[] = [
    ...(["morning", "noon", "evening", "holiday"] as const).map((kind) => ({
      id: newId(generatedAt),
      name: ROTATIONS[kind].name,
      kind,
      scope: CAMPUS,
      pattern: {
        mode: "rotation" as const,
        staffIds: ROTATIONS[kind].logins.map(idOf),
        perDay: ROTATIONS[kind].perDay,
      },
      isActive: true,
    })),
    {
      id: newId(generatedAt),
      name: `${building}夜间保育`,
      kind: "night",
      scope: { kind: "building", building },
      pattern: {
        mode: "weekly",
        byWeekday: Object.fromEntries(
          Object.entries(NIGHT_PATTERN).map(([day, logins]) => [day, logins.map(idOf)]),
        ),
      },
      isActive: true,
    },
  ];

  const { slots: generated } = generateRoster({
    templates,
    calendar: settings,
    from: term.start,
    to: term.end,
    existing: new Map(),
    by: admin,
    at: generatedAt.toISOString(),
  });
  const slots = new Map(generated.map((s) => [s.id, s]));

  // Swaps: evening slots from the day after tomorrow on, so each is still ahead (SW-1).
  const today = localDateOf(now, tz);
  const ahead = (kind: DutyKind) =>
    [...slots.values()]
      .filter((s) => s.kind === kind && s.date > addDays(today, 1))
      .sort((a, b) => a.date.localeCompare(b.date));
  const heldBy = (staffId: string, kind: DutyKind, after: LocalDate = today) =>
    ahead(kind).find((s) => s.date > after && s.staffIds.includes(staffId));
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const swaps: Swap[] = [];
  const swappedSlotIds: string[] = [];
  /** The version a slot will have once written (SW-3 compares it): 2 for those swapped. */
  const versionOf = (slotId: string) => (swappedSlotIds.includes(slotId) ? 2 : 1);

  // 1. Approved: duty2 traded an evening with teacher401; both slots changed, approved by admin.
  {
    const asker = idOf("duty2");
    const counterpart = idOf("teacher401");
    const give = ahead("evening").find(
      (s) => s.staffIds.includes(asker) && !s.staffIds.includes(counterpart),
    );
    const take =
      give &&
      ahead("evening").find(
        (s) => s.date > give.date && s.staffIds.includes(counterpart) && !s.staffIds.includes(asker),
      );
    if (give && take) {
      const askedAt = hoursAgo(50);
      const swap: Swap = {
        id: newId(askedAt),
        askedBy: asker,
        counterpartId: counterpart,
        give: { slotId: give.id, version: 1 },
        take: { slotId: take.id, version: 1 },
        reason: "那天要带学生参加镇里的比赛",
        state: "approved",
        decidedBy: admin,
        history: [
          { at: askedAt.toISOString(), by: asker, step: "ask" },
          { at: hoursAgo(47).toISOString(), by: counterpart, step: "accept" },
          { at: hoursAgo(26).toISOString(), by: admin, step: "approve", note: "同意" },
        ],
      };
      const applied = applySwap(
        swap,
        { give: { slot: give, version: 1 }, take: { slot: take, version: 1 } },
        admin,
        hoursAgo(26).toISOString(),
        localDateOf(hoursAgo(26), tz),
      );
      if (!applied.ok) throw new Error(`demo roster: the approved swap does not apply: ${applied.reason}`);
      for (const s of applied.slots) {
        slots.set(s.id, s);
        swappedSlotIds.push(s.id);
      }
      swaps.push(swap);
    }
  }

  // 2. Asked, waiting for the colleague: duty3 asks duty1 (the README's duty login, who can
  // accept it on their phone) to cover an evening, with no slot back.
  {
    const asker = idOf("duty3");
    const counterpart = idOf("duty1");
    const give = ahead("evening").find(
      (s) => s.staffIds.includes(asker) && !s.staffIds.includes(counterpart),
    );
    if (give) {
      const askedAt = hoursAgo(3);
      swaps.push({
        id: newId(askedAt),
        askedBy: asker,
        counterpartId: counterpart,
        give: { slotId: give.id, version: versionOf(give.id) },
        take: null,
        reason: "孩子发烧，那天晚上需要回家照顾",
        state: "asked",
        decidedBy: null,
        history: [{ at: askedAt.toISOString(), by: asker, step: "ask" }],
      });
    }
  }

  // 3. Accepted, waiting for the admin's approval: two morning duties traded.
  {
    const asker = idOf("teacher201");
    const counterpart = idOf("duty5");
    const give = heldBy(asker, "morning");
    const take = give && heldBy(counterpart, "morning", give.date);
    if (give && take && !give.staffIds.includes(counterpart) && !take.staffIds.includes(asker)) {
      const askedAt = hoursAgo(20);
      swaps.push({
        id: newId(askedAt),
        askedBy: asker,
        counterpartId: counterpart,
        give: { slotId: give.id, version: versionOf(give.id) },
        take: { slotId: take.id, version: versionOf(take.id) },
        reason: "那天早上要去县里参加教研活动",
        state: "accepted",
        decidedBy: null,
        history: [
          { at: askedAt.toISOString(), by: asker, step: "ask" },
          { at: hoursAgo(18).toISOString(), by: counterpart, step: "accept", note: "可以" },
        ],
      });
    }
  }

  return {
    templates,
    slots: [...slots.values()],
    swappedSlotIds,
    swaps,
    timetables: demoTimetables(school),
  };
}

/**
 * Timetables of the first classes of grade 1 (一年级1班 is teacher101's): the class teacher takes
 * the first two periods, subject teachers the rest, so class time names a subject teacher.
 */
function demoTimetables(school: SchoolSeed): Timetable[] {
  const subjects = school.staff
    .filter((s) => s.login.startsWith("subject") && s.roles.includes("subject_teacher"))
    .map((s) => s.id as string);
  if (subjects.length === 0) return [];
  const periods = effectiveSettings(school.school.settings).periods.length;
  return school.classes.slice(0, TIMETABLE_CLASSES).map((cls, ci) => {
    const entries: TimetableEntry[] = [];
    for (let weekday = 1; weekday <= 5; weekday++)
      for (let period = 1; period <= periods; period++) {
        const own = OWN_PERIODS.has(period) && cls.classTeacherId !== null;
        const teacher = own
          ? (cls.classTeacherId as string)
          : (subjects[(ci * 7 + weekday * 3 + period) % subjects.length] as string);
        entries.push({ weekday: weekday as TimetableEntry["weekday"], period, subjectTeacherId: teacher });
      }
    return { id: cls.id, classId: cls.id, entries };
  });
}
