// 课程表: import a CSV on the phone (timetable-csv.ts, loaded when a file is chosen), every bad
// row listed with its line, then one saveTimetable() per class (offline, compare-and-set); and a
// class's timetable shown as a small grid of periods × weekdays (TT-2 names the subject teacher).
import { useLiveQuery } from "dexie-react-hooks";
import { useRef, useState } from "react";
import type { Weekday } from "../../../domain/school-calendar.ts";
import { subjectTeacherOf, type Timetable } from "../../../domain/timetable.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { saveTimetable } from "../../db/roster-edits.ts";
import { listTimetables } from "../../db/roster-view.ts";
import { FieldFrame } from "../../ui/form-parts.tsx";
import { classLabel, getLang } from "../../ui/i18n.ts";
import type { RosterBasics } from "./roster-data.ts";
import { peopleNames, weekdayName } from "./roster-names.ts";
import { rt } from "./roster-text.ts";
import type { CsvProblem } from "./timetable-csv.ts";

type Outcome =
  | { kind: "done"; classes: number; rows: number }
  | { kind: "refused"; problems: CsvProblem[] }
  | { kind: "error"; message: string };

export function TimetableCard({
  account,
  canEdit,
  basics,
}: {
  account: AccountRow;
  canEdit: boolean;
  basics: RosterBasics;
}) {
  const { directory } = basics;
  const [isBusy, setIsBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [classId, setClassId] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  const timetables = useLiveQuery(() => listTimetables(db, account.schoolId), [account.schoolId]);
  const classes = [...directory.classes].sort(
    (a, b) => a.grade - b.grade || a.name.localeCompare(b.name, "zh-CN"),
  );

  async function importFile(file: File) {
    setIsBusy(true);
    setOutcome(null);
    try {
      const [{ parseTimetableCsv }, text] = await Promise.all([import("./timetable-csv.ts"), file.text()]);
      const result = parseTimetableCsv(text, {
        classes: directory.classes,
        staff: directory.staff,
        periodCount: directory.settings.periods.length,
      });
      if (!result.ok) {
        setOutcome({ kind: "refused", problems: result.problems });
        return;
      }
      const actor = { actorUserId: account.userId, schoolId: account.schoolId };
      for (const [cid, entries] of result.byClass)
        await saveTimetable(db, actor, { id: cid, classId: cid, entries });
      setOutcome({ kind: "done", classes: result.byClass.size, rows: result.rows });
      const first = result.byClass.keys().next().value;
      if (first) setClassId(first);
    } catch (caught) {
      setOutcome({
        kind: "error",
        message: rt("readFailed", { message: caught instanceof Error ? caught.message : String(caught) }),
      });
    } finally {
      setIsBusy(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  async function downloadTemplate() {
    const { TIMETABLE_TEMPLATE } = await import("./timetable-csv.ts");
    const url = URL.createObjectURL(new Blob([TIMETABLE_TEMPLATE], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = getLang() === "zh" ? "课程表模板.csv" : "timetable-template.csv";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const timetable = timetables?.find((t) => t.entity.classId === classId);
  return (
    <section className="card stack-small" data-testid="timetable-card" aria-labelledby="timetable-title">
      <h2 className="eyebrow" id="timetable-title">
        {rt("timetableTitle")}
      </h2>
      <p className="hint">{rt("timetableHint")}</p>
      {timetables ? <p className="muted small">{rt("timetablesCount", { n: timetables.length })}</p> : null}
      {canEdit ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void downloadTemplate()}
          >
            {rt("downloadTemplate")}
          </button>
          <label className="button button-secondary button-small file-pick">
            <input
              ref={fileInput}
              type="file"
              accept=".csv,text/csv,text/plain"
              className="visually-hidden"
              name="timetable-file"
              disabled={isBusy}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void importFile(file);
              }}
            />
            {isBusy ? rt("importing") : rt("chooseCsv")}
          </label>
        </div>
      ) : null}
      {outcome?.kind === "done" ? (
        <p className="ok-text" role="status">
          {rt("imported", { classes: outcome.classes, rows: outcome.rows })}
        </p>
      ) : null}
      {outcome?.kind === "error" ? (
        <p className="error" role="alert">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.kind === "refused" ? (
        <div className="error" role="alert" data-testid="timetable-problems">
          <p>{rt("importRefused")}</p>
          <ul className="roster-problem-list">
            {outcome.problems.map((p) => (
              <li key={`${p.line}-${p.zh}`}>{rt("line", { n: p.line, reason: p[getLang()] })}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <FieldFrame label={rt("showClass")}>
        {(control) => (
          <select
            {...control}
            name="timetable-class"
            className="input"
            value={classId}
            onChange={(event) => setClassId(event.target.value)}
          >
            <option value="">{rt("chooseClass")}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {classLabel(c)}
                {timetables?.some((t) => t.entity.classId === c.id) ? " ✓" : ""}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      {classId === "" ? null : !timetable || timetable.entity.entries.length === 0 ? (
        <p className="muted">{rt("noTimetable")}</p>
      ) : (
        <TimetableGrid timetable={timetable.entity} basics={basics} />
      )}
    </section>
  );
}

function TimetableGrid({ timetable, basics }: { timetable: Timetable; basics: RosterBasics }) {
  const { directory } = basics;
  const periods = directory.settings.periods;
  const days = ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).filter(
    (d) => directory.settings.schoolDays.includes(d) || timetable.entries.some((e) => e.weekday === d),
  );
  return (
    <div className="table-scroll">
      <table className="table roster-timetable" data-testid="timetable-grid">
        <thead>
          <tr>
            <th scope="col" />
            {days.map((d) => (
              <th key={d} scope="col">
                {weekdayName(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => (
            <tr key={`${p.start}-${p.end}`}>
              <th scope="row">
                {rt("periodN", { n: i + 1 })}
                <br />
                <small className="muted">{p.start}</small>
              </th>
              {days.map((d) => {
                const teacher = subjectTeacherOf(timetable, d, i + 1);
                return <td key={d}>{teacher ? peopleNames([teacher], directory.staffById)[0] : ""}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
