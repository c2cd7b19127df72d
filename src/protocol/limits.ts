// Every size limit of the protocol in one place (docs/protocol.md "Limits"): the schemas in
// src/protocol/*.ts take their maximum lengths from here, the server's body reader its depth,
// and the server's record writer (src/server/storage/record-bounds.ts) the bounds of records
// that grow by appending. Generous for real use (a hazard with 200 history entries is fine),
// small enough that no record becomes megabytes (issue #16 §6). Kept free of zod so the phone
// can read a limit without loading the schemas.

/** Containers (objects, arrays) nested inside each other in any JSON body; the deepest real body has 8. */
export const MAX_JSON_DEPTH = 32;

/** Maximum length, in characters, of each kind of free text. */
export const TEXT_LIMITS = {
  /** A person's name (staff, pupil), as the CSV import has always checked it. */
  personName: 50,
  /** A login: 2–32 letters, digits, ".", "_" or "-". */
  login: 32,
  /** A phone number as stored (an 11-digit mobile, or a landline with area code and extension). */
  phone: 20,
  /** A student number (学号). */
  studentNo: 32,
  /** A class name such as "1班". */
  className: 20,
  /** A dorm room name such as "女生1室". */
  roomName: 30,
  /** A building, a bed (床位), a term's or a holiday's name. */
  shortLabel: 40,
  /** A name written by hand: who picked a pupil up, a rotation's name. */
  writtenName: 60,
  /** An area's name, a template's name. */
  title: 100,
  /** A checklist item's words, a place (二楼东侧楼梯扶手), a label in an alert. */
  label: 200,
  /** A short note: on a leave, a roll-call exception, a reminder, a swap step. */
  shortNote: 200,
  /** Why: a reason, a note on a hazard step. */
  reason: 500,
  /** A note, a comment, what was done. */
  note: 1000,
  /** A hazard's description, an addendum. */
  description: 2000,
  /** A class teacher's weekly summary. */
  summary: 4000,
} as const;
export type TextKind = keyof typeof TEXT_LIMITS;

/** Photos named by one record or step. */
export const MAX_PHOTOS = 9;

/** Largest record (one entity as stored, JSON) the server writes. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Lists that grow each time someone acts on a record, and how long each may become. A step past
 * the bound is refused with `too_large` (the record stays as it was; docs/protocol.md).
 */
export const GROWING_LISTS = {
  hazard: { history: 300 },
  dutySlot: { history: 200 },
  swap: { history: 50 },
  handover: { history: 200, returns: 200 },
  weeklySummary: { addenda: 50 },
} as const satisfies Record<string, Record<string, number>>;

// Fairness of a push (src/server/sync/push.ts): past either budget the server stops and answers
// the rest as `stopped: transient`; the phone sends it again at once. At least one mutation of
// each push is always applied, so every push makes progress.
/** Work one push request may do before it stops. */
export const PUSH_BUDGET = { ms: 2000, bytes: 1024 * 1024 } as const;
/** Work one push transaction (chunk) may do before it commits and the next begins. */
export const CHUNK_BUDGET = { ms: 500, bytes: 256 * 1024 } as const;

/** The urgent lane (POST /api/v1/alerts): new alerts per device per minute. A real emergency raises a handful. */
export const ALERTS_PER_DEVICE_PER_MINUTE = 20;

/** Photos decoded at once in one server process; an upload beyond this is answered 503. */
export const MAX_CONCURRENT_DECODES = 2;
/** Pixels a photo may decode to (the phone sends ≤ 1600 px on its long side, about 2.5 MP). */
export const MAX_IMAGE_PIXELS = 16_000_000;
