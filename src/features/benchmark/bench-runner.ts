/**
 * <bench-runner>: the benchmark's controls and its queue of jobs. Each (model, backend) pair is
 * one job of src/runtime's runner, the pipeline chapter 7 uses (fresh worker, the graphs timed
 * in turns after the warm-up), so every byte of a model is released before the next starts.
 * Settings live in the URL under `bench.`; results are redrawn after each job.
 */
import { type WebGpuProbe, probeWebGpu } from '../../runtime/webgpu';
import { JobController, WARN_ABOVE_BYTES, query } from '../../ui/job/job-progress';
import { LazyWidget } from '../../ui/lazy-widget';
import { UrlState } from '../../ui/url-state';
import { observeWidth } from '../../ui/widget-dom';
import { runPeakBytes } from '../../runtime/model-options';
import { DEFAULT_SEED, findModel } from '../../core/catalog';
import { RUN_STEPS, type BackendInfo } from '../../runtime/protocol';
import { JobFailed, startRun } from '../../runtime/runner';
import { STEP_TEXT } from '../../runtime/protocol';
import { MAX_THREADS, chooseThreads } from '../../runtime/threads';
import { BACKEND_NAME } from './bench-plots';
import { BenchResultsView } from './bench-results';
import { type BenchRow, rowsOf } from './rows';
import { type BenchBackend, type BenchSettings, BENCH_BACKENDS, LIMITS, defaultSettings, jobsOf, readSettings, settingsQuery } from './settings';
import { formatBytes } from '../../io/bytes';

export class BenchRunner extends LazyWidget {
  private readonly url = new UrlState('bench');
  private readonly cores = navigator.hardwareConcurrency || 1;
  private view!: BenchResultsView;
  private jobs!: JobController;
  private webgpu: WebGpuProbe = { kind: 'none', detail: 'not checked yet' };

  protected init(): void {
    this.view = new BenchResultsView(query(this, '[data-results]'));
    this.jobs = new JobController(this, {
      stayDisabled: (el) => el.id === 'bench-threads' && !crossOriginIsolated,
      explain: (error) => (error instanceof Error ? error.message : String(error)),
    });
    const threads = query<HTMLSelectElement>(this, '#bench-threads');
    for (let n = 1; n <= MAX_THREADS; n++) threads.add(new Option(String(n), String(n)));
    threads.disabled = !crossOriginIsolated;
    const form = query<HTMLFormElement>(this, '[data-form]');
    this.show(readSettings(new URLSearchParams(location.search), defaultSettings(false)));
    form.addEventListener('change', () => {
      const s = this.read();
      this.url.set(settingsQuery(s));
      this.updateHint(s);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const s = this.validated();
      if (s) void this.run(s);
    });
    observeWidth(this, () => this.view.redraw());
    void this.describeEnvironment();
  }

  private show(s: BenchSettings): void {
    for (const box of this.querySelectorAll<HTMLInputElement>('input[name="model"]')) box.checked = s.models.includes(box.value);
    for (const box of this.querySelectorAll<HTMLInputElement>('input[name="backend"]')) box.checked = s.backends.includes(box.value as BenchBackend);
    query<HTMLSelectElement>(this, '#bench-threads').value = String(s.threads);
    query<HTMLInputElement>(this, '#bench-warmup').value = String(s.warmup);
    query<HTMLInputElement>(this, '#bench-runs').value = String(s.runs);
    this.updateHint(s);
  }

