// The urgent lane (SYNC.md "An unaccounted pupil's alert goes out first"): one alert per
// request, idempotent by alert id, stored as an entity so every phone of the school pulls it.
// Who is told (duty chain, class teacher, admin, principal) is decided by the features that
// raise alerts (roll call, hazards) when they land.
import type { AlertEntity, AlertRequest } from "../../protocol/sync.ts";
import { deviceRevoked } from "../auth/require-session.ts";
import type { AppDeps, AuthState } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { getEntity, lockSchoolChanges, putEntity } from "../storage/entities.ts";
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
    const existing = await getEntity<AlertEntity>(tx, schoolId, "alert", a.alertId);
    if (existing) {
      const same =
        existing.data.kind === a.kind &&
        existing.data.subjectId === a.subjectId &&
        existing.data.raisedBy === a.actorUserId;
      if (!same)
        throw new HttpError(
          409,
          "alert_id_reused",
          "alert.alertId: this alert id was already used for a different alert",
        );
      return {
        alertId: a.alertId,
        status: "duplicate" as const,
        serverSeq: existing.serverSeq,
        serverTime: now.toISOString(),
      };
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
    const { serverSeq } = await putEntity(tx, schoolId, "alert", a.alertId, entity, {
      now,
      actorId: a.actorUserId,
    });
    deps.logger.warn("alert raised", {
      school: auth.school.code,
      kind: a.kind,
      alertId: a.alertId,
      subjectId: a.subjectId,
    });
    return { alertId: a.alertId, status: "received" as const, serverSeq, serverTime: now.toISOString() };
  });
}
