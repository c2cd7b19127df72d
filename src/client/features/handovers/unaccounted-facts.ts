// An unaccounted pupil's alert as facts (domain/alerts.ts AL-1..3), from what the roll-call page
// has: the pupil, the class or room whose roll call marks them, and who is taking it. The labels
// are the school's own, in Chinese, whatever language the person taking the roll call reads.
import { classLabelZh, roomLabel } from "../../../domain/alert-message.ts";
import { type UnaccountedFacts, unaccountedFactsOf } from "../../../domain/alerts.ts";
import type { RollCallGroup } from "../../../domain/roll-call.ts";
import type { DormRoom, Pupil } from "../../../protocol/reference.ts";
import type { SchoolDirectory } from "../../ui/school-directory.ts";

export function unaccountedFacts(
  pupilId: string,
  pupil: Pupil | undefined,
  group: RollCallGroup,
  directory: SchoolDirectory,
  rooms: ReadonlyMap<string, DormRoom>,
  raisedByName: string,
): UnaccountedFacts {
  const schoolClass = group.kind === "class" ? directory.classById.get(group.classId) : undefined;
  const room = group.kind === "room" ? rooms.get(group.roomId) : undefined;
  const label = schoolClass ? classLabelZh(schoolClass) : room ? roomLabel(room) : "";
  return unaccountedFactsOf(pupilId, pupil, group, label, raisedByName);
}
