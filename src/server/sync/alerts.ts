// The urgent lane (SYNC.md "An unaccounted pupil's alert goes out first"): one alert per
// request, idempotent by alert id, stored as an entity so every phone of the school pulls it.
// Who is told (duty chain, class teacher, admin, principal) is decided by the features that
// raise alerts (roll call, hazards) when they land; every new alert names who is on duty at that
// instant (onDutyIds, domain/alerts.ts AL-6: the holders of its class or room, a dispute's
// roster receivers, the campus holder), so the current slot holder is told first. Every new
// alert carries its facts (AL-1..5); the server words the Chinese message from them.
// A device raises at most ALERTS_PER_DEVICE_PER_MINUTE new alerts a minute (limits.ts), counted
// in the database so every server process shares the count; past it the answer is 429 with
// Retry-After and the phone keeps the alert queued (sync-engine.ts). Retries are never counted.
import { type DutyChainInput, dutyChainAt } from "../../domain/alert-duty.ts";
import { alertMessage, classLabelZh } from "../../domain/alert-message.ts";
import { type AlertFacts, type AlertGroup, unaccountedFactsOf } from "../../domain/alerts.ts";
import { rosterReceivers } from "../../domain/handover.ts";
import type { Hazard } from "../../domain/hazard-machine.ts";
import { type ResponsibleTarget, rosterLookup } from "../../domain/responsible.ts";
import type { DutySlot } from "../../domain/roster.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { slotAt } from "../../domain/time-slots.ts";
import type { Timetable } from "../../domain/timetable.ts";
import { ALERTS_PER_DEVICE_PER_MINUTE } from "../../protocol/limits.ts";
import type { Area, DormRoom, Pupil, School, SchoolClass } from "../../protocol/reference.ts";
import type { AlertEntity, AlertRequest } from "../../protocol/sync.ts";
import { deviceRevoked } from "../auth/require-session.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import {
  getEntity,
  listEntities,
  listEntitiesByIdPrefix,
  lockSchoolChanges,
  putEntity,
} from "../storage/entities.ts";
import type { SqlExecutor } from "../storage/sql-driver.ts";
import { readStaff } from "../storage/store.ts";
import { lockDevice } from "../storage/sync-log.ts";

async function live<T>(tx: SqlExecutor, schoolId: string, type: "pupil" | "class" | "dormRoom", id: string) {
  const row = await getEntity<T>(tx, schoolId, type, id);
  return row && !row.isDeleted ? row.data : undefined;
}

/**
 * An alert's facts from the server's own records, for a phone that sent none (one that
 * predates facts): an unaccounted pupil's name, class and bed; a hazard already on the server
 * (raised to critical), its area, place and words. Undefined when the server has no such record.
 */
async function factsFromRecords(
  tx: SqlExecutor,
  schoolId: string,
  a: Pick<AlertRequest["alert"], "kind" | "subjectId" | "actorUserId">,
): Promise<AlertFacts | undefined> {
  const raisedByName = (await readStaff(tx, schoolId, a.actorUserId))?.name ?? "";
  if (a.kind === "unaccounted_pupil") {
    const pupil = await live<Pupil>(tx, schoolId, "pupil", a.subjectId);
    if (!pupil) return undefined;
    const schoolClass = await live<SchoolClass>(tx, schoolId, "class", pupil.classId);
    const group = { kind: "class" as const, classId: pupil.classId };
    return unaccountedFactsOf(
      pupil.id,
      pupil,
      group,
      schoolClass ? classLabelZh(schoolClass) : "",
      raisedByName,
    );
  }
  if (a.kind === "critical_hazard") {
    const hazard = await getEntity<Hazard>(tx, schoolId, "hazard", a.subjectId);
    if (!hazard || hazard.isDeleted) return undefined;
    const area = await getEntity<Area>(tx, schoolId, "area", hazard.data.areaId);
    return {
      kind: "critical_hazard",
      hazardId: hazard.data.id,
      areaId: hazard.data.areaId,
      areaName: area?.data.name ?? "",
      place: hazard.data.place,
      description: hazard.data.description.slice(0, 2000),
      raisedByName,
    };
  }
  return undefined;
}

