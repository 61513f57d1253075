/**
 * npm run bench:infer [-- --variants A0,B0,B1g2] [--threads 1,2] [--runs 10] [--seed 2021] [--no-node] [--no-bare]
 *
 * Inference speed of the training-time graph (ONNX Runtime optimizations disabled, and its default
 * level) against the deploy graph, per RepVGG variant:
 *
 *   browser   headless Chromium on the built site (run `npm run build` first), through chapter 7's
 *             own runner: onnxruntime-web on WebAssembly (SIMD, threads) in the page's worker, the
 *             three graphs timed in turns, median of --runs after one warm-up. One tab for all
 *             variants, so `--variants A0,B3,A0` also shows whether memory comes back.
 *   bare      in the same browser, right after each site run: a bare onnxruntime-web page (no site
 *             code): the plain WebAssembly build (`onnxruntime-web/wasm`, ort-wasm-simd-threaded.wasm,
 *             the same file the site serves), in a module worker of a cross-origin isolated page,
 *             the same thread count, the same ONNX files (built here by the same code and seed),
 *             the same optimization levels, turns, warm-up and medians, under the same instruments
 *             (memory sampler, trace) as the site's run. "site ÷ bare" is the ratio.
 *   node      onnxruntime-node (native CPU, the same ONNX files) with the same turns and medians.
 *
 * Also per browser run: session creation times, the largest relative output difference, the
 * longest main-thread task (PerformanceObserver 'longtask') and the memory (PSS) of this
 * Chromium's processes before, at peak and after. Figures only: it never fails on a slow machine.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { parseArgs } from 'node:util';
import * as ortNode from 'onnxruntime-node';
import { chromium } from 'playwright-core';
import { convertModel, countTrainingOverhead, createRng, createTrainWeights } from '../../src/core/index.ts';
import { deployOnnxModel, encodeModel, trainOnnxModel } from '../../src/io/onnx/index.ts';
import { median } from '../../src/core/stats.ts';
import { findModel, inputSeed } from '../../src/core/catalog.ts';
import { gb, startPreview, treeMemory } from './browser-bench.ts';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';
import { mainThreadTasks } from './main-thread.ts';

const { values } = parseArgs({
  options: {
    variants: { type: 'string', default: 'A0,B0,B1g2' },
    threads: { type: 'string', default: '1,2' },
    runs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '2021' },
    port: { type: 'string', default: '4339' },
    'no-node': { type: 'boolean', default: false },
    'no-bare': { type: 'boolean', default: false },
  },
});
const variants = values.variants.split(',').map((v) => v.trim());
const threadCounts = values.threads.split(',').map(Number);
const runs = Number(values.runs);
const seed = Number(values.seed);
const port = Number(values.port);
for (const v of variants) if (!findModel(v)) throw new Error(`unknown variant ${v}`);

interface Row {
  variant: string;
  engine: string;
  threads: number;
  trainDisabled: number;
  trainDefault: number;
  deploy: number;
  sessions?: string;
  maxRel?: number;
  longTask?: number;
  taskCpu?: number;
  memory?: string;
  /** Site deploy median ÷ the bare page's, same browser run (site rows only). */
  vsBare?: number;
}
const rows: Row[] = [];

/** The three ONNX files of a variant, as the site builds them (same code, same seed). */
function onnxFiles(variant: string): { train: Uint8Array; deploy: Uint8Array; shape: number[] } {
  const spec = findModel(variant)!;
  const train = createTrainWeights(spec, seed);
  return {
    train: encodeModel(trainOnnxModel(train, { seed })),
    deploy: encodeModel(deployOnnxModel(convertModel(train), { seed })),
    shape: [1, spec.inChannels ?? 3, spec.inputSize, spec.inputSize],
  };
}

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
const BARE_HTML = '<!doctype html><meta charset="utf-8"><title>bare onnxruntime-web</title><p>bare</p>';
/**
 * The bare worker: onnxruntime-web's plain WebAssembly build, nothing else. Started from a blob
 * (the page fetches ORT's JavaScript and the ONNX files and hands them over), so the worker makes
 * no request of its own except ORT's glue and binary from the site's /ort/ folder.
 */
