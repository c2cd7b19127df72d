// The embedded demo school, modelled on the school in the SPEC ("The school"): 河溶镇中心小学,
// 22 classes in grades 1–6, about 1,100 pupils of whom about 400 board in dorm rooms of ~60,
// and 70 staff covering every role. Everything is made from a seeded PRNG and a fixed seed
// time, so every call returns exactly the same school (same ids included).
import { ulid } from "ulidx";
import type { AreaKind } from "../../domain/area-kinds.ts";
import { DEFAULT_CHECKLISTS } from "../../domain/default-checklists.ts";
import type { Role } from "../../domain/roles.ts";
import { DEFAULT_TIME_SLOTS } from "../../domain/time-slots.ts";
import type {
  AreaId,
  ChecklistItemId,
  ClassId,
  DormRoomId,
  PupilId,
  SchoolId,
  StaffId,
} from "../../protocol/ids.ts";
import type {
  Area,
  ChecklistItem,
  DormRoom,
  Pupil,
  SchoolClass,
  SchoolSettings,
  Staff,
} from "../../protocol/reference.ts";

export interface SchoolSeed {
  school: { id: SchoolId; code: string; name: string; settings: SchoolSettings };
  staff: Array<Staff & { password: string }>;
  classes: SchoolClass[];
  pupils: Pupil[];
  dormRooms: DormRoom[];
  areas: Area[];
  checklistItems: ChecklistItem[];
}

export const DEMO_SCHOOL_CODE = "demo";
export const DEMO_SCHOOL_NAME = "河溶镇中心小学（演示）";
/** Every demo account's password (README and tests log in with it). */
export const DEMO_PASSWORD = "demo1234";

/** Classes per grade 1–6: 22 in all. */
const CLASSES_PER_GRADE = [4, 4, 4, 4, 3, 3] as const;
/** Boarders per class by grade: none in grade 1, a few in grade 2, about half from grade 3 (≈400). */
const BOARDERS_PER_CLASS = [0, 5, 25, 27, 29, 29] as const;
const GRADE_ZH = ["一", "二", "三", "四", "五", "六"] as const;
/** The school year the student numbers start with. */
const SCHOOL_YEAR = 2026;
/** 2026-09-01T00:00:00Z, the first day of the autumn term: the time part of every demo id. */
const SEED_TIME = Date.UTC(2026, 8, 1);
const BOARDING_BOYS_SHARE = 0.56;
const DORM_BUILDING = "宿舍楼";
const DORM_MAX_PER_ROOM = 62;
const DORM_CAPACITY = 64;

/** "一年级1班" for grade 1, class name "1班". */
export function classDisplayNameZh(grade: number, name: string): string {
  return `${GRADE_ZH[grade - 1] ?? grade}年级${name}`;
}

// --- deterministic randomness ---------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(private readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

// --- names ----------------------------------------------------------------------------------

/** Common surnames, the most frequent ones several times so they come up more often. */
const SURNAMES = [
  ..."王王王李李李张张张刘刘刘陈陈杨杨黄黄赵赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向汤",
];
const BOY_CHARS = [
  ..."浩宇轩子睿博文俊杰涛晨阳鑫磊铭泽凯逸航远嘉天昊然一明思家梓奕辰鹏宸恒皓瑞翔豪成志强伟健宏锦煜哲毅诚亮峰军昱朗骏琪诺安乐康程",
];
const GIRL_CHARS = [
  ..."欣怡雨涵梓萱诗琪佳悦可馨婷雪静思语桐彤妍瑶晴琳璐若心紫嘉一芸月媛颖雯菲丽娜蕾薇瑾琦茜梦露洁雅秀蓉倩玥淑悠依然安楠",
];
const ADULT_MALE_CHARS = [..."建国志华明伟军强平东海林杰涛斌勇刚辉文峰波立新永红春生光德庆荣俊清中宏"];
const ADULT_FEMALE_CHARS = [..."丽红芳华英敏静霞燕玲娟秀兰艳萍梅琴慧云凤翠春莉雪晓玉琼洁娜婷"];

function personName(dice: Dice, given: readonly string[]): string {
  const surname = dice.pick(SURNAMES);
  const first = dice.pick(given);
  if (dice.chance(0.25)) return surname + first;
  let second = dice.pick(given);
  while (second === first) second = dice.pick(given);
  return surname + first + second;
}

