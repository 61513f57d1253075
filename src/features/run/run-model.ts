/**
 * Chapter 7's runner, its checks and words without the DOM: the request the form asks for (the
 * seed and the timed runs checked, the threads chosen), where a step runs, what a failure means,
 * the memory hint, the environment line and the status lines. The element (run-models.ts) reads
 * the form and shows these.
 */
import { findModel } from '../../core/catalog';
import { formatBytes } from '../../io/bytes';
import { runPeakBytes } from '../../runtime/model-options';
import type { BackendChoice, BackendInfo, ExportStep, RunRequest, RunStep } from '../../runtime/protocol';
import { JobFailed } from '../../runtime/runner';
import { chooseThreads } from '../../runtime/threads';
import type { WebGpuProbe } from '../../runtime/webgpu';
import { plural } from '../../ui/job/environment';
import { runtimeAdvice } from '../../ui/job/job-progress';

export const WARMUP_RUNS = 1;
export const MAX_SEED = 2 ** 32 - 1;
export const MAX_RUNS = 100;

/** A number box's value: a whole number in range, or the message that says what is wrong. */
export type WholeNumber = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** `rule` ("The seed must be…") and what was typed, when the box does not hold a whole number from min to max. */
export function wholeNumber(raw: string, min: number, max: number, rule: string): WholeNumber {
  const typed = raw.trim();
  const value = Number(typed);
  if (typed !== '' && Number.isInteger(value) && value >= min && value <= max) return { ok: true, value };
  return { ok: false, message: `${rule} Got “${typed || 'nothing'}”.` };
}

export const checkSeed = (raw: string): WholeNumber => wholeNumber(raw, 0, MAX_SEED, `The seed must be a whole number from 0 to ${MAX_SEED}.`);
export const checkRuns = (raw: string): WholeNumber => wholeNumber(raw, 1, MAX_RUNS, `Timed runs must be a whole number from 1 to ${MAX_RUNS}.`);

/** The threads menu's value ("auto" or a count) as chooseThreads takes it. */
export const threadsWanted = (value: string): number | 'auto' => (value === 'auto' ? 'auto' : Number(value));

/** The form as typed. */
export interface RunForm {
  readonly model: string;
  readonly seed: string;
  readonly backend: string;
  readonly threads: string;
  readonly runs: string;
}

export interface CheckedRun {
  readonly seed: WholeNumber;
  readonly runs: WholeNumber;
  /** The worker's request: undefined unless the seed and the runs are both good. */
  readonly request: Omit<RunRequest, 'type'> | undefined;
  /** Why that many WebAssembly threads (the report says it). */
  readonly threadsReason: string;
}

/** The form checked (the seed first, then the runs) and, when both are good, the request it makes. */
export function checkRunForm(form: RunForm, cores: number, isolated: boolean): CheckedRun {
  const seed = checkSeed(form.seed);
  const runs = checkRuns(form.runs);
  const threads = chooseThreads(cores, isolated, threadsWanted(form.threads));
  const request =
    seed.ok && runs.ok
      ? { model: form.model, seed: seed.value, backend: form.backend as BackendChoice, threads: threads.threads, runs: runs.value, warmup: WARMUP_RUNS }
      : undefined;
  return { seed, runs, request, threadsReason: threads.reason };
}

/** What the warm start gets ready: the chosen backend and the threads a run would use. */
export const warmRequest = (backend: string, threads: string, cores: number, isolated: boolean): { backend: BackendChoice; threads: number } => ({
  backend: backend as BackendChoice,
  threads: chooseThreads(cores, isolated, threadsWanted(threads)).threads,
});

/** " on WebGPU" or " on WebAssembly (2 threads)" for ONNX Runtime's steps; weights, conversion and export are JavaScript (nothing). */
export function stepWhere(step: RunStep | ExportStep, backend: Pick<BackendInfo, 'backend' | 'threads'> | undefined): string {
  if (!backend || !(step.startsWith('session') || step === 'runs')) return '';
  return ` on ${backend.backend === 'webgpu' ? 'WebGPU' : `WebAssembly (${plural(backend.threads, 'thread')})`}`;
}

/** A failed run or export in words: what went wrong and what to do. */
export function explainRunFailure(error: unknown, modelId: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const spec = findModel(modelId);
  const modelName = spec?.name ?? 'The model';
  if (error instanceof JobFailed && error.kind === 'memory') {
    const need = spec ? formatBytes(runPeakBytes(spec)) : 'more';
    return `${modelName} ran out of memory: it needs about ${need} while it runs (its weights and ONNX files, and ONNX Runtime's copies for three sessions), and this browser could not provide it. Try a smaller model; the page still works. (${message})`;
  }
  if (error instanceof JobFailed && error.kind === 'webgpu') return `${message}`;
  if (error instanceof JobFailed && error.kind === 'input') return `Cannot run: ${message}.`;
  if (error instanceof JobFailed && error.kind === 'runtime') return runtimeAdvice(message);
  return `The run failed: ${message}. Try again, or choose WebAssembly or a smaller model; the page still works.`;
}

/** The element's data-webgpu: "yes" only for a hardware adapter. */
export const webgpuFlag = (webgpu: WebGpuProbe): 'yes' | 'no' => (webgpu.kind === 'hardware' ? 'yes' : 'no');

/** What the status line names while a run starts. */
export const runWhat = (modelName: string, seed: number): string => `${modelName}, seed ${seed}`;

/** The status line after a run. */
export const runDone = (modelName: string, ms: number): string =>
  `Done: ${modelName} built, run, re-parameterized and run again in ${(ms / 1000).toFixed(1)} s.`;

/** What the status line names while an ONNX file is built. */
export const exportWhat = (form: 'train' | 'deploy'): string => `the ${form === 'train' ? 'training-time' : 'deploy'} ONNX file`;

/** "repvgg-a0-seed2021-deploy.onnx". */
export const exportFileName = (modelName: string, seed: number, form: 'train' | 'deploy'): string => `${modelName.toLowerCase()}-seed${seed}-${form}.onnx`;
