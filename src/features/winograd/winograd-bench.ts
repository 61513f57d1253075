/**
 * <winograd-bench>: direct vs Winograd F(2×2, 3×3) on one real RepVGG layer, measured in a Web
 * Worker when the reader presses "Run benchmark" (never on load). JavaScript always; WebGPU too
 * where the browser offers an adapter. Results: times, measured vs counted speed-up, agreement.
 * URL: bench.runs (timed runs per kernel). `data-job`: idle, running, done (`data-state` is the
 * widget's own lifecycle); `data-results`: the results as JSON. Words and rows: bench-model.ts.
 */
import { benchLayerPlan } from '../../perf/winograd-layer';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { simpleTable } from '../../ui/viz/simple-table';
import { timingBars } from '../../ui/viz/timing-bars';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { uniqueId } from '../../ui/widgets/controls';
import {
  DEFAULT_RUNS,
  IDLE_STATUS,
  type Measured,
  benchIntro,
  finalStatus,
  messageLine,
  progressStatus,
  resultNotes,
  resultsTable,
  runsOf,
  runsQuery,
  timingData,
  workerStoppedLine,
} from './bench-model';
import type { BenchMessage, BenchRequest } from './bench-protocol';

export function mount(host: HTMLElement): void {
  const state = new UrlState('bench');
  let worker: Worker | undefined;

  const intro = el('p', {}, benchIntro(benchLayerPlan()));

  const runs = el('input', { type: 'number', min: '1', max: '50', id: uniqueId('bench-runs') });
  runs.value = String(state.number('runs', DEFAULT_RUNS, 1, 50));
  const runsBox = el('div', { class: 'control' }, el('label', { for: runs.id }, 'Timed runs per kernel'), runs);
  const button = el('button', { type: 'button', class: 'primary' }, 'Run benchmark');
  const progress = el('progress', { max: '1', value: '0', hidden: '', 'aria-label': 'Benchmark progress' });
  const controls = el('div', { class: 'controls bench-controls' }, runsBox, button, progress);

  const status = el('p', { class: 'bench-status', role: 'status' }, IDLE_STATUS);

  const figure = createFigure();
  figure.hidden = true;
  const results = el('div', { class: 'bench-results' });

  runs.addEventListener('change', () => {
    const n = runsOf(runs.value);
    runs.value = String(n);
    state.set({ runs: runsQuery(n) });
  });

  button.addEventListener('click', () => {
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    host.dataset['job'] = 'running';
    const collected: Measured[] = [];
    const lines: string[] = [];
    worker?.terminate();
    const mine = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    worker = mine;
    const finish = () => {
      mine.terminate();
      worker = undefined;
      button.disabled = false;
      progress.hidden = true;
      host.dataset['job'] = 'done';
      host.dataset['results'] = JSON.stringify(collected.map((c) => c.result));
      status.textContent = finalStatus(lines);
      render(collected);
    };
    mine.addEventListener('message', (event: MessageEvent<BenchMessage>) => {
      if (!host.isConnected) return mine.terminate(); // the figure left the document: stop measuring
      const m = event.data;
      if (m.type === 'progress') {
        progress.value = m.done / m.total;
        status.textContent = progressStatus(m.runtime, m.done, m.total);
        return;
      }
      if (m.type === 'result') collected.push({ runtime: m.runtime, result: m.result });
      const line = messageLine(m);
      if (line) lines.push(line);
      if (m.type === 'done') finish();
    });
    mine.addEventListener('error', (event) => {
      lines.push(workerStoppedLine(event.message));
      finish();
    });
    const request: BenchRequest = { type: 'run', runtimes: ['js', 'webgpu'], runs: Number(runs.value) };
    mine.postMessage(request);
  });

  const render = (done: readonly Measured[]) => {
    if (!done.length) return;
    const width = Math.max(300, Math.min(host.clientWidth - 34, 760));
    const { rows, groups } = timingData(done);
    figure.hidden = false;
    updateFigure(figure, {
      plot: timingBars(rows, groups, { label: 'Measured time per run of the direct and the Winograd kernel', width, kernels: ['direct', 'Winograd'] }),
      caption:
        'Median time per run, measured just now in this browser, relative to the direct kernel of the same runtime (milliseconds printed). The dashed tick is where Winograd would be if time followed the multiplication count: 1 ÷ 2.25 of direct.',
    });
    const table = scrollRegion(el('div'), 'Benchmark results (scrolls sideways)');
    table.append(simpleTable(resultsTable(done)));
    const notes = el('ul', { class: 'bench-notes' }, ...resultNotes(done).map((text) => el('li', {}, text)));
    results.replaceChildren(table, notes);
  };

  host.dataset['job'] = 'idle';
  host.append(intro, controls, status, figure, results);
}
