// The demo school's safety education and weekly class summaries (issue #7 §1, §3), so /education
// and /summaries are not empty on first start. Safety education for the current term up to
// yesterday: the start-of-term lecture, one of the two large lectures, each month's theme and
// each finished month's bulletin, and the weekly lesson of most classes in most weeks (a few
// missed, so the calendar shows red). Weekly summaries for the complete school weeks the demo's
// rounds, hazards and hand-overs cover (the last two): their numbers are the domain's own
// draftNumbers() over those records, so they agree with what a phone would draft; most classes
// submitted, a few drafts and a few missing in the last week (with the admin's reminder to them),
// one submitted late and one with an addendum the week before. The month's commendation (§2):
// for last month the admin has marked two classes commended and four class teachers have named
// their safety guardians; this month one class has. A seeded PRNG makes a fixed `now` give the
// same records every time.
import { ulid } from "ulidx";
import {
  addMonths,
  type Commendation,
  commendationId,
  markCommended,
  monthOf,
  nameGuardians,
} from "../../domain/commendation.ts";
import type { Handover } from "../../domain/handover.ts";
import type { Hazard } from "../../domain/hazard-machine.ts";
import {
  type EducationKind,
  type EducationRecord,
  mondayOf,
  termDuties,
} from "../../domain/safety-education.ts";
import {
  addDays,
  atLocal,
  datesBetween,
  isSchoolDay,
  type LocalDate,
  localDateOf,
  termOf,
} from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import {
  draftNumbers,
  type SummaryAlert,
  summaryDueAt,
  type WeeklySummary,
  type WeekNumbers,
  weeklySummaryId,
} from "../../domain/weekly-summary.ts";
import type { RoundRecord } from "../../protocol/safety.ts";
import type { SummaryReminder } from "../../protocol/summary.ts";
import { DEMO_ACTIVITY_DAYS } from "./demo-activity.ts";
import { DEMO_HANDOVER_DAYS } from "./demo-handovers.ts";
import { Dice, mulberry32, type SchoolSeed } from "./demo-school.ts";

export interface DemoSummaries {
  education: EducationRecord[];
  summaries: WeeklySummary[];
  reminders: SummaryReminder[];
  commendations: Commendation[];
}

/** What the summaries are drafted from: the demo's own records (demo-activity, demo-handovers). */
export interface DemoRecords {
  rounds: readonly RoundRecord[];
  hazards: readonly Hazard[];
  handovers: readonly Handover[];
  alerts: readonly SummaryAlert[];
}

/** How often a class's weekly lesson was not held in a past week. */
const LESSON_MISS_CHANCE = 0.07;

const LESSON_TOPICS = [
  "防溺水安全教育：不私自下河游泳",
  "交通安全：上下学走人行道，过马路看红绿灯",
  "防火安全与火场逃生",
  "食品安全：不买校门口的三无零食",
  "防欺凌：遇到欺负要告诉老师和家长",
  "课间活动安全：不追逐打闹",
  "用电安全：不碰插座和电线",
  "防拐骗：不跟陌生人走",
  "上下楼梯靠右行，不推不挤",
  "宿舍安全与就寝纪律",
  "冬季防寒防滑",
  "预防传染病：勤洗手、多通风",
  "地震来了怎么办",
  "校车安全：系好安全带",
];
const THEMES: Record<string, string> = {
  "01": "寒假安全与春节防火",
  "02": "开学收心与校园安全",
  "03": "交通安全月",
  "04": "防溺水教育",
  "05": "防灾减灾",
  "06": "暑期防溺水",
  "07": "暑期安全",
  "08": "开学安全",
  "09": "交通安全与校车安全",
  "10": "消防安全",
  "11": "消防安全月（11·9 消防日）",
  "12": "冬季防寒、用电安全",
};
const BULLETIN_NOTES = ["各班板报已检查评比", "板报已拍照存档", "德育处组织检查，一二年级由老师协助完成"];
const GOOD_NOTES = [
  "学生课间追逐打闹的现象比上周少了。",
  "放学路队整齐，家长接送秩序良好。",
  "住宿生就寝纪律较好，下周继续保持。",
  "班干部每天检查门窗电源，做得认真。",
  "提醒学生天冷多穿衣，注意饮食卫生。",
];
const ADDENDUM = "补充：周五放学后发现教室后门门锁松动，已报总务处，周一已修好。";

