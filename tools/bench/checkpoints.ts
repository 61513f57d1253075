/**
 * npm run bench:checkpoints [-- --variant B3] [--file PATH] [--port 4341]
 *
 * Chapter 8 in headless Chromium on the built site (`npm run build` first), with a real-sized
 * file: a seeded training-time checkpoint of VARIANT (default B3, ≈ 0.5 GB), written as
 * `repvgg export -a VARIANT --form train -o x.pth` writes it (or --file, any checkpoint), is
 * chosen with the sample photo, read, converted and run in both forms by the page itself, on
 * WebAssembly. Prints the page's own timings table (wall clock per step), the whole job's wall
 * time, the two forms' largest difference, and this Chromium's memory (PSS, all processes)
 * before, at peak (sampled every 250 ms) and after. Figures only: it never fails on a slow machine.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { writeCheckpoint } from '../../src/cli/checkpoint-files.ts';
import { getVariant } from '../../src/core/family.ts';
import { createTrainWeights } from '../../src/core/weights.ts';
import { gb, startPreview, treeMemory } from './browser-bench.ts';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'B3' },
    file: { type: 'string' },
    port: { type: 'string', default: '4341' },
  },
});
const port = Number(values.port);

const dir = mkdtempSync(join(tmpdir(), 'repvgg-bench-'));
let file = values.file;
try {
  if (!file) {
    const spec = getVariant(values.variant);
    file = join(dir, `${spec.name}-train.pth`);
    const t0 = performance.now();
    await writeCheckpoint(createTrainWeights(spec, 2021), file, { form: 'train' });
    console.error(`${file}: ${gb(statSync(file).size)} written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const server = await startPreview(port, 'checkpoints');
  const launched = await chromium.launchServer({ executablePath: findChromium().path, args: chromiumArgs });
  try {
    const memory = () => treeMemory(launched.process().pid!);
    const browser = await chromium.connect(launched.wsEndpoint());
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`http://localhost:${port}/checkpoints/?ckpt.backend=wasm`);
    await page.locator('checkpoint-classifier').scrollIntoViewIfNeeded();
    await page.waitForSelector('checkpoint-classifier[data-state=live][data-photo=ready]');
    await page.setInputFiles('#ckpt-file', file);
    console.error(await page.locator('[data-hint]').textContent());
    await page.waitForTimeout(1000);
    const before = memory();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, memory())), 250);
    const start = Date.now();
    await page.getByRole('button', { name: 'Convert and classify' }).click();
    await page.waitForSelector('checkpoint-classifier:is([data-job=done], [data-job=failed], [data-job=cancelled])', { timeout: 30 * 60_000 });
    const wall = (Date.now() - start) / 1000;
    clearInterval(sampler);
    await page.waitForTimeout(2000); // let the terminated worker's memory go back
    const after = memory();
    const state = await page.locator('checkpoint-classifier').getAttribute('data-job');
    if (state !== 'done') {
      console.log(`${state} after ${wall.toFixed(1)} s: ${await page.locator('[data-message]').textContent()}`);
    } else {
      const rows = await page
        .locator('.ckpt-report table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!, tr.querySelector('td')!.textContent!]));
      const width = Math.max(...rows.map(([step]) => step!.length));
      console.log(`${await page.locator('.ckpt-report table caption').textContent()}:`);
      for (const [step, time] of rows) console.log(`  ${step!.padEnd(width)}  ${time!.padStart(8)}`);
      const rel = await page
        .locator('[data-metric="logits-max-rel"]')
        .getAttribute('data-value')
        .catch(() => null);
      console.log(
        `whole job (click to results): ${wall.toFixed(1)} s; deploy vs training-time logits, max relative difference: ${rel === null ? '-' : Number(rel).toExponential(1)}`,
      );
    }
    console.log(
      `Chromium memory (PSS): ${gb(before)} before → peak ${gb(peak)} → ${gb(after)} after; ${execSync('nproc').toString().trim()} cores, load average ${execSync("cut -d' ' -f1-3 /proc/loadavg").toString().trim()}`,
    );
    await browser.close();
  } finally {
    await launched.close();
    process.kill(-server.pid!, 'SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
