// Three weeks of plausible safety work for the embedded demo school (issue #4: "so the board and
// the ledger are not empty on first start"): every school day's morning, noon and evening rounds
// (a few missed, a few late) and about thirty hazards in every state, all relative to `now`.
// The hazards are built step by step with the domain's own rules (deadline, state machine with
// its permission checks), so they obey them; a seeded PRNG makes a fixed `now` give the same
// records every time. Given the demo's duty roster (demo-roster.ts), the campus rounds are walked
// by that day's duty teacher of the round (RD-4), as the roster says.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { ulid } from "ulidx";
import type { AreaKind } from "../../domain/area-kinds.ts";
import { DEFAULT_CHECKLISTS } from "../../domain/default-checklists.ts";
import { hazardDeadline } from "../../domain/hazard-deadline.ts";
import {
  applyHazardAction,
  type Hazard,
  type HazardAction,
  newHazard,
  type Severity,
} from "../../domain/hazard-machine.ts";
import type { Role } from "../../domain/roles.ts";
import { CAMPUS as CAMPUS_SCOPE, type DutySlot, dutySlotId } from "../../domain/roster.ts";
import { ROUND_KINDS, roundWindowOn } from "../../domain/rounds.ts";
import {
  addDays,
  atLocal,
  datesBetween,
  isSchoolDay,
  type LocalDate,
  localDateOf,
  localMinuteOf,
  nextSchoolDay,
} from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { parseClockTime } from "../../domain/time-slots.ts";
import type { Area } from "../../protocol/reference.ts";
import type { RoundItem, RoundRecord } from "../../protocol/safety.ts";
import { Dice, mulberry32, type SchoolSeed } from "./demo-school.ts";

/** How far back the demo's records go: three weeks, today included. */
export const DEMO_ACTIVITY_DAYS = 21;

export type DemoActivitySchool = Pick<
  SchoolSeed,
  "school" | "staff" | "classes" | "areas" | "checklistItems"
>;

/** Names (SHA-256) of stored photos the steps that need one can point at. */
export interface DemoPhotoNames {
  /** Interim measures: a cordon, a warning sign. */
  control: readonly string[];
  /** "After" photos of a repair. */
  after: readonly string[];
}

export interface DemoActivity {
  rounds: RoundRecord[];
  hazards: Hazard[];
}

// ── what goes wrong on a campus like this one ──────────────────────────────────────────

interface HazardTemplate {
  kind: AreaKind;
  /** The checklist item (DEFAULT_CHECKLISTS key) it is found on. */
  item: string;
  /** The demo school's area it belongs to (campus and perimeter); classrooms are picked at random. */
  area?: string;
  place: string;
  description: string;
  severity: Severity;
  /** What the fixer wrote when rectifying. */
  fix: string;
  /** Interim measures, for what cannot always be fixed at once. */
  control?: string;
  /** Perimeter: who deals with it (the gatekeeper himself, or the general-affairs head outside). */
  fixer?: "gatekeeper" | "admin";
}

const CLASSROOM: HazardTemplate[] = [
  {
    kind: "classroom",
    item: "classroom.sockets",
    place: "教室后墙插座",
    description: "插座面板破损，内部铜片外露",
    severity: "major",
    fix: "已更换插座面板，通电测试正常",
  },
  {
    kind: "classroom",
    item: "classroom.lights",
    place: "教室中间第二排日光灯",
    description: "日光灯灯罩一端松脱，悬在课桌上方",
    severity: "major",
    fix: "重新固定灯罩，检查了其余灯具",
  },
  {
    kind: "classroom",
    item: "classroom.windows",
    place: "靠走廊第三扇窗",
    description: "窗户玻璃有一道裂纹",
    severity: "general",
    fix: "已更换玻璃",
    control: "窗户关闭并贴胶带，提醒学生不要靠近",
  },
  {
    kind: "classroom",
    item: "classroom.windows",
    place: "教室北侧窗台",
    description: "窗台下堆放了两张课桌，学生可攀爬",
    severity: "general",
    fix: "课桌已搬离窗台，并向学生讲明原因",
  },
  {
    kind: "classroom",
    item: "classroom.desks",
    place: "第四组第三张课桌",
    description: "课桌桌腿松动，桌面有外露铁钉",
    severity: "general",
    fix: "拔除铁钉，加固桌腿",
  },
  {
    kind: "classroom",
    item: "classroom.doors",
    place: "教室后门",
    description: "后门合页松动，开关时门扇下坠",
    severity: "general",
    fix: "已更换合页",
  },
  {
    kind: "classroom",
    item: "classroom.fans",
    place: "讲台上方吊扇",
    description: "吊扇转动时有异响，固定螺丝松动",
    severity: "major",
    fix: "拧紧螺丝并加装防脱销，试转无异响",
    control: "吊扇断电，开关贴“禁止使用”",
  },
  {
    kind: "classroom",
    item: "classroom.wiring",
    place: "多媒体讲台下",
    description: "一体机电源线破皮，露出铜线",
    severity: "major",
    fix: "更换电源线，线缆用线槽收好",
  },
  {
    kind: "classroom",
    item: "classroom.fire_extinguisher",
    place: "教室前门旁",
    description: "灭火器压力指针在红区",
    severity: "general",
    fix: "已更换新灭火器",
  },
  {
    kind: "classroom",
    item: "classroom.floor_exits",
    place: "教室后门过道",
    description: "过道堆放纸箱，堵住疏散通道",
    severity: "general",
    fix: "纸箱已清走",
  },
];

