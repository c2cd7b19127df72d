// The people of SPEC "People and roles". A staff member may hold several roles
// (a class teacher is often also a grade leader and takes duty turns).
export const ROLES = [
  "admin",
  "principal",
  "department_head",
  "grade_leader",
  "area_responsible",
  "class_teacher",
  "subject_teacher",
  "duty_teacher",
  "gatekeeper",
  "dorm_caretaker",
] as const;

export type Role = (typeof ROLES)[number];

/** The school's own words for each role (SPEC, zh-CN first). */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: "总务主任", en: "General-affairs head" },
  principal: { zh: "校长", en: "Principal" },
  department_head: { zh: "部门负责人", en: "Department head" },
  grade_leader: { zh: "年级组长", en: "Grade leader" },
  area_responsible: { zh: "区域责任人", en: "Area responsible person" },
  class_teacher: { zh: "班主任", en: "Class teacher" },
  subject_teacher: { zh: "科任教师", en: "Subject teacher" },
  duty_teacher: { zh: "值日教师", en: "Duty teacher" },
  gatekeeper: { zh: "门卫", en: "Gatekeeper" },
  dorm_caretaker: { zh: "保育员", en: "Dorm caretaker" },
};

/** Accepts an English code or the school's Chinese term, as typed in a CSV file. */
export function parseRole(text: string): Role | undefined {
  const t = text.trim();
  if ((ROLES as readonly string[]).includes(t)) return t as Role;
  for (const role of ROLES) {
    const label = ROLE_LABELS[role];
    if (label.zh === t || label.en.toLowerCase() === t.toLowerCase()) return role;
  }
  return undefined;
}

export function canAdminister(roles: readonly Role[]): boolean {
  return roles.includes("admin");
}
