import { describe, expect, it } from "vitest";
import { dutyChainAt } from "./alert-duty.ts";
import { alertMessage, classLabelZh } from "./alert-message.ts";
import {
  type AlertFacts,
  type AlertLang,
  alertWords,
  type DisputedFacts,
  HANDOVER_KIND_WORDS,
  legacyAlertMessage,
  type UnaccountedFacts,
} from "./alerts.ts";
import { HANDOVER_LABELS } from "./handover.ts";
import { rosterLookup } from "./responsible.ts";
import { CAMPUS, type DutyKind, type DutyScope, type DutySlot, dutySlotId } from "./roster.ts";
import { DEFAULT_SCHOOL_DAYS } from "./school-calendar.ts";
import { effectiveSettings } from "./school-settings.ts";
import { DEFAULT_TIME_SLOTS } from "./time-slots.ts";

const PUPIL = "01JPUPIL00000000000000000A";
const PUPIL2 = "01JPUPIL00000000000000000B";
const CLASS = "01JCLASS00000000000000000A";
const ROOM = "01JROOM000000000000000000A";

const unaccounted: UnaccountedFacts = {
  kind: "unaccounted_pupil",
  pupilId: PUPIL,
  pupilName: "王小明",
  group: { kind: "room", roomId: ROOM },
  groupLabel: "宿舍楼 男生1室",
  bed: "3号床",
  raisedByName: "张值日",
};
const critical: AlertFacts = {
  kind: "critical_hazard",
  hazardId: "01JHAZARD0000000000000000A",
  areaId: "01JAREA000000000000000000A",
  areaName: "二楼楼梯",
  place: "东侧扶手",
  description: "扶手松动，学生可能摔倒",
  raisedByName: "王门卫",
};
const disputed: DisputedFacts = {
  kind: "handover_disputed",
  handoverId: `2026-11-30|bedtime|room:${ROOM}`,
  date: "2026-11-30",
  handoverKind: "bedtime",
  group: { kind: "room", roomId: ROOM },
  groupLabel: "宿舍楼 男生1室",
  given: 5,
  received: 4,
  missing: [{ pupilId: PUPIL, name: "王小明" }],
  giver: { id: "01JSTAFF00000000000000000A", name: "张值日" },
  receiver: { id: "01JSTAFF00000000000000000B", name: "刘阿姨" },
};
const ALL: AlertFacts[] = [unaccounted, critical, disputed, { ...disputed, missing: [] }];

/** What people and the school typed, which stays as typed in either language (AL-2). */
const TYPED = [
  "王小明",
  "李小红",
  "张值日",
  "刘阿姨",
  "王门卫",
  "宿舍楼 男生1室",
  "3号床",
  "二楼楼梯",
  "东侧扶手",
  "扶手松动，学生可能摔倒",
];
const withoutTyped = (text: string) => TYPED.reduce((out, typed) => out.replaceAll(typed, ""), text);
const allText = (facts: AlertFacts, lang: AlertLang) => {
  const w = alertWords(facts, lang);
  return [w.title, w.where, ...w.lines].join("\n");
};

