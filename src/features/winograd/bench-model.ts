/**
 * The Winograd benchmark's words and numbers, without the DOM: the layer in a sentence, the runs
 * box, what each message of the worker adds to the status line, and the plot's, table's and notes'
 * contents from the finished results. The widget (winograd-bench.ts) only draws them.
 */
import type { BenchResult } from '../../perf/cpu-bench';
import { describeLayer, layerMultiplications } from '../../perf/cpu-bench';
import type { BenchLayer } from '../../perf/winograd-layer';
import { F2_3, tileMultiplications } from '../../core/winograd/matrices';
import { formatCount, formatError } from '../../ui/viz/format';
import type { SimpleTableOptions } from '../../ui/viz/simple-table';
import type { TimingGroup, TimingRow } from '../../ui/viz/timing-bars';
import type { BenchMessage, Runtime } from './bench-protocol';
import { verdict } from './bench-verdict';

export const RUNTIME_NAMES: Record<Runtime, string> = { js: 'JavaScript', webgpu: 'WebGPU' };

/** One runtime's finished measurement. */
export interface Measured {
  readonly runtime: Runtime;
  readonly result: BenchResult;
}

export const DEFAULT_RUNS = 15;

/** The layer measured, what counting promises, and where it runs. */
export function benchIntro(layer: Pick<BenchLayer, 'variant' | 'plan'>): string {
  const { plan } = layer;
  const muls = layerMultiplications({ c: plan.inChannels, o: plan.outChannels, h: plan.outputSize, w: plan.outputSize });
  const { direct: d36, winograd: w16 } = tileMultiplications(F2_3);
  return (
    `The layer: ${describeLayer(layer)}, its kernel re-parameterized from seeded training-time weights. ` +
    `Direct: ${formatCount(muls.direct)} multiplications; Winograd F(2×2, 3×3): ${formatCount(muls.winograd)}, ` +
    `${(d36 / w16).toFixed(2)}× fewer. Both kernels run in the same runtime, in a background thread.`
  );
}

/** The runs box as a whole number 1–50 (anything unreadable is the default). */
export const runsOf = (raw: string): number => Math.min(50, Math.max(1, Math.round(Number(raw) || DEFAULT_RUNS)));

/** What the URL keeps for the runs (`bench.runs`): nothing for the default. */
export const runsQuery = (runs: number): number | null => (runs === DEFAULT_RUNS ? null : runs);

export const IDLE_STATUS = 'Nothing measured yet: press “Run benchmark” (it takes a few seconds).';

/** The status line while a runtime measures. */
export const progressStatus = (runtime: Runtime, done: number, total: number): string => `Measuring in ${RUNTIME_NAMES[runtime]}… (${done} of ${total})`;

/** The sentence a result, a skipped or a failed runtime adds to the final status line; undefined for the others. */
export function messageLine(m: BenchMessage): string | undefined {
  switch (m.type) {
    case 'result':
      return `${RUNTIME_NAMES[m.runtime]}: Winograd ${m.result.speedup.toFixed(2)}× faster than direct (counting promises ${m.result.theoretical.toFixed(2)}×).`;
    case 'skipped':
      return `WebGPU not measured: ${m.reason}.`;
    case 'failed':
      return `${RUNTIME_NAMES[m.runtime]} failed: ${m.message}.`;
    default:
      return undefined;
  }
}

/** The sentence when the worker itself stopped. */
export const workerStoppedLine = (message: string): string => `The benchmark worker stopped: ${message || 'unknown error'}.`;

/** The status line once the worker is done. */
export const finalStatus = (lines: readonly string[]): string => lines.join(' ') || 'No runtime could run the benchmark.';

/** The timing plot's bars (direct and Winograd per runtime) and each runtime's reference and ideal. */
export function timingData(done: readonly Measured[]): { rows: TimingRow[]; groups: TimingGroup[] } {
  const group = (c: Measured) => RUNTIME_NAMES[c.runtime];
  return {
    rows: done.flatMap((c) => [
      { group: group(c), kernel: 'direct', ms: c.result.direct.medianMs },
      { group: group(c), kernel: 'Winograd', ms: c.result.winograd.medianMs },
    ]),
    groups: done.map((c) => ({ group: group(c), referenceMs: c.result.direct.medianMs, ideal: 1 / c.result.theoretical })),
  };
}

/** The results table, one row per runtime. */
export function resultsTable(done: readonly Measured[]): SimpleTableOptions {
  return {
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
  };
}

/** One note per runtime: the verdict in words, then the result's own notes. */
export const resultNotes = (done: readonly Measured[]): string[] =>
  done.map(({ runtime, result }) => `${RUNTIME_NAMES[runtime]}: ${verdict(result)} ${result.notes.join(' ')}`);
