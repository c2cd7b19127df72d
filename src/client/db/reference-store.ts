// The school's reference snapshot (settings, staff, classes, pupils, areas, checklists), one
// per school this phone has logged into. It is parsed with the protocol schema on the way in
// (api-client); rows carry a format number so a future Dexie version that changes the shape
// re-parses or drops them in its upgrade instead of handing old data to components.
import type { ReferenceSnapshot } from "../../protocol/reference.ts";
import { db as appDb, type SafetyRoundsDb } from "./db.ts";

/** Bump with a Dexie upgrade when ReferenceSnapshot changes shape. */
export const REFERENCE_FORMAT = 1;

export interface StoredReference {
  snapshot: ReferenceSnapshot;
  fetchedAt: number;
}

export function createReferenceStore(db: SafetyRoundsDb = appDb, now: () => number = Date.now) {
  return {
    /** Saves a snapshot that was parsed with the ReferenceSnapshot schema. */
    async save(snapshot: ReferenceSnapshot): Promise<ReferenceSnapshot> {
      await db.reference.put({
        schoolId: snapshot.school.id,
        snapshot,
        fetchedAt: now(),
        format: REFERENCE_FORMAT,
      });
      return snapshot;
    },

    /** The cached snapshot of a school, or undefined when missing or of another format. */
    async read(schoolId: string): Promise<StoredReference | undefined> {
      const row = await db.reference.get(schoolId);
      if (!row || row.format !== REFERENCE_FORMAT) return undefined;
      return { snapshot: row.snapshot, fetchedAt: row.fetchedAt };
    },
  };
}

export type ReferenceStore = ReturnType<typeof createReferenceStore>;
export const referenceStore: ReferenceStore = createReferenceStore();
