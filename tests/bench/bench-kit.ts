// Shared rules of every benchmark (shared/design/BENCHMARKS.md): peers measured in the same
// run, interleaved A B A B, one warm-up, median of at least 5; results as one JSON line each.
export interface Sample {
  [side: string]: number;
}

export interface BenchResult {
  id: string;
  what: string;
  samples: Record<string, number[]>;
  medians: Record<string, number>;
  ratios: Record<string, number>;
  goal: string;
  /** The verdict against the benchmark table's peers as written (the first of `verdicts`). */
  passed: boolean;
  /**
   * When a goal is judged against more than one peer (B2: BENCHMARKS.md's one-row raw peers and
   * a same-rows raw peer), one verdict per peer; each is printed on a line of its own.
   */
  verdicts?: Verdict[];
  notes?: string[];
}

export interface Verdict {
  /** Which peer, e.g. "one-row raw". */
  against: string;
  passed: boolean;
  /** The figures it was judged on, e.g. "p50 3.70× (≤ 1.3×), p95 2.53× (≤ 2×)". */
  detail: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

/** Runs each side once as warm-up, then `rounds` interleaved rounds; returns ms per side. */
export async function interleave(
  sides: Record<string, () => Promise<number>>,
  rounds = 5,
): Promise<Record<string, number[]>> {
  const names = Object.keys(sides);
  for (const n of names) await (sides[n] as () => Promise<number>)();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) samples[n]?.push(await (sides[n] as () => Promise<number>)());
  }
  return samples;
}

export function report(r: BenchResult) {
  process.stdout.write(`${JSON.stringify(r)}\n`);
  for (const v of r.verdicts ?? [])
    process.stdout.write(`# ${r.id} vs ${v.against}: ${v.passed ? "pass" : "FAIL"} — ${v.detail}\n`);
}

/** Deterministic pseudo-random numbers (mulberry32), so every side gets the same data. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
