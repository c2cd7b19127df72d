// Roll calls, hand-overs, leave and "found" saved offline, each one mutate() (outbox entry +
// view in one transaction, SYNC S1). A roll call that marks pupils unaccounted (下落不明)
// queues one urgent-lane alert per pupil in the SAME transaction, so the alerts go out ahead
// of any backlog the moment there is a network (SPEC §3 "raises an alert at once") and can
// never exist without the roll call that raised them, nor the other way round.
import { ulid } from "ulidx";
import { alertMessage } from "../../domain/alert-message.ts";
import type { UnaccountedFacts } from "../../domain/alerts.ts";
import { type HandoverKind, handoverId } from "../../domain/handover.ts";
import type { RollCall, RollCallGroup } from "../../domain/roll-call.ts";
import type { LocalDate } from "../../domain/school-calendar.ts";
import type { AlertFoundInput } from "../../protocol/handover.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { mutate, queueUrgentAlert, type UrgentAlertInput } from "./mutation-store.ts";
import type { Actor } from "./reference-edits.ts";

export type { Actor };

export interface EditOptions {
  /** Phone clock, ms. */
  now?: () => number;
}

export interface GiveInput {
  date: LocalDate;
  kind: HandoverKind;
  group: RollCallGroup;
  rollCall: RollCall;
  /** Alerts already raised for unaccounted pupils while the roll call was taken, by pupil. */
  raisedAlerts?: ReadonlyMap<string, string>;
  /** Why it is given outside its window (roll-call-windows.ts RW-3). */
  outsideWindow?: { reason: string } | undefined;
}

export interface GiveResult {
  mutationId: string;
  /** HO-1: date|kind|group, or a new ULID for a bed check. */
  handoverId: string;
  /** The urgent alerts queued, one per unaccounted pupil. */
  alertIds: string[];
}

/**
 * What an unaccounted pupil's alert says, as facts (domain/alerts.ts AL-1..3): the page knows
 * the pupil, the group and who is taking the roll call. Without it the alert names the pupil by
 * id only.
 */
export type UnaccountedFactsOf = (pupilId: string) => UnaccountedFacts;

/** The giver's half (or a bed check): one urgent alert per unaccounted pupil, with its facts. */
function unaccountedAlert(
  pupilId: string,
  at: number,
  factsOf: UnaccountedFactsOf | undefined,
): UrgentAlertInput {
  const facts = factsOf?.(pupilId);
  return {
    alertId: ulid(at),
    kind: "unaccounted_pupil",
    subjectId: pupilId,
    message: facts ? alertMessage(facts) : `下落不明：${pupilId}`,
    ...(facts ? { facts } : {}),
  };
}

/**
 * SPEC §3: a pupil marked unaccounted is reported at once on the urgent lane, before the roll
 * call is finished and given; the roll call then names this alert (giveHandover raisedAlerts).
 */
export async function raiseUnaccounted(
  db: SafetyRoundsDb,
  actor: Actor,
  pupilId: string,
  options: EditOptions & { facts?: UnaccountedFactsOf } = {},
): Promise<string> {
  const alert = unaccountedAlert(pupilId, (options.now ?? Date.now)(), options.facts);
  await queueUrgentAlert(db, actor, alert, options);
  return alert.alertId;
}

