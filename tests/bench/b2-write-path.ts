// B2 (shared/design/BENCHMARKS.md): the phone write path in Chromium. The db stores the UI calls
// (applyPulledPage for an import; recordRound / reportHazard / actOnHazard → mutate: record +
// outbox in one transaction) against raw IndexedDB on the same page, interleaved, one warm-up,
// median of 5. Plus the board's reads over a year of a school's data at CPU ×4.
//
// The page is the system Chromium (never a downloaded one) on an on-disk profile, at the origin
// of the real server serving the production build (tests/support/start-server.ts; without dist/
// it serves an empty page instead and says so). The bench code — b2-page.ts, which imports the
// app's own modules from src/client/db — is bundled here with esbuild (minified, production) into
// a temp dir and handed to the page with page.route; it is never part of the app's build.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { openPhone } from "../support/phone.ts";
import { DIST_DIR, startTestServer } from "../support/start-server.ts";
import type { B2Page } from "./b2-page.ts";
import { type BenchResult, interleave, median, percentile } from "./bench-kit.ts";

// B2_QUICK=1: a smoke run of the harness (one short round each), not a measurement.
const isQuick = process.env.B2_QUICK === "1";
const SAVES_PER_ROUND = isQuick ? 30 : 200;
const ROUNDS = isQuick ? 1 : 5;
// B2_ONLY=import,saves,sixty,board runs only those parts (while working on one of them).
const only = process.env.B2_ONLY?.split(",").map((s) => s.trim());
const wants = (part: string) => !only || only.includes(part);

