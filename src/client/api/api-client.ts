// The phone's only door to the server. Every answer is parsed with the protocol schemas:
// an answer that is not our JSON (a captive portal's HTML login page with 200, a proxy's
// error page) counts as "no network", never as success (ARCHITECTURE: navigator.onLine
// proves nothing; only a valid response counts as online).
import type { z } from "zod";
import type { ImportProblem } from "../../protocol/csv-import.ts";

export type Wire = typeof import("./wire.ts");
let wire: Promise<Wire> | undefined;

/** The schemas chunk (zod + protocol); loaded once, on the first call or when idle. */
export function loadWire(): Promise<Wire> {
  wire ??= import("./wire.ts").catch((error: unknown) => {
    wire = undefined;
    throw new ApiError("network", 0, "network", `Could not load the app's schemas: ${String(error)}`);
  });
  return wire;
}

export const API_BASE = "/api/v1";
const TIMEOUT_MS = 20_000;

export type ApiErrorKind = "network" | "server";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status, 0 when no valid answer came back. */
    readonly status: number,
    /** The server's `error` code, or "network" / "timeout" / "bad_answer". */
    readonly code: string,
    message: string,
    readonly extra: { retryAfterSeconds?: number; field?: string; problems?: ImportProblem[] } = {},
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.kind === "network";
  }
}

/** What the last call told us about the network; shown on the "This phone" page. */
export interface ServerContact {
  /** ms since epoch of the last call's end, or null before the first call. */
  at: number | null;
  isReachable: boolean | null;
}

let contact: ServerContact = { at: null, isReachable: null };
const contactListeners = new Set<() => void>();

function noteContact(isReachable: boolean): void {
  contact = { at: Date.now(), isReachable };
  for (const listener of contactListeners) listener();
}

export const serverContact = {
  get: (): ServerContact => contact,
  subscribe(listener: () => void): () => void {
    contactListeners.add(listener);
    return () => contactListeners.delete(listener);
  },
};

export interface RequestOptions {
  token?: string | null;
  /** A JSON body (sets Content-Type: application/json). */
  json?: unknown;
  /** A raw body with its content type, e.g. a CSV file. */
  body?: { data: BodyInit; contentType: string };
  signal?: AbortSignal;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function createApiClient(options: { baseUrl?: string; fetch?: FetchLike } = {}) {
  const base = options.baseUrl ?? API_BASE;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.body) {
      headers["Content-Type"] = opts.body.contentType;
      body = opts.body.data;
    }
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
    const signal = opts.signal ? anySignal([opts.signal, timeout.signal]) : timeout.signal;
    try {
      return await doFetch(`${base}${path}`, {
        method,
        headers,
        body,
        signal,
        credentials: "omit",
        cache: "no-store",
      });
    } catch {
      noteContact(false);
      throw timeout.signal.aborted
        ? new ApiError("network", 0, "timeout", "The server did not answer in time")
        : new ApiError("network", 0, "network", "No network");
    } finally {
      clearTimeout(timer);
    }
  }

  /** Turns a non-2xx answer into an ApiError, or a network failure if it is not ours. */
  async function failure(response: Response): Promise<ApiError> {
    const { ErrorBody, ImportRefused } = await loadWire();
    const body = await readJson(response);
    const parsed = ErrorBody.safeParse(body);
    if (!parsed.success) {
      noteContact(false);
      return new ApiError(
        "network",
        response.status,
        "bad_answer",
        `Unexpected answer (HTTP ${response.status})`,
      );
    }
    noteContact(true);
    const retryAfter = Number(response.headers.get("Retry-After"));
    // ErrorBody strips unknown keys, so a refused import's `problems` are read from the raw body.
    const refused = ImportRefused.safeParse(body);
    return new ApiError("server", response.status, parsed.data.error, parsed.data.message, {
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      field: parsed.data.field,
      problems: refused.success ? refused.data.problems : undefined,
    });
  }

  return {
    /** A JSON call whose answer must match the schema `pick` chooses from the wire module. */
    async call<S extends z.ZodType>(
      method: string,
      path: string,
      pick: (wire: Wire) => S,
      opts: RequestOptions = {},
    ): Promise<z.infer<S>> {
      const schema = pick(await loadWire());
      const response = await send(method, path, opts, "application/json");
      if (!response.ok) throw await failure(response);
      const parsed = schema.safeParse(await readJson(response));
      if (!parsed.success) {
        noteContact(false);
        throw new ApiError("network", response.status, "bad_answer", "The answer was not from the server");
      }
      noteContact(true);
      return parsed.data;
    },

    /** A call answered with 204 No Content. */
    async callNoContent(method: string, path: string, opts: RequestOptions = {}): Promise<void> {
      const response = await send(method, path, opts, "application/json");
      if (!response.ok) throw await failure(response);
      if (response.status !== 204) {
        // A portal answers 200 with its own page; our server answers these with 204 only.
        noteContact(false);
        throw new ApiError("network", response.status, "bad_answer", "The answer was not from the server");
      }
      noteContact(true);
    },

    /** A file download (CSV template); the answer must say it is CSV. */
    async download(path: string, opts: RequestOptions = {}): Promise<Blob> {
      const response = await send("GET", path, opts, "text/csv");
      if (!response.ok) throw await failure(response);
      if (!(response.headers.get("Content-Type") ?? "").includes("text/csv")) {
        noteContact(false);
        throw new ApiError("network", response.status, "bad_answer", "The answer was not a CSV file");
      }
      noteContact(true);
      return response.blob();
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
export const api: ApiClient = createApiClient();

async function readJson(response: Response): Promise<unknown> {
  if (!(response.headers.get("Content-Type") ?? "").includes("application/json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort();
    else s.addEventListener("abort", () => controller.abort(), { once: true });
  }
  return controller.signal;
}