const BARE_WORKER = `
self.onmessage = async ({ data }) => {
  try {
    const ort = await import(data.ortUrl);
    ort.env.wasm.wasmPaths = new URL('/ort/', data.origin).href;
    ort.env.wasm.numThreads = data.threads;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    const s = [
      await ort.InferenceSession.create(data.train, { executionProviders: ['wasm'], graphOptimizationLevel: 'disabled' }),
      await ort.InferenceSession.create(data.train, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' }),
      await ort.InferenceSession.create(data.deploy, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' }),
    ];
    const n = data.shape.reduce((a, b) => a * b, 1);
    const input = new Float32Array(n).map((_, i) => Math.sin(i));
    const feeds = { input: new ort.Tensor('float32', input, data.shape) };
    const times = [[], [], []];
    for (let turn = 0; turn < 1 + data.runs; turn++) {
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const out = await s[i].run(feeds);
        const copy = new Float32Array(out.logits.data);
        out.logits.dispose();
        if (turn > 0) times[i].push(performance.now() - t0);
        if (copy.length === 0) throw new Error('no logits');
      }
    }
    for (const x of s) await x.release();
    postMessage({ times, isolated: self.crossOriginIsolated });
  } catch (e) {
    postMessage({ error: String((e && e.message) || e) });
  }
};`;

/**
 * The bare page, its worker, ORT's plain build and the variant's ONNX files, from a server of
 * their own (cross-origin isolated, same origin for the page). Not page.route(): Playwright hands
 * a fulfilled body to the browser base64-encoded in one message, and B1g2's training-time graph
 * (hundreds of MB) kills the tab that way.
 */
