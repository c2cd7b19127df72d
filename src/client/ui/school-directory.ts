// The school's people, areas and classes as the hazard-check pages name them (who reported,
// who fixes, which area), with the school's settings filled in (school-settings.ts), read
// live from the view so pending admin edits show too. One read per page, shared by the board,
// the hazard page, close-the-day and the ledger.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enUS, zhCN } from "date-fns/locale";
import { useLiveQuery } from "dexie-react-hooks";
import type { AreaKind } from "../../domain/area-kinds.ts";
import { type EffectiveSettings, effectiveSettings } from "../../domain/school-settings.ts";
import type { Area, SchoolClass, Staff } from "../../protocol/reference.ts";
import { db } from "../db/db.ts";
import { getEntry, listEntries } from "../db/reference-view.ts";
import { getLang } from "./i18n.ts";

export interface SchoolDirectory {
  schoolName: string;
  settings: EffectiveSettings;
  staff: Staff[];
  areas: Area[];
  classes: SchoolClass[];
  staffById: ReadonlyMap<string, Staff>;
  areaById: ReadonlyMap<string, Area>;
  classById: ReadonlyMap<string, SchoolClass>;
}

export function buildDirectory(
  school: { name: string; settings: Parameters<typeof effectiveSettings>[0] },
  staff: Staff[],
  areas: Area[],
  classes: SchoolClass[],
): SchoolDirectory {
  return {
    schoolName: school.name,
    settings: effectiveSettings(school.settings),
    staff,
    areas,
    classes,
    staffById: new Map(staff.map((s) => [s.id, s])),
    areaById: new Map(areas.map((a) => [a.id, a])),
    classById: new Map(classes.map((c) => [c.id, c])),
  };
}

/**
 * The directory, live. null while the first read runs; undefined when the school record has
 * not reached this phone yet (first sync pending).
 */
export function useSchoolDirectory(schoolId: string): SchoolDirectory | null | undefined {
  return useLiveQuery(
    async () => {
      const [school, staff, areas, classes] = await Promise.all([
        getEntry(db, "school", schoolId),
        listEntries(db, schoolId, "staff"),
        listEntries(db, schoolId, "area"),
        listEntries(db, schoolId, "class"),
      ]);
      if (!school) return undefined;
      return buildDirectory(
        school.entity,
        staff.map((e) => e.entity),
        areas.map((e) => e.entity),
        classes.map((e) => e.entity),
      );
    },
    [schoolId],
    null,
  );
}

const unknown = () => (getLang() === "zh" ? "（未知）" : "(unknown)");

/** A staff member's name, or a placeholder for someone not (yet) on this phone. */
export function staffName(directory: SchoolDirectory, id: string | null | undefined): string {
  if (!id) return "";
  return directory.staffById.get(id)?.name ?? unknown();
}

export function areaName(directory: SchoolDirectory, id: string): string {
  return directory.areaById.get(id)?.name ?? unknown();
}

export function areaKindOf(directory: SchoolDirectory, id: string): AreaKind | undefined {
  return directory.areaById.get(id)?.kind;
}

/** "教学楼楼梯 · 二楼东侧扶手": the area and, when given, the exact place. */
export function placeText(directory: SchoolDirectory, hazard: { areaId: string; place: string }): string {
  const area = areaName(directory, hazard.areaId);
  const place = hazard.place.trim();
  // A round's hazard names the area itself as its place: say it once.
  return place && place !== area ? `${area} · ${place}` : area;
}

/** "5月3日 21:30" / "May 3, 21:30": a moment read in the school's time zone. */
export function schoolMoment(instant: Date | string | number, timeZone: string): string {
  const at = typeof instant === "string" ? Date.parse(instant) : +instant;
  const zh = getLang() === "zh";
  return format(new TZDate(at, timeZone), zh ? "M月d日 HH:mm" : "MMM d, HH:mm", { locale: zh ? zhCN : enUS });
}
