// A misbehaving network between the real client transport (createHttpTransport) and the real
// server in-process (Hono's app.request). Per request it can pass, fail before the server sees
// it, let the server commit and then lose the answer, deliver it twice, hold it and deliver it
// later (a ghost), swap two concurrent requests, cut the answer's body, answer a captive
// portal's HTML with 200, or answer 503 itself. Decisions come from a script (next(...)) or,
// when the script is empty, from a seeded PRNG with per-mode rates, so a run is repeatable
// from its seed. Every decision is logged for the test to check and for failure messages.
import type { FetchLike } from "../../src/client/sync/http-transport.ts";

export type ChaosMode =
  /** Straight through. */
  | "pass"
  /** No network: the request never reaches the server. */
  | "fail-before"
  /** The server commits; the connection drops before the answer arrives (network error). */
  | "drop-response"
  /** The network delivers the request twice (a retrying proxy); the phone gets the second answer. */
  | "duplicate"
  /** The server commits; the answer's body is cut in half. */
  | "truncate"
  /** A captive portal answers with its HTML login page and status 200; the server never sees it. */
  | "html-200"
  /** A proxy or load balancer answers 503; the server never sees it. */
  | "status-503"
  /** The phone times out now; the request is stuck in the network and reaches the server later. */
  | "ghost"
  /** Held until the next request arrives, which is delivered first (two concurrent requests swap). */
  | "reorder";

export const CHAOS_MODES: readonly ChaosMode[] = [
  "pass",
  "fail-before",
  "drop-response",
  "duplicate",
  "truncate",
  "html-200",
  "status-503",
  "ghost",
  "reorder",
];

/** Something that answers requests like Hono's app.request (the server, possibly restarted). */
export interface ServerLike {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export interface ChaosLogEntry {
  n: number;
  path: string;
  mode: ChaosMode;
  /** How many times the request reached the server (so far, for ghosts and held requests). */
  deliveries: number;
  /** What the phone was given: an HTTP status, or "network-error". */
  answer: number | "network-error";
  /** For push requests: how many mutations the body carried. */
  mutations?: number;
  /** For push requests: the verdict statuses the server gave, per delivery (seen by the phone or not). */
  verdicts?: string[][];
}

export interface ChaosFetchOptions {
  /** Called per delivery, so a restarted server is picked up. */
  server: () => ServerLike;
  seed?: number;
  /** Per-mode probabilities for unscripted requests; the rest passes. */
  rates?: Partial<Record<Exclude<ChaosMode, "pass">, number>>;
  /** Which requests the random modes apply to (default: the sync endpoints). */
  appliesTo?: (path: string) => boolean;
  /** A "reorder" request waits at most this long for a partner, then goes alone (default 2 s). */
  reorderWaitMs?: number;
  /** Shared by several phones' networks, so a held request swaps with another phone's. */
  reorderGate?: ReorderGate;
}

/** Where a "reorder" request waits for the next request to overtake it. */
export interface ReorderGate {
  held?: { release: () => void } | undefined;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PORTAL_HTML =
  '<!doctype html><html><head><title>Wi-Fi login</title></head><body><form action="/portal"><input name="phone"><button>连接</button></form></body></html>';

interface Scripted {
  mode: ChaosMode;
  match: (path: string) => boolean;
}

export class ChaosFetch {
  readonly log: ChaosLogEntry[] = [];
  /** While false every request fails before reaching the server (airplane mode). */
  isOnline = true;
  private readonly random: () => number;
  private readonly script: Scripted[] = [];
  private rates: ChaosFetchOptions["rates"];
  private readonly appliesTo: (path: string) => boolean;
  private readonly reorderWaitMs: number;
  private readonly ghosts: Array<{ path: string; init: RequestInit; entry: ChaosLogEntry }> = [];
  private readonly gate: ReorderGate;
  private count = 0;

  constructor(private readonly options: ChaosFetchOptions) {
    this.random = seededRandom(options.seed ?? 1);
    this.rates = options.rates;
    this.appliesTo = options.appliesTo ?? ((path) => path.includes("/sync/"));
    this.reorderWaitMs = options.reorderWaitMs ?? 2_000;
    this.gate = options.reorderGate ?? {};
  }

  /** The function to hand to createHttpTransport({ fetch }). */
  readonly fetch: FetchLike = (input, init) => this.handle(input, init);

  /** The next request whose path contains `pathPart` (default: any) meets `mode`. */
  next(mode: ChaosMode, pathPart = ""): this {
    this.script.push({ mode, match: (path) => path.includes(pathPart) });
    return this;
  }

  setRates(rates: ChaosFetchOptions["rates"]): void {
    this.rates = rates;
  }

  /** Requests held as ghosts, not yet delivered. */
  get pendingGhosts(): number {
    return this.ghosts.length;
  }

  /** Delivers every ghost now (in the order they were held, or reversed); answers go nowhere. */
  async releaseGhosts(order: "fifo" | "lifo" = "fifo"): Promise<Response[]> {
    const held = this.ghosts.splice(0);
    if (order === "lifo") held.reverse();
    const answers: Response[] = [];
    for (const g of held) answers.push(await this.deliver(g.path, g.init, g.entry));
    return answers;
  }

