/**
 * <run-models>: the controls of chapter 7's runner, wired to src/runtime's worker jobs. State
 * (model, seed, backend, threads, runs) lives in the URL under `run.`; the page never imports
 * onnxruntime-web itself. The form is in the markup (RunModels.astro); this module, loaded when
 * the runner is near, brings it to life. `data-job`: idle, running, done, downloaded, cancelled,
 * failed (`data-state` is the widget's own lifecycle); `data-webgpu`: yes or no; `data-runtime`:
 * the warm start. The checks and words are in run-model.ts.
 */
import { DEFAULT_SEED, MODEL_IDS, findModel } from '../../core/catalog';
import { BACKEND_CHOICES, type BackendInfo, EXPORT_STEPS, type ExportStep, RUN_STEPS, type RunStep } from '../../runtime/protocol';
import { startExport, startRun } from '../../runtime/runner';
import { MAX_THREADS, chooseThreads } from '../../runtime/threads';
import { probeWebGpu } from '../../runtime/webgpu';
import { JobController, query, savedText, warmWhenIdle } from '../../ui/job/job-progress';
import { saveBlob } from '../../ui/save-blob';
import { UrlState } from '../../ui/url-state';
import {
  MAX_RUNS,
  MAX_SEED,
  type WholeNumber,
  checkRunForm,
  checkSeed,
  explainRunFailure,
  exportFileName,
  exportWhat,
  runDone,
  runWhat,
  stepWhere,
  warmRequest,
  webgpuFlag,
} from './run-model';
import { renderFirstAnswer, renderResult } from './run-report';
import { environmentText, memoryHint } from '../../ui/job/environment';

export function mount(host: HTMLElement): void {
  const url = new UrlState('run');
  const cores = navigator.hardwareConcurrency || 1;
  const form = query<HTMLFormElement>(host, '[data-form]');
  const model = query<HTMLSelectElement>(host, '#run-model');
  const seed = query<HTMLInputElement>(host, '#run-seed');
  const backend = query<HTMLSelectElement>(host, '#run-backend');
  const threads = query<HTMLSelectElement>(host, '#run-threads');
  const runs = query<HTMLInputElement>(host, '#run-runs');
  const results = query<HTMLElement>(host, '[data-results]');
  const jobs = new JobController(host, {
    extra: '[data-download]',
    stayDisabled: (el) => el.id === 'run-threads' && !crossOriginIsolated,
    explain: (error) => explainRunFailure(error, model.value),
  });

  /** Warm start for the current backend and threads, once the page is idle (job-progress.ts). */
  const scheduleWarm = () => warmWhenIdle(host, () => (jobs.busy ? undefined : warmRequest(backend.value, threads.value, cores, crossOriginIsolated)));

  /** A checked number box: marked invalid, its message shown and focus on it when it is bad. */
  const mark = (input: HTMLInputElement, check: WholeNumber): void => {
    input.setAttribute('aria-invalid', String(!check.ok));
    if (check.ok) return;
    jobs.message(check.message);
    input.focus();
  };

  const updateHint = () => {
    const hint = query<HTMLElement>(host, '[data-hint]');
    const { hidden, text } = memoryHint([model.value], 'each timed run takes seconds: lower the timed runs to finish sooner.');
    hint.hidden = hidden;
    hint.textContent = text;
  };

  /** Only ONNX Runtime's steps run on the backend; weights, conversion and export are JavaScript. */
  const progress = (order: readonly (RunStep | ExportStep)[], step: RunStep | ExportStep, done: number, total: number, info?: BackendInfo) =>
    jobs.step(order, step, done, total, stepWhere(step, info));

  const run = async (): Promise<void> => {
    const checked = checkRunForm(
      { model: model.value, seed: seed.value, backend: backend.value, threads: threads.value, runs: runs.value },
      cores,
      crossOriginIsolated,
    );
    mark(seed, checked.seed);
    mark(runs, checked.runs);
    const request = checked.request;
    if (!request) return;
    const spec = findModel(request.model)!;
    results.replaceChildren(); // old results would read as this run's if it fails or is cancelled
    let info: BackendInfo | undefined;
    const job = startRun(request, {
      onProgress: (step, done, total) => progress(RUN_STEPS, step, done, total, info),
      onBackend: (b) => {
        info = b;
      },
      // The first answer first: the deploy network's top-5 while the rest still runs.
      onFirst: (answer) => {
        results.replaceChildren(renderFirstAnswer(answer.top5Deploy, answer.backend, import.meta.env.BASE_URL));
      },
    });
    const started = performance.now();
    const result = await jobs.track(job, runWhat(spec.name, request.seed));
    scheduleWarm(); // ready for the next run
    if (!result) {
      results.replaceChildren(); // a first answer alone would read as a finished run
      return;
    }
    results.replaceChildren(renderResult(result, { threadsReason: checked.threadsReason, base: import.meta.env.BASE_URL }));
    jobs.end('done', runDone(spec.name, performance.now() - started), 1);
  };

  const download = async (kind: 'train' | 'deploy'): Promise<void> => {
    const checked = checkSeed(seed.value);
    mark(seed, checked);
    if (!checked.ok) return;
    const spec = findModel(model.value)!;
    const job = startExport(
      { model: model.value, seed: checked.value, form: kind },
      { onProgress: (step, done, total) => progress(EXPORT_STEPS, step, done, total) },
    );
    const file = await jobs.track(job, exportWhat(kind));
    if (!file) return;
    const name = exportFileName(spec.name, checked.value, kind);
    saveBlob(file.blob, name, host);
    jobs.end('downloaded', savedText(name, file.bytes), 1);
  };

  const describeEnvironment = async (): Promise<void> => {
    const env = query<HTMLElement>(host, '[data-env]');
    const autoThreads = chooseThreads(cores, crossOriginIsolated, 'auto').threads;
    env.textContent = environmentText(cores, crossOriginIsolated, autoThreads, undefined);
    const probe = await probeWebGpu();
    env.textContent = environmentText(cores, crossOriginIsolated, autoThreads, probe);
    host.dataset['webgpu'] = webgpuFlag(probe);
  };

  for (let n = 1; n <= MAX_THREADS; n++) threads.add(new Option(String(n), String(n)));
  if (!crossOriginIsolated) threads.disabled = true;

  model.value = url.choice('model', MODEL_IDS, host.dataset['defaultModel'] ?? 'A0');
  seed.value = String(url.number('seed', Number(host.dataset['defaultSeed'] ?? DEFAULT_SEED), 0, MAX_SEED));
  backend.value = url.choice('backend', BACKEND_CHOICES, 'auto');
  threads.value = url.choice('threads', ['auto', ...Array.from(threads.options, (o) => o.value)], 'auto');
  runs.value = String(url.number('runs', Number(host.dataset['defaultRuns'] ?? 10), 1, MAX_RUNS));

  form.addEventListener('change', () => {
    url.set({ model: model.value, seed: seed.value, backend: backend.value, threads: threads.value, runs: runs.value });
    updateHint();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  for (const button of host.querySelectorAll<HTMLButtonElement>('[data-download]')) {
    button.addEventListener('click', () => void download(button.dataset['download'] === 'deploy' ? 'deploy' : 'train'));
  }
  updateHint();
  void describeEnvironment();
  form.addEventListener('change', scheduleWarm);
  scheduleWarm();
}