export async function handleAlert(deps: AppDeps, auth: AuthState, req: AlertRequest) {
  const now = deps.clock();
  const schoolId = auth.school.id;
  if (req.deviceId !== auth.session.deviceId) {
    throw new HttpError(403, "device_mismatch", "deviceId is not the device this session was opened on");
  }
  const a = req.alert;
  return deps.store.driver.transaction(async (tx) => {
    await lockSchoolChanges(tx, schoolId);
    const device = await lockDevice(tx, schoolId, req.deviceId, now);
    if (!device || device.isRevoked) throw deviceRevoked();
    // S7: an alert is raised only with its own person's token.
    if (a.actorUserId !== auth.staff.id) {
      throw new HttpError(
        403,
        "actor_not_token_owner",
        "alert.actorUserId: the alert is someone else's; it is sent only with their own sign-in",
        { field: "alert.actorUserId" },
      );
    }
    const isRetry = (await getEntity(tx, schoolId, "alert", a.alertId)) !== undefined;
    if (!isRetry) await countNewAlert(tx, schoolId, req.deviceId, now);
    // Facts the phone sent are checked by the schema (kind and subject agree); an older phone's
    // unaccounted pupil gets them from the server's records.
    const facts = a.facts ?? (await factsFromRecords(tx, schoolId, a));
    const entity: AlertEntity = {
      id: a.alertId,
      kind: a.kind,
      subjectId: a.subjectId,
      message: facts && !a.facts ? alertMessage(facts) : a.message,
      ...(facts ? { facts } : {}),
      raisedBy: a.actorUserId,
      raisedAt: now.toISOString(),
      clientCreatedAt: a.clientCreatedAt,
      status: "open",
    };
    const put = await putAlertOnce(tx, schoolId, entity, now);
    if (put.existing) {
      const same =
        put.existing.kind === a.kind &&
        put.existing.subjectId === a.subjectId &&
        put.existing.raisedBy === a.actorUserId;
      if (!same)
        throw new HttpError(
          409,
          "alert_id_reused",
          "alert.alertId: this alert id was already used for a different alert",
        );
      return {
        alertId: a.alertId,
        status: "duplicate" as const,
        serverSeq: put.serverSeq,
        serverTime: now.toISOString(),
      };
    }
    const { serverSeq } = put;
    deps.logger.warn("alert raised", {
      school: auth.school.code,
      kind: a.kind,
      alertId: a.alertId,
      subjectId: a.subjectId,
    });
    return { alertId: a.alertId, status: "received" as const, serverSeq, serverTime: now.toISOString() };
  });
}

const MINUTE_MS = 60_000;

/**
 * Counts a new alert of the device in the current minute, atomically (one statement, on both
 * stores); past the limit throws 429 rate_limited, and the transaction's rollback takes the
 * refused one off the count again.
 */
async function countNewAlert(tx: SqlExecutor, schoolId: string, deviceId: string, now: Date) {
  const windowStart = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const row = await tx.get<{ alerts: number }>(
    `INSERT INTO alert_rate (school_id, device_id, window_start, alerts) VALUES (?, ?, ?, 1)
     ON CONFLICT (school_id, device_id) DO UPDATE SET
       alerts = CASE WHEN alert_rate.window_start = excluded.window_start THEN alert_rate.alerts + 1 ELSE 1 END,
       window_start = excluded.window_start
     RETURNING alerts`,
    [schoolId, deviceId, windowStart],
  );
  if (Number(row?.alerts) <= ALERTS_PER_DEVICE_PER_MINUTE) return;
  const retryAfterS = Math.max(1, Math.ceil((windowStart + MINUTE_MS - now.getTime()) / 1000));
  throw new HttpError(
    429,
    "rate_limited",
    `this device has raised ${ALERTS_PER_DEVICE_PER_MINUTE} alerts this minute; the alert stays queued and goes in ${retryAfterS} s`,
    { headers: { "Retry-After": String(retryAfterS) } },
  );
}

