// The home screen's 本周安全小结 card for a class teacher: this week's summary state, last
// week's when it is still not submitted, and the admin's latest reminder naming their class;
// one tap opens the summary. Loaded lazily by the home page so the first screen stays light;
// nothing shows for someone who teaches no class.
import { useLiveQuery } from "dexie-react-hooks";
import { addDays, localDateOf } from "../../../domain/school-calendar.ts";
import { mondayOf, SUMMARY_STATUS_LABELS, summaryStatus } from "../../../domain/weekly-summary.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { listReminders, listSummaries } from "../../db/summary-view.ts";
import { classLabel, inLang, useLang } from "../../ui/i18n.ts";
import { useSchoolDirectory } from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { isSubmitted, openReminders } from "./summaries-model.ts";
import { seesAllClasses, sortClasses, summaryLink } from "./summary-model.ts";
import { AppLink } from "./summary-parts.tsx";
import { sm } from "./summary-text.ts";
import "./summaries.css";

export function SummaryCard({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(60_000);
  const directory = useSchoolDirectory(account.schoolId);
  const tz = directory?.settings.timeZone;
  const thisWeek = tz ? mondayOf(localDateOf(now, tz)) : "";
  const lastWeek = thisWeek ? addDays(thisWeek, -7) : "";
  const mine = directory
    ? sortClasses(directory.classes.filter((c) => c.classTeacherId === account.userId))
    : [];
  const hasClass = mine.length > 0 || seesAllClasses(account.roles);
  const records = useLiveQuery(async () => {
    if (!hasClass || !thisWeek) return null;
    const [summaries, lastSummaries, reminders, lastReminders] = await Promise.all([
      listSummaries(db, account.schoolId, thisWeek),
      listSummaries(db, account.schoolId, lastWeek),
      listReminders(db, account.schoolId, thisWeek),
      listReminders(db, account.schoolId, lastWeek),
    ]);
    return {
      summaries: [...summaries, ...lastSummaries].map((e) => e.entity),
      reminders: [...reminders, ...lastReminders].map((e) => e.entity),
    };
  }, [account.schoolId, hasClass, thisWeek, lastWeek]);
  if (!directory || !tz || !hasClass || !records) return null;
  if (mine.length === 0) {
    // The admin and the principal: last week's classes not submitted, one tap to /summaries.
    const missing = directory.classes.filter(
      (c) =>
        !isSubmitted(
          summaryStatus(
            records.summaries.find((s) => s.classId === c.id && s.weekStart === lastWeek),
            lastWeek,
            now,
            tz,
          ),
        ),
    ).length;
    return (
      <AppLink
        to={`/summaries?week=${lastWeek}`}
        className={missing > 0 ? "card sum-card sum-card-admin is-late" : "card sum-card sum-card-admin"}
        testId="summary-card"
      >
        <span className="eyebrow">{sm("listTitle")}</span>
        <span>{sm("cardAdmin", { n: missing, total: directory.classes.length })}</span>
      </AppLink>
    );
  }

  const lines = mine.flatMap((c) => {
    const of = (week: string) => records.summaries.find((s) => s.classId === c.id && s.weekStart === week);
    const last = summaryStatus(of(lastWeek), lastWeek, now, tz);
    const current = summaryStatus(of(thisWeek), thisWeek, now, tz);
    const name = mine.length > 1 ? `${classLabel(c)} ` : "";
    const out = [];
    if (!isSubmitted(last))
      out.push({
        key: `${c.id}|last`,
        to: summaryLink(lastWeek, c.id),
        text: name + sm("cardLastWeek", { status: inLang(SUMMARY_STATUS_LABELS[last]) }),
        isLate: true,
        status: last,
      });
    out.push({
      key: `${c.id}|this`,
      to: summaryLink(thisWeek, c.id),
      text: name + sm("cardThisWeek", { status: inLang(SUMMARY_STATUS_LABELS[current]) }),
      isLate: false,
      status: current,
    });
    return out;
  });
  // A reminder matters while the week it names is still not submitted.
  const reminder = openReminders(
    records.reminders,
    records.summaries,
    mine.map((c) => c.id),
    now,
    tz,
  )[0]?.reminder;

  return (
    <section
      className={reminder || lines.some((l) => l.isLate) ? "card sum-card is-late" : "card sum-card"}
      aria-labelledby="sum-card-title"
      data-testid="summary-card"
    >
      <h2 id="sum-card-title" className="eyebrow">
        {sm("cardTitle")}
      </h2>
      {reminder ? (
        <p className="danger-text small" data-testid="summary-card-reminder">
          {reminder.note ? sm("cardReminder", { note: reminder.note }) : sm("cardReminderPlain")}
        </p>
      ) : null}
      <ul className="sum-card-lines">
        {lines.map((l) => (
          <li key={l.key}>
            <AppLink to={l.to} className={`sum-card-line status-${l.status}`} testId="summary-card-line">
              <span>{l.text}</span>
              <span className="chevron" aria-hidden="true">
                ›
              </span>
            </AppLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
