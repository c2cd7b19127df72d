// 三查: campus (校园) is checked by the general-affairs office, classrooms (教室) by their
// class teacher, the perimeter (周边) by the gatekeeper (SPEC §2).
export const AREA_KINDS = ["classroom", "campus", "perimeter"] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const AREA_KIND_LABELS: Record<AreaKind, { zh: string; en: string }> = {
  classroom: { zh: "教室", en: "Classroom" },
  campus: { zh: "校园", en: "Campus" },
  perimeter: { zh: "周边", en: "Perimeter" },
};