export async function giveHandover(
  db: SafetyRoundsDb,
  actor: Actor,
  input: GiveInput,
  options: EditOptions & { facts?: UnaccountedFactsOf } = {},
): Promise<GiveResult> {
  const now = options.now ?? Date.now;
  const id = input.kind === "bedCheck" ? ulid(now()) : handoverId(input.date, input.kind, input.group);
  const unaccounted = [
    ...new Set(input.rollCall.exceptions.filter((e) => e.reason === "unaccounted").map((e) => e.pupilId)),
  ];
  // A pupil whose alert already went out (raiseUnaccounted) keeps it; the others get one now.
  const alerts: UrgentAlertInput[] = unaccounted
    .filter((pupilId) => !input.raisedAlerts?.has(pupilId))
    .map((pupilId) => unaccountedAlert(pupilId, now(), options.facts));
  const alertIds = unaccounted.map(
    (pupilId) =>
      input.raisedAlerts?.get(pupilId) ?? (alerts.find((a) => a.subjectId === pupilId)?.alertId as string),
  );
  const mutationId = await mutate(
    db,
    {
      type: "handover.give",
      args: {
        handover: {
          id,
          date: input.date,
          kind: input.kind,
          group: input.group,
          rollCall: input.rollCall,
          alertIds,
          ...(input.outsideWindow ? { outsideWindow: input.outsideWindow } : {}),
        },
      },
      ...actor,
      ...(alerts.length > 0 ? { urgentAlerts: alerts } : {}),
    },
    options,
  );
  return { mutationId, handoverId: id, alertIds };
}

export interface ReceiveInput {
  date: LocalDate;
  kind: Exclude<HandoverKind, "bedCheck">;
  group: RollCallGroup;
  /** The number present as the receiver counted them (HO-3). */
  count: number;
  /** On the receiver's own phone, or on the giver's with the receiver's PIN. */
  confirmedOn: "own_phone" | "giver_phone";
  /** HO-7: the pupils the receiver finds missing, when the counts differ. */
  missing?: string[];
}

/** The receiver's half; `actor` is the receiver (on the giver's phone too, after their PIN). */
export function receiveHandover(
  db: SafetyRoundsDb,
  actor: Actor,
  input: ReceiveInput,
  options: EditOptions = {},
): Promise<string> {
  const id = handoverId(input.date, input.kind, input.group);
  return mutate(
    db,
    {
      type: "handover.receive",
      args: {
        handover: {
          id,
          date: input.date,
          kind: input.kind,
          group: input.group,
          count: input.count,
          confirmedOn: input.confirmedOn,
          ...(input.missing && input.missing.length > 0 ? { missing: input.missing } : {}),
        },
      },
      ...actor,
    },
    options,
  );
}

/** HO-6: the giver withdraws a roll call nobody has received yet. */
export function withdrawHandover(
  db: SafetyRoundsDb,
  actor: Actor,
  id: string,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "handover.withdraw", args: { handover: { id } }, ...actor }, options);
}

/** HO-7: 已核实 — what was checked, which settles the dispute and closes its alert. */
export function resolveDispute(
  db: SafetyRoundsDb,
  actor: Actor,
  id: string,
  note: string,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "handover.resolve", args: { handover: { id, note } }, ...actor }, options);
}

/** HO-8: a pupil the roll call `id` marked away came back at `at` (ISO). */
export function markPupilBack(
  db: SafetyRoundsDb,
  actor: Actor,
  back: { id: string; pupilId: string; at: string; note?: string },
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "handover.markBack", args: { handover: back }, ...actor }, options);
}

/** RC-5: leave for a pupil, whole dates from..to. Returns the new leave's id. */
export async function recordLeave(
  db: SafetyRoundsDb,
  actor: Actor,
  leave: { pupilId: string; from: LocalDate; to: LocalDate; note: string },
  options: EditOptions = {},
): Promise<string> {
  const id = ulid((options.now ?? Date.now)());
  await mutate(db, { type: "leave.record", args: { leave: { ...leave, id } }, ...actor }, options);
  return id;
}

/** RC-5: cancelled leave no longer counts. */
export function cancelLeave(
  db: SafetyRoundsDb,
  actor: Actor,
  leaveId: string,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "leave.cancel", args: { leaveId }, ...actor }, options);
}

/** CU-2: an unaccounted pupil was found; the alert closes only with where and when. */
export function markFound(
  db: SafetyRoundsDb,
  actor: Actor,
  found: AlertFoundInput,
  options: EditOptions = {},
): Promise<string> {
  return mutate(db, { type: "alert.found", args: { found }, ...actor }, options);
}
