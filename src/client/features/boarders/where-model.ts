// "Where is this pupil's responsible adult now" (SPEC §3, issue #6 §4) as the /where page needs
// it: finding a pupil by name, student number or pinyin initials; the domain's answer
// (custody.ts custodyAt, CU-1..5) turned into what the card shows — the adults with their role
// and phone, or why nobody at school holds the pupil, and how that was decided; the pupil's
// roll-call exceptions over the term; a class's or room's recent hand-overs. Pure: the page
// passes the clock, the records it read and a way to name people.
import type { Custody, CustodyVia } from "../../../domain/custody.ts";
import type { Handover, HandoverKind } from "../../../domain/handover.ts";
import type { HolderRole } from "../../../domain/responsible.ts";
import {
  type ExceptionReason,
  type RollCallGroup,
  type RollCallPupil,
  rollCallCounts,
} from "../../../domain/roll-call.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";

export interface SearchablePupil extends RollCallPupil {}

const numeric = new Intl.Collator("zh-CN", { numeric: true });

/**
 * Pupils matching a query: by name (contains), student number (contains, digits) or pinyin
 * initials (starts with; `initialsOf` is loaded lazily and may be absent for the first keys).
 * Exact names first, then names starting with the query, then the rest by student number.
 */
export function searchPupils<P extends SearchablePupil>(
  pupils: readonly P[],
  query: string,
  initialsOf: ((name: string) => string) | null,
  limit = 12,
): { matches: P[]; more: number } {
  const q = query.trim().toLowerCase();
  if (!q) return { matches: [], more: 0 };
  const isLatin = /^[a-z]+$/.test(q);
  const rank = (p: P): number => {
    if (p.name === q) return 0;
    if (p.name.startsWith(q)) return 1;
    if (p.name.includes(q)) return 2;
    if (/^\d+$/.test(q) && p.studentNo.includes(q)) return p.studentNo.endsWith(q) ? 3 : 4;
    if (isLatin && initialsOf?.(p.name).startsWith(q)) return 5;
    return -1;
  };
  const ranked = pupils
    .map((p) => ({ p, r: rank(p) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || numeric.compare(a.p.studentNo, b.p.studentNo));
  return { matches: ranked.slice(0, limit).map((x) => x.p), more: Math.max(0, ranked.length - limit) };
}

export interface PersonInfo {
  name: string;
  phone: string | null;
}
export type People = (staffId: string) => PersonInfo | undefined;

export type RoleWord = "classTeacher" | "subjectTeacher" | "duty" | "eveningDuty" | "caretaker" | "holiday";

export interface CustodyPerson {
  staffId: string;
  name: string;
  phone: string | null;
  role: RoleWord;
}

/** How the answer was decided, for the line under the names. */
export type CustodyHow =
  | { kind: "roster" }
  | { kind: "class_teacher_until_dismissal" }
  | { kind: "evening_until_bedtime" }
  | { kind: "dismissal_receiver" | "bedtime_receiver"; name: string; at: string }
  | { kind: "marked"; handoverKind: HandoverKind; name: string; at: string };

export type CustodyCard =
  | { state: "held"; people: CustodyPerson[]; how: CustodyHow }
  /** Nobody on the roster now (a gap): as loud as unaccounted. */
  | { state: "nobody"; how: CustodyHow }
  | { state: "picked_up"; who: string; at: string | null; note: string; how: CustodyHow }
  | { state: "sick"; note: string; how: CustodyHow }
  | { state: "unaccounted"; note: string; how: CustodyHow }
  | { state: "on_leave"; from: LocalDate | null; to: LocalDate | null; note: string }
  | { state: "gone_home" };

function roleOf(role: HolderRole, via: CustodyVia): RoleWord {
  if (role === "duty")
    return via === "dismissal_receiver" || via === "evening_until_bedtime" ? "eveningDuty" : "duty";
  return role;
}

/** The card for custodyAt()'s answer; `handovers` are those it was given (to name the marker). */
export function custodyCard(custody: Custody, handovers: readonly Handover[], people: People): CustodyCard {
  const nameOf = (id: string | undefined) => (id ? (people(id)?.name ?? "") : "");
  switch (custody.kind) {
    case "on_leave":
      return { state: "on_leave", from: custody.leave.from, to: custody.leave.to, note: custody.leave.note };
    case "gone_home":
      return { state: "gone_home" };
    case "exception": {
      const h = handovers.find((x) => x.id === custody.handoverId);
      const how: CustodyHow = {
        kind: "marked",
        handoverKind: h?.kind ?? "dismissal",
        name: nameOf(h?.give?.by),
        at: custody.at,
      };
      const note = custody.exception.note ?? "";
      if (custody.reason === "picked_up")
        return {
          state: "picked_up",
          who: custody.exception.pickedUpBy ?? "",
          at: custody.exception.pickedUpAt ?? null,
          note,
          how,
        };
      if (custody.reason === "sick") return { state: "sick", note, how };
      if (custody.reason === "unaccounted") return { state: "unaccounted", note, how };
      // Marked on leave at the roll call, without leave recorded ahead: away, dates unknown.
      return { state: "on_leave", from: null, to: null, note };
    }
    case "held": {
      const isReceiver = custody.via === "dismissal_receiver" || custody.via === "bedtime_receiver";
      const how: CustodyHow =
        isReceiver && custody.since
          ? {
              kind: custody.via as "dismissal_receiver",
              name: nameOf(custody.holders[0]?.staffId),
              at: custody.since,
            }
          : isReceiver
            ? { kind: "roster" }
            : { kind: custody.via as "roster" };
      const seen = new Set<string>();
      const list: CustodyPerson[] = [];
      for (const h of custody.holders) {
        if (seen.has(h.staffId)) continue;
        seen.add(h.staffId);
        const p = people(h.staffId);
        list.push({
          staffId: h.staffId,
          name: p?.name ?? "",
          phone: p?.phone?.trim() ? p.phone.trim() : null,
          role: roleOf(h.role, custody.via),
        });
      }
      return list.length === 0 ? { state: "nobody", how } : { state: "held", people: list, how };
    }
  }
}

/**
 * CU-2: pupils whose unaccounted alert raised on `date` (school time zone) has been resolved as
 * found, and who have no alert still open that day.
 */
export function foundSubjects(
  alerts: readonly { kind: string; subjectId: string; status: string; clientCreatedAt: string }[],
  dateOf: (iso: string) => LocalDate,
  date: LocalDate,
): Set<string> {
  const resolved = new Set<string>();
  const open = new Set<string>();
  for (const a of alerts) {
    if (a.kind !== "unaccounted_pupil" || dateOf(a.clientCreatedAt) < date) continue;
    (a.status === "resolved" ? resolved : open).add(a.subjectId);
  }
  for (const id of open) resolved.delete(id);
  return resolved;
}

export interface ExceptionRow {
  date: LocalDate;
  reason: ExceptionReason;
  /** The roll calls that marked it that day, in the day's order (dismissal, bedtime, bed checks). */
  kinds: HandoverKind[];
  note: string;
  pickedUpBy: string | null;
  pickedUpAt: string | null;
  /** Who gave the first roll call that marked it. */
  by: string;
  at: string;
}

const KIND_ORDER: Record<HandoverKind, number> = { dismissal: 0, bedtime: 1, bedCheck: 2 };

/**
 * The pupil's exceptions over the term ("exceptions per pupil over a term"), newest first: one
 * row per date and reason, the same reason at dismissal and at bedtime counted once. Leave the
 * roll call listed apart (RC-1) shows as "leave".
 */
export function pupilExceptions(handovers: readonly Handover[], pupilId: string): ExceptionRow[] {
  const rows = new Map<string, ExceptionRow>();
  const sorted = [...handovers]
    .filter((h) => h.give)
    .sort((a, b) => a.date.localeCompare(b.date) || (a.give?.at ?? "").localeCompare(b.give?.at ?? ""));
  for (const h of sorted) {
    const give = h.give;
    if (!give) continue;
    const e = give.rollCall.expected.includes(pupilId)
      ? give.rollCall.exceptions.find((x) => x.pupilId === pupilId)
      : undefined;
    const reason: ExceptionReason | null = e
      ? e.reason
      : give.rollCall.onLeave.includes(pupilId)
        ? "leave"
        : null;
    if (!reason) continue;
    const key = `${h.date}|${reason}`;
    const row = rows.get(key);
    if (row) {
      if (!row.kinds.includes(h.kind)) row.kinds.push(h.kind);
      continue;
    }
    rows.set(key, {
      date: h.date,
      reason,
      kinds: [h.kind],
      note: e?.note ?? "",
      pickedUpBy: e?.pickedUpBy ?? null,
      pickedUpAt: e?.pickedUpAt ?? null,
      by: give.by,
      at: give.at,
    });
  }
  for (const row of rows.values()) row.kinds.sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);
  return [...rows.values()].sort((a, b) => b.date.localeCompare(a.date) || b.at.localeCompare(a.at));
}

export interface HistoryRow {
  id: string;
  date: LocalDate;
  kind: HandoverKind;
  giverId: string | null;
  receiverId: string | null;
  givenAt: string | null;
  receivedAt: string | null;
  expected: number;
  present: number;
  /** Everyone expected but not present (leave, sick, picked up, unaccounted). */
  exceptions: number;
  unaccounted: number;
  /** The receiver's count (HO-3), when received. */
  receivedCount: number | null;
  state: Handover["state"];
  late: boolean;
}

/** "History per class and room per night": the group's hand-overs and bed checks, newest first. */
export function groupHistory(handovers: readonly Handover[], group: RollCallGroup): HistoryRow[] {
  const same = (g: RollCallGroup) =>
    g.kind === group.kind &&
    (g.kind === "class"
      ? g.classId === (group as { classId: string }).classId
      : g.roomId === (group as { roomId: string }).roomId);
  return handovers
    .filter((h) => same(h.group))
    .map((h) => {
      const counts = h.give ? rollCallCounts(h.give.rollCall) : null;
      return {
        id: h.id,
        date: h.date,
        kind: h.kind,
        giverId: h.give?.by ?? null,
        receiverId: h.receive?.by ?? null,
        givenAt: h.give?.at ?? null,
        receivedAt: h.receive?.at ?? null,
        expected: counts?.expected ?? 0,
        present: counts?.present ?? 0,
        exceptions: counts ? counts.expected - counts.present : 0,
        unaccounted: counts?.unaccounted ?? 0,
        receivedCount: h.receive?.count ?? null,
        state: h.state,
        late: h.late,
      };
    })
    .sort(
      (a, b) =>
        b.date.localeCompare(a.date) ||
        KIND_ORDER[b.kind] - KIND_ORDER[a.kind] ||
        (b.givenAt ?? "").localeCompare(a.givenAt ?? ""),
    );
}
