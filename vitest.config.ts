import { defineConfig } from "vitest/config";

// One run covers unit (beside their modules), integration (in-process server, both stores),
// PostgreSQL (the local server) and browser tests (system Chromium on the built app).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "tests/**/*.test.ts"],
    exclude: ["node_modules", "dist", "tests/bench/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    allowOnly: false,
    passWithNoTests: false,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
