import { ulid } from "ulidx";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORE_RULES } from "../../../domain/monthly-score.ts";
import { DEFAULT_TIME_SLOTS } from "../../../domain/time-slots.ts";
import { DEFAULT_PERIODS } from "../../../domain/timetable.ts";
import type { Area, DormRoom, Pupil, SchoolClass, Staff } from "../../../protocol/reference.ts";
import {
  normalizeClock,
  validateArea,
  validateClass,
  validateDormRoom,
  validatePupil,
  validateSettings,
  validateStaff,
} from "./admin-validate.ts";

// Messages are checked in Chinese, the app's default language (no saved choice in tests).
const staff = (over: Partial<Staff> = {}): Staff =>
  ({
    id: ulid(),
    login: "zhangsan",
    name: "张三",
    roles: ["class_teacher"],
    phone: null,
    isActive: true,
    ...over,
  }) as Staff;
const cls = (over: Partial<SchoolClass> = {}): SchoolClass =>
  ({ id: ulid(), grade: 1, name: "1班", classTeacherId: null, ...over }) as SchoolClass;
const room = (over: Partial<DormRoom> = {}): DormRoom =>
  ({ id: ulid(), name: "男生1室", building: "学生宿舍楼", gender: "male", capacity: 2, ...over }) as DormRoom;