async function serveBare(files: { train: Uint8Array; deploy: Uint8Array }): Promise<{ origin: string; close: () => void }> {
  const ortJs = readFileSync('node_modules/onnxruntime-web/dist/ort.wasm.min.mjs');
  const ortDir = 'node_modules/onnxruntime-web/dist/';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const body: string | Uint8Array =
      path === '/bare/worker.mjs'
        ? BARE_WORKER
        : path === '/bare/ort.wasm.min.mjs'
          ? ortJs
          : path === '/bare/train.onnx'
            ? files.train
            : path === '/bare/deploy.onnx'
              ? files.deploy
              : path.startsWith('/ort/') && /^ort-[\w.-]+\.(mjs|wasm)$/.test(name)
                ? readFileSync(ortDir + name)
                : BARE_HTML;
    const type = /\.m?js$/.test(path)
      ? 'text/javascript'
      : path.endsWith('.wasm')
        ? 'application/wasm'
        : path.endsWith('.onnx')
          ? 'application/octet-stream'
          : 'text/html';
    res.writeHead(200, { ...isolation, 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port: barePort } = server.address() as AddressInfo;
  return { origin: `http://localhost:${barePort}`, close: () => server.close() };
}

async function benchBare(page: Page, variant: string, threads: number): Promise<Row | undefined> {
  const files = onnxFiles(variant);
  const server = await serveBare(files);
  await page.goto(`${server.origin}/bare/`);
  await page.evaluate('window.__name = (f) => f'); // tsx's helper for named functions, absent in the page
  const result = await page.evaluate(
    async ({ threads, runs, shape, workerCode }) => {
      const blobUrl = (text: string) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
      const ortUrl = blobUrl(await (await fetch('/bare/ort.wasm.min.mjs')).text());
      const train = new Uint8Array(await (await fetch('/bare/train.onnx')).arrayBuffer());
      const deploy = new Uint8Array(await (await fetch('/bare/deploy.onnx')).arrayBuffer());
      return new Promise<{ times?: number[][]; isolated?: boolean; error?: string }>((resolve) => {
        const worker = new Worker(blobUrl(workerCode), { type: 'module' });
        worker.onmessage = ({ data }) => {
          worker.terminate();
          resolve(data);
        };
        worker.onerror = (e) => resolve({ error: e.message || 'worker error' });
        worker.postMessage({ threads, runs, shape, ortUrl, origin: location.origin, train, deploy }, [train.buffer, deploy.buffer]);
      });
    },
    { threads, runs, shape: files.shape, workerCode: BARE_WORKER },
  );
  server.close();
  if (!result.times) {
    console.error(`${variant} (bare, ${threads} threads): ${result.error}`);
    return undefined;
  }
  if (!result.isolated) console.error('bare page is not cross-origin isolated: threads unavailable');
  const [a, b, c] = result.times.map((t) => median(t)) as [number, number, number];
  return { variant, engine: 'bare ort-web', threads, trainDisabled: a, trainDefault: b, deploy: c };
}

async function benchBrowser(threads: number): Promise<void> {
  const launched = await chromium.launchServer({ executablePath: findChromium().path, args: chromiumArgs });
  const browserPid = launched.process().pid!;
  const chromiumRss = () => treeMemory(browserPid);
  const browser = await chromium.connect(launched.wsEndpoint());
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const siteUrl = `http://localhost:${port}/run/?run.backend=wasm&run.threads=${threads}&run.runs=${runs}&run.seed=${seed}`;
  for (const variant of variants) {
    await page.goto(siteUrl);
    await page.locator('run-models').scrollIntoViewIfNeeded();
    await page.waitForSelector('run-models[data-state=live]');
    await page.selectOption('#run-model', variant);
    // As a reader meets it: ONNX Runtime started while the page was idle, before Run.
    await page.waitForSelector('run-models[data-runtime=warm]', { timeout: 5 * 60_000 });
    await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
    const before = chromiumRss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 250);
    const start = Date.now();
    await browser.startTracing(page, { categories: ['toplevel'] });
    await page.getByRole('button', { name: 'Run both networks' }).click();
    await page.waitForSelector('run-models:is([data-job=done], [data-job=failed], [data-job=cancelled])', { timeout: 30 * 60_000 });
    clearInterval(sampler);
    const tasks = mainThreadTasks(await browser.stopTracing());
    await page.waitForTimeout(2000); // let the terminated worker's memory go back
    const after = chromiumRss();
    const state = await page.locator('run-models').getAttribute('data-job');
    const took = ((Date.now() - start) / 1000).toFixed(1);
    if (state !== 'done') {
      console.error(`${variant} (browser, ${threads} threads): ${state}: ${await page.locator('[data-message]').textContent()}`);
      continue;
    }
    const metric = async (name: string) => Number(await page.locator(`[data-metric="${name}"]`).getAttribute('data-value'));
    const ms = (t: number) => t.toFixed(0);
    const threadsUsed = Number(await page.locator('.run-backend').getAttribute('data-threads'));
    rows.push({
      variant,
      engine: 'browser wasm',
      threads: threadsUsed,
      trainDisabled: await metric('median-train-disabled'),
      trainDefault: await metric('median-train-default'),
      deploy: await metric('median-deploy'),
      sessions: `${ms(await metric('session-train-disabled'))}/${ms(await metric('session-train-default'))}/${ms(await metric('session-deploy'))}`,
      maxRel: Math.max(await metric('max-rel-disabled'), await metric('max-rel-default')),
      longTask: await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)),
      taskCpu: Math.max(0, ...tasks.map((t) => t.cpuMs)),
      memory: `${gb(before)} → peak ${gb(peak)} → ${gb(after)}`,
    });
    console.error(`${variant} (browser, ${threadsUsed} thread(s)) done in ${took} s`);
    if (!values['no-bare']) {
      // Its own context in the same browser: the site's service worker would answer /bare/ otherwise.
      const bareContext = await browser.newContext({ serviceWorkers: 'block' });
      const barePage = await bareContext.newPage();
      // The same instruments as the site's run (the memory sampler's ps walks and the trace cost
      // CPU, which two threads on two cores feel): the ratio compares like with like.
      let barePeak = chromiumRss();
      const bareSampler = setInterval(() => (barePeak = Math.max(barePeak, chromiumRss())), 250);
      await browser.startTracing(barePage, { categories: ['toplevel'] });
      const bare = await benchBare(barePage, variant, threadsUsed);
      await browser.stopTracing();
      clearInterval(bareSampler);
      await bareContext.close();
      if (bare) {
        rows.at(-1)!.vsBare = rows.at(-1)!.deploy / bare.deploy;
        rows.push({ ...bare, memory: `peak ${gb(barePeak)}` });
        console.error(`${variant} (bare onnxruntime-web, ${threadsUsed} thread(s)) done`);
      }
    }
  }
  await browser.close();
  await launched.close();
}

