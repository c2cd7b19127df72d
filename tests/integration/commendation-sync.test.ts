// The month's commendation (总结表彰) through the real sync path (issue #7 §2; SYNC.md), on SQLite
// and PostgreSQL: the admin's mark and the class teacher's guardians meet in one record whatever
// order two offline phones sync in (CM-1, CM-3, CM-4), unmarking clears the citation, a month
// that has not begun is refused (CM-2, by the server's clock in the school's time zone), who may
// (the registry: admin marks; the class teacher of THAT class or an admin names), pupils of the
// class only, an unknown class, a retry, and a third phone pulling the merged record.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addMonths, type Commendation, commendationId, monthOf } from "../../src/domain/commendation.ts";
import { localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import type { Mutation, Verdict } from "../../src/protocol/sync.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { addBoarders, addLeadership } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("the month's commendation on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  let teacher: TestPhone;
  let teacher2: TestPhone;
  let principal: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, {
      extendSchool: async (s) => {
        await addBoarders(s);
        await addLeadership(s);
      },
    });
    const login = (name: string) => TestPhone.login(t, "school-a", name);
    [admin, teacher, teacher2, principal] = [
      await login("admin"),
      await login("teacher"),
      await login("teacher2"),
      await login("principal"),
    ];
  });
  afterEach(async () => {
    await t.dispose();
  });

  const class1 = () => t.schools.a.classes[0]?.id as string;
  const class2 = () => t.schools.a.classes[1]?.id as string;
  const pupil = (name: string) => {
    const p = t.schools.a.pupils.find((x) => x.name === name);
    if (!p) throw new Error(`no pupil ${name}`);
    return p.id as string;
  };
  const phoneTime = () => t.clock.now().toISOString();
  /** The school's month now, by the (manual) server clock in the school's time zone (2026-11). */
  const thisMonth = () =>
    monthOf(localDateOf(t.clock.now(), effectiveSettings(t.schools.a.school.settings).timeZone));
  const lastMonth = () => addMonths(thisMonth(), -1);

  const make = (phone: TestPhone, type: string, args: Record<string, unknown>): Mutation =>
    phone.mutation(type, args, { clientCreatedAt: phoneTime() });

  async function send(phone: TestPhone, ...mutations: Mutation[]): Promise<Verdict[]> {
    return (await phone.push(mutations)).results;
  }

  const pushOne = async (phone: TestPhone, type: string, args: Record<string, unknown>) =>
    (await send(phone, make(phone, type, args)))[0] as Verdict;

  const mark = (month: string, classId: string, commended: boolean, citation = "") => ({
    mark: { month, classId, commended, citation },
  });
  const guardians = (month: string, classId: string, pupilIds: string[]) => ({
    guardians: { month, classId, pupilIds },
  });

  async function pulled(phone: TestPhone, month: string, classId: string) {
    await phone.pullAll();
    return phone.entity<Commendation>("commendation", commendationId(month, classId));
  }

  // ── CM-1, CM-3, CM-4: two offline phones, one record ─────────────────────────────────────

  for (const order of ["admin first", "teacher first"] as const)
    it(`[CM-1][CM-3][CM-4] the admin's mark and the teacher's guardians meet in one record (${order})`, async () => {
      const month = lastMonth();
      // Both phones are offline; each makes its change, the admin's ten minutes earlier.
      t.clock.advanceMinutes(-60);
      const markAt = phoneTime();
      const fromAdmin = make(
        admin,
        "commendation.mark",
        mark(month, class1(), true, "  三查认真，隐患整改及时  "),
      );
      t.clock.advanceMinutes(10);
      const namedAt = phoneTime();
      const fromTeacher = make(
        teacher,
        "commendation.guardians",
        guardians(month, class1(), [pupil("李小红"), pupil("王小明")]),
      );
      t.clock.advanceMinutes(50);

      const [first, second] =
        order === "admin first"
          ? ([
              [admin, fromAdmin],
              [teacher, fromTeacher],
            ] as const)
          : ([
              [teacher, fromTeacher],
              [admin, fromAdmin],
            ] as const);
      expect(await send(first[0], first[1])).toMatchObject([{ status: "applied" }]);
      expect(await send(second[0], second[1])).toMatchObject([{ status: "applied" }]);

      // A third phone pulls the one merged record.
      const got = await pulled(principal, month, class1());
      expect(got?.data).toEqual({
        id: commendationId(month, class1()),
        month,
        classId: class1(),
        commended: true,
        citation: "三查认真，隐患整改及时",
        commendedBy: admin.userId,
        commendedAt: markAt,
        guardianIds: [pupil("李小红"), pupil("王小明")],
        guardiansBy: teacher.userId,
        guardiansAt: namedAt,
      });
      expect([...principal.entities.keys()].filter((k) => k.startsWith("commendation/"))).toEqual([
        `commendation/${commendationId(month, class1())}`,
      ]);
    });

  it("[CM-3] unmarking clears the citation and keeps the guardians; the last mark stands", async () => {
    const month = thisMonth();
    expect(
      await pushOne(admin, "commendation.mark", mark(month, class2(), true, "住宿生纪律好")),
    ).toMatchObject({
      status: "applied",
    });
    expect(
      await pushOne(teacher2, "commendation.guardians", guardians(month, class2(), [pupil("周小军")])),
    ).toMatchObject({ status: "applied" });
    t.clock.advanceMinutes(5);
    expect(
      await pushOne(admin, "commendation.mark", mark(month, class2(), false, "住宿生纪律好")),
    ).toMatchObject({
      status: "applied",
    });
    const got = await pulled(teacher2, month, class2());
    expect(got?.data).toMatchObject({
      commended: false,
      citation: "",
      commendedBy: admin.userId,
      commendedAt: phoneTime(),
      guardianIds: [pupil("周小军")],
      guardiansBy: teacher2.userId,
    });

    // An admin may name guardians too; an empty list clears them and leaves the mark.
    expect(await pushOne(admin, "commendation.guardians", guardians(month, class2(), []))).toMatchObject({
      status: "applied",
    });
    expect((await pulled(teacher2, month, class2()))?.data).toMatchObject({
      commended: false,
      guardianIds: [],
      guardiansBy: admin.userId,
    });
  });

  // ── CM-2: the month ──────────────────────────────────────────────────────────────────────

  it("[CM-2] a month that has not begun is refused, naming it; this month is fine", async () => {
    const next = addMonths(thisMonth(), 1);
    const v = await pushOne(admin, "commendation.mark", mark(next, class1(), true, "提前表彰"));
    expect(v).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(v.message).toContain(`mark.month: ${next}`);
    expect(v.message).toContain(`${next} has not begun; this month is ${thisMonth()}`);

    const g = await pushOne(teacher, "commendation.guardians", guardians(next, class1(), [pupil("王小明")]));
    expect(g).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(g.message).toContain(`guardians.month: ${next}`);
    expect(await pulled(admin, next, class1())).toBeUndefined();

    expect(
      await pushOne(teacher, "commendation.guardians", guardians(thisMonth(), class1(), [pupil("王小明")])),
    ).toMatchObject({ status: "applied" });
  });

  it("[CM-2] the school's time zone decides when the next month begins", async () => {
    // The manual clock starts on 2026-11-30 08:30 in Shanghai: 15:59Z on 30 November is still
    // November there, one minute later (00:00 on 1 December there, still 30 November in UTC) is not.
    const dec = addMonths(thisMonth(), 1);
    t.clock.advanceMinutes(15 * 60 + 29);
    expect(phoneTime()).toBe("2026-11-30T15:59:00.000Z");
    expect(await pushOne(admin, "commendation.mark", mark(dec, class1(), true))).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });
    t.clock.advanceMinutes(1);
    expect(await pushOne(admin, "commendation.mark", mark(dec, class1(), true))).toMatchObject({
      status: "applied",
    });
  });

  // ── CM-4: who and whom ───────────────────────────────────────────────────────────────────

  it("[CM-4] a pupil of another class is refused, naming the pupil; nothing is stored", async () => {
    const month = lastMonth();
    const v = await pushOne(
      teacher,
      "commendation.guardians",
      guardians(month, class1(), [pupil("王小明"), pupil("周小军")]),
    );
    expect(v).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(v.message).toContain(
      "guardians.pupilIds: 周小军 不是本班学生 / 周小军 is not a pupil of this class",
    );
    expect(v.message).not.toContain("王小明");

    const twice = await pushOne(
      teacher,
      "commendation.guardians",
      guardians(month, class1(), [pupil("王小明"), pupil("王小明")]),
    );
    expect(twice).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(twice.message).toContain("王小明 is chosen twice");

    const ghost = ulid();
    const unknown = await pushOne(teacher, "commendation.guardians", guardians(month, class1(), [ghost]));
    expect(unknown).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(unknown.message).toContain(`pupil ${ghost} does not exist`);
    expect(await pulled(admin, month, class1())).toBeUndefined();
  });

  it("[CM-4] the class teacher of another class is forbidden, naming the class", async () => {
    const v = await pushOne(
      teacher2,
      "commendation.guardians",
      guardians(lastMonth(), class1(), [pupil("王小明")]),
    );
    expect(v).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(v.message).toContain("三年级1班");
    expect(v.message).toContain("only the class teacher of");
    expect(await pulled(admin, lastMonth(), class1())).toBeUndefined();
  });

  it("[CM-3] only an admin marks: a class teacher's or the principal's mark is refused by the registry", async () => {
    for (const phone of [teacher, principal]) {
      const v = await pushOne(phone, "commendation.mark", mark(lastMonth(), class1(), true, "自己表彰自己"));
      expect(v).toMatchObject({ status: "rejected", reason: "forbidden" });
    }
    expect(await pulled(admin, lastMonth(), class1())).toBeUndefined();
  });

  it("an unknown class is not found, naming it", async () => {
    const ghost = ulid();
    const v = await pushOne(admin, "commendation.mark", mark(lastMonth(), ghost, true));
    expect(v).toMatchObject({ status: "rejected", reason: "not_found" });
    expect(v.message).toContain(`mark.classId: 班级 ${ghost} 不存在`);
    const g = await pushOne(admin, "commendation.guardians", guardians(lastMonth(), ghost, []));
    expect(g).toMatchObject({ status: "rejected", reason: "not_found" });
    expect(g.message).toContain(ghost);
  });

  it("the same mutation pushed twice is a duplicate: one change", async () => {
    const once = make(admin, "commendation.mark", mark(lastMonth(), class1(), true, "好"));
    const [first] = await send(admin, once);
    expect(first).toMatchObject({ status: "applied" });
    const before = await pulled(principal, lastMonth(), class1());
    expect(await send(admin, once)).toMatchObject([{ status: "duplicate", serverSeq: first?.serverSeq }]);
    const after = await pulled(principal, lastMonth(), class1());
    expect(after?.version).toBe(before?.version);
    expect(after?.data).toMatchObject({ commended: true, citation: "好" });
  });
});
