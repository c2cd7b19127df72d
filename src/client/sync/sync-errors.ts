// What can go wrong on the wire, as the engine needs to tell it apart. None of these is a
// verdict: an outbox entry leaves only on a per-mutation verdict (SYNC S2).

/** No valid answer: no network, a timeout, a 5xx, or something that is not our JSON (a captive
 * portal's HTML with 200, a truncated body). Retry later with backoff. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(
    readonly kind: "network" | "timeout" | "server" | "bad_answer",
    message: string,
    /** HTTP status, 0 when no answer came back. */
    readonly status = 0,
    /** From Retry-After, when the server said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** 401: the token expired or the session was ended. Pause this person's work; drop nothing. */
export class AuthRequiredError extends Error {
  override readonly name = "AuthRequiredError";
  constructor(
    message: string,
    readonly code = "unauthenticated",
  ) {
    super(message);
  }
}

/** 403: the server refuses this device (revoked by an admin) or this account here. */
export class DeviceRevokedError extends Error {
  override readonly name = "DeviceRevokedError";
  constructor(
    message: string,
    readonly code = "forbidden",
  ) {
    super(message);
  }
}

/** 403 password_change_required: this person logged in with a one-time password and must
 * choose a new one before their session may sync. Their work waits; nothing is dropped. */
export class PasswordChangeRequiredError extends Error {
  override readonly name = "PasswordChangeRequiredError";
  readonly code = "password_change_required";
}

/** Another 4xx from our server (400 malformed, 413 too large, 426 app too old, 429 too often): a
 * bug, an outdated app or a pause, not a network problem. The entries stay pending. */
export class RequestRefusedError extends Error {
  override readonly name = "RequestRefusedError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** From Retry-After (429: sent too often), when the server said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
