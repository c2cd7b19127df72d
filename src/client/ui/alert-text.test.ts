import { afterEach, describe, expect, it } from "vitest";
import { alertRecords, alertText, factsOf } from "./alert-text.ts";
import { setLang } from "./i18n.ts";

const PUPIL = "01JPUPIL00000000000000000A";
const CLASS = "01JCLASS00000000000000000A";
const ROOM = "01JROOM000000000000000000A";

const unaccounted = {
  kind: "unaccounted_pupil",
  message: "下落不明：王小明（三年级1班 · 3号床）；张值日 点名时标记",
  facts: {
    kind: "unaccounted_pupil",
    pupilId: PUPIL,
    pupilName: "王小明",
    group: { kind: "class", classId: CLASS },
    groupLabel: "三年级1班",
    bed: "3号床",
    raisedByName: "张值日",
  },
};
const disputed = {
  kind: "handover_disputed",
  message: "…",
  facts: {
    kind: "handover_disputed",
    handoverId: `2026-11-30|dismissal|class:${CLASS}`,
    date: "2026-11-30",
    handoverKind: "dismissal",
    group: { kind: "class", classId: CLASS },
    groupLabel: "三年级1班",
    given: 5,
    received: 4,
    missing: [],
  },
};
const records = alertRecords({
  pupils: new Map([[PUPIL, { name: "王小明" }]]),
  classes: new Map([[CLASS, { grade: 3, name: "1班" }]]),
  rooms: new Map([[ROOM, { building: "宿舍楼", name: "男生1室" }]]),
});

describe("alertText: an alert in the reader's language", () => {
  afterEach(() => setLang("zh"));

  it("[AL-1 / AL-2] words the facts in Chinese, the class through classLabel", () => {
    setLang("zh");
    expect(alertText(unaccounted, records)).toEqual({
      title: "下落不明：王小明",
      where: "三年级1班 · 3号床",
      lines: ["张值日 点名时标记"],
    });
    expect(alertText(disputed, records).lines).toEqual([
      "交出 5 人，接收 4 人",
      "接收方只核对了人数，未标记缺少谁",
    ]);
  });

  it("[AL-1 / AL-2] and in English: 'Grade 3 · Class 1', no Chinese but the names people typed", () => {
    setLang("en");
    const words = alertText(unaccounted, records);
    expect(words).toEqual({
      title: "Unaccounted: 王小明",
      where: "Grade 3 · Class\u00a01 · 3号床",
      lines: ["Marked at the roll call by 张值日"],
    });
    const dispute = alertText(disputed, records);
    expect(dispute.title).toBe("Counts differ: Grade 3 · Class\u00a01");
    const text = [dispute.title, dispute.where, ...dispute.lines].join(" ");
    expect(text).not.toMatch(/\p{Script=Han}/u);
    expect(text).toContain("Given 5, received 4");
  });

  it("[AL-4] without facts: the message, only its Chinese half when it was bilingual", () => {
    setLang("en");
    const old = {
      kind: "handover_disputed",
      message:
        "交接人数不符 / Hand-over counts differ: 2026-11-30 宿舍楼 男生1室 交出 5 人，接收 4 人 / given 5, received 4",
    };
    expect(alertText(old)).toEqual({
      title: "交接人数不符：2026-11-30 宿舍楼 男生1室 交出 5 人，接收 4 人",
      where: "",
      lines: [],
    });
  });

  it("facts of another kind, or missing what the wording reads, are not used", () => {
    expect(factsOf({ kind: "critical_hazard", facts: unaccounted.facts })).toBeUndefined();
    expect(
      factsOf({ kind: "handover_disputed", facts: { ...disputed.facts, missing: "x" } }),
    ).toBeUndefined();
    expect(factsOf(unaccounted)).toBeDefined();
  });
});
