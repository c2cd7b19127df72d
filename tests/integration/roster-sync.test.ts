// Duty rosters through the real sync path (issue #5 §2 and §5 "Sync"), on SQLite and
// PostgreSQL: a generated term read back by pull, regeneration keeping edited slots (RS-3),
// compare-and-set on one slot (RS-2: two admins give one conflict), swaps asked, accepted and
// approved as one all-or-nothing change (SW-1..4), and alerts naming who holds the campus.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DutyKind,
  type DutySlot,
  dutySlotId,
  generateRoster,
  type RotationTemplate,
} from "../../src/domain/roster.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import type { Swap } from "../../src/domain/swap.ts";
import type { School, Staff } from "../../src/protocol/reference.ts";
import type { AlertEntity, Mutation, Verdict } from "../../src/protocol/sync.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

const CAMPUS = { kind: "campus" } as const;
const BUILDING = { kind: "building", building: "宿舍楼" } as const;

/** 2026 autumn term: 国庆 with a Sunday make-up day that runs Friday's pattern (CAL-3). */
const TERM = { id: ulid(), name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" };
const CALENDAR = {
  terms: [TERM],
  holidays: [
    { name: "国庆节", start: "2026-10-01", end: "2026-10-07" },
    { name: "元旦", start: "2027-01-01", end: "2027-01-03" },
  ],
  makeUpDays: [{ date: "2026-09-27", followsWeekday: 5 as const }],
};

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("duty rosters on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  let teacher: TestPhone;
  let duty: TestPhone;
  let gate: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, { extendSchool: addSafetyCrew });
    admin = await TestPhone.login(t, "school-a", "admin");
    teacher = await TestPhone.login(t, "school-a", "teacher");
    duty = await TestPhone.login(t, "school-a", "duty");
    gate = await TestPhone.login(t, "school-a", "gate");
  });
  afterEach(async () => {
    await t.dispose();
  });

  async function pushOne(
    phone: TestPhone,
    type: string,
    args: Record<string, unknown>,
    extra: Partial<Mutation> = {},
  ) {
    const res = await phone.push([
      phone.mutation(type, args, { clientCreatedAt: t.clock.now().toISOString(), ...extra }),
    ]);
    return res.results[0] as Verdict;
  }

  async function pulledSchool(phone: TestPhone) {
    await phone.pullAll();
    const school = phone.entity<School>("school", t.schools.a.school.id);
    if (!school) throw new Error("the school did not arrive by pull");
    return school;
  }

  async function setCalendar() {
    const school = await pulledSchool(admin);
    const settings = { ...school.data.settings, ...CALENDAR };
    const v = await pushOne(
      admin,
      "school.updateSettings",
      { schoolId: school.data.id, settings },
      { baseVersion: school.version },
    );
    expect(v).toMatchObject({ status: "applied" });
    return effectiveSettings(settings);
  }

  const template = (kind: DutyKind, scope: RotationTemplate["scope"], pattern: RotationTemplate["pattern"]) =>
    ({ id: ulid(), name: `${kind} 轮值`, kind, scope, pattern, isActive: true }) satisfies RotationTemplate;

  async function saveTemplates() {
    const templates = [
      template("morning", CAMPUS, { mode: "rotation", staffIds: [duty.userId, teacher.userId], perDay: 1 }),
      template("noon", CAMPUS, {
        mode: "weekly",
        byWeekday: {
          "1": [duty.userId],
          "2": [teacher.userId],
          "3": [duty.userId],
          "4": [teacher.userId],
          "5": [admin.userId],
        },
      }),
      template("evening", CAMPUS, { mode: "rotation", staffIds: [duty.userId, admin.userId], perDay: 1 }),
      template("night", BUILDING, { mode: "rotation", staffIds: [gate.userId], perDay: 1 }),
      template("holiday", CAMPUS, { mode: "rotation", staffIds: [admin.userId], perDay: 1 }),
    ];
    const res = await admin.push(
      templates.map((entity) => admin.mutation("rosterTemplate.upsert", { entity })),
    );
    expect(res.results.map((r) => r.status)).toEqual(templates.map(() => "applied"));
    return templates;
  }

  /** What an admin's phone sends for a term (domain generateRoster, RS-3). */
  function generated(
    templates: RotationTemplate[],
    calendar: ReturnType<typeof effectiveSettings>,
    existing: Map<string, DutySlot> = new Map(),
  ) {
    const result = generateRoster({
      templates,
      calendar,
      from: TERM.start,
      to: TERM.end,
      existing,
      by: admin.userId,
      at: t.clock.now().toISOString(),
    });
    return result.slots.map(({ id, date, kind, scope, staffIds, templateId }) => ({
      id,
      date,
      kind,
      scope,
      staffIds,
      templateId,
    }));
  }

  async function slotsOf(phone: TestPhone) {
    await phone.pullAll();
    return new Map(
      [...phone.entities.entries()]
        .filter(([key]) => key.startsWith("dutySlot/"))
        .map(([, e]) => [(e.data as DutySlot).id, e as { version: number; data: DutySlot }]),
    );
  }

  async function pulled<T>(phone: TestPhone, type: string, id: string) {
    await phone.pullAll();
    const e = phone.entity<T>(type, id);
    if (!e) throw new Error(`${type} ${id} did not arrive by pull`);
    return e;
  }

  const key = (date: string, kind: DutyKind, scope: DutySlot["scope"] = CAMPUS) => ({
    id: dutySlotId(date, kind, scope),
    date,
    kind,
    scope,
  });

  const assign = (phone: TestPhone, slot: ReturnType<typeof key>, staffIds: string[], baseVersion?: number) =>
    pushOne(phone, "roster.assign", { slot, staffIds }, baseVersion === undefined ? {} : { baseVersion });

  it("[RS-1 / RS-3] a generated term is applied whole and every phone reads it back by pull", async () => {
    const calendar = await setCalendar();
    const templates = await saveTemplates();
    const slots = generated(templates, calendar);
    // A term: ~95 school days × 4 duties plus the holiday duty on weekends and holidays.
    expect(slots.length).toBeGreaterThan(400);
    const started = performance.now();
    const verdict = await pushOne(admin, "roster.generate", { from: TERM.start, to: TERM.end, slots });
    const elapsed = performance.now() - started;
    expect(verdict).toMatchObject({ status: "applied" });
    // One push of a whole term stays quick (one read of the existing slots, not one per slot).
    expect(elapsed).toBeLessThan(15_000);

    const onTeacherPhone = await slotsOf(teacher);
    expect(onTeacherPhone.size).toBe(slots.length);
    for (const s of slots) {
      const got = onTeacherPhone.get(s.id);
      expect(got?.version).toBe(1);
      expect(got?.data).toMatchObject({ ...s, source: "generated" });
      expect(got?.data.history).toEqual([
        { at: expect.any(String), by: admin.userId, change: "generated", staffIds: s.staffIds },
      ]);
    }
    // CAL-2: no school duty in a holiday, the holiday duty instead; CAL-3: the make-up Sunday
    // is a school day following Friday's weekly pattern.
    expect(onTeacherPhone.has(dutySlotId("2026-10-02", "morning", CAMPUS))).toBe(false);
    expect(onTeacherPhone.get(dutySlotId("2026-10-02", "holiday", CAMPUS))?.data.staffIds).toEqual([
      admin.userId,
    ]);
    expect(onTeacherPhone.get(dutySlotId("2026-09-27", "noon", CAMPUS))?.data.staffIds).toEqual([
      admin.userId,
    ]);
    expect(onTeacherPhone.has(dutySlotId("2026-09-27", "holiday", CAMPUS))).toBe(false);
    expect(onTeacherPhone.get(dutySlotId("2026-09-28", "night", BUILDING))?.data.staffIds).toEqual([
      gate.userId,
    ]);
  });

  it("a generate that changes nothing answers the newest change-log position, also behind other changes in its push", async () => {
    const schoolClass = { id: ulid(), grade: 5, name: "9班", classTeacherId: null };
    const res = await admin.push([
      admin.mutation(
        "class.upsert",
        { entity: schoolClass },
        { clientCreatedAt: t.clock.now().toISOString() },
      ),
      admin.mutation(
        "roster.generate",
        { from: TERM.start, to: TERM.end, slots: [] },
        { clientCreatedAt: t.clock.now().toISOString() },
      ),
    ]);
    const [classVerdict, generateVerdict] = res.results;
    expect(classVerdict).toMatchObject({ status: "applied" });
    expect(generateVerdict).toMatchObject({ status: "applied", serverSeq: classVerdict?.serverSeq });
  });

  it("[RS-3] regenerating keeps a slot an admin edited and replaces only generated ones", async () => {
    const calendar = await setCalendar();
    const templates = await saveTemplates();
    expect(
      await pushOne(admin, "roster.generate", {
        from: TERM.start,
        to: TERM.end,
        slots: generated(templates, calendar),
      }),
    ).toMatchObject({ status: "applied" });
    const edited = key("2026-12-01", "evening");
    const before = (await slotsOf(admin)).get(edited.id);
    expect(await assign(admin, edited, [teacher.userId], before?.version)).toMatchObject({
      status: "applied",
    });
    const editedNow = (await slotsOf(admin)).get(edited.id);

    // The phone regenerates as if it knew nothing (it sends the edited slot too): the server
    // still keeps it.
    const swappedRotation = templates.map((tpl) =>
      tpl.kind === "evening"
        ? { ...tpl, pattern: { mode: "rotation" as const, staffIds: [gate.userId], perDay: 1 } }
        : tpl,
    );
    const evening = swappedRotation.find((tpl) => tpl.kind === "evening") as RotationTemplate;
    expect(
      await pushOne(admin, "rosterTemplate.upsert", { entity: evening }, { baseVersion: 1 }),
    ).toMatchObject({
      status: "applied",
    });
    const again = generated(swappedRotation, calendar);
    expect(again.some((s) => s.id === edited.id)).toBe(true);
    expect(
      await pushOne(admin, "roster.generate", { from: TERM.start, to: TERM.end, slots: again }),
    ).toMatchObject({
      status: "applied",
    });

    const after = await slotsOf(duty);
    expect(after.get(edited.id)).toEqual(editedNow);
    expect(after.get(edited.id)?.data).toMatchObject({ source: "edited", staffIds: [teacher.userId] });
    const regenerated = after.get(dutySlotId("2026-12-02", "evening", CAMPUS));
    expect(regenerated?.version).toBe(2);
    expect(regenerated?.data.staffIds).toEqual([gate.userId]);
    expect(regenerated?.data.history.map((h) => h.change)).toEqual(["generated", "generated"]);
  });

  it("[RS-1] one bad slot refuses the whole term, naming the slot and the problem", async () => {
    const calendar = await setCalendar();
    const templates = await saveTemplates();
    const slots = generated(templates, calendar);
    const morning = templates.find((tpl) => tpl.kind === "morning") as RotationTemplate;
    const onHoliday = { ...key("2026-10-05", "morning"), staffIds: [duty.userId], templateId: morning.id };
    const unknown = ulid();
    const stranger = { ...key("2026-12-04", "morning"), staffIds: [unknown], templateId: morning.id };
    const bad = [...slots.filter((s) => s.id !== stranger.id), onHoliday, stranger];
    const verdict = await pushOne(admin, "roster.generate", { from: TERM.start, to: TERM.end, slots: bad });
    expect(verdict).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(verdict.message).toContain("2 slot(s)");
    expect(verdict.message).toMatch(/2026-10-05 早活动值日 \/ Morning duty: .*国庆节/);
    expect(verdict.message).toMatch(
      new RegExp(`2026-12-04 早活动值日 / Morning duty: .*${unknown} is not on this school's staff`),
    );
    // All-or-nothing: not one slot was written.
    expect((await slotsOf(admin)).size).toBe(0);

    // A disabled person is refused too.
    const gateStaff = await pulled<Staff>(admin, "staff", gate.userId);
    expect(
      await pushOne(
        admin,
        "staff.upsert",
        { entity: { ...gateStaff.data, isActive: false } },
        { baseVersion: gateStaff.version },
      ),
    ).toMatchObject({ status: "applied" });
    const disabled = await pushOne(admin, "roster.generate", { from: TERM.start, to: TERM.end, slots });
    expect(disabled).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(disabled.message).toMatch(/夜间保育 \/ Night caretaker building:宿舍楼: .*王门卫（gate）已停用/);
  });

  it("[RS-2] two admins editing the same slot from the same version: one applied, one conflict", async () => {
    const admin2 = await TestPhone.login(t, "school-a", "admin");
    const slot = key("2026-12-01", "morning");
    expect(await assign(admin, slot, [duty.userId])).toMatchObject({ status: "applied" });
    const seen = (await slotsOf(admin)).get(slot.id);
    expect((await slotsOf(admin2)).get(slot.id)?.version).toBe(seen?.version);

    const first = await assign(admin, slot, [teacher.userId], seen?.version);
    const second = await assign(admin2, slot, [gate.userId], seen?.version);
    expect(first).toMatchObject({ status: "applied" });
    expect(second).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(second.message).toContain("changed by someone else");
    const state = second.serverState as { version: number; data: DutySlot };
    expect(state.version).toBe((seen?.version ?? 0) + 1);
    expect(state.data.staffIds).toEqual([teacher.userId]);

    const final = (await slotsOf(duty)).get(slot.id);
    expect(final?.data.staffIds).toEqual([teacher.userId]);
    expect(final?.data.history.map((h) => [h.change, h.by, h.staffIds])).toEqual([
      ["assigned", admin.userId, [duty.userId]],
      ["assigned", admin.userId, [teacher.userId]],
    ]);
    // Clearing is an assign of nobody (RS-4: the slot becomes a gap), still compare-and-set.
    expect(await assign(admin2, slot, [], final?.version)).toMatchObject({ status: "applied" });
    expect((await slotsOf(admin2)).get(slot.id)?.data.history.at(-1)?.change).toBe("cleared");
  });

  it("[RS-2] the same slot created twice: the second is a conflict with the first as serverState", async () => {
    const admin2 = await TestPhone.login(t, "school-a", "admin");
    const room = t.schools.a.dormRooms[0];
    if (!room) throw new Error("the small school has no dorm room");
    const slot = key("2026-12-01", "night", { kind: "room", roomId: room.id });
    expect(await assign(admin, slot, [gate.userId])).toMatchObject({ status: "applied" });
    const twice = await assign(admin2, slot, [duty.userId]);
    expect(twice).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(twice.message).toContain("already exists");
    expect((twice.serverState as { data: DutySlot }).data.staffIds).toEqual([gate.userId]);
    expect((await slotsOf(duty)).get(slot.id)?.data.staffIds).toEqual([gate.userId]);
  });

  it("[RS-1] roster.assign on a date without that duty is refused with the reason", async () => {
    await setCalendar();
    const saturday = await assign(admin, key("2026-12-05", "morning"), [duty.userId]);
    expect(saturday).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(saturday.message).toContain("2026-12-05 is a Saturday, not a school day: no morning duty");
    expect(saturday.message).toContain("星期六");
    const newYear = await assign(admin, key("2027-01-01", "evening"), [duty.userId]);
    expect(newYear.message).toContain('2027-01-01 is in the holiday "元旦": no evening duty');
    const holidayDutyOnSchoolDay = await assign(admin, key("2026-12-07", "holiday"), [duty.userId]);
    expect(holidayDutyOnSchoolDay.message).toContain("2026-12-07 is a school day");
    const vacation = await assign(admin, key("2027-02-01", "morning"), [duty.userId]);
    expect(vacation.message).toContain("2027-02-01 is outside every term");
    const nightOnCampus = await assign(admin, key("2026-12-07", "night"), [gate.userId]);
    expect(nightOnCampus.message).toContain("a night caretaker is per dorm building or room");
    const noBuilding = await assign(
      admin,
      key("2026-12-07", "night", { kind: "building", building: "教学楼" }),
      [gate.userId],
    );
    expect(noBuilding.message).toContain('no dorm room is in building "教学楼"');
    // The make-up Sunday is a school day (CAL-3).
    expect(await assign(admin, key("2026-09-27", "morning"), [duty.userId])).toMatchObject({
      status: "applied",
    });
    expect((await slotsOf(admin)).size).toBe(1);
  });

  // ── Swaps ───────────────────────────────────────────────────────────────────────────────

  const GIVE = key("2026-12-02", "evening");
  const TAKE = key("2026-12-03", "evening");

  /** The teacher holds GIVE, the duty teacher TAKE; the teacher asks to swap them. */
  async function askSwap() {
    expect(await assign(admin, GIVE, [teacher.userId])).toMatchObject({ status: "applied" });
    expect(await assign(admin, TAKE, [duty.userId])).toMatchObject({ status: "applied" });
    const slots = await slotsOf(teacher);
    const swap = {
      id: ulid(),
      counterpartId: duty.userId,
      give: { slotId: GIVE.id, version: slots.get(GIVE.id)?.version },
      take: { slotId: TAKE.id, version: slots.get(TAKE.id)?.version },
      reason: "周三家里有事",
    };
    expect(await pushOne(teacher, "swap.ask", { swap })).toMatchObject({ status: "applied" });
    return swap.id;
  }

  const step = (phone: TestPhone, swapId: string, s: string, note?: string) =>
    pushOne(phone, "swap.step", { swapId, step: s, ...(note ? { note } : {}) });

  it("[SW-2 / SW-3 / SW-4] a swap asked, accepted and approved changes both slots, with who approved it", async () => {
    const swapId = await askSwap();
    expect(await step(duty, swapId, "accept")).toMatchObject({ status: "applied" });
    expect(await step(admin, swapId, "approve", "同意")).toMatchObject({ status: "applied" });

    const slots = await slotsOf(gate);
    const give = slots.get(GIVE.id)?.data;
    const take = slots.get(TAKE.id)?.data;
    expect(give).toMatchObject({ staffIds: [duty.userId], source: "swapped" });
    expect(take).toMatchObject({ staffIds: [teacher.userId], source: "swapped" });
    for (const slot of [give, take])
      expect(slot?.history.at(-1)).toMatchObject({
        change: "swapped",
        by: teacher.userId,
        approvedBy: admin.userId,
        swapId,
      });
    const swap = (await pulled<Swap>(gate, "swap", swapId)).data;
    expect(swap).toMatchObject({ state: "approved", decidedBy: admin.userId, askedBy: teacher.userId });
    expect(swap.history.map((h) => [h.step, h.by])).toEqual([
      ["ask", teacher.userId],
      ["accept", duty.userId],
      ["approve", admin.userId],
    ]);
    // SW-2: approving again is a recorded no-op; the slots do not swap back.
    expect(await step(admin, swapId, "approve")).toMatchObject({ status: "applied" });
    expect((await slotsOf(gate)).get(GIVE.id)?.data.staffIds).toEqual([duty.userId]);
  });

  it("[SW-3] a swap whose slot changed after it was asked is refused whole: no slot changes, the swap is void", async () => {
    const swapId = await askSwap();
    expect(await step(duty, swapId, "accept")).toMatchObject({ status: "applied" });
    // Meanwhile an admin adds a second person to the slot the teacher gives.
    const seen = (await slotsOf(admin)).get(GIVE.id);
    expect(await assign(admin, GIVE, [teacher.userId, gate.userId], seen?.version)).toMatchObject({
      status: "applied",
    });
    const before = await slotsOf(admin);

    const verdict = await step(admin, swapId, "approve");
    expect(verdict).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(verdict.message).toContain("the swap is void");
    expect(verdict.message).toContain(GIVE.id);
    const state = verdict.serverState as { version: number; data: Swap };
    expect(state.data.state).toBe("void");
    expect(state.data.history.at(-1)).toMatchObject({ step: "void", by: admin.userId });
    expect(state.data.history.at(-1)?.note).toContain("the roster changed since the swap was asked");

    const after = await slotsOf(teacher);
    expect(after.get(GIVE.id)).toEqual(before.get(GIVE.id));
    expect(after.get(TAKE.id)).toEqual(before.get(TAKE.id));
    expect(after.get(TAKE.id)?.data.staffIds).toEqual([duty.userId]);
    expect([...after.values()].flatMap((s) => s.data.history).some((h) => h.change === "swapped")).toBe(
      false,
    );
    expect((await pulled<Swap>(teacher, "swap", swapId)).data.state).toBe("void");
    // A void swap cannot be approved after all.
    expect(await step(admin, swapId, "approve")).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });
  });

  it("[SW-2] steps by the wrong person are forbidden: the colleague approving, a stranger accepting", async () => {
    const swapId = await askSwap();
    const byStranger = await step(gate, swapId, "accept");
    expect(byStranger).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(byStranger.message).toContain("only the colleague asked may accept");
    expect(await step(teacher, swapId, "accept")).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(await step(duty, swapId, "accept")).toMatchObject({ status: "applied" });
    const byColleague = await step(duty, swapId, "approve");
    expect(byColleague).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(byColleague.message).toContain("only an admin");
    expect(await step(gate, swapId, "cancel")).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect((await pulled<Swap>(admin, "swap", swapId)).data.state).toBe("accepted");
    expect((await slotsOf(admin)).get(GIVE.id)?.data.staffIds).toEqual([teacher.userId]);
  });

  it("[SW-1] a swap asked on a slot version the server no longer has is a conflict; a slot one does not hold is refused", async () => {
    expect(await assign(admin, GIVE, [teacher.userId])).toMatchObject({ status: "applied" });
    const swap = {
      id: ulid(),
      counterpartId: duty.userId,
      give: { slotId: GIVE.id, version: 1 },
      take: null,
      reason: "",
    };
    expect(await assign(admin, GIVE, [teacher.userId, gate.userId], 1)).toMatchObject({ status: "applied" });
    const stale = await pushOne(teacher, "swap.ask", { swap });
    expect(stale).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect((stale.serverState as { version: number }).version).toBe(2);
    const notMine = await pushOne(duty, "swap.ask", {
      swap: { ...swap, id: ulid(), counterpartId: teacher.userId, give: { slotId: GIVE.id, version: 2 } },
    });
    expect(notMine).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(notMine.message).toContain(`you do not hold ${GIVE.id}`);
    // A slot in the past cannot be given away (the server's today: 2026-11-30 in Shanghai).
    expect(await assign(admin, key("2026-11-27", "evening"), [teacher.userId])).toMatchObject({
      status: "applied",
    });
    const past = await pushOne(teacher, "swap.ask", {
      swap: {
        ...swap,
        id: ulid(),
        give: { slotId: dutySlotId("2026-11-27", "evening", CAMPUS), version: 1 },
      },
    });
    expect(past.message).toContain("2026-11-27 has passed");
    // Nor one of today that has already begun (08:30 now; the morning duty began at 06:30).
    expect(await assign(admin, key("2026-11-30", "morning"), [teacher.userId])).toMatchObject({
      status: "applied",
    });
    const begun = await pushOne(teacher, "swap.ask", {
      swap: {
        ...swap,
        id: ulid(),
        give: { slotId: dutySlotId("2026-11-30", "morning", CAMPUS), version: 1 },
      },
    });
    expect(begun).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(begun.message).toContain("has already begun");
  });

  it("[SW-1 / SW-3] a swap approved after its slot has begun is void and changes nothing", async () => {
    const today = key("2026-11-30", "evening");
    expect(await assign(admin, today, [teacher.userId])).toMatchObject({ status: "applied" });
    const swapId = ulid();
    const asked = await pushOne(teacher, "swap.ask", {
      swap: {
        id: swapId,
        counterpartId: duty.userId,
        give: { slotId: today.id, version: 1 },
        take: null,
        reason: "",
      },
    });
    expect(asked).toMatchObject({ status: "applied" });
    expect(await step(duty, swapId, "accept")).toMatchObject({ status: "applied" });
    t.clock.advanceMinutes(9 * 60); // 17:30 in Shanghai: the evening duty began at 16:30.
    const late = await step(admin, swapId, "approve");
    expect(late).toMatchObject({ status: "conflict" });
    expect(late.message).toContain("has already begun");
    expect((await pulled<Swap>(admin, "swap", swapId)).data.state).toBe("void");
    expect((await slotsOf(admin)).get(today.id)?.data.staffIds).toEqual([teacher.userId]);
  });

  // ── Templates, timetables, calendar ─────────────────────────────────────────────────────

  it("[RS-1 / TT-3] templates and timetables are checked against the school's rooms, staff and bell schedule", async () => {
    const noBuilding = template(
      "night",
      { kind: "building", building: "教学楼" },
      {
        mode: "rotation",
        staffIds: [gate.userId],
        perDay: 1,
      },
    );
    const v1 = await pushOne(admin, "rosterTemplate.upsert", { entity: noBuilding });
    expect(v1).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(v1.message).toContain('no dorm room is in building "教学楼"; buildings: 宿舍楼');
    const ghost = ulid();
    const v2 = await pushOne(admin, "rosterTemplate.upsert", {
      entity: template("morning", CAMPUS, { mode: "weekly", byWeekday: { "3": [ghost] } }),
    });
    expect(v2.message).toContain(`${ghost} is not on this school's staff`);
    // RS-2: a second active template of the same duty and scope would fight the first.
    const first = template("noon", CAMPUS, { mode: "rotation", staffIds: [duty.userId], perDay: 1 });
    expect(await pushOne(admin, "rosterTemplate.upsert", { entity: first })).toMatchObject({
      status: "applied",
    });
    const twin = await pushOne(admin, "rosterTemplate.upsert", {
      entity: { ...first, id: ulid(), name: "中午第二套" },
    });
    expect(twin).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(twin.message).toContain(`"${first.name}" already covers this duty`);
    const off = { ...first, id: ulid(), name: "中午备用", isActive: false };
    expect(await pushOne(admin, "rosterTemplate.upsert", { entity: off })).toMatchObject({
      status: "applied",
    });

    const classId = t.schools.a.classes[0]?.id as string;
    const timetable = (entries: unknown[]) => ({ entity: { id: classId, classId, entries } });
    const twice = await pushOne(
      admin,
      "timetable.upsert",
      timetable([
        { weekday: 1, period: 2, subjectTeacherId: teacher.userId },
        { weekday: 1, period: 2, subjectTeacherId: duty.userId },
        { weekday: 2, period: 9, subjectTeacherId: duty.userId },
      ]),
    );
    expect(twice).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(twice.message).toContain("weekday 1 period 2 is given twice");
    expect(twice.message).toContain("period 9 does not exist; the bell schedule has 7 periods");
    const fine = await pushOne(
      admin,
      "timetable.upsert",
      timetable([{ weekday: 1, period: 2, subjectTeacherId: duty.userId }]),
    );
    expect(fine).toMatchObject({ status: "applied" });
    const otherClass = ulid();
    const noClass = await pushOne(admin, "timetable.upsert", {
      entity: { id: otherClass, classId: otherClass, entries: [] },
    });
    expect(noClass.message).toContain(`class ${otherClass} does not exist`);
  });

  it("[CAL-5] settings with overlapping terms are refused, naming both terms", async () => {
    const school = await pulledSchool(admin);
    const spring = { id: ulid(), name: "2027春季学期", start: "2027-01-15", end: "2027-07-10" };
    const verdict = await pushOne(
      admin,
      "school.updateSettings",
      { schoolId: school.data.id, settings: { ...school.data.settings, terms: [TERM, spring] } },
      { baseVersion: school.version },
    );
    expect(verdict).toMatchObject({ status: "rejected", reason: "invalid_args" });
    expect(verdict.message).toContain(
      'Term "2027春季学期" (2027-01-15 to 2027-07-10) overlaps "2026秋季学期"',
    );
    expect(verdict.message).toContain("学期“2027春季学期”");
    expect((await pulledSchool(admin)).version).toBe(school.version);
  });

  it("[MS-3] score rules with a negative weight or all zeros are refused, naming the part; a valid table is stored", async () => {
    const school = await pulledSchool(admin);
    const withRules = (scoreRules: Record<string, number>) =>
      pushOne(
        admin,
        "school.updateSettings",
        { schoolId: school.data.id, settings: { ...school.data.settings, scoreRules } },
        { baseVersion: school.version },
      );
    const rules = { rounds: 30, hazardsOnTime: 25, noUnaccounted: 20, summariesOnTime: 15, lessons: 10 };

    const negative = await withRules({ ...rules, lessons: -5 });
    expect(negative).toMatchObject({ status: "rejected", reason: "invalid_args" });
    expect(negative.message).toContain("settings.scoreRules.lessons");
    expect(negative.message).toContain("每周安全课的分值“-5”无效");
    expect(negative.message).toContain('Weekly safety lessons: "-5" must be a whole number from 0 to 100');

    const zeros = await withRules({
      rounds: 0,
      hazardsOnTime: 0,
      noUnaccounted: 0,
      summariesOnTime: 0,
      lessons: 0,
    });
    expect(zeros).toMatchObject({ status: "rejected", reason: "invalid_args" });
    expect(zeros.message).toContain("settings.scoreRules");
    expect(zeros.message).toContain("各项分值不能全为 0 / the weights cannot all be 0");
    expect((await pulledSchool(admin)).version).toBe(school.version);

    // A table that does not add up to 100 is the school's choice.
    const mine = { ...rules, rounds: 40, lessons: 0 };
    expect(await withRules(mine)).toMatchObject({ status: "applied" });
    const stored = await pulledSchool(admin);
    expect(stored.version).toBe(school.version + 1);
    expect(stored.data.settings.scoreRules).toEqual(mine);
    expect(effectiveSettings(stored.data.settings).scoreRules).toEqual(mine);
  });

  // ── Alerts go to the slot holder first ──────────────────────────────────────────────────

  it("[RN-2] an alert names who holds the campus when it is raised (onDutyIds)", async () => {
    // Monday 2026-11-30, 17:00 in Shanghai: the evening slot.
    expect(await assign(admin, key("2026-11-30", "evening"), [duty.userId])).toMatchObject({
      status: "applied",
    });
    expect(await assign(admin, key("2026-11-30", "night", BUILDING), [gate.userId])).toMatchObject({
      status: "applied",
    });
    t.clock.advanceMinutes(8 * 60 + 30);
    const alertId = ulid();
    const res = await t.app.request("/api/v1/alerts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${teacher.token}` },
      body: JSON.stringify({
        deviceId: teacher.deviceId,
        alert: {
          alertId,
          kind: "unaccounted_pupil",
          subjectId: t.schools.a.pupils[0]?.id,
          message: "王小明 晚点名未到",
          actorUserId: teacher.userId,
          clientCreatedAt: t.clock.now().toISOString(),
        },
      }),
    });
    expect(res.status).toBe(200);
    expect((await pulled<AlertEntity>(admin, "alert", alertId)).data.onDutyIds).toEqual([duty.userId]);

    // 23:00: the night caretaker holds the campus; a critical hazard's alert names them.
    t.clock.advanceMinutes(6 * 60);
    const hazardId = ulid();
    const report = await pushOne(teacher, "hazard.report", {
      hazard: {
        id: hazardId,
        areaId: t.schools.a.areas[0]?.id,
        place: "宿舍走廊",
        severity: "critical",
        description: "走廊电线冒烟",
        photos: [],
        roundId: null,
        checklistItemId: null,
        assigneeId: null,
        alertId: null,
        deadline: t.clock.now().toISOString(),
      },
    });
    expect(report).toMatchObject({ status: "applied" });
    await admin.pullAll();
    const critical = [...admin.entities.values()]
      .map((e) => e.data as AlertEntity)
      .find((a) => a.kind === "critical_hazard" && a.subjectId === hazardId);
    expect(critical?.onDutyIds).toEqual([gate.userId]);
  });

  it("[RN-3 / RN-6] in class time or a gap the alert names nobody on duty", async () => {
    // 08:30 (the clock's start) is morning classes: the campus has no duty teacher then.
    expect(await assign(admin, key("2026-11-30", "noon"), [])).toMatchObject({ status: "applied" });
    const raise = async () => {
      const alertId = ulid();
      const res = await t.app.request("/api/v1/alerts", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${teacher.token}` },
        body: JSON.stringify({
          deviceId: teacher.deviceId,
          alert: {
            alertId,
            kind: "unaccounted_pupil",
            subjectId: ulid(),
            message: "点名未到",
            actorUserId: teacher.userId,
            clientCreatedAt: t.clock.now().toISOString(),
          },
        }),
      });
      expect(res.status).toBe(200);
      return (await pulled<AlertEntity>(admin, "alert", alertId)).data.onDutyIds;
    };
    expect(await raise()).toEqual([]);
    // 12:30: the noon slot was cleared (a gap).
    t.clock.advanceMinutes(4 * 60);
    expect(await raise()).toEqual([]);
  });
});