describe("admin forms say which field is wrong before saving", () => {
  it("staff: name, login format and uniqueness (case-insensitive), roles, phone", () => {
    const taken = staff({ login: "Wang", name: "王建国" });
    const problems = validateStaff(staff({ name: " ", login: "wang", roles: [], phone: "abc" }), {
      all: [taken],
      selfId: ulid(),
    });
    expect(problems.map((p) => p.field)).toEqual(["name", "login", "roles", "phone"]);
    expect(problems[1]?.message).toBe("登录名“wang”已被王建国使用");
    expect(validateStaff(staff({ login: "a" }), { all: [], selfId: ulid() })[0]?.message).toContain("登录名");
  });

  it("the form checks formats and lengths by the rules the server and the CSV import use (protocol/fields.ts)", () => {
    const ctx = { all: [], selfId: ulid() };
    // Digits but not a phone number: the server and the CSV import refuse it, so the form does.
    expect(validateStaff(staff({ phone: "12345" }), ctx).map((p) => p.field)).toEqual(["phone"]);
    expect(validateStaff(staff({ phone: "+86 138 0717 0001" }), ctx)).toEqual([]);
    expect(validateStaff(staff({ name: "张".repeat(50) }), ctx)).toEqual([]);
    expect(validateStaff(staff({ name: "张".repeat(51) }), ctx).map((p) => p.field)).toEqual(["name"]);
    const pupil = {
      id: ulid(),
      studentNo: "学号1",
      name: "小明",
      gender: null,
      classId: cls().id,
      isBoarder: false,
      dormRoomId: null,
      bed: null,
    } as unknown as Pupil;
    const problems = validatePupil(pupil, { all: [], rooms: [], classes: [cls({ id: pupil.classId })] });
    expect(problems).toEqual([{ field: "studentNo", message: "学号只能由字母、数字和 - 组成，最长 32 位" }]);
  });

  it("staff: the admin cannot disable themselves or drop their own admin role (server rule)", () => {
    const me = staff({ roles: ["admin"] });
    expect(
      validateStaff({ ...me, isActive: false, roles: ["principal"] }, { all: [me], selfId: me.id }),
    ).toHaveLength(2);
    expect(validateStaff(me, { all: [me], selfId: me.id })).toEqual([]);
  });

  it("classes: grade 1–6 and a name unique within the grade", () => {
    const existing = cls({ grade: 3, name: "2班" });
    expect(validateClass(cls({ grade: 3, name: "2班" }), { all: [existing] })[0]?.message).toBe(
      "班级名称“三年级2班”已被班级使用",
    );
    expect(validateClass(cls({ grade: 4, name: "2班" }), { all: [existing] })).toEqual([]);
    expect(validateClass(cls({ grade: 7 }), { all: [] })[0]?.field).toBe("grade");
  });

  it("dorm rooms: unique name, whole-number beds, not fewer beds than occupants", () => {
    const existing = room();
    expect(validateDormRoom(room(), { all: [existing], occupants: 0 })[0]?.field).toBe("name");
    expect(
      validateDormRoom(room({ name: "男生2室", capacity: 1.5 }), { all: [], occupants: 0 })[0]?.message,
    ).toBe("床位数应为 1–500 的整数");
    expect(
      validateDormRoom(room({ name: "男生2室", capacity: 3 }), { all: [], occupants: 5 })[0]?.message,
    ).toBe("床位数不能少于已住的 5 人");
  });

  it("pupils: unique student number, a boarder has a room of the right kind with a free bed", () => {
    const c = cls();
    const r = room({ capacity: 2 });
    const base = {
      id: ulid(),
      studentNo: "2026010101",
      name: "李明",
      gender: "male",
      classId: c.id,
      isBoarder: true,
      dormRoomId: r.id,
      bed: "1号床",
    } as Pupil;
    const roommate = { ...base, id: ulid(), studentNo: "2026010102", name: "王强" } as Pupil;
    const ctx = { all: [roommate], rooms: [r], classes: [c] };
    expect(validatePupil(base, ctx).map((p) => p.message)).toEqual(["床位“1号床”在男生1室已有王强"]);
    expect(validatePupil({ ...base, bed: "2号床", gender: "female" }, ctx)[0]?.message).toBe(
      "宿舍：男生1室是男生宿舍，与学生性别不符",
    );
    expect(validatePupil({ ...base, dormRoomId: null }, ctx)[0]?.message).toBe("住宿生需要选择宿舍");
    const full = {
      ...ctx,
      all: [roommate, { ...roommate, id: ulid(), studentNo: "3", bed: "3号床" } as Pupil],
    };
    expect(validatePupil({ ...base, bed: "2号床" }, full)[0]?.message).toBe("宿舍：男生1室已住满（2/2）");
    expect(validatePupil({ ...base, studentNo: roommate.studentNo, isBoarder: false }, ctx)[0]?.field).toBe(
      "studentNo",
    );
  });

  it("areas: a classroom needs its class, and no area may sit inside itself", () => {
    const top = {
      id: ulid(),
      name: "教学楼",
      kind: "campus",
      responsibleStaffId: null,
      parentAreaId: null,
      classId: null,
    } as Area;
    const child = { ...top, id: ulid(), name: "楼梯", parentAreaId: top.id } as Area;
    expect(validateArea({ ...top, parentAreaId: child.id }, { all: [top, child] })[0]?.field).toBe(
      "parentAreaId",
    );
    expect(validateArea({ ...child, kind: "classroom" }, { all: [top, child] })[0]?.message).toBe(
      "教室区域需要选择班级",
    );
  });

  it("times typed on a number pad become 24-hour HH:mm; other text is left for the message", () => {
    expect(["630", "0630", "6.30", "6：30", " 06:30 "].map(normalizeClock)).toEqual(Array(5).fill("06:30"));
    expect(normalizeClock("2030")).toBe("20:30");
    expect(normalizeClock("8点")).toBe("8点");
  });

  it("school settings: the time zone and the domain's slot rules", () => {
    expect(validateSettings({ timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS })).toEqual([]);
    const problems = validateSettings({
      timeZone: "Mars/Olympus",
      timeSlots: { ...DEFAULT_TIME_SLOTS, noon: { start: "12:30", end: "14:00" } },
    });
    expect(problems[0]?.field).toBe("timeZone");
    expect(problems[1]).toMatchObject({ field: "slot-morningClasses" });
    expect(problems[1]?.message).toContain("30 分钟无人负责");
  });

  it("[RD-2, HZ-E1] school settings: round windows in order, a school day, rising escalation delays", () => {
    const base = { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS };
    const good = {
      ...base,
      roundWindows: {
        morning: { start: "06:30", end: "08:00" },
        noon: { start: "12:00", end: "14:00" },
        evening: { start: "16:30", end: "20:30" },
      },
      schoolDays: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[],
      escalationDelays: [0, 60, 120, 240],
    };
    expect(validateSettings(good)).toEqual([]);
    const problems = validateSettings({
      ...good,
      roundWindows: { ...good.roundWindows, noon: { start: "07:30", end: "09:00" } },
      schoolDays: [],
      escalationDelays: [0, 60, 30, 240],
    });
    expect(problems.map((p) => p.field)).toEqual(["round-noon", "schoolDays", "escalation"]);
  });
});

