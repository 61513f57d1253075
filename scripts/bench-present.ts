/**
 * npm run bench:present   (after npm run build)
 *
 * Is presentation mode smooth on a projector? Opens the demo (/demo/, which starts as slides)
 * in headless Chromium at 1280×720 and at 1920×1080 and, for every step:
 *
 *   key→frame  the → key (next step) → the next animation frame, which paints the new slide
 *   worst gap  the longest gap between animation frames in the second after the step, while
 *              the slide's widgets start (at 60 Hz a frame is 16.7 ms; over 50 ms is a visible
 *              stutter)
 *   dragging   on a slide with a slider: the slider moved by one step in every animation frame
 *              for 40 frames, as a presenter dragging it; median and worst gap between frames,
 *              next to the median gap of 40 frames with nothing moving (what this browser's
 *              compositor manages at all: headless Chromium paints in software)
 *
 * The demo's last step (the live runner) only shows its controls here: nothing is run. Figures
 * only: it never fails on a slow machine (the load average is printed).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.mjs';
import { serveStatic } from './serve-static.mjs';

if (!existsSync('dist/demo/index.html')) {
  console.error('No built demo in dist/: run `npm run build` first.');
  process.exit(1);
}
const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;
const DRAG_FRAMES = 40;

/**
 * Runs in the page. Plain JavaScript source (compiled with new Function): tsx would add helper
 * calls to a TypeScript function that do not exist in the page.
 */
const measureStep = new Function(`return (async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const t0 = performance.now();
  document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
  const painted = await frame();
  let last = painted;
  let worst = 0;
  while (performance.now() - painted < 1000) {
    const now = await frame();
    worst = Math.max(worst, now - last);
    last = now;
  }
  return { step: painted - t0, worstFrame: worst, slide: Number(document.documentElement.dataset.presentStep) };
})()`) as () => Promise<{ step: number; worstFrame: number; slide: number }>;

const measureDrag = new Function('frames', `return (async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const slider = [...document.querySelectorAll('main article [data-present-current] input[type="range"]')].find((el) => el.getClientRects().length > 0);
  if (!slider) return null;
  const gapsOf = (stamps) => stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const idle = [await frame()];
  for (let i = 0; i < frames; i++) idle.push(await frame());
  const idleGaps = gapsOf(idle);
  const stamps = [await frame()];
  for (let i = 0; i < frames; i++) {
    const v = Number(slider.value), step = Number(slider.step) || 1;
    slider.value = String(v + step <= Number(slider.max) ? v + step : Number(slider.min));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    stamps.push(await frame());
  }
  const gaps = gapsOf(stamps);
  const label = slider.labels && slider.labels[0] ? slider.labels[0].textContent.trim() : slider.id;
  return { label, median: gaps[Math.floor(gaps.length / 2)], worst: gaps[gaps.length - 1], idle: idleGaps[Math.floor(idleGaps.length / 2)] };
})()`) as (frames: number) => Promise<{ label: string; median: number; worst: number; idle: number } | null>;

const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

async function benchSize(page: Page, base: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${base}demo/`);
  await page.waitForSelector('html.presenting');
  const count = await page.locator('.present-counter').textContent().then((t) => Number(t!.split('/')[1]));
  console.log(`\n${width}×${height}: ${count} steps`);
  console.log(`  step  ${'key→frame'.padStart(9)}  ${'worst gap'.padStart(9)}  dragging a slider: frame gap median / worst (${DRAG_FRAMES} frames)`);
  for (let i = 1; i < count; i++) {
    await page.locator('main article').focus();
    const r = await page.evaluate(measureStep);
    await page.waitForTimeout(300); // let lazy widgets finish starting
    const drag = await page.evaluate(measureDrag, DRAG_FRAMES);
    const sliderText = drag ? `${drag.label}: ${drag.median.toFixed(1)} / ${drag.worst.toFixed(1)} ms (still: ${drag.idle.toFixed(1)} ms)` : '-';
    console.log(`  ${String(r.slide).padStart(4)}  ${ms(r.step)}  ${ms(r.worstFrame)}  ${sliderText}`);
  }
}

const server = (await serveStatic('dist', 0)) as { url: string; close: () => Promise<void> };
const browser = await chromium.launch({ executablePath: findChromium().path, args: chromiumArgs });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  for (const [w, h] of SIZES) await benchSize(page, server.url, w, h);
  console.log(`\n${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await browser.close();
  await server.close();
}
