/**
 * Messages between the page (runner.ts) and the inference worker (worker.ts). Plain data only:
 * everything here crosses postMessage (a File or Blob is passed by reference, not copied).
 */
import type { LayerError } from '../core/quantize-model.ts';
import type { ScaleMode } from '../core/quantize.ts';
import type { CheckpointInfo } from '../io/checkpoint/read-checkpoint.ts';
import type { RgbImage } from '../io/image.ts';

/** What the reader asked for: try WebGPU first ('auto'), or force one backend. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
/** Every BackendChoice, for menus and URL values. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm'];
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

/** A real checkpoint and a photo: read, convert, run both forms (checkpoint-job.ts). */
export interface ClassifyRequest {
  readonly type: 'classify';
  /** The checkpoint the reader chose; read in the worker tensor by tensor, never whole. */
  readonly file: Blob;
  /** The photo's pixels, any size; resized and cropped in the worker as the official evaluation does. */
  readonly image: RgbImage;
  readonly backend: BackendChoice;
  readonly threads: number;
  /** Also run the deploy network with its kernels quantized to INT8, per tensor and per channel. */
  readonly int8?: boolean;
}

/** The deploy form of a checkpoint as a file to download. */
export type DeployFileFormat = 'pth' | 'safetensors' | 'onnx';
export interface ConvertRequest {
  readonly type: 'convert';
  readonly file: Blob;
  readonly format: DeployFileFormat;
}

/** "Table 1 on your device": single convolutions of each kernel size, and a fragmented 3×3, timed. */
export interface DensityRequest {
  readonly type: 'density';
  /** A key of DENSITY_SHAPES (src/io/onnx/conv-bench.ts). */
  readonly size: string;
  readonly backend: BackendChoice;
  readonly threads: number;
  readonly runs: number;
  readonly warmup: number;
}

/** Start ONNX Runtime now, for a job that will ask for this backend and these threads (warm start). */
export interface WarmRequest {
  readonly type: 'warm';
  readonly backend: BackendChoice;
  readonly threads: number;
}

export type WorkerRequest = WarmRequest | RunRequest | ExportRequest | ClassifyRequest | ConvertRequest | DensityRequest;

/** The steps of a run, in order; progress reports which one is going on. */
export const RUN_STEPS = [
  'runtime',
  'weights',
  'convert',
  'export-deploy',
  'session-deploy',
  'run-deploy',
  'export-train',
  'session-train-disabled',
  'session-train-all',
  'runs',
] as const;
export type RunStep = (typeof RUN_STEPS)[number];
export const EXPORT_STEPS = ['weights', 'convert', 'encode'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];
/** A classify job's steps; a deploy checkpoint skips the training-time ones and 'convert'. */
export const CLASSIFY_STEPS = [
  'image',
  'runtime',
  'read',
  'export-train',
  'session-train',
  'run-train',
  'convert',
  'export-deploy',
  'session-deploy',
  'run-deploy',
  'int8',
] as const;
export type ClassifyStep = (typeof CLASSIFY_STEPS)[number];
/** The steps a classify request goes through: the INT8 runs only when asked for. */
export function classifySteps(int8: boolean): readonly ClassifyStep[] {
  return int8 ? CLASSIFY_STEPS : CLASSIFY_STEPS.filter((s) => s !== 'int8');
}
export const CONVERT_STEPS = ['read', 'convert', 'encode'] as const;
export type ConvertStep = (typeof CONVERT_STEPS)[number];
export const DENSITY_STEPS = ['runtime', 'sessions', 'runs'] as const;
export type DensityStep = (typeof DENSITY_STEPS)[number];
export type JobStep = RunStep | ExportStep | ClassifyStep | ConvertStep | DensityStep;

/** Every step in words, as the pages show it ("Step 3 of 10: Reading the checkpoint, tensor by tensor…"). */
export const STEP_TEXT: Record<JobStep, string> = {
  image: 'Resizing and cropping the photo',
  runtime: 'Starting ONNX Runtime',
  weights: 'Drawing the training-time weights',
  read: 'Reading the checkpoint, tensor by tensor',
  'export-train': 'Writing the training-time ONNX graph',
  'session-train': 'Creating the training-time session',
  'session-train-disabled': 'Creating the training-time session (optimizations disabled)',
  'session-train-all': 'Creating the training-time session (default optimizations)',
  'run-train': 'Running the training-time network on the input',
  convert: 'Re-parameterizing, layer by layer',
  'export-deploy': 'Writing the deploy ONNX graph',
  'session-deploy': 'Creating the deploy session',
  'run-deploy': 'Running the deploy network on the input (its top-5 first)',
  int8: 'Running the deploy network with INT8 kernels (per-tensor, then per-channel scales)',
  sessions: 'Building and loading the graphs',
  runs: 'Timing the graphs in turns, warm-ups first',
  encode: 'Writing the file',
};

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
  /** The ONNX Runtime Web build that ran: the plain WebAssembly one, or the WebGPU (asyncify) one. */
  readonly build: 'wasm' | 'webgpu';
  /** Its WebAssembly binary, under <base>ort/. */
  readonly runtimeFile: string;
}