export function buildDemoSummaries(seed: SchoolSeed, now: Date, records: DemoRecords): DemoSummaries {
  const settings = effectiveSettings(seed.school.settings);
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const term = termOf(today, settings);
  const commendations = buildDemoCommendations(seed, now);
  if (!term) return { education: [], summaries: [], reminders: [], commendations };
  const dice = new Dice(mulberry32(0x6_1e55_07));
  const idPrng = mulberry32(0x5afe_0007);
  const newId = (at: Date) => ulid(at.getTime(), idPrng);
  const at = (date: LocalDate, hour: number, minute = 0) => atLocal(date, hour * 60 + minute, tz);
  const byLogin = new Map(seed.staff.map((s) => [s.login, s.id as string]));
  const admin = byLogin.get("admin") as string;
  const principal = byLogin.get("principal") ?? admin;
  const moral = byLogin.get("moral") ?? admin;
  const classes = [...seed.classes].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name));

  // ── 六个一: the term up to yesterday ──────────────────────────────────────────────────────
  const education: EducationRecord[] = [];
  const record = (
    kind: EducationKind,
    date: LocalDate,
    by: string,
    topic: string,
    note = "",
    classId: string | null = null,
  ) => {
    const recordedAt = new Date(at(date, 16, dice.int(0, 50)).getTime());
    education.push({
      id: newId(recordedAt),
      kind,
      date,
      classId,
      topic,
      note,
      photos: [],
      recordedBy: by,
      recordedAt: recordedAt.toISOString(),
    });
  };
  const duties = termDuties(
    term,
    settings,
    classes.map((c) => c.id),
  );
  const past = (d: LocalDate) => d < today;
  for (const duty of duties) {
    if (!past(duty.from)) continue;
    switch (duty.kind) {
      case "termStartLecture":
        record(
          duty.kind,
          duty.from,
          principal,
          "开学安全第一课：安全在我心中",
          "全校师生在操场集中，校长主讲",
        );
        break;
      case "monthlyTheme":
        record(
          duty.kind,
          duty.from,
          moral,
          THEMES[duty.about.slice(5, 7)] ?? "校园安全",
          "国旗下讲话公布本月主题",
        );
        break;
      case "monthlyBulletin":
        // A bulletin is judged at the end of its month: only finished months have one.
        if (past(duty.to))
          record(
            duty.kind,
            duty.to,
            moral,
            `${THEMES[duty.about.slice(5, 7)] ?? "安全"}板报`,
            dice.pick(BULLETIN_NOTES),
          );
        break;
      case "largeLecture":
        // The first of the two, about four weeks in; the second is still to come.
        if (duty.key.endsWith("|1")) {
          const date = datesBetween(addDays(duty.from, 28), today).find(
            (d) => isSchoolDay(d, settings) && past(d),
          );
          if (date)
            record(duty.kind, date, moral, "防溺水专题讲座", "邀请镇派出所民警到校讲座，四至六年级参加");
        }
        break;
      case "weeklyLesson": {
        // The class meeting (班会) on the week's first school day, sometimes a day later.
        const days = datesBetween(duty.from, duty.to).filter((d) => isSchoolDay(d, settings) && past(d));
        const isThisWeek = duty.to >= today;
        if (days.length === 0 || dice.chance(isThisWeek ? 0.4 : LESSON_MISS_CHANCE)) break;
        const cls = classes.find((c) => c.id === duty.classId);
        if (!cls?.classTeacherId) break;
        const date = days[dice.chance(0.8) ? 0 : Math.min(1, days.length - 1)] as LocalDate;
        record(duty.kind, date, cls.classTeacherId, dice.pick(LESSON_TOPICS), "", cls.id);
        break;
      }
      default:
        break;
    }
  }

  // ── weekly summaries: the complete weeks the demo's records cover ─────────────────────────
  const covered = addDays(today, -(Math.min(DEMO_ACTIVITY_DAYS, DEMO_HANDOVER_DAYS) - 1));
  const weeks: LocalDate[] = [];
  for (let monday = addDays(mondayOf(today), -7); monday >= covered; monday = addDays(monday, -7))
    if (datesBetween(monday, addDays(monday, 6)).some((d) => isSchoolDay(d, settings))) weeks.unshift(monday);
  const areas = seed.areas.map((a) => ({ id: a.id as string, kind: a.kind as string, classId: a.classId }));
  const rounds = records.rounds.map((r) => ({ id: r.id, areaId: r.areaId, round: r.round, date: r.date }));
  const pupilsOf = new Map<string, Set<string>>();
  for (const p of seed.pupils) {
    const set = pupilsOf.get(p.classId) ?? new Set<string>();
    set.add(p.id);
    pupilsOf.set(p.classId, set);
  }
  const numbersOf = (classId: string, weekStart: LocalDate): WeekNumbers =>
    draftNumbers({
      classId,
      weekStart,
      asOf: addDays(weekStart, 6),
      asOfEnd: summaryDueAt(weekStart, tz),
      calendar: settings,
      timeZone: tz,
      areas,
      rounds,
      hazards: records.hazards,
      handovers: records.handovers,
      pupilIds: pupilsOf.get(classId) ?? new Set(),
      alerts: records.alerts,
      education,
    });

  const summaries: WeeklySummary[] = [];
  const reminders: SummaryReminder[] = [];
  const last = weeks[weeks.length - 1];
  for (const weekStart of weeks) {
    const isLast = weekStart === last;
    const taught = classes.filter((c) => c.classTeacherId);
    const order = dice.shuffle(taught.map((c) => c.id));
    // The last week: three drafts, three missing; the week before: one late, one with an addendum.
    const drafts = new Set(isLast ? order.slice(0, 3) : []);
    const missing = new Set(isLast ? order.slice(3, 6) : []);
    const late = isLast ? undefined : order[0];
    const withAddendum = isLast ? undefined : order[1];
    const friday = addDays(weekStart, 4);
    for (const cls of taught) {
      if (missing.has(cls.id)) continue;
      const by = cls.classTeacherId as string;
      const numbers = numbersOf(cls.id, weekStart);
      const text = summaryText(numbers, dice);
      if (drafts.has(cls.id)) {
        const savedAt = at(friday, 17, dice.int(0, 59)).toISOString();
        summaries.push(summary(weekStart, cls.id, text, numbers, by, savedAt, null, []));
        continue;
      }
      const submitted =
        cls.id === late
          ? at(addDays(weekStart, 7), 9, dice.int(5, 50))
          : at(addDays(weekStart, dice.int(4, 6)), dice.int(16, 21), dice.int(0, 59));
      const addenda =
        cls.id === withAddendum
          ? [{ at: at(addDays(weekStart, 7), 12, 10).toISOString(), by, text: ADDENDUM }]
          : [];
      summaries.push(
        summary(
          weekStart,
          cls.id,
          text,
          numbers,
          by,
          submitted.toISOString(),
          submitted.toISOString(),
          addenda,
        ),
      );
    }
    if (isLast) {
      // Monday morning the admin reminds whoever has not submitted (never after `now`).
      const due = summaryDueAt(weekStart, tz).getTime();
      const sentAt = new Date(
        Math.max(due + 60_000, Math.min(due + 8.5 * 3_600_000, now.getTime() - 60_000)),
      );
      reminders.push({
        id: newId(sentAt),
        weekStart,
        classIds: order.slice(0, 6),
        note: "请还没有提交上周安全小结的班主任今天提交",
        sentBy: admin,
        sentAt: sentAt.toISOString(),
      });
    }
  }
  return { education, summaries, reminders, commendations };
}

