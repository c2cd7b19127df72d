// The roster setup's rules on the phone: a rotation template's fields checked before it is saved
// (each message naming the field), and the preview of a term's generation (RS-3) — how many
// slots per duty, how many each person gets (fairness), the slots an admin edited or a swap
// changed that stay as they are, and the gaps the result still leaves (RS-4). Pure.
import {
  DUTY_KINDS,
  type DutyKind,
  type DutySlot,
  findGaps,
  type GenerateResult,
  generateRoster,
  type RequiredDuty,
  type RosterGap,
  type RotationTemplate,
  scopeKey,
} from "../../../domain/roster.ts";
import type { LocalDate, SchoolCalendar, Term } from "../../../domain/school-calendar.ts";

export interface TemplateProblem {
  field: "name" | "scope" | "pattern" | "perDay";
  zh: string;
  en: string;
}

const MAX_PER_SLOT = 10;

/** What is wrong with a template, each naming its field (the server's schema says the same). */
export function validateTemplate(
  template: RotationTemplate,
  others: readonly RotationTemplate[],
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const name = template.name.trim();
  if (name === "")
    problems.push({ field: "name", zh: "请填写模板名称", en: "Please enter the template's name" });
  else if (name.length > 60)
    problems.push({
      field: "name",
      zh: "模板名称最多 60 个字",
      en: "The name can have at most 60 characters",
    });
  const scope = template.scope;
  if (template.kind === "night" && scope.kind === "campus")
    problems.push({
      field: "scope",
      zh: "夜间保育要选择一栋宿舍楼或一间宿舍",
      en: "A night caretaker is per dorm building or room: choose one",
    });
  if (template.kind !== "night" && scope.kind !== "campus")
    problems.push({
      field: "scope",
      zh: "只有夜间保育按宿舍楼或宿舍排班",
      en: "Only night caretakers are per building or room",
    });
  if ((scope.kind === "building" && scope.building.trim() === "") || (scope.kind === "room" && !scope.roomId))
    problems.push({ field: "scope", zh: "请选择宿舍楼或宿舍", en: "Choose the building or room" });
  const twin = others.find(
    (o) =>
      o.id !== template.id &&
      o.isActive &&
      template.isActive &&
      o.kind === template.kind &&
      scopeKey(o.scope) === scopeKey(template.scope),
  );
  if (twin)
    problems.push({
      field: "scope",
      zh: `模板“${twin.name}”已经负责同一值日和范围；请停用其中一个`,
      en: `Template "${twin.name}" already covers this duty and scope; switch one of them off`,
    });
  const pattern = template.pattern;
  if (pattern.mode === "rotation") {
    if (pattern.staffIds.length === 0)
      problems.push({
        field: "pattern",
        zh: "轮值名单至少要有一人",
        en: "Name at least one person to rotate",
      });
    if (!Number.isInteger(pattern.perDay) || pattern.perDay < 1 || pattern.perDay > MAX_PER_SLOT)
      problems.push({
        field: "perDay",
        zh: `每天人数应为 1–${MAX_PER_SLOT} 的整数`,
        en: `People a day must be a whole number 1–${MAX_PER_SLOT}`,
      });
    else if (pattern.perDay > pattern.staffIds.length && pattern.staffIds.length > 0)
      problems.push({
        field: "perDay",
        zh: `每天 ${pattern.perDay} 人，但名单只有 ${pattern.staffIds.length} 人`,
        en: `${pattern.perDay} a day, but the list has only ${pattern.staffIds.length}`,
      });
  } else {
    const days = Object.values(pattern.byWeekday);
    if (days.every((d) => !d || d.length === 0))
      problems.push({
        field: "pattern",
        zh: "每周安排至少要有一天有人",
        en: "Put someone on at least one weekday",
      });
    if (days.some((d) => d && d.length > MAX_PER_SLOT))
      problems.push({
        field: "pattern",
        zh: `每天最多 ${MAX_PER_SLOT} 人`,
        en: `At most ${MAX_PER_SLOT} people a day`,
      });
  }
  return problems;
}

/** The first day to generate from: the term's start, or today when the term has begun. */
export function defaultStart(term: Pick<Term, "start" | "end">, today: LocalDate): LocalDate {
  return term.start > today ? term.start : today;
}

export interface PersonCount {
  staffId: string;
  total: number;
  byKind: Partial<Record<DutyKind, number>>;
}

export interface GenerationPreview {
  result: GenerateResult;
  /** New or regenerated slots per duty kind. */
  perKind: { kind: DutyKind; count: number }[];
  /** Slots per person over the range (generated and kept), most first. */
  perPerson: PersonCount[];
  /** Gaps left after saving (RS-4). */
  gapsAfter: RosterGap[];
}

/** RS-3 and RS-4: what "生成" would do to `from`..`to`. */
export function previewGeneration(input: {
  templates: readonly RotationTemplate[];
  calendar: SchoolCalendar;
  from: LocalDate;
  to: LocalDate;
  existing: readonly DutySlot[];
  required: readonly RequiredDuty[];
  by: string;
  at: string;
}): GenerationPreview {
  const existing = new Map(input.existing.map((s) => [s.id, s]));
  const result = generateRoster({
    templates: input.templates,
    calendar: input.calendar,
    from: input.from,
    to: input.to,
    existing,
    by: input.by,
    at: input.at,
  });
  const perKind = DUTY_KINDS.map((kind) => ({
    kind,
    count: result.slots.filter((s) => s.kind === kind).length,
  })).filter((k) => k.count > 0);
  const people = new Map<string, PersonCount>();
  for (const slot of [...result.slots, ...result.kept]) {
    for (const staffId of new Set(slot.staffIds)) {
      const p = people.get(staffId) ?? { staffId, total: 0, byKind: {} };
      p.total++;
      p.byKind[slot.kind] = (p.byKind[slot.kind] ?? 0) + 1;
      people.set(staffId, p);
    }
  }
  const after = new Map(existing);
  for (const s of result.slots) after.set(s.id, s);
  return {
    result,
    perKind,
    perPerson: [...people.values()].sort((a, b) => b.total - a.total || a.staffId.localeCompare(b.staffId)),
    gapsAfter: findGaps(input.required, after, input.calendar, input.from, input.to),
  };
}

/** Generated slots in batches the server takes in one mutation (MAX_GENERATED_SLOTS). */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