/** The deploy network's top-5, sent as soon as it exists (before the training-time graphs run). */
export interface FirstAnswer {
  readonly model: string;
  readonly seed: number;
  readonly top5Deploy: readonly number[];
  readonly backend: BackendInfo;
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

/** Also on the probabilities (softmax of the logits), for the checkpoint page. */
export interface FormComparison extends Comparison {
  readonly probMaxAbs: number;
  readonly probMaxRel: number;
}

export interface RunResult {
  readonly model: string;
  readonly modelName: string;
  readonly seed: number;
  readonly inputShape: readonly number[];
  readonly backend: BackendInfo;
  /** Starting ONNX Runtime (WebAssembly compile, threads, WebGPU device), before any model. */
  readonly runtimeMs: number;
  /** ONNX Runtime was already started (while the page was idle), so this run skipped that step. */
  readonly warmStart: boolean;
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

/** What the file turned out to be, sent as soon as its headers are read. */
export interface CheckpointSummary extends CheckpointInfo {
  readonly fileBytes: number;
}

/** One form of the network, built as ONNX and run once on the photo. */
export interface FormRun {
  readonly form: 'train' | 'deploy';
  readonly optimization: OptimizationLevel;
  readonly logits: Float32Array;
  readonly nodes: number;
  readonly onnxBytes: number;
  readonly exportMs: number;
  readonly sessionMs: number;
  /** The first run on this session (it includes one-time costs such as kernel selection). */
  readonly runMs: number;
}

export interface ClassifyResult {
  readonly checkpoint: CheckpointSummary;
  readonly backend: BackendInfo;
  /** The photo's size, its size after Resize(256), and the 224×224 crop the network saw. */
  readonly imageSize: { readonly width: number; readonly height: number };
  readonly resized: { readonly width: number; readonly height: number };
  readonly crop: RgbImage;
  readonly preprocessMs: number;
  readonly runtimeMs: number;
  readonly readMs: number;
  /** null for a deploy checkpoint: nothing to convert, no training-time network to run. */
  readonly convertMs: number | null;
  readonly train: FormRun | null;
  readonly deploy: FormRun;
  /** The deploy network with INT8 kernels, when asked for: per-tensor, then per-channel scales. */
  readonly int8: readonly Int8Run[] | null;
}

/** One run of the deploy network with its kernels quantized to INT8 (core/quantize-model.ts). */
export interface Int8Run {
  readonly mode: ScaleMode;
  readonly logits: Float32Array;
  /** Per layer, the kernel's round-trip error. */
  readonly layers: readonly LayerError[];
  readonly sessionMs: number;
  readonly runMs: number;
}

export interface DensityTiming {
  readonly id: string;
  /** Operators in the graph (1 Conv, or n Convs + a Concat). */
  readonly nodes: number;
  readonly sessionMs: number;
  /** Each timed run, in order, after the warm-up (the graphs take turns). */
  readonly runsMs: readonly number[];
}

export interface DensityResult {
  readonly size: string;
  readonly channels: number;
  readonly side: number;
  readonly backend: BackendInfo;
  readonly runtimeMs: number;
  readonly warmup: number;
  readonly timings: readonly DensityTiming[];
}

/** 'checkpoint': the file is not a checkpoint the readers accept (the message says why, for a student). */
/** 'runtime': an ONNX Runtime file could not be loaded (offline before it was saved, a broken host). */
export type ErrorKind = 'memory' | 'webgpu' | 'input' | 'checkpoint' | 'runtime' | 'other';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly step: JobStep; readonly done: number; readonly total: number }
  | { readonly type: 'backend'; readonly info: BackendInfo }
  | { readonly type: 'checkpoint'; readonly summary: CheckpointSummary }
  | { readonly type: 'first'; readonly answer: FirstAnswer }
  | { readonly type: 'warm'; readonly ok: true; readonly backend: BackendInfo; readonly runtimeMs: number }
  | { readonly type: 'warm'; readonly ok: false; readonly message: string }
  | { readonly type: 'result'; readonly result: RunResult }
  | { readonly type: 'classified'; readonly result: ClassifyResult }
  | { readonly type: 'density'; readonly result: DensityResult }
  | { readonly type: 'file'; readonly blob: Blob; readonly bytes: number }
  /** `code`: the CheckpointError's code, for kind 'checkpoint'. */
  | { readonly type: 'error'; readonly kind: ErrorKind; readonly message: string; readonly code?: string };

/** Which ONNX Runtime Web build ran, in words, with its file (the run and checkpoint reports). */
export function buildText(b: Pick<BackendInfo, 'build' | 'runtimeFile'>): string {
  return `${b.build === 'webgpu' ? 'the WebGPU build of ONNX Runtime Web' : 'the plain WebAssembly build of ONNX Runtime Web'} (${b.runtimeFile})`;
}
