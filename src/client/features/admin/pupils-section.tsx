// 学生: ~1,100 pupils, found by name, student number or bed and filtered by class and by boarder
// / day pupil; at most 100 rows are drawn so a cheap phone stays quick. The pupil form covers
// name, student number, gender, class, boarder, dorm room and bed.
import { useDeferredValue, useMemo, useState } from "react";
import { ulid } from "ulidx";
import type { DormRoom, Pupil, SchoolClass } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import type { Entry } from "../../db/reference-view.ts";
import { et, genderLabel } from "../../ui/entity-text.ts";
import { classLabel } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import {
  AdminHeader,
  CheckField,
  EditForm,
  firstOf,
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
import { validatePupil } from "./admin-validate.ts";
import { byClassOrder } from "./classes-section.tsx";

const LIST = "/admin/pupils";
export const PUPIL_ROWS_SHOWN = 100;
const collator = new Intl.Collator("zh-CN", { numeric: true });

type BoarderFilter = "all" | "boarders" | "day";
// Kept while the admin pages are open, so coming back from a pupil finds the same list.
const remembered = { search: "", classId: "", boarder: "all" as BoarderFilter };

export function PupilsSection({ account, canEdit, id }: SectionProps) {
  const pupils = useEntries(account.schoolId, "pupil");
  const classes = useEntries(account.schoolId, "class");
  const rooms = useEntries(account.schoolId, "dormRoom");
  if (pupils === undefined || classes === undefined || rooms === undefined) return <Loading />;
  if (id === undefined)
    return <PupilList pupils={pupils} classes={classes} rooms={rooms} canEdit={canEdit} />;
  const entry = id === "new" ? undefined : pupils.find((p) => p.entity.id === id);
  return (
    <RecordPage
      title={entry ? entry.entity.name : ad("newPupil")}
      backTo={LIST}
      isMissing={id !== "new" && !entry}
    >
      <PupilForm
        account={account}
        canEdit={canEdit}
        entry={entry}
        pupils={pupils}
        classes={classes}
        rooms={rooms}
      />
    </RecordPage>
  );
}

/** Pupils matching the filters, in class then student-number order. */
export function filterPupils(
  pupils: readonly Entry<Pupil>[],
  filter: { search: string; classId: string; boarder: BoarderFilter },
): Entry<Pupil>[] {
  const needle = filter.search.trim();
  return pupils.filter(({ entity: p }) => {
    if (filter.classId && p.classId !== filter.classId) return false;
    if (filter.boarder === "boarders" && !p.isBoarder) return false;
    if (filter.boarder === "day" && p.isBoarder) return false;
    return matches(needle, p.name, p.studentNo, p.bed);
  });
}

function PupilList({
  pupils,
  classes,
  rooms,
  canEdit,
}: {
  pupils: Entry<Pupil>[];
  classes: Entry<SchoolClass>[];
  rooms: Entry<DormRoom>[];
  canEdit: boolean;
}) {
  const [search, setSearch] = useState(remembered.search);
  const [classId, setClassId] = useState(remembered.classId);
  const [boarder, setBoarder] = useState<BoarderFilter>(remembered.boarder);
  Object.assign(remembered, { search, classId, boarder });
  // Typing stays responsive: the list follows a moment later on slow phones.
  const deferredSearch = useDeferredValue(search);

  const classOrder = useMemo(() => {
    const sorted = [...classes].sort((a, b) => byClassOrder(a.entity, b.entity));
    return new Map(sorted.map((c, i) => [c.entity.id as string, { index: i, label: classLabel(c.entity) }]));
  }, [classes]);
  const roomNames = useMemo(() => new Map(rooms.map((r) => [r.entity.id as string, r.entity.name])), [rooms]);
  const found = useMemo(() => {
    const list = filterPupils(pupils, { search: deferredSearch, classId, boarder });
    return list.sort(
      (a, b) =>
        (classOrder.get(a.entity.classId)?.index ?? 999) - (classOrder.get(b.entity.classId)?.index ?? 999) ||
        collator.compare(a.entity.studentNo, b.entity.studentNo),
    );
  }, [pupils, deferredSearch, classId, boarder, classOrder]);
  const { shown, total } = firstOf(found, PUPIL_ROWS_SHOWN);

  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionPupils")} backTo="/admin" />
      {canEdit ? (
        <button
          type="button"
          className="button"
          onClick={() => navigate(classId ? `${LIST}/new?class=${classId}` : `${LIST}/new`)}
        >
          + {ad("newPupil")}
        </button>
      ) : null}
      <div className="filters stack-small">
        <SearchField label={ad("pupilSearch")} value={search} onChange={setSearch} />
        <select
          className="input"
          aria-label={et("fieldClass")}
          value={classId}
          onChange={(event) => setClassId(event.target.value)}
        >
          <option value="">{ad("allClasses")}</option>
          {[...classOrder.entries()].map(([id, { label }]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
        <Segmented<BoarderFilter>
          legend={et("fieldBoarder")}
          name="boarder-filter"
          value={boarder}
          onValue={setBoarder}
          options={[
            { value: "all", label: ad("allPupils") },
            { value: "boarders", label: ad("boardersOnly") },
            { value: "day", label: ad("dayOnly") },
          ]}
        />
      </div>
      <p className="muted small" data-testid="pupil-count">
        {total > shown.length
          ? ad("shownOf", { shown: shown.length, n: total })
          : ad("countOf", { n: total })}
      </p>
      <ul className="record-list">
        {shown.map(({ entity: p, hasPendingChanges }) => (
          <RecordRow
            key={p.id}
            to={`${LIST}/${p.id}`}
            title={p.name}
            detail={[
              p.studentNo,
              classOrder.get(p.classId)?.label,
              p.isBoarder
                ? [p.dormRoomId ? roomNames.get(p.dormRoomId) : null, p.bed].filter(Boolean).join(" ")
                : ad("dayPupil"),
            ]
              .filter(Boolean)
              .join(" · ")}
            isPending={hasPendingChanges}
          />
        ))}
      </ul>
      {total === 0 ? <p className="muted">{ad("nothingFound")}</p> : null}
    </div>
  );
}

type GenderChoice = "male" | "female" | "unknown";

function PupilForm({
  account,
  canEdit,
  entry,
  pupils,
  classes,
  rooms,
}: {
  account: AccountRow;
  canEdit: boolean;
  entry: Entry<Pupil> | undefined;
  pupils: Entry<Pupil>[];
  classes: Entry<SchoolClass>[];
  rooms: Entry<DormRoom>[];
}) {
  const initial = entry?.entity;
  const presetClass = new URLSearchParams(window.location.search).get("class") ?? "";
  const [name, setName] = useState(initial?.name ?? "");
  const [studentNo, setStudentNo] = useState(initial?.studentNo ?? "");
  const [gender, setGender] = useState<GenderChoice>(initial ? (initial.gender ?? "unknown") : "unknown");
  const [classId, setClassId] = useState<string>(initial?.classId ?? presetClass);
  const [isBoarder, setIsBoarder] = useState(initial?.isBoarder ?? false);
  const [roomId, setRoomId] = useState<string>(initial?.dormRoomId ?? "");
  const [bed, setBed] = useState(initial?.bed ?? "");
  const [id] = useState(() => initial?.id ?? (ulid() as Pupil["id"]));

  const build = (): Pupil => ({
    id,
    name: name.trim(),
    studentNo: studentNo.trim(),
    gender: gender === "unknown" ? null : gender,
    classId: classId as Pupil["classId"],
    isBoarder,
    // A day pupil has no room and no bed (the server's rule); they are kept in the form only.
    dormRoomId: isBoarder && roomId ? (roomId as Pupil["dormRoomId"]) : null,
    bed: isBoarder && bed.trim() ? bed.trim() : null,
  });

  const classOptions = useMemo(
    () => [
      { value: "", label: ad("chooseClass") },
      ...[...classes]
        .sort((a, b) => byClassOrder(a.entity, b.entity))
        .map((c) => ({ value: c.entity.id as string, label: classLabel(c.entity) })),
    ],
    [classes],
  );
  const roomOptions = useMemo(() => {
    const counts = new Map<string, number>();
    for (const { entity: p } of pupils) {
      if (p.isBoarder && p.dormRoomId) counts.set(p.dormRoomId, (counts.get(p.dormRoomId) ?? 0) + 1);
    }
    return [
      { value: "", label: ad("chooseRoom") },
      ...[...rooms]
        .sort((a, b) => collator.compare(a.entity.name, b.entity.name))
        .map((r) => ({
          value: r.entity.id as string,
          label: ad("roomOption", {
            name: r.entity.name,
            n: counts.get(r.entity.id) ?? 0,
            capacity: r.entity.capacity,
          }),
        })),
    ];
  }, [rooms, pupils]);

  const { problems, formProps } = useRecordForm({
    account,
    entityType: "pupil",
    build,
    validate: () =>
      validatePupil(build(), {
        all: pupils.map((p) => p.entity),
        rooms: rooms.map((r) => r.entity),
        classes: classes.map((c) => c.entity),
      }),
    canEdit,
    backTo: LIST,
    entry,
  });

  return (
    <EditForm {...formProps}>
      <TextField
        label={et("fieldPupilName")}
        name="name"
        problems={problems}
        value={name}
        onValue={setName}
      />
      <TextField
        label={et("fieldStudentNo")}
        hint={ad("studentNoHint")}
        name="studentNo"
        problems={problems}
        value={studentNo}
        onValue={setStudentNo}
        inputMode="numeric"
        autoComplete="off"
      />
      <div className="field">
        <span className="field-label">{et("fieldGender")}</span>
        <Segmented<GenderChoice>
          legend={et("fieldGender")}
          name="gender"
          value={gender}
          onValue={setGender}
          options={[
            { value: "male", label: genderLabel("male") },
            { value: "female", label: genderLabel("female") },
            { value: "unknown", label: ad("genderUnknown") },
          ]}
        />
      </div>
      <SelectField
        label={et("fieldClass")}
        name="classId"
        problems={problems}
        value={classId}
        onValue={setClassId}
        options={classOptions}
      />
      <CheckField
        label={ad("boarderLabel")}
        name="isBoarder"
        problems={problems}
        checked={isBoarder}
        onChecked={setIsBoarder}
      />
      {isBoarder ? (
        <>
          <SelectField
            label={et("fieldDormRoom")}
            name="dormRoomId"
            problems={problems}
            value={roomId}
            onValue={setRoomId}
            options={roomOptions}
          />
          <TextField
            label={et("fieldBed")}
            hint={ad("bedHint")}
            name="bed"
            problems={problems}
            value={bed}
            onValue={setBed}
          />
        </>
      ) : null}
    </EditForm>
  );
}
