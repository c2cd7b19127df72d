// A class or dorm room as the hand-over pages name it: "三年级1班", "宿舍楼 101".
import type { RollCallGroup } from "../../../domain/roll-call.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { classLabel } from "../../ui/i18n.ts";
import type { SchoolDirectory } from "../../ui/school-directory.ts";

export function groupName(
  group: RollCallGroup,
  directory: SchoolDirectory,
  rooms: ReadonlyMap<string, DormRoom>,
): string {
  if (group.kind === "class") {
    const c = directory.classById.get(group.classId);
    return c ? classLabel(c) : group.classId;
  }
  const room = rooms.get(group.roomId);
  return room ? `${room.building} ${room.name}` : group.roomId;
}
