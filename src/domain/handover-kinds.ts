// The kinds of roll call and their names (handover.ts HO-1), on their own so that the school's
// settings (school-settings.ts, roll-call-windows.ts, protocol/reference.ts: the first screen)
// can name them without the hand-over code (tests/integration/bundle-budget.test.ts).
// handover.ts re-exports both; import them from there elsewhere.
export const HANDOVER_KINDS = ["dismissal", "bedtime", "bedCheck"] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

export const HANDOVER_LABELS: Record<HandoverKind, { zh: string; en: string }> = {
  dismissal: { zh: "放学交接", en: "Dismissal hand-over" },
  bedtime: { zh: "就寝交接", en: "Bedtime hand-over" },
  bedCheck: { zh: "夜间查寝", en: "Night bed check" },
};
