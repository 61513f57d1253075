/**
 * <run-models>: the controls of chapter 7's runner, wired to src/runtime's worker jobs. State
 * (model, seed, backend, threads, runs) lives in the URL under `run.`; the page never imports
 * onnxruntime-web itself.
 */
import { probeWebGpu } from '../../runtime/webgpu';
import { JobController, WARN_ABOVE_BYTES, query, runtimeAdvice, warmWhenIdle } from '../../ui/job/job-progress';
import { LazyWidget } from '../../ui/lazy-widget';
import { UrlState } from '../../ui/url-state';
import { type BackendChoice, type BackendInfo, EXPORT_STEPS, type ExportStep, RUN_STEPS, type RunRequest, type RunStep } from '../../runtime/protocol';
import { JobFailed, startExport, startRun } from '../../runtime/runner';
import { MAX_THREADS, chooseThreads } from '../../runtime/threads';
import { DEFAULT_SEED, MODEL_IDS, findModel } from '../../core/catalog';
import { runPeakBytes } from '../../runtime/model-options';
import { renderFirstAnswer, renderResult } from './run-report';
import { saveBlob } from '../../ui/save-blob';
import { formatBytes } from '../../io/bytes';

const BACKENDS: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm'];
const WARMUP_RUNS = 1;
const MAX_SEED = 2 ** 32 - 1;

export class RunModels extends LazyWidget {
  private readonly url = new UrlState('run');
  private cores = 1;
  private jobs: JobController | undefined;

