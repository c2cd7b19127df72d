// The demo school's roster (issue #5 §4 "Demo school: a generated current term with a few swaps,
// so 'responsible now' is filled at any hour"): built for several first-start moments.
import { describe, expect, it } from "vitest";
import { responsibleAt, rosterLookup } from "../../domain/responsible.ts";
import {
  dutySlotId,
  findClashes,
  findGaps,
  requiredDuties,
  slotsHeldBy,
  type RotationTemplate as Template,
} from "../../domain/roster.ts";
import {
  addDays,
  atLocal,
  datesBetween,
  isSchoolDay,
  localDateOf,
  validateCalendar,
  weekdayOf,
} from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { applySwap, type Swap as SwapShape, stepSwap } from "../../domain/swap.ts";
import { validateTimetable } from "../../domain/timetable.ts";
import { SchoolSettings } from "../../protocol/reference.ts";
import { DutySlot, DutySlotKey, RotationTemplate, Swap, Timetable } from "../../protocol/roster.ts";
import { buildDemoActivity } from "./demo-activity.ts";
import { buildDemoRoster, demoCalendar, withDemoCalendar } from "./demo-roster.ts";
import { buildDemoSchool } from "./demo-school.ts";

const base = buildDemoSchool();
const TZ = base.school.settings.timeZone;
const loginOf = new Map(base.staff.map((s) => [s.id as string, s.login]));
const idOf = (login: string) => base.staff.find((s) => s.login === login)?.id as string;
const HOUR = 3_600_000;

// A school afternoon, a Saturday, just after midnight into Monday, a Sunday evening, a Friday night.
const STARTS = [
  "2026-11-30T15:00:00+08:00",
  "2026-12-05T10:00:00+08:00",
  "2026-12-07T00:30:00+08:00",
  "2026-12-06T19:00:00+08:00",
  "2027-03-05T22:10:00+08:00",
];