function uniqueName(dice: Dice, given: readonly string[], taken: Set<string>): string {
  for (;;) {
    const name = personName(dice, given);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "158",
  "159",
  "177",
  "180",
  "182",
  "186",
  "187",
  "188",
  "189",
];

// --- the school -----------------------------------------------------------------------------

interface StaffPlan {
  login: string;
  roles: Role[];
  /** Fixed for the accounts the docs name; generated otherwise. */
  name?: string;
  female?: boolean;
  hasPhone?: boolean;
}

function staffPlan(dice: Dice): StaffPlan[] {
  const plan: StaffPlan[] = [
    { login: "admin", roles: ["admin"], name: "刘志华" }, // 总务主任
    { login: "principal", roles: ["principal"], name: "陈建平" }, // 校长
    { login: "dean", roles: ["department_head"], name: "张丽君", female: true }, // 教导主任
    { login: "moral", roles: ["department_head"], name: "黄海燕", female: true }, // 德育主任
    { login: "facilities", roles: ["area_responsible"], name: "周永红" }, // 总务干事
    { login: "canteen", roles: ["area_responsible"], name: "吴春梅", female: true }, // 食堂管理员
  ];
  CLASSES_PER_GRADE.forEach((_, i) => {
    plan.push({ login: `grade${i + 1}`, roles: ["grade_leader", "class_teacher"] });
  });
  CLASSES_PER_GRADE.forEach((count, i) => {
    for (let c = 1; c < count; c++) {
      const roles: Role[] = c % 2 === 1 ? ["class_teacher", "duty_teacher"] : ["class_teacher"];
      plan.push({ login: classTeacherLogin(i + 1, c, count), roles });
    }
  });
  for (let d = 1; d <= 6; d++) plan.push({ login: `duty${d}`, roles: ["subject_teacher", "duty_teacher"] });
  for (let s = 1; s <= 30; s++) {
    plan.push({
      login: `subject${String(s).padStart(2, "0")}`,
      roles: ["subject_teacher"],
      hasPhone: !dice.chance(0.1),
    });
  }
  plan.push(
    { login: "gatekeeper", roles: ["gatekeeper"], name: "王建国" },
    // The booth phone is shared: the second gatekeeper has no phone of his own on file.
    { login: "gatekeeper2", roles: ["gatekeeper"], name: "李德明", hasPhone: false },
  );
  for (let k = 1; k <= 4; k++)
    plan.push({ login: `caretaker${k}`, roles: ["dorm_caretaker"], female: k !== 1 });
  return plan;
}

/** teacher{grade}{nn} for every class but the last of a grade, which the grade leader teaches. */
function classTeacherLogin(grade: number, classNo: number, classesInGrade: number): string {
  return classNo === classesInGrade ? `grade${grade}` : `teacher${grade}${String(classNo).padStart(2, "0")}`;
}

export function buildDemoSchool(): SchoolSeed {
  const idPrng = mulberry32(0x5afe7);
  let idCount = 0;
  // One millisecond apart so the ids sort in the order they were made.
  const newId = <T>(): T => ulid(SEED_TIME + idCount++, idPrng) as T;
  const dice = new Dice(mulberry32(20260901));

  const school = {
    id: newId<SchoolId>(),
    code: DEMO_SCHOOL_CODE,
    name: DEMO_SCHOOL_NAME,
    settings: {
      timeZone: "Asia/Shanghai",
      timeSlots: Object.fromEntries(
        Object.entries(DEFAULT_TIME_SLOTS).map(([k, v]) => [k, { ...v }]),
      ) as SchoolSettings["timeSlots"],
    },
  };

  // Staff
  const staffNames = new Set<string>();
  const phones = new Set<string>();
  const staff: SchoolSeed["staff"] = staffPlan(dice).map((p) => {
    const female = p.female ?? dice.chance(0.6);
    let name = p.name;
    if (name === undefined)
      name = uniqueName(dice, female ? ADULT_FEMALE_CHARS : ADULT_MALE_CHARS, staffNames);
    else staffNames.add(name);
    let phone: string | null = null;
    if (p.hasPhone ?? true) {
      do phone = `${dice.pick(MOBILE_PREFIXES)}${String(dice.int(0, 99_999_999)).padStart(8, "0")}`;
      while (phones.has(phone));
      phones.add(phone);
    }
    return {
      id: newId<StaffId>(),
      login: p.login,
      name,
      roles: p.roles,
      phone,
      isActive: true,
      password: DEMO_PASSWORD,
    };
  });
  const staffByLogin = new Map(staff.map((s) => [s.login, s]));
  const staffId = (login: string): StaffId => {
    const s = staffByLogin.get(login);
    if (!s) throw new Error(`demo school: no staff ${login}`);
    return s.id;
  };

  // Classes and pupils
  const classes: SchoolClass[] = [];
  const pupils: Pupil[] = [];
  const boardersByGender: Record<Gender, Pupil[]> = { male: [], female: [] };
  CLASSES_PER_GRADE.forEach((count, gi) => {
    const grade = gi + 1;
    for (let c = 1; c <= count; c++) {
      const cls: SchoolClass = {
        id: newId<ClassId>(),
        grade,
        name: `${c}班`,
        classTeacherId: staffId(classTeacherLogin(grade, c, count)),
      };
      classes.push(cls);
      const size = dice.int(47, 53);
      const genders = Array.from({ length: size }, () => (dice.chance(0.52) ? "male" : "female") as Gender);
      const boarders = pickBoarders(dice, genders, BOARDERS_PER_CLASS[gi] ?? 0);
      const names = new Set<string>();
      for (let seat = 1; seat <= size; seat++) {
        const gender = genders[seat - 1] as Gender;
        const pupil: Pupil = {
          id: newId<PupilId>(),
          studentNo: `${SCHOOL_YEAR}${pad2(grade)}${pad2(c)}${pad2(seat)}`,
          name: uniqueName(dice, gender === "male" ? BOY_CHARS : GIRL_CHARS, names),
          gender,
          classId: cls.id,
          isBoarder: boarders.has(seat - 1),
          dormRoomId: null,
          bed: null,
        };
        pupils.push(pupil);
        if (pupil.isBoarder) boardersByGender[gender].push(pupil);
      }
    }
  });

  // Dorm rooms: boys and girls apart, each room filled evenly, older pupils in the first rooms.
  const dormRooms: DormRoom[] = [];
  for (const gender of ["male", "female"] as const) {
    const list = boardersByGender[gender].slice().reverse();
    const roomCount = Math.ceil(list.length / DORM_MAX_PER_ROOM);
    let next = 0;
    for (let r = 0; r < roomCount; r++) {
      const room: DormRoom = {
        id: newId<DormRoomId>(),
        name: `${gender === "male" ? "男生" : "女生"}${r + 1}室`,
        building: DORM_BUILDING,
        gender,
        capacity: DORM_CAPACITY,
      };
      dormRooms.push(room);
      const occupants = Math.floor(list.length / roomCount) + (r < list.length % roomCount ? 1 : 0);
      for (let bed = 1; bed <= occupants; bed++) {
        const pupil = list[next++] as Pupil;
        pupil.dormRoomId = room.id;
        pupil.bed = `${bed}号床`;
      }
    }
  }

  // Areas: 校园 by the general-affairs office, 教室 by the class teacher, 周边 by the gatekeeper.
  const areas: Area[] = [];
  const addArea = (
    name: string,
    kind: AreaKind,
    responsible: string,
    parent: AreaId | null = null,
  ): AreaId => {
    const id = newId<AreaId>();
    areas.push({
      id,
      name,
      kind,
      responsibleStaffId: staffId(responsible),
      parentAreaId: parent,
      classId: null,
    });
    return id;
  };
  const teachingBuilding = addArea("教学楼", "campus", "admin");
  addArea("教学楼楼梯", "campus", "facilities", teachingBuilding);
  addArea("走廊栏杆", "campus", "facilities", teachingBuilding);
  addArea("操场及体育器材", "campus", "facilities");
  addArea("食堂", "campus", "canteen");
  addArea("厕所", "campus", "facilities");
  addArea(DORM_BUILDING, "campus", "facilities");
  addArea("配电房", "campus", "facilities");
  addArea("饮水点", "campus", "facilities");
  addArea("校园绿化树木", "campus", "facilities");
  addArea("排水沟", "campus", "facilities");
  addArea("消防设施", "campus", "admin");
  for (const cls of classes) {
    areas.push({
      id: newId<AreaId>(),
      name: `${classDisplayNameZh(cls.grade, cls.name)}教室`,
      kind: "classroom",
      responsibleStaffId: cls.classTeacherId,
      parentAreaId: teachingBuilding,
      classId: cls.id,
    });
  }
  for (const name of ["校门", "门前道路路口", "周边流动摊点", "周边施工工地", "围墙", "低洼积水处"]) {
    addArea(name, "perimeter", "gatekeeper");
  }

  const checklistItems: ChecklistItem[] = (Object.keys(DEFAULT_CHECKLISTS) as AreaKind[]).flatMap(
    (areaKind) =>
      DEFAULT_CHECKLISTS[areaKind].map((item, position) => ({
        id: newId<ChecklistItemId>(),
        areaKind,
        position,
        labelZh: item.labelZh,
        labelEn: item.labelEn,
        whyZh: item.whyZh,
        whyEn: item.whyEn,
        isActive: true,
      })),
  );

  return { school, staff, classes, pupils, dormRooms, areas, checklistItems };
}

type Gender = "male" | "female";

/**
 * Which seats of a class board: a few more boys than girls (as in many rural boarding
 * schools), which also lets the boarders fill seven rooms of about sixty.
 */
function pickBoarders(dice: Dice, genders: readonly Gender[], count: number): Set<number> {
  const seats = dice.shuffle([...genders.keys()]);
  const boys = seats.filter((i) => genders[i] === "male");
  const girls = seats.filter((i) => genders[i] === "female");
  let wantBoys = Math.min(Math.round(count * BOARDING_BOYS_SHARE), boys.length);
  if (count - wantBoys > girls.length) wantBoys = count - girls.length;
  return new Set([...boys.slice(0, wantBoys), ...girls.slice(0, count - wantBoys)]);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
