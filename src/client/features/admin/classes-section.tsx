// 班级: the classes by grade with their class teacher (班主任) and size, and the class form.
import { useMemo, useState } from "react";
import { ulid } from "ulidx";
import type { SchoolClass, Staff } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import type { Entry } from "../../db/reference-view.ts";
import { et } from "../../ui/entity-text.ts";
import { classLabel, gradeLabel, labelled } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import {
  AdminHeader,
  EditForm,
  Loading,
  RecordPage,
  RecordRow,
  type SectionProps,
  SelectField,
  TextField,
  useEntries,
  useRecordForm,
} from "./admin-ui.tsx";
import { validateClass } from "./admin-validate.ts";

const LIST = "/admin/classes";
const GRADES = [1, 2, 3, 4, 5, 6];
const collator = new Intl.Collator("zh-CN", { numeric: true });

export function byClassOrder(a: SchoolClass, b: SchoolClass): number {
  return a.grade - b.grade || collator.compare(a.name, b.name);
}

export function ClassesSection({ account, canEdit, id }: SectionProps) {
  const classes = useEntries(account.schoolId, "class");
  const staff = useEntries(account.schoolId, "staff");
  const pupils = useEntries(account.schoolId, "pupil");
  if (classes === undefined || staff === undefined || pupils === undefined) return <Loading />;
  if (id === undefined) {
    const sizes = new Map<string, number>();
    for (const { entity } of pupils) sizes.set(entity.classId, (sizes.get(entity.classId) ?? 0) + 1);
    return <ClassList classes={classes} staff={staff} sizes={sizes} canEdit={canEdit} />;
  }
  const entry = id === "new" ? undefined : classes.find((c) => c.entity.id === id);
  return (
    <RecordPage
      title={entry ? classLabel(entry.entity) : ad("newClass")}
      backTo={LIST}
      isMissing={id !== "new" && !entry}
    >
      <ClassForm account={account} canEdit={canEdit} entry={entry} classes={classes} staff={staff} />
    </RecordPage>
  );
}

function ClassList({
  classes,
  staff,
  sizes,
  canEdit,
}: {
  classes: Entry<SchoolClass>[];
  staff: Entry<Staff>[];
  sizes: Map<string, number>;
  canEdit: boolean;
}) {
  const names = useMemo(() => new Map(staff.map((s) => [s.entity.id as string, s.entity.name])), [staff]);
  const sorted = useMemo(() => [...classes].sort((a, b) => byClassOrder(a.entity, b.entity)), [classes]);
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionClasses")} backTo="/admin" />
      {canEdit ? (
        <button type="button" className="button" onClick={() => navigate(`${LIST}/new`)}>
          + {ad("newClass")}
        </button>
      ) : null}
      <p className="muted small">{ad("countOf", { n: sorted.length })}</p>
      <ul className="record-list">
        {sorted.map(({ entity: c, hasPendingChanges }) => (
          <RecordRow
            key={c.id}
            to={`${LIST}/${c.id}`}
            title={classLabel(c)}
            detail={`${labelled(et("fieldClassTeacher"), (c.classTeacherId && names.get(c.classTeacherId)) || ad("notSet"))} · ${ad("classSize", { n: sizes.get(c.id) ?? 0 })}`}
            isPending={hasPendingChanges}
          />
        ))}
      </ul>
    </div>
  );
}

function ClassForm({
  account,
  canEdit,
  entry,
  classes,
  staff,
}: {
  account: AccountRow;
  canEdit: boolean;
  entry: Entry<SchoolClass> | undefined;
  classes: Entry<SchoolClass>[];
  staff: Entry<Staff>[];
}) {
  const initial = entry?.entity;
  const [grade, setGrade] = useState(String(initial?.grade ?? 1));
  const [name, setName] = useState(initial?.name ?? "");
  const [teacherId, setTeacherId] = useState<string>(initial?.classTeacherId ?? "");
  const [id] = useState(() => initial?.id ?? (ulid() as SchoolClass["id"]));

  const build = (): SchoolClass => ({
    id,
    grade: Number(grade),
    name: name.trim(),
    classTeacherId: teacherId ? (teacherId as SchoolClass["classTeacherId"]) : null,
  });
  const teacherOptions = useMemo(
    () => [
      { value: "", label: ad("notSet") },
      ...staff
        .filter((s) => s.entity.isActive || s.entity.id === initial?.classTeacherId)
        // Class teachers first, then everyone else, each by name.
        .sort(
          (a, b) =>
            Number(!a.entity.roles.includes("class_teacher")) -
              Number(!b.entity.roles.includes("class_teacher")) ||
            collator.compare(a.entity.name, b.entity.name),
        )
        .map((s) => ({ value: s.entity.id as string, label: `${s.entity.name}（${s.entity.login}）` })),
    ],
    [staff, initial?.classTeacherId],
  );

  const { problems, formProps } = useRecordForm({
    account,
    entityType: "class",
    build,
    validate: () => validateClass(build(), { all: classes.map((c) => c.entity) }),
    canEdit,
    backTo: LIST,
    entry,
  });

  return (
    <EditForm {...formProps}>
      <SelectField
        label={et("fieldGrade")}
        name="grade"
        problems={problems}
        value={grade}
        onValue={setGrade}
        options={GRADES.map((g) => ({ value: String(g), label: gradeLabel(g) }))}
      />
      <TextField
        label={et("fieldClassName")}
        hint={ad("classNameHint")}
        name="name"
        problems={problems}
        value={name}
        onValue={setName}
      />
      <SelectField
        label={et("fieldClassTeacher")}
        name="classTeacherId"
        problems={problems}
        value={teacherId}
        onValue={setTeacherId}
        options={teacherOptions}
      />
    </EditForm>
  );
}