const CAMPUS: HazardTemplate[] = [
  {
    kind: "campus",
    item: "campus.railings",
    area: "教学楼楼梯",
    place: "二楼东侧楼梯扶手",
    description: "楼梯扶手松动",
    severity: "major",
    fix: "重新焊接固定扶手",
    control: "拉警戒线，安排值日教师课间在楼梯口疏导",
  },
  {
    kind: "campus",
    item: "campus.stairs",
    area: "教学楼楼梯",
    place: "三楼西侧楼梯第5级",
    description: "楼梯防滑条脱落，边角翘起",
    severity: "general",
    fix: "重新粘贴防滑条",
  },
  {
    kind: "campus",
    item: "campus.railings",
    area: "走廊栏杆",
    place: "四楼走廊栏杆",
    description: "栏杆底部锈蚀，一根立柱晃动",
    severity: "major",
    fix: "更换立柱，除锈刷漆",
    control: "设置围挡和警示牌，禁止学生靠近",
  },
  {
    kind: "campus",
    item: "campus.toilets",
    area: "厕所",
    place: "一楼男厕",
    description: "厕所地面积水，非常湿滑",
    severity: "general",
    fix: "疏通地漏，铺设防滑垫",
  },
  {
    kind: "campus",
    item: "campus.toilets",
    area: "厕所",
    place: "二楼女厕第三间",
    description: "隔板门锁损坏，门关不上",
    severity: "general",
    fix: "已更换门锁",
  },
  {
    kind: "campus",
    item: "campus.playground",
    area: "操场及体育器材",
    place: "操场东侧单杠",
    description: "单杠底座螺栓锈蚀松动",
    severity: "major",
    fix: "更换螺栓并除锈刷漆",
    control: "单杠拉警戒线停用，体育课改用其他器材",
  },
  {
    kind: "campus",
    item: "campus.playground",
    area: "操场及体育器材",
    place: "篮球场北侧篮球架",
    description: "篮板边角开裂，有碎片掉落",
    severity: "general",
    fix: "更换篮板边框，清理碎片",
  },
  {
    kind: "campus",
    item: "campus.water_power",
    area: "饮水点",
    place: "二楼饮水点",
    description: "饮水机漏水，插头附近有积水",
    severity: "major",
    fix: "维修饮水机，插座加装防水盖",
  },
  {
    kind: "campus",
    item: "campus.water_power",
    area: "配电房",
    place: "配电房外配电箱",
    description: "配电箱门未上锁",
    severity: "major",
    fix: "配电箱已加锁，钥匙交总务处",
  },
  {
    kind: "campus",
    item: "campus.trees",
    area: "校园绿化树木",
    place: "校门内左侧香樟树",
    description: "香樟树枯枝悬在通道上方",
    severity: "general",
    fix: "已修剪枯枝",
    control: "树下通道拉警戒线，学生绕行",
  },
  {
    kind: "campus",
    item: "campus.drains",
    area: "排水沟",
    place: "食堂后排水沟",
    description: "排水沟盖板破损翘起",
    severity: "general",
    fix: "已更换盖板",
  },
  {
    kind: "campus",
    item: "campus.canteen",
    area: "食堂",
    place: "食堂操作间",
    description: "燃气报警器无显示",
    severity: "major",
    fix: "更换电池并测试报警正常",
  },
  {
    kind: "campus",
    item: "campus.dorm_exits",
    area: "宿舍楼",
    place: "宿舍楼二楼走廊",
    description: "安全出口指示灯不亮",
    severity: "major",
    fix: "更换应急指示灯",
  },
  {
    kind: "campus",
    item: "campus.dorm_exits",
    area: "宿舍楼",
    place: "男生2室12号床",
    description: "床铺护栏螺丝缺失，护栏松动",
    severity: "general",
    fix: "补齐螺丝，检查了同室其他床铺",
  },
  {
    kind: "campus",
    item: "campus.fire_safety",
    area: "消防设施",
    place: "教学楼北侧消防通道",
    description: "消防通道停放电动车",
    severity: "general",
    fix: "车辆已移走，设置禁停标志",
  },
];

