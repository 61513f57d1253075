/**
 * "Table 1 on your device", the page side: reads the form, runs one density job of src/runtime
 * (a fresh worker, WebGPU when present, WebAssembly otherwise), shows its progress with the shared
 * job kit, and draws densities beside the paper's statement. Never runs on load. State in the URL
 * under "density." (size, backend, runs). `data-job`: idle, running, done, cancelled, failed.
 */
import * as Plot from '@observablehq/plot';
import { ProgressView, query, setJobBusy } from '../../job-progress';
import { UrlState } from '../../url-state';
import { scrollRegion } from '../../viz/scroll-region';
import { hideUnlabelledMarks } from '../../viz/a11y';
import { simpleTable } from '../../viz/simple-table';
import { formatCount } from '../../viz/format';
import { DENSITY_SIZES, type DensitySize, densityCases, densityRows } from '../../../math/conv-density';
import type { BackendChoice, DensityResult, DensityStep } from '../../../runtime/protocol';
import { JobCancelled, type Job, startDensity } from '../../../runtime/runner';
import { chooseThreads } from '../../../runtime/threads';
import { densityVerdict } from './model';

const STEP: Record<DensityStep, string> = { runtime: 'starting ONNX Runtime', sessions: 'building and loading the graphs', runs: 'timing the graphs in turns' };
const BACKENDS: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm'];

