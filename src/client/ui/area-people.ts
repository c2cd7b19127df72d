// Who answers for an area (SPEC §2, 管理网络化): its responsible person, or for a classroom
// without one its class teacher; and the general-affairs head (总务主任), who takes what has
// no one else. Pure, over the reference lists the pages already read.

import type { AreaKind } from "../../domain/area-kinds.ts";
import { suggestAssignee } from "../../domain/hazard-machine.ts";
import type { Role } from "../../domain/roles.ts";

interface AreaLike {
  kind: AreaKind;
  responsibleStaffId: string | null;
  classId: string | null;
}
interface ClassLike {
  id: string;
  classTeacherId: string | null;
}
interface StaffLike {
  id: string;
  roles: readonly Role[];
  isActive: boolean;
}

/** The area's responsible person; a classroom without one falls to its class teacher. */
export function areaResponsibleId(area: AreaLike, classes: readonly ClassLike[]) {
  if (area.responsibleStaffId) return area.responsibleStaffId;
  if (area.kind !== "classroom" || !area.classId) return null;
  return classes.find((c) => c.id === area.classId)?.classTeacherId ?? null;
}

/** The school's first active admin (总务主任), by when the account was made (ids are ULIDs). */
export function generalAffairsHeadId(staff: readonly StaffLike[]): string | null {
  const admins = staff.filter((s) => s.isActive && s.roles.includes("admin")).map((s) => s.id);
  admins.sort();
  return admins[0] ?? null;
}

/**
 * The person to suggest for fixing a hazard in this area (domain suggestAssignee): the area's
 * responsible person when they can take it (on the staff and active), else the general-affairs head.
 */
export function suggestedAssigneeId(
  area: AreaLike,
  classes: readonly ClassLike[],
  staff: readonly StaffLike[],
): string | null {
  const responsible = areaResponsibleId(area, classes);
  const isActive = responsible !== null && staff.some((s) => s.id === responsible && s.isActive);
  return suggestAssignee(isActive ? responsible : null, generalAffairsHeadId(staff));
}