  /** The form as settings (unchecked, for the URL); the number boxes as typed. */
  private read(): BenchSettings {
    const checked = (name: string) => [...this.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((b) => b.value);
    const threads = query<HTMLSelectElement>(this, '#bench-threads').value;
    return {
      models: checked('model'),
      backends: BENCH_BACKENDS.filter((b) => checked('backend').includes(b)),
      threads: threads === 'auto' ? 'auto' : Number(threads),
      warmup: Number(query<HTMLInputElement>(this, '#bench-warmup').value),
      runs: Number(query<HTMLInputElement>(this, '#bench-runs').value),
    };
  }

  private validated(): BenchSettings | undefined {
    const s = this.read();
    const problems: string[] = [];
    if (s.models.length === 0) problems.push('pick at least one model');
    if (s.backends.length === 0) problems.push('pick at least one backend');
    for (const [key, label] of [
      ['warmup', 'Warm-up runs'],
      ['runs', 'Timed runs'],
    ] as const) {
      const [min, max] = LIMITS[key];
      const ok = Number.isInteger(s[key]) && s[key] >= min && s[key] <= max;
      query<HTMLInputElement>(this, `#bench-${key}`).setAttribute('aria-invalid', String(!ok));
      if (!ok) problems.push(`${label} must be a whole number from ${min} to ${max}`);
    }
    this.showMessage(problems.length ? `Cannot run: ${problems.join('; ')}.` : '');
    return problems.length ? undefined : s;
  }

  private async run(s: BenchSettings): Promise<void> {
    const jobs = jobsOf(s);
    const threads = chooseThreads(this.cores, crossOriginIsolated, s.threads);
    const rows: BenchRow[] = [];
    const failures: string[] = [];
    const notes = new Set<string>();
    const settingsText = `${s.warmup} warm-up and ${s.runs} timed run${s.runs === 1 ? '' : 's'} per graph, taking turns`;
    const redraw = () => this.view.render({ rows, failures, notes: [...notes], settingsText });
    // WebGPU is tried only where the page found an adapter; once it fails, its other jobs are skipped.
    let webgpuGone = this.webgpu.kind === 'none' ? this.webgpu.detail : undefined;
    this.jobs.begin('Starting…');
    redraw();
    const started = performance.now();
    for (const [i, { model, backend }] of jobs.entries()) {
      if (this.jobs.cancelled) break;
      const name = findModel(model)!.name;
      if (backend === 'webgpu' && webgpuGone) {
        failures.push(`${name} on WebGPU: not run, because ${webgpuGone}.`);
        redraw();
        continue;
      }
      let fellBack: string | undefined;
      const where = `${name} on ${BACKEND_NAME[backend]} (job ${i + 1} of ${jobs.length})`;
      const job = startRun(
        { model, seed: DEFAULT_SEED, backend, threads: threads.threads, runs: s.runs, warmup: s.warmup },
        {
          onProgress: (step, done, total) => {
            const index = Math.max(0, RUN_STEPS.indexOf(step as (typeof RUN_STEPS)[number]));
            const count = step === 'runs' ? ` (${done} of ${total})` : '';
            this.jobs.progress.update(`${where}: ${STEP_TEXT[step]}${count}…`, (i + (index + (total ? done / total : 0)) / RUN_STEPS.length) / jobs.length);
          },
          onBackend: (info: BackendInfo) => {
            if (backend === 'webgpu' && info.backend !== 'webgpu') {
              fellBack = info.reason.replace(/^WebAssembly instead of WebGPU: /, '');
              job.cancel(); // it would measure WebAssembly twice
            } else {
              notes.add(info.backend === 'webgpu' ? `WebGPU: ${info.reason}.` : `WebAssembly: ${threads.reason}.`);
            }
          },
        },
      );
      this.jobs.progress.set(`${where}: starting…`, i / jobs.length);
      const outcome = await this.jobs.attempt(job);
      if (outcome.ok) {
        rows.push(...rowsOf(outcome.value));
      } else if (outcome.cancelled && fellBack) {
        webgpuGone = fellBack;
        failures.push(`${name} on WebGPU: not run, because ${fellBack}.`);
      } else if (!outcome.cancelled) {
        failures.push(this.explain(outcome.error, name, backend));
      }
      redraw();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const stopped = this.jobs.cancelled;
    this.jobs.end(
      stopped ? 'cancelled' : rows.length > 0 ? 'done' : 'failed',
      stopped
        ? `Cancelled after ${seconds} s: the worker was stopped; the rows above were finished before.`
        : `Done: ${jobs.length} job${jobs.length === 1 ? '' : 's'} in ${seconds} s.`,
      stopped ? 0 : 1,
    );
  }

  private explain(error: unknown, name: string, backend: BenchBackend): string {
    const message = error instanceof Error ? error.message : String(error);
    const spec = findModel(name);
    if (error instanceof JobFailed && error.kind === 'memory') {
      return `${name} on ${BACKEND_NAME[backend]}: out of memory (a run needs about ${spec ? formatBytes(runPeakBytes(spec)) : 'more'}); smaller models still run. (${message})`;
    }
    return `${name} on ${BACKEND_NAME[backend]} failed: ${message}.`;
  }

  private showMessage(text: string): void {
    this.jobs.message(text);
  }

  private updateHint(s: BenchSettings): void {
    const hint = query<HTMLElement>(this, '[data-hint]');
    const biggest = s.models.map((m) => findModel(m)!).sort((a, b) => runPeakBytes(b) - runPeakBytes(a))[0];
    const peak = biggest ? runPeakBytes(biggest) : 0;
    hint.hidden = peak <= WARN_ABOVE_BYTES;
    hint.textContent = biggest
      ? `${biggest.name} needs about ${formatBytes(peak)} of memory while it runs, and on a CPU each of its runs takes seconds: fewer timed runs finish sooner.`
      : '';
  }

  private async describeEnvironment(): Promise<void> {
    const env = query<HTMLElement>(this, '[data-env]');
    const threads = chooseThreads(this.cores, crossOriginIsolated, 'auto').threads;
    const isolation = crossOriginIsolated
      ? `WebAssembly: up to ${threads} threads (Auto) of ${this.cores} logical cores`
      : 'WebAssembly: one thread (this page is not cross-origin isolated)';
    env.textContent = `${isolation}. WebGPU: checking…`;
    this.webgpu = await probeWebGpu();
    const gpu =
      this.webgpu.kind === 'hardware'
        ? 'an adapter is available'
        : this.webgpu.kind === 'software'
          ? `the only WebGPU adapter is ${this.webgpu.detail}, a GPU emulated on the CPU; tick WebGPU to measure it anyway`
          : `${this.webgpu.detail}, so WebGPU jobs are skipped`;
    env.textContent = `${isolation}. WebGPU: ${gpu}. Other programs on this device change the timings: compare the spread, and run twice.`;
    this.dataset['webgpu'] = this.webgpu.kind;
    // Without a choice in the link, a hardware GPU is measured too.
    if (this.webgpu.kind === 'hardware' && !new URLSearchParams(location.search).has('bench.backends')) {
      const box = this.querySelector<HTMLInputElement>('input[name="backend"][value="webgpu"]');
      if (box) box.checked = true;
    }
  }
}
