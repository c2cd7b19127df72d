// Whose photos a change may name (issue #16, low findings): a record or step names a photo only
// if its own person uploaded it, or the photo is already on that same record (a comment showing
// the hazard's own photo again). Otherwise an "after" photo could be any photo of the school —
// the "before" photo, or a colleague's. A photo the school has no upload of yet is on its way
// from the phone that made the change: the photo lane sends photos after the push
// (src/client/sync/photo-lane.ts), so a record never waits for its photo.
// Photos are named in the protocol only in fields called `photos` (lists of SHA-256 names).
import type { EntityRef } from "../../protocol/mutations.ts";
import { photoUploaders } from "../storage/blob-store.ts";
import { getEntity } from "../storage/entities.ts";
import type { SqlExecutor } from "../storage/sql-driver.ts";

/** Every photo name in a value: the strings of each `photos` list, at any depth. */
export function photoNamesIn(value: unknown): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [value];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next !== "object" || next === null) continue;
    if (Array.isArray(next)) {
      stack.push(...next);
      continue;
    }
    for (const [key, child] of Object.entries(next)) {
      if (key === "photos" && Array.isArray(child)) {
        for (const name of child) if (typeof name === "string") names.add(name);
      } else stack.push(child);
    }
  }
  return names;
}

/** Why the change may not name its photos, or undefined when it may. */
export async function photoOwnershipProblem(
  tx: SqlExecutor,
  schoolId: string,
  actorId: string,
  args: unknown,
  touches: readonly EntityRef[],
): Promise<string | undefined> {
  const names = [...photoNamesIn(args)];
  if (names.length === 0) return undefined;
  const uploaders = await photoUploaders(tx, schoolId, names);
  const others = names.filter((name) => {
    const by = uploaders.get(name);
    return by !== undefined && !by.has(actorId);
  });
  if (others.length === 0) return undefined;
  const attached = new Set<string>();
  for (const ref of touches) {
    const row = await getEntity(tx, schoolId, ref.entityType, ref.entityId);
    if (row) for (const name of photoNamesIn(row.data)) attached.add(name);
  }
  const foreign = others.find((name) => !attached.has(name));
  if (foreign === undefined) return undefined;
  return `photos: photo ${foreign.slice(0, 12)}… was uploaded by someone else; use a photo you took yourself`;
}
