/**
 * npm run bench:first-result [-- --port 4343] [--file PATH] [--no-checkpoint]
 *
 * Cold profile to first answer, in headless Chromium on the built site (`npm run build` first),
 * each measurement in a fresh browser profile (no HTTP cache, no service worker, nothing compiled):
 *
 *   /run/      navigation → the deploy network's top-5 for RepVGG-A0 on WebAssembly, the reader
 *              pressing Run as soon as the runner is ready ("eager"), and again after the page
 *              has started ONNX Runtime while idle ("warm": navigation → data-runtime=warm, then
 *              Run → top-5).
 *   chapter 8  navigation → the first top-5 for an official-layout RepVGG-A0 training-time .pth
 *              (written here from seeded weights, 36.6 MB, as `repvgg export -a A0 --form train`
 *              does, or --file), with the sample photo, Run pressed as soon as the page is ready.
 *
 * Figures only: it never fails on a slow machine.
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
import { startPreview } from './browser-bench.ts';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4343' },
    file: { type: 'string' },
    'no-checkpoint': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const base = `http://localhost:${port}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const lines: string[] = [];

/** A fresh profile each time: launch, measure, close. */
async function cold<T>(measure: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'repvgg-cold-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium().path, args: chromiumArgs, serviceWorkers: 'block' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return await measure(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const TOP5 = '[data-results] [data-top5="deploy"] li:nth-child(5)';

async function runEager(): Promise<void> {
  const ms = await cold(async (page) => {
    const t0 = Date.now();
    await page.goto(`${base}/run/?run.model=A0&run.backend=wasm&run.runs=1`);
    await page.locator('run-models').scrollIntoViewIfNeeded();
    await page.waitForSelector('run-models[data-state=live]');
    await page.getByRole('button', { name: 'Run both networks' }).click();
    await page.waitForSelector(TOP5, { timeout: 10 * 60_000 });
    const took = Date.now() - t0;
    await page.waitForSelector('run-models:is([data-job=done], [data-job=failed])', { timeout: 10 * 60_000 });
    return took;
  });
  lines.push(`/run/ A0, Run pressed as soon as the runner is ready: navigation → deploy top-5 ${seconds(ms)}`);
}

async function runWarm(): Promise<void> {
  const [toWarm, toTop5] = await cold(async (page) => {
    const t0 = Date.now();
    await page.goto(`${base}/run/?run.model=A0&run.backend=wasm&run.runs=1`);
    await page.locator('run-models').scrollIntoViewIfNeeded();
    await page.waitForSelector('run-models[data-runtime=warm]', { timeout: 10 * 60_000 });
    const warm = Date.now() - t0;
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Run both networks' }).click();
    await page.waitForSelector(TOP5, { timeout: 10 * 60_000 });
    const top5 = Date.now() - t1;
    await page.waitForSelector('run-models:is([data-job=done], [data-job=failed])', { timeout: 10 * 60_000 });
    return [warm, top5];
  });
  lines.push(`/run/ A0, warm start: navigation → ONNX Runtime started while idle ${seconds(toWarm)}; then Run → deploy top-5 ${seconds(toTop5)}`);
}

async function checkpoint(file: string): Promise<void> {
  const ms = await cold(async (page) => {
    const t0 = Date.now();
    await page.goto(`${base}/checkpoints/?ckpt.backend=wasm`);
    await page.locator('checkpoint-classifier').scrollIntoViewIfNeeded();
    await page.waitForSelector('checkpoint-classifier[data-state=live][data-photo=ready]');
    await page.setInputFiles('#ckpt-file', file);
    await page.getByRole('button', { name: 'Convert and classify' }).click();
    await page.waitForSelector('checkpoint-classifier:is([data-job=done], [data-job=failed])', { timeout: 10 * 60_000 });
    const took = Date.now() - t0;
    const state = await page.locator('checkpoint-classifier').getAttribute('data-job');
    if (state !== 'done') console.error(`chapter 8: ${state}: ${await page.locator('[data-message]').textContent()}`);
    return took;
  });
  lines.push(`chapter 8, official-layout A0 .pth (${(statSync(file).size / 1e6).toFixed(1)} MB): navigation → first top-5 (both forms run) ${seconds(ms)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'repvgg-first-'));
const server = await startPreview(port);
try {
  await runEager();
  await runWarm();
  if (!values['no-checkpoint']) {
    let file = values.file;
    if (!file) {
      file = join(dir, 'RepVGG-A0-train.pth');
      await writeCheckpoint(createTrainWeights(getVariant('A0'), 2021), file, { form: 'train' });
    }
    await checkpoint(file);
  }
} finally {
  process.kill(-server.pid!, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
for (const line of lines) console.log(line);
console.log(
  `Each in a fresh Chromium profile (service worker blocked: no precache competing); ${execSync('nproc').toString().trim()} cores, ` +
    `load average ${execSync("cut -d' ' -f1-3 /proc/loadavg").toString().trim()}. Targets (issue 15): ≤ 3 s each.`,
);
