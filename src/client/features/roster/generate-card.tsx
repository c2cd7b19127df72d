// 生成学期值日表: pick a term (from the school settings) and a first day (default: the term's
// start, or today once it has begun), preview what generateRoster() makes against the slots
// already on the phone (RS-3: per duty, per person, the kept ones, the gaps left, RS-4), then
// 生成 saves it offline with saveGeneratedRoster() in pushes the server takes.
import { useState } from "react";
import { DUTY_KINDS, type DutyKind } from "../../../domain/roster.ts";
import { isLocalDate, type LocalDate, type Term } from "../../../domain/school-calendar.ts";
import { MAX_GENERATED_SLOTS } from "../../../protocol/roster.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { saveGeneratedRoster } from "../../db/roster-edits.ts";
import { listDutySlots } from "../../db/roster-view.ts";
import { FieldFrame } from "../../ui/form-parts.tsx";
import { navigate } from "../../ui/router.ts";
import type { RosterBasics } from "./roster-data.ts";
import { dayLabel, dutyLabel, dutyRowLabel, peopleNames } from "./roster-names.ts";
import { rt } from "./roster-text.ts";
import { defaultStart, type GenerationPreview, inBatches, previewGeneration } from "./setup-model.ts";

/** The term running today, else the next one, else the last. */
function currentTerm(terms: readonly Term[], today: LocalDate): Term | undefined {
  const sorted = [...terms].sort((a, b) => a.start.localeCompare(b.start));
  return (
    sorted.find((t) => t.start <= today && today <= t.end) ??
    sorted.find((t) => t.start > today) ??
    sorted.at(-1)
  );
}

