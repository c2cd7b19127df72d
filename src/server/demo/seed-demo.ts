// Creates the embedded demo school on first start (empty database, DEMO not 0).

import { hashPassword } from "../auth/passwords.ts";
import type { Logger } from "../logger.ts";
import type { NewSchool, Store } from "../storage/store.ts";
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

/** Returns true when it created the demo school. Safe when several processes start at once. */
export async function ensureDemoSchool(store: Store, now: Date, logger: Logger): Promise<boolean> {
  if ((await store.countSchools()) > 0) return false;
  const seed = buildDemoSchool();
  try {
    await store.createSchool(await seedToNewSchool(seed), now);
  } catch (error) {
    // Another server process on the same database created it first.
    if (await store.findSchoolByCode(seed.school.code)) return false;
    throw error;
  }
  logger.info("demo school created", {
    code: seed.school.code,
    staff: seed.staff.length,
    pupils: seed.pupils.length,
  });
  return true;
}
