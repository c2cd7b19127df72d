// `npm run bench`: every benchmark of shared/design/BENCHMARKS.md that exists so far, each
// printing one JSON line; ends with "N passed, N failed". Loopback and local databases only.
import { runB4 } from "./b4-ingest.ts";
import { report } from "./bench-kit.ts";

let passed = 0;
let failed = 0;
for (const run of [runB4]) {
  for (const result of await run()) {
    report(result);
    if (result.passed) passed++;
    else failed++;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
