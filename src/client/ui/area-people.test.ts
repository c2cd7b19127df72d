import { describe, expect, it } from "vitest";
import { areaResponsibleId, generalAffairsHeadId, suggestedAssigneeId } from "./area-people.ts";

const classes = [{ id: "c1", classTeacherId: "teacher" }];
const staff = [
  { id: "02-admin", roles: ["admin" as const], isActive: true },
  { id: "01-old-admin", roles: ["admin" as const], isActive: false },
  { id: "03-admin", roles: ["admin" as const], isActive: true },
  { id: "teacher", roles: ["class_teacher" as const], isActive: true },
  { id: "facilities", roles: ["area_responsible" as const], isActive: true },
  { id: "gone", roles: ["area_responsible" as const], isActive: false },
];

describe("who answers for an area", () => {
  it("its responsible person; a classroom without one, its class teacher", () => {
    expect(
      areaResponsibleId({ kind: "campus", responsibleStaffId: "facilities", classId: null }, classes),
    ).toBe("facilities");
    expect(areaResponsibleId({ kind: "classroom", responsibleStaffId: null, classId: "c1" }, classes)).toBe(
      "teacher",
    );
    expect(
      areaResponsibleId({ kind: "perimeter", responsibleStaffId: null, classId: null }, classes),
    ).toBeNull();
  });

  it("the general-affairs head is the first active admin", () => {
    expect(generalAffairsHeadId(staff)).toBe("02-admin");
    expect(generalAffairsHeadId([])).toBeNull();
  });

  it("suggests the responsible person, else (nobody, or disabled) the general-affairs head", () => {
    expect(
      suggestedAssigneeId(
        { kind: "campus", responsibleStaffId: "facilities", classId: null },
        classes,
        staff,
      ),
    ).toBe("facilities");
    expect(
      suggestedAssigneeId({ kind: "classroom", responsibleStaffId: null, classId: "c1" }, classes, staff),
    ).toBe("teacher");
    expect(
      suggestedAssigneeId({ kind: "campus", responsibleStaffId: "gone", classId: null }, classes, staff),
    ).toBe("02-admin");
    expect(
      suggestedAssigneeId({ kind: "perimeter", responsibleStaffId: null, classId: null }, classes, staff),
    ).toBe("02-admin");
  });
});
