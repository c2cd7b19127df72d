// The registry of mutation types, the half shared by phone and server: each type's name,
// version, argument schema, who may send it, which entities it writes and how the phone
// shows it before the server has answered (the optimistic view). The server adds its
// authoritative handler per type in src/server/sync/handlers/. Feature issues add their types
// here, once each.
import { z } from "zod";
import type { Role } from "../domain/roles.ts";
import { Area, ChecklistItem, DormRoom, Pupil, SchoolClass, SchoolSettings, Staff } from "./reference.ts";
import type { EntityType } from "./sync.ts";

export interface EntityRef {
  entityType: EntityType;
  entityId: string;
}

export interface MutationDef<A = unknown> {
  type: string;
  typeVersion: number;
  args: z.ZodType<A>;
  /** Roles allowed to send it; the server handler may check more (which objects). */
  roles: readonly Role[];
  /** Compare-and-set: creating needs no baseVersion, changing needs the version the person saw. */
  isCompareAndSet: boolean;
  touches(args: A): EntityRef[];
  /** The entity as the phone should show it while the mutation is pending (null: deleted). */
  applyOptimistic(args: A, ref: EntityRef, current: unknown | null): unknown | null;
}

/** A reference-data record written whole by an admin (SYNC.md: compare-and-set on a version). */
function upsert<S extends z.ZodType<{ id: string }>>(
  type: string,
  entityType: EntityType,
  schema: S,
): MutationDef<{ entity: z.infer<S> }> {
  return {
    type,
    typeVersion: 1,
    args: z.object({ entity: schema }) as unknown as z.ZodType<{ entity: z.infer<S> }>,
    roles: ["admin"],
    isCompareAndSet: true,
    touches: (args) => [{ entityType, entityId: args.entity.id }],
    applyOptimistic: (args) => args.entity,
  };
}

const SchoolSettingsArgs = z.object({ schoolId: z.string(), settings: SchoolSettings });

export const MUTATIONS = {
  "school.updateSettings": {
    type: "school.updateSettings",
    typeVersion: 1,
    args: SchoolSettingsArgs,
    roles: ["admin"],
    isCompareAndSet: true,
    touches: (args) => [{ entityType: "school", entityId: args.schoolId }],
    applyOptimistic: (args, _ref, current) => ({ ...(current as object), settings: args.settings }),
  } satisfies MutationDef<z.infer<typeof SchoolSettingsArgs>>,
  "staff.upsert": upsert("staff.upsert", "staff", Staff),
  "class.upsert": upsert("class.upsert", "class", SchoolClass),
  "dormRoom.upsert": upsert("dormRoom.upsert", "dormRoom", DormRoom),
  "pupil.upsert": upsert("pupil.upsert", "pupil", Pupil),
  "area.upsert": upsert("area.upsert", "area", Area),
  "checklistItem.upsert": upsert("checklistItem.upsert", "checklistItem", ChecklistItem),
} as const;

export type MutationType = keyof typeof MUTATIONS;
export type MutationArgs<T extends MutationType> = z.infer<(typeof MUTATIONS)[T]["args"]>;

export function mutationDef(type: string): MutationDef | undefined {
  return (MUTATIONS as Record<string, MutationDef>)[type];
}
