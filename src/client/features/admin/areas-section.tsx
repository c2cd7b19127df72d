// 区域: the places checked on rounds (三查: 校园 by the general-affairs office, 教室 by the
// class teacher, 周边 by the gatekeeper), each with its responsible person (区域责任人), the
// area it is part of, and for a classroom its class.
import { useMemo, useState } from "react";
import { ulid } from "ulidx";
import { AREA_KINDS, type AreaKind } from "../../../domain/area-kinds.ts";
import type { Area, SchoolClass, Staff } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import type { Entry } from "../../db/reference-view.ts";
import { areaKindLabel, et } from "../../ui/entity-text.ts";
import { classLabel, labelled } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import {
  AdminHeader,
  EditForm,
  Loading,
  matches,
  RecordPage,
  RecordRow,
  SearchField,
  type SectionProps,
  Segmented,
  SelectField,
  TextField,
  useEntries,
  useRecordForm,
} from "./admin-ui.tsx";
import { validateArea } from "./admin-validate.ts";
import { byClassOrder } from "./classes-section.tsx";

const LIST = "/admin/areas";
const collator = new Intl.Collator("zh-CN", { numeric: true });
type KindFilter = AreaKind | "all";
const remembered = { search: "", kind: "all" as KindFilter };

export function AreasSection({ account, canEdit, id }: SectionProps) {
  const areas = useEntries(account.schoolId, "area");
  const staff = useEntries(account.schoolId, "staff");
  const classes = useEntries(account.schoolId, "class");
  if (areas === undefined || staff === undefined || classes === undefined) return <Loading />;
  if (id === undefined) return <AreaList areas={areas} staff={staff} canEdit={canEdit} />;
  const entry = id === "new" ? undefined : areas.find((a) => a.entity.id === id);
  return (
    <RecordPage
      title={entry ? entry.entity.name : ad("newArea")}
      backTo={LIST}
      isMissing={id !== "new" && !entry}
    >
      <AreaForm
        account={account}
        canEdit={canEdit}
        entry={entry}
        areas={areas}
        staff={staff}
        classes={classes}
      />
    </RecordPage>
  );
}

