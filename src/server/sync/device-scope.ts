// What one device may receive (domain/need-to-know.ts NK-1..5): the people signed in on it and
// the school's facts the rule reads, loaded once per request (a handful of small reads, never
// one per record), and the scope's fingerprint that pull cursors carry (NK-9, sync/cursor.ts).
import { createHash } from "node:crypto";
import {
  type NkPerson,
  rollCallDatesAt,
  type SchoolFacts,
  type Scope,
  scopeOf,
} from "../../domain/need-to-know.ts";
import { CAMPUS, type DutySlot, dutySlotId, type RotationTemplate } from "../../domain/roster.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import type { DormRoom, SchoolClass } from "../../protocol/reference.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { livePeopleOnDevice } from "../storage/device-people.ts";
import { getEntitiesByIds, listEntities } from "../storage/entities.ts";

export interface DeviceScope {
  scope: Scope;
  fingerprint: string;
}

/** NK-1: the scope of the device the request's session was opened on. */
export async function deviceScope(deps: AppDeps, auth: AuthState, now: Date): Promise<DeviceScope> {
  const d = deps.store.driver;
  const schoolId = auth.school.id;
  const people = await livePeopleOnDevice(d, schoolId, auth.session.deviceId, now, deps.sessionIdleMs);
  // The request's own person counts even in the instant their session is being ended.
  if (!people.some((p) => p.id === auth.staff.id))
    people.push({ id: auth.staff.id, roles: auth.staff.roles });
  const scope = scopeOf(people, await schoolFacts(deps, auth, people, now));
  return { scope, fingerprint: fingerprintOf(scope) };
}

async function schoolFacts(
  deps: AppDeps,
  auth: AuthState,
  people: readonly NkPerson[],
  now: Date,
): Promise<SchoolFacts> {
  const none: SchoolFacts = { classes: [], dormRooms: [], templates: [], slots: [], rollCallDates: [] };
  // NK-2 needs nothing more.
  if (people.some((p) => p.roles.includes("admin") || p.roles.includes("principal"))) return none;
  const d = deps.store.driver;
  const schoolId = auth.school.id;
  const [classes, dormRooms, templates] = await Promise.all([
    listEntities<SchoolClass>(d, schoolId, "class"),
    listEntities<DormRoom>(d, schoolId, "dormRoom"),
    listEntities<RotationTemplate>(d, schoolId, "rosterTemplate"),
  ]);
  const rollCallDates = rollCallDatesAt(now, effectiveSettings(auth.school.settings));
  const buildings = [...new Set(dormRooms.map((r) => r.building))];
  const slotIds = rollCallDates.flatMap(({ date }) => [
    dutySlotId(date, "evening", CAMPUS),
    ...dormRooms.map((r) => dutySlotId(date, "night", { kind: "room", roomId: r.id })),
    ...buildings.map((building) => dutySlotId(date, "night", { kind: "building", building })),
  ]);
  const slots = [...(await getEntitiesByIds<DutySlot>(d, schoolId, "dutySlot", slotIds)).values()]
    .filter((r) => !r.isDeleted)
    .map((r) => r.data);
  return { classes, dormRooms, templates, slots, rollCallDates };
}

/** Equal scopes, equal fingerprints (scopeOf sorts its lists). */
export function fingerprintOf(scope: Scope): string {
  return createHash("sha256").update(JSON.stringify(scope)).digest("base64url").slice(0, 16);
}
