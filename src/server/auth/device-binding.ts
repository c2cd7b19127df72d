// Which phone a login is made on (docs/security.md "Who can act"). A device id is one phone of one
// school, bound at its first login to the SHA-256 of a secret key only that phone holds, so a
// login cannot claim another phone's id: not another school's, not a revoked one, not a
// colleague's read off 本机. Phones from before keys are bound by their next login with a key.
import { ulid } from "ulidx";
import { HttpError } from "../http/errors.ts";
import type { Store } from "../storage/store.ts";
import { deviceSchool, deviceState, revokedSchoolsOf } from "../storage/sync-log.ts";
import { deviceRevoked } from "./require-session.ts";
import { tokenHash } from "./tokens.ts";

/** The device id this login is admitted on (new if the phone named none); throws if refused. */
export async function admitDevice(
  store: Store,
  schoolId: string,
  asked: { deviceId?: string | undefined; deviceKey?: string | undefined },
  now: Date,
): Promise<string> {
  const deviceId = asked.deviceId ?? ulid(now.getTime());
  const keyHash = asked.deviceKey === undefined ? null : tokenHash(asked.deviceKey);
  const known = await deviceState(store.driver, schoolId, deviceId);
  // A revoked phone must wipe and start again with a new device id.
  if (known?.isRevoked) throw deviceRevoked();
  if (known === undefined) {
    const owner = await deviceSchool(store.driver, deviceId);
    if (owner !== undefined && owner !== schoolId)
      throw new HttpError(
        409,
        "device_in_other_school",
        "deviceId: this device is registered to another school; sign in there, or clear the app's data on this phone",
        { field: "deviceId" },
      );
  }
  // Binds a key to an unbound id; the stored key is read back, so of two first logins racing
  // with different keys only the one that bound it is admitted.
  const bound = await store.touchDevice(schoolId, deviceId, keyHash, now);
  if (bound !== null && bound !== keyHash)
    throw new HttpError(
      409,
      "device_key_mismatch",
      "deviceKey: this device id belongs to another phone; sign in without it to register this phone",
      { field: "deviceKey" },
    );
  return deviceId;
}

/** The schools that revoked the phone holding `deviceKey` (none for a wrong key). */
export function revokedSchools(store: Store, deviceId: string, deviceKey: string): Promise<string[]> {
  return revokedSchoolsOf(store.driver, deviceId, tokenHash(deviceKey));
}
