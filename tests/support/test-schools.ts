// Small schools for server tests: fast to create, with one of everything.
import { ulid } from "ulidx";
import type { Role } from "../../src/domain/roles.ts";
import { EXCEPTION_REASONS } from "../../src/domain/roll-call.ts";
import { type WeekNumbers, weeklySummaryId } from "../../src/domain/weekly-summary.ts";
import { hashPassword } from "../../src/server/auth/passwords.ts";
import { buildNewSchool } from "../../src/server/schools/build-new-school.ts";
import type { NewSchool } from "../../src/server/storage/store.ts";

export const PASSWORD = "correct-horse-1";
export const DAY_MS = 24 * 60 * 60_000;

let passwordHash: Promise<string> | undefined;
const hashOnce = () => {
  passwordHash ??= hashPassword(PASSWORD);
  return passwordHash;
};

/** A school with an admin, a class teacher with one class, a boarder, a dorm room and an area. */
export async function smallSchool(code: string, now: Date): Promise<NewSchool> {
  const hash = await hashOnce();
  const s = buildNewSchool({
    code,
    name: `${code} 小学`,
    adminLogin: "admin",
    adminName: "总务主任",
    timeZone: "Asia/Shanghai",
    passwordHash: hash,
    now,
  });
  const admin = s.staff[0] as NewSchool["staff"][number];
  admin.mustChangePassword = false;
  const teacherId = ulid() as never;
  const classId = ulid() as never;
  const roomId = ulid() as never;
  s.staff.push({
    id: teacherId,
    login: "teacher",
    name: "李老师",
    roles: ["class_teacher"],
    phone: null,
    isActive: true,
    passwordHash: hash,
    mustChangePassword: false,
  });
  s.classes.push({ id: classId, grade: 3, name: "1班", classTeacherId: teacherId });
  s.dormRooms.push({ id: roomId, name: "男生1室", building: "宿舍楼", gender: "male", capacity: 60 });
  s.pupils.push({
    id: ulid() as never,
    studentNo: `${code}-0001`,
    name: "王小明",
    gender: "male",
    classId,
    isBoarder: true,
    dormRoomId: roomId,
    bed: "1号床",
  });
  s.areas.push({
    id: ulid() as never,
    name: "三年级1班教室",
    kind: "classroom",
    responsibleStaffId: teacherId,
    parentAreaId: null,
    classId,
  });
  return s;
}

/** A member of staff who can log in at once (password hash shared by the test school). */
function staffMember(login: string, name: string, role: Role, passwordHash: string) {
  return {
    id: ulid() as never,
    login,
    name,
    roles: [role],
    phone: null,
    isActive: true,
    passwordHash,
    mustChangePassword: false,
  };
}

/**
 * Opt-in extra people and areas for the hazard tests (smallSchool stays as other tests count
 * on it): a duty teacher "duty", a gatekeeper "gate", a campus area "二楼楼梯" with nobody
 * responsible, and a perimeter area "校门口" the gatekeeper is responsible for.
 */
export async function addSafetyCrew(s: NewSchool): Promise<void> {
  const hash = await hashOnce();
  const person = (login: string, name: string, role: "duty_teacher" | "gatekeeper") =>
    staffMember(login, name, role, hash);
  const gate = person("gate", "王门卫", "gatekeeper");
  s.staff.push(person("duty", "张值日", "duty_teacher"), gate);
  s.areas.push(
    {
      id: ulid() as never,
      name: "二楼楼梯",
      kind: "campus",
      responsibleStaffId: null,
      parentAreaId: null,
      classId: null,
    },
    {
      id: ulid() as never,
      name: "校门口",
      kind: "perimeter",
      responsibleStaffId: gate.id,
      parentAreaId: null,
      classId: null,
    },
  );
}

/**
 * Opt-in boarders for the roll-call tests (issue #6), on top of smallSchool: a second class
 * "2班" with its own class teacher "teacher2", a dorm caretaker "keeper" and another "keeper2",
 * and more pupils — class 1 has boarders 王小明 (already there), 李小红, 张小刚 and 陈小丽 in
 * 男生1室 (beds 1–4) and a day pupil 赵小东; class 2 has the boarder 周小军 in 男生1室 (bed 5).
 */
export async function addBoarders(s: NewSchool): Promise<void> {
  const hash = await hashOnce();
  const person = (login: string, name: string, role: "class_teacher" | "dorm_caretaker") =>
    staffMember(login, name, role, hash);
  const teacher2 = person("teacher2", "周老师", "class_teacher");
  s.staff.push(
    teacher2,
    person("keeper", "刘阿姨", "dorm_caretaker"),
    person("keeper2", "孙阿姨", "dorm_caretaker"),
  );
  const class1 = s.classes[0];
  const room = s.dormRooms[0];
  if (!class1 || !room) throw new Error("addBoarders needs smallSchool's class and dorm room");
  const class2 = { id: ulid() as never, grade: 3, name: "2班", classTeacherId: teacher2.id };
  s.classes.push(class2);
  const pupil = (n: number, name: string, classId: string, isBoarder: boolean, bed: string | null) => ({
    id: ulid() as never,
    studentNo: `${s.school.code}-${String(n).padStart(4, "0")}`,
    name,
    gender: "male" as const,
    classId: classId as never,
    isBoarder,
    dormRoomId: isBoarder ? room.id : null,
    bed,
  });
  s.pupils.push(
    pupil(2, "李小红", class1.id, true, "2号床"),
    pupil(3, "张小刚", class1.id, true, "3号床"),
    pupil(4, "陈小丽", class1.id, true, "4号床"),
    pupil(5, "赵小东", class1.id, false, null),
    pupil(6, "周小军", class2.id, true, "5号床"),
  );
}

/**
 * Opt-in leadership for the safety-education tests (issue #7): a principal "principal" and a
 * subject teacher "subject" who teaches but has no class of their own.
 */
export async function addLeadership(s: NewSchool): Promise<void> {
  const hash = await hashOnce();
  const person = (login: string, name: string, role: "principal" | "subject_teacher") =>
    staffMember(login, name, role, hash);
  s.staff.push(person("principal", "陈校长", "principal"), person("subject", "吴老师", "subject_teacher"));
}

/** A week's numbers with nothing in them (a week with no school days recorded yet). */
export function emptyWeekNumbers(weekStart: string): WeekNumbers {
  return {
    weekStart,
    asOf: weekStart,
    rounds: { due: 0, done: 0, missed: [] },
    hazards: { found: [], rectified: [], late: [] },
    exceptions: Object.fromEntries(EXCEPTION_REASONS.map((r) => [r, 0])) as WeekNumbers["exceptions"],
    exceptionList: [],
    unaccounted: [],
    lesson: { held: false, recordId: null },
  };
}

/** The `summary` argument of summary.save / summary.submit (its id is weekStart|classId). */
export function summaryInput(
  classId: string,
  weekStart: string,
  text: string,
  numbers: WeekNumbers = emptyWeekNumbers(weekStart),
) {
  return { id: weeklySummaryId(weekStart, classId), classId, weekStart, text, numbers };
}
