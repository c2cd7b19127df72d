// The roll-call page's logic, pure so the taps can be counted in a test: everyone expected is
// present by default (RC-2); one tap on a pupil opens the choice of reason, one tap on a reason
// marks them (请假 and 生病 at once; 家长接走 asks who and when — one more tap on 父亲/母亲/祖父母;
// 下落不明 asks for one confirmation, after which the page saves the roll call right away so the
// alert goes out at once). SPEC §3: a 60-pupil room with two exceptions takes at most six taps
// plus the hand-over; every action of the reducer below is one tap.
import type { RollCallList } from "../../../domain/custody.ts";
import {
  type ExceptionReason,
  type RollCall,
  type RollCallException,
  type RollCallPupil,
  rollCallCounts,
} from "../../../domain/roll-call.ts";

export type Sheet =
  | { step: "closed" }
  | { step: "choose"; pupilId: string }
  | { step: "pickup"; pupilId: string }
  | { step: "confirmUnaccounted"; pupilId: string };

export interface RollCallState {
  /** Exceptions by pupil; a pupil not here is present. */
  marks: ReadonlyMap<string, RollCallException>;
  sheet: Sheet;
  /** Taps so far (each action is one). */
  taps: number;
  /** Set by confirming 下落不明: the page must raise the pupil's alert now (SPEC §3: at once). */
  mustSaveNow: boolean;
}

export type RollCallAction =
  | { type: "tapPupil"; pupilId: string }
  | { type: "chooseReason"; reason: ExceptionReason }
  | { type: "markPresent" }
  | { type: "pickedUp"; by: string; at: string }
  | { type: "confirmUnaccounted" }
  | { type: "close" };

/** A fresh roll call, or a correction (HO-6) starting from the marks given before. */
export function initialRollCall(marks: readonly RollCallException[] = []): RollCallState {
  return {
    marks: new Map(marks.map((m) => [m.pupilId, m])),
    sheet: { step: "closed" },
    taps: 0,
    mustSaveNow: false,
  };
}

function withMark(
  state: RollCallState,
  exception: RollCallException,
): ReadonlyMap<string, RollCallException> {
  const marks = new Map(state.marks);
  marks.set(exception.pupilId, exception);
  return marks;
}

export function rollCallReducer(state: RollCallState, action: RollCallAction): RollCallState {
  const tapped = { ...state, taps: state.taps + 1 };
  const sheet = state.sheet;
  switch (action.type) {
    case "tapPupil":
      return { ...tapped, sheet: { step: "choose", pupilId: action.pupilId } };
    case "close":
      return { ...tapped, sheet: { step: "closed" } };
    case "markPresent": {
      if (sheet.step === "closed") return state;
      const marks = new Map(state.marks);
      marks.delete(sheet.pupilId);
      return { ...tapped, marks, sheet: { step: "closed" } };
    }
    case "chooseReason": {
      if (sheet.step !== "choose") return state;
      if (action.reason === "picked_up")
        return { ...tapped, sheet: { step: "pickup", pupilId: sheet.pupilId } };
      if (action.reason === "unaccounted")
        return { ...tapped, sheet: { step: "confirmUnaccounted", pupilId: sheet.pupilId } };
      return {
        ...tapped,
        marks: withMark(state, { pupilId: sheet.pupilId, reason: action.reason }),
        sheet: { step: "closed" },
      };
    }
    case "pickedUp": {
      if (sheet.step !== "pickup" || !action.by.trim() || !action.at) return state;
      return {
        ...tapped,
        marks: withMark(state, {
          pupilId: sheet.pupilId,
          reason: "picked_up",
          pickedUpBy: action.by.trim(),
          pickedUpAt: action.at,
        }),
        sheet: { step: "closed" },
      };
    }
    case "confirmUnaccounted": {
      if (sheet.step !== "confirmUnaccounted") return state;
      return {
        ...tapped,
        marks: withMark(state, { pupilId: sheet.pupilId, reason: "unaccounted" }),
        sheet: { step: "closed" },
        mustSaveNow: true,
      };
    }
  }
}

/**
 * The roll call to give from its list (custody.ts CU-7): exceptions in list order, only for
 * pupils still expected; those away are recorded apart with their reason.
 */
export function rollCallOf(
  list: Pick<RollCallList<{ id: string }>, "expected" | "onLeave" | "away">,
  marks: ReadonlyMap<string, RollCallException>,
): RollCall {
  const exceptions: RollCallException[] = [];
  for (const p of list.expected) {
    const mark = marks.get(p.id);
    if (mark) exceptions.push(mark);
  }
  return {
    expected: list.expected.map((p) => p.id),
    onLeave: list.onLeave.map((p) => p.id),
    ...(list.away.length > 0
      ? { away: list.away.map((a) => ({ pupilId: a.pupil.id, reason: a.away.reason })) }
      : {}),
    exceptions,
  };
}

/** RC-3 for the sticky bar: the counts and whether they add up. */
export function barCounts(rollCall: RollCall) {
  const counts = rollCallCounts(rollCall);
  const sum = counts.present + counts.leave + counts.sick + counts.picked_up + counts.unaccounted;
  return { ...counts, addsUp: sum === counts.expected };
}

/**
 * The filter: by name (any part), seat/bed number or pinyin initials ("wxm" for 王小明).
 * `initials` is undefined until the initials module has loaded; the name still matches meanwhile.
 */
export function matchesFilter(
  pupil: Pick<RollCallPupil, "name" | "studentNo" | "bed">,
  query: string,
  initials?: string,
): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (pupil.name.includes(q)) return true;
  if (/^\d+$/.test(q) && (pupil.studentNo.endsWith(q) || (pupil.bed ?? "").startsWith(q))) return true;
  return initials !== undefined && /^[a-z]+$/.test(q) && initials.includes(q);
}

/** Seat or bed to show in the row: the bed in a room, the student number's last digits in a class. */
export function placeOf(
  pupil: Pick<RollCallPupil, "studentNo" | "bed">,
  groupKind: "class" | "room",
): string {
  if (groupKind === "room") return pupil.bed ?? "";
  return pupil.studentNo.slice(-2);
}

/** Today's clock as HH:mm → ISO on the same local day (the pickup's time field). */
export function pickupIso(now: Date, hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return now.toISOString();
  const at = new Date(now);
  at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return at.toISOString();
}
