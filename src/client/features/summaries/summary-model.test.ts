// The summary page's model: which week and class a link opens, who may write, and the week's
// numbers from a fixed set of records through numbersFor() (WS-1) with the records behind them.
import { describe, expect, it } from "vitest";
import type { Handover } from "../../../domain/handover.ts";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import type { EducationRecord } from "../../../domain/safety-education.ts";
import type { SchoolCalendar } from "../../../domain/school-calendar.ts";
import type { SummaryAlert, SummaryArea, SummaryRound } from "../../../domain/weekly-summary.ts";
import {
  canWriteSummary,
  chooseClass,
  classesFor,
  exceptionsOf,
  exceptionTotal,
  lastCompleteWeek,
  missedSlots,
  numbersFor,
  recentWeeks,
  summaryLink,
  type WeekRecords,
  weekAsOf,
  weekOfParam,
} from "./summary-model.ts";

const TZ = "Asia/Shanghai";
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const CALENDAR: SchoolCalendar = { schoolDays: [1, 2, 3, 4, 5] };
// Monday 2026-11-23 .. Sunday 11-29, five school days.
const WEEK = "2026-11-23";

const AREAS: SummaryArea[] = [
  { id: "room-1", kind: "classroom", classId: "c1" },
  { id: "patch-1", kind: "campus", classId: "c1" },
  { id: "room-2", kind: "classroom", classId: "c2" },
];

const all = (areaId: string, date: string): SummaryRound[] =>
  (["morning", "noon", "evening"] as const).map((round) => ({
    id: `${areaId}${date}${round}`,
    areaId,
    date,
    round,
  }));

function hazard(id: string, areaId: string, foundAt: Date, deadline: Date, rectifiedAt: Date | null): Hazard {
  return {
    id,
    areaId,
    place: "",
    severity: "general",
    description: id,
    photos: [],
    reportedBy: "u",
    foundAt: foundAt.toISOString(),
    roundId: null,
    checklistItemId: null,
    state: rectifiedAt ? "rectified" : "assigned",
    assigneeId: "u",
    deadline: deadline.toISOString(),
    deadlineSetBy: null,
    control: null,
    nightOwnerId: null,
    rectification: rectifiedAt ? { text: "ok", photos: [], by: "u", at: rectifiedAt.toISOString() } : null,
    closedBy: null,
    closedAt: null,
    alertId: null,
    history: [],
  } as Hazard;
}

function dismissal(
  date: string,
  exceptions: { pupilId: string; reason: "sick" | "leave" | "unaccounted" }[],
) {
  return {
    id: `${date}|dismissal|class:c1`,
    date,
    kind: "dismissal",
    group: { kind: "class", classId: "c1" },
    give: {
      by: "t1",
      at: sh(date, "16:30").toISOString(),
      rollCall: { expected: ["p1", "p2", "p3"], onLeave: [], exceptions },
      presentCount: 3 - exceptions.length,
      receiverIds: [],
      mutationId: "m",
    },
    receive: null,
    state: "given",
    late: false,
    alertId: null,
    history: [],
  } as Handover;
}

const RECORDS: WeekRecords = {
  rounds: [
    // room-1: Monday to Wednesday complete, Thursday's noon missed, Friday nothing.
    ...all("room-1", "2026-11-23"),
    ...all("room-1", "2026-11-24"),
    ...all("room-1", "2026-11-25"),
    { id: "r-thu-m", areaId: "room-1", date: "2026-11-26", round: "morning" },
    { id: "r-thu-e", areaId: "room-1", date: "2026-11-26", round: "evening" },
    // Another class's classroom: not ours.
    ...all("room-2", "2026-11-27"),
  ],
  hazards: [
    hazard(
      "h-fixed",
      "room-1",
      sh("2026-11-24", "09:00"),
      sh("2026-11-24", "18:00"),
      sh("2026-11-24", "12:00"),
    ),
    hazard("h-late", "patch-1", sh("2026-11-25", "09:00"), sh("2026-11-26", "09:00"), null),
    hazard("h-other", "room-2", sh("2026-11-25", "09:00"), sh("2026-11-26", "09:00"), null),
    // Found the week before: not this week's.
    hazard("h-before", "room-1", sh("2026-11-20", "09:00"), sh("2026-11-21", "09:00"), null),
  ],
  handovers: [
    dismissal("2026-11-24", [
      { pupilId: "p1", reason: "sick" },
      { pupilId: "p2", reason: "unaccounted" },
    ]),
    dismissal("2026-11-26", [{ pupilId: "p1", reason: "sick" }]),
  ],
  alerts: [
    {
      id: "a1",
      kind: "unaccounted_pupil",
      subjectId: "p2",
      raisedAt: sh("2026-11-24", "16:20").toISOString(),
    },
    {
      id: "a2",
      kind: "unaccounted_pupil",
      subjectId: "p9",
      raisedAt: sh("2026-11-24", "16:20").toISOString(),
    },
  ] satisfies SummaryAlert[],
  education: [
    {
      id: "e1",
      kind: "weeklyLesson",
      date: "2026-11-25",
      classId: "c1",
      topic: "防溺水",
      note: "",
      photos: [],
      recordedBy: "t1",
      recordedAt: sh("2026-11-25", "10:00").toISOString(),
    } satisfies EducationRecord,
  ],
  pupils: [
    { id: "p1", classId: "c1" },
    { id: "p2", classId: "c1" },
    { id: "p9", classId: "c2" },
  ],
};