describe.each(STARTS)("the demo roster, first started at %s", (start) => {
  const now = new Date(start);
  const seed = withDemoCalendar(base, now);
  const settings = effectiveSettings(seed.school.settings);
  const roster = buildDemoRoster(seed, now);
  const today = localDateOf(now, TZ);
  const next14 = addDays(today, 13);
  const lookup = rosterLookup(roster.slots);

  it("is deterministic, ids included", () => {
    expect(buildDemoRoster(withDemoCalendar(base, now), now)).toEqual(roster);
  });

  it("[CAL-1..5] has a valid current term with a holiday and its make-up day in the next 14 days", () => {
    expect(SchoolSettings.parse(seed.school.settings)).toBeTruthy();
    expect(validateCalendar(settings)).toEqual([]);
    const [term] = settings.terms;
    expect(term && term.start <= addDays(today, -60) && term.end >= addDays(today, 60)).toBe(true);
    const [holiday] = settings.holidays;
    const [makeUp] = settings.makeUpDays;
    expect(holiday && holiday.start > today && holiday.start <= addDays(today, 14)).toBe(true);
    expect(makeUp && makeUp.date > today && makeUp.date <= next14).toBe(true);
    expect(isSchoolDay(makeUp?.date ?? "", settings)).toBe(true);
    expect(weekdayOf(makeUp?.date ?? "")).toBe(6);
    expect(isSchoolDay(holiday?.start ?? "", settings)).toBe(false);
    expect(demoCalendar(now, TZ)).toEqual({
      terms: settings.terms,
      holidays: settings.holidays,
      makeUpDays: settings.makeUpDays,
    });
  });

  it("every record parses with its protocol schema; each slot's id is its date, kind and scope (RS-2)", () => {
    for (const t of roster.templates) RotationTemplate.parse(t);
    for (const s of roster.slots) {
      DutySlot.parse(s);
      DutySlotKey.parse(s);
    }
    for (const s of roster.swaps) Swap.parse(s);
    for (const t of roster.timetables) {
      Timetable.parse(t);
      expect(validateTimetable(t.entries, settings.periods.length)).toEqual([]);
    }
    expect(new Set(roster.slots.map((s) => s.id)).size).toBe(roster.slots.length);
  });

  it("has morning, noon and evening rotations over 12–15 teachers, night caretakers by weekday, holiday duty over the leaders", () => {
    const byKind = new Map(roster.templates.map((t) => [t.kind, t]));
    for (const kind of ["morning", "noon", "evening"] as const) {
      const p = byKind.get(kind)?.pattern;
      expect(p?.mode).toBe("rotation");
      if (p?.mode !== "rotation") continue;
      expect(p.staffIds.length).toBeGreaterThanOrEqual(12);
      expect(p.staffIds.length).toBeLessThanOrEqual(15);
      expect([1, 2]).toContain(p.perDay);
    }
    const night = byKind.get("night") as Template;
    expect(night.scope).toEqual({ kind: "building", building: "宿舍楼" });
    expect(night.pattern.mode).toBe("weekly");
    const holiday = byKind.get("holiday")?.pattern;
    expect(holiday?.mode === "rotation" && holiday.staffIds.map((id) => loginOf.get(id))).toContain("admin");
  });

  it("[RN-1..RN-6] names someone responsible for the campus, a class and a dorm room at every hour of the next 14 days", () => {
    const cls = seed.classes[0];
    const timetable = roster.timetables.find((t) => t.classId === cls?.id);
    const room = seed.dormRooms[0];
    if (!cls || !room) throw new Error("no class or room");
    const first = atLocal(today, 0, TZ).getTime();
    let subjectTeacherSeen = false;
    for (let h = 0; h < 14 * 24; h++) {
      const at = new Date(first + h * HOUR + 15 * 60_000);
      const campus = responsibleAt(at, { kind: "campus" }, settings, lookup);
      const where = `${at.toISOString()} (${campus.slot})`;
      expect(campus.isGap, where).toBe(false);
      if (campus.nobodyNeeded === "class_time_campus") {
        // Class time: each class's teachers (RN-3).
        const own = responsibleAt(
          at,
          { kind: "class", classId: cls.id, classTeacherId: cls.classTeacherId, timetable },
          settings,
          lookup,
        );
        expect(
          own.holders.map((x) => x.staffId),
          where,
        ).toContain(cls.classTeacherId);
        if (own.holders.some((x) => x.role === "subjectTeacher")) subjectTeacherSeen = true;
      } else {
        expect(campus.nobodyNeeded, where).toBeNull();
        expect(campus.holders.length, where).toBeGreaterThan(0);
      }
      const dorm = responsibleAt(
        at,
        { kind: "room", roomId: room.id, building: room.building },
        settings,
        lookup,
      );
      expect(dorm.isGap, where).toBe(false);
      if (dorm.nobodyNeeded === null) expect(dorm.holders.length, where).toBeGreaterThan(0);
    }
    expect(subjectTeacherSeen).toBe(true);
  });

  it("[RS-4][RS-5] has no gap and no clash in the next 14 days", () => {
    const required = requiredDuties(roster.templates, ["宿舍楼"]);
    const byId = new Map(roster.slots.map((s) => [s.id, s]));
    expect(findGaps(required, byId, settings, today, next14)).toEqual([]);
    expect(findClashes(roster.slots, settings.timeSlots)).toEqual([]);
  });

  it("[RS-3] shares each rotation fairly: over the term, counts per person differ by at most one", () => {
    for (const t of roster.templates) {
      if (t.pattern.mode !== "rotation") continue;
      const counts = new Map(t.pattern.staffIds.map((id) => [id, 0]));
      for (const s of roster.slots.filter((x) => x.templateId === t.id))
        for (const id of s.staffIds) counts.set(id, (counts.get(id) ?? 0) + 1);
      const values = [...counts.values()];
      expect(Math.max(...values) - Math.min(...values), t.name).toBeLessThanOrEqual(1);
    }
  });

  it("gives duty1 (the README's 'try: my duties') an evening duty in the next 14 days", () => {
    const mine = slotsHeldBy(idOf("duty1"), roster.slots).filter((s) => s.date >= today && s.date <= next14);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((s) => s.kind === "evening")).toBe(true);
  });

  it("[SW-2..SW-4] has one swap approved (slots changed, history names the approver), one asked, one accepted", () => {
    expect(roster.swaps.map((s) => s.state).sort()).toEqual(["accepted", "approved", "asked"]);
    const admin = idOf("admin");
    const slotById = new Map(roster.slots.map((s) => [s.id, s]));
    const versionOf = (id: string) => (roster.swappedSlotIds.includes(id) ? 2 : 1);
    for (const swap of roster.swaps) {
      // Replaying the steps with the domain's rules gives the same swap.
      let replay: SwapShape = { ...swap, state: "asked", decidedBy: null, history: swap.history.slice(0, 1) };
      for (const e of swap.history.slice(1)) {
        const out = stepSwap(replay, e.step as "accept", { id: e.by, isAdmin: e.by === admin }, e.at, e.note);
        expect(out.outcome).toBe("applied");
        if (out.outcome === "applied") replay = out.swap;
      }
      expect(replay).toEqual(swap);
      const give = slotById.get(swap.give.slotId);
      const take = swap.take ? slotById.get(swap.take.slotId) : undefined;
      expect(give && give.date > today).toBe(true);
      if (swap.state === "approved") {
        for (const slot of [give, take]) {
          expect(slot?.source).toBe("swapped");
          expect(slot?.history.at(-1)).toMatchObject({
            change: "swapped",
            approvedBy: admin,
            swapId: swap.id,
          });
        }
        expect(give?.staffIds).toContain(swap.counterpartId);
        expect(take?.staffIds).toContain(swap.askedBy);
      } else {
        // Still applicable: the versions the asker saw are the slots' versions as written (SW-3).
        expect(swap.give.version).toBe(versionOf(swap.give.slotId));
        const applied = applySwap(
          swap,
          {
            give: give && { slot: give, version: versionOf(give.id) },
            take: take && { slot: take, version: versionOf(take.id) },
          },
          admin,
          now.toISOString(),
          today,
        );
        expect(applied.ok, JSON.stringify(applied)).toBe(true);
      }
    }
  });

  it("[RD-4] the campus rounds of the demo's history are walked by the office, the area's person or that round's rostered duty teacher", () => {
    const photos = { control: ["c".repeat(64)], after: ["a".repeat(64)] };
    const { rounds } = buildDemoActivity(seed, now, photos, roster.slots);
    const areas = new Map(seed.areas.map((a) => [a.id as string, a]));
    const slotById = new Map(roster.slots.map((s) => [s.id, s]));
    let byDuty = 0;
    for (const r of rounds) {
      const area = areas.get(r.areaId);
      if (area?.kind !== "campus") continue;
      const holders = slotById.get(dutySlotId(r.date, r.round, { kind: "campus" }))?.staffIds ?? [];
      const ok = r.checkedBy === idOf("admin") || r.checkedBy === area.responsibleStaffId;
      if (!ok) {
        expect(holders, `${r.date} ${r.round} ${area.name}`).toContain(r.checkedBy);
        byDuty++;
      }
    }
    expect(byDuty).toBeGreaterThan(100);
    for (const d of datesBetween(addDays(today, -20), today))
      if (rounds.some((r) => r.date === d)) expect(isSchoolDay(d, settings)).toBe(true);
  });
});
