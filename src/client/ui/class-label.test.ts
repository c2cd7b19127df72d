import { afterEach, describe, expect, it } from "vitest";
import { classLabel, setLang } from "./i18n.ts";

describe("how a class is named on screen", () => {
  afterEach(() => setLang("zh"));

  it("in Chinese: the grade, then the name as the school typed it", () => {
    setLang("zh");
    expect(classLabel({ grade: 1, name: "1班" })).toBe("一年级1班");
    expect(classLabel({ grade: 6, name: "火箭班" })).toBe("六年级火箭班");
  });

  it("in English: 'N班' reads Class N (never broken between the two); any other name stays as typed", () => {
    setLang("en");
    expect(classLabel({ grade: 1, name: "1班" })).toBe("Grade 1 · Class\u00a01");
    expect(classLabel({ grade: 3, name: "12班" })).toBe("Grade 3 · Class\u00a012");
    expect(classLabel({ grade: 6, name: "火箭班" })).toBe("Grade 6 · 火箭班");
    expect(classLabel({ grade: 2, name: "1班（甲）" })).toBe("Grade 2 · 1班（甲）");
  });
});
