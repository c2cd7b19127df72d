// What the weekly summary pages read from this phone (offline), in one live read: the week's
// rounds, the hazards found in it, its hand-overs, alerts and safety-education records, the
// pupils (NK-10's hidden ones too: they count for their class), and the week's summaries and
// reminders. This phone's pending saves show at once.
import { useLiveQuery } from "dexie-react-hooks";
import { addDays, atLocal, isLocalDate, type LocalDate } from "../../../domain/school-calendar.ts";
import type { WeeklySummary } from "../../../domain/weekly-summary.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import type { SummaryReminder } from "../../../protocol/summary.ts";
import { db } from "../../db/db.ts";
import { listHandovers } from "../../db/handover-view.ts";
import { listEntries } from "../../db/reference-view.ts";
import { listHazardsFound, listRounds } from "../../db/safety-view.ts";
import {
  type Entry,
  listAlerts,
  listEducation,
  listReminders,
  listSummaries,
} from "../../db/summary-view.ts";
import type { WeekRecords } from "./summary-model.ts";
import { sm } from "./summary-text.ts";

export interface WeekData extends WeekRecords {
  pupilsById: ReadonlyMap<string, Pupil>;
  summaries: Entry<WeeklySummary>[];
  reminders: Entry<SummaryReminder>[];
}

/**
 * A pupil's name as the summary and month pages show it; one hidden on this phone
 * (domain/need-to-know.ts NK-10) reads as a neutral text. Called at render, for the language.
 */
export function shownName(pupil: Pick<Pupil, "name" | "isHidden"> | undefined): string | undefined {
  if (pupil === undefined) return undefined;
  return pupil.isHidden ? sm("pupilNotOnPhone") : pupil.name;
}

/** shownName of each pupil, by id, for the pages' models (class-month-model.ts). */
export function shownPupils(
  pupils: ReadonlyMap<string, Pupil>,
): ReadonlyMap<string, { name: string; isHidden: boolean }> {
  return new Map(
    [...pupils].map(([id, p]) => [id, { name: shownName(p) ?? "", isHidden: p.isHidden === true }]),
  );
}

/** undefined while the first read runs. */
export function useWeekData(schoolId: string, weekStart: LocalDate, timeZone: string): WeekData | undefined {
  return useLiveQuery(async () => {
    if (!isLocalDate(weekStart)) return undefined;
    const weekEnd = addDays(weekStart, 6);
    const fromIso = atLocal(weekStart, 0, timeZone).toISOString();
    const toIso = atLocal(addDays(weekStart, 7), 0, timeZone).toISOString();
    const [rounds, hazards, handovers, alerts, education, pupils, summaries, reminders] = await Promise.all([
      listRounds(db, schoolId, weekStart, weekEnd),
      listHazardsFound(db, schoolId, fromIso, toIso),
      listHandovers(db, schoolId, weekStart, weekEnd),
      listAlerts(db, schoolId),
      listEducation(db, schoolId, weekStart, weekEnd),
      listEntries(db, schoolId, "pupil"),
      listSummaries(db, schoolId, weekStart),
      listReminders(db, schoolId, weekStart),
    ]);
    return {
      rounds: rounds.map((e) => e.entity),
      hazards: hazards.map((e) => e.entity),
      handovers: handovers.map((e) => e.entity),
      alerts,
      education: education.map((e) => e.entity),
      pupils: pupils.map((e) => e.entity),
      pupilsById: new Map(pupils.map((e) => [e.entity.id, e.entity])),
      summaries,
      reminders,
    };
  }, [schoolId, weekStart, timeZone]);
}
