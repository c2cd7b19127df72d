// The life of a hazard (SPEC §2, SYNC.md "Conflict policy"): reported → assigned →
// (controlled) → rectified → closed, or reopened. The server runs this to decide; the phone
// runs the same code to show a pending step before the server has answered. Pure: who acts,
// when, and what the hazard looks like are all arguments.
// Rule ids (cited by the tests):
//   HZ-S1 a step names the state it starts `from`; a step from a state the hazard is no longer
//         in is a conflict carrying the server's hazard, and the refused attempt stays in the
//         history ("history keeps both").
//   HZ-S2 the same step twice (the hazard is already where the step leads, and its last step
//         was the same one, an assignment to the same person) is a no-op; the repeat is kept in
//         the history, nothing else changes.
//   HZ-S3 rectifying needs an "after" photo, one that is not a photo of the hazard as found;
//         interim control needs the measures and a photo.
//   HZ-S4 close: only the reporter or an admin, and never the person who rectified it.
//   HZ-S5 reopen (from rectified or closed) returns the hazard to assigned, by the reporter or
//         an admin.
//   HZ-S6 severity only rises: concurrent changes end at the highest.
//   HZ-S7 a new deadline is set by an admin, on a hazard under interim control, in the future.
//   HZ-S8 who may do what (the table ACTION_RULES): assign — admin, area responsible person,
//         the assignee; rectify — the assignee, area responsible person, admin; control,
//         comment, raise severity — anyone on the staff; night owner — duty teacher or admin.
//   HZ-S9 only a person who may take a step (HZ-S8, against the hazard as it is now) adds to its
//         history, also a refused attempt (HZ-S1) or a repeat (HZ-S2): a stale step of anyone
//         else is forbidden, a step impossible from the state is a conflict that keeps nothing,
//         so nobody can grow a hazard by sending steps that are not theirs (issue #16 §6). The
//         history's length is bounded besides (src/protocol/limits.ts GROWING_LISTS).
import type { Role } from "./roles.ts";

export const HAZARD_STATES = ["reported", "assigned", "controlled", "rectified", "closed"] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

export const SEVERITIES = ["general", "major", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const HAZARD_STATE_LABELS: Record<HazardState, { zh: string; en: string }> = {
  reported: { zh: "已上报", en: "Reported" },
  assigned: { zh: "整改中", en: "Assigned" },
  controlled: { zh: "已管控", en: "Under interim control" },
  rectified: { zh: "已整改待验收", en: "Rectified, to verify" },
  closed: { zh: "已验收关闭", en: "Verified and closed" },
};

export const SEVERITY_LABELS: Record<Severity, { zh: string; en: string }> = {
  general: { zh: "一般", en: "General" },
  major: { zh: "较大", en: "Major" },
  critical: { zh: "重大", en: "Critical" },
};

/** Open: still needs work today (not rectified, not closed). */
export function isOpenState(state: HazardState): boolean {
  return state === "reported" || state === "assigned" || state === "controlled";
}

export function higherSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}

export interface PhotoNote {
  text: string;
  photos: string[];
  by: string;
  at: string;
}

export interface HazardEvent {
  /** The mutation that made it (ids from the phone), so a replay is recognisable. */
  id: string;
  kind: HazardActionKind | "report";
  by: string;
  /** When the person did it (phone clock, or the server's when the phone's is not trusted). */
  at: string;
  from?: HazardState;
  to?: HazardState;
  text?: string;
  photos?: string[];
  severity?: Severity;
  assigneeId?: string;
  deadline?: string;
  nightOwnerId?: string;
  /** HZ-S1: the step was refused; why. */
  refused?: string;
  /** HZ-S2: the same step again; kept, changing nothing. */
  isRepeat?: boolean;
}

export interface Hazard {
  id: string;
  areaId: string;
  /** Where exactly (e.g. "二楼东侧楼梯扶手"). */
  place: string;
  severity: Severity;
  description: string;
  /** "Before" photos (SHA-256 names). */
  photos: string[];
  reportedBy: string;
  foundAt: string;
  /** The round and checklist item it was found on, when found on a round. */
  roundId: string | null;
  checklistItemId: string | null;
  state: HazardState;
  assigneeId: string | null;
  deadline: string;
  /** Set when an admin moved the deadline (HZ-S7). */
  deadlineSetBy: string | null;
  control: PhotoNote | null;
  nightOwnerId: string | null;
  rectification: PhotoNote | null;
  closedBy: string | null;
  closedAt: string | null;
  /** The urgent-lane alert of a critical hazard. */
  alertId: string | null;
  history: HazardEvent[];
}

