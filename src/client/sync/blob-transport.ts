// PUT and GET /api/v1/blobs/{sha256} over HTTP (docs/protocol.md "Photos"). Errors are the sync
// lane's (sync-errors.ts): a TransportError is "try again later", a RequestRefusedError (400
// hash_mismatch, 413, 415 not_an_image) is "this photo will never be accepted".
import type { BlobPutResponse } from "../../protocol/blobs.ts";
import type { FetchLike } from "./http-transport.ts";
import {
  AuthRequiredError,
  DeviceRevokedError,
  PasswordChangeRequiredError,
  RequestRefusedError,
  TransportError,
} from "./sync-errors.ts";

export interface BlobTransport {
  put(sha256: string, bytes: ArrayBuffer, mime: string, token: string): Promise<BlobPutResponse["status"]>;
  /** The stored photo, or undefined when this school has no such photo (404). */
  get(sha256: string, token: string): Promise<{ bytes: ArrayBuffer; mime: string } | undefined>;
}

export function createHttpBlobTransport(options: {
  fetch: FetchLike;
  baseUrl?: string;
  /** A 600 KB photo on a slow 2G/3G link; default 120 s. */
  timeoutMs?: number;
}): BlobTransport {
  const base = options.baseUrl ?? "/api/v1";
  const timeoutMs = options.timeoutMs ?? 120_000;

  async function send(path: string, init: RequestInit): Promise<{ response: Response; body: ArrayBuffer }> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      const response = await options.fetch(`${base}${path}`, {
        ...init,
        signal: timeout.signal,
        credentials: "omit",
      });
      return { response, body: await response.arrayBuffer() };
    } catch {
      throw timeout.signal.aborted
        ? new TransportError("timeout", "the server did not answer in time")
        : new TransportError("network", "no network");
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async put(sha256, bytes, mime, token) {
      const { response, body } = await send(`/blobs/${sha256}`, {
        method: "PUT",
        headers: { "Content-Type": mime, Authorization: `Bearer ${token}`, Accept: "application/json" },
        body: bytes,
        cache: "no-store",
      });
      const json = jsonOf(response, body);
      if (!response.ok) throw refusal(response, json);
      const answer = json as Partial<BlobPutResponse> | undefined;
      // Only our JSON naming this photo counts (a captive portal answers 200 with HTML).
      if (answer?.sha256 !== sha256 || (answer.status !== "stored" && answer.status !== "already_stored"))
        throw new TransportError("bad_answer", "the answer was not from the server", response.status);
      return answer.status;
    },
    async get(sha256, token) {
      const { response, body } = await send(`/blobs/${sha256}`, {
        method: "GET",
        headers: { Authorization: `Bearer ${token}` },
        // Fresh from the server, never through the HTTP cache (issue #16 §2): a phone that ran a
        // version whose photo answers were cacheable for a year may still hold such entries.
        cache: "no-store",
      });
      if (response.status === 404 && jsonOf(response, body) !== undefined) return undefined;
      if (!response.ok) throw refusal(response, jsonOf(response, body));
      const mime = response.headers.get("Content-Type") ?? "";
      if (!mime.startsWith("image/"))
        throw new TransportError("bad_answer", "the answer was not a photo", response.status);
      return { bytes: body, mime };
    },
  };
}

function jsonOf(response: Response, body: ArrayBuffer): unknown {
  if (!(response.headers.get("Content-Type") ?? "").includes("application/json")) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

function refusal(response: Response, json: unknown): Error {
  const error = json as { error?: unknown; message?: unknown; field?: unknown } | undefined;
  const isOurs = typeof error?.error === "string" && typeof error.message === "string";
  if (response.status >= 500 || !isOurs) {
    const seconds = Number(response.headers.get("Retry-After"));
    return new TransportError(
      response.status >= 500 ? "server" : "bad_answer",
      isOurs ? String(error?.message) : `unexpected answer (HTTP ${response.status})`,
      response.status,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    );
  }
  const code = String(error?.error);
  const message = String(error?.message);
  if (response.status === 401) return new AuthRequiredError(message, code);
  if (response.status === 403 && code === "device_revoked") return new DeviceRevokedError(message, code);
  if (response.status === 403 && code === "password_change_required")
    return new PasswordChangeRequiredError(message);
  return new RequestRefusedError(
    response.status,
    code,
    message,
    typeof error?.field === "string" ? error.field : undefined,
  );
}
