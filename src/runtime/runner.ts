/**
 * The page's side of inference: starts a fresh worker per job and terminates it when the job ends,
 * fails or is cancelled. Terminating is the only cancel that is guaranteed to stop WebAssembly in
 * the middle of a convolution, and it hands all of the job's memory back. Pages and widgets use
 * this module; only the worker imports onnxruntime-web.
 */
import type { BackendInfo, ErrorKind, ExportRequest, ExportStep, RunRequest, RunResult, RunStep, WorkerMessage, WorkerRequest } from './protocol.ts';

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
  ) {
    super(message);
  }
}

export interface JobCallbacks {
  onProgress?(step: RunStep | ExportStep, done: number, total: number): void;
  onBackend?(info: BackendInfo): void;
}

export interface Job<T> {
  readonly result: Promise<T>;
  /** Stops the job at once (terminates the worker); `result` rejects with JobCancelled. */
  cancel(): void;
}

function start<T>(request: WorkerRequest, callbacks: JobCallbacks, pick: (m: WorkerMessage) => T | undefined): Job<T> {
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
    if (data.type === 'progress') callbacks.onProgress?.(data.step, data.done, data.total);
    else if (data.type === 'backend') callbacks.onBackend?.(data.info);
    else if (data.type === 'error') finish({ error: new JobFailed(data.kind, data.message) });
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

export function startRun(request: Omit<RunRequest, 'type'>, callbacks: JobCallbacks = {}): Job<RunResult> {
  return start({ type: 'run', ...request }, callbacks, (m) => (m.type === 'result' ? m.result : undefined));
}

export function startExport(request: Omit<ExportRequest, 'type'>, callbacks: JobCallbacks = {}): Job<{ blob: Blob; bytes: number }> {
  return start({ type: 'export', ...request }, callbacks, (m) => (m.type === 'file' ? { blob: m.blob, bytes: m.bytes } : undefined));
}
