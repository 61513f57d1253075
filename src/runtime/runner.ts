/**
 * The page's side of inference: starts a fresh worker per job and terminates it when the job ends,
 * fails or is cancelled. Terminating is the only cancel that is guaranteed to stop WebAssembly in
 * the middle of a convolution, and it hands all of the job's memory back. Pages and widgets use
 * this module; only the worker imports onnxruntime-web.
 */
import type {
  BackendChoice,
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
  FirstAnswer,
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
  /** The deploy network's top-5, as soon as it exists (run jobs). */
  onFirst?(answer: FirstAnswer): void;
}

export interface Job<T> {
  readonly result: Promise<T>;
  /** Stops the job at once (terminates the worker); `result` rejects with JobCancelled. */
  cancel(): void;
}

const newWorker = (name: string) => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `repvgg-${name}` });

/** What a page asks a job's ONNX Runtime for: the backend choice and the thread count. */
export interface RuntimeRequest {
  readonly backend: BackendChoice;
  readonly threads: number;
}
const runtimeKey = (r: RuntimeRequest) => `${r.backend}/${r.threads}`;

/** 'starting': compiling in a spare worker; 'warm': started, the next matching job skips that step. */
export type WarmState = 'starting' | 'warm' | 'failed' | 'none';

/** One spare worker with ONNX Runtime started in it, waiting for the job that asks for the same. */
let spare: { worker: Worker; key: string; warm: boolean; onState: (state: WarmState, info?: BackendInfo) => void } | undefined;

function dropSpare(): void {
  if (!spare) return;
  const { worker, onState } = spare;
  spare = undefined;
  worker.terminate();
  onState('none');
}

/**
 * Starts ONNX Runtime in a spare worker now (the page calls this when it is idle), for the next
 * job that asks for the same backend and threads: that job skips "Starting ONNX Runtime". The
 * WebAssembly is fetched and compiled in the worker, never on the page's thread. A spare for
 * other settings is terminated first; one for the same settings is kept.
 */
export function warmRuntime(request: RuntimeRequest, onState: (state: WarmState, info?: BackendInfo) => void = () => {}): void {
  const key = runtimeKey(request);
  if (spare?.key === key) {
    spare.onState = onState;
    return;
  }
  dropSpare();
  const worker = newWorker('warm');
  const entry = { worker, key, warm: false, onState };
  spare = entry;
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    if (data.type !== 'warm' || spare !== entry) return;
    if (data.ok) {
      entry.warm = true;
      entry.onState('warm', data.backend);
    } else {
      // The job that follows starts afresh in a new worker and reports what went wrong.
      spare = undefined;
      worker.terminate();
      entry.onState('failed');
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    if (spare !== entry) return;
    spare = undefined;
    worker.terminate();
    entry.onState('failed');
  };
  onState('starting');
  worker.postMessage({ type: 'warm', backend: request.backend, threads: request.threads });
}

/**
 * The spare worker when it was started for this request (taken: it is the job's now), else a new
 * one. A run takes it even while ONNX Runtime is still starting there (its first step is that
 * start); a checkpoint job only once started: its first steps (the photo, the file's headers,
 * which refuse a bad file at once) would otherwise share the cores with the compile.
 */
function workerFor(request: WorkerRequest): Worker {
  const takes = request.type === 'run' || (request.type === 'classify' && spare?.warm === true);
  if (spare && takes && spare.key === runtimeKey(request)) {
    const { worker, onState } = spare;
    spare = undefined;
    onState('none');
    return worker;
  }
  // A spare for other settings would only compete with this job for the cores.
  if (request.type === 'run' || request.type === 'classify') dropSpare();
  return newWorker(request.type);
}

/**
 * Jobs running on this page. The service worker fills its offline cache in the background; while
 * a job runs it is told to wait, so its downloads and hashing never compete with the job.
 */
let running = 0;
function tellServiceWorker(): void {
  const controller = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null;
  controller?.postMessage({ type: 'jobs', running: running > 0 });
}

function start<T, S extends JobStep>(request: WorkerRequest, callbacks: JobCallbacks<S>, pick: (m: WorkerMessage) => T | undefined): Job<T> {
  const worker = workerFor(request);
  let settle: { resolve(v: T): void; reject(e: Error): void } | undefined;
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  running += 1;
  tellServiceWorker();
  const finish = (outcome: { value: T } | { error: Error }) => {
    if (!settle) return;
    const { resolve, reject } = settle;
    settle = undefined;
    worker.terminate();
    running -= 1;
    tellServiceWorker();
    if ('value' in outcome) resolve(outcome.value);
    else reject(outcome.error);
  };
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    // Each job reports only its own steps (protocol.ts lists them per job).
    if (data.type === 'progress') callbacks.onProgress?.(data.step as S, data.done, data.total);
    else if (data.type === 'backend') callbacks.onBackend?.(data.info);
    else if (data.type === 'checkpoint') callbacks.onCheckpoint?.(data.summary);
    else if (data.type === 'first') callbacks.onFirst?.(data.answer);
    else if (data.type === 'warm')
      return; // a spare worker's own warm-up finishing
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
