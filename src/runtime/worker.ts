/**
 * The inference worker: one per job, terminated when the job ends or is cancelled, so every byte
 * it allocated (weights, ONNX files, ONNX Runtime's WebAssembly memory, GPU buffers) is released
 * with it. Started by runner.ts only.
 */
import { CheckpointError } from '../io/checkpoint/errors.ts';
import { RuntimeLoadError } from './ort-backend.ts';
import { InputError, type Reporter, WebGpuError, exportJob, runJob, warmUp } from './pipeline.ts';
import type { ErrorKind, WorkerMessage, WorkerRequest } from './protocol.ts';

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

/** Out-of-memory shows up differently in V8 (RangeError: Array buffer allocation failed) and in
 * ONNX Runtime's WebAssembly (bad_alloc, "Out of memory", memory.grow() failures). */
const MEMORY = /out of memory|allocation failed|bad_alloc|cannot enlarge memory|memory\.grow|Maximum memory size|OOM|memory access out of bounds/i;

function classify(error: unknown): ErrorKind {
  if (error instanceof InputError) return 'input';
  if (error instanceof WebGpuError) return 'webgpu';
  if (error instanceof CheckpointError) return 'checkpoint';
  if (error instanceof RuntimeLoadError) return 'runtime';
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return MEMORY.test(text) ? 'memory' : 'other';
}

const reporter: Reporter = {
  progress: (step, done, total) => post({ type: 'progress', step, done, total }),
  backend: (info) => post({ type: 'backend', info }),
  checkpoint: (summary) => post({ type: 'checkpoint', summary }),
  first: (answer) => post({ type: 'first', answer }),
};

scope.onmessage = async ({ data }) => {
  try {
    if (data.type === 'warm') {
      // Started while the page is idle; the job that follows in this worker finds it running.
      // A failure here is not a job's failure: the job that follows starts afresh and reports it.
      try {
        const started = await warmUp(data);
        post({ type: 'warm', ok: true, backend: started.backend, runtimeMs: started.runtimeMs });
      } catch (error) {
        post({ type: 'warm', ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    } else if (data.type === 'run') {
      post({ type: 'result', result: await runJob(data, reporter) });
    } else if (data.type === 'export') {
      const { blob, bytes } = exportJob(data, reporter);
      post({ type: 'file', blob, bytes });
    } else if (data.type === 'density') {
      const { densityJob } = await import('./density-job.ts');
      post({ type: 'density', result: await densityJob(data, reporter) });
    } else {
      // Checkpoint jobs load the readers (zip.js, the unpickler) only when a page asks for them.
      const { classifyJob, convertJob } = await import('./checkpoint-job.ts');
      if (data.type === 'classify') post({ type: 'classified', result: await classifyJob(data, reporter) });
      else post({ type: 'file', ...(await convertJob(data, reporter)) });
    }
  } catch (error) {
    const code = error instanceof CheckpointError ? { code: error.code } : {};
    post({ type: 'error', kind: classify(error), message: error instanceof Error ? error.message : String(error), ...code });
  }
};