export type HazardAction =
  | { kind: "assign"; from: HazardState; assigneeId: string; text?: string }
  | { kind: "control"; from: HazardState; text: string; photos: string[] }
  | { kind: "rectify"; from: HazardState; text: string; photos: string[] }
  | { kind: "close"; from: HazardState; text?: string }
  | { kind: "reopen"; from: HazardState; text: string }
  | { kind: "comment"; text: string; photos: string[] }
  /** alertId: the urgent-lane alert the phone sent when raising to critical. */
  | { kind: "raiseSeverity"; severity: Severity; alertId?: string }
  | { kind: "setDeadline"; deadline: string; text: string }
  | { kind: "setNightOwner"; nightOwnerId: string };
export type HazardActionKind = HazardAction["kind"];
export const HAZARD_ACTION_KINDS = [
  "assign",
  "control",
  "rectify",
  "close",
  "reopen",
  "comment",
  "raiseSeverity",
  "setDeadline",
  "setNightOwner",
] as const satisfies readonly HazardActionKind[];

/** Who is acting, and how they stand to this hazard. */
export interface HazardActor {
  id: string;
  roles: readonly Role[];
}

export interface HazardContext {
  /** The responsible person of the hazard's area (a classroom: its class teacher). */
  areaResponsibleId: string | null;
}

type Relation = "admin" | "reporter" | "assignee" | "area_responsible" | "duty_teacher" | "anyone";

interface ActionRule {
  /** States the step may start from (undefined: any state). */
  from?: readonly HazardState[];
  to?: (from: HazardState) => HazardState;
  who: readonly Relation[];
}

/** HZ-S5, HZ-S8: the table of from × action × who. */
export const ACTION_RULES: Record<HazardActionKind, ActionRule> = {
  assign: {
    from: ["reported", "assigned", "controlled"],
    to: (from) => (from === "reported" ? "assigned" : from),
    who: ["admin", "area_responsible", "assignee"],
  },
  control: { from: ["reported", "assigned", "controlled"], to: () => "controlled", who: ["anyone"] },
  rectify: {
    from: ["reported", "assigned", "controlled"],
    to: () => "rectified",
    who: ["assignee", "area_responsible", "admin"],
  },
  close: { from: ["rectified"], to: () => "closed", who: ["reporter", "admin"] },
  reopen: { from: ["rectified", "closed"], to: () => "assigned", who: ["reporter", "admin"] },
  comment: { who: ["anyone"] },
  raiseSeverity: { from: ["reported", "assigned", "controlled", "rectified"], who: ["anyone"] },
  setDeadline: { from: ["controlled"], who: ["admin"] },
  setNightOwner: { from: ["reported", "assigned", "controlled"], who: ["duty_teacher", "admin"] },
};

function relationsOf(hazard: Hazard, actor: HazardActor, context: HazardContext): Set<Relation> {
  const out = new Set<Relation>(["anyone"]);
  if (actor.roles.includes("admin")) out.add("admin");
  if (actor.roles.includes("duty_teacher")) out.add("duty_teacher");
  if (hazard.reportedBy === actor.id) out.add("reporter");
  if (hazard.assigneeId === actor.id) out.add("assignee");
  if (context.areaResponsibleId === actor.id) out.add("area_responsible");
  return out;
}

export function mayAct(
  hazard: Hazard,
  kind: HazardActionKind,
  actor: HazardActor,
  context: HazardContext,
): boolean {
  const relations = relationsOf(hazard, actor, context);
  if (!ACTION_RULES[kind].who.some((r) => relations.has(r))) return false;
  // HZ-S4: whoever rectified it cannot sign it off, even an admin.
  if (kind === "close" && hazard.rectification?.by === actor.id) return false;
  return true;
}

/** The steps this person may take now (for the buttons on the hazard page). */
export function availableActions(
  hazard: Hazard,
  actor: HazardActor,
  context: HazardContext,
): HazardActionKind[] {
  return HAZARD_ACTION_KINDS.filter((kind) => {
    const rule = ACTION_RULES[kind];
    if (rule.from && !rule.from.includes(hazard.state)) return false;
    return mayAct(hazard, kind, actor, context);
  });
}

export interface StepMeta {
  /** The mutation id: names the history event. */
  id: string;
  actor: HazardActor;
  at: Date;
  context: HazardContext;
  /** The server checks who may act; the phone's preview does not (the server decides). */
  checkPermission: boolean;
}

export type StepOutcome =
  | { outcome: "applied"; hazard: Hazard }
  /** HZ-S2: nothing changed but the history. */
  | { outcome: "repeat"; hazard: Hazard }
  /** HZ-S1: `hazard` is the current one with the refused attempt in its history. */
  | { outcome: "conflict"; hazard: Hazard; message: string }
  | { outcome: "forbidden"; message: string }
  | { outcome: "invalid"; message: string };