/**
 * The one place an alert entity is written. The urgent lane and a hazard report may both carry
 * the same alert (the phone sends it ahead of its backlog, then the report): the first writes
 * it, the second finds it and writes nothing, so the school gets exactly one alert. The alert is
 * stamped with who is on duty now (AL-6).
 */
export async function putAlertOnce(
  tx: SqlExecutor,
  schoolId: string,
  alert: AlertEntity,
  now: Date,
): Promise<{ serverSeq: number; existing?: AlertEntity }> {
  const existing = await getEntity<AlertEntity>(tx, schoolId, "alert", alert.id);
  if (existing) return { serverSeq: existing.serverSeq, existing: existing.data };
  const stamped: AlertEntity = { ...alert, onDutyIds: await onDutyAt(tx, schoolId, now, alert) };
  const { serverSeq } = await putEntity(tx, schoolId, "alert", alert.id, stamped, {
    now,
    actorId: alert.raisedBy,
  });
  return { serverSeq };
}

/** One date's duty slots, read once (only that date's). */
async function slotsOf(tx: SqlExecutor, schoolId: string, date: string): Promise<DutySlot[]> {
  return listEntitiesByIdPrefix<DutySlot>(tx, schoolId, "dutySlot", `${date}|`);
}

/** AL-6: the class and room of a pupil, as responsibleAt needs them. */
async function pupilTargets(
  tx: SqlExecutor,
  schoolId: string,
  pupilId: string,
): Promise<ResponsibleTarget[]> {
  const pupil = await live<Pupil>(tx, schoolId, "pupil", pupilId);
  if (!pupil) return [];
  const targets: ResponsibleTarget[] = [];
  const room = pupil.dormRoomId
    ? await live<DormRoom>(tx, schoolId, "dormRoom", pupil.dormRoomId)
    : undefined;
  if (room) targets.push({ kind: "room", roomId: room.id, building: room.building });
  const classTarget = await classTargetOf(tx, schoolId, pupil.classId);
  if (classTarget) targets.push(classTarget);
  return targets;
}

async function classTargetOf(
  tx: SqlExecutor,
  schoolId: string,
  classId: string,
): Promise<ResponsibleTarget | undefined> {
  const schoolClass = await live<SchoolClass>(tx, schoolId, "class", classId);
  if (!schoolClass) return undefined;
  const timetable = await getEntity<Timetable>(tx, schoolId, "timetable", classId);
  return {
    kind: "class",
    classId,
    classTeacherId: schoolClass.classTeacherId,
    timetable: timetable && !timetable.isDeleted ? timetable.data : undefined,
  };
}

/** AL-6: a roll call's class or room as responsibleAt needs it (and a room's building). */
async function groupTargets(
  tx: SqlExecutor,
  schoolId: string,
  group: AlertGroup,
): Promise<{ targets: ResponsibleTarget[]; building?: string }> {
  if (group.kind === "class") {
    const target = await classTargetOf(tx, schoolId, group.classId);
    return { targets: target ? [target] : [] };
  }
  const room = await live<DormRoom>(tx, schoolId, "dormRoom", group.roomId);
  if (!room) return { targets: [] };
  return { targets: [{ kind: "room", roomId: room.id, building: room.building }], building: room.building };
}

