/**
 * npm run bench:present   (after npm run build)
 *
 * Is presentation mode smooth on a projector? Opens the demo (/demo/, which starts as slides)
 * in headless Chromium at 1280×720 and at 1920×1080 and, for every step:
 *
 *   key→frame  the → key (next step) → the next animation frame, which paints the new slide
 *              (fitted: present.ts searches the largest zoom at which the slide fits the screen)
 *   worst gap  the longest gap between animation frames in the second after the step, while
 *              the slide's widgets start (at 60 Hz a frame is 16.7 ms; over 50 ms is a visible
 *              stutter)
 *   fits       how many times the slide was fitted in that second (once on the key, again when
 *              a widget starts and changes size) and their total time (performance.measure)
 *   layout     the zoom found, body and control text in px at that zoom, parts behind "More"
 *   More       on each step that has it: M → the next frame (the whole section shown), then M
 *              again → the next frame (back to the fitted slide)
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
import { chromiumArgs, findChromium } from '../test/chromium.mjs';
import { serveStatic } from '../test/serve-static.mjs';

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
  performance.clearMeasures('present-fit');
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
  const fits = performance.getEntriesByName('present-fit');
  const article = document.querySelector('main article');
  const zoom = Number(getComputedStyle(article).getPropertyValue('--present-zoom'));
  const shown = (sel) => [...article.querySelectorAll(sel)].find((e) => e.getClientRects().length > 0);
  const px = (e) => (e ? Math.round(zoom * parseFloat(getComputedStyle(e).fontSize)) : null);
  const more = document.querySelector('.present-bar [data-present-action="more"]');
  return {
    step: painted - t0, worstFrame: worst, slide: Number(document.documentElement.dataset.presentStep),
    fits: fits.length, fitMs: fits.reduce((s, e) => s + e.duration, 0), zoom,
    text: px(shown(':scope > p[data-present-current], :scope > header .lede')), controls: px(shown('[data-present-current] label')),
    hidden: article.querySelectorAll('[data-present-more]').length, fit: document.documentElement.dataset.presentFit, hasMore: !more.hidden,
    overflow: article.scrollHeight > article.clientHeight + 1 || article.scrollWidth > article.clientWidth + 1,
  };
})()`) as () => Promise<{
  step: number;
  worstFrame: number;
  slide: number;
  fits: number;
  fitMs: number;
  zoom: number;
  text: number | null;
  controls: number | null;
  hidden: number;
  fit: string;
  hasMore: boolean;
  overflow: boolean;
}>;

/** M (More) → next frame, then M again → next frame. */
const measureMore = new Function(`return (async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const press = async () => {
    const t0 = performance.now();
    document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true, cancelable: true }));
    return (await frame()) - t0;
  };
  const open = await press();
  const all = document.documentElement.classList.contains('present-all');
  const close = await press();
  return { open, close, all };
})()`) as () => Promise<{ open: number; close: number; all: boolean }>;

const measureDrag = new Function(
  'frames',
  `return (async () => {
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
})()`,
) as (frames: number) => Promise<{ label: string; median: number; worst: number; idle: number } | null>;

const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

async function benchSize(page: Page, base: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${base}demo/`);
  await page.waitForSelector('html.presenting');
  const count = await page
    .locator('.present-counter')
    .textContent()
    .then((t) => Number(t!.split('/')[1]));
  console.log(`\n${width}×${height}: ${count} steps`);
  console.log(
    `  step  ${'key→frame'.padStart(9)}  ${'worst gap'.padStart(9)}  ${'fits'.padStart(4)} ${'fit time'.padStart(9)}  layout: zoom, text / controls px, parts behind More  |  More: M→frame, back  |  dragging a slider: frame gap median / worst (${DRAG_FRAMES} frames)`,
  );
  for (let i = 1; i < count; i++) {
    await page.locator('main article').focus();
    const r = await page.evaluate(measureStep);
    await page.waitForTimeout(300); // let lazy widgets finish starting
    await page.locator('main article').focus();
    const more = r.hasMore ? await page.evaluate(measureMore) : null;
    const drag = await page.evaluate(measureDrag, DRAG_FRAMES);
    const sliderText = drag ? `${drag.label}: ${drag.median.toFixed(1)} / ${drag.worst.toFixed(1)} ms (still: ${drag.idle.toFixed(1)} ms)` : '-';
    const layout = `${r.zoom.toFixed(2)}×, ${r.text ?? '-'} / ${r.controls ?? '-'} px, ${r.hidden} behind More${r.fit === 'fits' && !r.overflow ? '' : ` (${r.fit}, overflows)`}`;
    const moreText = more ? `${more.open.toFixed(1)} / ${more.close.toFixed(1)} ms${more.all ? '' : ' (did not open)'}` : '-';
    console.log(
      `  ${String(r.slide).padStart(4)}  ${ms(r.step)}  ${ms(r.worstFrame)}  ${String(r.fits).padStart(4)} ${ms(r.fitMs)}  ${layout.padEnd(44)}|  ${moreText.padEnd(18)}|  ${sliderText}`,
    );
  }
}

const server = (await serveStatic('dist', 0)) as { url: string; close: () => Promise<void> };
const browser = await chromium.launch({ executablePath: findChromium().path, args: chromiumArgs });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  for (const [w, h] of SIZES) await benchSize(page, server.url, w, h);
  console.log(
    `\n${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await server.close();
}