const CITATIONS = [
  "本月教室三查天天按时做，发现的隐患当天报修，班级安全工作扎实。",
  "住宿生交接清楚、零失联，每周安全课按时上，班干部认真检查门窗电源。",
  "安全小结按时提交，隐患整改及时，学生课间文明活动。",
];

/**
 * The month's commendation (CM-1..5) as the admin and class teachers would have left it by `now`:
 * last month two classes commended (at the month's end, after the ranking) and four classes'
 * guardians named, two of them the commended ones; this month one class's guardians so far.
 * Records are built with the domain's own markCommended / nameGuardians.
 */
export function buildDemoCommendations(seed: SchoolSeed, now: Date): Commendation[] {
  const tz = effectiveSettings(seed.school.settings).timeZone;
  const today = localDateOf(now, tz);
  const thisMonth = monthOf(today);
  const lastMonth = addMonths(thisMonth, -1);
  const lastDay = addDays(`${thisMonth}-01`, -1);
  const dice = new Dice(mulberry32(0xc0_33e7_d));
  const at = (date: LocalDate, hour: number, minute: number) => atLocal(date, hour * 60 + minute, tz);
  const admin = seed.staff.find((s) => s.login === "admin")?.id as string;
  const classes = [...seed.classes]
    .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name))
    .filter((c) => c.classTeacherId && seed.pupils.some((p) => p.classId === c.id));
  const pupilsOf = (classId: string) => seed.pupils.filter((p) => p.classId === classId).map((p) => p.id);
  const order = dice.shuffle(classes);
  const records = new Map<string, Commendation>();
  const name = (month: string, cls: (typeof classes)[number], when: Date) => {
    const pupilIds = dice.shuffle(pupilsOf(cls.id)).slice(0, dice.int(2, 3));
    const id = commendationId(month, cls.id);
    records.set(
      id,
      nameGuardians(
        records.get(id),
        { month, classId: cls.id, pupilIds },
        cls.classTeacherId as string,
        when.toISOString(),
      ),
    );
  };

  // Last month: the class teachers name their guardians in the month's last afternoon …
  for (const cls of order.slice(0, 4)) name(lastMonth, cls, at(lastDay, 15, dice.int(0, 59)));
  // … and the admin marks two of those classes after the ranking, that evening.
  order.slice(0, 2).forEach((cls, i) => {
    const id = commendationId(lastMonth, cls.id);
    const mark = { month: lastMonth, classId: cls.id, commended: true, citation: CITATIONS[i] as string };
    records.set(id, markCommended(records.get(id), mark, admin, at(lastDay, 17, 10 + i * 5).toISOString()));
  });
  // This month one class teacher has named them already: at noon today, or just before `now`
  // (never before the month began).
  const monthStart = at(`${thisMonth}-01`, 0, 0).getTime();
  const namedAt = Math.max(monthStart, Math.min(at(today, 12, 0).getTime(), now.getTime() - 60_000));
  const early = order[4];
  if (early) name(thisMonth, early, new Date(namedAt));
  return [...records.values()];
}