async function bundlePage(dir: string): Promise<void> {
  await build({
    entryPoints: [new URL("./b2-page.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    minify: true,
    sourcemap: false,
    outfile: join(dir, "b2.js"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  writeFileSync(
    join(dir, "b2.html"),
    '<!doctype html><meta charset="utf-8"><title>B2</title><script type="module" src="/__bench/b2.js"></script>',
  );
}

type Call = <K extends keyof B2Page>(
  name: K,
  ...args: Parameters<B2Page[K]>
) => Promise<Awaited<ReturnType<B2Page[K]>>>;

function caller(page: Page): Call {
  return (name, ...args) =>
    page.evaluate(
      ([n, a]) => {
        const b2 = (globalThis as unknown as { b2: Record<string, (...x: unknown[]) => unknown> }).b2;
        return (b2[n as string] as (...x: unknown[]) => unknown)(...(a as unknown[]));
      },
      [name, args] as const,
    ) as never;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function runB2(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "sr-b2-"));
  const notes: string[] = [];
  let staticDir: string | undefined;
  if (!existsSync(join(DIST_DIR, "index.html"))) {
    staticDir = join(dir, "static");
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>no build</title>");
    notes.push("dist/ was not built: the server served an empty page at the same origin");
  }
  await bundlePage(dir);
  const server = await startTestServer(staticDir ? { staticDir } : {});
  const phone = await openPhone();
  const results: BenchResult[] = [];
  try {
    const { page, context } = phone;
    await page.route(`${server.url}/__bench/**`, (route) => {
      const file = new URL(route.request().url()).pathname.replace("/__bench/", "");
      const body = readFileSync(join(dir, file));
      return route.fulfill({
        body,
        contentType: file.endsWith(".js") ? "text/javascript" : "text/html",
      });
    });
    await page.goto(`${server.url}/__bench/b2.html`);
    await page.waitForFunction(() => "b2" in globalThis);
    const call = caller(page);
    const cdp = await context.newCDPSession(page);
    const throttle = (rate: number) => cdp.send("Emulation.setCPUThrottlingRate", { rate });
    const browserVersion = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    notes.push(
      `Chromium ${browserVersion} headless, on-disk profile, ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB; IndexedDB durability "strict" on both sides (the app's setting)`,
    );

    // ----- import 10,000 records -----
    // Two raw peers: BENCHMARKS.md's (every record once, one transaction for all) and the
    // same rows our import writes (mirror + view + cursor, one transaction per page of 500).
    if (wants("import")) {
      const importSamples = await interleave(
        {
          ours: () => call("importOurs"),
          raw: () => call("importRaw"),
          rawSameRows: () => call("importRawSameRows"),
        },
        ROUNDS,
      );
      const importMedians = {
        ours: median(importSamples.ours ?? []),
        raw: median(importSamples.raw ?? []),
        rawSameRows: median(importSamples.rawSameRows ?? []),
      };
      const importRatio = importMedians.ours / importMedians.raw;
      const sameRowsRatio = importMedians.ours / importMedians.rawSameRows;
      await throttle(4);
      const oursLong = await call("importOursLongTasks");
      const rawLong = await call("importRawLongTasks");
      const sameLong = await call("importRawSameRowsLongTasks");
      await throttle(1);
      const longest = Math.max(0, ...oursLong.longTasks);
      const noLongTask = longest <= 50;
      const longText = `longest task of ours at CPU ×4 ${longest} ms (≤ 50)`;
      results.push({
        id: "B2-import",
        what: `import 10,000 round records (~${await call("importBytes")} B JSON each) into a fresh phone (ms): 20 pulled pages of 500 through applyPulledPage (mirror + view + cursor, one transaction per page) vs two raw IndexedDB peers: "raw" = BENCHMARKS.md's, a put loop of the 10,000 records in one transaction into one store; "rawSameRows" = the rows we write (10,000 mirror + 10,000 view rows + the cursor row per page) into the app's stores and indexes, one transaction per page of 500 (SYNC S5)`,
        samples: importSamples,
        medians: {
          ...importMedians,
          oursAtCpu4: round1(oursLong.result),
          rawAtCpu4: round1(rawLong.result),
          rawSameRowsAtCpu4: round1(sameLong.result),
        },
        ratios: {
          oursOverRaw: round2(importRatio),
          oursOverRawSameRows: round2(sameRowsRatio),
          longestTaskAtCpu4Ms: longest,
        },
        goal: "import ≤ 1.5× raw; at 4× CPU throttle no long task over 50 ms during import",
        passed: importRatio <= 1.5 && noLongTask,
        verdicts: [
          {
            against: "one-row raw (BENCHMARKS.md's peer)",
            passed: importRatio <= 1.5 && noLongTask,
            detail: `ours/raw ${round2(importRatio)}× (≤ 1.5×); ${longText}`,
          },
          {
            against: "same-rows raw (the rows we write, same transactions)",
            passed: sameRowsRatio <= 1.5 && noLongTask,
            detail: `ours/rawSameRows ${round2(sameRowsRatio)}× (≤ 1.5×); ${longText}`,
          },
        ],
        notes: [
          `long tasks at CPU ×4 during our import: ${oursLong.longTasks.length} (${oursLong.longTasks.join(", ") || "none"} ms); during the raw put loop: ${rawLong.longTasks.length} (${rawLong.longTasks.join(", ") || "none"} ms); during the same-rows raw import: ${sameLong.longTasks.length} (${sameLong.longTasks.join(", ") || "none"} ms)`,
          ...notes,
        ],
      });
    }

    // ----- 1,000 single saves -----
    // Two raw peers: BENCHMARKS.md's (the record alone, one put in a transaction of its own)
    // and the same rows a save writes (outbox entry, view row, counter row) in one transaction.
    if (wants("saves")) {
      await call("savesOurs", 60);
      await call("savesRaw", 60);
      await call("savesRawSameRows", 60);
      const saves: { ours: number[]; raw: number[]; rawSameRows: number[] } = {
        ours: [],
        raw: [],
        rawSameRows: [],
      };
      for (let r = 0; r < ROUNDS; r++) {
        saves.ours.push(...(await call("savesOurs", SAVES_PER_ROUND)));
        saves.raw.push(...(await call("savesRaw", SAVES_PER_ROUND)));
        saves.rawSameRows.push(...(await call("savesRawSameRows", SAVES_PER_ROUND)));
      }
      const p = (xs: number[], q: number) => round2(percentile(xs, q));
      const saveMedians = {
        oursP50: p(saves.ours, 50),
        rawP50: p(saves.raw, 50),
        rawSameRowsP50: p(saves.rawSameRows, 50),
        oursP95: p(saves.ours, 95),
        rawP95: p(saves.raw, 95),
        rawSameRowsP95: p(saves.rawSameRows, 95),
      };
      const p50Ratio = saveMedians.oursP50 / saveMedians.rawP50;
      const p95Ratio = saveMedians.oursP95 / saveMedians.rawP95;
      const p50Same = saveMedians.oursP50 / saveMedians.rawSameRowsP50;
      const p95Same = saveMedians.oursP95 / saveMedians.rawSameRowsP95;
      const detail = (a: number, b: number) => `p50 ${round2(a)}× (≤ 1.3×), p95 ${round2(b)}× (≤ 2×)`;
      results.push({
        id: "B2-single-saves",
        what: `${SAVES_PER_ROUND * ROUNDS} single saves (ms each), a round, a hazard report and a step on that hazard in turn, through recordRound / reportHazard / actOnHazard (mutate: record + outbox + view, one transaction) vs two raw IndexedDB peers: "raw" = BENCHMARKS.md's, a put of the record alone in a transaction of its own; "rawSameRows" = the rows the save writes (outbox entry, view row, per-school counter row; made with the app's own derivation outside the timing) into the app's stores and indexes in one transaction, no reads; ${ROUNDS} interleaved rounds of ${SAVES_PER_ROUND}`,
        samples: {
          oursRoundMedians: chunkMedians(saves.ours, SAVES_PER_ROUND),
          rawRoundMedians: chunkMedians(saves.raw, SAVES_PER_ROUND),
          rawSameRowsRoundMedians: chunkMedians(saves.rawSameRows, SAVES_PER_ROUND),
        },
        medians: saveMedians,
        ratios: {
          p50: round2(p50Ratio),
          p95: round2(p95Ratio),
          p50OverSameRows: round2(p50Same),
          p95OverSameRows: round2(p95Same),
        },
        goal: "single save p50 ≤ 1.3× raw, p95 ≤ 2× raw",
        passed: p50Ratio <= 1.3 && p95Ratio <= 2,
        verdicts: [
          {
            against: "one-row raw (BENCHMARKS.md's peer)",
            passed: p50Ratio <= 1.3 && p95Ratio <= 2,
            detail: detail(p50Ratio, p95Ratio),
          },
          {
            against: "same-rows raw (outbox + view + counter, one transaction, no reads)",
            passed: p50Same <= 1.3 && p95Same <= 2,
            detail: detail(p50Same, p95Same),
          },
        ],
        notes: [
          `where a save's time goes (medians of 100, ms): ${JSON.stringify(await call("profileSave", 100))} — save: recordRound; dexiePut1: one Dexie put in its own transaction; dexieEmpty6: an empty Dexie transaction over mutate's six tables; dexiePut3: two Dexie puts in one three-table transaction; rawPut / rawPut3: bare IndexedDB, one store / three stores; rawSameRows: a round save's three rows, bare IndexedDB in the app's schema; rawSameRowsWithReads: the same after the reads a save makes (account, counter, mirror row, outbox entries of the entity), bare IndexedDB`,
        ],
      });
    }

    // ----- 60 rows at once -----
    if (wants("sixty")) {
      const sixty = await interleave(
        {
          ours: () => call("sixtyOurs", 10),
          raw: () => call("sixtyRaw", 10),
          sixtyMutations: () => call("sixtyMutations", 1),
        },
        ROUNDS,
      );
      const sixtyMedians = {
        ours: round2(median(sixty.ours ?? [])),
        raw: round2(median(sixty.raw ?? [])),
        sixtyMutations: round1(median(sixty.sixtyMutations ?? [])),
      };
      const sixtyRatio = sixtyMedians.ours / sixtyMedians.raw;
      results.push({
        id: "B2-sixty-rows",
        what: "stand-in for a roll call of 60 pupils (roll call is issue #6): one save of a round with 60 checklist items (one mutation) vs a raw put of the 60 item rows in one transaction (ms, each sample the median of 10); 60 separate mutations back to back shown for comparison",
        samples: sixty,
        medians: sixtyMedians,
        ratios: {
          oursOverRaw: round2(sixtyRatio),
          sixtyMutationsOverRaw: round2(sixtyMedians.sixtyMutations / sixtyMedians.raw),
        },
        goal: "roll call of 60 pupils commits ≤ 2× a raw put of 60 rows",
        passed: sixtyRatio <= 2,
      });
    }

    // ----- the board over a year -----
    if (wants("board")) {
      const filled = await call("fillYear");
      await throttle(4);
      const counts = (await call("boardOursCold")).counts;
      const board = await interleave(
        {
          oursCold: async () => (await call("boardOursCold")).ms,
          rawCold: () => call("boardRawCold"),
          oursWarm: () => call("boardOursWarm"),
          rawWarm: () => call("boardRawWarm"),
        },
        ROUNDS,
      );
      await throttle(1);
      await call("dropYear");
      const boardMedians = Object.fromEntries(Object.entries(board).map(([k, v]) => [k, round1(median(v))]));
      results.push({
        id: "B2-board-year",
        what: `the board's reads (school, staff, areas, classes, the day's rounds, open hazards, hazards to verify, sync state) over a year of one school's data — ${filled.rounds} rounds (200 school days × 40 areas × 3) and ${filled.hazards} hazards, ${filled.viewRows} view rows, filled through applyPulledPage in ${round1(filled.ms / 1000)} s — at CPU ×4 (ms); cold = the database opened just before, warm = already open; peer: the same reads with bare IndexedDB on the same indexes`,
        samples: board,
        medians: boardMedians,
        ratios: {
          coldOursOverRaw: round2((boardMedians.oursCold as number) / (boardMedians.rawCold as number)),
          warmOursOverRaw: round2((boardMedians.oursWarm as number) / (boardMedians.rawWarm as number)),
        },
        goal: "board with a year of data ready ≤ 1 s at CPU ×4 (its data reads; B3 measures the whole page)",
        passed: (boardMedians.oursCold as number) <= 1000,
        notes: [`one board read returns ${JSON.stringify(counts)}`],
      });
    }
  } finally {
    await phone.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function chunkMedians(xs: number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i += size) out.push(round2(median(xs.slice(i, i + size))));
  return out;
}
