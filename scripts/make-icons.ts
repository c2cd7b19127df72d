// Draws the app icon (a shield with a check mark and the glyph 安) as SVG and renders the PNG
// sizes with the system Chromium. Run by hand when the icon changes — `npx tsx
// scripts/make-icons.ts` — and commit the PNGs; the build never runs it.
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const THEME = "#0f766e";
const THEME_DARK = "#0b5d56";
const LIGHT = "#ffffff";
const ACCENT = "#fbbf24";

/** The shield, drawn on a 512 × 512 canvas; `scale` shrinks it around the centre. */
function shield(scale: number): string {
  const offset = (512 * (1 - scale)) / 2;
  return `
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="M256 40 L440 104 V232 C440 344 366 428 256 472 C146 428 72 344 72 232 V104 Z"
          fill="${LIGHT}" />
    <path d="M256 76 L408 128 V234 C408 326 348 398 256 436 C164 398 104 326 104 234 V128 Z"
          fill="${THEME}" />
    <text x="256" y="292" text-anchor="middle" font-size="190" font-weight="700"
          font-family="'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif"
          fill="${LIGHT}" stroke="${LIGHT}" stroke-width="7" stroke-linejoin="round">安</text>
    <circle cx="362" cy="362" r="70" fill="${ACCENT}" stroke="${LIGHT}" stroke-width="14" />
    <path d="M326 364 L352 390 L400 338" fill="none" stroke="${THEME_DARK}" stroke-width="20"
          stroke-linecap="round" stroke-linejoin="round" />
  </g>`;
}

/**
 * "any" icons: a full square (screenshots have no transparency, and white corners would show on
 * dark launchers), the shield filling most of it.
 */
export function iconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" fill="${THEME}" />
  ${shield(0.96)}
</svg>`;
}

/** Maskable: full-bleed background, everything inside the central 80 % safe zone. */
export function maskableSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" fill="${THEME}" />
  ${shield(0.72)}
</svg>`;
}

async function render(svg: string, size: number, path: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><html><head><style>html,body{margin:0;background:transparent}
      svg{display:block}</style></head><body>${sized}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path, omitBackground: false, clip: { x: 0, y: 0, width: size, height: size } });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const out = new URL("../public/", import.meta.url);
  // The favicon keeps the glyph as text: browsers render it with the system CJK font.
  writeFileSync(new URL("favicon.svg", out), `${iconSvg()}\n`);
  await render(iconSvg(), 192, new URL("icons/icon-192.png", out).pathname);
  await render(iconSvg(), 512, new URL("icons/icon-512.png", out).pathname);
  await render(maskableSvg(), 512, new URL("icons/icon-maskable-512.png", out).pathname);
  await render(maskableSvg(), 180, new URL("icons/apple-touch-icon.png", out).pathname);
  console.log("icons written to public/icons/ and public/favicon.svg");
}

await main();
