// Push and pull on the wire (SYNC.md "Endpoints (v1)"), protocol version 1. docs/protocol.md
// documents every field, verdict and reason code with examples.
import { z } from "zod";
import type { AlertFacts as AlertFactsShape } from "../domain/alerts.ts";
import { isLocalDate } from "../domain/school-calendar.ts";
import { text } from "./fields.ts";
import { DeviceId, StaffId } from "./ids.ts";

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a ULID (26 characters)");
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });

export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
/** Phone clocks further off than this are flagged (never refused). */
export const CLOCK_SKEW_FLAG_MS = 5 * 60_000;

export const ENTITY_TYPES = [
  "school",
  "staff",
  "class",
  "pupil",
  "dormRoom",
  "area",
  "checklistItem",
  "alert",
  "round",
  "hazard",
  "dayClose",
  "dutySlot",
  "rosterTemplate",
  "timetable",
  "swap",
  "leave",
  "handover",
  "weeklySummary",
  "summaryReminder",
  "education",
  "commendation",
] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

export const Mutation = z.object({
  mutationId: ulid,
  /** Dense per device: 1, 2, 3 … in the order the phone made them. */
  deviceSeq: z.number().int().positive(),
  type: z.string().min(1).max(64),
  typeVersion: z.number().int().positive(),
  args: z.record(z.string(), z.unknown()),
  actorUserId: StaffId,
  /** The phone's clock when the person did it: evidence, never order (S6). */
  clientCreatedAt: isoTime,
  /** The entity version the person saw, for compare-and-set types. */
  baseVersion: z.number().int().nonnegative().optional(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: DeviceId,
  /** The phone's clock when sending; the server measures skew from it. */
  clientTime: isoTime.optional(),
  mutations: z.array(Mutation).max(MAX_PUSH_MUTATIONS, `at most ${MAX_PUSH_MUTATIONS} mutations per push`),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const VERDICT_STATUSES = ["applied", "duplicate", "rejected", "conflict"] as const;
export const REJECT_REASONS = [
  "invalid_args",
  "unknown_type",
  "unsupported_type_version",
  "forbidden",
  "actor_not_signed_in",
  "actor_not_token_owner",
  "mutation_id_reused",
  "device_seq_reused",
  "not_found",
  "rule_violation",
  "server_error",
  /** A text, a list or a record past its limit (src/protocol/limits.ts, docs/protocol.md "Limits"). */
  "too_large",
  /** A photo the change names was uploaded by someone else (server/sync/photo-ownership.ts). */
  "photo_not_yours",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const Verdict = z.object({
  mutationId: ulid,
  status: z.enum(VERDICT_STATUSES),
  /** For rejected and conflict: a stable code and a message for people. */
  reason: z.string().optional(),
  message: z.string().optional(),
  /** The change-log position of the mutation's effects (applied, or duplicate of applied). */
  serverSeq: z.number().int().optional(),
  /** For conflict: the entity as the server has it now. */
  serverState: z.unknown().optional(),
});
export type Verdict = z.infer<typeof Verdict>;

export const PushResponse = z.object({
  results: z.array(Verdict),
  /** Present when the server stopped before the end of the batch; the rest stays pending. */
  stopped: z
    .object({
      reason: z.enum(["device_seq_gap", "transient"]),
      message: z.string(),
      expectedDeviceSeq: z.number().int().optional(),
      /**
       * When to send the rest, in ms: 0 when the push only used its share of the server (its work
       * budget, docs/protocol.md "Limits") — send the next batch at once. Absent: back off.
       */
      retryAfterMs: z.number().int().nonnegative().optional(),
    })
    .optional(),
  serverTime: z.string(),
  /** Phone clock minus server clock, in ms, when the phone sent clientTime. */
  clockSkewMs: z.number().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullRequest = z.object({
  deviceId: DeviceId,
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Change = z.object({
  serverSeq: z.number().int().positive(),
  entityType: EntityType,
  entityId: z.string(),
  op: z.enum(["upsert", "delete"]),
  version: z.number().int().positive(),
  data: z.unknown().nullable(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  /**
   * The change-log position the page read up to. The server leaves out what the device may not
   * see (docs/need-to-know.md), so it may be past the page's last change, and a page may be
   * empty with hasMore. Absent from servers before need-to-know.
   */
  throughSeq: z.number().int().nonnegative().optional(),
  /**
   * Start again from nothing: the cursor was unknown, from another database, or from when the
   * device could see other records (someone signed in or out, a role or the roster changed).
   */
  reset: z.boolean().optional(),
  /** This device was revoked by an admin: delete this school's data from the phone. */
  wipe: z.boolean().optional(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ── Urgent lane: POST /api/v1/alerts ─────────────────────────────────────────────────────
// An unaccounted pupil or a critical hazard goes out ahead of any backlog, idempotent by its
// id. The alert becomes an "alert" entity every phone of the school receives by pull.
export const ALERT_KINDS = ["unaccounted_pupil", "critical_hazard", "handover_disputed"] as const;

// What an alert is about, as data (domain/alerts.ts AL-1..5): phones word it in the reader's
// language; `message` is the same in plain Chinese for readers that predate facts.
const factName = text("title").min(1, "a name is required");
const factLabel = text("label");
const AlertGroup = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("class"), classId: ulid }),
  z.object({ kind: z.literal("room"), roomId: ulid }),
]);
const AlertPerson = z.object({ id: ulid, name: factName });

export const AlertFacts = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("unaccounted_pupil"),
    pupilId: ulid,
    pupilName: factName,
    group: AlertGroup,
    groupLabel: factLabel,
    bed: text("shortLabel").optional(),
    raisedByName: factLabel,
  }),
  z.object({
    kind: z.literal("critical_hazard"),
    hazardId: ulid,
    areaId: ulid,
    areaName: factLabel,
    place: factLabel,
    description: text("description"),
    raisedByName: factLabel,
  }),
  z.object({
    kind: z.literal("handover_disputed"),
    handoverId: z.string().min(1).max(120),
    date: z.string().refine(isLocalDate, "must be a date YYYY-MM-DD"),
    handoverKind: z.enum(["dismissal", "bedtime"]),
    group: AlertGroup,
    groupLabel: factLabel,
    given: z.number().int().nonnegative(),
    received: z.number().int().nonnegative(),
    missing: z.array(z.object({ pupilId: ulid, name: factName })).max(200),
    giver: AlertPerson.optional(),
    receiver: AlertPerson.optional(),
  }),
]) satisfies z.ZodType<AlertFactsShape>;
export type AlertFacts = z.infer<typeof AlertFacts>;

/** The id an alert's facts are about, which must be its subjectId. */
export function factsSubjectId(facts: AlertFacts): string {
  switch (facts.kind) {
    case "unaccounted_pupil":
      return facts.pupilId;
    case "critical_hazard":
      return facts.hazardId;
    case "handover_disputed":
      return facts.handoverId;
  }
}

export const AlertRequest = z.object({
  deviceId: DeviceId,
  alert: z
    .object({
      alertId: ulid,
      kind: z.enum(ALERT_KINDS),
      /** The pupil or hazard it is about. */
      subjectId: z.string().min(1).max(64),
      /** Plain Chinese, for readers without facts (never two languages in one string). */
      message: text("reason").min(1, "message is required"),
      /** What the alert is about, as data; absent from phones that predate facts. */
      facts: AlertFacts.optional(),
      actorUserId: StaffId,
      clientCreatedAt: isoTime,
    })
    .superRefine((a, ctx) => {
      if (!a.facts) return;
      if (a.facts.kind !== a.kind)
        ctx.addIssue({ code: "custom", path: ["facts", "kind"], message: `must be ${a.kind}, as the alert` });
      else if (factsSubjectId(a.facts) !== a.subjectId)
        ctx.addIssue({
          code: "custom",
          path: ["facts"],
          message: "must be about the alert's subjectId",
        });
    }),
});
export type AlertRequest = z.infer<typeof AlertRequest>;

export const AlertResponse = z.object({
  alertId: ulid,
  status: z.enum(["received", "duplicate"]),
  serverSeq: z.number().int(),
  serverTime: z.string(),
});

/** The "alert" entity as phones receive it. */
export const AlertEntity = z.object({
  id: ulid,
  kind: z.enum(ALERT_KINDS),
  subjectId: z.string(),
  /** Plain Chinese (older alerts: both languages); phones word `facts` when present (AL-4). */
  message: z.string(),
  /** What it is about, as data (AL-1..5); absent on alerts raised before facts. */
  facts: AlertFacts.optional(),
  raisedBy: StaffId,
  raisedAt: z.string(),
  clientCreatedAt: z.string(),
  status: z.enum(["open", "resolved"]),
  /**
   * Who is on duty when the server recorded it (domain/alerts.ts AL-6: the holders of its class
   * or room, a dispute's roster receivers, the campus holder): phones show "值班：…" first, so
   * the current slot holder is told first. Empty in a gap; absent on alerts raised before
   * rosters existed.
   */
  onDutyIds: z.array(z.string()).optional(),
  /**
   * An unaccounted pupil's alert closes only with where and when the pupil was found
   * (alert.found, domain/custody.ts CU-2); absent on other alerts.
   */
  found: z.object({ where: z.string(), at: z.string(), by: StaffId, note: z.string().optional() }).optional(),
  /** A hand-over dispute's alert closes when the dispute is settled (domain/handover.ts HO-7). */
  settled: z.object({ at: z.string(), by: StaffId, note: z.string() }).optional(),
});
export type AlertEntity = z.infer<typeof AlertEntity>;
