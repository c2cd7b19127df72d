// /report: reporting a hazard at once (SPEC §2 发现隐患及时报告): area (mine first), place,
// severity (重大 alerts the principal and the admin at once), description, photos and who fixes
// it (the area's responsible person, else the general-affairs head), with the deadline the
// "not overnight" rule gives. Saved on this phone first, then the hazard's page opens.
// ?areaId=&itemId=&roundId= prefill it from a round. ?quick=perimeter is the gatekeeper's booth
// phone report: the perimeter areas as big buttons, words or a photo, and 上报 — three taps
// counting the one on the home page.
import { useLiveQuery } from "dexie-react-hooks";
import { useId, useRef, useState } from "react";
import { hazardDeadline } from "../../../domain/hazard-deadline.ts";
import type { Severity } from "../../../domain/hazard-machine.ts";
import type { RoundKind } from "../../../domain/rounds.ts";
import type { Area } from "../../../protocol/reference.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { getEntry } from "../../db/reference-view.ts";
import { newRecordId, reportHazard } from "../../db/safety-edits.ts";
import { getRound } from "../../db/safety-view.ts";
import { areaResponsibleId, generalAffairsHeadId, suggestedAssigneeId } from "../../ui/area-people.ts";
import { deadlineLine } from "../../ui/deadline-text.ts";
import { useDirtyForm } from "../../ui/dirty-forms.ts";
import {
  CriticalNote,
  FieldFrame,
  FormProblems,
  focusFirstProblem,
  SaveBar,
  SeverityOptions,
  TextAreaField,
} from "../../ui/form-parts.tsx";
import { getLang, inLang, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory } from "../../ui/page-parts.tsx";
import { PhotoInput } from "../../ui/photo-input.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { roundLabel } from "../../ui/safety-text.ts";
import { type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { StaffPicker, type Suggestion } from "../../ui/staff-picker.tsx";
import { useNow } from "../../ui/use-now.ts";
import {
  areaChoices,
  descriptionStart,
  descriptionToSave,
  itemName,
  PLACE_MAX,
  perimeterAreas,
  type ReportProblem,
  reportProblems,
} from "./report-form.ts";
import { rp } from "./report-text.ts";
import "./report.css";

export function ReportPage({ account }: { account: AccountRow }) {
  useLang();
  const { search } = useLocation();
  const directory = useSchoolDirectory(account.schoolId);
  const isQuick = search.get("quick") === "perimeter";
  const title = isQuick ? rp("quickTitle") : rp("title");
  if (!directory) {
    return <NoDirectory directory={directory} title={title} message={rp("noData")} back={<BackLink />} />;
  }
  return (
    // Another query is another report: nothing typed for one carries into the next.
    <ReportForm
      key={search.toString()}
      account={account}
      directory={directory}
      search={search}
      isQuick={isQuick}
    />
  );
}

function ReportForm({
  account,
  directory,
  search,
  isQuick,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  search: URLSearchParams;
  isQuick: boolean;
}) {
  const now = useNow(30_000);
  const { settings } = directory;
  const me = {
    id: account.userId,
    roles: account.roles,
    classIds: directory.classes.filter((c) => c.classTeacherId === account.userId).map((c) => c.id),
  };
  const perimeter = perimeterAreas(directory.areas);
  const queryArea = search.get("areaId") ?? "";
  const itemId = search.get("itemId");
  const roundId = search.get("roundId");

  const [hazardId] = useState(() => newRecordId());
  const [areaId, setAreaId] = useState(() => {
    if (directory.areaById.has(queryArea)) return queryArea;
    if (isQuick && perimeter.length === 1) return perimeter[0]?.id ?? "";
    return "";
  });
  const [areaSearch, setAreaSearch] = useState("");
  const [place, setPlace] = useState("");
  const [severity, setSeverity] = useState<Severity>("general");
  const [description, setDescription] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const [chosenAssignee, setChosenAssignee] = useState<string | null>(null);
  const [problems, setProblems] = useState<ReportProblem[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  // A photo still being compressed: the report waits for it, so it is not left out.
  const [isPhotoBusy, setIsPhotoBusy] = useState(false);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  // From a round: the checklist item's label starts the description, and the page says so.
  const origin = useLiveQuery(async () => {
    const [item, round] = await Promise.all([
      itemId ? getEntry(db, "checklistItem", itemId) : undefined,
      roundId ? getRound(db, roundId) : undefined,
    ]);
    return { item: item?.entity, round: round?.entity.round as RoundKind | undefined };
  }, [itemId, roundId]);
  const [isPrefilled, setIsPrefilled] = useState(false);
  if (origin?.item && !isPrefilled) {
    setIsPrefilled(true);
    const lang = getLang();
    if (description === "")
      setDescription(descriptionStart(lang === "zh" ? origin.item.labelZh : origin.item.labelEn, lang));
  }

  const area = directory.areaById.get(areaId);
  const suggested = area ? suggestedAssigneeId(area, directory.classes, directory.staff) : null;
  const assigneeId = chosenAssignee ?? suggested;
  const deadline = hazardDeadline(now, settings);
  const isDirty = description.trim() !== "" || photos.length > 0 || place.trim() !== "";
  useDirtyForm(isDirty && !isSaving);

  const problemOf = (field: ReportProblem["field"]) => problems.find((p) => p.field === field);
  const problemText = (p: ReportProblem): string => {
    switch (p.kind) {
      case "area":
        return rp("errArea");
      case "description":
        return rp("errDescription");
      case "description_or_photo":
        return rp("errDescriptionOrPhoto");
      case "too_long":
        return rp("errTooLong", {
          field: p.field === "place" ? rp("place") : rp("description"),
          max: p.max ?? 0,
          n: p.length ?? 0,
        });
    }
  };

  async function submit() {
    if (isSaving || isPhotoBusy) return;
    const draft = { areaId, place, description, photos };
    const found = reportProblems(draft, { isQuick });
    setProblems(found);
    setSaveError(null);
    if (found.length > 0 || !area) {
      focusFirstProblem(found);
      return;
    }
    setIsSaving(true);
    const text = descriptionToSave(draft, area.name, getLang());
    try {
      await reportHazard(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        {
          id: hazardId,
          areaId: area.id,
          place: place.trim(),
          severity,
          description: text,
          photos,
          roundId: roundId && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(roundId) ? roundId : null,
          checklistItemId: origin?.item ? origin.item.id : null,
          assigneeId: assigneeId || null,
        },
        settings,
        {
          alertNames: {
            areaName: area.name,
            raisedByName: directory.staffById.get(account.userId)?.name ?? account.name,
          },
        },
      );
      navigate(`/hazards/${hazardId}`, { replace: true });
    } catch (caught) {
      setSaveError(caught instanceof Error ? caught.message : String(caught));
      setIsSaving(false);
    }
  }

  const chooseQuickArea = (id: string) => {
    setAreaId(id);
    setProblems((p) => p.filter((x) => x.field !== "areaId"));
    // Straight on to the words: the keyboard opens without another tap, the field in sight
    // above the 上报 bar.
    descriptionRef.current?.focus({ preventScroll: true });
    descriptionRef.current?.scrollIntoView({ block: "center" });
  };

  const descriptionProblem = problemOf("description");
  const placeProblem = problemOf("place");
  const severityField = (
    <fieldset className="severity-buttons">
      <legend className="field-label">{rp("severity")}</legend>
      <div className="severity-row">
        <SeverityOptions
          name="severity"
          value={severity}
          onChange={setSeverity}
          optionClass="severity-button"
          withTone
        />
      </div>
      {severity === "critical" ? <CriticalNote isStatus>{rp("criticalWarn")}</CriticalNote> : null}
    </fieldset>
  );
  const assigneeLine = assigneeId ? staffName(directory, assigneeId) : rp("unassigned");

  return (
    <form
      className={isQuick ? "page stack report-page is-quick" : "page stack report-page"}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="report-head">
        <BackLink />
        <h1>{isQuick ? rp("quickTitle") : rp("title")}</h1>
        {origin?.round || origin?.item ? <p className="muted small">{originText(origin)}</p> : null}
      </div>

      {isQuick ? (
        <fieldset className={problemOf("areaId") ? "quick-areas has-problem" : "quick-areas"}>
          <legend className="field-label">{rp("quickArea")}</legend>
          <div className="quick-area-grid">
            {perimeter.map((a) => (
              <button
                key={a.id}
                type="button"
                name="areaId"
                className={a.id === areaId ? "quick-area is-selected" : "quick-area"}
                aria-pressed={a.id === areaId}
                onClick={() => chooseQuickArea(a.id)}
              >
                {a.name}
              </button>
            ))}
          </div>
          {problemOf("areaId") ? (
            <small className="field-error">{problemText(problemOf("areaId") as ReportProblem)}</small>
          ) : null}
        </fieldset>
      ) : (
        <AreaField
          directory={directory}
          me={me}
          value={areaId}
          search={areaSearch}
          onSearch={setAreaSearch}
          onChange={(id) => {
            setAreaId(id);
            setChosenAssignee(null);
          }}
          problem={problemOf("areaId") ? problemText(problemOf("areaId") as ReportProblem) : undefined}
        />
      )}

      {isQuick ? null : (
        <FieldFrame label={rp("place")} problem={placeProblem ? problemText(placeProblem) : undefined}>
          {(control) => (
            <input
              {...control}
              name="place"
              className="input"
              value={place}
              maxLength={PLACE_MAX + 50}
              placeholder={rp("placeHint")}
              onChange={(event) => setPlace(event.target.value)}
            />
          )}
        </FieldFrame>
      )}

      {isQuick ? null : severityField}

      <TextAreaField
        ref={descriptionRef}
        label={
          <>
            {rp("description")}
            <small className="muted"> {rp("required")}</small>
          </>
        }
        name="description"
        rows={isQuick ? 3 : 4}
        placeholder={isQuick ? rp("quickDescriptionHint") : rp("descriptionHint")}
        value={description}
        onValue={setDescription}
        problem={descriptionProblem ? problemText(descriptionProblem) : undefined}
      />

      <PhotoInput
        account={account}
        value={photos}
        onChange={setPhotos}
        label={rp("photos")}
        onBusyChange={setIsPhotoBusy}
      />

      {isQuick ? severityField : null}

      {isQuick ? null : (
        <StaffPicker
          label={rp("assignee")}
          name="assignee"
          hint={rp("assigneeHint")}
          value={assigneeId ?? ""}
          onChange={(id) => setChosenAssignee(id)}
          staff={directory.staff}
          suggestions={suggestionsFor(area, directory)}
        />
      )}

      <section className="card deadline-card" data-testid="deadline">
        <p className="deadline-line">{deadlineLine(deadline, now, settings.timeZone)}</p>
        {isQuick ? <p className="small">{rp("assignedTo", { who: assigneeLine })}</p> : null}
        <p className="muted small">{rp("deadlineRule")}</p>
      </section>

      <FormProblems
        heading={rp("fixFirst")}
        items={problems.map((p) => ({ key: p.field, content: problemText(p) }))}
        notes={[saveError && rp("errSaveFailed", { message: saveError })]}
      />

      <SaveBar note={rp("offlineNote")}>
        <button
          type="submit"
          className="button button-danger submit-button"
          disabled={isSaving || isPhotoBusy}
        >
          {isSaving ? rp("submitting") : isPhotoBusy ? rp("photosSaving") : rp("submit")}
        </button>
      </SaveBar>

      {isQuick ? (
        <a
          href={`/report${areaId ? `?areaId=${areaId}` : ""}`}
          className="link-button full-form-link"
          onClick={(event) => {
            event.preventDefault();
            navigate(`/report${areaId ? `?areaId=${areaId}` : ""}`, { replace: true });
          }}
        >
          {rp("fullForm")}
        </a>
      ) : null}
    </form>
  );
}

/** "来自早查 · 检查项：门窗": where a report prefilled from a round came from. */
function originText(origin: {
  item?: { labelZh: string; labelEn: string } | undefined;
  round?: RoundKind | undefined;
}) {
  const item = origin.item ? itemName(inLang({ zh: origin.item.labelZh, en: origin.item.labelEn })) : null;
  const round = origin.round ? roundLabel(origin.round) : null;
  if (item && round) return rp("fromRound", { round, item });
  if (item) return rp("fromItem", { item });
  return rp("fromRoundNoItem", { round: round ?? "" });
}

function suggestionsFor(area: Area | undefined, directory: SchoolDirectory): Suggestion[] {
  const out: Suggestion[] = [];
  if (area) {
    const responsible = areaResponsibleId(area, directory.classes);
    if (responsible) {
      const why = area.responsibleStaffId ? rp("whyResponsible") : rp("whyClassTeacher");
      out.push({ staffId: responsible, why });
    }
  }
  const head = generalAffairsHeadId(directory.staff);
  if (head) out.push({ staffId: head, why: rp("whyHead") });
  return out;
}

function AreaField({
  directory,
  me,
  value,
  search,
  onSearch,
  onChange,
  problem,
}: {
  directory: SchoolDirectory;
  me: { id: string; roles: AccountRow["roles"]; classIds: string[] };
  value: string;
  search: string;
  onSearch: (text: string) => void;
  onChange: (areaId: string) => void;
  problem: string | undefined;
}) {
  const id = useId();
  const { mine, others } = areaChoices(directory.areas, me, search, value);
  const count = mine.length + others.campus.length + others.classroom.length + others.perimeter.length;
  const groups: [string, Area[]][] = [
    [rp("areaMine"), mine],
    [rp("kindCampus"), others.campus],
    [rp("kindClassroom"), others.classroom],
    [rp("kindPerimeter"), others.perimeter],
  ];
  return (
    <div className={problem ? "field has-problem" : "field"}>
      <label htmlFor={id}>
        {rp("area")}
        <small className="muted"> {rp("required")}</small>
      </label>
      <input
        className="input area-search"
        type="search"
        aria-label={rp("areaSearch")}
        placeholder={rp("areaSearch")}
        value={search}
        onChange={(event) => onSearch(event.target.value)}
      />
      {search.trim() && count === (value ? 1 : 0) ? (
        <small className="hint">{rp("areaNoMatch", { text: search.trim() })}</small>
      ) : null}
      <select
        id={id}
        name="areaId"
        className="input"
        value={value}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{rp("areaChoose")}</option>
        {groups.map(([label, list]) =>
          list.length > 0 ? (
            <optgroup key={label} label={label}>
              {list.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
      {problem ? <small className="field-error">{problem}</small> : null}
    </div>
  );
}