const PERIMETER: HazardTemplate[] = [
  {
    kind: "perimeter",
    item: "perimeter.vendors",
    area: "周边流动摊点",
    place: "校门口东侧",
    description: "校门口有流动摊贩售卖三无零食",
    severity: "general",
    fix: "已劝离，并联系城管加强巡查",
    fixer: "gatekeeper",
  },
  {
    kind: "perimeter",
    item: "perimeter.traffic",
    area: "门前道路路口",
    place: "校门前斑马线",
    description: "校门口斑马线模糊不清",
    severity: "major",
    fix: "交管部门已重新施划斑马线",
    control: "上下学时段安排值日教师在路口护导",
    fixer: "admin",
  },
  {
    kind: "perimeter",
    item: "perimeter.standing_water",
    area: "低洼积水处",
    place: "校门西侧低洼处",
    description: "雨后积水约20厘米深",
    severity: "major",
    fix: "已抽干积水，疏通排水口",
    control: "设置警示牌和隔离带，安排人员引导学生绕行",
    fixer: "gatekeeper",
  },
  {
    kind: "perimeter",
    item: "perimeter.construction",
    area: "周边施工工地",
    place: "学校北侧施工工地",
    description: "工地围挡有缺口，学生可进入",
    severity: "major",
    fix: "施工方已修补围挡",
    control: "缺口处拉警戒线，放学时门卫在此值守",
    fixer: "admin",
  },
  {
    kind: "perimeter",
    item: "perimeter.fence",
    area: "围墙",
    place: "操场北侧围墙外",
    description: "围墙外堆放砖块，可攀爬翻越",
    severity: "general",
    fix: "砖块已清理",
    fixer: "admin",
  },
  {
    kind: "perimeter",
    item: "perimeter.strangers",
    area: "校门",
    place: "校门口",
    description: "放学时有陌生人在校门口长时间逗留",
    severity: "major",
    fix: "已报警并登记，民警到场劝离",
    fixer: "gatekeeper",
  },
  {
    kind: "perimeter",
    item: "perimeter.power_lines",
    area: "门前道路路口",
    place: "门前道路电线杆",
    description: "电线杆倾斜，电线下垂",
    severity: "major",
    fix: "供电所已扶正电线杆，重新架线",
    control: "电线杆周围拉警戒线，禁止学生靠近",
    fixer: "admin",
  },
  {
    kind: "perimeter",
    item: "perimeter.lighting_cameras",
    area: "校门",
    place: "校门外路灯",
    description: "校门外路灯不亮",
    severity: "general",
    fix: "路灯已修复",
    fixer: "admin",
  },
];

/** Exceptions found on a round and dealt with on the spot (no hazard). */
const ON_THE_SPOT: Record<AreaKind, Array<{ item: string; note: string }>> = {
  classroom: [
    { item: "classroom.floor_exits", note: "后门过道有书包堆放，已让学生收好" },
    { item: "classroom.sockets", note: "放学后饮水机未断电，已关闭" },
    { item: "classroom.windows", note: "窗台上放了花盆，已移走" },
    { item: "classroom.multimedia", note: "一体机未关机，已断电" },
  ],
  campus: [
    { item: "campus.stairs", note: "楼梯间有拖把和水桶，已收走" },
    { item: "campus.toilets", note: "厕所地面有水，已拖干" },
    { item: "campus.fire_safety", note: "消防通道停了自行车，已挪开" },
  ],
  perimeter: [
    { item: "perimeter.traffic", note: "放学时接送车辆乱停，已劝导" },
    { item: "perimeter.strangers", note: "校门口有人逗留，询问后是来接孩子的家长" },
    { item: "perimeter.standing_water", note: "门口有一点积水，已扫开" },
  ],
};

const COMMENTS = ["收到，马上处理", "已安排维修师傅，今天下午处理", "配件已领到，正在处理"];
const REOPEN_REASONS = ["复查发现仍有松动，请重新处理", "整改不到位，请再看一下"];
const CLOSE_NOTES = ["验收合格", "已复查，整改到位", ""];
const MISS_CHANCE: Record<AreaKind, number> = { classroom: 0.04, campus: 0.05, perimeter: 0.06 };
const LATE_CHANCE = 0.04;

// ── the generator ────────────────────────────────────────────────────────────────────────

type Person = { id: string; login: string; roles: Role[]; isActive: boolean };