/** AL-6: what an alert is about, as the duty chain needs it (the group, a dispute's receivers). */
async function dutyChainInput(
  tx: SqlExecutor,
  schoolId: string,
  alert: Pick<AlertEntity, "kind" | "subjectId" | "facts">,
): Promise<DutyChainInput> {
  const facts = alert.facts;
  if (alert.kind === "unaccounted_pupil") {
    const targets = await pupilTargets(tx, schoolId, alert.subjectId);
    if (targets.length > 0 || facts?.kind !== "unaccounted_pupil") return { targets };
    return { targets: (await groupTargets(tx, schoolId, facts.group)).targets };
  }
  if (facts?.kind === "handover_disputed") {
    const { targets, building } = await groupTargets(tx, schoolId, facts.group);
    const roster = rosterLookup(await slotsOf(tx, schoolId, facts.date));
    return {
      targets,
      receivers: rosterReceivers(facts.date, facts.handoverKind, facts.group, roster, building),
    };
  }
  return { targets: [] };
}

/**
 * AL-6 (RN-1..4): who is on duty at an instant for an alert — the holders of its pupil's room
 * and class (or the group of its facts), a dispute's roster receivers, then the campus holder
 * (the duty teachers of the slot, the night's caretakers, or the holiday duty). Without an
 * alert, the campus holder only.
 */
export async function onDutyAt(
  tx: SqlExecutor,
  schoolId: string,
  now: Date,
  alert?: Pick<AlertEntity, "kind" | "subjectId" | "facts">,
): Promise<string[]> {
  const school = await getEntity<School>(tx, schoolId, "school", schoolId);
  if (!school) return [];
  const settings = effectiveSettings(school.data.settings);
  const { dutyDate } = slotAt(settings.timeSlots, now, settings.timeZone);
  const roster = rosterLookup(await slotsOf(tx, schoolId, dutyDate));
  const input = alert ? await dutyChainInput(tx, schoolId, alert) : { targets: [] };
  return dutyChainAt(now, input, settings, roster);
}

/**
 * Marks an alert resolved (a new version every phone pulls); nothing when it is already. An
 * unaccounted pupil's alert is never resolved this way: it stays open until someone records
 * where and when the pupil was found (recordFound, CU-2). A hand-over dispute's alert keeps who
 * settled it and how (`settled`, HO-7).
 */
export async function resolveAlert(
  tx: SqlExecutor,
  schoolId: string,
  alertId: string,
  opts: { now: Date; actorId: string },
  settled?: AlertEntity["settled"],
): Promise<void> {
  const current = await getEntity<AlertEntity>(tx, schoolId, "alert", alertId);
  if (!current || current.isDeleted || current.data.status === "resolved") return;
  if (current.data.kind === "unaccounted_pupil") return;
  const closed: AlertEntity = { ...current.data, status: "resolved", ...(settled ? { settled } : {}) };
  await putEntity(tx, schoolId, "alert", alertId, closed, opts);
}

/**
 * The open alert of an unaccounted pupil, if any (the newest): a roll call that marks a pupil
 * already missing keeps that alert instead of raising a second one.
 */
export async function openUnaccountedAlertOf(
  tx: SqlExecutor,
  schoolId: string,
  pupilId: string,
): Promise<AlertEntity | undefined> {
  const alerts = await listEntities<AlertEntity>(tx, schoolId, "alert");
  return alerts.findLast(
    (a) => a.kind === "unaccounted_pupil" && a.subjectId === pupilId && a.status === "open",
  );
}

/**
 * CU-2: an unaccounted pupil's alert closes only here, with where and when the pupil was found
 * and by whom (resolveAlert leaves it open).
 */
export async function recordFound(
  tx: SqlExecutor,
  schoolId: string,
  alert: AlertEntity,
  found: NonNullable<AlertEntity["found"]>,
  opts: { now: Date; actorId: string },
): Promise<{ serverSeq: number }> {
  const closed: AlertEntity = { ...alert, status: "resolved", found };
  const { serverSeq } = await putEntity(tx, schoolId, "alert", alert.id, closed, opts);
  return { serverSeq };
}
