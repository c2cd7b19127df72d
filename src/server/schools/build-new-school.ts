// A new, empty school: its admin (who must change the one-time password at first login),
// the default time slots and the default checklists. Classes, pupils and areas come by CSV.
import { ulid } from "ulidx";
import { AREA_KINDS } from "../../domain/area-kinds.ts";
import { DEFAULT_CHECKLISTS } from "../../domain/default-checklists.ts";
import { DEFAULT_TIME_SLOTS } from "../../domain/time-slots.ts";
import { SchoolSettings } from "../../protocol/reference.ts";
import type { NewSchool } from "../storage/store.ts";

export function buildNewSchool(opts: {
  code: string;
  name: string;
  adminLogin: string;
  adminName: string;
  timeZone: string;
  passwordHash: string;
  now: Date;
}): NewSchool {
  const t = opts.now.getTime();
  const settings = SchoolSettings.parse({ timeZone: opts.timeZone, timeSlots: DEFAULT_TIME_SLOTS });
  return {
    school: { id: ulid(t), code: opts.code, name: opts.name, settings },
    staff: [
      {
        id: ulid(t) as never,
        login: opts.adminLogin,
        name: opts.adminName,
        roles: ["admin"],
        phone: null,
        isActive: true,
        passwordHash: opts.passwordHash,
        mustChangePassword: true,
      },
    ],
    classes: [],
    pupils: [],
    dormRooms: [],
    areas: [],
    checklistItems: AREA_KINDS.flatMap((kind) =>
      DEFAULT_CHECKLISTS[kind].map((item, position) => ({
        id: ulid(t) as never,
        areaKind: kind,
        position,
        labelZh: item.labelZh,
        labelEn: item.labelEn,
        whyZh: item.whyZh,
        whyEn: item.whyEn,
        isActive: true,
      })),
    ),
  };
}