function AreaList({
  areas,
  staff,
  canEdit,
}: {
  areas: Entry<Area>[];
  staff: Entry<Staff>[];
  canEdit: boolean;
}) {
  const [search, setSearch] = useState(remembered.search);
  const [kind, setKind] = useState<KindFilter>(remembered.kind);
  Object.assign(remembered, { search, kind });
  const staffNames = useMemo(
    () => new Map(staff.map((s) => [s.entity.id as string, s.entity.name])),
    [staff],
  );
  const areaNames = useMemo(() => new Map(areas.map((a) => [a.entity.id as string, a.entity.name])), [areas]);
  const needle = search.trim();
  const shown = useMemo(
    () =>
      areas
        .filter(({ entity: a }) => kind === "all" || a.kind === kind)
        .filter(({ entity: a }) =>
          matches(needle, a.name, a.responsibleStaffId ? staffNames.get(a.responsibleStaffId) : null),
        )
        .sort(
          (a, b) =>
            AREA_KINDS.indexOf(a.entity.kind) - AREA_KINDS.indexOf(b.entity.kind) ||
            collator.compare(a.entity.name, b.entity.name),
        ),
    [areas, kind, needle, staffNames],
  );
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionAreas")} backTo="/admin" />
      {canEdit ? (
        <button type="button" className="button" onClick={() => navigate(`${LIST}/new`)}>
          + {ad("newArea")}
        </button>
      ) : null}
      <Segmented<KindFilter>
        legend={et("fieldAreaKind")}
        name="kind-filter"
        value={kind}
        onValue={setKind}
        options={[
          { value: "all", label: ad("allKinds") },
          ...AREA_KINDS.map((k) => ({ value: k, label: areaKindLabel(k) })),
        ]}
      />
      <SearchField label={ad("areaSearch")} value={search} onChange={setSearch} />
      <p className="muted small">{ad("countOf", { n: shown.length })}</p>
      <ul className="record-list">
        {shown.map(({ entity: a, hasPendingChanges }) => (
          <RecordRow
            key={a.id}
            to={`${LIST}/${a.id}`}
            title={a.name}
            detail={[
              areaKindLabel(a.kind),
              labelled(
                et("fieldResponsible"),
                (a.responsibleStaffId && staffNames.get(a.responsibleStaffId)) || ad("notSet"),
              ),
              a.parentAreaId ? areaNames.get(a.parentAreaId) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
            isPending={hasPendingChanges}
          />
        ))}
      </ul>
      {shown.length === 0 ? <p className="muted">{ad("nothingFound")}</p> : null}
    </div>
  );
}

function AreaForm({
  account,
  canEdit,
  entry,
  areas,
  staff,
  classes,
}: {
  account: AccountRow;
  canEdit: boolean;
  entry: Entry<Area> | undefined;
  areas: Entry<Area>[];
  staff: Entry<Staff>[];
  classes: Entry<SchoolClass>[];
}) {
  const initial = entry?.entity;
  const [name, setName] = useState(initial?.name ?? "");
  const [kind, setKind] = useState<AreaKind>(initial?.kind ?? "campus");
  const [responsibleId, setResponsibleId] = useState<string>(initial?.responsibleStaffId ?? "");
  const [parentId, setParentId] = useState<string>(initial?.parentAreaId ?? "");
  const [classId, setClassId] = useState<string>(initial?.classId ?? "");
  const [id] = useState(() => initial?.id ?? (ulid() as Area["id"]));

  const build = (): Area => ({
    id,
    name: name.trim(),
    kind,
    responsibleStaffId: responsibleId ? (responsibleId as Area["responsibleStaffId"]) : null,
    parentAreaId: parentId ? (parentId as Area["parentAreaId"]) : null,
    // Only a classroom belongs to a class.
    classId: kind === "classroom" && classId ? (classId as Area["classId"]) : null,
  });

  const staffOptions = useMemo(
    () => [
      { value: "", label: ad("notSet") },
      ...staff
        .filter((s) => s.entity.isActive || s.entity.id === initial?.responsibleStaffId)
        .sort((a, b) => collator.compare(a.entity.name, b.entity.name))
        .map((s) => ({ value: s.entity.id as string, label: `${s.entity.name}（${s.entity.login}）` })),
    ],
    [staff, initial?.responsibleStaffId],
  );
  const parentOptions = useMemo(
    () => [
      { value: "", label: ad("noParent") },
      ...areas
        .filter(
          (a) =>
            a.entity.id !== id && (a.entity.kind !== "classroom" || a.entity.id === initial?.parentAreaId),
        )
        .sort((a, b) => collator.compare(a.entity.name, b.entity.name))
        .map((a) => ({ value: a.entity.id as string, label: a.entity.name })),
    ],
    [areas, id, initial?.parentAreaId],
  );
  const classOptions = useMemo(
    () => [
      { value: "", label: ad("chooseClass") },
      ...[...classes]
        .sort((a, b) => byClassOrder(a.entity, b.entity))
        .map((c) => ({ value: c.entity.id as string, label: classLabel(c.entity) })),
    ],
    [classes],
  );

  const { problems, formProps } = useRecordForm({
    account,
    entityType: "area",
    build,
    validate: () => validateArea(build(), { all: areas.map((a) => a.entity) }),
    canEdit,
    backTo: LIST,
    entry,
  });

  return (
    <EditForm {...formProps}>
      <TextField label={et("fieldAreaName")} name="name" problems={problems} value={name} onValue={setName} />
      <div className="field">
        <span className="field-label">{et("fieldAreaKind")}</span>
        <Segmented<AreaKind>
          legend={et("fieldAreaKind")}
          name="kind"
          value={kind}
          onValue={setKind}
          options={AREA_KINDS.map((k) => ({ value: k, label: areaKindLabel(k) }))}
        />
        <small className="hint">{ad("kindHint")}</small>
      </div>
      <SelectField
        label={et("fieldResponsible")}
        name="responsibleStaffId"
        problems={problems}
        value={responsibleId}
        onValue={setResponsibleId}
        options={staffOptions}
      />
      <SelectField
        label={et("fieldParentArea")}
        name="parentAreaId"
        problems={problems}
        value={parentId}
        onValue={setParentId}
        options={parentOptions}
      />
      {kind === "classroom" ? (
        <SelectField
          label={et("fieldClass")}
          name="classId"
          problems={problems}
          value={classId}
          onValue={setClassId}
          options={classOptions}
        />
      ) : null}
    </EditForm>
  );
}