function eventOf(action: HazardAction, meta: StepMeta, from: HazardState, to: HazardState): HazardEvent {
  const event: HazardEvent = { id: meta.id, kind: action.kind, by: meta.actor.id, at: meta.at.toISOString() };
  if ("from" in action) {
    event.from = from;
    event.to = to;
  }
  if ("text" in action && action.text) event.text = action.text;
  if ("photos" in action && action.photos.length > 0) event.photos = [...action.photos];
  if (action.kind === "raiseSeverity") event.severity = action.severity;
  if (action.kind === "assign") event.assigneeId = action.assigneeId;
  if (action.kind === "setDeadline") event.deadline = action.deadline;
  if (action.kind === "setNightOwner") event.nightOwnerId = action.nightOwnerId;
  return event;
}

/** Applies one step to a hazard: the whole state machine. */
export function applyHazardAction(hazard: Hazard, action: HazardAction, meta: StepMeta): StepOutcome {
  if (hazard.history.some((e) => e.id === meta.id)) return { outcome: "repeat", hazard };
  const rule = ACTION_RULES[action.kind];
  const labels = actionLabel(action.kind);
  const mayTake = !meta.checkPermission || mayAct(hazard, action.kind, meta.actor, meta.context);

  if ("from" in action) {
    const to = rule.to ? rule.to(action.from) : hazard.state;
    if (hazard.state !== action.from) {
      // HZ-S2: the same step already happened (another phone did it first).
      // Assigning to someone else is not the same step: the second assignee must not vanish
      // silently. HZ-S9: a person who may not take the step gets nothing in the history.
      if (!mayTake)
        return { outcome: "forbidden", message: forbiddenMessage(hazard, action.kind, meta.actor) };
      const last = [...hazard.history].reverse().find((e) => e.from !== undefined && !e.refused);
      const sameStep =
        last?.kind === action.kind &&
        last.from === action.from &&
        hazard.state === to &&
        (action.kind !== "assign" || last.assigneeId === action.assigneeId);
      if (sameStep) {
        const repeat = { ...eventOf(action, meta, action.from, to), isRepeat: true };
        return { outcome: "repeat", hazard: { ...hazard, history: [...hazard.history, repeat] } };
      }
      const message = `${labels.en}: the hazard is now "${hazard.state}", not "${action.from}" (someone acted first)`;
      const refused = { ...eventOf(action, meta, action.from, to), refused: message };
      return { outcome: "conflict", hazard: { ...hazard, history: [...hazard.history, refused] }, message };
    }
  }
  if (rule.from && !rule.from.includes(hazard.state)) {
    const message = `${labels.en} is not possible on a hazard that is "${hazard.state}"`;
    if (!mayTake) return { outcome: "conflict", hazard, message }; // HZ-S9
    const refused = { ...eventOf(action, meta, hazard.state, hazard.state), refused: message };
    return { outcome: "conflict", hazard: { ...hazard, history: [...hazard.history, refused] }, message };
  }
  if (!mayTake) return { outcome: "forbidden", message: forbiddenMessage(hazard, action.kind, meta.actor) };
  const problem = checkArguments(hazard, action, meta.at);
  if (problem) return { outcome: "invalid", message: problem };

  const from = hazard.state;
  const to = rule.to ? rule.to(from) : from;
  const at = meta.at.toISOString();
  const note = (text: string, photos: string[]): PhotoNote => ({
    text,
    photos: [...photos],
    by: meta.actor.id,
    at,
  });
  const next: Hazard = {
    ...hazard,
    state: to,
    history: [...hazard.history, eventOf(action, meta, from, to)],
  };
  switch (action.kind) {
    case "assign":
      next.assigneeId = action.assigneeId;
      break;
    case "control":
      next.control = note(action.text, action.photos);
      break;
    case "rectify":
      next.rectification = note(action.text, action.photos);
      break;
    case "close":
      next.closedBy = meta.actor.id;
      next.closedAt = at;
      break;
    case "reopen":
      next.rectification = null;
      next.closedBy = null;
      next.closedAt = null;
      break;
    case "raiseSeverity":
      next.severity = higherSeverity(hazard.severity, action.severity); // HZ-S6
      // The first critical alert stays the hazard's alert; a later one is the same alarm again.
      if (next.severity === "critical" && !next.alertId && action.alertId) next.alertId = action.alertId;
      break;
    case "setDeadline":
      next.deadline = new Date(action.deadline).toISOString();
      next.deadlineSetBy = meta.actor.id;
      break;
    case "setNightOwner":
      next.nightOwnerId = action.nightOwnerId;
      break;
    case "comment":
      break;
  }
  return { outcome: "applied", hazard: next };
}

