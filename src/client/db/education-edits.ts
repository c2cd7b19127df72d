// Safety-education records (六个一, SPEC §5) as the /education page reads and writes them: a
// term's records through the view's date index (entity-view.ts viewKey: "education" by its date),
// this phone's pending records on top; a new record is one mutate() ("education.record"), saved
// offline and sent with the next sync. Records are append-only: there is no edit.
import { ulid } from "ulidx";
import type { EducationKind, EducationRecord } from "../../domain/safety-education.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { mutate } from "./mutation-store.ts";
import type { Actor } from "./reference-edits.ts";
import { byKeyRange, type Entry } from "./safety-view.ts";

export type { Entry };

/** Education records dated `from`..`to` (both included), every kind and class. */
export function listEducation(
  db: SafetyRoundsDb,
  schoolId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<Entry<EducationRecord>[]> {
  return byKeyRange<EducationRecord>(db, schoolId, "education", from, to);
}

export interface EducationDraft {
  kind: EducationKind;
  date: LocalDate;
  classId: string | null;
  topic: string;
  note: string;
  photos: string[];
}

/** ED-4 is checked by the caller (validateEducationRecord); the zod schema here. Returns the new id. */
export async function recordEducation(
  db: SafetyRoundsDb,
  actor: Actor,
  draft: EducationDraft,
  options: { now?: () => number } = {},
): Promise<string> {
  const id = ulid((options.now ?? Date.now)());
  await mutate(
    db,
    {
      type: "education.record",
      args: {
        record: {
          id,
          kind: draft.kind,
          date: draft.date,
          classId: draft.kind === "weeklyLesson" ? draft.classId : null,
          topic: draft.topic.trim(),
          note: draft.note.trim(),
          photos: draft.photos,
        },
      },
      ...actor,
    },
    options,
  );
  return id;
}