  /** Requests of a path (e.g. "/sync/push"), for assertions. */
  entries(pathPart: string): ChaosLogEntry[] {
    return this.log.filter((e) => e.path.includes(pathPart));
  }

  describe(): string {
    return this.log
      .map((e) => {
        const size = e.mutations !== undefined ? ` (${e.mutations} mutations)` : "";
        const verdicts = e.verdicts ? ` ${JSON.stringify(e.verdicts)}` : "";
        return `#${e.n} ${e.path} ${e.mode} x${e.deliveries} → ${e.answer}${size}${verdicts}`;
      })
      .join("\n");
  }

  private pickMode(path: string): ChaosMode {
    const scripted = this.script.findIndex((s) => s.match(path));
    if (scripted >= 0) return (this.script.splice(scripted, 1)[0] as Scripted).mode;
    if (!this.appliesTo(path) || !this.rates) return "pass";
    // One draw per request keeps the sequence of decisions a function of the seed alone.
    let roll = this.random();
    for (const mode of CHAOS_MODES) {
      if (mode === "pass") continue;
      const rate = this.rates[mode as Exclude<ChaosMode, "pass">] ?? 0;
      if (roll < rate) return mode;
      roll -= rate;
    }
    return "pass";
  }

  private async handle(input: string, init: RequestInit): Promise<Response> {
    const path = toPath(input);
    // A scripted mode is used up even offline: "the next request" is this one.
    const picked = this.pickMode(path);
    const mode = this.isOnline ? picked : "fail-before";
    const entry: ChaosLogEntry = { n: ++this.count, path, mode, deliveries: 0, answer: "network-error" };
    const mutations = countMutations(path, init);
    if (mutations !== undefined) entry.mutations = mutations;
    this.log.push(entry);
    // A request waiting to be swapped goes right after this one, whatever this one meets (a
    // second "reorder" is the overtaking partner and goes straight through).
    const partner = this.gate.held;
    this.gate.held = undefined;
    try {
      return await this.run(mode === "reorder" && partner ? "pass" : mode, path, init, entry);
    } finally {
      partner?.release();
    }
  }

  private async run(
    mode: ChaosMode,
    path: string,
    init: RequestInit,
    entry: ChaosLogEntry,
  ): Promise<Response> {
    const networkError = () => new TypeError("Failed to fetch (chaos)");
    const delivered = () => this.deliver(path, init, entry);
    const answer = (response: Response) => {
      entry.answer = response.status;
      return response;
    };
    switch (mode) {
      case "pass":
        return answer(await delivered());
      case "fail-before":
        throw networkError();
      case "drop-response":
        await (await delivered()).arrayBuffer();
        throw networkError();
      case "duplicate": {
        await (await delivered()).arrayBuffer();
        return answer(await delivered());
      }
      case "truncate": {
        const response = await delivered();
        const text = await response.text();
        return answer(
          new Response(text.slice(0, Math.floor(text.length / 2)), {
            status: response.status,
            headers: { "content-type": response.headers.get("content-type") ?? "application/json" },
          }),
        );
      }
      case "html-200":
        return answer(new Response(PORTAL_HTML, { status: 200, headers: { "content-type": "text/html" } }));
      case "status-503":
        return answer(
          new Response("<html><body>503 Service Temporarily Unavailable</body></html>", {
            status: 503,
            headers: { "content-type": "text/html", "retry-after": "1" },
          }),
        );
      case "ghost":
        this.ghosts.push({ path, init, entry });
        throw networkError();
      case "reorder": {
        // Wait for the next request (or give up waiting), then go.
        let release!: () => void;
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        const timer = setTimeout(() => {
          if (this.gate.held?.release === release) this.gate.held = undefined;
          release();
        }, this.reorderWaitMs);
        this.gate.held = { release };
        await released;
        clearTimeout(timer);
        return answer(await delivered());
      }
    }
  }

  private async deliver(path: string, init: RequestInit, entry: ChaosLogEntry): Promise<Response> {
    // The phone's abort signal belongs to the phone's wait, not to the request in the network.
    const { signal: _signal, ...rest } = init;
    const response = await this.options.server().request(path, rest);
    entry.deliveries++;
    if (path.endsWith("/sync/push") && response.status === 200) {
      const body = (await response.clone().json()) as { results?: Array<{ status: string }> };
      entry.verdicts = [...(entry.verdicts ?? []), (body.results ?? []).map((r) => r.status)];
    }
    return response;
  }
}

export function createChaosFetch(options: ChaosFetchOptions): ChaosFetch {
  return new ChaosFetch(options);
}

function toPath(input: string): string {
  if (input.startsWith("/")) return input;
  const url = new URL(input);
  return `${url.pathname}${url.search}`;
}

function countMutations(path: string, init: RequestInit): number | undefined {
  if (!path.endsWith("/sync/push") || typeof init.body !== "string") return undefined;
  try {
    const body = JSON.parse(init.body) as { mutations?: unknown[] };
    return Array.isArray(body.mutations) ? body.mutations.length : undefined;
  } catch {
    return undefined;
  }
}
