/**
 * <winograd-bench>: direct vs Winograd F(2×2, 3×3) on one real RepVGG layer, measured in a Web
 * Worker when the reader presses "Run benchmark" (never on load). JavaScript always; WebGPU too
 * where the browser offers an adapter. Results: times, measured vs counted speed-up, agreement.
 * URL: bench.runs (timed runs per kernel).
 */
import type { BenchResult } from '../../perf/cpu-bench';
import { describeLayer, layerMultiplications } from '../../perf/cpu-bench';
import { benchLayerPlan } from '../../perf/winograd-layer';
import { F2_3, tileMultiplications } from '../../core/winograd/matrices';
import { LazyWidget } from '../../ui/lazy-widget';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { formatCount, formatError } from '../../ui/viz/format';
import { simpleTable } from '../../ui/viz/simple-table';
import { timingBars } from '../../ui/viz/timing-bars';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { uniqueId } from '../../ui/widgets/controls';
import type { BenchMessage, BenchRequest, Runtime } from './bench-protocol';
import { verdict } from './bench-verdict';

const RUNTIME_NAMES: Record<Runtime, string> = { js: 'JavaScript', webgpu: 'WebGPU' };

export class WinogradBenchWidget extends LazyWidget {
  private worker: Worker | undefined;

  protected init(): void {
    const state = new UrlState('bench');
    const { variant, plan } = benchLayerPlan();
    const shape = { c: plan.inChannels, o: plan.outChannels, h: plan.outputSize, w: plan.outputSize };
    const muls = layerMultiplications(shape);
    const { direct: d36, winograd: w16 } = tileMultiplications(F2_3);

    const intro = document.createElement('p');
    intro.textContent =
      `The layer: ${describeLayer({ variant, plan })}, its kernel re-parameterized from seeded training-time weights. ` +
      `Direct: ${formatCount(muls.direct)} multiplications; Winograd F(2×2, 3×3): ${formatCount(muls.winograd)}, ` +
      `${(d36 / w16).toFixed(2)}× fewer. Both kernels run in the same runtime, in a background thread.`;

    const controls = document.createElement('div');
    controls.className = 'controls bench-controls';
    const runsBox = document.createElement('div');
    runsBox.className = 'control';
    const runsLabel = document.createElement('label');
    runsLabel.textContent = 'Timed runs per kernel';
    const runs = document.createElement('input');
    runs.type = 'number';
    runs.min = '1';
    runs.max = '50';
    runs.value = String(state.number('runs', 15, 1, 50));
    runs.id = uniqueId('bench-runs');
    runsLabel.htmlFor = runs.id;
    runsBox.append(runsLabel, runs);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'primary';
    button.textContent = 'Run benchmark';
    const progress = document.createElement('progress');
    progress.max = 1;
    progress.value = 0;
    progress.hidden = true;
    progress.setAttribute('aria-label', 'Benchmark progress');
    controls.append(runsBox, button, progress);

    const status = document.createElement('p');
    status.className = 'bench-status';
    status.setAttribute('role', 'status');
    status.textContent = 'Nothing measured yet: press “Run benchmark” (it takes a few seconds).';

    const figure = createFigure();
    figure.hidden = true;
    const results = document.createElement('div');
    results.className = 'bench-results';

    runs.addEventListener('change', () => {
      const n = Math.min(50, Math.max(1, Math.round(Number(runs.value) || 15)));
      runs.value = String(n);
      state.set({ runs: n === 15 ? null : n });
    });

    button.addEventListener('click', () => {
      button.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      this.dataset['state'] = 'running';
      const collected: { runtime: Runtime; result: BenchResult }[] = [];
      const lines: string[] = [];
      this.worker?.terminate();
      const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
      this.worker = worker;
      const finish = () => {
        worker.terminate();
        this.worker = undefined;
        button.disabled = false;
        progress.hidden = true;
        this.dataset['state'] = 'done';
        this.dataset['results'] = JSON.stringify(collected.map((c) => c.result));
        status.textContent = lines.join(' ') || 'No runtime could run the benchmark.';
        render(collected);
      };
      worker.addEventListener('message', (event: MessageEvent<BenchMessage>) => {
        const m = event.data;
        if (m.type === 'progress') {
          progress.value = m.done / m.total;
          status.textContent = `Measuring in ${RUNTIME_NAMES[m.runtime]}… (${m.done} of ${m.total})`;
        } else if (m.type === 'result') {
          collected.push({ runtime: m.runtime, result: m.result });
          lines.push(
            `${RUNTIME_NAMES[m.runtime]}: Winograd ${m.result.speedup.toFixed(2)}× faster than direct (counting promises ${m.result.theoretical.toFixed(2)}×).`,
          );
        } else if (m.type === 'skipped') {
          lines.push(`WebGPU not measured: ${m.reason}.`);
        } else if (m.type === 'failed') {
          lines.push(`${RUNTIME_NAMES[m.runtime]} failed: ${m.message}.`);
        } else finish();
      });
      worker.addEventListener('error', (event) => {
        lines.push(`The benchmark worker stopped: ${event.message || 'unknown error'}.`);
        finish();
      });
      const request: BenchRequest = { type: 'run', runtimes: ['js', 'webgpu'], runs: Number(runs.value) };
      worker.postMessage(request);
    });

    const render = (done: readonly { runtime: Runtime; result: BenchResult }[]) => {
      if (!done.length) return;
      const width = Math.max(300, Math.min(this.clientWidth - 34, 760));
      const group = (c: { runtime: Runtime }) => RUNTIME_NAMES[c.runtime];
      figure.hidden = false;
      updateFigure(figure, {
        plot: timingBars(
          done.flatMap((c) => [
            { group: group(c), kernel: 'direct', ms: c.result.direct.medianMs },
            { group: group(c), kernel: 'Winograd', ms: c.result.winograd.medianMs },
          ]),
          done.map((c) => ({ group: group(c), referenceMs: c.result.direct.medianMs, ideal: 1 / c.result.theoretical })),
          { label: 'Measured time per run of the direct and the Winograd kernel', width, kernels: ['direct', 'Winograd'] },
        ),
        caption:
          'Median time per run, measured just now in this browser, relative to the direct kernel of the same runtime (milliseconds printed). The dashed tick is where Winograd would be if time followed the multiplication count: 1 ÷ 2.25 of direct.',
      });
      const table = scrollRegion(document.createElement('div'), 'Benchmark results (scrolls sideways)');
      table.append(
        simpleTable({
          caption: 'Measured here, this session. Max rel. diff = max |a − b| / max |b|; float64 = a double-precision direct convolution of the same data.',
          head: ['Runtime', 'Direct (ms)', 'Winograd (ms)', 'Speed-up', 'Counted', 'Direct vs Winograd', 'vs float64 (direct / Winograd)'],
          numeric: [1, 2, 3, 4, 5, 6],
          rows: done.map(({ result: r }) => [
            r.runtime,
            `${r.direct.medianMs.toFixed(2)} (min ${r.direct.minMs.toFixed(2)})`,
            `${r.winograd.medianMs.toFixed(2)} (min ${r.winograd.minMs.toFixed(2)})`,
            `${r.speedup.toFixed(2)}×`,
            `${r.theoretical.toFixed(2)}×`,
            formatError(r.agreement.betweenKernels),
            `${formatError(r.agreement.directVsFloat64)} / ${formatError(r.agreement.winogradVsFloat64)}`,
          ]),
        }),
      );
      const notes = document.createElement('ul');
      notes.className = 'bench-notes';
      for (const { runtime, result } of done) {
        const li = document.createElement('li');
        li.textContent = `${RUNTIME_NAMES[runtime]}: ${verdict(result)} ${result.notes.join(' ')}`;
        notes.append(li);
      }
      results.replaceChildren(table, notes);
    };

    this.append(intro, controls, status, figure, results);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.worker?.terminate();
  }
}
