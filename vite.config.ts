// Build of the phone app: React, and a generated service worker that precaches every chunk
// (lazy pages included) so the installed app opens offline. Updates wait for consent
// (registerType "prompt"); src/client/pwa/register-sw.ts registers it with workbox-window.
import { readFileSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};
const THEME_COLOR = "#0f766e";

/**
 * Feature pages grouped into one chunk per area of the school's work. Every chunk is precached
 * (offline from the first visit), and the budget counts each file gzipped on its own
 * (BENCHMARKS.md B3: all precached JS ≤ 365 KB): a few larger chunks of similar code compress
 * much better than sixty small ones (about 26 KB less), and one area's pages open without
 * further fetches. Only the pages themselves are grouped (not what they import), so shared
 * modules stay in their own chunks and no group drags in another's code.
 */
const FEATURE_GROUPS: Record<string, string[]> = {
  hazards: ["hazards", "board", "close-day", "ledger", "rounds", "report"],
  roster: ["roster", "duty", "swaps"],
  boarders: ["handovers", "boarders"],
  reports: ["summaries", "month", "commendation", "education"],
};
const BACKGROUND_COLOR = "#f3f6f5";

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    react(),
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      strategies: "generateSW",
      includeAssets: ["favicon.svg", "robots.txt", "icons/apple-touch-icon.png"],
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,webmanifest,woff2}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // First install only: take control at once so the first visit already works offline.
        // Updates still wait for consent (no skipWaiting).
        clientsClaim: true,
      },
      manifest: {
        id: "/",
        name: "安全巡查 Safety Rounds",
        short_name: "安全巡查",
        description: "寄宿制小学校园安全巡查 · Campus safety rounds for boarding primary schools",
        lang: "zh-CN",
        dir: "ltr",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
    }),
  ],
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8080", changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: Object.entries(FEATURE_GROUPS).map(([name, dirs]) => ({
            name,
            test: new RegExp(`src/client/features/(${dirs.join("|")})/`),
          })),
        },
      },
    },
  },
});
