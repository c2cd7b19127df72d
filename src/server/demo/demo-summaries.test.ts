// The demo school's safety education and weekly summaries (issue #7 §1, §3): they fit the
// protocol's schemas, their numbers are draftNumbers() over the demo's own rounds, hazards and
// hand-overs (WS-1), the calendar shows done and missed duties (ED-2, ED-3), the summaries come
// in every state the admin's page shows (WS-3), the month's commendations are valid (CM-1..4),
// and ensureDemoSchool writes them, with activity only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, guardianProblems, monthOf, monthProblem } from "../../domain/commendation.ts";
import { dutyStates, mondayOf, termDuties, validateEducationRecord } from "../../domain/safety-education.ts";
import { addDays, localDateOf, termOf } from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { draftNumbers, summaryDueAt, summaryStatus } from "../../domain/weekly-summary.ts";
import { Commendation, EducationRecord, ReminderInput, WeeklySummary } from "../../protocol/summary.ts";
import { silentLogger } from "../logger.ts";
import { listEntities } from "../storage/entities.ts";
import { openStore } from "../storage/open-store.ts";
import type { Store } from "../storage/store.ts";
import { buildDemoActivity, type DemoPhotoNames, makeDemoPhotos, photoNames } from "./demo-activity.ts";
import { buildDemoHandovers } from "./demo-handovers.ts";
import { buildDemoRoster, withDemoCalendar } from "./demo-roster.ts";
import { buildDemoSchool } from "./demo-school.ts";
import { buildDemoCommendations, buildDemoSummaries, type DemoRecords } from "./demo-summaries.ts";
import { ensureDemoSchool } from "./seed-demo.ts";

const base = buildDemoSchool();
const PHOTOS = { control: ["a".repeat(64)], after: ["b".repeat(64)] };

// A school afternoon, a Saturday, just after midnight into Monday, a Friday night.
const STARTS = [
  "2026-12-02T15:00:00+08:00",
  "2026-12-05T10:00:00+08:00",
  "2026-12-07T00:30:00+08:00",
  "2027-03-05T22:10:00+08:00",
];

function demoAt(now: Date, photos: DemoPhotoNames = PHOTOS) {
  const seed = withDemoCalendar(base, now);
  const roster = buildDemoRoster(seed, now);
  const activity = buildDemoActivity(seed, now, photos, roster.slots);
  const boarders = buildDemoHandovers(seed, now, roster.slots);
  const records: DemoRecords = { ...activity, handovers: boarders.handovers, alerts: boarders.alerts };
  return { seed, records, demo: buildDemoSummaries(seed, now, records) };
}

