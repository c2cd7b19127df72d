// What the 等我处理 card and the home tab's badge read from this phone (offline, live): the
// duty date's hand-overs (roll-call-data.ts, a week back for disputes still open), swaps,
// this and last week's summary reminders and summaries, and the alerts' statuses. Every
// write on this phone or pulled from the server re-runs the reads, so the count drops as
// work is done.
import { useLiveQuery } from "dexie-react-hooks";
import { addDays, isSchoolDay, localDateOf } from "../../../domain/school-calendar.ts";
import { slotAt } from "../../../domain/time-slots.ts";
import { mondayOf } from "../../../domain/weekly-summary.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { listSwaps } from "../../db/roster-view.ts";
import { listReminders, listSummaries } from "../../db/summary-view.ts";
import { classLabel } from "../../ui/i18n.ts";
import { staffName, useSchoolDirectory } from "../../ui/school-directory.ts";
import { groupName } from "../handovers/group-name.ts";
import { buildMyHandovers } from "../handovers/handovers-model.ts";
import { namedGroups, useBoarderData } from "../handovers/roll-call-data.ts";
import { type WaitingItem, waitingFor } from "./waiting-model.ts";

/** A disputed count older than this has been dealt with on paper: it no longer waits here. */
const DISPUTE_DAYS = 7;

/** undefined while the first reads run or the school is not on this phone yet. */
export function useWaitingForMe(account: AccountRow, now: Date): WaitingItem[] | undefined {
  const directory = useSchoolDirectory(account.schoolId);
  const settings = directory?.settings;
  const date = settings ? slotAt(settings.timeSlots, now, settings.timeZone).dutyDate : "";
  const thisWeek = settings ? mondayOf(localDateOf(now, settings.timeZone)) : "";
  const data = useBoarderData(account.schoolId, date, settings?.timeZone ?? "", DISPUTE_DAYS);
  const records = useLiveQuery(async () => {
    if (!thisWeek) return undefined;
    const lastWeek = addDays(thisWeek, -7);
    const [swaps, reminders, lastReminders, summaries, lastSummaries] = await Promise.all([
      listSwaps(db, account.schoolId),
      listReminders(db, account.schoolId, thisWeek),
      listReminders(db, account.schoolId, lastWeek),
      listSummaries(db, account.schoolId, thisWeek),
      listSummaries(db, account.schoolId, lastWeek),
    ]);
    return {
      swaps: swaps.map((e) => e.entity),
      reminders: [...reminders, ...lastReminders].map((e) => e.entity),
      summaries: [...summaries, ...lastSummaries].map((e) => e.entity),
    };
  }, [account.schoolId, thisWeek]);
  if (!directory || !settings || !data || !records) return undefined;
  const { classes, rooms } = namedGroups(directory, data);
  const me = { id: account.userId, roles: account.roles };
  const today = buildMyHandovers({
    me,
    date,
    now,
    settings,
    classes,
    rooms,
    roster: data.roster,
    isSchoolDay: isSchoolDay(date, settings),
    handovers: data.handovers.filter((e) => e.entity.date === date),
  });
  return waitingFor({
    me,
    now,
    settings,
    date,
    today,
    recent: data.handovers.map((e) => e.entity),
    alertStatus: data.alertStatus,
    swaps: records.swaps,
    reminders: records.reminders,
    summaries: records.summaries,
    myClasses: directory.classes
      .filter((c) => c.classTeacherId === account.userId)
      .map((c) => ({ id: c.id, name: classLabel(c) })),
    staffName: (id) => staffName(directory, id),
    groupName: (group) => groupName(group, directory, data.roomById),
  });
}
