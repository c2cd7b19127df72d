// 管理: the school's records, edited offline by the general-affairs head (admin) and readable by
// the principal. /admin lists the sections with their counts and unsent edits; each section
// (/admin/<section>[/<id>|/new]) is a list and a form. Every save goes to the phone first
// (待同步) and syncs when the network is there. The CSV import and account tools need a network.
import { useLiveQuery } from "dexie-react-hooks";
import type { ReactNode } from "react";
import { type AccountRow, db } from "../../db/db.ts";
import { listEntries } from "../../db/reference-view.ts";
import { t } from "../../ui/i18n.ts";
import { navigate, useLocation } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import { Loading } from "./admin-ui.tsx";
import { AreasSection } from "./areas-section.tsx";
import { ChecklistsSection } from "./checklists-section.tsx";
import { ClassesSection } from "./classes-section.tsx";
import { DevicesSection } from "./devices-section.tsx";
import { DormsSection } from "./dorms-section.tsx";
import { ImportSection } from "./import-section.tsx";
import { PupilsSection } from "./pupils-section.tsx";
import { SchoolSection } from "./school-section.tsx";
import { StaffSection } from "./staff-section.tsx";

export function AdminPage({ account, canEdit }: { account: AccountRow; canEdit: boolean }) {
  const { path } = useLocation();
  const [, , section = "", id] = path.split("/");
  const props = { account, canEdit, id: id || undefined };
  // Each section is keyed by its path so a form starts from the record it opens.
  switch (section) {
    case "school":
      return <SchoolSection key={path} {...props} />;
    case "staff":
      return <StaffSection key={path} {...props} />;
    case "classes":
      return <ClassesSection key={path} {...props} />;
    case "dorms":
      return <DormsSection key={path} {...props} />;
    case "pupils":
      return <PupilsSection key={path} {...props} />;
    case "areas":
      return <AreasSection key={path} {...props} />;
    case "checklists":
      return <ChecklistsSection key={path} {...props} />;
    case "import":
      if (canEdit) return <ImportSection account={account} />;
      return <AdminIndex account={account} canEdit={canEdit} />;
    case "devices":
      if (canEdit) return <DevicesSection account={account} />;
      return <AdminIndex account={account} canEdit={canEdit} />;
    default:
      return <AdminIndex account={account} canEdit={canEdit} />;
  }
}

interface Counts {
  staff: [number, number];
  class: [number, number];
  dormRoom: [number, number];
  pupil: [number, number];
  boarders: number;
  area: [number, number];
  checklistItem: [number, number];
  schoolPending: number;
  hasSchool: boolean;
}

async function countAll(schoolId: string): Promise<Counts> {
  const types = ["staff", "class", "dormRoom", "pupil", "area", "checklistItem"] as const;
  const [school, ...lists] = await Promise.all([
    listEntries(db, schoolId, "school"),
    ...types.map((type) => listEntries(db, schoolId, type)),
  ]);
  const pair = (i: number): [number, number] => {
    const list = lists[i] ?? [];
    return [list.length, list.filter((e) => e.hasPendingChanges).length];
  };
  const pupils = (lists[3] ?? []) as { entity: { isBoarder?: boolean } }[];
  return {
    staff: pair(0),
    class: pair(1),
    dormRoom: pair(2),
    pupil: pair(3),
    boarders: pupils.filter((p) => p.entity.isBoarder).length,
    area: pair(4),
    checklistItem: pair(5),
    schoolPending: school.filter((e) => e.hasPendingChanges).length,
    hasSchool: school.length > 0,
  };
}

function AdminIndex({ account, canEdit }: { account: AccountRow; canEdit: boolean }) {
  const counts = useLiveQuery(() => countAll(account.schoolId), [account.schoolId]);
  return (
    <div className="page stack">
      <h1>{canEdit ? t("adminTitle") : ad("titleRead")}</h1>
      <p className="muted">{canEdit ? ad("introEdit") : ad("introRead")}</p>
      {counts === undefined ? (
        <Loading />
      ) : !counts.hasSchool ? (
        <Loading isEmpty />
      ) : (
        <ul className="section-list">
          <SectionLink
            to="/admin/school"
            title={ad("sectionSchool")}
            detail={ad("sectionSchoolHint")}
            pending={counts.schoolPending}
          />
          {/* The roster, summary, education and month pages live outside /admin (others use them too). */}
          <SectionLink
            to="/roster"
            title={ad("sectionRoster")}
            detail={ad("sectionRosterHint")}
            pending={0}
          />
          <SectionLink
            to="/summaries"
            title={ad("sectionSummaries")}
            detail={ad("sectionSummariesHint")}
            pending={0}
          />
          <SectionLink
            to="/education"
            title={ad("sectionEducation")}
            detail={ad("sectionEducationHint")}
            pending={0}
          />
          <SectionLink to="/month" title={ad("sectionMonth")} detail={ad("sectionMonthHint")} pending={0} />
          <SectionLink
            to="/commendation"
            title={ad("sectionCommendation")}
            detail={ad("sectionCommendationHint")}
            pending={0}
          />
          <SectionLink
            to="/admin/staff"
            title={ad("sectionStaff")}
            detail={ad("countPeople", { n: counts.staff[0] })}
            pending={counts.staff[1]}
          />
          <SectionLink
            to="/admin/classes"
            title={ad("sectionClasses")}
            detail={ad("countClasses", { n: counts.class[0] })}
            pending={counts.class[1]}
          />
          <SectionLink
            to="/admin/dorms"
            title={ad("sectionDorms")}
            detail={ad("countRooms", { n: counts.dormRoom[0] })}
            pending={counts.dormRoom[1]}
          />
          <SectionLink
            to="/admin/pupils"
            title={ad("sectionPupils")}
            detail={ad("countPupils", { n: counts.pupil[0], boarders: counts.boarders })}
            pending={counts.pupil[1]}
          />
          <SectionLink
            to="/admin/areas"
            title={ad("sectionAreas")}
            detail={ad("countAreas", { n: counts.area[0] })}
            pending={counts.area[1]}
          />
          <SectionLink
            to="/admin/checklists"
            title={ad("sectionChecklists")}
            detail={ad("countItems", { n: counts.checklistItem[0] })}
            pending={counts.checklistItem[1]}
          />
          {/* The online tools: the admin's only. */}
          {canEdit ? (
            <>
              <SectionLink
                to="/admin/import"
                title={ad("sectionImport")}
                detail={ad("sectionImportHint")}
                pending={0}
              />
              <SectionLink
                to="/admin/devices"
                title={ad("sectionDevices")}
                detail={ad("sectionDevicesHint")}
                pending={0}
              />
            </>
          ) : null}
        </ul>
      )}
    </div>
  );
}

function SectionLink({
  to,
  title,
  detail,
  pending,
}: {
  to: string;
  title: string;
  detail: string;
  pending: number;
}): ReactNode {
  return (
    <li>
      <a
        href={to}
        className="section-link"
        onClick={(event) => {
          event.preventDefault();
          navigate(to);
        }}
      >
        <span className="record-text">
          <strong>{title}</strong>
          <small>{detail}</small>
        </span>
        {pending > 0 ? <span className="tag tag-pending">{ad("pendingCount", { n: pending })}</span> : null}
        <span className="chevron" aria-hidden="true">
          ›
        </span>
      </a>
    </li>
  );
}
