// What a mutation handler gets and may answer. A handler runs inside the push transaction:
// everything it writes commits together with the stored verdict (SYNC.md S3).
import { effectiveFoundAt } from "../../../domain/hazard-deadline.ts";
import { type EffectiveSettings, effectiveSettings } from "../../../domain/school-settings.ts";
import type { School, SchoolClass } from "../../../protocol/reference.ts";
import type { EntityType, Mutation, RejectReason } from "../../../protocol/sync.ts";
import { getEntity } from "../../storage/entities.ts";
import type { SqlExecutor } from "../../storage/sql-driver.ts";
import type { StaffWithSecret } from "../../storage/store.ts";

export interface HandlerContext {
  tx: SqlExecutor;
  schoolId: string;
  actor: StaffWithSecret;
  now: Date;
  mutation: Mutation;
}

export type HandlerOutcome =
  | { status: "applied"; serverSeq: number }
  | { status: "rejected"; reason: RejectReason; message: string }
  | { status: "conflict"; message: string; serverState: unknown };

export type Handler<A = never> = (ctx: HandlerContext, args: A) => Promise<HandlerOutcome>;

export const rejected = (reason: RejectReason, message: string): HandlerOutcome => ({
  status: "rejected",
  reason,
  message,
});

export const applied = (serverSeq: number): HandlerOutcome => ({ status: "applied", serverSeq });

/** Who wrote a record and when, for the entity row. */
export function writeOpts(ctx: HandlerContext) {
  return { now: ctx.now, actorId: ctx.actor.id };
}

/** HZ-D4: when the person did it — the phone's clock if believable, else the server's. */
export function effectiveTime(ctx: HandlerContext): Date {
  return effectiveFoundAt(new Date(ctx.mutation.clientCreatedAt), ctx.now);
}

/** The school's settings with defaults filled in; also its calendar (CAL-1..4). */
export async function schoolSettings(
  ctx: Pick<HandlerContext, "tx" | "schoolId">,
): Promise<EffectiveSettings> {
  const school = await getEntity<School>(ctx.tx, ctx.schoolId, "school", ctx.schoolId);
  // Every school is created with its school entity; missing means a broken database.
  if (!school) throw new Error(`school ${ctx.schoolId} has no school record`);
  return effectiveSettings(school.data.settings);
}

/** A record of this school that exists and is not deleted, or undefined. */
export async function liveRecord<T>(
  ctx: Pick<HandlerContext, "tx" | "schoolId">,
  type: EntityType,
  id: string,
): Promise<T | undefined> {
  const row = await getEntity<T>(ctx.tx, ctx.schoolId, type, id);
  return row && !row.isDeleted ? row.data : undefined;
}

export const isAdmin = (ctx: Pick<HandlerContext, "actor">) => ctx.actor.roles.includes("admin");

const GRADE_ZH = ["一", "二", "三", "四", "五", "六"];
/** "三年级2班", as the school names a class in messages. */
export const classLabel = (c: Pick<SchoolClass, "grade" | "name">) =>
  `${GRADE_ZH[c.grade - 1] ?? c.grade}年级${c.name}`;
