/**
 * npm run bench:widgets   (after npm run build)
 *
 * How long one update of each chapter widget takes: input event → recompute with src/core →
 * redraw. Serves dist/ on a free port, opens each chapter in headless Chromium, and moves every
 * control of every widget BENCH_N times (default 40), one animation frame apart, as a reader
 * dragging a slider would. Two numbers per update:
 *
 *   update          what the widget measures itself around its synchronous update
 *                   (performance.now(), left on the element as data-update-ms)
 *   + style/layout  the same plus the browser's style and layout of the result, forced right
 *                   after the event (the paint that follows is not included)
 *
 * BENCH_ONLY=tag[,tag…] times only those widgets (e.g. BENCH_ONLY=quantization-widget).
 *
 * Prints the median and 95th percentile per widget and per control. The budget is one frame,
 * 16 ms. Timings depend on the machine and on what else it is running: the load average is printed.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';
import { serveStatic } from '../test/serve-static.mjs';

const N = Number(process.env['BENCH_N'] ?? 40);
const WIDGETS: readonly { path: string; tag: string }[] = [
  { path: '/bn-folding/', tag: 'bn-folding-widget' },
  { path: '/1x1-to-3x3/', tag: 'one-by-one-widget' },
  { path: '/identity/', tag: 'identity-widget' },
  { path: '/merged-block/', tag: 'merged-block-widget' },
  { path: '/merged-block/', tag: 'paths-widget' },
  { path: '/why-fast/', tag: 'block-cost-widget' },
  { path: '/why-fast/', tag: 'model-cost-widget' },
  { path: '/training/', tag: 'acb-widget' },
  { path: '/results/', tag: 'results-plot' },
  { path: '/quantization/', tag: 'quantization-widget' },
].filter((w) => !process.env['BENCH_ONLY'] || process.env['BENCH_ONLY'].split(',').includes(w.tag));

const root = resolve('dist');
if (!existsSync(join(root, 'index.html'))) {
  console.error('No dist/ here: run `npm run build` first.');
  process.exit(1);
}

/** dist/ on a free port (no isolation headers needed: the widgets use no threads). */
const server = (await serveStatic(root, 0)) as { url: string; close: () => Promise<void> };
const base = server.url.replace(/\/$/, '');

interface Sample {
  control: string;
  update: number;
  layout: number;
}

/**
 * Runs in the page: moves every range, switch and radio of the widget n times, one animation frame
 * apart. Kept as plain JavaScript source (compiled with new Function) because tsx would add helper
 * calls to a TypeScript function that do not exist in the page.
 */
const moveEveryControl = new Function(
  'host',
  'n',
  `return (async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const out = [];
  const controls = [...host.querySelectorAll('input[type="range"], input[type="checkbox"], input[type="radio"]')];
  for (const input of controls) {
    const name = input.closest('.control')?.dataset.name ?? input.type;
    const control = input.type === 'radio' ? \`\${name}=\${input.value}\` : name;
    for (let i = 0; i < n; i++) {
      let target = input;
      let event = 'change';
      if (input.type === 'range') {
        const [lo, hi] = [Number(input.min), Number(input.max)];
        input.value = String(lo + ((hi - lo) * ((i * 7) % 20)) / 19); // spread over the range, not monotone
        event = 'input';
      } else if (input.type === 'checkbox') {
        input.checked = !input.checked;
      } else {
        // A radio: alternate between it and the first of its group.
        target = i % 2 ? host.querySelector(\`input[type="radio"][name="\${input.name}"]\`) : input;
        target.checked = true;
      }
      const start = performance.now();
      target.dispatchEvent(new Event(event, { bubbles: true }));
      void document.body.offsetHeight; // style and layout of what the update changed
      const layout = performance.now() - start;
      out.push({ control, update: Number(host.dataset.updateMs), layout });
      await frame();
    }
  }
  return out;
  })();`,
) as (host: HTMLElement, n: number) => Promise<Sample[]>;

const browser = await chromium.launch({ executablePath: findChromium().path, args: chromiumArgs });
const results: { tag: string; samples: Sample[] }[] = [];
try {
  for (const { path, tag } of WIDGETS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base + path);
    const widget = page.locator(tag);
    await widget.scrollIntoViewIfNeeded();
    await page.waitForFunction((t) => document.querySelector(t)?.getAttribute('data-state') === 'live', tag);
    const samples = (await widget.evaluate(moveEveryControl, N)) as Sample[];
    results.push({ tag, samples });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (v: number) => v.toFixed(2).padStart(7);
const row = (name: string, s: Sample[]) =>
  `${name.padEnd(34)}${String(s.length).padStart(5)}${ms(
    quantile(
      s.map((x) => x.update),
      0.5,
    ),
  )}${ms(
    quantile(
      s.map((x) => x.update),
      0.95,
    ),
  )}   ${ms(
    quantile(
      s.map((x) => x.layout),
      0.5,
    ),
  )}${ms(
    quantile(
      s.map((x) => x.layout),
      0.95,
    ),
  )}`;

console.log(
  `bench:widgets: ${N} moves per control, one frame apart; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`${''.padEnd(34)}${'n'.padStart(5)}${'update (ms)'.padStart(14)}   ${'+ style/layout'.padStart(14)}`);
console.log(`${''.padEnd(34)}${''.padStart(5)}${'median'.padStart(7)}${'p95'.padStart(7)}   ${'median'.padStart(7)}${'p95'.padStart(7)}`);
for (const { tag, samples } of results) {
  console.log(row(tag, samples));
  for (const control of new Set(samples.map((s) => s.control)))
    console.log(
      row(
        `  ${control}`,
        samples.filter((s) => s.control === control),
      ),
    );
}
const worst = Math.max(
  ...results.map((r) =>
    quantile(
      r.samples.map((s) => s.update),
      0.5,
    ),
  ),
);
console.log(`\nslowest widget median: ${worst.toFixed(2)} ms (budget: one frame, 16 ms)`);
