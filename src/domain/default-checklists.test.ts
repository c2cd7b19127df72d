import { describe, expect, it } from "vitest";
import { AREA_KINDS } from "./area-kinds.ts";
import { DEFAULT_CHECKLISTS } from "./default-checklists.ts";

// SPEC §2: "A round walks a checklist for the area type (classroom: lights, wiring, sockets,
// windows, doors, desks and stools, railings...; campus: stairs, railings, playground
// equipment, toilets, water and power, trees, drains...; perimeter: gate, traffic, vendors,
// strangers, construction, standing water...)."
describe("DEFAULT_CHECKLISTS", () => {
  it("has 8–12 items for every area kind", () => {
    for (const kind of AREA_KINDS) {
      const items = DEFAULT_CHECKLISTS[kind];
      expect(items.length, kind).toBeGreaterThanOrEqual(8);
      expect(items.length, kind).toBeLessThanOrEqual(12);
    }
  });

  it("has unique keys prefixed by their kind", () => {
    const keys = AREA_KINDS.flatMap((kind) => DEFAULT_CHECKLISTS[kind].map((i) => i.key));
    expect(new Set(keys).size).toBe(keys.length);
    for (const kind of AREA_KINDS) {
      for (const item of DEFAULT_CHECKLISTS[kind])
        expect(item.key).toMatch(new RegExp(`^${kind}\\.[a-z_]+$`));
    }
  });

  it("has every label and reason filled in, in both languages", () => {
    for (const kind of AREA_KINDS) {
      for (const item of DEFAULT_CHECKLISTS[kind]) {
        for (const text of [item.labelZh, item.labelEn, item.whyZh, item.whyEn]) {
          expect(text.trim().length, item.key).toBeGreaterThan(0);
        }
        expect(item.labelZh, item.key).toMatch(/[\u4e00-\u9fff]/);
        expect(item.whyZh, item.key).toMatch(/[\u4e00-\u9fff]/);
        expect(item.labelEn, item.key).not.toMatch(/[\u4e00-\u9fff]/);
        expect(item.whyEn, item.key).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("covers the items the SPEC names", () => {
    const keys = (kind: keyof typeof DEFAULT_CHECKLISTS) => DEFAULT_CHECKLISTS[kind].map((i) => i.key);
    expect(keys("classroom")).toEqual(
      expect.arrayContaining([
        "classroom.lights",
        "classroom.wiring",
        "classroom.sockets",
        "classroom.windows",
        "classroom.doors",
        "classroom.desks",
        "classroom.railings",
      ]),
    );
    expect(keys("campus")).toEqual(
      expect.arrayContaining([
        "campus.stairs",
        "campus.railings",
        "campus.playground",
        "campus.toilets",
        "campus.water_power",
        "campus.trees",
        "campus.drains",
      ]),
    );
    expect(keys("perimeter")).toEqual(
      expect.arrayContaining([
        "perimeter.gate",
        "perimeter.traffic",
        "perimeter.vendors",
        "perimeter.strangers",
        "perimeter.construction",
        "perimeter.standing_water",
      ]),
    );
  });
});
