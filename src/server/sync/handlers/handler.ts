// What a mutation handler gets and may answer. A handler runs inside the push transaction:
// everything it writes commits together with the stored verdict (SYNC.md S3).
import type { Mutation, RejectReason } from "../../../protocol/sync.ts";
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
