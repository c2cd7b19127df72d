// Need-to-know (issue #16 §9, docs/need-to-know.md, domain/need-to-know.ts NK-1..10) through the
// real app on SQLite and PostgreSQL: what each role's pull and GET /reference carry, a shared
// phone's union, the reset that resends or hides when roles, sign-ins or the roster change, and
// NK-10: every phone computes the school's weekly numbers (WS-1), so the month's ranking. The clock is Monday 2026-11-30 08:30 in Shanghai: the roll-call dates are Monday and
// Tuesday, and every test puts people on both dates' evening and night slots.
import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAccountStore } from "../../src/client/db/account-store.ts";
import { openDb } from "../../src/client/db/db.ts";
import { numbersFor, type WeekRecords } from "../../src/client/features/summaries/summary-model.ts";
import { createHttpTransport } from "../../src/client/sync/http-transport.ts";
import { SyncEngine, type Timers } from "../../src/client/sync/sync-engine.ts";
import { type Handover, handoverId } from "../../src/domain/handover.ts";
import type { Leave, RollCallException } from "../../src/domain/roll-call.ts";
import { dutySlotId } from "../../src/domain/roster.ts";
import { localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings } from "../../src/domain/school-settings.ts";
import { weeksOfMonth } from "../../src/domain/weekly-summary.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import type { Area, Pupil, ReferenceSnapshot, SchoolClass, Staff } from "../../src/protocol/reference.ts";
import type { Verdict } from "../../src/protocol/sync.ts";
import { encodeCursor } from "../../src/server/sync/cursor.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";
import { addBoarders, addLeadership, addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

const DATES = ["2026-11-30", "2026-12-01"];
const OLD_BUILDING = "宿舍楼";
const GIRLS_BUILDING = "女生宿舍楼";
/** addBoarders' room 男生1室 (宿舍楼): class 1's four boarders and class 2's 周小军. */
const BOYS_ROOM = ["王小明", "李小红", "张小刚", "陈小丽", "周小军"];
const CLASS1 = ["王小明", "李小红", "张小刚", "陈小丽", "赵小东"];
const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("need-to-know pulls on %s", (_engine, open) => {
  let t: TestApp;
  let admin: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, {
      extendSchool: async (s) => {
        await addSafetyCrew(s);
        await addBoarders(s);
        await addLeadership(s);
        // A second building with one room and one boarder of class 2.
        const room = {
          id: ulid() as never,
          name: "女生1室",
          building: GIRLS_BUILDING,
          gender: "female" as const,
          capacity: 60,
        };
        s.dormRooms.push(room);
        s.pupils.push({
          id: ulid() as never,
          studentNo: `${s.school.code}-0007`,
          name: "林小芳",
          gender: "female",
          classId: s.classes[1]?.id as never,
          isBoarder: true,
          dormRoomId: room.id,
          bed: "1号床",
        });
      },
    });
    admin = await TestPhone.login(t, "school-a", "admin");
    await setNights({ [OLD_BUILDING]: "keeper", [GIRLS_BUILDING]: "keeper2" });
  });
  afterEach(async () => {
    await t.dispose();
  });

  const school = () => t.schools.a;
  const staffId = (login: string) => school().staff.find((s) => s.login === login)?.id as string;
  const pupilId = (name: string) => school().pupils.find((p) => p.name === name)?.id as string;
  const login = (name: string) => TestPhone.login(t, "school-a", name);

  async function pushOk(phone: TestPhone, type: string, args: Record<string, unknown>, baseVersion?: number) {
    const res = await phone.push([
      phone.mutation(type, args, {
        clientCreatedAt: t.clock.now().toISOString(),
        ...(baseVersion === undefined ? {} : { baseVersion }),
      }),
    ]);
    expect(res.results.map((r: Verdict) => `${r.status} ${r.message ?? ""}`)).toEqual(["applied "]);
  }

  /** The evening duty is 张值日 on both dates; each building's night as given. */
  async function setNights(nights: Record<string, string>) {
    await admin.pullAll();
    const assign = (date: string, kind: "evening" | "night", scope: Record<string, unknown>, who: string) => {
      const id = dutySlotId(date, kind, scope as never);
      const version = admin.entity("dutySlot", id)?.version;
      return admin.mutation(
        "roster.assign",
        { slot: { id, date, kind, scope }, staffIds: [staffId(who)] },
        version === undefined ? {} : { baseVersion: version },
      );
    };
    const res = await admin.push(
      DATES.flatMap((date) => [
        assign(date, "evening", { kind: "campus" }, "duty"),
        ...Object.entries(nights).map(([building, who]) =>
          assign(date, "night", { kind: "building", building }, who),
        ),
      ]),
    );
    expect(res.results.every((r) => r.status === "applied")).toBe(true);
  }

  const of = <T>(phone: TestPhone, type: string) =>
    [...phone.entities.entries()].filter(([key]) => key.startsWith(`${type}/`)).map(([, e]) => e.data as T);
  /** The pupils the phone sees (NK-10: the others arrive hidden). */
  const pupilNames = (phone: TestPhone) =>
    of<Pupil>(phone, "pupil")
      .filter((p) => !p.isHidden)
      .map((p) => p.name)
      .sort();
  /** NK-10: a hidden pupil says which class, and boarder or not; nothing that identifies them. */
  const expectHidden = (pupils: readonly Pupil[], count: number) => {
    expect(pupils).toHaveLength(count);
    for (const p of pupils)
      expect(p).toEqual({
        id: p.id,
        studentNo: "",
        name: "",
        gender: null,
        classId: school().pupils.find((q) => q.id === p.id)?.classId,
        isBoarder: school().pupils.find((q) => q.id === p.id)?.isBoarder,
        dormRoomId: null,
        bed: null,
        isHidden: true,
      });
  };
  const hiddenOf = (phone: TestPhone) => of<Pupil>(phone, "pupil").filter((p) => p.isHidden);
  const sorted = (names: string[]) => [...names].sort();

  async function recordLeave(phone: TestPhone, pupil: string, note: string) {
    const leave = { id: ulid(), pupilId: pupilId(pupil), from: DATES[0], to: DATES[0], note };
    await pushOk(phone, "leave.record", { leave });
    return leave.id;
  }

  it("NK-8, NK-10: every pupil record the gatekeeper gets is hidden (no name, student number, room or bed); no leave, no logins; alerts, areas and the roster all the same", async () => {
    const teacher = await login("teacher");
    await recordLeave(teacher, "王小明", "发烧");
    const gate = await login("gate");
    await gate.pullAll();
    expectHidden(of<Pupil>(gate, "pupil"), 7);
    expect(of(gate, "leave")).toEqual([]);
    expect(of<Staff>(gate, "staff").map((s) => s.login)).toEqual(school().staff.map(() => ""));
    expect(of<Staff>(gate, "staff").map((s) => s.name)).toContain("李老师");
    expect(of(gate, "area")).toHaveLength(school().areas.length);
    expect(of(gate, "dutySlot")).toHaveLength(6);

    // GET /reference: the same rule.
    const res = await t.app.request("/api/v1/reference", {
      headers: { authorization: `Bearer ${gate.token}` },
    });
    const ref = (await res.json()) as ReferenceSnapshot;
    expectHidden(ref.pupils, 7);
    expect(ref.staff.every((s) => s.login === "")).toBe(true);
    expect(ref.classes).toHaveLength(2);
  });

  it("NK-2, NK-4: the admin gets everyone; the evening duty every boarder and no day pupil", async () => {
    await admin.pullAll();
    expect(of(admin, "pupil")).toHaveLength(7);
    expect(of<Staff>(admin, "staff").find((s) => s.login === "gate")).toBeDefined();
    const duty = await login("duty");
    await duty.pullAll();
    expect(pupilNames(duty)).toEqual(sorted([...BOYS_ROOM, "林小芳"]));
    expectHidden(hiddenOf(duty), 1);
  });

  it("NK-5: a caretaker's phone gets the boarders of their building only", async () => {
    const keeper = await login("keeper");
    await keeper.pullAll();
    expect(pupilNames(keeper)).toEqual(sorted(BOYS_ROOM));
    const keeper2 = await login("keeper2");
    await keeper2.pullAll();
    expect(pupilNames(keeper2)).toEqual(["林小芳"]);
    expectHidden(hiddenOf(keeper2), 6);
  });

  it("NK-6: leave reasons reach the pupil's class teacher; the caretaker and the evening duty get the dates only", async () => {
    const teacher = await login("teacher");
    const teacher2 = await login("teacher2");
    const own = await recordLeave(teacher, "王小明", "发烧，家长接回");
    const other = await recordLeave(teacher2, "周小军", "去医院复查");
    await teacher.pullAll();
    await teacher2.pullAll();
    expect(pupilNames(teacher)).toEqual(sorted(CLASS1));
    expect(of<Leave>(teacher, "leave").map((l) => [l.id, l.note])).toEqual([[own, "发烧，家长接回"]]);
    expect(of<Leave>(teacher2, "leave").map((l) => [l.id, l.note])).toEqual([[other, "去医院复查"]]);
    for (const who of ["keeper", "duty"]) {
      const phone = await login(who);
      await phone.pullAll();
      expect(
        of<Leave>(phone, "leave")
          .map((l) => [l.id, l.note, l.from])
          .sort(),
      ).toEqual(
        [
          [own, "", DATES[0]],
          [other, "", DATES[0]],
        ].sort(),
      );
    }
  });

  it("NK-1: a phone with the gatekeeper and a class teacher signed in gets the union, and a reset when the second signs in", async () => {
    const phone = await login("gate");
    await phone.pullAll();
    expect(pupilNames(phone)).toEqual([]);
    const gateToken = phone.token;
    await phone.login("teacher");
    const teacherToken = phone.token;
    // The gatekeeper's own token pulls for the device: what the teacher may see arrives.
    phone.token = gateToken;
    const first = await phone.pullPage();
    expect(first.reset).toBe(true);
    await phone.pullAll();
    expect(pupilNames(phone)).toEqual(sorted(CLASS1));

    // The teacher signs out: the phone is reset to what the gatekeeper may see.
    const res = await t.app.request("/api/v1/auth/logout", {
      method: "POST",
      headers: { authorization: `Bearer ${teacherToken}` },
    });
    expect(res.status).toBeLessThan(300);
    const after = await phone.pullPage();
    expect(after.reset).toBe(true);
    await phone.pullAll();
    expect(pupilNames(phone)).toEqual([]);
  });

  it("NK-3: the admin names another class teacher: the old one's next pull is a reset without those pupils", async () => {
    const teacher = await login("teacher");
    await recordLeave(teacher, "王小明", "发烧");
    await teacher.pullAll();
    expect(pupilNames(teacher)).toEqual(sorted(CLASS1));
    await admin.pullAll();
    const class1 = admin.entity<SchoolClass>("class", school().classes[0]?.id as string);
    if (!class1) throw new Error("the admin has no class 1");
    await pushOk(
      admin,
      "class.upsert",
      { entity: { ...class1.data, classTeacherId: staffId("teacher2") } },
      class1.version,
    );

    const page = await teacher.pullPage();
    expect(page.reset).toBe(true);
    await teacher.pullAll();
    expect(pupilNames(teacher)).toEqual([]);
    expect(of(teacher, "leave")).toEqual([]);
  });

  it("NK-2: the admin takes the principal's role: their next pull is a reset without any pupil", async () => {
    const principal = await login("principal");
    await principal.pullAll();
    expect(of(principal, "pupil")).toHaveLength(7);
    await admin.pullAll();
    const row = admin.entity<Staff>("staff", principal.userId);
    if (!row) throw new Error("the admin has no staff record of the principal");
    await pushOk(admin, "staff.upsert", { entity: { ...row.data, roles: ["subject_teacher"] } }, row.version);

    const page = await principal.pullPage();
    expect(page.reset).toBe(true);
    await principal.pullAll();
    expect(pupilNames(principal)).toEqual([]);
    expect(of<Staff>(principal, "staff").every((s) => s.login === "")).toBe(true);
  });

  it("NK-5: a caretaker moved to another building gets its boarders and loses the old ones", async () => {
    const keeper = await login("keeper");
    await keeper.pullAll();
    expect(pupilNames(keeper)).toEqual(sorted(BOYS_ROOM));
    await setNights({ [OLD_BUILDING]: "keeper2", [GIRLS_BUILDING]: "keeper" });
    const page = await keeper.pullPage();
    expect(page.reset).toBe(true);
    await keeper.pullAll();
    expect(pupilNames(keeper)).toEqual(["林小芳"]);
  });

  it("NK-9, NK-10: a pupil who moves to a room the phone does not see is hidden on it by an upsert", async () => {
    const keeper = await login("keeper");
    await keeper.pullAll();
    await admin.pullAll();
    const row = admin.entity<Pupil>("pupil", pupilId("王小明"));
    if (!row) throw new Error("no pupil");
    const girlsRoom = school().dormRooms[1]?.id;
    await pushOk(admin, "pupil.upsert", { entity: { ...row.data, dormRoomId: girlsRoom } }, row.version);
    const page = await keeper.pullAll();
    expect(page.reset).toBeUndefined();
    expect(pupilNames(keeper)).toEqual(sorted(BOYS_ROOM.filter((n) => n !== "王小明")));
    expectHidden(
      hiddenOf(keeper).filter((p) => p.id === row.data.id),
      1,
    );
  });

  /** WS-1 as the summary and month pages compute it (summary-model.ts numbersFor), from what a phone holds. */
  function weeklyNumbersOn(phone: TestPhone) {
    const settings = effectiveSettings(school().school.settings);
    const now = t.clock.now();
    const today = localDateOf(now, settings.timeZone);
    const records: WeekRecords = {
      rounds: of(phone, "round"),
      hazards: of(phone, "hazard"),
      handovers: of<Handover>(phone, "handover"),
      alerts: of(phone, "alert"),
      education: of(phone, "education"),
      pupils: of<Pupil>(phone, "pupil"),
    };
    const weeks = [...weeksOfMonth("2026-11", settings), ...weeksOfMonth("2026-12", settings)];
    return of<SchoolClass>(phone, "class")
      .map((c) => c.id as string)
      .sort()
      .flatMap((classId) =>
        weeks.map((weekStart) => ({
          classId,
          weekStart,
          numbers: numbersFor({
            classId,
            weekStart,
            now,
            today,
            calendar: settings,
            timeZone: settings.timeZone,
            areas: of<Area>(phone, "area"),
            records,
          }),
        })),
      );
  }

  it("NK-10: for every class and every week, the weekly numbers (WS-1, the month's ranking) on every phone are the admin's", async () => {
    const [teacher, teacher2, duty] = [await login("teacher"), await login("teacher2"), await login("duty")];
    const date = DATES[0] as string;
    const give = (
      phone: TestPhone,
      kind: "dismissal" | "bedtime",
      group: Handover["group"],
      names: string[],
      exceptions: RollCallException[],
      alertIds: string[] = [],
    ) =>
      pushOk(phone, "handover.give", {
        handover: {
          id: handoverId(date, kind, group),
          date,
          kind,
          group,
          rollCall: { expected: names.map(pupilId), onLeave: [], exceptions },
          alertIds,
          // The clock is 08:30, outside every roll call's window (RW-3 asks why).
          outsideWindow: { reason: "测试：时间之外" },
        },
      });
    const [class1, class2] = school().classes.map((c) => ({
      kind: "class" as const,
      classId: c.id as string,
    }));
    if (!class1 || !class2) throw new Error("two classes expected");
    await give(teacher, "dismissal", class1, CLASS1.slice(0, 4), [
      { pupilId: pupilId("李小红"), reason: "sick", note: "发烧，在医务室" },
      {
        pupilId: pupilId("陈小丽"),
        reason: "picked_up",
        pickedUpBy: "母亲 陈芳",
        pickedUpAt: t.clock.now().toISOString(),
      },
    ]);
    await give(
      teacher2,
      "dismissal",
      class2,
      ["周小军", "林小芳"],
      [
        {
          pupilId: pupilId("周小军"),
          reason: "picked_up",
          pickedUpBy: "父亲 周强",
          pickedUpAt: t.clock.now().toISOString(),
        },
        { pupilId: pupilId("林小芳"), reason: "unaccounted" },
      ],
      [ulid()],
    );
    const room = { kind: "room" as const, roomId: school().dormRooms[0]?.id as string };
    await give(duty, "bedtime", room, BOYS_ROOM, [
      { pupilId: pupilId("张小刚"), reason: "sick", note: "咳嗽" },
    ]);

    await admin.pullAll();
    const adminNumbers = weeklyNumbersOn(admin);
    const week = (classId: string) =>
      adminNumbers.find((w) => w.classId === classId && w.weekStart === date)?.numbers;
    // Not empty numbers: each class has exceptions, class 2 an unaccounted pupil.
    expect(week(class1.classId)?.exceptions).toMatchObject({ sick: 2, picked_up: 1 });
    expect(week(class2.classId)?.exceptions).toMatchObject({ picked_up: 1, unaccounted: 1 });
    expect(week(class2.classId)?.unaccounted).toHaveLength(1);

    for (const who of ["teacher", "teacher2", "keeper", "keeper2", "duty", "gate", "subject"]) {
      const phone = await login(who);
      await phone.pullAll();
      expect({ who, numbers: weeklyNumbersOn(phone) }).toEqual({ who, numbers: adminNumbers });
      // The notes of pupils the phone does not see stay off it.
      const notes = of<Handover>(phone, "handover").flatMap(
        (h) => h.give?.rollCall.exceptions.flatMap((e) => [e.note, e.pickedUpBy]) ?? [],
      );
      if (who === "gate" || who === "subject") expect(notes.filter(Boolean)).toEqual([]);
    }
  });

  it("NK-10: an admin cannot save a pupil as hidden: the push is refused naming isHidden", async () => {
    await admin.pullAll();
    const row = admin.entity<Pupil>("pupil", pupilId("王小明"));
    if (!row) throw new Error("no pupil");
    const res = await admin.push([
      admin.mutation(
        "pupil.upsert",
        { entity: { ...row.data, isHidden: true } },
        { baseVersion: row.version },
      ),
    ]);
    expect(res.results[0]).toMatchObject({ status: "rejected" });
    expect(res.results[0]?.message).toContain("isHidden");
  });

  it("a cursor from before need-to-know (no scope) resets; pages of one row skip what is not seen and still end", async () => {
    // Leave the gatekeeper's phone is not sent (NK-6): rows read, none sent.
    const teacher = await login("teacher");
    for (const name of ["王小明", "李小红", "张小刚"]) await recordLeave(teacher, name, "病假");
    const gate = await login("gate");
    const whole = await gate.pullAll();
    const all = new Map(gate.entities);
    const old = encodeCursor({ epoch: await t.store.epoch(), schoolId: school().school.id, seq: 1 });
    expect((await gate.pullPage(undefined, old)).reset).toBe(true);

    gate.entities.clear();
    gate.cursor = undefined;
    let pages = 0;
    let empty = 0;
    for (;;) {
      const page = await gate.pullPage(1);
      pages++;
      if (page.changes.length === 0) empty++;
      for (const c of page.changes)
        gate.entities.set(`${c.entityType}/${c.entityId}`, { version: c.version, data: c.data });
      expect(page.nextCursor).not.toBe(gate.cursor);
      gate.cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(empty).toBeGreaterThan(0);
    expect(pages).toBeLessThan(1000);
    expect(gate.entities).toEqual(all);
    expect(whole.throughSeq).toBeGreaterThan(0);
  });

  it("the phone's own sync engine, a page at a time, ends with all the gatekeeper may see and none of the pupils", async () => {
    const db = openDb(`need-${ulid()}`);
    const deviceId = ulid();
    const now = () => t.clock.now().getTime();
    const engine = new SyncEngine({
      db,
      transport: createHttpTransport({
        fetch: (input, init) => t.app.request(input, init) as Promise<Response>,
      }),
      clock: now,
      random: () => 0.5,
      timers: idleTimers,
      pullLimit: 2,
    });
    try {
      const res = await t.app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ school: "school-a", login: "gate", password: PASSWORD, deviceId }),
      });
      await createAccountStore(db, now).saveLogin(LoginResponse.parse(await res.json()));
      const result = await engine.syncOnce();
      expect(result.state).toBe("idle");
      const gate = await login("gate");
      await gate.pullAll();
      const mirrored = (await db.mirror.toArray()).map((r) => `${r.entityType}/${r.entityId}`).sort();
      expect(mirrored).toEqual([...gate.entities.keys()].sort());
      const pupils = (await db.mirror.toArray()).filter((r) => r.entityType === "pupil");
      expect(pupils.map((r) => (r.data as Pupil).isHidden)).toEqual(school().pupils.map(() => true));
      expect(pupils.every((r) => (r.data as Pupil).name === "")).toBe(true);
    } finally {
      engine.dispose();
      db.close();
    }
  });
});
