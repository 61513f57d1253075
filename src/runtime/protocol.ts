/**
 * Messages between the page (runner.ts) and the inference worker (worker.ts). Plain data only:
 * everything here crosses postMessage.
 */

/** What the reader asked for: try WebGPU first ('auto'), or force one backend. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';
/** ONNX Runtime's graph optimization levels used here; 'all' is its default. */
export type OptimizationLevel = 'disabled' | 'all';

export interface RunRequest {
  readonly type: 'run';
  /** A model id from models.ts: "A0" ... "B3g4", "tiny". */
  readonly model: string;
  readonly seed: number;
  readonly backend: BackendChoice;
  /** WASM threads (1 when the page is not cross-origin isolated). */
  readonly threads: number;
  /** Timed runs per session, after the warm-up runs. */
  readonly runs: number;
  readonly warmup: number;
}

export interface ExportRequest {
  readonly type: 'export';
  readonly model: string;
  readonly seed: number;
  readonly form: 'train' | 'deploy';
}

export type WorkerRequest = RunRequest | ExportRequest;

/** The steps of a run, in order; progress reports which one is going on. */
export const RUN_STEPS = [
  'runtime',
  'weights',
  'export-train',
  'session-train-disabled',
  'session-train-all',
  'convert',
  'export-deploy',
  'session-deploy',
  'runs',
] as const;
export type RunStep = (typeof RUN_STEPS)[number];
export const EXPORT_STEPS = ['weights', 'convert', 'encode'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

export interface BackendInfo {
  readonly backend: Backend;
  /** Why this backend: the reader's choice, the adapter found, or why WebGPU was not used. */
  readonly reason: string;
  /** True when WebGPU was wanted (auto or forced) but WASM ran instead. */
  readonly fellBack: boolean;
  /** e.g. "google swiftshader (software fallback adapter)". */
  readonly adapter?: string;
  readonly threads: number;
  readonly crossOriginIsolated: boolean;
}

export interface SessionTiming {
  readonly form: 'train' | 'deploy';
  readonly optimization: OptimizationLevel;
  readonly sessionMs: number;
  /** Each timed run, in order, after the warm-up (the three graphs take turns). */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

export interface Comparison {
  readonly maxAbs: number;
  readonly maxRel: number;
  readonly top5Train: readonly number[];
  readonly top5Deploy: readonly number[];
  readonly top5Agree: boolean;
}

export interface RunResult {
  readonly model: string;
  readonly modelName: string;
  readonly seed: number;
  readonly inputShape: readonly number[];
  readonly backend: BackendInfo;
  /** Starting ONNX Runtime (WebAssembly compile, threads, WebGPU device), before any model. */
  readonly runtimeMs: number;
  readonly weightsMs: number;
  readonly convertMs: number;
  readonly trainBytes: number;
  readonly deployBytes: number;
  /** Operators (ONNX nodes) in each graph, as exported. */
  readonly trainNodes: number;
  readonly deployNodes: number;
  readonly sessions: {
    readonly trainDisabled: SessionTiming;
    readonly trainDefault: SessionTiming;
    readonly deploy: SessionTiming;
  };
  /** Deploy output against the training-time output (optimizations disabled, and default). */
  readonly vsTrainDisabled: Comparison;
  readonly vsTrainDefault: Comparison;
  readonly warmup: number;
}

export type ErrorKind = 'memory' | 'webgpu' | 'input' | 'other';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly step: RunStep | ExportStep; readonly done: number; readonly total: number }
  | { readonly type: 'backend'; readonly info: BackendInfo }
  | { readonly type: 'result'; readonly result: RunResult }
  | { readonly type: 'file'; readonly blob: Blob; readonly bytes: number }
  | { readonly type: 'error'; readonly kind: ErrorKind; readonly message: string };