async function benchNode(variant: string, threads: number): Promise<void> {
  const spec = findModel(variant)!;
  const train = createTrainWeights(spec, seed);
  const trainBytes = encodeModel(trainOnnxModel(train, { seed }));
  const deployBytes = encodeModel(deployOnnxModel(convertModel(train), { seed }));
  const shape = [1, 3, spec.inputSize, spec.inputSize];
  const input = new ortNode.Tensor('float32', createRng(inputSeed(seed)).fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))), shape);
  const options = (level: 'disabled' | 'all') => ({ graphOptimizationLevel: level, intraOpNumThreads: threads, interOpNumThreads: 1 });
  const sessions = [
    await ortNode.InferenceSession.create(trainBytes, options('disabled')),
    await ortNode.InferenceSession.create(trainBytes, options('all')),
    await ortNode.InferenceSession.create(deployBytes, options('all')),
  ];
  const times: number[][] = [[], [], []];
  for (let turn = 0; turn < 1 + runs; turn++) {
    for (const [i, s] of sessions.entries()) {
      const t0 = performance.now();
      await s.run({ input });
      if (turn > 0) times[i]!.push(performance.now() - t0);
    }
  }
  for (const s of sessions) await s.release();
  rows.push({ variant, engine: 'node native', threads, trainDisabled: median(times[0]!), trainDefault: median(times[1]!), deploy: median(times[2]!) });
  console.error(`${variant} (node, ${threads} thread(s)) done`);
}

const server = await startPreview(port);
try {
  for (const threads of threadCounts) await benchBrowser(threads);
} finally {
  process.kill(-server.pid!, 'SIGTERM');
}
if (!values['no-node']) for (const v of new Set(variants)) for (const threads of threadCounts) await benchNode(v, threads);

const table = [
  [
    'variant',
    'engine',
    'threads',
    'train dis.',
    'train def.',
    'deploy',
    'dis./deploy',
    'def./deploy',
    'MAC ratio',
    'site ÷ bare',
    'sessions ms',
    'max rel',
    'long task',
    'Chromium memory',
  ],
  ...rows.map((r) => {
    const cost = countTrainingOverhead(findModel(r.variant)!);
    return [
      r.variant,
      r.engine,
      String(r.threads),
      `${r.trainDisabled.toFixed(1)} ms`,
      `${r.trainDefault.toFixed(1)} ms`,
      `${r.deploy.toFixed(1)} ms`,
      `${(r.trainDisabled / r.deploy).toFixed(2)}x`,
      `${(r.trainDefault / r.deploy).toFixed(2)}x`,
      `${(cost.trainFlops / cost.deployFlops).toFixed(3)}`,
      r.vsBare === undefined ? '-' : `${r.vsBare.toFixed(2)}x`,
      r.sessions ?? '-',
      r.maxRel === undefined ? '-' : r.maxRel.toExponential(1),
      r.longTask === undefined ? '-' : `${r.longTask.toFixed(0)} ms / ${r.taskCpu!.toFixed(0)} ms`,
      r.memory ?? '-',
    ];
  }),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const row of table) console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
console.log(
  `\nmedian of ${runs} timed runs per graph after 1 warm-up, the three graphs in turns; one 1x3x224x224 input; seed ${seed}.` +
    `\nsite ÷ bare: the site's deploy median over the bare onnxruntime-web page's, same browser, same ONNX files and threads, run right after it.` +
    `\ntrain dis./def.: training-time graph with ONNX Runtime optimizations disabled / at the default level ('all'); sessions ms: creation of those two and the deploy session.` +
    `\nlong task: longest main-thread task during the run, wall clock (PerformanceObserver) / most CPU time in one main-thread task (trace); memory: PSS of this Chromium (all its processes) before, at peak (sampled every 250 ms) and 2 s after the run.` +
    `\n${execSync('nproc').toString().trim()} CPU cores, load average ${execSync("cut -d' ' -f1-3 /proc/loadavg").toString().trim()}; Node ${process.version}.`,
);