describe.each(STARTS)("the demo's education and summaries, first started at %s", (start) => {
  const now = new Date(start);
  const { seed, records, demo } = demoAt(now);
  const settings = effectiveSettings(seed.school.settings);
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const term = termOf(today, settings);
  if (!term) throw new Error("the demo has a current term");

  it("is deterministic, ids included, and quick", () => {
    const started = Date.now();
    expect(demoAt(now).demo).toEqual(demo);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("fits the protocol's schemas and ED-4, all before now", () => {
    for (const e of demo.education) {
      expect(EducationRecord.parse(e)).toEqual(e);
      expect(validateEducationRecord(e, settings.terms)).toEqual([]);
      expect(e.date < today).toBe(true);
      expect(Date.parse(e.recordedAt)).toBeLessThan(now.getTime());
    }
    for (const s of demo.summaries) {
      expect(WeeklySummary.parse(s)).toEqual(s);
      expect(Date.parse(s.savedAt)).toBeLessThan(now.getTime());
      for (const a of s.addenda) expect(Date.parse(a.at)).toBeLessThan(now.getTime());
    }
    for (const r of demo.reminders) {
      expect(ReminderInput.parse(r)).toMatchObject({ id: r.id, weekStart: r.weekStart });
      expect(Date.parse(r.sentAt)).toBeLessThan(now.getTime());
    }
  });

  it("WS-1: every summary's numbers are draftNumbers() over the demo's own records", () => {
    expect(demo.summaries.length).toBeGreaterThan(20);
    const pupilIds = (classId: string) =>
      new Set(seed.pupils.filter((p) => p.classId === classId).map((p) => p.id));
    for (const s of demo.summaries) {
      const expected = draftNumbers({
        classId: s.classId,
        weekStart: s.weekStart,
        asOf: addDays(s.weekStart, 6),
        asOfEnd: summaryDueAt(s.weekStart, tz),
        calendar: settings,
        timeZone: tz,
        areas: seed.areas,
        rounds: records.rounds,
        hazards: records.hazards,
        handovers: records.handovers,
        pupilIds: pupilIds(s.classId),
        alerts: records.alerts,
        education: demo.education,
      });
      expect(s.numbers).toEqual(expected);
    }
    // The numbers are not all empty: the demo's rounds and lessons are in them.
    expect(demo.summaries.some((s) => s.numbers.rounds.done > 0)).toBe(true);
    expect(demo.summaries.some((s) => s.numbers.lesson.held)).toBe(true);
  });

  it("WS-3: complete past weeks only; submitted, late, draft and missing; one addendum; one reminder", () => {
    const weeks = [...new Set(demo.summaries.map((s) => s.weekStart))].sort();
    expect(weeks.length).toBeGreaterThanOrEqual(2);
    for (const w of weeks) expect(summaryDueAt(w, tz).getTime()).toBeLessThanOrEqual(now.getTime());
    const last = weeks[weeks.length - 1] as string;
    expect(last).toBe(addDays(mondayOf(today), -7));
    const taught = seed.classes.filter((c) => c.classTeacherId).length;
    const statuses = (w: string) =>
      seed.classes
        .filter((c) => c.classTeacherId)
        .map((c) =>
          summaryStatus(
            demo.summaries.find((s) => s.weekStart === w && s.classId === c.id),
            w,
            now,
            tz,
          ),
        );
    const lastWeek = statuses(last);
    expect(lastWeek.filter((s) => s === "submitted").length).toBeGreaterThan(taught / 2);
    expect(lastWeek.filter((s) => s === "draft")).toHaveLength(3);
    expect(lastWeek.filter((s) => s === "missing")).toHaveLength(3);
    const all = weeks.flatMap(statuses);
    expect(all.filter((s) => s === "submitted_late")).toHaveLength(1);
    expect(demo.summaries.filter((s) => s.addenda.length > 0)).toHaveLength(1);
    expect(demo.reminders).toHaveLength(1);
    const reminder = demo.reminders[0];
    expect(reminder?.weekStart).toBe(last);
    const notSubmitted = seed.classes
      .filter((c) => c.classTeacherId)
      .filter((_c, i) => lastWeek[i] !== "submitted" && lastWeek[i] !== "submitted_late")
      .map((c) => c.id);
    expect([...(reminder?.classIds ?? [])].sort()).toEqual(notSubmitted.sort());
    for (const s of demo.summaries) {
      const teacher = seed.classes.find((c) => c.id === s.classId)?.classTeacherId;
      expect(s.savedBy).toBe(teacher);
      expect(s.text.length).toBeGreaterThan(10);
    }
  });

  it("CM-1..4: last month two classes commended and four with guardians, this month one; all valid", () => {
    const thisMonth = monthOf(today);
    const lastMonth = addMonths(thisMonth, -1);
    const pupils = new Map(seed.pupils.map((p) => [p.id as string, p]));
    const admin = seed.staff.find((s) => s.login === "admin")?.id;
    expect(new Set(demo.commendations.map((c) => c.id)).size).toBe(demo.commendations.length);
    for (const c of demo.commendations) {
      expect(Commendation.parse(c)).toEqual(c);
      expect(c.id).toBe(`${c.month}|${c.classId}`);
      expect(monthProblem(c.month, thisMonth)).toBeUndefined();
      const cls = seed.classes.find((x) => x.id === c.classId);
      expect(cls).toBeDefined();
      // CM-4: pupils of that class, each once, named by its class teacher.
      expect(guardianProblems(c.guardianIds, c.classId, pupils)).toEqual([]);
      if (c.guardianIds.length > 0) {
        expect(c.guardianIds.length).toBeGreaterThanOrEqual(2);
        expect(c.guardianIds.length).toBeLessThanOrEqual(3);
        expect(c.guardiansBy).toBe(cls?.classTeacherId);
      }
      // CM-3: the admin's mark, with a citation.
      if (c.commended) {
        expect(c.commendedBy).toBe(admin);
        expect(c.citation.length).toBeGreaterThan(10);
      }
      // Every change was made in its month (or after it) and before now.
      for (const when of [c.commendedAt, c.guardiansAt].filter((x): x is string => x !== null)) {
        expect(Date.parse(when)).toBeLessThan(now.getTime());
        expect(monthOf(localDateOf(new Date(when), tz)) >= c.month).toBe(true);
      }
    }
    const of = (month: string) => demo.commendations.filter((c) => c.month === month);
    expect(of(lastMonth).filter((c) => c.commended)).toHaveLength(2);
    expect(of(lastMonth).filter((c) => c.guardianIds.length > 0)).toHaveLength(4);
    expect(of(thisMonth).filter((c) => c.commended)).toHaveLength(0);
    expect(of(thisMonth).filter((c) => c.guardianIds.length > 0)).toHaveLength(1);
    expect(demo.commendations).toHaveLength(of(lastMonth).length + of(thisMonth).length);
  });

  it("ED-2, ED-3: the term's calendar shows most duties done and a few weekly lessons missed", () => {
    const classIds = seed.classes.map((c) => c.id);
    const states = dutyStates(termDuties(term, settings, classIds), demo.education, today);
    const lessons = states.filter((s) => s.kind === "weeklyLesson" && s.to < today);
    const done = lessons.filter((s) => s.status === "done").length;
    expect(done / lessons.length).toBeGreaterThan(0.85);
    expect(lessons.some((s) => s.status === "missed")).toBe(true);
    const one = (kind: string) => states.find((s) => s.kind === kind);
    expect(one("termStartLecture")?.status).toBe("done");
    expect(states.filter((s) => s.kind === "largeLecture").map((s) => s.status)).toContain("done");
    for (const s of states.filter((x) => x.kind === "monthlyBulletin" && x.to < today))
      expect(s.status).toBe("done");
    for (const s of states.filter((x) => x.kind === "monthlyTheme" && x.from < today))
      expect(s.status).toBe("done");
  });
});

describe("the demo's commendations, first started in the month's first minute", () => {
  it("this month's guardians are named in this month, before now; last month's on its last day", () => {
    const now = new Date("2027-01-01T00:00:30+08:00");
    const commendations = buildDemoCommendations(withDemoCalendar(base, now), now);
    const named = commendations.filter((c) => c.month === "2027-01");
    expect(named).toHaveLength(1);
    expect(named[0]?.guardiansAt).toBe("2026-12-31T16:00:00.000Z");
    for (const c of commendations.filter((x) => x.month === "2026-12"))
      for (const when of [c.commendedAt, c.guardiansAt].filter((x): x is string => x !== null))
        expect(localDateOf(new Date(when), "Asia/Shanghai")).toBe("2026-12-31");
    expect(commendations.filter((c) => c.month === "2026-12" && c.commended)).toHaveLength(2);
  });
});

describe("ensureDemoSchool writes the education records and summaries", () => {
  let dir: string;
  let store: Store;
  let quiet: Store;
  const now = new Date("2026-12-02T15:00:00+08:00");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sr-demo-sum-"));
    store = await openStore({ kind: "sqlite", filename: join(dir, "demo.sqlite") }, now);
    quiet = await openStore({ kind: "sqlite", filename: join(dir, "quiet.sqlite") }, now);
  });
  afterAll(async () => {
    await store.close();
    await quiet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("with the activity; not without it", async () => {
    expect(await ensureDemoSchool(store, now, silentLogger)).toBe(true);
    const school = await store.findSchoolByCode("demo");
    if (!school) throw new Error("no demo school");
    // The hazards' steps point at the stored photos: the same ones as the seeding used.
    const { demo } = demoAt(now, photoNames(await makeDemoPhotos()));
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await listEntities<{ id: string }>(store.driver, school.id, "education"))).toEqual(
      byId(demo.education),
    );
    expect(byId(await listEntities<{ id: string }>(store.driver, school.id, "weeklySummary"))).toEqual(
      byId(demo.summaries),
    );
    expect(await listEntities(store.driver, school.id, "summaryReminder")).toEqual(demo.reminders);
    expect(byId(await listEntities<{ id: string }>(store.driver, school.id, "commendation"))).toEqual(
      byId(demo.commendations),
    );

    expect(await ensureDemoSchool(quiet, now, silentLogger, { activity: false })).toBe(true);
    const empty = await quiet.findSchoolByCode("demo");
    if (!empty) throw new Error("no demo school");
    expect(await listEntities(quiet.driver, empty.id, "education")).toEqual([]);
    expect(await listEntities(quiet.driver, empty.id, "weeklySummary")).toEqual([]);
    expect(await listEntities(quiet.driver, empty.id, "commendation")).toEqual([]);
  });
});
