/**
 * The page's side of inference: starts a fresh worker per job and terminates it when the job ends,
 * fails or is cancelled. Terminating is the only cancel that is guaranteed to stop WebAssembly in
 * the middle of a convolution, and it hands all of the job's memory back. Pages and widgets use
 * this module; only the worker imports onnxruntime-web.
 */
import type {
  BackendInfo,
  CheckpointSummary,
  ClassifyRequest,
  ClassifyResult,
  ClassifyStep,
  ConvertRequest,
  ConvertStep,
  DensityRequest,
  DensityResult,
  DensityStep,
  ErrorKind,
  ExportRequest,
  ExportStep,
  JobStep,
  RunRequest,
  RunResult,
  RunStep,
  WorkerMessage,
  WorkerRequest,
} from './protocol.ts';

export class JobCancelled extends Error {
  override name = 'JobCancelled';
  constructor() {
    super('cancelled');
  }
}

export class JobFailed extends Error {
  override name = 'JobFailed';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** For kind 'checkpoint': the CheckpointError's code ('truncated', 'wrong-network', ...). */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface JobCallbacks<S extends JobStep = JobStep> {
  onProgress?(step: S, done: number, total: number): void;
  onBackend?(info: BackendInfo): void;
  onCheckpoint?(summary: CheckpointSummary): void;
}

export interface Job<T> {
  readonly result: Promise<T>;
  /** Stops the job at once (terminates the worker); `result` rejects with JobCancelled. */
  cancel(): void;
}

function start<T, S extends JobStep>(request: WorkerRequest, callbacks: JobCallbacks<S>, pick: (m: WorkerMessage) => T | undefined): Job<T> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `repvgg-${request.type}` });
  let settle: { resolve(v: T): void; reject(e: Error): void } | undefined;
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (outcome: { value: T } | { error: Error }) => {
    if (!settle) return;
    const { resolve, reject } = settle;
    settle = undefined;
    worker.terminate();
    if ('value' in outcome) resolve(outcome.value);
    else reject(outcome.error);
  };
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    // Each job reports only its own steps (protocol.ts lists them per job).
    if (data.type === 'progress') callbacks.onProgress?.(data.step as S, data.done, data.total);
    else if (data.type === 'backend') callbacks.onBackend?.(data.info);
    else if (data.type === 'checkpoint') callbacks.onCheckpoint?.(data.summary);
    else if (data.type === 'error') finish({ error: new JobFailed(data.kind, data.message, data.code) });
    else {
      const value = pick(data);
      if (value !== undefined) finish({ value });
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    // An error the worker could not catch: a module that failed to load, or memory exhausted
    // while allocating outside a try block.
    const message = event.message || 'the worker stopped unexpectedly';
    finish({ error: new JobFailed(/memory|allocation/i.test(message) ? 'memory' : 'other', message) });
  };
  worker.onmessageerror = () => finish({ error: new JobFailed('other', 'a message from the worker could not be read') });
  worker.postMessage(request);
  return { result, cancel: () => finish({ error: new JobCancelled() }) };
}

const fileOf = (m: WorkerMessage) => (m.type === 'file' ? { blob: m.blob, bytes: m.bytes } : undefined);

export function startRun(request: Omit<RunRequest, 'type'>, callbacks: JobCallbacks<RunStep> = {}): Job<RunResult> {
  return start({ type: 'run', ...request }, callbacks, (m) => (m.type === 'result' ? m.result : undefined));
}

export function startExport(request: Omit<ExportRequest, 'type'>, callbacks: JobCallbacks<ExportStep> = {}): Job<{ blob: Blob; bytes: number }> {
  return start({ type: 'export', ...request }, callbacks, fileOf);
}

/** Reads a checkpoint in the worker, converts it, runs both forms on the photo. */
export function startClassify(request: Omit<ClassifyRequest, 'type'>, callbacks: JobCallbacks<ClassifyStep> = {}): Job<ClassifyResult> {
  return start({ type: 'classify', ...request }, callbacks, (m) => (m.type === 'classified' ? m.result : undefined));
}

/** The deploy form of a checkpoint as a .pth, .safetensors or .onnx Blob, built in the worker. */
export function startConvert(request: Omit<ConvertRequest, 'type'>, callbacks: JobCallbacks<ConvertStep> = {}): Job<{ blob: Blob; bytes: number }> {
  return start({ type: 'convert', ...request }, callbacks, fileOf);
}

/** "Table 1 on your device": one-convolution graphs of each kernel size and fragmented 3×3s, timed in turns. */
export function startDensity(request: Omit<DensityRequest, 'type'>, callbacks: JobCallbacks<DensityStep> = {}): Job<DensityResult> {
  return start({ type: 'density', ...request }, callbacks, (m) => (m.type === 'density' ? m.result : undefined));
}
