// 轮值模板 editor (/roster-setup?template=<id>|new): name, duty (DUTY_LABELS), scope (全校 for
// the duty teachers; a dorm building or one room for night caretakers, buildings from the dorm
// rooms) and the pattern — the same people each weekday, or a list walked in turn with N people a
// day (RS-3). Checked on the phone (setup-model.ts), each problem under its field, then saved
// offline with saveTemplate() (compare-and-set; a conflict shows in 需要处理).
import { useState } from "react";
import { ulid } from "ulidx";
import { DUTY_KINDS, type DutyKind, type DutyScope, type RotationTemplate } from "../../../domain/roster.ts";
import type { Weekday } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { saveTemplate } from "../../db/roster-edits.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import { FieldFrame, FormProblems } from "../../ui/form-parts.tsx";
import { getLang } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { caretakerSuggestions, StaffPicker, type Suggestion } from "../../ui/staff-picker.tsx";
import type { RosterBasics } from "./roster-data.ts";
import { dutyLabel, peopleNames, weekdayName } from "./roster-names.ts";
import { rt } from "./roster-text.ts";
import { type TemplateProblem, validateTemplate } from "./setup-model.ts";

const BACK = "/roster-setup";
const ALL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

function scopeValue(scope: DutyScope): string {
  return scope.kind === "campus"
    ? "campus"
    : scope.kind === "building"
      ? `building:${scope.building}`
      : `room:${scope.roomId}`;
}

function scopeFrom(value: string): DutyScope {
  if (value.startsWith("building:")) return { kind: "building", building: value.slice("building:".length) };
  if (value.startsWith("room:")) return { kind: "room", roomId: value.slice("room:".length) };
  return { kind: "campus" };
}

export function TemplateEditor({
  account,
  canEdit,
  basics,
  templateId,
}: {
  account: AccountRow;
  canEdit: boolean;
  basics: RosterBasics;
  templateId: string;
}) {
  const existing = basics.templates.find((t) => t.entity.id === templateId);
  if (templateId !== "new" && !existing)
    return (
      <p className="card muted" data-testid="template-missing">
        {rt("notFound")}
      </p>
    );
  return (
    <TemplateForm
      account={account}
      canEdit={canEdit}
      basics={basics}
      initial={existing?.entity}
      isPending={existing?.hasPendingChanges ?? false}
    />
  );
}

