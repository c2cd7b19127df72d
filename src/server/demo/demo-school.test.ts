import { describe, expect, it } from "vitest";
import { AREA_KINDS } from "../../domain/area-kinds.ts";
import { DEFAULT_CHECKLISTS } from "../../domain/default-checklists.ts";
import { ROLES, type Role } from "../../domain/roles.ts";
import { DEFAULT_TIME_SLOTS } from "../../domain/time-slots.ts";
import {
  Area,
  ChecklistItem,
  DormRoom,
  Pupil,
  School,
  SchoolClass,
  Staff,
} from "../../protocol/reference.ts";
import { buildDemoSchool, classDisplayNameZh, DEMO_PASSWORD } from "./demo-school.ts";

const seed = buildDemoSchool();
const byLogin = new Map(seed.staff.map((s) => [s.login, s]));
const boarders = seed.pupils.filter((p) => p.isBoarder);

describe("buildDemoSchool", () => {
  it("is deterministic: two calls give the same school, ids included", () => {
    expect(buildDemoSchool()).toEqual(buildDemoSchool());
    expect(buildDemoSchool()).toEqual(seed);
  });

  it("is the demo school of the SPEC", () => {
    expect(seed.school.code).toBe("demo");
    expect(seed.school.name).toBe("河溶镇中心小学（演示）");
    expect(seed.school.settings).toEqual({ timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS });
  });

  // SPEC "The school": 22 classes (grades 1–6), about 1,100 pupils of whom about 400 board,
  // 70 staff, dorm rooms of ~60 pupils each.
  it("has the SPEC's numbers", () => {
    expect(seed.classes).toHaveLength(22);
    const perGrade = [1, 2, 3, 4, 5, 6].map((g) => seed.classes.filter((c) => c.grade === g).length);
    expect(perGrade).toEqual([4, 4, 4, 4, 3, 3]);
    expect(seed.pupils.length).toBeGreaterThanOrEqual(1050);
    expect(seed.pupils.length).toBeLessThanOrEqual(1150);
    expect(boarders.length).toBeGreaterThanOrEqual(370);
    expect(boarders.length).toBeLessThanOrEqual(430);
    expect(seed.staff).toHaveLength(70);
    for (const room of seed.dormRooms) {
      const occupancy = boarders.filter((p) => p.dormRoomId === room.id).length;
      expect(occupancy, room.name).toBeGreaterThanOrEqual(45);
      expect(occupancy, room.name).toBeLessThanOrEqual(65);
      expect(occupancy, room.name).toBeLessThanOrEqual(room.capacity);
      expect(room.building).toBe("宿舍楼");
    }
  });

  it("has unique logins, all with the demo password, and every role held by someone", () => {
    expect(byLogin.size).toBe(seed.staff.length);
    for (const s of seed.staff) {
      expect(s.password).toBe(DEMO_PASSWORD);
      expect(s.isActive).toBe(true);
      if (s.phone !== null) expect(s.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const held = new Set(seed.staff.flatMap((s) => s.roles));
    for (const role of ROLES) expect(held.has(role), role).toBe(true);
  });

  it("has the logins the README and tests rely on, with the right roles", () => {
    const roles = (login: string): Role[] | undefined => byLogin.get(login)?.roles;
    expect(roles("admin")).toEqual(["admin"]);
    expect(roles("principal")).toEqual(["principal"]);
    expect(roles("dean")).toEqual(["department_head"]);
    for (let g = 1; g <= 6; g++) {
      expect(roles(`grade${g}`)).toEqual(["grade_leader", "class_teacher"]);
      expect(roles(`duty${g}`)).toEqual(["subject_teacher", "duty_teacher"]);
    }
    expect(roles("teacher101")).toContain("class_teacher");
    expect(roles("subject01")).toEqual(["subject_teacher"]);
    expect(roles("gatekeeper")).toEqual(["gatekeeper"]);
    expect(roles("gatekeeper2")).toEqual(["gatekeeper"]);
    for (let k = 1; k <= 4; k++) expect(roles(`caretaker${k}`)).toEqual(["dorm_caretaker"]);
    expect(roles("facilities")).toEqual(["area_responsible"]);
  });

  it("gives each class its class teacher: teacher{g}{nn}, the grade leader for the last class", () => {
    for (const g of [1, 2, 3, 4, 5, 6]) {
      const inGrade = seed.classes.filter((c) => c.grade === g);
      inGrade.forEach((cls, i) => {
        expect(cls.name).toBe(`${i + 1}班`);
        const teacher = seed.staff.find((s) => s.id === cls.classTeacherId);
        const expected =
          i === inGrade.length - 1 ? `grade${g}` : `teacher${g}${String(i + 1).padStart(2, "0")}`;
        expect(teacher?.login, classDisplayNameZh(cls.grade, cls.name)).toBe(expected);
        expect(teacher?.roles).toContain("class_teacher");
      });
    }
    const teacher101 = byLogin.get("teacher101");
    const class11 = seed.classes.find((c) => c.grade === 1 && c.name === "1班");
    expect(class11?.classTeacherId).toBe(teacher101?.id);
    expect(classDisplayNameZh(1, "1班")).toBe("一年级1班");
  });

  it("puts every pupil in an existing class with a unique student number", () => {
    const classIds = new Set(seed.classes.map((c) => c.id));
    for (const p of seed.pupils) expect(classIds.has(p.classId)).toBe(true);
    expect(new Set(seed.pupils.map((p) => p.studentNo)).size).toBe(seed.pupils.length);
    expect(seed.pupils[0]?.studentNo).toBe("2026010101");
  });

  it("houses every boarder in a room with a bed unique in that room; no one else has one", () => {
    const roomIds = new Set(seed.dormRooms.map((r) => r.id));
    const beds = new Set<string>();
    for (const p of seed.pupils) {
      if (p.isBoarder) {
        expect(p.dormRoomId !== null && roomIds.has(p.dormRoomId)).toBe(true);
        expect(p.bed).toMatch(/^\d+号床$/);
        const key = `${p.dormRoomId}/${p.bed}`;
        expect(beds.has(key), key).toBe(false);
        beds.add(key);
      } else {
        expect(p.dormRoomId).toBeNull();
        expect(p.bed).toBeNull();
      }
    }
  });

  it("boards no grade-1 pupils and mostly grades 3–6", () => {
    const gradeOf = new Map(seed.classes.map((c) => [c.id, c.grade]));
    const grades = boarders.map((p) => gradeOf.get(p.classId) ?? 0);
    expect(grades.filter((g) => g === 1)).toHaveLength(0);
    expect(grades.filter((g) => g >= 3).length).toBeGreaterThan(boarders.length * 0.8);
  });

  it("never mixes boys and girls in a room", () => {
    for (const room of seed.dormRooms) {
      expect(room.gender).not.toBeNull();
      const genders = new Set(boarders.filter((p) => p.dormRoomId === room.id).map((p) => p.gender));
      expect([...genders]).toEqual([room.gender]);
      expect(room.name).toMatch(room.gender === "male" ? /^男生\d+室$/ : /^女生\d+室$/);
    }
  });

  // SPEC §2: campus areas — general-affairs office; classrooms — each class teacher;
  // perimeter — gatekeeper.
  it("has areas of every kind with the SPEC's responsible people", () => {
    for (const kind of AREA_KINDS)
      expect(
        seed.areas.some((a) => a.kind === kind),
        kind,
      ).toBe(true);
    const classrooms = seed.areas.filter((a) => a.kind === "classroom");
    expect(classrooms).toHaveLength(22);
    const building = seed.areas.find((a) => a.name === "教学楼");
    for (const room of classrooms) {
      const cls = seed.classes.find((c) => c.id === room.classId);
      expect(cls).toBeDefined();
      expect(room.responsibleStaffId).toBe(cls?.classTeacherId);
      expect(room.parentAreaId).toBe(building?.id);
    }
    expect(seed.areas.find((a) => a.classId === seed.classes[0]?.id)?.name).toBe("一年级1班教室");
    const gatekeeper = byLogin.get("gatekeeper");
    for (const a of seed.areas.filter((x) => x.kind === "perimeter"))
      expect(a.responsibleStaffId).toBe(gatekeeper?.id);
    const officeIds = new Set(
      seed.staff
        .filter((s) => s.roles.includes("admin") || s.roles.includes("area_responsible"))
        .map((s) => s.id),
    );
    for (const a of seed.areas.filter((x) => x.kind === "campus")) {
      expect(a.responsibleStaffId !== null && officeIds.has(a.responsibleStaffId), a.name).toBe(true);
    }
    const areaIds = new Set(seed.areas.map((a) => a.id));
    for (const a of seed.areas) if (a.parentAreaId !== null) expect(areaIds.has(a.parentAreaId)).toBe(true);
  });

  it("has the default checklists, in order", () => {
    for (const kind of AREA_KINDS) {
      const items = seed.checklistItems.filter((i) => i.areaKind === kind);
      expect(items.map((i) => i.labelZh)).toEqual(DEFAULT_CHECKLISTS[kind].map((d) => d.labelZh));
      expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i));
      expect(items.every((i) => i.isActive)).toBe(true);
    }
  });

  it("has unique ids, and every object parses with its protocol schema", () => {
    expect(() => School.parse(seed.school)).not.toThrow();
    for (const s of seed.staff) Staff.parse(s);
    for (const c of seed.classes) SchoolClass.parse(c);
    for (const p of seed.pupils) Pupil.parse(p);
    for (const r of seed.dormRooms) DormRoom.parse(r);
    for (const a of seed.areas) Area.parse(a);
    for (const i of seed.checklistItems) ChecklistItem.parse(i);
    const ids = [
      seed.school.id,
      ...[seed.staff, seed.classes, seed.pupils, seed.dormRooms, seed.areas, seed.checklistItems].flatMap(
        (list) => list.map((x) => x.id as string),
      ),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