describe("alert wording", () => {
  it("[AL-1] Chinese wording has no English, English wording no Chinese: never both in one string", () => {
    for (const facts of ALL) {
      const zh = withoutTyped(allText(facts, "zh"));
      const en = withoutTyped(allText(facts, "en"));
      expect(zh, zh).not.toMatch(/[A-Za-z]/);
      expect(en, en).not.toMatch(/\p{Script=Han}/u);
      expect(zh).not.toContain(" / ");
      expect(en).not.toContain(" / ");
    }
  });

  it("[AL-1] an unaccounted pupil: who, where and who marked it, in each language", () => {
    expect(alertWords(unaccounted, "zh")).toEqual({
      title: "下落不明：王小明",
      where: "宿舍楼 男生1室 · 3号床",
      lines: ["张值日 点名时标记"],
    });
    expect(alertWords(unaccounted, "en")).toEqual({
      title: "Unaccounted: 王小明",
      where: "宿舍楼 男生1室 · 3号床",
      lines: ["Marked at the roll call by 张值日"],
    });
  });

  it("[AL-1] a critical hazard: area, place, what and who reported it", () => {
    expect(alertWords(critical, "zh")).toEqual({
      title: "重大隐患：二楼楼梯",
      where: "东侧扶手",
      lines: ["扶手松动，学生可能摔倒", "王门卫 上报"],
    });
    expect(alertWords(critical, "en").title).toBe("Critical hazard: 二楼楼梯");
    expect(alertWords(critical, "en").lines).toEqual(["扶手松动，学生可能摔倒", "Reported by 王门卫"]);
    // A round's hazard names the area as its place: said once.
    expect(alertWords({ ...critical, place: "二楼楼梯" }, "zh").where).toBe("");
  });

  it("[AL-5] a dispute says both counts and the pupils the receiver marks missing, or the count only", () => {
    expect(alertWords(disputed, "zh")).toEqual({
      title: "交接人数不符：宿舍楼 男生1室",
      where: "11月30日 就寝交接",
      lines: ["交出 5 人，接收 4 人", "接收方标记缺少：王小明", "交出：张值日 · 接收：刘阿姨"],
    });
    expect(alertWords(disputed, "en")).toEqual({
      title: "Counts differ: 宿舍楼 男生1室",
      where: "Bedtime hand-over, Nov 30",
      lines: [
        "Given 5, received 4",
        "Missing per the receiver: 王小明",
        "Given by 张值日 · received by 刘阿姨",
      ],
    });
    const countOnly = { ...disputed, missing: [] };
    expect(alertWords(countOnly, "zh").lines[1]).toBe("接收方只核对了人数，未标记缺少谁");
    expect(alertWords(countOnly, "en").lines[1]).toBe("The receiver checked the count only");
    const two = { ...disputed, missing: [...disputed.missing, { pupilId: PUPIL2, name: "李小红" }] };
    expect(alertWords(two, "zh").lines[1]).toBe("接收方标记缺少：王小明、李小红");
    expect(alertWords(two, "en").lines[1]).toBe("Missing per the receiver: 王小明, 李小红");
  });

  it("[AL-2] names and labels come from the reader's records when it has them", () => {
    const records = {
      pupilName: (id: string) => (id === PUPIL ? "王晓明" : undefined),
      staffName: () => undefined,
      groupLabel: () => "Grade 3 · Class 1",
    };
    const facts: UnaccountedFacts = {
      ...unaccounted,
      group: { kind: "class", classId: CLASS },
      groupLabel: "三年级1班",
    };
    expect(alertWords(facts, "en", records)).toMatchObject({
      title: "Unaccounted: 王晓明",
      where: "Grade 3 · Class 1 · 3号床",
    });
    // Without them, the facts as written when it was raised.
    expect(alertWords(facts, "zh").where).toBe("三年级1班 · 3号床");
    expect(alertWords(disputed, "zh", records).lines[1]).toBe("接收方标记缺少：王晓明");
  });

  it("[AL-3] the stored message is the Chinese wording on one line, at most 500 characters", () => {
    expect(alertMessage(unaccounted)).toBe("下落不明：王小明（宿舍楼 男生1室 · 3号床）；张值日 点名时标记");
    expect(alertMessage(disputed)).toBe(
      "交接人数不符：宿舍楼 男生1室（11月30日 就寝交接）；交出 5 人，接收 4 人；接收方标记缺少：王小明；交出：张值日 · 接收：刘阿姨",
    );
    for (const facts of ALL) expect(withoutTyped(alertMessage(facts))).not.toMatch(/[A-Za-z]/);
    expect(alertMessage({ ...critical, description: "很".repeat(2000) })).toHaveLength(500);
  });

  it("[AL-4] an old bilingual message keeps only its Chinese", () => {
    expect(
      legacyAlertMessage(
        "交接人数不符 / Hand-over counts differ: 2026-11-30 宿舍楼 男生1室 交出 5 人，接收 4 人 / given 5, received 4",
      ),
    ).toBe("交接人数不符：2026-11-30 宿舍楼 男生1室 交出 5 人，接收 4 人");
    expect(legacyAlertMessage("学生下落不明 / Pupil unaccounted: 王小明（三年级1班 3号床）")).toBe(
      "学生下落不明：王小明（三年级1班 3号床）",
    );
    expect(legacyAlertMessage("重大隐患 / Critical hazard: 二楼楼梯 东侧扶手 — 扶手松动")).toBe(
      "重大隐患：二楼楼梯 东侧扶手 — 扶手松动",
    );
    expect(legacyAlertMessage("东侧扶手：扶手松动")).toBe("东侧扶手：扶手松动");
  });

  it("classLabelZh names a class as the school does; the hand-over kinds as handover.ts does", () => {
    expect(classLabelZh({ grade: 3, name: "1班" })).toBe("三年级1班");
    expect(HANDOVER_KIND_WORDS.dismissal).toEqual(HANDOVER_LABELS.dismissal);
    expect(HANDOVER_KIND_WORDS.bedtime).toEqual(HANDOVER_LABELS.bedtime);
  });
});

