// `npm run bench`: every benchmark of shared/design/BENCHMARKS.md that exists so far, each
// printing one JSON line (followed by "# id vs peer: pass/FAIL — …" lines where a goal is judged
// against more than one peer); ends with "N passed, N failed". Loopback and local databases only.
import { runB1 } from "./b1-bulk-sync.ts";
import { runB2 } from "./b2-write-path.ts";
import { runB4 } from "./b4-ingest.ts";
import { report } from "./bench-kit.ts";

let passed = 0;
let failed = 0;
// BENCH=B1 (or B1,B4) runs only those.
const only = process.env.BENCH?.split(",").map((s) => s.trim().toUpperCase());
const all = { B1: runB1, B2: runB2, B4: runB4 };
for (const [id, run] of Object.entries(all)) {
  if (only && !only.includes(id)) continue;
  for (const result of await run()) {
    report(result);
    if (result.passed) passed++;
    else failed++;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