export function buildDemoActivity(
  school: DemoActivitySchool,
  now: Date,
  photos: DemoPhotoNames,
  /** The duty slots of the days covered; without them the duty teachers take turns by role. */
  roster: readonly DutySlot[] = [],
): DemoActivity {
  const settings = effectiveSettings(school.school.settings);
  const tz = settings.timeZone;
  const dice = new Dice(mulberry32(0x20261130));
  const idPrng = mulberry32(0x5afe_0004);
  const newId = (at: Date) => ulid(at.getTime(), idPrng);
  const minute = (clock: string) => parseClockTime(clock) ?? 0;
  const localAt = (date: LocalDate, minuteOfDay: number, seconds = 0) =>
    new Date(atLocal(date, minuteOfDay, tz).getTime() + seconds * 1000);
  const plusMinutes = (t: Date, min: number, max: number) =>
    new Date(t.getTime() + dice.int(min * 60, max * 60) * 1000);
  /** A moment min–max minutes after `t`, no later than `cap` unless that would not be after `t`. */
  const later = (t: Date, min: number, max: number, cap?: Date) => {
    let next = plusMinutes(t, min, max);
    if (cap && next.getTime() > cap.getTime()) next = cap;
    return next.getTime() > t.getTime() ? next : new Date(t.getTime() + 60_000);
  };

  // People
  const staff: Person[] = school.staff.filter((s) => s.isActive);
  const withRole = (role: Role) => staff.filter((s) => s.roles.includes(role));
  const byId = new Map(staff.map((s) => [s.id as string, s]));
  const admin = withRole("admin")[0];
  if (!admin) throw new Error("demo activity: the school has no admin");
  const byLogin = new Map(staff.map((s) => [s.login, s]));
  const facilities = byLogin.get("facilities") ?? withRole("area_responsible")[0] ?? admin;
  const gatekeepers = withRole("gatekeeper").length > 0 ? withRole("gatekeeper") : [admin];
  const dayGate = gatekeepers[0] as Person;
  const nightGate = (gatekeepers[1] ?? dayGate) as Person;
  const dutyTeachers = withRole("duty_teacher").length > 0 ? withRole("duty_teacher") : [admin];
  const caretakers = withRole("dorm_caretaker").length > 0 ? withRole("dorm_caretaker") : [nightGate];
  const classTeacherOf = new Map(school.classes.map((c) => [c.id as string, c.classTeacherId]));
  const slotById = new Map(roster.map((s) => [s.id, s]));
  /** RD-4: the duty teacher of a round: a holder of that day's slot, else the next in turn. */
  const dutyOf = (date: LocalDate, dayIndex: number, ri: number): Person => {
    const holders = (
      slotById.get(dutySlotId(date, ROUND_KINDS[ri] ?? "morning", CAMPUS_SCOPE))?.staffIds ?? []
    )
      .map((id) => byId.get(id))
      .filter((p): p is Person => p !== undefined);
    if (holders.length > 0) return holders[dayIndex % holders.length] as Person;
    return dutyTeachers[(dayIndex * ROUND_KINDS.length + ri) % dutyTeachers.length] as Person;
  };
  const person = (id: string | null | undefined, fallback: Person): Person =>
    (id ? byId.get(id) : undefined) ?? fallback;

  // Areas and checklists
  const areas = school.areas;
  const areaById = new Map(areas.map((a) => [a.id as string, a]));
  const areasOf = (kind: AreaKind) => areas.filter((a) => a.kind === kind);
  const areaNamed = (name: string | undefined, kind: AreaKind): Area => {
    const found = name ? areas.find((a) => a.name === name && a.kind === kind) : undefined;
    return found ?? dice.pick(areasOf(kind));
  };
  const itemsOf = new Map<AreaKind, RoundItem[]>();
  const itemIdByKey = new Map<string, string>();
  const labelsOf = new Map<string, { labelZh: string; labelEn: string }>();
  for (const kind of ["classroom", "campus", "perimeter"] as const) {
    const items = school.checklistItems
      .filter((i) => i.areaKind === kind && i.isActive)
      .sort((a, b) => a.position - b.position);
    itemsOf.set(
      kind,
      items.map((i) => ({ itemId: i.id, ok: true })),
    );
    for (const i of items) labelsOf.set(i.id, { labelZh: i.labelZh, labelEn: i.labelEn });
    for (const d of DEFAULT_CHECKLISTS[kind]) {
      const item = items.find((i) => i.labelZh === d.labelZh);
      if (item) itemIdByKey.set(d.key, item.id);
    }
  }
  const markItem = (record: RoundRecord, key: string, note: string) => {
    const itemId = itemIdByKey.get(key);
    const item = record.items.find((i) => i.itemId === itemId) ?? record.items[0];
    if (item) {
      item.ok = false;
      item.note = note;
      Object.assign(item, labelsOf.get(item.itemId));
    }
    return item?.itemId ?? null;
  };

  // Days: the school days of the last three weeks, today included.
  const today = localDateOf(now, tz);
  const days = datesBetween(addDays(today, -(DEMO_ACTIVITY_DAYS - 1)), today).filter((d) =>
    isSchoolDay(d, settings),
  );
  const pastDays = days.filter((d) => d < today);

  // ── rounds ──
  const rounds: RoundRecord[] = [];
  const roundsOf = new Map<string, RoundRecord[]>(); // `${date}/${areaId}`
  const checkerOf = (area: Area, duty: Person): Person => {
    if (area.kind === "classroom")
      return person(classTeacherOf.get(area.classId ?? ""), person(area.responsibleStaffId, admin));
    if (area.kind === "perimeter") return dice.chance(0.75) ? dayGate : nightGate;
    const roll = dice.int(1, 100);
    if (roll <= 50) return person(area.responsibleStaffId, admin);
    return roll <= 85 ? duty : admin;
  };
  const record = (area: Area, date: LocalDate, round: RoundRecord["round"], by: Person, at: Date) => {
    const r: RoundRecord = {
      id: newId(at),
      areaId: area.id,
      round,
      date,
      items: (itemsOf.get(area.kind) ?? []).map((i) => ({ ...i })),
      note: "",
      photos: [],
      hazardIds: [],
      checkedBy: by.id,
      checkedAt: at.toISOString(),
    };
    if (dice.chance(0.025)) {
      const spot = dice.pick(ON_THE_SPOT[area.kind]);
      markItem(r, spot.item, spot.note);
    }
    rounds.push(r);
    const key = `${date}/${area.id}`;
    roundsOf.set(key, [...(roundsOf.get(key) ?? []), r]);
  };
  days.forEach((date, dayIndex) => {
    ROUND_KINDS.forEach((round, ri) => {
      const { start, end } = roundWindowOn(settings, date, round);
      const seconds = Math.floor((end.getTime() - start.getTime()) / 1000);
      const duty = dutyOf(date, dayIndex, ri);
      for (const area of areas) {
        if (dice.chance(MISS_CHANCE[area.kind])) continue;
        const by = checkerOf(area, duty);
        const at = dice.chance(LATE_CHANCE)
          ? new Date(end.getTime() + dice.int(5 * 60, 50 * 60) * 1000)
          : new Date(start.getTime() + dice.int(5 * 60, Math.max(5 * 60, seconds - 10 * 60)) * 1000);
        if (at.getTime() >= now.getTime()) continue;
        record(area, date, round, by, at);
        // Now and then two people check the same campus area in the same round; both count.
        if (area.kind === "campus" && dice.chance(0.03)) {
          const second = by.id === admin.id ? duty : admin;
          const at2 = new Date(
            start.getTime() + dice.int(5 * 60, Math.max(5 * 60, seconds - 10 * 60)) * 1000,
          );
          if (at2.getTime() < now.getTime()) record(area, date, round, second, at2);
        }
      }
    });
  });

  // ── hazards ──
  const hazards: Hazard[] = [];
  const step = (h: Hazard, action: HazardAction, by: Person, at: Date): Hazard => {
    const area = areaById.get(h.areaId);
    const result = applyHazardAction(h, action, {
      id: newId(at),
      actor: { id: by.id, roles: by.roles },
      at,
      context: { areaResponsibleId: area?.responsibleStaffId ?? null },
      checkPermission: true,
    });
    if (result.outcome !== "applied")
      throw new Error(`demo hazard "${h.description}": ${action.kind} was ${result.outcome}`);
    return result.hazard;
  };
  const assigneeFor = (t: HazardTemplate, area: Area, reporter: Person): Person => {
    if (t.kind === "classroom") return facilities;
    if (t.kind === "perimeter")
      return t.fixer === "admin" ? admin : reporter.roles.includes("gatekeeper") ? reporter : dayGate;
    const responsible = person(area.responsibleStaffId, facilities);
    return responsible.id === admin.id ? facilities : responsible;
  };
  const defaultReporter = (t: HazardTemplate, area: Area, duty: Person): Person => {
    if (t.kind === "classroom") return person(classTeacherOf.get(area.classId ?? ""), admin);
    if (t.kind === "perimeter") return dayGate;
    return dice.chance(0.6) ? duty : admin;
  };

  /** A hazard found on `date`, on one of the area's rounds when one fits, else ad hoc. */
  const report = (
    t: HazardTemplate,
    date: LocalDate,
    latestMinute: number,
    opts: { assign: boolean; reporter?: Person; foundAt?: Date } = { assign: true },
  ) => {
    const area = t.kind === "classroom" ? dice.pick(areasOf("classroom")) : areaNamed(t.area, t.kind);
    const duty = dice.pick(dutyTeachers);
    let reporter = opts.reporter ?? defaultReporter(t, area, duty);
    let foundAt = opts.foundAt;
    let roundRecord: RoundRecord | undefined;
    if (!foundAt) {
      const fitting = (roundsOf.get(`${date}/${area.id}`) ?? []).filter(
        (r) => r.hazardIds.length === 0 && localMinuteOf(new Date(r.checkedAt), tz) <= latestMinute,
      );
      if (fitting.length > 0 && dice.chance(0.85)) {
        roundRecord = dice.pick(fitting);
        reporter = person(roundRecord.checkedBy, reporter);
        foundAt = new Date(Date.parse(roundRecord.checkedAt) - dice.int(60, 240) * 1000);
      } else {
        foundAt = localAt(date, dice.int(minute("08:30"), latestMinute), dice.int(0, 59));
      }
    }
    const id = newId(foundAt);
    const checklistItemId = roundRecord ? markItem(roundRecord, t.item, t.description) : null;
    roundRecord?.hazardIds.push(id);
    const assignee = assigneeFor(t, area, reporter);
    const hazard = newHazard(
      {
        id,
        areaId: area.id,
        place: t.place,
        severity: t.severity,
        description: t.description,
        photos: [],
        roundId: roundRecord?.id ?? null,
        checklistItemId,
        assigneeId: opts.assign ? assignee.id : null,
        alertId: null,
      },
      { id: newId(foundAt), by: reporter.id, foundAt, deadline: hazardDeadline(foundAt, settings) },
    );
    return { hazard, area, reporter, assignee, foundAt };
  };

  // The pictures (PICTURES below) in order: after = handrail, socket, drain; control = cordon, sign.
  const pictureOf = (list: readonly string[], index: number | undefined) =>
    index !== undefined && list[index] ? (list[index] as string) : dice.pick(list);
  const afterPhoto = (t: HazardTemplate) => {
    const index = /railings|stairs|fence|playground|desks|doors/.test(t.item)
      ? 0
      : /sockets|wiring|lights|fans|water_power|multimedia|lighting|dorm_exits|canteen/.test(t.item)
        ? 1
        : /drains|standing_water|toilets/.test(t.item)
          ? 2
          : undefined;
    return [pictureOf(photos.after, index)];
  };
  const controlPhoto = (t: HazardTemplate) => {
    const text = t.control ?? "";
    return [pictureOf(photos.control, text.includes("警戒线") ? 0 : text.includes("警示") ? 1 : undefined)];
  };
  const closerFor = (reporter: Person, rectifier: Person): Person =>
    reporter.id !== rectifier.id && (dice.chance(0.6) || rectifier.id === admin.id) ? reporter : admin;

  /** Found, fixed the same day before bedtime, and (if `close`) verified by someone else. */
  const fixedSameDay = (
    t: HazardTemplate,
    date: LocalDate,
    opts: { close: boolean; reopen?: boolean; raise?: boolean },
  ) => {
    const found = report(t, date, minute("17:30"));
    let h = found.hazard;
    let at = found.foundAt;
    const { assignee, reporter } = found;
    if (dice.chance(0.3)) {
      at = later(at, 5, 30);
      h = step(h, { kind: "comment", text: dice.pick(COMMENTS), photos: [] }, assignee, at);
    }
    if (opts.raise) {
      at = later(at, 5, 20);
      h = step(h, { kind: "raiseSeverity", severity: "major" }, admin, at);
    }
    if (t.control && dice.chance(0.3)) {
      at = later(at, 5, 20);
      h = step(h, { kind: "control", from: h.state, text: t.control, photos: controlPhoto(t) }, assignee, at);
    }
    at = later(at, 30, 240, localAt(date, minute(opts.reopen ? "18:40" : "19:40")));
    h = step(h, { kind: "rectify", from: h.state, text: t.fix, photos: afterPhoto(t) }, assignee, at);
    if (opts.reopen) {
      const checker = reporter.id !== assignee.id ? reporter : admin;
      at = later(at, 15, 30);
      h = step(h, { kind: "reopen", from: "rectified", text: dice.pick(REOPEN_REASONS) }, checker, at);
      at = later(at, 20, 40);
      h = step(
        h,
        { kind: "rectify", from: "assigned", text: `${t.fix}（返工）`, photos: afterPhoto(t) },
        assignee,
        at,
      );
    }
    if (opts.close) {
      at = later(at, 10, 90, localAt(date, minute("20:20"), dice.int(0, 59)));
      const note = dice.pick(CLOSE_NOTES);
      h = step(
        h,
        { kind: "close", from: "rectified", ...(note ? { text: note } : {}) },
        closerFor(reporter, assignee),
        at,
      );
    }
    hazards.push(h);
  };

  // Templates come round in a shuffled order, so three weeks show a variety of problems.
  const deck = dice.shuffle([...CLASSROOM, ...CAMPUS, ...PERIMETER]);
  let dealt = 0;
  /** Templates of the hazards still open: no two of them in the same place. */
  const stillOpen = new Set<HazardTemplate>();
  const deal = (accept: (t: HazardTemplate) => boolean = () => true): HazardTemplate => {
    for (let i = 0; i < deck.length; i++) {
      const t = deck[(dealt + i) % deck.length] as HazardTemplate;
      if (accept(t) && !stillOpen.has(t)) {
        dealt += i + 1;
        return t;
      }
    }
    return deck[dealt++ % deck.length] as HazardTemplate;
  };
  const dealOpen = (accept: (t: HazardTemplate) => boolean) => {
    const t = deal(accept);
    stillOpen.add(t);
    return t;
  };

  // Closed: about two dozen over the past school days, one reopened once, one raised to major.
  const CLOSED = 24;
  const closedDays = Array.from({ length: CLOSED }, () => dice.pick(pastDays)).sort();
  closedDays.forEach((date, i) => {
    if (pastDays.length === 0) return;
    fixedSameDay(deal(), date, { close: true, reopen: i === 7, raise: i === 12 });
  });

  // Rectified, waiting for the reporter or an admin to verify: from the last two school days.
  for (let i = 0; i < 4 && pastDays.length > 0; i++) {
    const date = pastDays.at(i < 2 ? -1 : -2) ?? (pastDays[0] as LocalDate);
    fixedSameDay(
      dealOpen(() => true),
      date,
      { close: false },
    );
  }

  // Overdue from the last school day: could not be fixed by bedtime, so it is under interim
  // control with a night owner, and the admin set a new deadline for the next school day.
  const lastDay = pastDays.at(-1);
  if (lastDay) {
    const t = dealOpen((x) => x.control !== undefined && x.kind !== "classroom");
    const found = report(t, lastDay, minute("16:00"));
    let h = found.hazard;
    let at = later(found.foundAt, 15, 40);
    h = step(
      h,
      { kind: "control", from: h.state, text: t.control ?? "", photos: controlPhoto(t) },
      found.assignee,
      at,
    );
    at = later(at, 60, 120, localAt(lastDay, minute("18:30")));
    h = step(h, { kind: "comment", text: "需要购买配件，今天无法完成整改", photos: [] }, found.assignee, at);
    const eveningDuty = dutyOf(lastDay, days.indexOf(lastDay), 2);
    const owner = t.kind === "perimeter" ? nightGate : dice.pick(caretakers);
    h = step(
      h,
      { kind: "setNightOwner", nightOwnerId: owner.id },
      eveningDuty,
      localAt(lastDay, minute("19:40"), dice.int(0, 59)),
    );
    const newDeadline = atLocal(nextSchoolDay(lastDay, settings), minute("10:00"), tz);
    h = step(
      h,
      { kind: "setDeadline", deadline: newDeadline.toISOString(), text: "配件明早到货，10:00 前完成整改" },
      admin,
      localAt(lastDay, minute("20:05"), dice.int(0, 59)),
    );
    hazards.push(h);
  }

  // Open now: reported within the current deadline period so none is overdue; one under
  // interim control with a night owner, one assigned, one only reported.
  const offsets = [170, 125, 95, 70, 45, 25, 12, 4, 1, 0];
  const times = offsets
    .map((m) => new Date(now.getTime() - m * 60_000 - (m > 0 ? dice.int(0, 50) * 1000 : 0)))
    .filter((t) => hazardDeadline(t, settings).getTime() > now.getTime());
  const pickTime = (i: number) =>
    times[Math.min(times.length - 1, Math.round((i * times.length) / 3))] ?? now;
  const between = (a: Date, share: number) =>
    new Date(a.getTime() + Math.floor((now.getTime() - a.getTime()) * share));
  const daytime = (t: Date) => {
    const m = localMinuteOf(t, tz);
    return isSchoolDay(localDateOf(t, tz), settings) && m >= minute("06:30") && m < minute("20:30");
  };
  {
    // 1: a perimeter hazard the gatekeeper cordoned off; a night owner named.
    const foundAt = pickTime(0);
    const t = dealOpen((x) => x.kind === "perimeter" && x.control !== undefined);
    const gate = daytime(foundAt) ? dayGate : nightGate;
    const found = report(t, localDateOf(foundAt, tz), 0, { assign: true, reporter: gate, foundAt });
    let h = step(
      found.hazard,
      { kind: "control", from: found.hazard.state, text: t.control ?? "", photos: controlPhoto(t) },
      gate,
      between(foundAt, 0.3),
    );
    const namer = dice.pick(dutyTeachers);
    h = step(h, { kind: "setNightOwner", nightOwnerId: nightGate.id }, namer, between(foundAt, 0.6));
    hazards.push(h);
  }
  {
    // 2: assigned, the fixer has seen it.
    const foundAt = pickTime(1);
    const atNight = !daytime(foundAt);
    const t = atNight
      ? dealOpen((x) => x.area === "宿舍楼")
      : dealOpen((x) => x.kind === "campus" && x.area !== "宿舍楼");
    const reporter = atNight ? dice.pick(caretakers) : dice.pick(dutyTeachers);
    const found = report(t, localDateOf(foundAt, tz), 0, { assign: true, reporter, foundAt });
    const h = step(
      found.hazard,
      { kind: "comment", text: dice.pick(COMMENTS), photos: [] },
      found.assignee,
      between(foundAt, 0.5),
    );
    hazards.push(h);
  }
  {
    // 3: just reported, nobody assigned yet.
    const foundAt = pickTime(2);
    const inClass = daytime(foundAt);
    const t = dealOpen((x) => x.kind === (inClass ? "classroom" : "perimeter"));
    const found = report(t, localDateOf(foundAt, tz), 0, {
      assign: false,
      foundAt,
      ...(inClass ? {} : { reporter: nightGate }),
    });
    hazards.push(found.hazard);
  }

  rounds.sort((a, b) => a.checkedAt.localeCompare(b.checkedAt) || a.id.localeCompare(b.id));
  hazards.sort((a, b) => a.foundAt.localeCompare(b.foundAt) || a.id.localeCompare(b.id));
  return { rounds, hazards };
}

