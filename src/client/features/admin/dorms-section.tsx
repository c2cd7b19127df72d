// 宿舍: the dorm rooms with how full they are, and the room form (name, building, boys' or
// girls' room, beds).
import { useMemo, useState } from "react";
import { ulid } from "ulidx";
import type { DormRoom } from "../../../protocol/reference.ts";
import type { AccountRow } from "../../db/db.ts";
import type { Entry } from "../../db/reference-view.ts";
import { dormGenderLabel, et } from "../../ui/entity-text.ts";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import {
  AdminHeader,
  EditForm,
  Loading,
  RecordPage,
  RecordRow,
  type SectionProps,
  Segmented,
  TextField,
  useEntries,
  useRecordForm,
} from "./admin-ui.tsx";
import { validateDormRoom } from "./admin-validate.ts";

const LIST = "/admin/dorms";
const collator = new Intl.Collator("zh-CN", { numeric: true });
type GenderChoice = "male" | "female" | "any";

export function DormsSection({ account, canEdit, id }: SectionProps) {
  const rooms = useEntries(account.schoolId, "dormRoom");
  const pupils = useEntries(account.schoolId, "pupil");
  const occupancy = useMemo(() => {
    const counts = new Map<string, number>();
    for (const { entity } of pupils ?? []) {
      if (entity.isBoarder && entity.dormRoomId)
        counts.set(entity.dormRoomId, (counts.get(entity.dormRoomId) ?? 0) + 1);
    }
    return counts;
  }, [pupils]);
  if (rooms === undefined || pupils === undefined) return <Loading />;
  if (id === undefined) return <DormList rooms={rooms} occupancy={occupancy} canEdit={canEdit} />;
  const entry = id === "new" ? undefined : rooms.find((r) => r.entity.id === id);
  return (
    <RecordPage
      title={entry ? entry.entity.name : ad("newDorm")}
      backTo={LIST}
      isMissing={id !== "new" && !entry}
    >
      <DormForm
        account={account}
        canEdit={canEdit}
        entry={entry}
        rooms={rooms}
        occupants={entry ? (occupancy.get(entry.entity.id) ?? 0) : 0}
      />
    </RecordPage>
  );
}

function DormList({
  rooms,
  occupancy,
  canEdit,
}: {
  rooms: Entry<DormRoom>[];
  occupancy: Map<string, number>;
  canEdit: boolean;
}) {
  const sorted = useMemo(
    () =>
      [...rooms].sort(
        (a, b) =>
          collator.compare(a.entity.building, b.entity.building) ||
          collator.compare(a.entity.name, b.entity.name),
      ),
    [rooms],
  );
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionDorms")} backTo="/admin" />
      {canEdit ? (
        <button type="button" className="button" onClick={() => navigate(`${LIST}/new`)}>
          + {ad("newDorm")}
        </button>
      ) : null}
      <p className="muted small">{ad("countOf", { n: sorted.length })}</p>
      <ul className="record-list">
        {sorted.map(({ entity: r, hasPendingChanges }) => (
          <RecordRow
            key={r.id}
            to={`${LIST}/${r.id}`}
            title={r.name}
            detail={[
              r.building,
              r.gender ? dormGenderLabel(r.gender) : null,
              ad("occupancy", { n: occupancy.get(r.id) ?? 0, capacity: r.capacity }),
            ]
              .filter(Boolean)
              .join(" · ")}
            isPending={hasPendingChanges}
          />
        ))}
      </ul>
    </div>
  );
}

function DormForm({
  account,
  canEdit,
  entry,
  rooms,
  occupants,
}: {
  account: AccountRow;
  canEdit: boolean;
  entry: Entry<DormRoom> | undefined;
  rooms: Entry<DormRoom>[];
  occupants: number;
}) {
  const initial = entry?.entity;
  const [name, setName] = useState(initial?.name ?? "");
  // A new room goes in the building most rooms are in.
  const [building, setBuilding] = useState(initial?.building ?? rooms[0]?.entity.building ?? "");
  const [gender, setGender] = useState<GenderChoice>(initial ? (initial.gender ?? "any") : "any");
  const [capacity, setCapacity] = useState(String(initial?.capacity ?? 60));
  const [id] = useState(() => initial?.id ?? (ulid() as DormRoom["id"]));

  const build = (): DormRoom => ({
    id,
    name: name.trim(),
    building: building.trim(),
    gender: gender === "any" ? null : gender,
    capacity: capacity.trim() === "" ? Number.NaN : Number(capacity),
  });
  const { problems, formProps } = useRecordForm({
    account,
    entityType: "dormRoom",
    build,
    validate: () => validateDormRoom(build(), { all: rooms.map((r) => r.entity), occupants }),
    canEdit,
    backTo: LIST,
    entry,
  });

  return (
    <EditForm {...formProps}>
      <TextField
        label={et("fieldDormName")}
        hint={ad("dormNameHint")}
        name="name"
        problems={problems}
        value={name}
        onValue={setName}
      />
      <TextField
        label={et("fieldBuilding")}
        hint={ad("buildingHint")}
        name="building"
        problems={problems}
        value={building}
        onValue={setBuilding}
      />
      <div className="field">
        <span className="field-label">{et("fieldDormGender")}</span>
        <Segmented<GenderChoice>
          legend={et("fieldDormGender")}
          name="gender"
          value={gender}
          onValue={setGender}
          options={[
            { value: "male", label: dormGenderLabel("male") },
            { value: "female", label: dormGenderLabel("female") },
            { value: "any", label: ad("anyGender") },
          ]}
        />
      </div>
      <TextField
        label={et("fieldCapacity")}
        name="capacity"
        problems={problems}
        value={capacity}
        onValue={setCapacity}
        inputMode="numeric"
        pattern="[0-9]*"
      />
      {entry ? (
        <p className="hint">{ad("occupancy", { n: occupants, capacity: entry.entity.capacity })}</p>
      ) : null}
    </EditForm>
  );
}
