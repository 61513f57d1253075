/**
 * The benchmark runner's checks and words, without the DOM: what is wrong with the settings, each
 * job's label and progress, why a job gave no rows, how a run ended, the memory hint and the
 * environment line. The element (bench-runner.ts) reads the form and draws these.
 */
import { findModel } from '../../core/catalog';
import { formatBytes } from '../../io/bytes';
import { runPeakBytes } from '../../runtime/model-options';
import { type BackendInfo, type JobStep, RUN_STEPS, STEP_TEXT } from '../../runtime/protocol';
import { JobFailed } from '../../runtime/runner';
import type { WebGpuProbe } from '../../runtime/webgpu';
import type { JobState } from '../../ui/job/job-progress';
import { BACKEND_NAME, type BenchBackend, type BenchSettings, LIMITS } from './settings';

/** What stops a run (in the order the message lists them), and which number boxes are invalid. */
export function settingsProblems(s: BenchSettings): { problems: string[]; invalid: Record<'warmup' | 'runs', boolean> } {
  const problems: string[] = [];
  if (s.models.length === 0) problems.push('pick at least one model');
  if (s.backends.length === 0) problems.push('pick at least one backend');
  const invalid = { warmup: false, runs: false };
  for (const [key, label] of [
    ['warmup', 'Warm-up runs'],
    ['runs', 'Timed runs'],
  ] as const) {
    const [min, max] = LIMITS[key];
    invalid[key] = !(Number.isInteger(s[key]) && s[key] >= min && s[key] <= max);
    if (invalid[key]) problems.push(`${label} must be a whole number from ${min} to ${max}`);
  }
  return { problems, invalid };
}

/** The message line for those problems: empty when there are none. */
export const problemsMessage = (problems: readonly string[]): string => (problems.length ? `Cannot run: ${problems.join('; ')}.` : '');

/** How each graph was timed, under the results. */
export const settingsText = (s: Pick<BenchSettings, 'warmup' | 'runs'>): string =>
  `${s.warmup} warm-up and ${s.runs} timed run${s.runs === 1 ? '' : 's'} per graph, taking turns`;

/** "RepVGG-A0 on WebAssembly (job 2 of 4)". */
export const jobLabel = (name: string, backend: BenchBackend, index: number, count: number): string =>
  `${name} on ${BACKEND_NAME[backend]} (job ${index + 1} of ${count})`;

/** The status line and the bar's fraction of the whole run while job `index` of `count` is at `step`. */
export function jobProgress(label: string, index: number, count: number, step: JobStep, done: number, total: number): { text: string; fraction: number } {
  const at = Math.max(0, RUN_STEPS.indexOf(step as (typeof RUN_STEPS)[number]));
  const runs = step === 'runs' ? ` (${done} of ${total})` : '';
  return { text: `${label}: ${STEP_TEXT[step]}${runs}…`, fraction: (index + (at + (total ? done / total : 0)) / RUN_STEPS.length) / count };
}

/** A WebGPU job that was not run, and why. */
export const notRunLine = (name: string, reason: string): string => `${name} on WebGPU: not run, because ${reason}.`;

/** Why the runtime fell back from WebGPU, without its "WebAssembly instead of WebGPU: " lead. */
export const fallbackReason = (reason: string): string => reason.replace(/^WebAssembly instead of WebGPU: /, '');

/** The note a job's backend adds under the results. */
export const backendNote = (info: BackendInfo, threadsReason: string): string =>
  info.backend === 'webgpu' ? `WebGPU: ${info.reason}.` : `WebAssembly: ${threadsReason}.`;

/** Why a job gave no rows: out of memory (with what a run needs), or the failure in words. */
export function failureLine(error: unknown, name: string, backend: BenchBackend): string {
  const message = error instanceof Error ? error.message : String(error);
  const spec = findModel(name);
  if (error instanceof JobFailed && error.kind === 'memory') {
    return `${name} on ${BACKEND_NAME[backend]}: out of memory (a run needs about ${spec ? formatBytes(runPeakBytes(spec)) : 'more'}); smaller models still run. (${message})`;
  }
  return `${name} on ${BACKEND_NAME[backend]} failed: ${message}.`;
}

/** How a run ended: its job state, the status line and the bar's fraction. */
export function runEnd(cancelled: boolean, rows: number, jobs: number, seconds: string): { state: JobState; text: string; fraction: number } {
  if (cancelled) return { state: 'cancelled', text: `Cancelled after ${seconds} s: the worker was stopped; the rows above were finished before.`, fraction: 0 };
  return { state: rows > 0 ? 'done' : 'failed', text: `Done: ${jobs} job${jobs === 1 ? '' : 's'} in ${seconds} s.`, fraction: 1 };
}

/** Without a choice in the link, a hardware GPU is measured too. */
export const tickWebGpu = (webgpu: WebGpuProbe, search: string): boolean => webgpu.kind === 'hardware' && !new URLSearchParams(search).has('bench.backends');