function TemplateForm({
  account,
  canEdit,
  basics,
  initial,
  isPending,
}: {
  account: AccountRow;
  canEdit: boolean;
  basics: RosterBasics;
  initial: RotationTemplate | undefined;
  isPending: boolean;
}) {
  const { directory, buildings, rooms } = basics;
  const [id] = useState(() => initial?.id ?? ulid());
  const [name, setName] = useState(initial?.name ?? "");
  const [kind, setKind] = useState<DutyKind>(initial?.kind ?? "morning");
  const [scope, setScope] = useState(initial ? scopeValue(initial.scope) : "campus");
  const [mode, setMode] = useState<"weekly" | "rotation">(initial?.pattern.mode ?? "rotation");
  const [byWeekday, setByWeekday] = useState<Record<string, string[]>>(() =>
    initial?.pattern.mode === "weekly"
      ? Object.fromEntries(Object.entries(initial.pattern.byWeekday).map(([d, ids]) => [d, [...(ids ?? [])]]))
      : {},
  );
  const [rotation, setRotation] = useState<string[]>(
    initial?.pattern.mode === "rotation" ? [...initial.pattern.staffIds] : [],
  );
  const [perDay, setPerDay] = useState(
    initial?.pattern.mode === "rotation" ? String(initial.pattern.perDay) : "1",
  );
  const [isActive, setIsActive] = useState(initial?.isActive ?? true);
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const build = (): RotationTemplate => ({
    id,
    name: name.trim(),
    kind,
    scope: scopeFrom(scope),
    pattern:
      mode === "weekly"
        ? {
            mode,
            byWeekday: Object.fromEntries(
              Object.entries(byWeekday).filter(([, ids]) => ids.length > 0),
            ) as Partial<Record<`${Weekday}`, string[]>>,
          }
        : { mode, staffIds: rotation, perDay: perDay.trim() === "" ? Number.NaN : Number(perDay.trim()) },
    isActive,
  });
  const [initialJson] = useState(() => JSON.stringify(build()));
  const isDirty = JSON.stringify(build()) !== initialJson;
  useDirtyForm(canEdit && isDirty && !isSaving);

  const suggestions: Suggestion[] =
    kind === "night"
      ? caretakerSuggestions(directory.staff)
      : directory.staff
          .filter((s) => s.roles.includes("duty_teacher"))
          .map((s) => ({ staffId: s.id, why: rt("dutyTeacher") }));
  const problemOf = (field: TemplateProblem["field"]) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p[getLang()])
      .join(" ") || undefined;

  const changeKind = (next: DutyKind) => {
    setKind(next);
    if (next === "night" && scope === "campus") setScope(buildings[0] ? `building:${buildings[0]}` : "");
    if (next !== "night") setScope("campus");
  };

  async function submit() {
    if (isSaving || !canEdit) return;
    const template = build();
    const found = validateTemplate(
      template,
      basics.templates.map((t) => t.entity),
    );
    setProblems(found);
    setSaveProblem(null);
    if (found.length > 0) {
      document.querySelector<HTMLElement>(`[name="template-${found[0]?.field}"]`)?.focus();
      return;
    }
    setIsSaving(true);
    try {
      await saveTemplate(db, { actorUserId: account.userId, schoolId: account.schoolId }, template);
      navigate(BACK, { replace: true });
    } catch (caught) {
      setSaveProblem(
        rt("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }),
      );
      setIsSaving(false);
    }
  }

  const shownDays =
    kind === "holiday"
      ? ALL_DAYS
      : ALL_DAYS.filter(
          (d) => directory.settings.schoolDays.includes(d) || (byWeekday[String(d)]?.length ?? 0) > 0,
        );

  return (
    <form
      className="card stack-small roster-form"
      noValidate
      data-testid="template-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {isPending ? (
        <p className="note-pending small">
          <span className="tag tag-pending">{rt("pending")}</span> {rt("pendingNote")}
        </p>
      ) : null}
      {canEdit ? null : <p className="muted small">{rt("readOnly")}</p>}
      <fieldset className="form-fields stack-small" disabled={!canEdit || isSaving}>
        <FieldFrame label={rt("templateName")} hint={rt("templateNameHint")} problem={problemOf("name")}>
          {(control) => (
            <input
              {...control}
              name="template-name"
              className="input"
              value={name}
              maxLength={60}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </FieldFrame>
        <FieldFrame label={rt("dutyKind")}>
          {(control) => (
            <select
              {...control}
              name="template-kind"
              className="input"
              value={kind}
              onChange={(event) => changeKind(event.target.value as DutyKind)}
            >
              {DUTY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {dutyLabel(k)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <FieldFrame
          label={rt("scope")}
          hint={kind === "night" && rooms.length === 0 ? rt("noBuildings") : undefined}
          problem={problemOf("scope")}
        >
          {(control) => (
            <select
              {...control}
              name="template-scope"
              className="input"
              value={scope}
              onChange={(event) => setScope(event.target.value)}
            >
              {kind === "night" ? (
                <>
                  <option value="">{rt("chooseScope")}</option>
                  {buildings.map((b) => (
                    <option key={b} value={`building:${b}`}>
                      {rt("scopeBuilding", { name: b })}
                    </option>
                  ))}
                  {rooms.map((r) => (
                    <option key={r.id} value={`room:${r.id}`}>
                      {rt("scopeRoom", { name: r.building ? `${r.name}（${r.building}）` : r.name })}
                    </option>
                  ))}
                </>
              ) : (
                <option value="campus">{rt("campus")}</option>
              )}
            </select>
          )}
        </FieldFrame>

        <fieldset className="segmented">
          <legend className="visually-hidden">{rt("patternMode")}</legend>
          {(["rotation", "weekly"] as const).map((m) => (
            <label key={m} className={m === mode ? "segment is-selected" : "segment"}>
              <input
                type="radio"
                name="template-mode"
                value={m}
                checked={m === mode}
                onChange={() => setMode(m)}
              />
              {m === "rotation" ? rt("patternRotation") : rt("patternWeekly")}
            </label>
          ))}
        </fieldset>

        {mode === "rotation" ? (
          <RotationFields
            staffIds={rotation}
            onStaffIds={setRotation}
            perDay={perDay}
            onPerDay={setPerDay}
            basics={basics}
            suggestions={suggestions}
            patternProblem={problemOf("pattern")}
            perDayProblem={problemOf("perDay")}
            canEdit={canEdit}
          />
        ) : (
          <div className={problemOf("pattern") ? "field has-problem" : "field"}>
            <p className="hint">{rt("weeklyHint")}</p>
            {shownDays.map((day) => {
              const ids = byWeekday[String(day)] ?? [];
              const names = peopleNames(ids, directory.staffById);
              return (
                <div key={day} className="roster-weekday-row">
                  <strong>{weekdayName(day)}</strong>
                  {ids.length > 0 ? (
                    <div className="roster-chips">
                      {ids.map((sid, i) => (
                        <span key={sid} className="roster-chip">
                          {names[i]}
                          {canEdit ? (
                            <button
                              type="button"
                              aria-label={rt("removePerson", { name: names[i] ?? "" })}
                              onClick={() =>
                                setByWeekday((all) => ({ ...all, [day]: ids.filter((x) => x !== sid) }))
                              }
                            >
                              ✕
                            </button>
                          ) : null}
                        </span>
                      ))}
                    </div>
                  ) : null}
                  {canEdit ? (
                    <StaffPicker
                      label={rt("addPerson")}
                      name={day === shownDays[0] ? "template-pattern" : `template-day-${day}`}
                      value=""
                      staff={directory.staff.filter((s) => !ids.includes(s.id))}
                      suggestions={suggestions}
                      onChange={(sid) => {
                        if (sid) setByWeekday((all) => ({ ...all, [day]: [...ids, sid] }));
                      }}
                    />
                  ) : null}
                </div>
              );
            })}
            {problemOf("pattern") ? <small className="field-error">{problemOf("pattern")}</small> : null}
          </div>
        )}

        <label className="check">
          <input
            type="checkbox"
            name="template-active"
            checked={isActive}
            onChange={(event) => setIsActive(event.target.checked)}
          />
          <span>{rt("isActive")}</span>
        </label>
      </fieldset>
      <FormProblems
        heading={rt("fixFirst")}
        items={problems.map((p) => ({ key: `${p.field}:${p.zh}`, content: p[getLang()] }))}
        notes={[saveProblem]}
      />
      <p className="muted small">{rt("conflictsHint")}</p>
      <div className="button-row">
        {canEdit ? (
          <button type="submit" className="button" disabled={isSaving}>
            {isSaving ? rt("saving") : rt("save")}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => navigate(BACK)}>
          {canEdit ? rt("cancel") : rt("back")}
        </button>
      </div>
    </form>
  );
}

function RotationFields({
  staffIds,
  onStaffIds,
  perDay,
  onPerDay,
  basics,
  suggestions,
  patternProblem,
  perDayProblem,
  canEdit,
}: {
  staffIds: string[];
  onStaffIds: (ids: string[]) => void;
  perDay: string;
  onPerDay: (value: string) => void;
  basics: RosterBasics;
  suggestions: Suggestion[];
  patternProblem: string | undefined;
  perDayProblem: string | undefined;
  canEdit: boolean;
}) {
  const { directory } = basics;
  const names = peopleNames(staffIds, directory.staffById);
  const move = (i: number, by: number) => {
    const next = [...staffIds];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    onStaffIds(next);
  };
  return (
    <>
      <p className="hint">{rt("rotationHint")}</p>
      {staffIds.length > 0 ? (
        <ol className="roster-rotation-list" data-testid="rotation-list">
          {staffIds.map((id, i) => (
            <li key={id}>
              <div>
                <span>{names[i]}</span>
                {canEdit ? (
                  <>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`${rt("moveUp")} ${names[i]}`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`${rt("moveDown")} ${names[i]}`}
                      disabled={i === staffIds.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={rt("removePerson", { name: names[i] ?? "" })}
                      onClick={() => onStaffIds(staffIds.filter((x) => x !== id))}
                    >
                      ✕
                    </button>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {canEdit ? (
        <StaffPicker
          label={rt("addPerson")}
          name="template-pattern"
          value=""
          staff={directory.staff.filter((s) => !staffIds.includes(s.id))}
          suggestions={suggestions}
          problem={patternProblem}
          onChange={(id) => {
            if (id) onStaffIds([...staffIds, id]);
          }}
        />
      ) : patternProblem ? (
        <small className="field-error">{patternProblem}</small>
      ) : null}
      <FieldFrame label={rt("perDay")} problem={perDayProblem}>
        {(control) => (
          <input
            {...control}
            name="template-perDay"
            className="input"
            type="text"
            inputMode="numeric"
            maxLength={2}
            value={perDay}
            onChange={(event) => onPerDay(event.target.value)}
          />
        )}
      </FieldFrame>
    </>
  );
}