export function GenerateCard({
  account,
  canEdit,
  basics,
  today,
}: {
  account: AccountRow;
  canEdit: boolean;
  basics: RosterBasics;
  today: LocalDate;
}) {
  const { directory, templates, required, roomsById } = basics;
  const settings = directory.settings;
  const terms = settings.terms;
  const [termId, setTermId] = useState(() => currentTerm(terms, today)?.id ?? "");
  const term = terms.find((t) => t.id === termId) ?? currentTerm(terms, today);
  const [from, setFrom] = useState(() => (term ? defaultStart(term, today) : today));
  const [preview, setPreview] = useState<{ key: string; value: GenerationPreview } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const active = templates.filter((t) => t.entity.isActive).map((t) => t.entity);
  const fromProblem =
    term && (!isLocalDate(from) || from < term.start || from > term.end)
      ? rt("badFrom", { start: term.start, end: term.end })
      : undefined;
  const key = JSON.stringify([
    term?.id,
    from,
    active,
    settings.holidays,
    settings.makeUpDays,
    settings.schoolDays,
  ]);
  const shown = preview && preview.key === key ? preview.value : null;

  if (!term)
    return (
      <section className="card stack-small">
        <h2 className="eyebrow">{rt("generateTitle")}</h2>
        <p className="muted">{rt("noTerms")}</p>
        <CalendarLink />
      </section>
    );

  async function runPreview() {
    if (!term || fromProblem) return;
    setIsBusy(true);
    setMessage(null);
    try {
      const existing = await listDutySlots(db, account.schoolId, from, term.end);
      const value = previewGeneration({
        templates: active,
        calendar: settings,
        from,
        to: term.end,
        existing: existing.map((e) => e.entity),
        required,
        by: account.userId,
        at: new Date().toISOString(),
      });
      setPreview({ key, value });
    } catch (caught) {
      setMessage({ ok: false, text: rt("saveFailed", { message: String(caught) }) });
    } finally {
      setIsBusy(false);
    }
  }

  async function generate() {
    if (!term || !shown || isBusy) return;
    setIsBusy(true);
    setMessage(null);
    try {
      const actor = { actorUserId: account.userId, schoolId: account.schoolId };
      for (const batch of inBatches(shown.result.slots, MAX_GENERATED_SLOTS))
        await saveGeneratedRoster(db, actor, { from, to: term.end }, { slots: batch });
      setMessage({ ok: true, text: rt("generated", { n: shown.result.slots.length }) });
      setPreview(null);
    } catch (caught) {
      setMessage({
        ok: false,
        text: rt("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }),
      });
    } finally {
      setIsBusy(false);
    }
  }

  const kindsShown: DutyKind[] = shown
    ? DUTY_KINDS.filter((k) => shown.perPerson.some((p) => (p.byKind[k] ?? 0) > 0))
    : [];
  return (
    <section
      className="card stack-small roster-form"
      data-testid="generate-card"
      aria-labelledby="generate-title"
    >
      <h2 className="eyebrow" id="generate-title">
        {rt("generateTitle")}
      </h2>
      <p className="hint">{rt("generateHint")}</p>
      <fieldset className="form-fields stack-small" disabled={!canEdit || isBusy}>
        <FieldFrame label={rt("term")}>
          {(control) => (
            <select
              {...control}
              name="generate-term"
              className="input"
              value={term.id}
              onChange={(event) => {
                const next = terms.find((t) => t.id === event.target.value);
                setTermId(event.target.value);
                if (next) setFrom(defaultStart(next, today));
              }}
            >
              {terms.map((t) => (
                <option key={t.id} value={t.id}>
                  {rt("termOption", { name: t.name, start: t.start, end: t.end })}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <FieldFrame label={rt("from")} hint={rt("fromHint")} problem={fromProblem}>
          {(control) => (
            <input
              {...control}
              name="generate-from"
              className="input"
              type="date"
              min={term.start}
              max={term.end}
              value={from}
              onChange={(event) => setFrom(event.target.value)}
            />
          )}
        </FieldFrame>
      </fieldset>
      {active.length === 0 ? <p className="warn-text">{rt("noActiveTemplates")}</p> : null}
      {canEdit ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={isBusy || fromProblem !== undefined || active.length === 0}
            onClick={() => void runPreview()}
          >
            {rt("preview")}
          </button>
        </div>
      ) : null}

      {shown ? (
        <div className="stack-small" data-testid="generate-preview">
          <h3>{rt("previewTitle", { from, to: term.end })}</h3>
          {shown.perKind.length === 0 ? (
            <p className="muted">{rt("nothingToGenerate")}</p>
          ) : (
            <ul>
              {shown.perKind.map((k) => (
                <li key={k.kind}>{rt("perKindLine", { duty: dutyLabel(k.kind), n: k.count })}</li>
              ))}
            </ul>
          )}
          {shown.result.kept.length > 0 ? <p>{rt("keptLine", { n: shown.result.kept.length })}</p> : null}
          {shown.perPerson.length > 0 ? (
            <>
              <h4 className="eyebrow">{rt("perPersonTitle")}</h4>
              <div className="table-scroll">
                <table className="table roster-counts" data-testid="per-person">
                  <thead>
                    <tr>
                      <th scope="col">{rt("person")}</th>
                      {kindsShown.map((k) => (
                        <th key={k} scope="col">
                          {dutyLabel(k)}
                        </th>
                      ))}
                      <th scope="col">{rt("total")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.perPerson.map((p) => (
                      <tr key={p.staffId}>
                        <td>{peopleNames([p.staffId], directory.staffById)[0]}</td>
                        {kindsShown.map((k) => (
                          <td key={k}>{p.byKind[k] ?? 0}</td>
                        ))}
                        <td>
                          <strong>{p.total}</strong>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          {shown.gapsAfter.length === 0 ? (
            <p className="ok-text">{rt("gapsAfterNone")}</p>
          ) : (
            <details className="roster-gaps-after">
              <summary className="roster-gap-text">{rt("gapsAfter", { n: shown.gapsAfter.length })}</summary>
              <ul className="small">
                {shown.gapsAfter.slice(0, 20).map((g) => (
                  <li key={g.id}>
                    {dayLabel(g.date)} {dutyRowLabel(g, roomsById)}
                  </li>
                ))}
                {shown.gapsAfter.length > 20 ? (
                  <li>{rt("moreGaps", { n: shown.gapsAfter.length - 20 })}</li>
                ) : null}
              </ul>
            </details>
          )}
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={isBusy || shown.result.slots.length === 0}
              data-testid="generate-button"
              onClick={() => void generate()}
            >
              {isBusy ? rt("generating") : rt("generate")}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p className={message.ok ? "ok-text" : "error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
      {message?.ok ? (
        <a
          href={`/roster?week=${from}`}
          className="button button-secondary"
          onClick={(event) => {
            event.preventDefault();
            navigate(`/roster?week=${from}`);
          }}
        >
          {rt("weekLink")}
        </a>
      ) : null}
    </section>
  );
}

export function CalendarLink() {
  return (
    <a
      href="/admin/school"
      className="button button-secondary button-small"
      onClick={(event) => {
        event.preventDefault();
        navigate("/admin/school");
      }}
    >
      {rt("calendarLink")}
    </a>
  );
}
