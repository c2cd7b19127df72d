import { describe, expect, it } from "vitest";
import type { Handover, HandoverKind } from "./handover.ts";
import type { Hazard } from "./hazard-machine.ts";
import type { RollCallException, RollCallGroup } from "./roll-call.ts";
import type { EducationRecord } from "./safety-education.ts";
import { atLocal, type SchoolCalendar, validateCalendar } from "./school-calendar.ts";
import {
  addAddendum,
  draftNumbers,
  mondayOf,
  SUMMARY_STATUS_LABELS,
  type SummaryAlert,
  type SummaryArea,
  type SummaryRound,
  type SummaryStatus,
  type SummaryStepOutcome,
  saveDraft,
  submitSummary,
  summaryDueAt,
  summaryStatus,
  type WeekInput,
  type WeeklySummary,
  type WeekNumbers,
  weeklySummaryId,
  weeksOfMonth,
} from "./weekly-summary.ts";

const TZ = "Asia/Shanghai";
/** A Shanghai wall-clock time as ISO (UTC+8 all year). */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

// The 2026 autumn term with 国庆节 and its make-up Saturday. The week under test,
// Monday 2026-10-05 .. Sunday 10-11: Mon–Wed are holiday, Thu and Fri are school days, and
// Saturday 10-10 is a make-up school day: three school days.
const CALENDAR: SchoolCalendar = {
  schoolDays: [1, 2, 3, 4, 5],
  terms: [{ id: "t1", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
  holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-07" }],
  makeUpDays: [{ date: "2026-10-10", followsWeekday: 5 }],
};
const WEEK = "2026-10-05";
const SUNDAY = "2026-10-11";
const CLASS = "c1";
const OTHER = "c2";

const AREAS: SummaryArea[] = [
  { id: "room-a", kind: "classroom", classId: CLASS },
  { id: "room-b", kind: "classroom", classId: CLASS },
  // The class's cleaning patch (包干区): its hazards count, it has no classroom rounds.
  { id: "patch-c1", kind: "campus", classId: CLASS },
  { id: "room-c", kind: "classroom", classId: OTHER },
  { id: "gate", kind: "perimeter", classId: null },
];

let roundSeq = 0;
const round = (areaId: string, date: string, r: SummaryRound["round"]): SummaryRound => ({
  id: `rd-${++roundSeq}`,
  areaId,
  date,
  round: r,
});
const allRounds = (areaId: string, date: string) =>
  (["morning", "noon", "evening"] as const).map((r) => round(areaId, date, r));

const ROUNDS: SummaryRound[] = [
  // room-a: every round of the three school days, one of them recorded twice.
  ...allRounds("room-a", "2026-10-08"),
  ...allRounds("room-a", "2026-10-09"),
  ...allRounds("room-a", "2026-10-10"),
  round("room-a", "2026-10-08", "morning"),
  // room-b: Thursday complete, Friday's noon missing, the make-up Saturday not checked.
  ...allRounds("room-b", "2026-10-08"),
  round("room-b", "2026-10-09", "morning"),
  round("room-b", "2026-10-09", "evening"),
  // Not due: a holiday, the previous week, the other class's classroom, a campus area.
  round("room-b", "2026-10-06", "noon"),
  round("room-b", "2026-09-30", "noon"),
  ...allRounds("room-c", "2026-10-09"),
  round("patch-c1", "2026-10-09", "noon"),
];

function hazard(
  id: string,
  areaId: string,
  foundAt: string,
  deadline: string,
  rectifiedAt: string | null = null,
): Hazard {
  return {
    id,
    areaId,
    place: "",
    severity: "general",
    description: id,
    photos: [],
    reportedBy: "u-report",
    foundAt,
    roundId: null,
    checklistItemId: null,
    state: rectifiedAt ? "rectified" : "assigned",
    assigneeId: "u-fix",
    deadline,
    deadlineSetBy: null,
    control: null,
    nightOwnerId: null,
    rectification: rectifiedAt
      ? { text: "修好了", photos: ["a".repeat(64)], by: "u-fix", at: rectifiedAt }
      : null,
    closedBy: null,
    closedAt: null,
    alertId: null,
    history: [],
  };
}

const HAZARDS: Hazard[] = [
  // 00:30 Monday in Shanghai is still Sunday in UTC: it belongs to this week. Rectified in time.
  hazard(
    "h-early",
    "room-a",
    sh("2026-10-05", "00:30"),
    sh("2026-10-08", "18:00"),
    sh("2026-10-08", "10:00"),
  ),
  // Rectified, but after its deadline: late.
  hazard("h-slow", "room-b", sh("2026-10-08", "08:00"), sh("2026-10-09", "08:00"), sh("2026-10-09", "15:00")),
  // Still open past its deadline at the end of the week: late.
  hazard("h-open-late", "patch-c1", sh("2026-10-09", "11:00"), sh("2026-10-10", "11:00")),
  // Open, deadline next week: neither rectified nor late.
  hazard("h-open", "room-a", sh("2026-10-10", "10:00"), sh("2026-10-17", "10:00")),
  // Not this class's, or not this week (23:30 Sunday before, Shanghai time).
  hazard("h-other", "room-c", sh("2026-10-08", "09:00"), sh("2026-10-08", "10:00")),
  hazard("h-gate", "gate", sh("2026-10-08", "09:00"), sh("2026-10-08", "10:00")),
  hazard("h-before", "room-a", sh("2026-10-04", "23:30"), sh("2026-10-05", "10:00")),
  hazard("h-after", "room-a", sh("2026-10-12", "08:00"), sh("2026-10-12", "10:00")),
];

// p1..p3 are the class's pupils; q1 is in the other class and sleeps in the same room.
const PUPILS = new Set(["p1", "p2", "p3"]);

function handover(
  date: string,
  kind: HandoverKind,
  group: RollCallGroup,
  exceptions: RollCallException[],
  given = true,
): Handover {
  const id = `${date}|${kind}|${group.kind === "class" ? `class:${group.classId}` : `room:${group.roomId}`}`;
  return {
    id,
    date,
    kind,
    group,
    give: given
      ? {
          by: "u-give",
          at: sh(date, kind === "dismissal" ? "16:40" : "20:40"),
          rollCall: { expected: ["p1", "p2", "p3", "q1"], onLeave: [], exceptions },
          presentCount: 4 - exceptions.length,
          receiverIds: [],
          mutationId: `m-${id}`,
        }
      : null,
    receive: null,
    state: "given",
    late: false,
    alertId: null,
    history: [],
  };
}
const classGroup: RollCallGroup = { kind: "class", classId: CLASS };
const roomGroup: RollCallGroup = { kind: "room", roomId: "r-301" };

const HANDOVERS: Handover[] = [
  // Bedtime listed first: the order of the records must not change the counts.
  handover("2026-10-08", "bedtime", roomGroup, [
    { pupilId: "p1", reason: "sick" }, // the same as at dismissal: counted once
    { pupilId: "q1", reason: "leave" }, // the other class's pupil
    { pupilId: "p3", reason: "unaccounted" },
  ]),
  handover("2026-10-08", "dismissal", classGroup, [
    { pupilId: "p1", reason: "sick" },
    { pupilId: "p2", reason: "picked_up", pickedUpBy: "父亲 王强", pickedUpAt: sh("2026-10-08", "16:35") },
  ]),
  handover("2026-10-09", "dismissal", classGroup, [{ pupilId: "p3", reason: "leave" }]),
  // Sick again the next day: another date, counted again.
  handover("2026-10-09", "bedtime", roomGroup, [{ pupilId: "p1", reason: "sick" }]),
  // Only the receiver's half so far: no roll call to count.
  handover("2026-10-10", "bedtime", roomGroup, [], false),
  // The week before and the week after.
  handover("2026-09-30", "dismissal", classGroup, [{ pupilId: "p1", reason: "sick" }]),
  handover("2026-10-12", "dismissal", classGroup, [{ pupilId: "p2", reason: "sick" }]),
];

const ALERTS: SummaryAlert[] = [
  { id: "al-p3", kind: "unaccounted_pupil", subjectId: "p3", raisedAt: sh("2026-10-08", "21:30") },
  { id: "al-q1", kind: "unaccounted_pupil", subjectId: "q1", raisedAt: sh("2026-10-08", "21:30") },
  { id: "al-hz", kind: "critical_hazard", subjectId: "p1", raisedAt: sh("2026-10-09", "09:00") },
  // 00:10 Monday 10-12 in Shanghai (still Sunday in UTC): next week's.
  { id: "al-next", kind: "unaccounted_pupil", subjectId: "p1", raisedAt: sh("2026-10-12", "00:10") },
  { id: "al-prev", kind: "unaccounted_pupil", subjectId: "p2", raisedAt: sh("2026-10-04", "20:00") },
];

const lesson = (id: string, classId: string, date: string): EducationRecord => ({
  id,
  kind: "weeklyLesson",
  date,
  classId,
  topic: "防溺水",
  note: "",
  photos: [],
  recordedBy: "u-teacher",
  recordedAt: sh(date, "15:00"),
});
const EDUCATION: EducationRecord[] = [
  lesson("ed-c2", OTHER, "2026-10-08"),
  lesson("ed-c1", CLASS, "2026-10-09"),
];

const input = (over: Partial<WeekInput> = {}): WeekInput => ({
  classId: CLASS,
  weekStart: WEEK,
  asOf: SUNDAY,
  asOfEnd: atLocal("2026-10-12", 0, TZ),
  calendar: CALENDAR,
  timeZone: TZ,
  areas: AREAS,
  rounds: ROUNDS,
  hazards: HAZARDS,
  handovers: HANDOVERS,
  pupilIds: PUPILS,
  alerts: ALERTS,
  education: EDUCATION,
  ...over,
});

describe("[WS-1] the draft's numbers for a class and a school week", () => {
  it("fixture: the calendar is valid and the week is 国庆节 with a make-up Saturday", () => {
    expect(validateCalendar(CALENDAR)).toEqual([]);
    expect(mondayOf(SUNDAY)).toBe(WEEK);
    expect(mondayOf("2026-10-10")).toBe(WEEK);
    expect(mondayOf(WEEK)).toBe(WEEK);
  });

  it("WS-1 rounds: due = school days (holiday out, make-up day in) × 3 rounds × 2 classrooms; done counts one record per area/date/round", () => {
    const n = draftNumbers(input());
    // 10-08, 10-09 and the make-up 10-10: 3 days × 3 rounds × 2 classrooms.
    expect(n.rounds.due).toBe(18);
    // room-a 9 (its double record counts once), room-b 3 + 2; the holiday's and the previous
    // week's records, the other class's classroom and the campus patch add nothing.
    expect(n.rounds.done).toBe(14);
    expect([...n.rounds.missed].sort()).toEqual([
      "room-b|2026-10-09|noon",
      "room-b|2026-10-10|evening",
      "room-b|2026-10-10|morning",
      "room-b|2026-10-10|noon",
    ]);
    expect(n.rounds.done + n.rounds.missed.length).toBe(n.rounds.due);
  });

  it("WS-1 rounds (RD-6): a round done before its window opens does not count, unless the school allows it", () => {
    // room-b's Friday noon, missing above, recorded at 08:10 that morning: early.
    const early: SummaryRound = { ...round("room-b", "2026-10-09", "noon"), timing: "early" };
    const rounds = [...ROUNDS, early];
    const strict = draftNumbers(input({ rounds }));
    expect(strict.rounds.done).toBe(14);
    expect(strict.rounds.missed).toContain("room-b|2026-10-09|noon");
    const allowing = draftNumbers(input({ rounds, calendar: { ...CALENDAR, allowEarlyRounds: true } }));
    expect(allowing.rounds.done).toBe(15);
    expect(allowing.rounds.missed).not.toContain("room-b|2026-10-09|noon");
    // A late one counts (RD-3).
    const late = draftNumbers(input({ rounds: [...ROUNDS, { ...early, timing: "late" }] }));
    expect(late.rounds.done).toBe(15);
  });

  it("WS-1 rounds: a week cut by a holiday counts only its school days; a week all holiday has nothing due", () => {
    const n = draftNumbers(input({ weekStart: "2026-09-28", asOf: "2026-10-04" }));
    // 09-28..09-30 are school days, 10-01..10-04 holiday: 3 × 3 × 2, none recorded but one.
    expect(n.rounds.due).toBe(18);
    expect(n.rounds.done).toBe(1); // room-b noon on 09-30
    const holidayOnly: SchoolCalendar = {
      ...CALENDAR,
      holidays: [{ name: "国庆节", start: "2026-10-05", end: "2026-10-11" }],
      makeUpDays: [],
    };
    const none = draftNumbers(input({ calendar: holidayOnly }));
    expect(none.rounds).toEqual({ due: 0, done: 0, missed: [] });
  });

  it("WS-1 hazards: found in the class's areas that week (school time zone), of them rectified, and late incl. one still open past its deadline", () => {
    const n = draftNumbers(input());
    expect([...n.hazards.found].sort()).toEqual(["h-early", "h-open", "h-open-late", "h-slow"]);
    expect([...n.hazards.rectified].sort()).toEqual(["h-early", "h-slow"]);
    expect([...n.hazards.late].sort()).toEqual(["h-open-late", "h-slow"]);
  });

  it("WS-1 hazards: an open hazard is late only once its deadline has passed by asOfEnd", () => {
    // Seen on Friday evening: h-open-late's deadline (Saturday 11:00) has not passed yet.
    const n = draftNumbers(input({ asOf: "2026-10-09", asOfEnd: atLocal("2026-10-10", 0, TZ) }));
    expect([...n.hazards.found].sort()).toEqual(["h-early", "h-open-late", "h-slow"]);
    expect(n.hazards.late).toEqual(["h-slow"]);
  });

  it("WS-1 exceptions: one per pupil, date and reason across dismissal and bedtime roll calls; other classes' pupils ignored", () => {
    const n = draftNumbers(input());
    expect(n.exceptions).toEqual({ leave: 1, sick: 2, picked_up: 1, unaccounted: 1 });
    const list = n.exceptionList.map((e) => `${e.date} ${e.pupilId} ${e.reason}`).sort();
    expect(list).toEqual([
      "2026-10-08 p1 sick",
      "2026-10-08 p2 picked_up",
      "2026-10-08 p3 unaccounted",
      "2026-10-09 p1 sick",
      "2026-10-09 p3 leave",
    ]);
    // Each names the hand-over it came from.
    const unaccounted = n.exceptionList.find((e) => e.reason === "unaccounted");
    expect(unaccounted?.handoverId).toBe("2026-10-08|bedtime|room:r-301");
    const leave = n.exceptionList.find((e) => e.reason === "leave");
    expect(leave?.handoverId).toBe("2026-10-09|dismissal|class:c1");
    // The counts agree with the list.
    const total = Object.values(n.exceptions).reduce((a, b) => a + b, 0);
    expect(total).toBe(n.exceptionList.length);
  });

  it("WS-1 exceptions: the same counts whatever order the hand-overs arrive in", () => {
    const forward = draftNumbers(input());
    const backward = draftNumbers(input({ handovers: [...HANDOVERS].reverse() }));
    expect(backward.exceptions).toEqual(forward.exceptions);
    expect(backward.exceptionList.length).toBe(forward.exceptionList.length);
  });

  it("WS-1 unaccounted: the week's unaccounted-pupil alerts of the class's pupils (school time zone)", () => {
    expect(draftNumbers(input()).unaccounted).toEqual(["al-p3"]);
  });

  it("WS-1 lesson: the class's own weekly lesson of the week is held; another class's is not", () => {
    expect(draftNumbers(input()).lesson).toEqual({ held: true, recordId: "ed-c1" });
    const onlyOther = draftNumbers(input({ education: [lesson("ed-c2", OTHER, "2026-10-08")] }));
    expect(onlyOther.lesson).toEqual({ held: false, recordId: null });
    const lastWeek = draftNumbers(input({ education: [lesson("ed-old", CLASS, "2026-09-30")] }));
    expect(lastWeek.lesson.held).toBe(false);
  });

  it("WS-1 lesson: agrees with the safety-education calendar (ED-2: dated inside the week's school days)", () => {
    // 10-06 is 国庆节: a lesson dated on the holiday does not fill the week's duty
    // (window 10-08..10-10), so the summary must not call it held either.
    const onHoliday = draftNumbers(input({ education: [lesson("ed-hol", CLASS, "2026-10-06")] }));
    expect(onHoliday.lesson.held).toBe(false);
    const onMakeUp = draftNumbers(input({ education: [lesson("ed-sat", CLASS, "2026-10-10")] }));
    expect(onMakeUp.lesson).toEqual({ held: true, recordId: "ed-sat" });
    // Two lessons in the week: the earlier one is cited, as the calendar cites it.
    const two = draftNumbers(
      input({ education: [lesson("ed-2", CLASS, "2026-10-09"), lesson("ed-1", CLASS, "2026-10-08")] }),
    );
    expect(two.lesson.recordId).toBe("ed-1");
  });

  it("WS-1 asOf: counted up to asOf while the week runs, and never past its Sunday", () => {
    const thursday = draftNumbers(input({ asOf: "2026-10-08", asOfEnd: atLocal("2026-10-09", 0, TZ) }));
    expect(thursday.asOf).toBe("2026-10-08");
    expect(thursday.rounds).toEqual({ due: 6, done: 6, missed: [] });
    expect(thursday.exceptions).toEqual({ leave: 0, sick: 1, picked_up: 1, unaccounted: 1 });
    expect(thursday.unaccounted).toEqual(["al-p3"]);
    expect([...thursday.hazards.found].sort()).toEqual(["h-early", "h-slow"]);

    const later = draftNumbers(input({ asOf: "2026-10-20", asOfEnd: atLocal("2026-10-21", 0, TZ) }));
    expect(later.asOf).toBe(SUNDAY);
    expect(later.rounds.due).toBe(18);
    expect(later.hazards.found).not.toContain("h-after");
    expect(later.exceptionList.map((e) => e.date)).not.toContain("2026-10-12");
  });
});

// ── WS-2 ────────────────────────────────────────────────────────────────────────────────
const ID = weeklySummaryId(WEEK, CLASS);
const NUMBERS: WeekNumbers = draftNumbers(input());
const LATER_NUMBERS: WeekNumbers = { ...NUMBERS, rounds: { due: 18, done: 18, missed: [] } };
const args = (text: string, numbers = NUMBERS) => ({
  id: ID,
  classId: CLASS,
  weekStart: WEEK,
  text,
  numbers,
});

function applied(o: SummaryStepOutcome): WeeklySummary {
  if (o.outcome !== "applied") throw new Error(`expected applied, got refused: ${o.message}`);
  return o.summary;
}
function refused(o: SummaryStepOutcome): string {
  if (o.outcome !== "refused") throw new Error("expected refused, got applied");
  return o.message;
}

describe("[WS-2] save, submit, addendum", () => {
  it("WS-2 the id is weekStart|classId", () => {
    expect(ID).toBe("2026-10-05|c1");
  });

  it("WS-2 a draft saves the words and the numbers, and saves again", () => {
    const first = applied(saveDraft(undefined, args("本周平稳"), "u-teacher", sh("2026-10-09", "17:00")));
    expect(first).toMatchObject({
      id: ID,
      classId: CLASS,
      weekStart: WEEK,
      text: "本周平稳",
      state: "draft",
      numbers: NUMBERS,
      savedBy: "u-teacher",
      savedAt: sh("2026-10-09", "17:00"),
      submittedBy: null,
      submittedAt: null,
      addenda: [],
    });
    const second = applied(
      saveDraft(
        first,
        args("本周平稳，周五一处隐患逾期", LATER_NUMBERS),
        "u-admin",
        sh("2026-10-10", "09:00"),
      ),
    );
    expect(second.text).toBe("本周平稳，周五一处隐患逾期");
    expect(second.numbers).toEqual(LATER_NUMBERS);
    expect(second.savedBy).toBe("u-admin");
    expect(second.state).toBe("draft");
    expect(first.text).toBe("本周平稳"); // the earlier value is not mutated
  });

  it("WS-2 submit freezes the words and the numbers as they stood", () => {
    const draft = applied(saveDraft(undefined, args("草稿"), "u-teacher", sh("2026-10-09", "17:00")));
    const submitted = applied(submitSummary(draft, args("定稿"), "u-teacher", sh("2026-10-11", "20:00")));
    expect(submitted).toMatchObject({
      state: "submitted",
      text: "定稿",
      numbers: NUMBERS,
      submittedBy: "u-teacher",
      submittedAt: sh("2026-10-11", "20:00"),
    });
    // Newer numbers (a round recorded late) cannot change what was signed.
    const msg = refused(
      saveDraft(submitted, args("改一下", LATER_NUMBERS), "u-teacher", sh("2026-10-12", "08:00")),
    );
    expect(msg).toContain("已提交");
    expect(msg).toContain("addendum");
    expect(submitted.numbers).toEqual(NUMBERS);
    expect(submitted.text).toBe("定稿");
  });

  it("WS-2 submitting with no draft saved first is allowed", () => {
    const submitted = applied(
      submitSummary(undefined, args("直接提交"), "u-teacher", sh("2026-10-11", "20:00")),
    );
    expect(submitted.state).toBe("submitted");
    expect(submitted.savedAt).toBe(sh("2026-10-11", "20:00"));
  });

  it("WS-2 submitting twice is refused, naming when it was submitted", () => {
    const submitted = applied(
      submitSummary(undefined, args("第一次"), "u-teacher", sh("2026-10-11", "20:00")),
    );
    const msg = refused(
      submitSummary(submitted, args("第二次", LATER_NUMBERS), "u-admin", sh("2026-10-11", "21:00")),
    );
    expect(msg).toContain(sh("2026-10-11", "20:00"));
    expect(msg).toContain("already submitted");
    expect(submitted.text).toBe("第一次");
    expect(submitted.submittedBy).toBe("u-teacher");
  });

  it("WS-2 an addendum only after submission, appended in order, leaving words and numbers as signed", () => {
    expect(refused(addAddendum(undefined, "补充", "u-teacher", sh("2026-10-10", "09:00")))).toContain(
      "submit",
    );
    const draft = applied(saveDraft(undefined, args("草稿"), "u-teacher", sh("2026-10-09", "17:00")));
    expect(refused(addAddendum(draft, "补充", "u-teacher", sh("2026-10-10", "09:00")))).toContain("请先提交");

    const submitted = applied(submitSummary(draft, args("定稿"), "u-teacher", sh("2026-10-11", "20:00")));
    const one = applied(addAddendum(submitted, "周日晚补查教室B", "u-teacher", sh("2026-10-12", "08:00")));
    const two = applied(addAddendum(one, "已家访", "u-admin", sh("2026-10-13", "08:00")));
    expect(two.addenda).toEqual([
      { at: sh("2026-10-12", "08:00"), by: "u-teacher", text: "周日晚补查教室B" },
      { at: sh("2026-10-13", "08:00"), by: "u-admin", text: "已家访" },
    ]);
    expect(two.state).toBe("submitted");
    expect(two.text).toBe("定稿");
    expect(two.numbers).toEqual(NUMBERS);
    expect(two.submittedAt).toBe(sh("2026-10-11", "20:00"));
    expect(submitted.addenda).toEqual([]);
  });
});

// ── WS-3 ────────────────────────────────────────────────────────────────────────────────
describe("[WS-3] due time and status", () => {
  const due = summaryDueAt(WEEK, TZ);

  it("WS-3 a week's summary is due at the next Monday 00:00 Asia/Shanghai", () => {
    expect(due.toISOString()).toBe("2026-10-11T16:00:00.000Z");
    expect(due.toISOString()).toBe(sh("2026-10-12", "00:00"));
  });

  const submittedAt = (at: string) => ({ state: "submitted" as const, submittedAt: at });
  const cases: [string, Parameters<typeof summaryStatus>[0], string, SummaryStatus][] = [
    [
      "submitted on Sunday evening",
      submittedAt(sh("2026-10-11", "23:59")),
      sh("2026-10-20", "09:00"),
      "submitted",
    ],
    [
      "submitted on Friday, seen before the due time",
      submittedAt(sh("2026-10-09", "17:00")),
      sh("2026-10-10", "09:00"),
      "submitted",
    ],
    [
      "submitted a minute after Monday 00:00",
      submittedAt(sh("2026-10-12", "00:01")),
      sh("2026-10-12", "09:00"),
      "submitted_late",
    ],
    [
      "a draft before the due time",
      { state: "draft", submittedAt: null },
      sh("2026-10-10", "09:00"),
      "draft",
    ],
    [
      "a draft after the due time (started, still not submitted)",
      { state: "draft", submittedAt: null },
      sh("2026-10-13", "09:00"),
      "draft",
    ],
    ["nothing, during the week", undefined, sh("2026-10-09", "09:00"), "not_due"],
    ["nothing, a minute before the due time", undefined, sh("2026-10-11", "23:59"), "not_due"],
    ["nothing, at Monday 00:00", undefined, sh("2026-10-12", "00:00"), "missing"],
    ["nothing, days later", undefined, sh("2026-10-20", "09:00"), "missing"],
  ];
  for (const [what, summary, now, status] of cases)
    it(`WS-3 ${what} → ${status}`, () => {
      expect(summaryStatus(summary, WEEK, new Date(now), TZ)).toBe(status);
    });

  it("WS-3 every status has a Chinese and an English label", () => {
    for (const s of ["submitted", "submitted_late", "draft", "not_due", "missing"] as const) {
      expect(SUMMARY_STATUS_LABELS[s].zh).toMatch(/\p{Script=Han}/u);
      expect(SUMMARY_STATUS_LABELS[s].en.length).toBeGreaterThan(0);
    }
  });
});

describe("weeksOfMonth: a month's school weeks, each belonging to the month of its Monday", () => {
  const TERM_CAL: SchoolCalendar = {
    ...CALENDAR,
    holidays: [
      { name: "国庆节", start: "2026-10-01", end: "2026-10-07" },
      { name: "元旦", start: "2027-01-01", end: "2027-01-03" },
    ],
  };

  it("the term's first week (Monday 08-31) belongs to August, so September starts at 09-07", () => {
    expect(weeksOfMonth("2026-08", TERM_CAL)).toEqual(["2026-08-31"]);
    expect(weeksOfMonth("2026-09", TERM_CAL)).toEqual([
      "2026-09-07",
      "2026-09-14",
      "2026-09-21",
      "2026-09-28",
    ]);
  });

  it("a week with a holiday and a make-up day still counts; a week after the term ends does not", () => {
    expect(weeksOfMonth("2026-10", TERM_CAL)).toEqual([
      "2026-10-05",
      "2026-10-12",
      "2026-10-19",
      "2026-10-26",
    ]);
    expect(weeksOfMonth("2027-01", TERM_CAL)).toEqual(["2027-01-04", "2027-01-11", "2027-01-18"]);
    expect(weeksOfMonth("2027-02", TERM_CAL)).toEqual([]);
  });

  it("a week that is all holiday is not a school week", () => {
    const closed: SchoolCalendar = {
      ...TERM_CAL,
      holidays: [{ name: "停课", start: "2026-11-09", end: "2026-11-15" }],
    };
    expect(weeksOfMonth("2026-11", closed)).toEqual(["2026-11-02", "2026-11-16", "2026-11-23", "2026-11-30"]);
  });
});