function summary(
  weekStart: LocalDate,
  classId: string,
  text: string,
  numbers: WeekNumbers,
  by: string,
  savedAt: string,
  submittedAt: string | null,
  addenda: WeeklySummary["addenda"],
): WeeklySummary {
  return {
    id: weeklySummaryId(weekStart, classId),
    classId,
    weekStart,
    text,
    state: submittedAt ? "submitted" : "draft",
    numbers,
    savedBy: by,
    savedAt,
    submittedBy: submittedAt ? by : null,
    submittedAt,
    addenda,
  };
}

/** A class teacher's words: a line or two that agree with the week's numbers. */
function summaryText(n: WeekNumbers, dice: Dice): string {
  const missed = n.rounds.due - n.rounds.done;
  const parts = [
    missed > 0 ? `本周教室巡查漏了 ${missed} 次，已提醒值日班干部。` : "本周教室巡查都按时做了。",
    n.hazards.found.length > 0
      ? `发现隐患 ${n.hazards.found.length} 处，已整改 ${n.hazards.rectified.length} 处。`
      : "",
    n.exceptions.sick > 0 ? `有 ${n.exceptions.sick} 人次生病，已通知家长。` : "",
    n.lesson.held ? "安全课已按时上。" : "本周安全课没上成，下周补上。",
    dice.pick(GOOD_NOTES),
  ];
  return parts.filter(Boolean).join("");
}
