// Creates the embedded demo school on first start (empty database, DEMO not 0), with three
// weeks of rounds and hazards before `now` so the board and the ledger have something to show.

import { hashPassword } from "../auth/passwords.ts";
import type { Logger } from "../logger.ts";
import { storeBlobForSchool } from "../storage/blob-store.ts";
import { lockSchoolChanges, putEntity } from "../storage/entities.ts";
import type { NewSchool, Store } from "../storage/store.ts";
import { buildDemoActivity, makeDemoPhotos, photoNames } from "./demo-activity.ts";
import { buildDemoSchool, type SchoolSeed } from "./demo-school.ts";

export async function seedToNewSchool(seed: SchoolSeed): Promise<NewSchool> {
  // Every demo account shares the public password demo1234, so one hash serves them all
  // (hashing 70 times would add seconds to the first start for no security gain).
  const hashes = new Map<string, string>();
  for (const p of new Set(seed.staff.map((s) => s.password))) hashes.set(p, await hashPassword(p));
  return {
    ...seed,
    staff: seed.staff.map(({ password, ...s }) => ({
      ...s,
      passwordHash: hashes.get(password) as string,
      mustChangePassword: false,
    })),
  };
}

/**
 * Writes the demo's rounds and hazards (and the few photos their steps point at) for a school
 * just created from `seed`. One transaction for the records, so they appear all at once.
 */
export async function seedDemoActivity(
  store: Store,
  seed: SchoolSeed,
  now: Date,
): Promise<{ rounds: number; hazards: number; photos: number }> {
  const schoolId = seed.school.id;
  const uploader = seed.staff.find((s) => s.roles.includes("admin")) ?? seed.staff[0];
  if (!uploader) throw new Error("demo activity: the school has no staff");
  const photos = await makeDemoPhotos();
  for (const photo of photos) {
    const { use: _use, ...blob } = photo;
    await storeBlobForSchool(store.driver, schoolId, uploader.id, blob, now);
  }
  const { rounds, hazards } = buildDemoActivity(seed, now, photoNames(photos));
  await store.driver.transaction(async (tx) => {
    await lockSchoolChanges(tx, schoolId);
    for (const r of rounds) await putEntity(tx, schoolId, "round", r.id, r, { now, actorId: r.checkedBy });
    for (const h of hazards) await putEntity(tx, schoolId, "hazard", h.id, h, { now, actorId: h.reportedBy });
  });
  return { rounds: rounds.length, hazards: hazards.length, photos: photos.length };
}

/**
 * Returns true when it created the demo school. Safe when several processes start at once.
 * `activity: false` leaves out the rounds and hazards (an empty school, as a real one starts).
 */
export async function ensureDemoSchool(
  store: Store,
  now: Date,
  logger: Logger,
  opts: { activity?: boolean } = {},
): Promise<boolean> {
  if ((await store.countSchools()) > 0) return false;
  const seed = buildDemoSchool();
  try {
    await store.createSchool(await seedToNewSchool(seed), now);
  } catch (error) {
    // Another server process on the same database created it first.
    if (await store.findSchoolByCode(seed.school.code)) return false;
    throw error;
  }
  const activity = opts.activity === false ? undefined : await seedDemoActivity(store, seed, now);
  logger.info("demo school created", {
    code: seed.school.code,
    staff: seed.staff.length,
    pupils: seed.pupils.length,
    ...(activity ? { rounds: activity.rounds, hazards: activity.hazards } : {}),
  });
  return true;
}
