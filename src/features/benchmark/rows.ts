/**
 * The benchmark's results as rows: one per model, backend and graph, with the summary of its
 * timed runs (median, quartiles, extremes, images per second) and the paper's reported top-1.
 * Plain data: the table, the CSV and both plots are drawn from these same rows.
 */
import { paperRowsFor } from '../../core/paper';
import { median } from '../../core/stats';
import type { RunResult, SessionTiming } from '../../runtime/protocol';

export type Graph = 'train-disabled' | 'train-default' | 'deploy';
export const GRAPHS: readonly Graph[] = ['train-disabled', 'train-default', 'deploy'];
export const GRAPH_LABEL: Record<Graph, string> = {
  'train-disabled': 'training-time, ORT optimizations off',
  'train-default': 'training-time, ORT default',
  deploy: 'deploy (re-parameterized)',
};

export interface TimingSummary {
  readonly runs: number;
  readonly medianMs: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  readonly q1Ms: number;
  readonly q3Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** One image per run: 1000 / median. */
  readonly imagesPerSecond: number;
}

/** The q-quantile of sorted values, interpolating linearly (q = 0.5 is the usual median). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function summarize(runsMs: readonly number[]): TimingSummary {
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = median(sorted);
  return {
    runs: sorted.length,
    medianMs,
    q1Ms: quantile(sorted, 0.25),
    q3Ms: quantile(sorted, 0.75),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
    imagesPerSecond: 1000 / medianMs,
  };
}

export interface BenchRow extends TimingSummary {
  /** "A0", "tiny", … and the full name. */
  readonly model: string;
  readonly modelName: string;
  readonly backend: 'webgpu' | 'wasm';
  /** The adapter, or the WebAssembly thread count. */
  readonly backendDetail: string;
  readonly graph: Graph;
  readonly warmup: number;
  readonly sessionMs: number;
  /** This graph's median over the deploy graph's: how much faster re-parameterization made it. */
  readonly vsDeploy: number;
  /** Largest relative difference of its logits from the deploy graph's (0 for the deploy graph). */
  readonly maxRelDiff: number;
  readonly paperTop1At120: number | null;
  readonly paperTop1At200: number | null;
  readonly seed: number;
}

const paperTop1 = (name: string, epochs: 120 | 200) => paperRowsFor(name).find((r) => r.epochs === epochs)?.top1 ?? null;

export function rowsOf(result: RunResult): BenchRow[] {
  const b = result.backend;
  const detail = b.backend === 'webgpu' ? (b.adapter ?? 'WebGPU adapter') : `${b.threads} thread${b.threads === 1 ? '' : 's'}`;
  const timings: Record<Graph, SessionTiming> = {
    'train-disabled': result.sessions.trainDisabled,
    'train-default': result.sessions.trainDefault,
    deploy: result.sessions.deploy,
  };
  const deployMedian = median(result.sessions.deploy.runsMs);
  const diff: Record<Graph, number> = { 'train-disabled': result.vsTrainDisabled.maxRel, 'train-default': result.vsTrainDefault.maxRel, deploy: 0 };
  return GRAPHS.map((graph) => {
    const summary = summarize(timings[graph].runsMs);
    return {
      model: result.model,
      modelName: result.modelName,
      backend: b.backend,
      backendDetail: detail,
      graph,
      warmup: result.warmup,
      sessionMs: timings[graph].sessionMs,
      ...summary,
      vsDeploy: summary.medianMs / deployMedian,
      maxRelDiff: diff[graph],
      paperTop1At120: paperTop1(result.modelName, 120),
      paperTop1At200: paperTop1(result.modelName, 200),
      seed: result.seed,
    };
  });
}

/** Milliseconds as the table prints them (and the CSV test reads them back). */
export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}
