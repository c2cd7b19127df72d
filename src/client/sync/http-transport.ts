// Push and pull over HTTP (POST /api/v1/sync/push and /pull) and the urgent lane (POST
// /api/v1/alerts). Every answer is parsed with the protocol schemas; anything that is not our
// JSON — a captive portal's HTML with 200, a truncated body, a proxy's error page — is a
// TransportError and never a verdict (ARCHITECTURE: only a valid response counts as online).
import type { z } from "zod";
import type {
  AlertRequest,
  AlertResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from "../../protocol/sync.ts";
import {
  AuthRequiredError,
  DeviceRevokedError,
  PasswordChangeRequiredError,
  RequestRefusedError,
  TransportError,
} from "./sync-errors.ts";

/** The server's answer to an alert: "received" the first time, "duplicate" for a repeat. */
export type AlertAnswer = z.infer<typeof AlertResponse>;

export interface SyncTransport {
  push(request: PushRequest, token: string): Promise<PushResponse>;
  pull(request: PullRequest, token: string): Promise<PullResponse>;
  /** The urgent lane: one alert, idempotent by its id (POST /api/v1/alerts). */
  sendAlert(request: AlertRequest, token: string): Promise<AlertAnswer>;
  /** Ends the session on the server; true when it is over (ended now, or already). */
  logout(token: string): Promise<boolean>;
  /** The schools that revoked this phone, asked with its key when no session is open. */
  deviceStatus?(request: { deviceId: string; deviceKey: string }): Promise<string[]>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
type SyncWire = typeof import("./sync-wire.ts");

let wire: Promise<SyncWire> | undefined;

export function loadSyncWire(): Promise<SyncWire> {
  wire ??= import("./sync-wire.ts").catch((error: unknown) => {
    wire = undefined;
    throw new TransportError("network", `could not load the sync schemas: ${String(error)}`);
  });
  return wire;
}

export interface HttpTransportOptions {
  fetch: FetchLike;
  /** Default "/api/v1". */
  baseUrl?: string;
  /** A push of 200 mutations on a slow 3G link takes a while; default 60 s. */
  timeoutMs?: number;
}

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const base = options.baseUrl ?? "/api/v1";
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function post<T>(
    path: string,
    body: unknown,
    token: string | null,
    pick: (w: SyncWire) => { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  ): Promise<T> {
    const w = await loadSyncWire();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(`${base}${path}`, {
        method: "POST",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
        signal: timeout.signal,
        credentials: "omit",
        cache: "no-store",
      });
      // Read the whole body inside the timeout: a connection cut mid-body is "no answer".
      text = await response.text();
    } catch {
      throw timeout.signal.aborted
        ? new TransportError("timeout", "the server did not answer in time")
        : new TransportError("network", "no network");
    } finally {
      clearTimeout(timer);
    }

    const json = parseJson(response, text);
    if (!response.ok) {
      const error = w.ErrorBody.safeParse(json);
      if (response.status >= 500 || !error.success) {
        throw new TransportError(
          response.status >= 500 ? "server" : "bad_answer",
          error.success ? error.data.message : `unexpected answer (HTTP ${response.status})`,
          response.status,
          retryAfterMs(response),
        );
      }
      if (response.status === 401) throw new AuthRequiredError(error.data.message, error.data.error);
      // Only this code means "wipe": any other 403 is an ordinary refusal.
      if (response.status === 403 && error.data.error === "device_revoked") {
        throw new DeviceRevokedError(error.data.message, error.data.error);
      }
      if (response.status === 403 && error.data.error === "password_change_required")
        throw new PasswordChangeRequiredError(error.data.message);
      throw new RequestRefusedError(
        response.status,
        error.data.error,
        error.data.message,
        error.data.field,
        retryAfterMs(response),
      );
    }
    const parsed = pick(w).safeParse(json);
    if (!parsed.success)
      throw new TransportError("bad_answer", "the answer was not from the server", response.status);
    return parsed.data;
  }

  return {
    push: (request, token) => post("/sync/push", request, token, (w) => w.PushResponse),
    pull: (request, token) => post("/sync/pull", request, token, (w) => w.PullResponse),
    sendAlert: (request, token) => post("/alerts", request, token, (w) => w.AlertResponse),
    deviceStatus: async (request) =>
      (await post("/auth/device", request, null, (w) => w.DeviceStatusResponse)).revokedSchoolIds,
    async logout(token) {
      try {
        const response = await options.fetch(`${base}/auth/logout`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}` },
          credentials: "omit",
          cache: "no-store",
        });
        return response.status === 204 || response.status === 401;
      } catch {
        return false;
      }
    },
  };
}

function parseJson(response: Response, text: string): unknown {
  if (!(response.headers.get("Content-Type") ?? "").includes("application/json")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