describe("school calendar and bell schedule settings", () => {
  const base = { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS };
  const term = (name: string, start: string, end: string) => ({ id: ulid(), name, start, end });

  it("[CAL-5] each problem is kept on its own row and names the term, holiday or date", () => {
    expect(
      validateSettings({
        ...base,
        terms: [term("2026秋季学期", "2026-09-01", "2027-01-20")],
        holidays: [{ name: "国庆节", start: "2026-10-01", end: "2026-10-07" }],
        makeUpDays: [{ date: "2026-10-10", followsWeekday: 5 }],
        periods: [...DEFAULT_PERIODS],
      }),
    ).toEqual([]);
    const problems = validateSettings({
      ...base,
      terms: [term("秋季", "2026-09-01", "2027-01-20"), term("春季", "2027-01-10", "2027-06-30")],
      holidays: [{ name: "国庆节", start: "2026-10-07", end: "2026-10-01" }],
      makeUpDays: [
        { date: "2026-10-12", followsWeekday: 1 },
        { date: "", followsWeekday: 1 },
      ],
    });
    expect(problems.map((p) => p.field)).toEqual(["holidays-0", "terms-1", "makeUpDays-0", "makeUpDays-1"]);
    expect(problems[0]?.message).toBe("国庆节的开始日期 2026-10-07 晚于结束日期 2026-10-01");
    expect(problems[1]?.message).toContain("“春季”");
    expect(problems[1]?.message).toContain("重叠");
    expect(problems[2]?.message).toBe("2026-10-12 本来就是上课日，不需要调休");
  });

  it("[TT-1] periods in order and inside the class slots, at least one", () => {
    const problems = validateSettings({
      ...base,
      periods: [
        { start: "08:10", end: "08:50" },
        { start: "08:40", end: "09:20" },
        { start: "12:30", end: "13:10" },
        { start: "9点", end: "10:00" },
      ],
    });
    expect(problems.map((p) => p.field)).toEqual(["periods-1", "periods-2", "periods-3"]);
    expect(problems[0]?.message).toBe("第 2 节 08:40 开始，与上一节重叠");
    expect(validateSettings({ ...base, periods: [] })[0]?.field).toBe("periods");
  });
});

describe("monthly score rules settings", () => {
  const base = { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS };

  it("[MS-3] each weight's problem sits at that weight and names the part", () => {
    expect(validateSettings({ ...base, scoreRules: DEFAULT_SCORE_RULES })).toEqual([]);
    // A total other than 100 is allowed.
    expect(validateSettings({ ...base, scoreRules: { ...DEFAULT_SCORE_RULES, lessons: 40 } })).toEqual([]);
    const problems = validateSettings({
      ...base,
      scoreRules: { ...DEFAULT_SCORE_RULES, rounds: -5, hazardsOnTime: 2.5, lessons: Number.NaN },
    });
    expect(problems.map((p) => p.field)).toEqual(["score-rounds", "score-hazardsOnTime", "score-lessons"]);
    expect(problems[0]?.message).toBe("教室巡查完成率的分值“-5”无效，应为 0–100 的整数");
    // An empty box (NaN) is told to be filled in, not echoed as "NaN".
    expect(problems[2]?.message).toBe("每周安全课的分值应为 0–100 的整数");
  });

  it("[MS-3] all weights 0 is a problem of the whole table", () => {
    const zeros = { rounds: 0, hazardsOnTime: 0, noUnaccounted: 0, summariesOnTime: 0, lessons: 0 };
    expect(validateSettings({ ...base, scoreRules: zeros })).toEqual([
      { field: "scoreRules", message: "各项分值不能全为 0" },
    ]);
  });
});