function checkArguments(hazard: Hazard, action: HazardAction, at: Date): string | undefined {
  switch (action.kind) {
    case "rectify":
      if (action.photos.length === 0) return "rectify: an “after” photo is required"; // HZ-S3
      return action.photos.every((p) => hazard.photos.includes(p))
        ? "rectify: the “after” photo must show the fix, not the photo of the hazard as found"
        : undefined;
    case "control":
      if (action.text.trim() === "") return "control: describe the interim measures"; // HZ-S3
      return action.photos.length === 0 ? "control: a photo of the measures is required" : undefined;
    case "setDeadline": {
      const deadline = Date.parse(action.deadline);
      if (Number.isNaN(deadline)) return "setDeadline: the deadline is not a date-time";
      return deadline <= at.getTime() ? "setDeadline: the new deadline must be in the future" : undefined; // HZ-S7
    }
    case "reopen":
      return action.text.trim() === "" ? "reopen: say why it is reopened" : undefined;
    case "comment":
      return action.text.trim() === "" && action.photos.length === 0
        ? "comment: write something or add a photo"
        : undefined;
    default:
      return undefined;
  }
}

function forbiddenMessage(hazard: Hazard, kind: HazardActionKind, actor: HazardActor): string {
  if (kind === "close" && hazard.rectification?.by === actor.id)
    return "close: the person who rectified a hazard cannot close it; the reporter or an admin verifies it";
  const who = ACTION_RULES[kind].who.join(", ");
  return `${actionLabel(kind).en}: only ${who} may do this`;
}

export const ACTION_LABELS: Record<HazardActionKind | "report", { zh: string; en: string }> = {
  report: { zh: "上报", en: "Report" },
  assign: { zh: "指派", en: "Assign" },
  control: { zh: "临时管控", en: "Interim control" },
  rectify: { zh: "整改完成", en: "Rectify" },
  close: { zh: "验收关闭", en: "Verify and close" },
  reopen: { zh: "重新打开", en: "Reopen" },
  comment: { zh: "备注", en: "Comment" },
  raiseSeverity: { zh: "提高等级", en: "Raise severity" },
  setDeadline: { zh: "新的整改期限", en: "New deadline" },
  setNightOwner: { zh: "夜间负责人", en: "Night owner" },
};

export function actionLabel(kind: HazardActionKind | "report"): { zh: string; en: string } {
  return ACTION_LABELS[kind];
}

// ── Reporting ────────────────────────────────────────────────────────────────────────────

export interface HazardReport {
  id: string;
  areaId: string;
  place: string;
  severity: Severity;
  description: string;
  photos: string[];
  roundId: string | null;
  checklistItemId: string | null;
  assigneeId: string | null;
  alertId: string | null;
}

/**
 * A new hazard as reported (with its assignee, when one was named, it starts assigned). The
 * deadline comes from hazard-deadline.ts, computed by whoever calls (server authoritative).
 */
export function newHazard(
  report: HazardReport,
  meta: { id: string; by: string; foundAt: Date; deadline: Date },
): Hazard {
  const at = meta.foundAt.toISOString();
  const history: HazardEvent[] = [
    {
      id: meta.id,
      kind: "report",
      by: meta.by,
      at,
      to: "reported",
      severity: report.severity,
      ...(report.photos.length > 0 ? { photos: [...report.photos] } : {}),
    },
  ];
  if (report.assigneeId) {
    history.push({
      id: `${meta.id}:assign`,
      kind: "assign",
      by: meta.by,
      at,
      from: "reported",
      to: "assigned",
      assigneeId: report.assigneeId,
    });
  }
  return {
    id: report.id,
    areaId: report.areaId,
    place: report.place,
    severity: report.severity,
    description: report.description,
    photos: [...report.photos],
    reportedBy: meta.by,
    foundAt: at,
    roundId: report.roundId,
    checklistItemId: report.checklistItemId,
    state: report.assigneeId ? "assigned" : "reported",
    assigneeId: report.assigneeId,
    deadline: meta.deadline.toISOString(),
    deadlineSetBy: null,
    control: null,
    nightOwnerId: null,
    rectification: null,
    closedBy: null,
    closedAt: null,
    alertId: report.alertId,
    history,
  };
}

/** The person to suggest as assignee: the area's responsible person, else the general-affairs head. */
export function suggestAssignee(
  areaResponsibleId: string | null,
  generalAffairsHeadId: string | null,
): string | null {
  return areaResponsibleId ?? generalAffairsHeadId;
}
