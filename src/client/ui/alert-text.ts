// The one place that words an alert for its reader (domain/alerts.ts AL-1..4): from its facts,
// in the current language, with names and labels from the school's records on this phone (a
// class through classLabel); an alert without facts shows its message (the Chinese half of an
// old bilingual one). Light on purpose: the banner in the first screen's JavaScript uses it, so
// it reads plain objects (no zod, no protocol schemas).
import {
  type AlertFacts,
  type AlertRecords,
  type AlertWords,
  alertWords,
  legacyAlertMessage,
} from "../../domain/alerts.ts";
import { classLabel, getLang } from "./i18n.ts";

const isGroup = (g: { kind?: unknown } | undefined) => g?.kind === "class" || g?.kind === "room";

/**
 * An alert's facts as pulled, checked just enough to word them safely (the server validated
 * them): of the alert's own kind, with what the wording walks through.
 */
export function factsOf(alert: { kind?: unknown; facts?: unknown }): AlertFacts | undefined {
  const f = alert.facts as Partial<Record<string, unknown>> | null | undefined;
  if (!f || typeof f !== "object" || f.kind !== alert.kind) return undefined;
  const ok =
    f.kind === "critical_hazard"
      ? typeof f.description === "string"
      : isGroup(f.group as never) &&
        (f.kind === "unaccounted_pupil" || (f.kind === "handover_disputed" && Array.isArray(f.missing)));
  return ok ? (f as unknown as AlertFacts) : undefined;
}

interface Named {
  name?: unknown;
}

/** The school's records on this phone, by id, as the view holds them (any may be missing). */
export interface AlertRecordMaps {
  pupils?: ReadonlyMap<string, Named>;
  staff?: ReadonlyMap<string, Named>;
  classes?: ReadonlyMap<string, { grade?: unknown; name?: unknown }>;
  rooms?: ReadonlyMap<string, { building?: unknown; name?: unknown }>;
  areas?: ReadonlyMap<string, Named>;
}

const nameIn = (map: ReadonlyMap<string, Named> | undefined, id: string) => {
  const name = map?.get(id)?.name;
  return typeof name === "string" && name.trim() ? name : undefined;
};

/** AL-2: look-ups over this phone's records, labels in the current language. */
export function alertRecords(maps: AlertRecordMaps): AlertRecords {
  return {
    pupilName: (id) => nameIn(maps.pupils, id),
    staffName: (id) => nameIn(maps.staff, id),
    areaName: (id) => nameIn(maps.areas, id),
    groupLabel: (group) => {
      if (group.kind === "class") {
        const c = maps.classes?.get(group.classId);
        return c && typeof c.grade === "number" && typeof c.name === "string"
          ? classLabel({ grade: c.grade, name: c.name })
          : undefined;
      }
      const r = maps.rooms?.get(group.roomId);
      return r && typeof r.building === "string" && typeof r.name === "string"
        ? `${r.building} ${r.name}`
        : undefined;
    },
  };
}

/**
 * An alert in the reader's language: from its facts (AL-1, AL-2), else its stored message
 * (AL-4) as the title.
 */
export function alertText(
  alert: { kind?: unknown; message?: unknown; facts?: unknown },
  records: AlertRecords = {},
): AlertWords {
  const facts = factsOf(alert);
  if (facts) return alertWords(facts, getLang(), records);
  const message = typeof alert.message === "string" ? legacyAlertMessage(alert.message) : "";
  return { title: message, where: "", lines: [] };
}
