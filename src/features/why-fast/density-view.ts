/**
 * "Table 1 on your device", the page side: reads the form, runs one density job of src/runtime
 * (a fresh worker, WebGPU when present, WebAssembly otherwise), shows its progress with the shared
 * job kit, and draws densities beside the paper's statement. Never runs on load. State in the URL
 * under "density." (size, backend, runs). `data-job`: idle, running, done, cancelled, failed.
 */
import * as Plot from '@observablehq/plot';
import { JobController, query, stepCount } from '../../ui/job/job-progress';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { hideUnlabelledMarks } from '../../ui/viz/a11y';
import { simpleTable } from '../../ui/viz/simple-table';
import { formatCount } from '../../ui/viz/format';
import { DENSITY_SIZES, type DensitySize, densityCases, densityRows } from '../../core/conv-density';
import { BACKEND_CHOICES, type BackendChoice, type DensityResult, type DensityStep, STEP_TEXT } from '../../runtime/protocol';
import { startDensity } from '../../runtime/runner';
import { chooseThreads } from '../../runtime/threads';
import { densityVerdict } from './model';

export function mount(host: HTMLElement): void {
  const url = new UrlState('density');
  const explain = (error: unknown) => `The measurement failed: ${error instanceof Error ? error.message : String(error)}.`;
  const jobs = new JobController(host, { explain });
  const results = query(host, '[data-results]');
  const form = query<HTMLFormElement>(host, '[data-form]');
  const runsBox = query<HTMLInputElement>(host, '#density-runs');
  const backendBox = query<HTMLSelectElement>(host, '#density-backend');

  // The URL's choices, if any.
  const size = url.choice('size', DENSITY_SIZES, 'medium');
  for (const r of host.querySelectorAll<HTMLInputElement>('input[name="size"]')) r.checked = r.value === size;
  backendBox.value = url.choice('backend', BACKEND_CHOICES, 'auto');
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
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const s = read();
    const ok = Number.isInteger(s.runs) && s.runs >= 1 && s.runs <= 50;
    runsBox.setAttribute('aria-invalid', String(!ok));
    jobs.message(ok ? '' : 'Cannot run: timed runs must be a whole number from 1 to 50.');
    if (ok) void run(s);
  });

  async function run(s: { size: DensitySize; backend: BackendChoice; runs: number }): Promise<void> {
    const cores = navigator.hardwareConcurrency || 1;
    const threads = chooseThreads(cores, crossOriginIsolated, 'auto').threads;
    const warmup = 2;
    delete host.dataset['backend'];
    results.replaceChildren();
    jobs.begin('Starting…');
    const weight: Record<DensityStep, [number, number]> = { runtime: [0, 0.1], sessions: [0.1, 0.3], runs: [0.3, 1] };
    const job = startDensity(
      { size: s.size, backend: s.backend, threads, runs: s.runs, warmup },
      {
        onProgress: (step, done, total) => {
          const [a, b] = weight[step];
          jobs.progress.update(`${STEP_TEXT[step]}${stepCount(step, done, total)}…`, a + (b - a) * (total ? done / total : 0));
        },
        onBackend: (info) => {
          host.dataset['backend'] = info.backend;
          jobs.progress.set(`${info.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'}: ${info.reason}. Building the graphs…`, 0.1);
        },
      },
    );
    const outcome = await jobs.attempt(job);
    if (outcome.ok) {
      jobs.end('done', `Done: ${outcome.value.timings.length} graphs, ${s.runs} timed runs each after ${warmup} warm-up runs, in turns.`, 1);
      render(outcome.value, s.runs);
    } else if (outcome.cancelled) {
      jobs.end('cancelled', 'Cancelled: the worker was stopped; nothing was measured.', 0);
    } else {
      jobs.message(explain(outcome.error));
      jobs.end('failed', 'Failed.', 0);
    }
  }

  function render(result: DensityResult, runs: number): void {
    const shape = { channels: result.channels, side: result.side };
    const cases = densityCases(shape);
    const rows = densityRows(
      cases,
      result.timings.map((t) => t.runsMs),
    );
    const backend = result.backend;
    const software = /software fallback/.test(backend.adapter ?? '');
    host.dataset['backend'] = backend.backend;
    host.dataset['rows'] = JSON.stringify(rows.map((r) => ({ id: r.id, gmacs: r.gmacs, vs3x3: r.vs3x3 })));
    const where = el('p', {
      class: 'density-backend',
      text:
        `Measured just now with ONNX Runtime on ${backend.backend === 'webgpu' ? `WebGPU (${backend.adapter ?? 'adapter unnamed'})` : `WebAssembly, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}`}. ` +
        `Layers: batch 1, ${shape.channels} → ${shape.channels} channels, ${shape.side}×${shape.side} map, stride 1, padding k/2, float32, no bias; ${runs} timed runs per graph, median. ` +
        `Each run is timed until its output is back in JavaScript, so small layers include that overhead.`,
    });
    const w = Math.max(320, Math.min(host.clientWidth - 34 || 640, 720));
    const plot = Plot.plot({
      width: w,
      height: 44 + rows.length * 30,
      marginLeft: 250,
      marginRight: 130,
      x: { label: 'billions of multiply-adds per second (measured)', grid: true },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [
        Plot.barX(rows, {
          y: 'label',
          x: 'gmacs',
          fill: (r: { kernel: number; fragments: number }) =>
            r.kernel === 3 && r.fragments === 1 ? 'var(--accent)' : r.fragments > 1 ? '#b8860b' : 'var(--link)',
          ariaHidden: 'true',
        }),
        Plot.text(rows, {
          y: 'label',
          x: 'gmacs',
          text: (r: { gmacs: number; vs3x3: number }) => `${r.gmacs.toFixed(1)} (${r.vs3x3.toFixed(2)}× of 3×3)`,
          dx: 4,
          textAnchor: 'start',
          fontSize: 11,
          ariaHidden: 'true',
        }),
        Plot.ruleX([0]),
      ],
    });
    hideUnlabelledMarks(plot);
    svgOf(plot).setAttribute(
      'aria-label',
      `Measured density per layer: ${rows.map((r) => `${r.label} ${r.gmacs.toFixed(1)} billion multiply-adds per second`).join('; ')}`,
    );
    const chart = scrollRegion(el('div', {}, plot), 'Measured densities, scrollable');
    const values = simpleTable({
      caption: 'Measured here, this session. Density = multiply-adds ÷ median time (the paper counts FLOPs as multiply-adds too).',
      head: ['Layer', 'Operators', 'Multiply-adds', 'Median (ms)', 'Fastest (ms)', 'G multiply-adds/s', 'vs 3×3'],
      numeric: [1, 2, 3, 4, 5, 6],
      rows: rows.map((r, i) => [
        r.label,
        String(result.timings[i]!.nodes),
        formatCount(r.macs),
        r.medianMs.toFixed(2),
        r.minMs.toFixed(2),
        r.gmacs.toFixed(2),
        `${r.vs3x3.toFixed(2)}×`,
      ]),
    });
    const table = scrollRegion(el('div', {}, values), 'Measured densities table, scrollable');
    const notes = el('ul', { class: 'density-notes' }, ...densityVerdict(rows, backend.backend, software).map((line) => el('li', { text: line })));
    const paper = el('p', { class: 'density-paper' });
    paper.innerHTML =
      '<strong>The paper’s statement</strong> (Table 1, cuDNN 7.5.0 on a 1080Ti): the theoretical computational density of 3×3 convolution is around 4× that of the other kernel sizes (paper; its text gives no per-size figure).';
    results.replaceChildren(where, chart, table, paper, notes);
  }
}

/** Plot returns a <figure> (svg + legend) when it draws a legend, else the <svg> itself. */
function svgOf(plot: Element): Element {
  return plot.tagName.toLowerCase() === 'svg' ? plot : (plot.querySelector('svg') ?? plot);
}