// ── photos ───────────────────────────────────────────────────────────────────────────────

export interface DemoPhoto {
  use: keyof DemoPhotoNames;
  sha256: string;
  mime: "image/jpeg";
  size: number;
  storedSize: number;
  width: number;
  height: number;
  bytes: Buffer;
}

type Rgb = [number, number, number];
const W = 160;
const H = 120;

/** Small text-free pictures, painted pixel by pixel (no fonts, same bytes on every machine). */
const PICTURES: Array<{ use: keyof DemoPhotoNames; paint: (x: number, y: number) => Rgb }> = [
  {
    // A yellow-and-black cordon across grey paving.
    use: "control",
    paint: (x, y) => {
      const band = y > H * 0.42 && y < H * 0.56;
      if (band) return Math.floor((x + y) / 10) % 2 === 0 ? [245, 200, 30] : [30, 30, 30];
      const shade = 120 + ((x * 7 + y * 13) % 17);
      return [shade, shade, shade + 4];
    },
  },
  {
    // A yellow warning triangle on a post, in front of a pale wall.
    use: "control",
    paint: (x, y) => {
      const cx = W / 2;
      const top = 18;
      const bottom = 78;
      const half = ((y - top) / (bottom - top)) * 34;
      const inTriangle = y >= top && y <= bottom && Math.abs(x - cx) <= half;
      const inBorder = inTriangle && (Math.abs(x - cx) >= half - 5 || y >= bottom - 5);
      if (inBorder) return [200, 30, 30];
      if (inTriangle) return [250, 210, 40];
      if (y > bottom && Math.abs(x - cx) < 3) return [90, 90, 90];
      return y > 100 ? [110, 140, 90] : [225, 222, 210];
    },
  },
  {
    // A repaired handrail: a steel bar on posts along a beige wall.
    use: "after",
    paint: (x, y) => {
      if (y >= 40 && y < 48) return y < 42 ? [220, 225, 230] : [150, 155, 160];
      if (y >= 48 && y < 110 && x % 40 < 5) return [140, 145, 150];
      return y > 110 ? [170, 160, 140] : [236, 226, 204];
    },
  },
  {
    // A new socket plate on a white wall.
    use: "after",
    paint: (x, y) => {
      const inPlate = x > 50 && x < 110 && y > 30 && y < 90;
      if (inPlate && ((x > 68 && x < 72) || (x > 88 && x < 92)) && y > 48 && y < 62) return [60, 60, 60];
      if (inPlate) return [250, 250, 248];
      return [232, 230, 224];
    },
  },
  {
    // A new drain cover grating in concrete.
    use: "after",
    paint: (x, y) => {
      const inCover = x > 20 && x < 140 && y > 35 && y < 85;
      if (inCover) return x % 8 < 3 || y < 39 || y > 81 ? [70, 72, 75] : [25, 25, 28];
      const shade = 175 + ((x * 5 + y * 11) % 13);
      return [shade, shade - 2, shade - 6];
    },
  },
];

/** The demo's photos as JPEG bytes with their SHA-256 names, ready for the blob store. */
export async function makeDemoPhotos(): Promise<DemoPhoto[]> {
  return Promise.all(
    PICTURES.map(async ({ use, paint }) => {
      const raw = Buffer.alloc(W * H * 3);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) raw.set(paint(x, y), (y * W + x) * 3);
      const bytes = await sharp(raw, { raw: { width: W, height: H, channels: 3 } })
        .jpeg({ quality: 75 })
        .toBuffer();
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      return {
        use,
        sha256,
        mime: "image/jpeg" as const,
        size: bytes.length,
        storedSize: bytes.length,
        width: W,
        height: H,
        bytes,
      };
    }),
  );
}

export function photoNames(list: readonly DemoPhoto[]): DemoPhotoNames {
  return {
    control: list.filter((p) => p.use === "control").map((p) => p.sha256),
    after: list.filter((p) => p.use === "after").map((p) => p.sha256),
  };
}
