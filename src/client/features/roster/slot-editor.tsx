// One duty slot opened from the week view: who is on it, add or remove people (the staff picker)
// or clear it, saved offline with assignDutySlot() — compare-and-set on the version shown, so an
// edit made elsewhere meanwhile is never silently overwritten (RS-2; the server's conflict lands
// in 需要处理). Below, the slot's history: who generated, assigned, cleared or swapped it and who
// approved the swap (SW-4). Read-only for the principal.
import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useRef, useState } from "react";
import type { DutyKind, DutyScope, DutySlot, SlotChangeKind } from "../../../domain/roster.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { assignDutySlot } from "../../db/roster-edits.ts";
import { type Entry, getDutySlot, listSwaps } from "../../db/roster-view.ts";
import { schoolMoment } from "../../ui/school-directory.ts";
import { caretakerSuggestions, StaffPicker, type Suggestion } from "../../ui/staff-picker.tsx";
import type { RosterBasics } from "./roster-data.ts";
import { dayLabel, dutyRowLabel, dutyTimeText, peopleNames } from "./roster-names.ts";
import { rt } from "./roster-text.ts";

const CHANGE_TEXT: Record<SlotChangeKind, () => string> = {
  generated: () => rt("changeGenerated"),
  assigned: () => rt("changeAssigned"),
  cleared: () => rt("changeCleared"),
  swapped: () => rt("changeSwapped"),
};

export interface OpenSlot {
  slotId: string;
  date: LocalDate;
  kind: DutyKind;
  scope: DutyScope;
  /** RS-5: people on this slot who are also on an overlapping one (from the week view). */
  clashStaffIds?: readonly string[] | undefined;
}

