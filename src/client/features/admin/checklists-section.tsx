// 检查清单: one checklist per kind of area (校园 / 教室 / 周边), walked in order on every round.
// Items carry a Chinese and an English label and why they matter; they can be taken out of use
// and moved up or down (only the items whose position changes are saved).
import { useMemo, useState } from "react";
import { ulid } from "ulidx";
import { AREA_KINDS, type AreaKind } from "../../../domain/area-kinds.ts";
import type { ChecklistItem } from "../../../protocol/reference.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { saveReference } from "../../db/reference-edits.ts";
import type { Entry } from "../../db/reference-view.ts";
import { areaKindLabel, et } from "../../ui/entity-text.ts";
import { getLang, labelled } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";
import { ad } from "./admin-text.ts";
import {
  AdminHeader,
  CheckField,
  EditForm,
  Loading,
  PendingTag,
  RecordPage,
  type SectionProps,
  Segmented,
  TextAreaField,
  TextField,
  useEntries,
  useRecordForm,
} from "./admin-ui.tsx";
import { validateChecklistItem } from "./admin-validate.ts";

const LIST = "/admin/checklists";
const remembered = { kind: "classroom" as AreaKind };

const byPosition = (a: Entry<ChecklistItem>, b: Entry<ChecklistItem>) =>
  a.entity.position - b.entity.position || a.entity.id.localeCompare(b.entity.id);

export function ChecklistsSection({ account, canEdit, id }: SectionProps) {
  const items = useEntries(account.schoolId, "checklistItem");
  if (items === undefined) return <Loading />;
  if (id === undefined) return <ChecklistList account={account} items={items} canEdit={canEdit} />;
  const entry = id === "new" ? undefined : items.find((i) => i.entity.id === id);
  const title = entry
    ? getLang() === "zh"
      ? entry.entity.labelZh
      : entry.entity.labelEn || entry.entity.labelZh
    : ad("newItem");
  return (
    <RecordPage title={title} backTo={LIST} isMissing={id !== "new" && !entry}>
      <ItemForm account={account} canEdit={canEdit} entry={entry} items={items} />
    </RecordPage>
  );
}

