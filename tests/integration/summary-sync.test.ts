// Weekly class summaries, the admin's reminders and safety-education records through the real
// sync path (issue #7 §1, §3; SYNC.md), on SQLite and PostgreSQL: save, submit and a second
// submit (WS-2), addenda only after submission, who may (the class teacher or an admin), no
// summary of a week that has not begun, reminders by the admin only, who records which
// education duty and the record's checks (ED-4), and two phones saving the same week offline.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EducationRecord } from "../../src/domain/safety-education.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import { draftNumbers, type WeeklySummary, type WeekNumbers } from "../../src/domain/weekly-summary.ts";
import type { SummaryReminder } from "../../src/protocol/summary.ts";
import type { Mutation, Verdict } from "../../src/protocol/sync.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { addBoarders, addLeadership, emptyWeekNumbers, summaryInput } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

/** The manual clock starts on Monday 2026-11-30 at 08:30 in Shanghai: this week and the last. */
const THIS_WEEK = "2026-11-30";
const LAST_WEEK = "2026-11-23";
const NEXT_WEEK = "2026-12-07";
const TERM = { id: "2026-autumn", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" };

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("weekly summaries and safety education on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  let teacher: TestPhone;
  let teacher2: TestPhone;
  let principal: TestPhone;
  let subject: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, {
      extendSchool: async (s) => {
        await addBoarders(s);
        await addLeadership(s);
        s.school.settings = { ...s.school.settings, terms: [TERM] };
      },
    });
    const login = (name: string) => TestPhone.login(t, "school-a", name);
    [admin, teacher, teacher2, principal, subject] = [
      await login("admin"),
      await login("teacher"),
      await login("teacher2"),
      await login("principal"),
      await login("subject"),
    ];
  });
  afterEach(async () => {
    await t.dispose();
  });

  const class1 = () => t.schools.a.classes[0]?.id as string;
  const class2 = () => t.schools.a.classes[1]?.id as string;
  const phoneTime = () => t.clock.now().toISOString();

  /** A mutation made now on the phone (offline or not: it is sent whenever the test says). */
  const make = (phone: TestPhone, type: string, args: Record<string, unknown>): Mutation =>
    phone.mutation(type, args, { clientCreatedAt: phoneTime() });

  async function send(phone: TestPhone, ...mutations: Mutation[]): Promise<Verdict[]> {
    return (await phone.push(mutations)).results;
  }

  const pushOne = async (phone: TestPhone, type: string, args: Record<string, unknown>) =>
    (await send(phone, make(phone, type, args)))[0] as Verdict;

  async function pulledSummary(phone: TestPhone, id: string) {
    await phone.pullAll();
    return phone.entity<WeeklySummary>("weeklySummary", id);
  }

  /** WS-1 as the phone computes it: last week of class 1, nothing recorded (three rounds × five days). */
  function lastWeekNumbers(): WeekNumbers {
    const settings = effectiveSettings(t.schools.a.school.settings);
    return draftNumbers({
      classId: class1(),
      weekStart: LAST_WEEK,
      asOf: "2026-11-29",
      asOfEnd: new Date("2026-11-29T16:00:00Z"),
      calendar: settings,
      timeZone: settings.timeZone,
      areas: t.schools.a.areas.map((a) => ({ id: a.id, kind: a.kind, classId: a.classId })),
      rounds: [],
      hazards: [],
      handovers: [],
      pupilIds: new Set(),
      alerts: [],
      education: [],
    });
  }

  // ── Save, submit, addenda (WS-2) ────────────────────────────────────────────────────────

  it("[WS-2] save, then submit, then a second submit: conflict with the summary as submitted", async () => {
    const draft = summaryInput(class1(), LAST_WEEK, "本周三查正常。", lastWeekNumbers());
    expect(draft.numbers.rounds).toMatchObject({ due: 15, done: 0 });
    expect(await pushOne(teacher, "summary.save", { summary: draft })).toMatchObject({ status: "applied" });
    const saved = await pulledSummary(admin, draft.id);
    expect(saved?.data).toMatchObject({
      state: "draft",
      text: "本周三查正常。",
      savedBy: teacher.userId,
      submittedAt: null,
    });
    expect(saved?.data.numbers).toEqual(draft.numbers);

    t.clock.advanceMinutes(10);
    // By submission the phone had more rounds synced: the numbers it sends now are the ones signed.
    const rounds = { ...draft.numbers.rounds, done: 12, missed: draft.numbers.rounds.missed.slice(0, 3) };
    const signed = { ...draft, text: "本周三查正常，无隐患。", numbers: { ...draft.numbers, rounds } };
    expect(await pushOne(teacher, "summary.submit", { summary: signed })).toMatchObject({
      status: "applied",
    });
    const submittedAt = phoneTime();

    t.clock.advanceMinutes(10);
    const again = { ...draft, text: "改过的文字", numbers: emptyWeekNumbers(LAST_WEEK) };
    const second = await pushOne(teacher, "summary.submit", { summary: again });
    expect(second).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect(second.message).toContain("already submitted");
    const state = second.serverState as { version: number; data: WeeklySummary };
    expect(state.data).toMatchObject({ state: "submitted", text: signed.text, submittedAt });

    // The submission is the snapshot the teacher signed: neither a resubmit nor a save changes it.
    expect(await pushOne(teacher, "summary.save", { summary: again })).toMatchObject({ status: "conflict" });
    const kept = await pulledSummary(admin, draft.id);
    expect(kept?.data).toMatchObject({
      state: "submitted",
      text: signed.text,
      submittedBy: teacher.userId,
      submittedAt,
    });
    expect(kept?.data.numbers).toEqual(signed.numbers);
    expect(kept?.version).toBe(state.version);
  });

  it("[WS-2] an addendum is refused before submission, accepted and appended after", async () => {
    const input = summaryInput(class1(), LAST_WEEK, "本周平安");
    const early = await pushOne(teacher, "summary.addendum", { summaryId: input.id, text: "补充一" });
    expect(early).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(early.message).toContain("submit the summary first");
    expect(await pushOne(teacher, "summary.save", { summary: input })).toMatchObject({ status: "applied" });
    expect(await pushOne(teacher, "summary.addendum", { summaryId: input.id, text: "补充一" })).toMatchObject(
      {
        status: "rejected",
        reason: "rule_violation",
      },
    );

    expect(await pushOne(teacher, "summary.submit", { summary: input })).toMatchObject({ status: "applied" });
    t.clock.advanceMinutes(60);
    const firstAt = phoneTime();
    expect(
      await pushOne(teacher, "summary.addendum", {
        summaryId: input.id,
        text: "周五一名学生扭伤脚踝，已送医",
      }),
    ).toMatchObject({ status: "applied" });
    t.clock.advanceMinutes(60);
    expect(
      await pushOne(admin, "summary.addendum", { summaryId: input.id, text: "已联系家长" }),
    ).toMatchObject({ status: "applied" });
    const got = await pulledSummary(teacher, input.id);
    expect(got?.data.state).toBe("submitted");
    expect(got?.data.text).toBe("本周平安");
    expect(got?.data.addenda).toEqual([
      { at: firstAt, by: teacher.userId, text: "周五一名学生扭伤脚踝，已送医" },
      { at: phoneTime(), by: admin.userId, text: "已联系家长" },
    ]);
  });

  // ── Who may (WS-2) ──────────────────────────────────────────────────────────────────────

  it("[WS-2] another class's teacher is forbidden, naming the class; an admin may", async () => {
    const input = summaryInput(class1(), LAST_WEEK, "别班老师写的");
    for (const type of ["summary.save", "summary.submit"]) {
      const v = await pushOne(teacher2, type, { summary: input });
      expect(v).toMatchObject({ status: "rejected", reason: "forbidden" });
      expect(v.message).toContain("三年级1班");
    }
    expect(await pulledSummary(admin, input.id)).toBeUndefined();

    const byAdmin = { ...input, text: "班主任请假，由总务主任代交" };
    expect(await pushOne(admin, "summary.save", { summary: byAdmin })).toMatchObject({ status: "applied" });
    expect(await pushOne(admin, "summary.submit", { summary: byAdmin })).toMatchObject({ status: "applied" });
    const v = await pushOne(teacher2, "summary.addendum", { summaryId: input.id, text: "补充" });
    expect(v).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect((await pulledSummary(teacher, input.id))?.data).toMatchObject({
      state: "submitted",
      submittedBy: admin.userId,
      addenda: [],
    });

    // A subject teacher has no summary to write: the registry refuses before the handler.
    const own2 = summaryInput(class2(), LAST_WEEK, "x");
    expect(await pushOne(subject, "summary.save", { summary: own2 })).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    // An unknown class is named.
    const ghost = summaryInput(ulid(), LAST_WEEK, "x");
    expect(await pushOne(admin, "summary.save", { summary: ghost })).toMatchObject({
      status: "rejected",
      reason: "not_found",
    });
  });

  it("a summary of next week is refused with a message; this week's may be drafted", async () => {
    const next = summaryInput(class1(), NEXT_WEEK, "提前写好");
    const v = await pushOne(teacher, "summary.save", { summary: next });
    expect(v).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(v.message).toContain(NEXT_WEEK);
    expect(v.message).toContain("has not begun");
    expect(await pushOne(admin, "summary.submit", { summary: next })).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });
    expect(
      await pushOne(teacher, "summary.save", { summary: summaryInput(class1(), THIS_WEEK, "周一先写一点") }),
    ).toMatchObject({ status: "applied" });
    // Numbers of another week under this week's id are refused too.
    const mixed = { ...summaryInput(class1(), THIS_WEEK, "x"), numbers: emptyWeekNumbers(LAST_WEEK) };
    expect(await pushOne(teacher, "summary.save", { summary: mixed })).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });
    // The school's time zone decides: Sunday 23:59 in Shanghai (15:59Z) is still this week,
    // one minute later (Monday 00:00 there, still Sunday in UTC) the next week has begun.
    t.clock.advanceMinutes(6 * 24 * 60 + 15 * 60 + 29);
    expect(phoneTime()).toBe("2026-12-06T15:59:00.000Z");
    expect(await pushOne(teacher, "summary.save", { summary: next })).toMatchObject({
      status: "rejected",
      reason: "rule_violation",
    });
    t.clock.advanceMinutes(1);
    expect(await pushOne(teacher, "summary.save", { summary: next })).toMatchObject({ status: "applied" });
  });

  // ── Reminders (WS-3) ────────────────────────────────────────────────────────────────────

  it("[WS-3] the admin's reminder is stored with who and when; a teacher's is refused", async () => {
    const reminder = { id: ulid(), weekStart: LAST_WEEK, classIds: [class1(), class2()], note: "请今天提交" };
    expect(await pushOne(admin, "summary.remind", { reminder })).toMatchObject({ status: "applied" });
    await teacher.pullAll();
    expect(teacher.entity<SummaryReminder>("summaryReminder", reminder.id)?.data).toEqual({
      ...reminder,
      sentBy: admin.userId,
      sentAt: phoneTime(),
    });

    const byTeacher = { ...reminder, id: ulid() };
    expect(await pushOne(teacher, "summary.remind", { reminder: byTeacher })).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });
    const ghost = ulid();
    const v = await pushOne(admin, "summary.remind", {
      reminder: { ...reminder, id: ulid(), classIds: [class1(), ghost] },
    });
    expect(v).toMatchObject({ status: "rejected", reason: "not_found" });
    expect(v.message).toContain(ghost);
  });

  // ── Safety education (ED-4 and who records) ─────────────────────────────────────────────

  const record = (kind: string, classId: string | null, date = THIS_WEEK) => ({
    record: {
      id: ulid(),
      kind,
      date,
      classId,
      topic: kind === "drill" ? "火灾疏散演练" : "防溺水",
      note: "全班参加",
      photos: ["a".repeat(64)],
    },
  });

  it("education: the class teacher records the weekly lesson, the leadership the school-wide duties", async () => {
    const lesson = record("weeklyLesson", class1());
    expect(await pushOne(teacher, "education.record", lesson)).toMatchObject({ status: "applied" });
    await admin.pullAll();
    expect(admin.entity<EducationRecord>("education", lesson.record.id)?.data).toEqual({
      ...lesson.record,
      recordedBy: teacher.userId,
      recordedAt: phoneTime(),
    });
    expect(await pushOne(admin, "education.record", record("weeklyLesson", class2()))).toMatchObject({
      status: "applied",
    });

    const other = await pushOne(teacher2, "education.record", record("weeklyLesson", class1()));
    expect(other).toMatchObject({ status: "rejected", reason: "forbidden" });
    expect(other.message).toContain("三年级1班");
    expect(await pushOne(subject, "education.record", record("weeklyLesson", class1()))).toMatchObject({
      status: "rejected",
      reason: "forbidden",
    });

    for (const phone of [teacher, subject]) {
      const v = await pushOne(phone, "education.record", record("drill", null));
      expect(v).toMatchObject({ status: "rejected", reason: "forbidden" });
      expect(v.message).toContain("principal");
    }
    for (const phone of [admin, principal])
      expect(await pushOne(phone, "education.record", record("largeLecture", null))).toMatchObject({
        status: "applied",
      });

    // Append-only: the same id again (a new mutation) is refused, the first record stands.
    const v = await pushOne(teacher, "education.record", { record: { ...lesson.record, topic: "改" } });
    expect(v).toMatchObject({ status: "rejected", reason: "rule_violation" });
    await admin.pullAll();
    expect(admin.entity<EducationRecord>("education", lesson.record.id)?.data.topic).toBe("防溺水");
  });

  it("[ED-4] a record outside the term, a lesson without a class, a school-wide one with a class", async () => {
    const outside = await pushOne(admin, "education.record", record("drill", null, "2027-02-15"));
    expect(outside).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(outside.message).toContain(
      "record.date: 2027-02-15 不在任何学期内 / 2027-02-15 is outside every term",
    );

    const noClass = await pushOne(admin, "education.record", record("weeklyLesson", null));
    expect(noClass).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(noClass.message).toContain("record.classId: 每周安全课要选班级");

    const withClass = await pushOne(principal, "education.record", record("monthlyTheme", class1()));
    expect(withClass).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(withClass.message).toContain("a school-wide activity names no class");

    await admin.pullAll();
    expect([...admin.entities.keys()].filter((k) => k.startsWith("education/"))).toEqual([]);
  });

  // ── Two phones offline (WS-2) ───────────────────────────────────────────────────────────

  it("[WS-2] the class teacher's and the admin's phones save offline: the later save wins a draft, a late save after submission is a conflict", async () => {
    const id = summaryInput(class1(), LAST_WEEK, "").id;
    // Both phones are offline on Sunday evening; each saves a draft of class 1's week.
    t.clock.advanceMinutes(-12 * 60);
    const fromTeacher = make(teacher, "summary.save", {
      summary: summaryInput(class1(), LAST_WEEK, "老师手机上的草稿"),
    });
    t.clock.advanceMinutes(5);
    const fromAdmin = make(admin, "summary.save", {
      summary: summaryInput(class1(), LAST_WEEK, "总务主任手机上的草稿"),
    });
    const lateFromAdmin = make(admin, "summary.save", {
      summary: summaryInput(class1(), LAST_WEEK, "总务主任后来又改了"),
    });
    t.clock.advanceMinutes(12 * 60);

    // Monday morning: the teacher's phone syncs first, then the admin's.
    expect(await send(teacher, fromTeacher)).toMatchObject([{ status: "applied" }]);
    expect(await send(admin, fromAdmin)).toMatchObject([{ status: "applied" }]);
    const draft = await pulledSummary(teacher, id);
    expect(draft?.data).toMatchObject({
      state: "draft",
      text: "总务主任手机上的草稿",
      savedBy: admin.userId,
    });

    // The teacher submits from the phone; the admin's phone had one more offline save queued.
    const signed = summaryInput(class1(), LAST_WEEK, "班主任提交的定稿");
    expect(await pushOne(teacher, "summary.submit", { summary: signed })).toMatchObject({
      status: "applied",
    });
    const late = (await send(admin, lateFromAdmin))[0] as Verdict;
    expect(late).toMatchObject({ status: "conflict", reason: "version_conflict" });
    expect((late.serverState as { data: WeeklySummary }).data).toMatchObject({
      state: "submitted",
      text: "班主任提交的定稿",
      submittedBy: teacher.userId,
    });
    expect((await pulledSummary(admin, id))?.data.text).toBe("班主任提交的定稿");

    // Sent again (a retry), the stored verdict answers: still the conflict, nothing applied twice.
    expect(await send(admin, lateFromAdmin)).toMatchObject([{ status: "conflict" }]);
  });
});