export function mount(host: HTMLElement): void {
  const url = new UrlState('density');
  const progress = ProgressView.in(host);
  const results = query(host, '[data-results]');
  const form = query<HTMLFormElement>(host, '[data-form]');
  const runsBox = query<HTMLInputElement>(host, '#density-runs');
  const backendBox = query<HTMLSelectElement>(host, '#density-backend');
  let job: Job<DensityResult> | undefined;
  host.dataset['job'] = 'idle';

  // The URL's choices, if any.
  const size = url.choice('size', DENSITY_SIZES, 'medium');
  for (const r of host.querySelectorAll<HTMLInputElement>('input[name="size"]')) r.checked = r.value === size;
  backendBox.value = url.choice('backend', BACKENDS, 'auto');
  runsBox.value = String(Math.round(url.number('runs', 10, 1, 50)));

  const read = () => ({
    size: (host.querySelector<HTMLInputElement>('input[name="size"]:checked')?.value ?? 'medium') as DensitySize,
    backend: backendBox.value as BackendChoice,
    runs: Number(runsBox.value),
  });
  form.addEventListener('change', () => {
    const s = read();
    url.set({ size: s.size === 'medium' ? null : s.size, backend: s.backend === 'auto' ? null : s.backend, runs: s.runs === 10 ? null : s.runs });
  });
  query<HTMLButtonElement>(host, '[data-cancel]').addEventListener('click', () => job?.cancel());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const s = read();
    const ok = Number.isInteger(s.runs) && s.runs >= 1 && s.runs <= 50;
    runsBox.setAttribute('aria-invalid', String(!ok));
    query(host, '[data-message]').textContent = ok ? '' : 'Cannot run: timed runs must be a whole number from 1 to 50.';
    if (ok) void run(s);
  });

  async function run(s: { size: DensitySize; backend: BackendChoice; runs: number }): Promise<void> {
    const cores = navigator.hardwareConcurrency || 1;
    const threads = chooseThreads(cores, crossOriginIsolated, 'auto').threads;
    const warmup = 2;
    host.dataset['job'] = 'running';
    delete host.dataset['backend'];
    setJobBusy(host, true);
    results.replaceChildren();
    progress.set('Starting…', 0);
    const weight: Record<DensityStep, [number, number]> = { runtime: [0, 0.1], sessions: [0.1, 0.3], runs: [0.3, 1] };
    job = startDensity(
      { size: s.size, backend: s.backend, threads, runs: s.runs, warmup },
      {
        onProgress: (step, done, total) => {
          const [a, b] = weight[step];
          const count = step === 'runtime' ? '' : ` (${done} of ${total})`;
          progress.update(`${STEP[step]}${count}…`, a + (b - a) * (total ? done / total : 0));
        },
        onBackend: (info) => {
          host.dataset['backend'] = info.backend;
          progress.set(`${info.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'}: ${info.reason}. Building the graphs…`, 0.1);
        },
      },
    );
    try {
      const result = await job.result;
      host.dataset['job'] = 'done';
      progress.set(`Done: ${result.timings.length} graphs, ${s.runs} timed runs each after ${warmup} warm-up runs, in turns.`, 1);
      render(result, s.runs);
    } catch (error) {
      const cancelled = error instanceof JobCancelled;
      host.dataset['job'] = cancelled ? 'cancelled' : 'failed';
      progress.set(cancelled ? 'Cancelled: the worker was stopped; nothing was measured.' : 'Failed.', 0);
      if (!cancelled) query(host, '[data-message]').textContent = `The measurement failed: ${error instanceof Error ? error.message : String(error)}.`;
    } finally {
      job = undefined;
      setJobBusy(host, false);
    }
  }

  function render(result: DensityResult, runs: number): void {
    const shape = { channels: result.channels, side: result.side };
    const cases = densityCases(shape);
    const rows = densityRows(cases, result.timings.map((t) => t.runsMs));
    const backend = result.backend;
    const software = /software fallback/.test(backend.adapter ?? '');
    host.dataset['backend'] = backend.backend;
    host.dataset['rows'] = JSON.stringify(rows.map((r) => ({ id: r.id, gmacs: r.gmacs, vs3x3: r.vs3x3 })));
    const where = document.createElement('p');
    where.className = 'density-backend';
    where.textContent =
      `Measured just now with ONNX Runtime on ${backend.backend === 'webgpu' ? `WebGPU (${backend.adapter ?? 'adapter unnamed'})` : `WebAssembly, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}`}. ` +
      `Layers: batch 1, ${shape.channels} → ${shape.channels} channels, ${shape.side}×${shape.side} map, stride 1, padding k/2, float32, no bias; ${runs} timed runs per graph, median. ` +
      `Each run is timed until its output is back in JavaScript, so small layers include that overhead.`;
    const chart = document.createElement('div');
    scrollRegion(chart, 'Measured densities, scrollable');
    const w = Math.max(320, Math.min(host.clientWidth - 34 || 640, 720));
    const plot = Plot.plot({
      width: w,
      height: 44 + rows.length * 30,
      marginLeft: 250,
      marginRight: 130,
      x: { label: 'billions of multiply-adds per second (measured)', grid: true },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [
        Plot.barX(rows, { y: 'label', x: 'gmacs', fill: (r: { kernel: number; fragments: number }) => (r.kernel === 3 && r.fragments === 1 ? 'var(--accent)' : r.fragments > 1 ? '#b8860b' : 'var(--link)'), ariaHidden: 'true' }),
        Plot.text(rows, { y: 'label', x: 'gmacs', text: (r: { gmacs: number; vs3x3: number }) => `${r.gmacs.toFixed(1)} (${r.vs3x3.toFixed(2)}× of 3×3)`, dx: 4, textAnchor: 'start', fontSize: 11, ariaHidden: 'true' }),
        Plot.ruleX([0]),
      ],
    });
    hideUnlabelledMarks(plot);
    svgOf(plot).setAttribute('aria-label', `Measured density per layer: ${rows.map((r) => `${r.label} ${r.gmacs.toFixed(1)} billion multiply-adds per second`).join('; ')}`);
    chart.append(plot);
    const table = document.createElement('div');
    scrollRegion(table, 'Measured densities table, scrollable');
    table.append(
      simpleTable({
        caption: 'Measured here, this session. Density = multiply-adds ÷ median time (the paper counts FLOPs as multiply-adds too).',
        head: ['Layer', 'Operators', 'Multiply-adds', 'Median (ms)', 'Fastest (ms)', 'G multiply-adds/s', 'vs 3×3'],
        numeric: [1, 2, 3, 4, 5, 6],
        rows: rows.map((r, i) => [r.label, String(result.timings[i]!.nodes), formatCount(r.macs), r.medianMs.toFixed(2), r.minMs.toFixed(2), r.gmacs.toFixed(2), `${r.vs3x3.toFixed(2)}×`]),
      }),
    );
    const notes = document.createElement('ul');
    notes.className = 'density-notes';
    for (const line of densityVerdict(rows, backend.backend, software)) {
      const li = document.createElement('li');
      li.textContent = line;
      notes.append(li);
    }
    const paper = document.createElement('p');
    paper.className = 'density-paper';
    paper.innerHTML = '<strong>The paper’s statement</strong> (Table 1, cuDNN 7.5.0 on a 1080Ti): the theoretical computational density of 3×3 convolution is around 4× that of the other kernel sizes (paper; its text gives no per-size figure).';
    results.replaceChildren(where, chart, table, paper, notes);
  }
}

/** Plot returns a <figure> (svg + legend) when it draws a legend, else the <svg> itself. */
function svgOf(plot: Element): Element {
  return plot.tagName.toLowerCase() === 'svg' ? plot : (plot.querySelector('svg') ?? plot);
}