function ChecklistList({
  account,
  items,
  canEdit,
}: {
  account: AccountRow;
  items: Entry<ChecklistItem>[];
  canEdit: boolean;
}) {
  const [kind, setKind] = useState<AreaKind>(remembered.kind);
  remembered.kind = kind;
  const [isMoving, setIsMoving] = useState(false);
  const shown = useMemo(
    () => items.filter((i) => i.entity.areaKind === kind).sort(byPosition),
    [items, kind],
  );

  /** Moves one item up or down and renumbers the list 0, 1, 2 …; saves only what changed. */
  async function move(index: number, step: -1 | 1) {
    const target = index + step;
    if (target < 0 || target >= shown.length || isMoving) return;
    const order = [...shown];
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(target, 0, moved);
    setIsMoving(true);
    try {
      for (const [position, entry] of order.entries()) {
        if (entry.entity.position === position) continue;
        await saveReference(
          db,
          { actorUserId: account.userId, schoolId: account.schoolId },
          "checklistItem",
          { ...entry.entity, position },
        );
      }
    } finally {
      setIsMoving(false);
    }
  }

  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionChecklists")} backTo="/admin" />
      <p className="muted">{ad("checklistIntro")}</p>
      <Segmented<AreaKind>
        legend={et("fieldAreaKind")}
        name="checklist-kind"
        value={kind}
        onValue={setKind}
        options={AREA_KINDS.map((k) => ({ value: k, label: areaKindLabel(k) }))}
      />
      {canEdit ? (
        <button type="button" className="button" onClick={() => navigate(`${LIST}/new?kind=${kind}`)}>
          + {ad("newItem")}
        </button>
      ) : null}
      <ol className="record-list checklist">
        {shown.map((entry, index) => {
          const item = entry.entity;
          const label = getLang() === "zh" ? item.labelZh : item.labelEn || item.labelZh;
          const why = getLang() === "zh" ? item.whyZh : item.whyEn || item.whyZh;
          return (
            <li key={item.id} className={item.isActive ? "checklist-row" : "checklist-row is-off"}>
              <a
                href={`${LIST}/${item.id}`}
                className="record-row"
                data-testid="record-row"
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`${LIST}/${item.id}`);
                }}
              >
                <span className="record-text">
                  <strong>
                    {index + 1}. {label}
                  </strong>
                  {why ? <small>{why}</small> : null}
                </span>
                <span className="record-tags">
                  {item.isActive ? null : <span className="tag tag-muted">{ad("notInUseTag")}</span>}
                  {entry.hasPendingChanges ? <PendingTag /> : null}
                </span>
              </a>
              {canEdit ? (
                <span className="move-buttons">
                  <button
                    type="button"
                    className="icon-button-plain"
                    aria-label={labelled(ad("moveUp"), label)}
                    disabled={index === 0 || isMoving}
                    onClick={() => void move(index, -1)}
                  >
                    ▲
                  </button>
                  <button
                    type="button"
                    className="icon-button-plain"
                    aria-label={labelled(ad("moveDown"), label)}
                    disabled={index === shown.length - 1 || isMoving}
                    onClick={() => void move(index, 1)}
                  >
                    ▼
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function ItemForm({
  account,
  canEdit,
  entry,
  items,
}: {
  account: AccountRow;
  canEdit: boolean;
  entry: Entry<ChecklistItem> | undefined;
  items: Entry<ChecklistItem>[];
}) {
  const initial = entry?.entity;
  const kindParam = new URLSearchParams(window.location.search).get("kind");
  const startKind: AreaKind =
    initial?.areaKind ??
    (AREA_KINDS.includes(kindParam as AreaKind) ? (kindParam as AreaKind) : remembered.kind);
  const [areaKind, setAreaKind] = useState<AreaKind>(startKind);
  const [labelZh, setLabelZh] = useState(initial?.labelZh ?? "");
  const [labelEn, setLabelEn] = useState(initial?.labelEn ?? "");
  const [whyZh, setWhyZh] = useState(initial?.whyZh ?? "");
  const [whyEn, setWhyEn] = useState(initial?.whyEn ?? "");
  const [isActive, setIsActive] = useState(initial?.isActive ?? true);
  // A new item goes to the end of its list.
  const [position, setPosition] = useState(() =>
    String(
      initial?.position ??
        items
          .filter((i) => i.entity.areaKind === startKind)
          .reduce((max, i) => Math.max(max, i.entity.position + 1), 0),
    ),
  );
  const [id] = useState(() => initial?.id ?? (ulid() as ChecklistItem["id"]));

  const build = (): ChecklistItem => ({
    id,
    areaKind,
    position: position.trim() === "" ? Number.NaN : Number(position),
    labelZh: labelZh.trim(),
    labelEn: labelEn.trim(),
    whyZh: whyZh.trim(),
    whyEn: whyEn.trim(),
    isActive,
  });
  const { problems, formProps } = useRecordForm({
    account,
    entityType: "checklistItem",
    build,
    validate: () => validateChecklistItem(build()),
    canEdit,
    backTo: LIST,
    entry,
  });

  return (
    <EditForm {...formProps}>
      <div className="field">
        <span className="field-label">{et("fieldAreaKind")}</span>
        <Segmented<AreaKind>
          legend={et("fieldAreaKind")}
          name="areaKind"
          value={areaKind}
          onValue={setAreaKind}
          options={AREA_KINDS.map((k) => ({ value: k, label: areaKindLabel(k) }))}
        />
      </div>
      <TextField
        label={et("fieldLabelZh")}
        name="labelZh"
        problems={problems}
        value={labelZh}
        onValue={setLabelZh}
      />
      <TextField
        label={et("fieldLabelEn")}
        name="labelEn"
        problems={problems}
        value={labelEn}
        onValue={setLabelEn}
      />
      <TextAreaField
        label={et("fieldWhyZh")}
        name="whyZh"
        problems={problems}
        value={whyZh}
        onValue={setWhyZh}
      />
      <TextAreaField
        label={et("fieldWhyEn")}
        name="whyEn"
        problems={problems}
        value={whyEn}
        onValue={setWhyEn}
      />
      <CheckField
        label={ad("itemActiveLabel")}
        name="isActive"
        problems={problems}
        checked={isActive}
        onChecked={setIsActive}
      />
      <TextField
        label={et("fieldPosition")}
        hint={ad("positionHint")}
        name="position"
        problems={problems}
        value={position}
        onValue={setPosition}
        inputMode="numeric"
        pattern="[0-9]*"
      />
    </EditForm>
  );
}