export function SlotEditor({
  account,
  canEdit,
  basics,
  open,
  onClose,
}: {
  account: AccountRow;
  canEdit: boolean;
  basics: RosterBasics;
  open: OpenSlot;
  onClose: () => void;
}) {
  // null: the slot does not exist yet (a gap never generated); undefined: still reading.
  const entry = useLiveQuery(async () => (await getDutySlot(db, open.slotId)) ?? null, [open.slotId]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const { directory, roomsById } = basics;
  const title = rt("editTitle", { duty: dutyRowLabel(open, roomsById), date: dayLabel(open.date) });
  return (
    <div className="roster-sheet-backdrop">
      <button
        type="button"
        className="roster-sheet-scrim"
        tabIndex={-1}
        aria-label={rt("close")}
        onClick={onClose}
      />
      <div
        className="roster-sheet card stack-small"
        role="dialog"
        aria-modal="true"
        aria-labelledby="slot-editor-title"
        data-testid="slot-editor"
      >
        <div className="roster-sheet-head">
          <h2 id="slot-editor-title" ref={heading} tabIndex={-1}>
            {title}
          </h2>
          <button type="button" className="button button-secondary button-small" onClick={onClose}>
            {rt("close")}
          </button>
        </div>
        <p className="muted small">
          {rt("slotTime", { time: dutyTimeText(open.kind, directory.settings.timeSlots) })}
        </p>
        {entry === undefined ? (
          <div className="splash">…</div>
        ) : (
          <SlotForm
            account={account}
            canEdit={canEdit}
            basics={basics}
            open={open}
            entry={entry}
            onClose={onClose}
          />
        )}
      </div>
    </div>
  );
}

function SlotForm({
  account,
  canEdit,
  basics,
  open,
  entry,
  onClose,
}: {
  account: AccountRow;
  canEdit: boolean;
  basics: RosterBasics;
  open: OpenSlot;
  entry: Entry<DutySlot> | null;
  onClose: () => void;
}) {
  const { directory } = basics;
  const [people, setPeople] = useState<string[]>(() => [...(entry?.entity.staffIds ?? [])]);
  // The version this form was opened on: a save checks it still is (compare-and-set, RS-2).
  const [shownVersion, setShownVersion] = useState<number | null>(entry?.version ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [picked, setPicked] = useState("");
  const names = peopleNames(people, directory.staffById);
  const suggestions: Suggestion[] =
    open.kind === "night"
      ? caretakerSuggestions(directory.staff)
      : directory.staff
          .filter((s) => s.roles.includes("duty_teacher"))
          .map((s) => ({ staffId: s.id, why: rt("dutyTeacher") }));
  const isDirty = JSON.stringify(people) !== JSON.stringify(entry?.entity.staffIds ?? []);

  async function save(staffIds: string[]) {
    if (isSaving) return;
    if (staffIds.length > 10) {
      setProblem(rt("tooManyPeople"));
      return;
    }
    setIsSaving(true);
    setProblem(null);
    try {
      const now = await getDutySlot(db, open.slotId);
      if ((now?.version ?? null) !== shownVersion) {
        // Show what is there now; the admin decides again on the new version.
        setPeople([...(now?.entity.staffIds ?? [])]);
        setShownVersion(now?.version ?? null);
        setProblem(rt("changedMeanwhile"));
        setIsSaving(false);
        return;
      }
      await assignDutySlot(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        { id: open.slotId, date: open.date, kind: open.kind, scope: open.scope },
        staffIds,
      );
      onClose();
    } catch (caught) {
      setProblem(rt("saveFailed", { message: caught instanceof Error ? caught.message : String(caught) }));
      setIsSaving(false);
    }
  }

  const source = entry?.entity.source;
  return (
    <>
      {entry?.hasPendingChanges ? (
        <p className="note-pending small">
          <span className="tag tag-pending">{rt("pending")}</span> {rt("pendingNote")}
        </p>
      ) : null}
      {source === "edited" || source === "swapped" ? (
        <p className="muted small">{source === "edited" ? rt("sourceEdited") : rt("sourceSwapped")}</p>
      ) : null}
      {open.clashStaffIds && open.clashStaffIds.length > 0 ? (
        <p className="roster-clash-text" role="status">
          {rt("clashWarning", { who: peopleNames(open.clashStaffIds, directory.staffById).join("、") })}
        </p>
      ) : null}
      <h3 className="eyebrow">{rt("onSlot")}</h3>
      {people.length === 0 ? (
        <p className="roster-gap-text">{rt("nobody")}</p>
      ) : (
        <ul className="roster-people" data-testid="slot-people">
          {people.map((id, i) => (
            <li key={id} className="roster-person">
              <span>{names[i]}</span>
              {canEdit ? (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={rt("removePerson", { name: names[i] ?? "" })}
                  onClick={() => setPeople((list) => list.filter((p) => p !== id))}
                >
                  ✕
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <>
          <StaffPicker
            label={rt("addPerson")}
            name="slot-add-person"
            value={picked}
            staff={directory.staff.filter((s) => !people.includes(s.id))}
            suggestions={suggestions}
            onChange={(id) => {
              setPicked("");
              if (id && !people.includes(id)) setPeople((list) => [...list, id]);
            }}
          />
          {problem ? (
            <p className="error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={isSaving || !isDirty}
              onClick={() => void save(people)}
            >
              {isSaving ? rt("saving") : rt("save")}
            </button>
            <button
              type="button"
              className="button button-danger-outline"
              disabled={isSaving || (entry?.entity.staffIds.length ?? 0) === 0}
              onClick={() => void save([])}
            >
              {rt("clearSlot")}
            </button>
          </div>
          <p className="muted small">{rt("conflictsHint")}</p>
        </>
      ) : (
        <p className="muted small">{rt("readOnly")}</p>
      )}
      <SlotHistory basics={basics} slot={entry?.entity} schoolId={account.schoolId} />
    </>
  );
}

function SlotHistory({
  basics,
  slot,
  schoolId,
}: {
  basics: RosterBasics;
  slot: DutySlot | undefined;
  schoolId: string;
}) {
  const { directory } = basics;
  const swapIds = (slot?.history ?? []).map((h) => h.swapId).filter(Boolean);
  const swaps = useLiveQuery(
    async () => (swapIds.length === 0 ? [] : (await listSwaps(db, schoolId)).map((e) => e.entity)),
    [schoolId, swapIds.join(",")],
  );
  const name = (id: string | null | undefined) =>
    id ? (peopleNames([id], directory.staffById)[0] ?? "") : "";
  const history = [...(slot?.history ?? [])].reverse();
  return (
    <section className="stack-small" aria-labelledby="slot-history-title">
      <h3 className="eyebrow" id="slot-history-title">
        {rt("history")}
      </h3>
      {history.length === 0 ? (
        <p className="muted small">{rt("historyNone")}</p>
      ) : (
        <ol className="roster-history" data-testid="slot-history">
          {history.map((h) => {
            const swap = h.swapId ? swaps?.find((s) => s.id === h.swapId) : undefined;
            return (
              <li key={`${h.at}-${h.change}-${h.by}`}>
                <small className="muted">{schoolMoment(h.at, directory.settings.timeZone)}</small>{" "}
                <span>{rt("historyBy", { who: name(h.by), change: CHANGE_TEXT[h.change]() })}</span>
                {h.staffIds.length > 0 ? (
                  <span> → {peopleNames(h.staffIds, directory.staffById).join("、")}</span>
                ) : null}
                {swap ? (
                  <small className="roster-history-note">
                    {rt("swapWith", { a: name(swap.askedBy), b: name(swap.counterpartId) })}
                  </small>
                ) : null}
                {h.approvedBy ? (
                  <small className="roster-history-note">
                    {rt("approvedBy", { who: name(h.approvedBy) })}
                  </small>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
