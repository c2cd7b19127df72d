// 值日表设置 /roster-setup (issue #5 §2, admin; the principal reads): the rotation templates
// (list, and the editor at ?template=<id>|new), generating a term from them, and the optional
// class timetables (CSV). Terms, holidays, make-up days and the bell schedule are edited in the
// school settings (/admin/school); this page links there. All offline, saved through the outbox.
import { canAdminister } from "../../../domain/roles.ts";
import { localDateOf } from "../../../domain/school-calendar.ts";
import type { AccountRow } from "../../db/db.ts";
import { useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory } from "../../ui/page-parts.tsx";
import { navigate, useLocation } from "../../ui/router.ts";
import { useNow } from "../../ui/use-now.ts";
import { CalendarLink, GenerateCard } from "./generate-card.tsx";
import { type RosterBasics, useRosterBasics } from "./roster-data.ts";
import { dutyRowLabel } from "./roster-names.ts";
import { rt } from "./roster-text.ts";
import { TemplateEditor } from "./template-editor.tsx";
import { TimetableCard } from "./timetable-card.tsx";
import "./roster.css";

export function RosterSetupPage({ account }: { account: AccountRow }) {
  useLang();
  const basics = useRosterBasics(account.schoolId);
  const { search } = useLocation();
  if (!basics) return <NoDirectory directory={basics} title={rt("setupTitle")} message={rt("noSchool")} />;
  const canEdit = canAdminister(account.roles);
  const templateId = search.get("template");
  if (templateId)
    return (
      <div className="page stack roster-page">
        <BackLink to="/roster-setup" />
        <h1>{templateId === "new" ? rt("createTemplate") : rt("editTemplate")}</h1>
        <TemplateEditor
          key={templateId}
          account={account}
          canEdit={canEdit}
          basics={basics}
          templateId={templateId}
        />
      </div>
    );
  return <SetupOverview account={account} basics={basics} canEdit={canEdit} />;
}

function SetupOverview({
  account,
  basics,
  canEdit,
}: {
  account: AccountRow;
  basics: RosterBasics;
  canEdit: boolean;
}) {
  const now = useNow(60_000);
  const today = localDateOf(now, basics.directory.settings.timeZone);
  return (
    <div className="page stack roster-page">
      <div className="stack-small">
        <BackLink to="/roster" label={rt("weekLink")} />
        <h1>{rt("setupTitle")}</h1>
        <p className="muted small">{rt("setupIntro")}</p>
        <div className="button-row">
          <CalendarLink />
        </div>
      </div>
      <TemplateList basics={basics} canEdit={canEdit} />
      <GenerateCard account={account} canEdit={canEdit} basics={basics} today={today} />
      <TimetableCard account={account} canEdit={canEdit} basics={basics} />
    </div>
  );
}

function TemplateList({ basics, canEdit }: { basics: RosterBasics; canEdit: boolean }) {
  const { templates, roomsById } = basics;
  const open = (to: string) => (event: { preventDefault: () => void }) => {
    event.preventDefault();
    navigate(to);
  };
  return (
    <section className="card stack-small" aria-labelledby="templates-title" data-testid="template-list">
      <h2 className="eyebrow" id="templates-title">
        {rt("templatesTitle")}
      </h2>
      {templates.length === 0 ? <p className="muted">{rt("templatesNone")}</p> : null}
      <ul className="roster-template-list">
        {templates.map(({ entity: t, hasPendingChanges }) => {
          const to = `/roster-setup?template=${t.id}`;
          const pattern =
            t.pattern.mode === "weekly"
              ? rt("patternWeeklyShort")
              : rt("patternRotationShort", { n: t.pattern.staffIds.length, perDay: t.pattern.perDay });
          return (
            <li key={t.id}>
              <a href={to} className="record-row" data-testid="template-row" onClick={open(to)}>
                <span className="record-text">
                  <strong>{t.name}</strong>
                  <small>
                    {dutyRowLabel(t, roomsById)} · {pattern}
                  </small>
                </span>
                <span className="record-tags">
                  {t.isActive ? null : <span className="tag">{rt("templateOff")}</span>}
                  {hasPendingChanges ? <span className="tag tag-pending">{rt("pending")}</span> : null}
                </span>
                <span className="chevron" aria-hidden="true">
                  ›
                </span>
              </a>
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <a
          href="/roster-setup?template=new"
          className="button button-secondary"
          onClick={open("/roster-setup?template=new")}
        >
          {rt("newTemplate")}
        </a>
      ) : null}
    </section>
  );
}
