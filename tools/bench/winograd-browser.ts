/**
 * The page's benchmark in headless Chromium (npm run bench:winograd -- --browser): serves the
 * built site (`astro preview` on a free port), opens chapter 5 with WebGPU enabled
 * (tools/test/chromium.mjs webgpuArgs: headless Chromium then offers SwiftShader, a software
 * adapter), presses "Run benchmark" and returns what the page measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import type { BenchResult } from '../../src/perf/cpu-bench.ts';
import { chromiumArgs, findChromium, webgpuArgs } from '../test/chromium.mjs';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

export async function browserBench(runs = 15): Promise<BenchResult[]> {
  if (!existsSync('dist/winograd/index.html')) throw new Error('dist/ has no chapter 5: run `npm run build` first');
  const port = await freePort();
  const server: ChildProcess = spawn('npx', ['astro', 'preview', '--port', String(port), '--host', 'localhost'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: findChromium().path, args: [...chromiumArgs, ...webgpuArgs] });
  try {
    await waitFor(`http://localhost:${port}/`, 30_000);
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/winograd/?bench.runs=${runs}`);
    const widget = page.locator('winograd-bench');
    await widget.scrollIntoViewIfNeeded();
    await widget.getByRole('button', { name: 'Run benchmark' }).click();
    await page.locator('winograd-bench[data-job="done"]').waitFor({ timeout: 300_000 });
    console.log(`\nheadless Chromium ${browser.version()}, flags: ${webgpuArgs.join(' ')}`);
    console.log(`page says: ${await widget.locator('.bench-status').textContent()}`);
    return JSON.parse((await widget.getAttribute('data-results')) ?? '[]') as BenchResult[];
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid); // the preview server and its children
  }
}
