/** Messages between the benchmark widget and its Web Worker. */
import type { BenchResult } from '../../perf/cpu-bench';

export type Runtime = 'js' | 'webgpu';

export interface BenchRequest {
  readonly type: 'run';
  readonly runtimes: readonly Runtime[];
  /** Timed runs per kernel for JavaScript; timed batches for WebGPU. */
  readonly runs: number;
}

export type BenchMessage =
  | { readonly type: 'progress'; readonly runtime: Runtime; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly runtime: Runtime; readonly result: BenchResult }
  | { readonly type: 'skipped'; readonly runtime: Runtime; readonly reason: string }
  | { readonly type: 'failed'; readonly runtime: Runtime; readonly message: string }
  | { readonly type: 'done' };
