// The demo school as the server seeds it on first start, on SQLite (issue #5 §4 "Demo school: a
// generated current term with a few swaps, so 'responsible now' is filled at any hour"): read
// back from storage exactly as a phone would receive it.
import { afterEach, describe, expect, it } from "vitest";
import { responsibleAt, rosterLookup } from "../../src/domain/responsible.ts";
import { type DutySlot, slotsHeldBy } from "../../src/domain/roster.ts";
import { addDays, atLocal, localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings, type StoredSettings } from "../../src/domain/school-settings.ts";
import type { Swap } from "../../src/domain/swap.ts";
import type { Timetable } from "../../src/domain/timetable.ts";
import { DutySlot as DutySlotSchema, Swap as SwapSchema } from "../../src/protocol/roster.ts";
import { ensureDemoSchool } from "../../src/server/demo/seed-demo.ts";
import { silentLogger } from "../../src/server/logger.ts";
import { getEntity, listEntities } from "../../src/server/storage/entities.ts";
import { sqliteTestStore, type TestStore } from "../support/test-stores.ts";

const HOUR = 3_600_000;

describe("the demo school's roster as seeded on SQLite", () => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  async function seed(now: Date, opts: { activity?: boolean } = {}) {
    t = await sqliteTestStore(now);
    expect(await ensureDemoSchool(t.store, now, silentLogger, opts)).toBe(true);
    const school = await t.store.findSchoolByCode("demo");
    if (!school) throw new Error("no demo school");
    const [entity] = await listEntities<{ settings: StoredSettings }>(t.store.driver, school.id, "school");
    if (!entity) throw new Error("no school entity");
    const staff = await listEntities<{ id: string; login: string }>(t.store.driver, school.id, "staff");
    return {
      store: t.store,
      schoolId: school.id,
      settings: effectiveSettings(entity.settings),
      idOf: (login: string) => staff.find((s) => s.login === login)?.id as string,
      slots: await listEntities<DutySlot>(t.store.driver, school.id, "dutySlot"),
      swaps: await listEntities<Swap>(t.store.driver, school.id, "swap"),
      timetables: await listEntities<Timetable>(t.store.driver, school.id, "timetable"),
      templates: await listEntities(t.store.driver, school.id, "rosterTemplate"),
      classes: await listEntities<{ id: string; classTeacherId: string | null }>(
        t.store.driver,
        school.id,
        "class",
      ),
    };
  }

  it("[RN-1..RN-6] has someone responsible for the campus at every hour of the next 14 days (class time: the class's teachers)", async () => {
    const now = new Date();
    const demo = await seed(now);
    const tz = demo.settings.timeZone;
    expect(demo.settings.terms).toHaveLength(1);
    expect(demo.templates.length).toBe(5);
    expect(demo.timetables.length).toBeGreaterThan(0);
    for (const s of demo.slots) DutySlotSchema.parse(s);
    const lookup = rosterLookup(demo.slots);
    const today = localDateOf(now, tz);
    const start = atLocal(today, 0, tz).getTime();
    const timetable = demo.timetables[0];
    const cls = demo.classes.find((c) => c.id === timetable?.classId);
    if (!timetable || !cls) throw new Error("no timetable of a demo class");
    let subjectTeacherSeen = false;
    for (let h = 0; h < 14 * 24; h++) {
      const at = new Date(start + h * HOUR + 5 * 60_000);
      const campus = responsibleAt(at, { kind: "campus" }, demo.settings, lookup);
      const where = `${at.toISOString()} ${campus.slot}`;
      expect(campus.isGap, where).toBe(false);
      if (campus.nobodyNeeded === "class_time_campus") {
        const own = responsibleAt(
          at,
          { kind: "class", classId: cls.id, classTeacherId: cls.classTeacherId, timetable },
          demo.settings,
          lookup,
        );
        expect(
          own.holders.map((x) => x.staffId),
          where,
        ).toContain(cls.classTeacherId);
        if (own.holders.some((x) => x.role === "subjectTeacher")) subjectTeacherSeen = true;
      } else {
        expect(campus.holders.length, where).toBeGreaterThan(0);
      }
    }
    expect(subjectTeacherSeen).toBe(true);
    // The README's duty login has duties to show under "my duties".
    const mine = slotsHeldBy(demo.idOf("duty1"), demo.slots).filter(
      (s) => s.date >= today && s.date <= addDays(today, 13),
    );
    expect(mine.length).toBeGreaterThan(0);
  });

  it("[SW-3][SW-4] stores the swaps; the approved one's slots are at version 2 with the approver in their history", async () => {
    const demo = await seed(new Date());
    for (const s of demo.swaps) SwapSchema.parse(s);
    expect(demo.swaps.map((s) => s.state).sort()).toEqual(["accepted", "approved", "asked"]);
    const approved = demo.swaps.find((s) => s.state === "approved");
    for (const side of [approved?.give, approved?.take]) {
      const row = await getEntity<DutySlot>(demo.store.driver, demo.schoolId, "dutySlot", side?.slotId ?? "");
      expect(row?.version).toBe(2);
      expect(row?.data.history.at(-1)).toMatchObject({
        change: "swapped",
        approvedBy: demo.idOf("admin"),
        swapId: approved?.id,
      });
    }
    for (const swap of demo.swaps.filter((s) => s.state !== "approved")) {
      const row = await getEntity(demo.store.driver, demo.schoolId, "dutySlot", swap.give.slotId);
      expect(row?.version, swap.state).toBe(swap.give.version);
    }
  });

  it("an empty demo (activity: false) has the current term but no roster yet", async () => {
    const demo = await seed(new Date(), { activity: false });
    expect(demo.settings.terms).toHaveLength(1);
    expect(demo.slots).toEqual([]);
    expect(demo.templates).toEqual([]);
  });
});