  protected init(): void {
    const form = query<HTMLFormElement>(this, '[data-form]');
    const model = query<HTMLSelectElement>(this, '#run-model');
    const seed = query<HTMLInputElement>(this, '#run-seed');
    const backend = query<HTMLSelectElement>(this, '#run-backend');
    const threads = query<HTMLSelectElement>(this, '#run-threads');
    const runs = query<HTMLInputElement>(this, '#run-runs');
    this.cores = navigator.hardwareConcurrency || 1;
    this.jobs = new JobController(this, {
      extra: '[data-download]',
      stayDisabled: (el) => el.id === 'run-threads' && !crossOriginIsolated,
      explain: (error) => this.explainFailure(error),
    });

    for (let n = 1; n <= MAX_THREADS; n++) threads.add(new Option(String(n), String(n)));
    if (!crossOriginIsolated) threads.disabled = true;

    model.value = this.url.choice('model', MODEL_IDS, this.dataset['defaultModel'] ?? 'A0');
    seed.value = String(this.url.number('seed', Number(this.dataset['defaultSeed'] ?? DEFAULT_SEED), 0, MAX_SEED));
    backend.value = this.url.choice('backend', BACKENDS, 'auto');
    threads.value = this.url.choice('threads', ['auto', ...Array.from(threads.options, (o) => o.value)], 'auto');
    runs.value = String(this.url.number('runs', Number(this.dataset['defaultRuns'] ?? 10), 1, 100));

    const save = () => {
      this.url.set({ model: model.value, seed: seed.value, backend: backend.value, threads: threads.value, runs: runs.value });
      this.updateHint(model.value);
    };
    form.addEventListener('change', save);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = this.readRequest();
      if (checked) void this.run(checked.request, checked.threadsReason);
    });
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-download]')) {
      button.addEventListener('click', () => void this.download(button.dataset['download'] === 'deploy' ? 'deploy' : 'train'));
    }
    this.updateHint(model.value);
    void this.describeEnvironment();
    form.addEventListener('change', () => this.scheduleWarm());
    this.scheduleWarm();
  }

  /** Warm start for the current backend and threads, once the page is idle (job-progress.ts). */
  private scheduleWarm(): void {
    warmWhenIdle(this, () => {
      if (this.jobs?.busy) return undefined;
      const threadsValue = query<HTMLSelectElement>(this, '#run-threads').value;
      const threads = chooseThreads(this.cores, crossOriginIsolated, threadsValue === 'auto' ? 'auto' : Number(threadsValue)).threads;
      return { backend: query<HTMLSelectElement>(this, '#run-backend').value as BackendChoice, threads };
    });
  }

  /** The form's values, checked; on a bad value, says which and returns undefined. */
  private readRequest(): { request: Omit<RunRequest, 'type'>; threadsReason: string } | undefined {
    const seedInput = query<HTMLInputElement>(this, '#run-seed');
    const runsInput = query<HTMLInputElement>(this, '#run-runs');
    const seed = this.checkedInteger(seedInput, 0, MAX_SEED, `The seed must be a whole number from 0 to ${MAX_SEED}.`);
    const runs = this.checkedInteger(runsInput, 1, 100, 'Timed runs must be a whole number from 1 to 100.');
    if (seed === undefined || runs === undefined) return undefined;
    const threadsValue = query<HTMLSelectElement>(this, '#run-threads').value;
    const threads = chooseThreads(this.cores, crossOriginIsolated, threadsValue === 'auto' ? 'auto' : Number(threadsValue));
    const request = {
      model: query<HTMLSelectElement>(this, '#run-model').value,
      seed,
      backend: query<HTMLSelectElement>(this, '#run-backend').value as BackendChoice,
      threads: threads.threads,
      runs,
      warmup: WARMUP_RUNS,
    };
    return { request, threadsReason: threads.reason };
  }

  private checkedInteger(input: HTMLInputElement, min: number, max: number, message: string): number | undefined {
    const raw = input.value.trim();
    const value = Number(raw);
    const ok = raw !== '' && Number.isInteger(value) && value >= min && value <= max;
    input.setAttribute('aria-invalid', String(!ok));
    if (!ok) {
      this.showMessage(`${message} Got “${raw || 'nothing'}”.`);
      input.focus();
      return undefined;
    }
    return value;
  }

  private async run(request: Omit<RunRequest, 'type'>, threadsReason: string): Promise<void> {
    const spec = findModel(request.model)!;
    const results = query<HTMLElement>(this, '[data-results]');
    results.replaceChildren(); // old results would read as this run's if it fails or is cancelled
    let backend: BackendInfo | undefined;
    const job = startRun(request, {
      onProgress: (step, done, total) => this.progress(RUN_STEPS, step, done, total, backend),
      onBackend: (info) => {
        backend = info;
      },
      // The first answer first: the deploy network's top-5 while the rest still runs.
      onFirst: (answer) => {
        results.replaceChildren(renderFirstAnswer(answer.top5Deploy, answer.backend, import.meta.env.BASE_URL));
      },
    });
    const started = performance.now();
    const result = await this.jobs!.track(job, `${spec.name}, seed ${request.seed}`);
    this.scheduleWarm(); // ready for the next run
    if (!result) {
      results.replaceChildren(); // a first answer alone would read as a finished run
      return;
    }
    results.replaceChildren(renderResult(result, { threadsReason, base: import.meta.env.BASE_URL }));
    this.jobs!.end('done', `Done: ${spec.name} built, run, re-parameterized and run again in ${((performance.now() - started) / 1000).toFixed(1)} s.`, 1);
  }

  private async download(form: 'train' | 'deploy'): Promise<void> {
    const seed = this.checkedInteger(query<HTMLInputElement>(this, '#run-seed'), 0, MAX_SEED, `The seed must be a whole number from 0 to ${MAX_SEED}.`);
    if (seed === undefined) return;
    const model = query<HTMLSelectElement>(this, '#run-model').value;
    const spec = findModel(model)!;
    const job = startExport({ model, seed, form }, { onProgress: (step, done, total) => this.progress(EXPORT_STEPS, step, done, total) });
    const file = await this.jobs!.track(job, `the ${form === 'train' ? 'training-time' : 'deploy'} ONNX file`);
    if (!file) return;
    const name = `${spec.name.toLowerCase()}-seed${seed}-${form}.onnx`;
    saveBlob(file.blob, name, this);
    this.jobs!.end('downloaded', `Saved ${name} (${formatBytes(file.bytes)}).`, 1);
  }

  private explainFailure(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    const spec = findModel(query<HTMLSelectElement>(this, '#run-model').value);
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

  /** Only ONNX Runtime's steps run on the backend; weights, conversion and export are JavaScript. */
  private progress(order: readonly (RunStep | ExportStep)[], step: RunStep | ExportStep, done: number, total: number, backend?: BackendInfo): void {
    const onBackend = backend && (step.startsWith('session') || step === 'runs');
    const where = onBackend
      ? ` on ${backend.backend === 'webgpu' ? 'WebGPU' : `WebAssembly (${backend.threads} thread${backend.threads === 1 ? '' : 's'})`}`
      : '';
    this.jobs?.step(order, step, done, total, where);
  }

  private showMessage(text: string): void {
    this.jobs?.message(text);
  }

  private updateHint(modelId: string): void {
    const hint = query<HTMLElement>(this, '[data-hint]');
    const spec = findModel(modelId);
    const peak = spec ? runPeakBytes(spec) : 0;
    hint.hidden = peak <= WARN_ABOVE_BYTES;
    hint.textContent = spec
      ? `${spec.name} needs about ${formatBytes(peak)} of memory while it runs, and on a CPU each timed run takes seconds: lower the timed runs to finish sooner.`
      : '';
  }

  private async describeEnvironment(): Promise<void> {
    const env = query<HTMLElement>(this, '[data-env]');
    const isolation = crossOriginIsolated
      ? 'Cross-origin isolated: yes, so WebAssembly can use threads'
      : 'Cross-origin isolated: no, so WebAssembly runs on one thread';
    const threads = chooseThreads(this.cores, crossOriginIsolated, 'auto').threads;
    const line = (webgpu: string) => `${isolation} (Auto: ${threads} of ${this.cores} logical core${this.cores === 1 ? '' : 's'}). WebGPU: ${webgpu}.`;
    env.textContent = line('checking…');
    const probe = await probeWebGpu();
    const webgpu =
      probe.kind === 'hardware'
        ? 'an adapter is available'
        : probe.kind === 'software'
          ? 'only a software fallback adapter (Auto will use WebAssembly; choose WebGPU to try it)'
          : `${probe.detail.replace(/^no WebGPU adapter is available/, 'no adapter available')} (Auto will use WebAssembly)`;
    env.textContent = line(webgpu);
    this.dataset['webgpu'] = probe.kind === 'hardware' ? 'yes' : 'no';
  }
}
