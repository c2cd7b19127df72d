// The urgent lane (SYNC.md "An unaccounted pupil's alert goes out first"): one alert per
// request, idempotent by alert id, stored as an entity so every phone of the school pulls it.
// Who is told (duty chain, class teacher, admin, principal) is decided by the features that
// raise alerts (roll call, hazards) when they land; every new alert names who holds the campus
// at that instant (onDutyIds), so the current slot holder is told first.
import { responsibleAt, rosterLookup } from "../../domain/responsible.ts";
import type { DutySlot } from "../../domain/roster.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { slotAt } from "../../domain/time-slots.ts";
import type { School } from "../../protocol/reference.ts";
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
import { isSignedInOnDevice, lockDevice } from "../storage/sync-log.ts";

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
    if (!(await isSignedInOnDevice(tx, schoolId, a.actorUserId, req.deviceId, now, deps.sessionIdleMs))) {
      throw new HttpError(
        403,
        "actor_not_signed_in",
        "alert.actorUserId: the person raising the alert has no live session on this device",
        {
          field: "alert.actorUserId",
        },
      );
    }
    const entity: AlertEntity = {
      id: a.alertId,
      kind: a.kind,
      subjectId: a.subjectId,
      message: a.message,
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

/**
 * The one place an alert entity is written. The urgent lane and a hazard report may both carry
 * the same alert (the phone sends it ahead of its backlog, then the report): the first writes
 * it, the second finds it and writes nothing, so the school gets exactly one alert.
 */
export async function putAlertOnce(
  tx: SqlExecutor,
  schoolId: string,
  alert: AlertEntity,
  now: Date,
): Promise<{ serverSeq: number; existing?: AlertEntity }> {
  const existing = await getEntity<AlertEntity>(tx, schoolId, "alert", alert.id);
  if (existing) return { serverSeq: existing.serverSeq, existing: existing.data };
  const stamped: AlertEntity = { ...alert, onDutyIds: await onDutyAt(tx, schoolId, now) };
  const { serverSeq } = await putEntity(tx, schoolId, "alert", alert.id, stamped, {
    now,
    actorId: alert.raisedBy,
  });
  return { serverSeq };
}

/**
 * The staff holding the campus at an instant (RN-1..4): the duty teachers of the slot, the
 * night's caretakers, or the holiday duty. Only that duty date's slots are read.
 */
export async function onDutyAt(tx: SqlExecutor, schoolId: string, now: Date): Promise<string[]> {
  const school = await getEntity<School>(tx, schoolId, "school", schoolId);
  if (!school) return [];
  const settings = effectiveSettings(school.data.settings);
  const { dutyDate } = slotAt(settings.timeSlots, now, settings.timeZone);
  const slots = await listEntitiesByIdPrefix<DutySlot>(tx, schoolId, "dutySlot", `${dutyDate}|`);
  return responsibleAt(now, { kind: "campus" }, settings, rosterLookup(slots)).holders.map((h) => h.staffId);
}

/**
 * Marks an alert resolved (a new version every phone pulls); nothing when it is already. An
 * unaccounted pupil's alert is never resolved this way: it stays open until someone records
 * where and when the pupil was found (recordFound, CU-2).
 */
export async function resolveAlert(
  tx: SqlExecutor,
  schoolId: string,
  alertId: string,
  opts: { now: Date; actorId: string },
): Promise<void> {
  const current = await getEntity<AlertEntity>(tx, schoolId, "alert", alertId);
  if (!current || current.isDeleted || current.data.status === "resolved") return;
  if (current.data.kind === "unaccounted_pupil") return;
  await putEntity(tx, schoolId, "alert", alertId, { ...current.data, status: "resolved" }, opts);
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

/** HO-7: a hand-over dispute settled by 已核实 closes its alert. */
export async function settleAlert(
  tx: SqlExecutor,
  schoolId: string,
  alertId: string,
  settled: NonNullable<AlertEntity["settled"]>,
  opts: { now: Date; actorId: string },
): Promise<void> {
  const row = await getEntity<AlertEntity>(tx, schoolId, "alert", alertId);
  if (!row || row.isDeleted || row.data.status === "resolved") return;
  await putEntity(tx, schoolId, "alert", alertId, { ...row.data, status: "resolved", settled }, opts);
}
