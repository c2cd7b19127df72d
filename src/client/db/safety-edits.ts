// Recording rounds, reporting hazards, taking a hazard's next step and closing the day, saved
// offline: each is one mutate() (outbox entry + view in one transaction, SYNC S1). The phone
// computes what the server will compute (the deadline) so the screen is right at once; the
// server's answer replaces it on the next pull.
import { ulid } from "ulidx";
import { alertMessage } from "../../domain/alert-message.ts";
import type { CriticalHazardFacts } from "../../domain/alerts.ts";
import { hazardDeadline } from "../../domain/hazard-deadline.ts";
import type { HazardAction } from "../../domain/hazard-machine.ts";
import { effectiveSettings, type StoredSettings } from "../../domain/school-settings.ts";
import type { DayCloseInput, HazardReportInput, RoundInput } from "../../protocol/safety.ts";
import type { SafetyRoundsDb } from "./db.ts";
import { mutate, type UrgentAlertInput } from "./mutation-store.ts";
import type { Actor } from "./reference-edits.ts";

export type { Actor };

export interface EditOptions {
  /** Phone clock, ms. */
  now?: () => number;
}

/** A new id for a round, hazard or day close (made on the phone, SYNC.md). */
export function newRecordId(now: number = Date.now()): string {
  return ulid(now);
}

/** Saves a round ("checked, nothing found" included); returns the mutationId. */
export function recordRound(db: SafetyRoundsDb, actor: Actor, round: RoundInput, options: EditOptions = {}) {
  return mutate(db, { type: "round.record", args: { round }, ...actor }, options);
}

export type NewHazard = Omit<HazardReportInput, "deadline" | "alertId">;

/** What a critical hazard's alert says besides the hazard itself (domain/alerts.ts AL-1..3). */
export interface CriticalAlertNames {
  areaName: string;
  /** Who reports it (or raises it to critical). */
  raisedByName: string;
}

/** A critical hazard's urgent alert, with its facts and their Chinese message. */
function criticalAlert(
  alertId: string,
  hazard: { id: string; areaId: string; place: string; description: string },
  names: CriticalAlertNames | undefined,
): UrgentAlertInput {
  const facts: CriticalHazardFacts = {
    kind: "critical_hazard",
    hazardId: hazard.id,
    areaId: hazard.areaId,
    areaName: names?.areaName ?? "",
    place: hazard.place,
    description: hazard.description.slice(0, 2000),
    raisedByName: names?.raisedByName ?? "",
  };
  return { alertId, kind: "critical_hazard", subjectId: hazard.id, message: alertMessage(facts), facts };
}

/**
 * Reports a hazard. A critical one also queues its urgent-lane alert in the same transaction
 * (sent ahead of any backlog, SYNC.md). Returns the mutationId.
 */
export function reportHazard(
  db: SafetyRoundsDb,
  actor: Actor,
  report: NewHazard,
  settings: StoredSettings,
  options: EditOptions & { alertNames?: CriticalAlertNames } = {},
): Promise<string> {
  const now = options.now ?? Date.now;
  const deadline = hazardDeadline(new Date(now()), effectiveSettings(settings)).toISOString();
  const alertId = report.severity === "critical" ? ulid(now()) : null;
  return mutate(
    db,
    {
      type: "hazard.report",
      args: { hazard: { ...report, deadline, alertId } },
      ...actor,
      ...(alertId ? { urgentAlert: criticalAlert(alertId, report, options.alertNames) } : {}),
    },
    options,
  );
}

/** Takes one step of a hazard's life (domain/hazard-machine.ts); returns the mutationId. */
export function actOnHazard(
  db: SafetyRoundsDb,
  actor: Actor,
  hazardId: string,
  action: HazardAction,
  options: EditOptions & {
    /** The hazard as the phone has it, for the alert's facts when this raises it to critical. */
    alertHazard?: { areaId: string; place: string; description: string } & CriticalAlertNames;
  } = {},
): Promise<string> {
  const now = options.now ?? Date.now;
  // Raising a hazard to critical alerts the principal and the admin at once, like reporting one.
  const alertId = action.kind === "raiseSeverity" && action.severity === "critical" ? ulid(now()) : null;
  return mutate(
    db,
    {
      type: "hazard.act",
      args: {
        hazardId,
        action: alertId && action.kind === "raiseSeverity" ? { ...action, alertId } : action,
      },
      ...actor,
      ...(alertId
        ? {
            urgentAlert: options.alertHazard
              ? criticalAlert(alertId, { id: hazardId, ...options.alertHazard }, options.alertHazard)
              : { alertId, kind: "critical_hazard" as const, subjectId: hazardId, message: "重大隐患" },
          }
        : {}),
    },
    options,
  );
}

/** Closes the day (the caller has checked dayCloseGaps first); returns the mutationId. */
export function closeDay(db: SafetyRoundsDb, actor: Actor, close: DayCloseInput, options: EditOptions = {}) {
  return mutate(db, { type: "day.close", args: { close }, ...actor }, options);
}
