// Choosing a person (assignee, night owner): the suggested people first, each with why, then
// everyone else on the staff by name. A plain <select>: cheap phones show their own big list.
import type { Staff } from "../../protocol/reference.ts";
import { FieldFrame } from "./form-parts.tsx";
import { defineMessages, getLang, rolesText } from "./i18n.ts";

const sp = defineMessages({
  choose: { zh: "请选择…", en: "Choose…" },
  suggested: { zh: "建议", en: "Suggested" },
  everyone: { zh: "全部教职工", en: "All staff" },
  caretaker: { zh: "保育员", en: "dorm caretaker" },
});

export interface Suggestion {
  staffId: string;
  /** Why this person: "区域责任人", "保育员". */
  why: string;
}

export function staffOptions(
  staff: readonly Staff[],
  suggestions: readonly Suggestion[],
): { suggested: { id: string; label: string }[]; others: { id: string; label: string }[] } {
  const byId = new Map<string, Staff>(staff.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const suggested: { id: string; label: string }[] = [];
  for (const s of suggestions) {
    const person = byId.get(s.staffId);
    if (!person?.isActive || seen.has(person.id)) continue;
    seen.add(person.id);
    suggested.push({ id: person.id, label: `${person.name}（${s.why}）` });
  }
  const collator = new Intl.Collator(getLang() === "zh" ? "zh-CN" : "en");
  const others = staff
    .filter((s) => s.isActive && !seen.has(s.id))
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((s) => ({ id: s.id, label: s.roles.length > 0 ? `${s.name}（${rolesText(s.roles)}）` : s.name }));
  return { suggested, others };
}

/** Night owners to suggest: the dorm caretakers (until a duty roster says who is on tonight). */
export function caretakerSuggestions(staff: readonly Staff[]): Suggestion[] {
  return staff
    .filter((s) => s.roles.includes("dorm_caretaker"))
    .map((s) => ({ staffId: s.id, why: sp("caretaker") }));
}

export function StaffPicker({
  label,
  name,
  value,
  onChange,
  staff,
  suggestions,
  problem,
  hint,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (staffId: string) => void;
  staff: readonly Staff[];
  suggestions: readonly Suggestion[];
  problem?: string | undefined;
  hint?: string;
}) {
  const { suggested, others } = staffOptions(staff, suggestions);
  return (
    <FieldFrame label={label} hint={hint} problem={problem}>
      {(control) => (
        <select
          {...control}
          name={name}
          className="input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{sp("choose")}</option>
          {suggested.length > 0 ? (
            <optgroup label={sp("suggested")}>
              {suggested.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label={sp("everyone")}>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </optgroup>
        </select>
      )}
    </FieldFrame>
  );
}