describe("the week a link opens", () => {
  it("takes the Monday of a named date, never a future week, this week by default", () => {
    expect(weekOfParam(null, "2026-11-26")).toBe("2026-11-23");
    expect(weekOfParam("2026-11-18", "2026-11-26")).toBe("2026-11-16");
    expect(weekOfParam("2026-12-07", "2026-11-26")).toBe("2026-11-23");
    expect(weekOfParam("not-a-date", "2026-11-26")).toBe("2026-11-23");
    expect(recentWeeks("2026-11-29", 3)).toEqual(["2026-11-23", "2026-11-16", "2026-11-09"]);
    // WS-3: on Sunday the running week is not due yet; the last complete one is the week before.
    expect(lastCompleteWeek("2026-11-29")).toBe("2026-11-16");
    expect(lastCompleteWeek("2026-11-30")).toBe("2026-11-23");
  });

  it("counts a running week up to now, a past week to its Sunday's end", () => {
    const now = sh("2026-11-26", "10:00");
    expect(weekAsOf(WEEK, now, TZ, "2026-11-26")).toEqual({ asOf: "2026-11-26", asOfEnd: now });
    const later = sh("2026-12-02", "10:00");
    expect(weekAsOf(WEEK, later, TZ, "2026-12-02")).toEqual({
      asOf: "2026-11-29",
      asOfEnd: sh("2026-11-30", "00:00"),
    });
  });
});

describe("who opens and writes which class", () => {
  const classes = [
    { id: "c2", grade: 1, name: "2班", classTeacherId: "t2" },
    { id: "c1", grade: 1, name: "1班", classTeacherId: "t1" },
    { id: "c3", grade: 2, name: "1班", classTeacherId: null },
  ];
  it("gives a class teacher their own class, the admin and principal every class in order", () => {
    expect(classesFor({ id: "t1", roles: ["class_teacher"] }, classes).map((c) => c.id)).toEqual(["c1"]);
    expect(classesFor({ id: "a", roles: ["admin"] }, classes).map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(classesFor({ id: "p", roles: ["principal"] }, classes)).toHaveLength(3);
    const mine = classesFor({ id: "t1", roles: ["class_teacher"] }, classes);
    // A class the teacher does not teach falls back to their own.
    expect(chooseClass(mine, "c2")?.id).toBe("c1");
    expect(chooseClass(classesFor({ id: "x", roles: ["subject_teacher"] }, classes), null)).toBeUndefined();
  });

  it("WS-2: lets the class's own class teacher or an admin write, the principal only read", () => {
    const c1 = classes[1] as (typeof classes)[number];
    expect(canWriteSummary({ id: "t1", roles: ["class_teacher"] }, c1)).toBe(true);
    expect(canWriteSummary({ id: "t2", roles: ["class_teacher"] }, c1)).toBe(false);
    expect(canWriteSummary({ id: "a", roles: ["admin"] }, c1)).toBe(true);
    expect(canWriteSummary({ id: "p", roles: ["principal"] }, c1)).toBe(false);
    expect(summaryLink(WEEK, "c1")).toBe("/summary?week=2026-11-23&class=c1");
  });
});

describe("WS-1: the week's numbers from fixed records, with the records behind them", () => {
  const after = { now: sh("2026-11-30", "09:00"), today: "2026-11-30" };
  const numbers = numbersFor({
    classId: "c1",
    weekStart: WEEK,
    calendar: CALENDAR,
    timeZone: TZ,
    areas: AREAS,
    records: RECORDS,
    ...after,
  });

  it("counts the classroom's rounds and lists the missed slots by date and round", () => {
    expect(numbers.asOf).toBe("2026-11-29");
    expect(numbers.rounds.due).toBe(15);
    expect(numbers.rounds.done).toBe(11);
    expect(missedSlots(numbers)).toEqual([
      { areaId: "room-1", date: "2026-11-26", round: "noon" },
      { areaId: "room-1", date: "2026-11-27", round: "morning" },
      { areaId: "room-1", date: "2026-11-27", round: "noon" },
      { areaId: "room-1", date: "2026-11-27", round: "evening" },
    ]);
  });

  it("counts the class's hazards found that week, rectified and late", () => {
    expect(numbers.hazards).toEqual({
      found: ["h-fixed", "h-late"],
      rectified: ["h-fixed"],
      late: ["h-late"],
    });
  });

  it("counts each pupil's exception once per date and reason, and the class's unaccounted alerts", () => {
    expect(numbers.exceptions).toEqual({ leave: 0, sick: 2, picked_up: 0, unaccounted: 1 });
    expect(exceptionTotal(numbers)).toBe(3);
    expect(exceptionsOf(numbers, "sick").map((e) => e.date)).toEqual(["2026-11-24", "2026-11-26"]);
    expect(numbers.unaccounted).toEqual(["a1"]);
    expect(numbers.lesson).toEqual({ held: true, recordId: "e1" });
  });

  it("counts a running week only up to today", () => {
    const midweek = numbersFor({
      classId: "c1",
      weekStart: WEEK,
      calendar: CALENDAR,
      timeZone: TZ,
      areas: AREAS,
      records: RECORDS,
      now: sh("2026-11-25", "20:00"),
      today: "2026-11-25",
    });
    expect(midweek.rounds).toEqual({ due: 9, done: 9, missed: [] });
    // h-late's deadline (Thursday 09:00) has not passed yet on Wednesday evening.
    expect(midweek.hazards.late).toEqual([]);
    // Another class: its own classroom only, nothing else of ours.
    const other = numbersFor({
      classId: "c2",
      weekStart: WEEK,
      calendar: CALENDAR,
      timeZone: TZ,
      areas: AREAS,
      records: RECORDS,
      ...after,
    });
    expect(other.rounds.done).toBe(3);
    expect(other.hazards.found).toEqual(["h-other"]);
    expect(other.unaccounted).toEqual(["a2"]);
    expect(other.lesson.held).toBe(false);
  });
});
