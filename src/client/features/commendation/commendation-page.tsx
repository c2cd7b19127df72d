// 表彰名单 /commendation?m=YYYY-MM (SPEC §4 两个一, issue #7 §2): the month's commended classes
// (安全先进班级, marked by the admin on the monthly review page) in ranking order with rank,
// score and citation, then every class with its safety guardians (安全小卫士) — CM-5. The class
// teacher of a class (or an admin) names its guardians here (guardian-picker.tsx). ?print=1 is
// the A4 list for the noticeboard and the archive (commendation-print.tsx). Every member of
// staff reads it; everything from this phone's records, offline too.
import { monthOf } from "../../../domain/commendation.ts";
import { canAdminister } from "../../../domain/roles.ts";
import { localDateOf } from "../../../domain/school-calendar.ts";
import type { SchoolClass } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import { classLabel, formatMoment, getLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { type SchoolDirectory, staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { useMonthData } from "../month/month-data.ts";
import {
  classMonthLink,
  monthOfParam,
  monthRanking,
  monthWeeksSoFar,
  schoolMonths,
} from "../month/month-model.ts";
import { MonthPicker } from "../month/month-picker.tsx";
import { monthLong } from "../month/month-view.ts";
import { shownName } from "../summaries/summary-data.ts";
import { sortClasses } from "../summaries/summary-model.ts";
import { AppLink } from "../summaries/summary-parts.tsx";
import {
  commendationLink,
  editorClass,
  type MonthList,
  monthList,
  namingClasses,
} from "./commendation-model.ts";
import { CommendationPrint } from "./commendation-print.tsx";
import { cm, scoreText } from "./commendation-text.ts";
import { GuardianEditor } from "./guardian-picker.tsx";
import "./commendation.css";

export function CommendationPage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory) return <NoDirectory directory={directory} title={cm("title")} message={cm("noSchool")} />;
  return <Commendations account={account} directory={directory} />;
}

function Commendations({ account, directory }: { account: AccountRow; directory: SchoolDirectory }) {
  const { search } = useLocation();
  const now = useNow(60_000);
  const tz = directory.settings.timeZone;
  const today = localDateOf(now, tz);
  const month = monthOfParam(search.get("m"), today);
  const isPrint = search.get("print") === "1";
  const weeks = monthWeeksSoFar(month, directory.settings, today);
  const data = useMonthData(account.schoolId, month, weeks, tz);

  if (data === undefined) return <Splash />;
  const classes = sortClasses(directory.classes);
  const months = schoolMonths({ directory, weeks, data, now, today });
  const list = monthList(monthRanking(months), classes, data.commendations, (id) =>
    shownName(data.pupilsById.get(id)),
  );
  if (isPrint) return <CommendationPrint directory={directory} month={month} list={list} now={now} />;

  const me = { id: account.userId, roles: account.roles };
  const mine = namingClasses(me, classes);
  const classParam = search.get("class");
  const schoolClass = editorClass(me, mine, classParam);
  const thisMonth = monthOf(today);
  const go = (m: string, classId: string | undefined = schoolClass?.id) =>
    navigate(commendationLink(m, { classId }), { replace: true });

  return (
    <div className="page stack cm-page">
      <h1>{cm("title")}</h1>
      <p className="muted small">{cm("intro")}</p>
      <MonthPicker id="commendation-month" month={month} today={today} onMonth={(m) => go(m)} />
      <AppLink
        to={`/month?m=${month}`}
        className="button button-secondary button-small"
        testId="commendation-to-month"
      >
        {cm("toMonth")} ›
      </AppLink>

      <CommendedList list={list} month={month} directory={directory} isAdmin={canAdminister(account.roles)} />

      {mine.length > 0 ? (
        <GuardianEditor
          account={account}
          directory={directory}
          month={month}
          monthText={monthLong(month, getLang())}
          currentMonth={thisMonth}
          classes={mine}
          schoolClass={schoolClass}
          onClass={(classId) => go(month, classId)}
          pupils={data.pupilsById}
          entries={data.commendations}
        />
      ) : null}

      <GuardiansList list={list} />

      <button
        type="button"
        className="button button-secondary"
        data-testid="commendation-print"
        onClick={() => navigate(commendationLink(month, { print: true }))}
      >
        {cm("print")}
      </button>
      <p className="muted small">
        {cm("liveNote")} {formatMoment(now)}
      </p>
    </div>
  );
}

function CommendedList({
  list,
  month,
  directory,
  isAdmin,
}: {
  list: MonthList<SchoolClass>;
  month: string;
  directory: SchoolDirectory;
  isAdmin: boolean;
}) {
  return (
    <section
      className="card stack-small"
      aria-labelledby="commended-title"
      data-testid="commendation-commended"
    >
      <h2 id="commended-title" className="eyebrow">
        {cm("commendedTitle")}
      </h2>
      {list.commended.length === 0 ? (
        <p className="muted small" data-testid="commendation-commended-none">
          {isAdmin ? cm("commendedNoneAdmin") : cm("commendedNone")}
        </p>
      ) : (
        <ol className="cm-list">
          {list.commended.map((c) => (
            <li key={c.schoolClass.id} data-class-id={c.schoolClass.id}>
              <AppLink
                to={classMonthLink(month, c.schoolClass.id)}
                className="cm-row"
                testId="commendation-commended-row"
              >
                <span className="cm-row-text">
                  <span className="cm-row-head">
                    <span className="cm-rank">{cm("rank", { rank: c.rank })}</span>
                    <strong>{classLabel(c.schoolClass)}</strong>
                  </span>
                  <small className="muted">
                    {c.schoolClass.classTeacherId
                      ? staffName(directory, c.schoolClass.classTeacherId)
                      : cm("noTeacher")}
                    {" · "}
                    {scoreText(c.total)}
                  </small>
                  {c.citation ? <span className="cm-citation">{c.citation}</span> : null}
                </span>
                <span className="chevron" aria-hidden="true">
                  ›
                </span>
              </AppLink>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function GuardiansList({ list }: { list: MonthList<SchoolClass> }) {
  return (
    <section
      className="card stack-small"
      aria-labelledby="guardians-title"
      data-testid="commendation-guardians"
    >
      <h2 id="guardians-title" className="eyebrow">
        {cm("guardiansTitle")}
      </h2>
      {list.guardians.length === 0 ? (
        <p className="muted small">{cm("noClasses")}</p>
      ) : (
        <ul className="cm-guardians">
          {list.guardians.map((g) => (
            <li
              key={g.schoolClass.id}
              className="cm-guardian-row"
              data-testid={`commendation-class-${g.schoolClass.id}`}
              data-count={g.names.length}
            >
              <span className="cm-guardian-class">
                <strong>{classLabel(g.schoolClass)}</strong>
                {g.isPending ? <span className="tag tag-pending">{cm("pending")}</span> : null}
              </span>
              {g.names.length === 0 ? (
                <span className="muted small">{cm("guardiansNone")}</span>
              ) : (
                <span className="cm-names">{g.names.join(cm("namesJoin"))}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
