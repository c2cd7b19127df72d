// ONE contract for the server store, run against SQLite and PostgreSQL (SYNC.md S10): the
// same calls must give the same answers on both engines.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS, runMigrations } from "../../src/server/storage/migrations.ts";
import { Store } from "../../src/server/storage/store.ts";
import { smallSchool } from "../support/test-schools.ts";
import type { TestStore } from "../support/test-stores.ts";

const NOW = new Date("2026-11-30T02:00:00Z");

export function describeStoreContract(engine: string, open: (now: Date) => Promise<TestStore>) {
  describe(`store contract on ${engine}`, () => {
    let ts: TestStore;
    let store: Store;
    beforeEach(async () => {
      ts = await open(NOW);
      store = ts.store;
    });
    afterEach(async () => {
      await ts.dispose();
    });

    it("records every migration once, and running them again applies nothing", async () => {
      const rows = await store.driver.all<{ id: number; name: string }>(
        "SELECT id, name FROM schema_migrations ORDER BY id",
      );
      expect(rows.map((r) => Number(r.id))).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await runMigrations(store.driver, NOW)).toEqual([]);
      const second = await ts.reopen();
      expect(await second.countSchools()).toBe(0);
    });

    it("upgrading a database made by migration 1 moves its reference data into synced entities", async () => {
      const driver = await ts.emptyDriver();
      await runMigrations(driver, NOW, MIGRATIONS.slice(0, 1));
      const t = NOW.getTime();
      await driver.run(
        "INSERT INTO schools (id, code, name, settings, created_at) VALUES ('S1', 'old', '旧学校', ?, ?)",
        [JSON.stringify({ timeZone: "Asia/Shanghai", timeSlots: {} }), t],
      );
      await driver.run(
        `INSERT INTO staff (school_id, id, login, name, roles, phone, is_active, password_hash, must_change_password, created_at, updated_at)
         VALUES ('S1', 'T1', 'li', '李老师', '["class_teacher"]', NULL, 1, 'h', 0, ?, ?)`,
        [t, t],
      );
      await driver.run(
        "INSERT INTO classes (school_id, id, grade, name, class_teacher_id) VALUES ('S1', 'C1', 3, '1班', 'T1')",
      );
      await driver.run(
        "INSERT INTO dorm_rooms (school_id, id, name, building, gender, capacity) VALUES ('S1', 'D1', '男生1室', '宿舍楼', 'male', 60)",
      );
      await driver.run(
        `INSERT INTO pupils (school_id, id, student_no, name, gender, class_id, is_boarder, dorm_room_id, bed)
         VALUES ('S1', 'P1', '001', '王小明', 'male', 'C1', 1, 'D1', '1号床')`,
      );
      expect(await runMigrations(driver, NOW)).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
      const upgraded = new Store(driver);
      const ref = await upgraded.getReference("S1", NOW);
      expect(ref?.school).toMatchObject({ id: "S1", code: "old", name: "旧学校" });
      expect(ref?.staff).toEqual([
        { id: "T1", login: "li", name: "李老师", roles: ["class_teacher"], phone: null, isActive: true },
      ]);
      expect(ref?.classes).toEqual([{ id: "C1", grade: 3, name: "1班", classTeacherId: "T1" }]);
      expect(ref?.pupils).toEqual([
        {
          id: "P1",
          studentNo: "001",
          name: "王小明",
          gender: "male",
          classId: "C1",
          isBoarder: true,
          dormRoomId: "D1",
          bed: "1号床",
        },
      ]);
      // The old table is gone; logins still work from the staff table.
      await expect(driver.all("SELECT * FROM pupils")).rejects.toThrow();
      expect((await upgraded.findStaffByLogin("S1", "li"))?.passwordHash).toBe("h");
    });

    it("creates a school with its reference data and reads it back exactly", async () => {
      const school = await smallSchool("alpha", NOW);
      await store.createSchool(school, NOW);
      expect(await store.countSchools()).toBe(1);
      const ref = await store.getReference(school.school.id, NOW);
      expect(ref?.school).toEqual({
        id: school.school.id,
        code: "alpha",
        name: "alpha 小学",
        settings: school.school.settings,
      });
      expect(ref?.classes).toEqual(school.classes);
      expect(ref?.pupils).toEqual(school.pupils);
      expect(ref?.dormRooms).toEqual(school.dormRooms);
      expect(ref?.areas).toEqual(school.areas);
      expect(ref?.checklistItems).toHaveLength(school.checklistItems.length);
      expect(ref?.checklistItems.map((i) => i.id).sort()).toEqual(
        school.checklistItems.map((i) => i.id).sort(),
      );
      expect(ref?.staff.map((s) => s.login)).toEqual(["admin", "teacher"]);
      expect(ref?.asOf).toBe(NOW.toISOString());
    });

    it("a school whose data breaks a rule is not created at all (one transaction)", async () => {
      const school = await smallSchool("broken", NOW);
      // A pupil in a class that does not exist violates a foreign key at the very end.
      school.pupils.push({
        ...(school.pupils[0] as any),
        id: "01JZZZZZZZZZZZZZZZZZZZZZZZ",
        studentNo: "x2",
        classId: "01JNOCLASS0000000000000000",
      });
      await expect(store.createSchool(school, NOW)).rejects.toThrow();
      expect(await store.countSchools()).toBe(0);
      expect(await store.findSchoolByCode("broken")).toBeUndefined();
    });

    it("refuses a second school with the same code", async () => {
      await store.createSchool(await smallSchool("same", NOW), NOW);
      await expect(store.createSchool(await smallSchool("same", NOW), NOW)).rejects.toThrow();
      expect(await store.countSchools()).toBe(1);
    });

    it("keeps each school's rows to itself", async () => {
      const a = await smallSchool("a", NOW);
      const b = await smallSchool("b", NOW);
      await store.createSchool(a, NOW);
      await store.createSchool(b, NOW);
      const teacherB = b.staff.find((s) => s.login === "teacher");
      expect(await store.getStaff(a.school.id, teacherB?.id as string)).toBeUndefined();
      expect((await store.findStaffByLogin(a.school.id, "teacher"))?.id).not.toBe(teacherB?.id);
      const refA = await store.getReference(a.school.id, NOW);
      expect(refA?.pupils.map((p) => p.studentNo)).toEqual(["a-0001"]);
      expect(await store.setStaffActive(a.school.id, teacherB?.id as string, false, NOW)).toBe(false);
      expect((await store.getStaff(b.school.id, teacherB?.id as string))?.isActive).toBe(true);
    });

    it("sessions: create, find, touch, end, and disabling an account ends its sessions", async () => {
      const s = await smallSchool("sess", NOW);
      await store.createSchool(s, NOW);
      const teacher = s.staff[1] as { id: string };
      await store.touchDevice(s.school.id, "01JDEVICE00000000000000000", null, NOW);
      const base = {
        schoolId: s.school.id,
        staffId: teacher.id,
        deviceId: "01JDEVICE00000000000000000",
        createdAt: NOW.getTime(),
        expiresAt: NOW.getTime() + 1000,
      };
      await store.createSession({ ...base, tokenHash: "h1" });
      await store.createSession({ ...base, tokenHash: "h2" });
      expect(await store.findSession("h1")).toMatchObject({
        ...base,
        lastUsedAt: NOW.getTime(),
        endedAt: null,
      });
      const later = new Date(NOW.getTime() + 500);
      await store.touchSession("h1", later);
      expect((await store.findSession("h1"))?.lastUsedAt).toBe(later.getTime());
      await store.endSession("h1", later, "logout");
      expect((await store.findSession("h1"))?.endedAt).toBe(later.getTime());
      expect(
        (await store.listStaffWithSessionCounts(s.school.id, NOW)).find((x) => x.id === teacher.id)
          ?.activeSessions,
      ).toBe(1);
      await store.setStaffActive(s.school.id, teacher.id, false, later);
      expect((await store.findSession("h2"))?.endedAt).toBe(later.getTime());
      expect(await store.findSession("nope")).toBeUndefined();
    });

    it("login attempts are counted per key in one statement: a window, a limit, a lock, cleared on demand", async () => {
      const t0 = NOW.getTime();
      const at = (ms: number) => new Date(t0 + ms);
      const window = { windowMs: 60_000, forgetAfterMs: 120_000 };
      const rule2 = { ...window, maxFailures: 2 };
      expect(await store.countLoginAttempt("k1", at(0), rule2)).toMatchObject({ failures: 1, locks: 0 });
      expect(await store.countLoginAttempt("k1", at(1), rule2)).toMatchObject({ failures: 2 });
      // At the limit: refused and not counted.
      expect(await store.countLoginAttempt("k1", at(2), rule2)).toBeUndefined();
      expect((await store.readLoginThrottle("k1"))?.failures).toBe(2);
      // Without a limit (an address's failures) it only counts.
      await store.countLoginAttempt("k2", at(0), window);
      expect((await store.countLoginAttempt("k2", at(1), window))?.failures).toBe(2);
      // A lock: refused until it lifts, then a fresh window.
      await store.lockLoginKey("k1", 2, 0, at(30_000), at(3));
      await store.lockLoginKey("k1", 2, 0, at(99_000), at(4)); // a second lock of the same failures is a no-op
      expect(await store.readLoginThrottle("k1")).toEqual({
        failures: 0,
        windowStart: t0 + 3,
        lockedUntil: t0 + 30_000,
        locks: 1,
      });
      expect(await store.countLoginAttempt("k1", at(29_999), rule2)).toBeUndefined();
      expect(await store.countLoginAttempt("k1", at(30_000), rule2)).toMatchObject({
        failures: 1,
        locks: 1,
      });
      // An old window starts again at 1.
      expect((await store.countLoginAttempt("k2", at(61_000), window))?.failures).toBe(1);
      // Untouched for forgetAfterMs: the earlier locks are forgotten too.
      expect(await store.countLoginAttempt("k1", at(150_001), rule2)).toMatchObject({
        failures: 1,
        locks: 0,
      });
      await store.clearLoginKey("k1");
      expect(await store.readLoginThrottle("k1")).toBeUndefined();
      await store.pruneLoginThrottle(at(61_001), at(61_001));
      expect(await store.readLoginThrottle("k2")).toBeUndefined();
    });

    it("bulk imports upsert by natural key inside one transaction", async () => {
      const s = await smallSchool("imp", NOW);
      await store.createSchool(s, NOW);
      const staff = await store.importStaff(
        s.school.id,
        [
          {
            login: "teacher",
            name: "李老师（改）",
            roles: ["class_teacher", "duty_teacher"],
            phone: "13800000000",
            newId: "01JNEWSTAFF000000000000001",
            newPasswordHash: "x",
          },
          {
            login: "newbie",
            name: "新老师",
            roles: ["subject_teacher"],
            phone: null,
            newId: "01JNEWSTAFF000000000000002",
            newPasswordHash: "hash",
          },
        ],
        NOW,
      );
      expect(staff).toEqual({ created: 1, updated: 1, createdKeys: ["newbie"] });
      expect((await store.findStaffByLogin(s.school.id, "teacher"))?.roles).toEqual([
        "class_teacher",
        "duty_teacher",
      ]);
      expect((await store.findStaffByLogin(s.school.id, "newbie"))?.mustChangePassword).toBe(true);

      const classes = await store.importClasses(
        s.school.id,
        [
          { grade: 3, name: "1班", classTeacherLogin: "newbie", newId: "01JNEWCLASS000000000000001" },
          { grade: 4, name: "2班", classTeacherLogin: null, newId: "01JNEWCLASS000000000000002" },
        ],
        NOW,
      );
      expect(classes).toMatchObject({ created: 1, updated: 1 });

      const pupils = await store.importPupils(
        s.school.id,
        [
          {
            studentNo: "imp-0001",
            name: "王小明",
            gender: "male",
            grade: 4,
            className: "2班",
            isBoarder: false,
            dormRoomName: null,
            bed: null,
            newId: "01JNEWPUPIL000000000000001",
            newDormRoomId: "01JNEWROOM0000000000000001",
          },
          {
            studentNo: "imp-0002",
            name: "李小红",
            gender: "female",
            grade: 3,
            className: "1班",
            isBoarder: true,
            dormRoomName: "女生1室",
            bed: "3号床",
            newId: "01JNEWPUPIL000000000000002",
            newDormRoomId: "01JNEWROOM0000000000000002",
          },
        ],
        NOW,
      );
      expect(pupils).toMatchObject({ created: 1, updated: 1 });
      const ref = await store.getReference(s.school.id, NOW);
      expect(ref?.dormRooms.map((r) => r.name).sort()).toEqual(["女生1室", "男生1室"]);
      expect(ref?.pupils.find((p) => p.studentNo === "imp-0001")).toMatchObject({
        isBoarder: false,
        dormRoomId: null,
      });

      // A failing row rolls the whole import back.
      await expect(
        store.importPupils(
          s.school.id,
          [
            {
              studentNo: "imp-0003",
              name: "甲",
              gender: null,
              grade: 3,
              className: "1班",
              isBoarder: false,
              dormRoomName: null,
              bed: null,
              newId: "01JNEWPUPIL000000000000003",
              newDormRoomId: "01JNEWROOM0000000000000003",
            },
            {
              studentNo: "imp-0004",
              name: "乙",
              gender: null,
              grade: 9,
              className: "9班",
              isBoarder: false,
              dormRoomName: null,
              bed: null,
              newId: "01JNEWPUPIL000000000000004",
              newDormRoomId: "01JNEWROOM0000000000000004",
            },
          ],
          NOW,
        ),
      ).rejects.toThrow();
      expect((await store.getReference(s.school.id, NOW))?.pupils.map((p) => p.studentNo)).not.toContain(
        "imp-0003",
      );
    });

    it("reports itself reachable", async () => {
      expect(await store.isReachable()).toBe(true);
    });
  });
}