// ── AL-6: who an alert names as on duty ─────────────────────────────────────────────────

const DATE = "2026-11-30"; // a Monday in term
const settings = effectiveSettings({
  timeZone: "Asia/Shanghai",
  timeSlots: DEFAULT_TIME_SLOTS,
  schoolDays: DEFAULT_SCHOOL_DAYS,
  terms: [{ id: "t-2026-autumn", name: "2026秋季学期", start: "2026-09-01", end: "2027-01-22" }],
});
const sh = (hhmm: string) => new Date(`${DATE}T${hhmm}:00+08:00`);
const slot = (kind: DutyKind, scope: DutyScope, staffIds: string[]): DutySlot => ({
  id: dutySlotId(DATE, kind, scope),
  date: DATE,
  kind,
  scope,
  staffIds,
  source: "generated",
  templateId: null,
  history: [],
});
const roster = rosterLookup([
  slot("evening", CAMPUS, ["evening-duty"]),
  slot("night", { kind: "building", building: "宿舍楼" }, ["building-keeper"]),
  slot("night", { kind: "room", roomId: ROOM }, ["room-keeper"]),
]);
const roomTarget = { kind: "room" as const, roomId: ROOM, building: "宿舍楼" };
const classTarget = { kind: "class" as const, classId: CLASS, classTeacherId: "class-teacher" };

describe("the duty chain of an alert", () => {
  it("[AL-6] in the evening slot: the evening duty teacher, named once", () => {
    expect(dutyChainAt(sh("19:00"), { targets: [roomTarget, classTarget] }, settings, roster)).toEqual([
      "evening-duty",
    ]);
  });

  it("[AL-6] at night: the room's caretaker first, then every caretaker on duty (the campus)", () => {
    expect(dutyChainAt(sh("22:00"), { targets: [roomTarget] }, settings, roster)).toEqual([
      "room-keeper",
      "building-keeper",
    ]);
  });

  it("[AL-6] a dispute names its roster receivers after the group's holders, before the campus", () => {
    expect(
      dutyChainAt(sh("21:05"), { targets: [roomTarget], receivers: ["evening-duty"] }, settings, roster),
    ).toEqual(["room-keeper", "evening-duty", "building-keeper"]);
  });

  it("[AL-6] in class time a class is held by its teacher; the campus by nobody; a room closed", () => {
    expect(dutyChainAt(sh("10:00"), { targets: [roomTarget, classTarget] }, settings, roster)).toEqual([
      "class-teacher",
    ]);
    expect(dutyChainAt(sh("10:00"), { targets: [] }, settings, roster)).toEqual([]);
  });
});
