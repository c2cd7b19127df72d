// What the month's pages read from this phone (offline), in one live read: the records of the
// month's weeks (rounds, hazards found, hand-overs, alerts, safety-education records, pupils,
// NK-10's hidden ones too: they count for their class; summary-data.ts shownName names them),
// the weeks' summaries, the month's commendation records, and for the charts the hazards found
// in the six months up to this one. This phone's pending changes show at once.
import { useLiveQuery } from "dexie-react-hooks";
import { addMonths, type Commendation, isMonth } from "../../../domain/commendation.ts";
import type { Hazard } from "../../../domain/hazard-machine.ts";
import { addDays, atLocal, type LocalDate } from "../../../domain/school-calendar.ts";
import type { WeeklySummary } from "../../../domain/weekly-summary.ts";
import type { Pupil } from "../../../protocol/reference.ts";
import { db } from "../../db/db.ts";
import { listHandovers } from "../../db/handover-view.ts";
import { listEntries } from "../../db/reference-view.ts";
import { listHazardsFound, listRounds } from "../../db/safety-view.ts";
import {
  type Entry,
  listAlerts,
  listCommendations,
  listEducation,
  listSummaries,
} from "../../db/summary-view.ts";
import type { WeekRecords } from "../summaries/summary-model.ts";

/** How many months the hazards chart shows (MC-2). */
export const CHART_MONTHS = 6;

export interface MonthData extends WeekRecords {
  /** The school's rounds of the whole month, for the rounds chart (MC-3). */
  monthRounds: WeekRecords["rounds"];
  /** Hazards found in the CHART_MONTHS months up to `month` (MC-2). */
  chartHazards: readonly Hazard[];
  pupilsById: ReadonlyMap<string, Pupil>;
  summaries: readonly WeeklySummary[];
  commendations: readonly Entry<Commendation>[];
}

/**
 * `weeks`: the month's weeks so far (month-model.ts monthWeeksSoFar). undefined while the
 * first read runs.
 */
export function useMonthData(
  schoolId: string,
  month: string,
  weeks: readonly LocalDate[],
  timeZone: string,
): MonthData | undefined {
  const weekKey = weeks.join(",");
  return useLiveQuery(async () => {
    if (!isMonth(month)) return undefined;
    const monthStart = `${month}-01`;
    const monthEnd = addDays(`${addMonths(month, 1)}-01`, -1);
    // The weeks run past the month's end (a week belongs to the month of its Monday).
    const from = [monthStart, ...weeks].sort()[0] as LocalDate;
    const lastWeek = weeks[weeks.length - 1];
    const to = [monthEnd, lastWeek ? addDays(lastWeek, 6) : monthEnd].sort().at(-1) as LocalDate;
    const iso = (date: LocalDate) => atLocal(date, 0, timeZone).toISOString();
    const [rounds, hazards, chartHazards, handovers, alerts, education, pupils, summaries, commendations] =
      await Promise.all([
        listRounds(db, schoolId, from, to),
        listHazardsFound(db, schoolId, iso(from), iso(addDays(to, 1))),
        listHazardsFound(
          db,
          schoolId,
          iso(`${addMonths(month, 1 - CHART_MONTHS)}-01`),
          iso(addDays(monthEnd, 1)),
        ),
        listHandovers(db, schoolId, from, to),
        listAlerts(db, schoolId),
        listEducation(db, schoolId, from, to),
        listEntries(db, schoolId, "pupil"),
        Promise.all(weeks.map((w) => listSummaries(db, schoolId, w))),
        listCommendations(db, schoolId, month),
      ]);
    return {
      rounds: rounds.map((e) => e.entity),
      monthRounds: rounds.map((e) => e.entity).filter((r) => r.date >= monthStart && r.date <= monthEnd),
      hazards: hazards.map((e) => e.entity),
      chartHazards: chartHazards.map((e) => e.entity),
      handovers: handovers.map((e) => e.entity),
      alerts,
      education: education.map((e) => e.entity),
      pupils: pupils.map((e) => e.entity),
      pupilsById: new Map(pupils.map((e) => [e.entity.id, e.entity])),
      summaries: summaries.flat().map((e) => e.entity),
      commendations,
    };
  }, [schoolId, month, weekKey, timeZone]);
}
