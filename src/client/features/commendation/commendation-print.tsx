// The month's commendation list on A4 portrait (?print=1), for the noticeboard and the archive:
// the school, "YYYY年M月 安全表彰名单", the commended classes with rank, score and citation, the
// safety guardians class by class, the date printed and a line for the school's seal. The
// 打印 button and the way back are on screen only (commendation.css @media print).
import { useEffect } from "react";
import type { SchoolClass } from "../../../protocol/reference.ts";
import { classLabel, formatLongDate, getLang, labelled } from "../../ui/i18n.ts";
import { BackLink } from "../../ui/page-parts.tsx";
import { type SchoolDirectory, staffName } from "../../ui/school-directory.ts";
import { monthLong } from "../month/month-view.ts";
import { commendationLink, type MonthList } from "./commendation-model.ts";
import { cm, scoreText } from "./commendation-text.ts";

export function CommendationPrint({
  directory,
  month,
  list,
  now,
}: {
  directory: SchoolDirectory;
  month: string;
  list: MonthList<SchoolClass>;
  now: Date;
}) {
  // Opened from the page's foot: start at the head, as the paper does. A block body: Chromium's
  // scrollTo() now returns a Promise, which React would take for the effect's cleanup and call.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  const teacher = (c: SchoolClass) =>
    c.classTeacherId ? staffName(directory, c.classTeacherId) : cm("noTeacher");
  return (
    <div className="page stack cm-print print-sheet" data-testid="commendation-print-view">
      <div className="cm-print-controls stack-small">
        <BackLink to={commendationLink(month)} label={cm("backToPage")} />
        <button type="button" className="button" onClick={() => window.print()}>
          {cm("printNow")}
        </button>
      </div>
      <header className="cm-print-head">
        <p className="cm-print-school">{directory.schoolName}</p>
        <h1 className="cm-print-title">{cm("printTitle", { month: monthLong(month, getLang()) })}</h1>
      </header>

      <section className="cm-print-section" data-testid="commendation-print-commended">
        <h2>{cm("commendedTitle")}</h2>
        {list.commended.length === 0 ? (
          <p>{cm("printNoCommended")}</p>
        ) : (
          <ol className="cm-print-commended">
            {list.commended.map((c) => (
              <li key={c.schoolClass.id}>
                <p className="cm-print-line">
                  <span className="cm-print-rank">{cm("rank", { rank: c.rank })}</span>
                  <strong>{classLabel(c.schoolClass)}</strong>
                  <span>{labelled(cm("printTeacher"), teacher(c.schoolClass))}</span>
                  <span>{scoreText(c.total)}</span>
                </p>
                {c.citation ? (
                  <p className="cm-print-citation">{labelled(cm("printCitation"), c.citation)}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="cm-print-section" data-testid="commendation-print-guardians">
        <h2>{cm("guardiansTitle")}</h2>
        <table className="cm-print-table">
          <thead>
            <tr>
              <th scope="col">{cm("printClass")}</th>
              <th scope="col">{cm("printGuardians")}</th>
            </tr>
          </thead>
          <tbody>
            {list.guardians.map((g) => (
              <tr key={g.schoolClass.id}>
                <th scope="row">{classLabel(g.schoolClass)}</th>
                <td>{g.names.length === 0 ? cm("guardiansNone") : g.names.join(cm("namesJoin"))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <footer className="cm-print-foot">
        <p className="small">{cm("printedAt", { date: formatLongDate(now, directory.settings.timeZone) })}</p>
        <p className="cm-print-sign">{cm("signHead")}</p>
      </footer>
    </div>
  );
}
