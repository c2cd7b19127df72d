// Choosing a person (assignee, night owner): the suggested people first, each with why, then
// everyone else on the staff by name. A plain <select>: cheap phones show their own big list.
import { useId } from "react";
import type { Staff } from "../../protocol/reference.ts";
import { defineMessages, getLang, rolesText } from "./i18n.ts";

const sp = defineMessages({
  choose: { zh: "请选择…", en: "Choose…" },
  suggested: { zh: "建议", en: "Suggested" },
  everyone: { zh: "全部教职工", en: "All staff" },
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
  const id = useId();
  const { suggested, others } = staffOptions(staff, suggestions);
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={problem ? "field has-problem" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      <select
        id={id}
        name={name}
        className="input"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
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
      {problem ? (
        <small id={`${id}-error`} className="field-error">
          {problem}
        </small>
      ) : null}
    </div>
  );
}
