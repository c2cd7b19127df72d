import { describe, expect, it } from "vitest";
import {
  areaChoices,
  DESCRIPTION_MAX,
  descriptionStart,
  descriptionToSave,
  type PickArea,
  perimeterAreas,
  quickReportTaps,
  reportProblems,
} from "./report-form.ts";

const areas: PickArea[] = [
  { id: "stairs", name: "教学楼楼梯", kind: "campus", responsibleStaffId: "facilities", classId: null },
  { id: "canteen", name: "食堂", kind: "campus", responsibleStaffId: "canteen", classId: null },
  { id: "room-1a", name: "一年级1班教室", kind: "classroom", responsibleStaffId: "T", classId: "c1" },
  { id: "gate", name: "校门", kind: "perimeter", responsibleStaffId: null, classId: null },
  { id: "road", name: "门前道路路口", kind: "perimeter", responsibleStaffId: null, classId: null },
];
const teacher = { id: "T", roles: ["class_teacher" as const], classIds: ["c1"] };
const gatekeeper = { id: "G", roles: ["gatekeeper" as const], classIds: [] };

describe("choosing the area", () => {
  it("offers my areas first, then the others by kind (campus, classroom, perimeter)", () => {
    const { mine, others } = areaChoices(areas, teacher, "", "");
    expect(mine.map((a) => a.id)).toEqual(["room-1a"]);
    expect(others.campus.map((a) => a.id)).toEqual(["stairs", "canteen"]); // 教 jiào before 食 shí (pinyin order)
    expect(others.classroom).toEqual([]);
    expect(others.perimeter.map((a) => a.id)).toEqual(["road", "gate"]);
  });

  it("a search narrows both lists but never hides the area already chosen", () => {
    const { mine, others } = areaChoices(areas, gatekeeper, "楼梯", "gate");
    expect(mine.map((a) => a.id)).toEqual(["gate"]);
    expect(others.campus.map((a) => a.id)).toEqual(["stairs"]);
    expect(others.perimeter).toEqual([]);
  });

  it("the quick report offers the perimeter areas only", () => {
    expect(perimeterAreas(areas).map((a) => a.id)).toEqual(["road", "gate"]);
  });
});

describe("what a report needs", () => {
  const draft = { areaId: "gate", place: "", description: "", photos: [] as string[] };

  it("the full form needs an area and a description", () => {
    expect(reportProblems({ ...draft, areaId: "" }, { isQuick: false })).toEqual([
      { field: "areaId", kind: "area" },
      { field: "description", kind: "description" },
    ]);
    expect(reportProblems({ ...draft, description: "   " }, { isQuick: false })).toEqual([
      { field: "description", kind: "description" },
    ]);
    expect(reportProblems({ ...draft, description: "护栏松动" }, { isQuick: false })).toEqual([]);
  });

  it("a photo alone is not a description on the full form", () => {
    expect(reportProblems({ ...draft, photos: ["a".repeat(64)] }, { isQuick: false })).toHaveLength(1);
  });

  it("the quick perimeter report takes the text or a photo", () => {
    expect(reportProblems(draft, { isQuick: true })).toEqual([
      { field: "description", kind: "description_or_photo" },
    ]);
    expect(reportProblems({ ...draft, photos: ["a".repeat(64)] }, { isQuick: true })).toEqual([]);
    expect(reportProblems({ ...draft, description: "门口有陌生人徘徊" }, { isQuick: true })).toEqual([]);
  });

  it("says when a text is too long, with the limit and the length", () => {
    const long = "字".repeat(DESCRIPTION_MAX + 1);
    expect(
      reportProblems({ ...draft, description: long, place: "x".repeat(201) }, { isQuick: false }),
    ).toEqual([
      { field: "place", kind: "too_long", max: 200, length: 201 },
      { field: "description", kind: "too_long", max: DESCRIPTION_MAX, length: DESCRIPTION_MAX + 1 },
    ]);
  });

  it("a photo-only quick report is saved with a line saying where and to see the photos", () => {
    expect(descriptionToSave({ ...draft, photos: ["p"] }, "校门", "zh")).toBe("校门发现隐患（见照片）");
    expect(descriptionToSave({ ...draft, description: " 积水 " }, "校门", "zh")).toBe("积水");
  });
});

describe("the gatekeeper's perimeter report (SPEC §2: at most three taps plus the text or photo)", () => {
  it("takes three taps with several perimeter areas", () => {
    expect(quickReportTaps(6)).toEqual(["home: 报告周边隐患", "choose the perimeter area", "上报"]);
  });

  it("takes two when the school has one perimeter area (it is chosen already)", () => {
    expect(quickReportTaps(1)).toHaveLength(2);
  });

  it("never more than three", () => {
    for (let n = 1; n <= 30; n++) expect(quickReportTaps(n).length).toBeLessThanOrEqual(3);
  });
});

describe("a report from a checklist item", () => {
  it("starts with the thing checked", () => {
    expect(descriptionStart("门窗：玻璃完好，窗扇开关灵活", "zh")).toBe("门窗：");
    expect(descriptionStart("Windows: glass intact", "en")).toBe("Windows: ");
    expect(descriptionStart("护栏", "zh")).toBe("护栏：");
  });
});
