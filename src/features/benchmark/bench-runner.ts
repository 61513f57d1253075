/**
 * <bench-runner>: the benchmark's controls and its queue of jobs. Each (model, backend) pair is
 * one job of src/runtime's runner, the pipeline chapter 7 uses (fresh worker, the graphs timed
 * in turns after the warm-up), so every byte of a model is released before the next starts.
 * Settings live in the URL under `bench.`; results are redrawn after each job. The form is in the
 * markup (BenchRunner.astro); this module, loaded when the widget is near, brings it to life.
 * `data-job`: idle, running, done, cancelled, failed (`data-state` is the widget's own lifecycle);
 * `data-webgpu`: what the WebGPU probe found. The checks and words are in runner-model.ts.
 */
import { DEFAULT_SEED, findModel } from '../../core/catalog';
import { type WebGpuProbe, probeWebGpu } from '../../runtime/webgpu';
import type { BackendInfo } from '../../runtime/protocol';
import { startRun } from '../../runtime/runner';
import { MAX_THREADS, chooseThreads } from '../../runtime/threads';
import { JobController, query } from '../../ui/job/job-progress';
import { UrlState } from '../../ui/url-state';
import { observeWidth } from '../../ui/widget-dom';
import { BenchResultsView } from './bench-results';
import { type BenchRow, rowsOf } from './rows';
import {
  backendNote,
  failureLine,
  fallbackReason,
  jobLabel,
  jobProgress,
  notRunLine,
  problemsMessage,
  runEnd,
  settingsProblems,
  settingsText,
  tickWebGpu,
} from './runner-model';
import { type BenchBackend, type BenchSettings, BENCH_BACKENDS, defaultSettings, jobsOf, readSettings, settingsQuery } from './settings';
import { environmentText, memoryHint } from '../../ui/job/environment';

export function mount(host: HTMLElement): void {
  const url = new UrlState('bench');
  const cores = navigator.hardwareConcurrency || 1;
  let webgpu: WebGpuProbe = { kind: 'none', detail: 'not checked yet' };
  const view = new BenchResultsView(query(host, '[data-results]'));
  const jobs = new JobController(host, {
    stayDisabled: (el) => el.id === 'bench-threads' && !crossOriginIsolated,
    explain: (error) => (error instanceof Error ? error.message : String(error)),
  });
  const threadsBox = query<HTMLSelectElement>(host, '#bench-threads');
  const warmupBox = query<HTMLInputElement>(host, '#bench-warmup');
  const runsBox = query<HTMLInputElement>(host, '#bench-runs');
  const hint = query<HTMLElement>(host, '[data-hint]');
  const form = query<HTMLFormElement>(host, '[data-form]');

  const updateHint = (s: BenchSettings) => {
    const { hidden, text } = memoryHint(s.models, 'each of its runs takes seconds: fewer timed runs finish sooner.');
    hint.hidden = hidden;
    hint.textContent = text;
  };

  const show = (s: BenchSettings) => {
    for (const box of host.querySelectorAll<HTMLInputElement>('input[name="model"]')) box.checked = s.models.includes(box.value);
    for (const box of host.querySelectorAll<HTMLInputElement>('input[name="backend"]')) box.checked = s.backends.includes(box.value as BenchBackend);
    threadsBox.value = String(s.threads);
    warmupBox.value = String(s.warmup);
    runsBox.value = String(s.runs);
    updateHint(s);
  };

  /** The form as settings (unchecked, for the URL); the number boxes as typed. */
  const read = (): BenchSettings => {
    const checked = (name: string) => [...host.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((b) => b.value);
    const threads = threadsBox.value;
    return {
      models: checked('model'),
      backends: BENCH_BACKENDS.filter((b) => checked('backend').includes(b)),
      threads: threads === 'auto' ? 'auto' : Number(threads),
      warmup: Number(warmupBox.value),
      runs: Number(runsBox.value),
    };
  };

  const validated = (): BenchSettings | undefined => {
    const s = read();
    const { problems, invalid } = settingsProblems(s);
    warmupBox.setAttribute('aria-invalid', String(invalid.warmup));
    runsBox.setAttribute('aria-invalid', String(invalid.runs));
    jobs.message(problemsMessage(problems));
    return problems.length ? undefined : s;
  };

  const run = async (s: BenchSettings): Promise<void> => {
    const queue = jobsOf(s);
    const threads = chooseThreads(cores, crossOriginIsolated, s.threads);
    const rows: BenchRow[] = [];
    const failures: string[] = [];
    const notes = new Set<string>();
    const redraw = () => view.render({ rows, failures, notes: [...notes], settingsText: settingsText(s) });
    // WebGPU is tried only where the page found an adapter; once it fails, its other jobs are skipped.
    let webgpuGone = webgpu.kind === 'none' ? webgpu.detail : undefined;
    jobs.begin('Starting…');
    redraw();
    const started = performance.now();
    for (const [i, { model, backend }] of queue.entries()) {
      if (jobs.cancelled) break;
      const name = findModel(model)!.name;
      if (backend === 'webgpu' && webgpuGone) {
        failures.push(notRunLine(name, webgpuGone));
        redraw();
        continue;
      }
      let fellBack: string | undefined;
      const label = jobLabel(name, backend, i, queue.length);
      const job = startRun(
        { model, seed: DEFAULT_SEED, backend, threads: threads.threads, runs: s.runs, warmup: s.warmup },
        {
          onProgress: (step, done, total) => {
            const { text, fraction } = jobProgress(label, i, queue.length, step, done, total);
            jobs.progress.update(text, fraction);
          },
          onBackend: (info: BackendInfo) => {
            if (backend === 'webgpu' && info.backend !== 'webgpu') {
              fellBack = fallbackReason(info.reason);
              job.cancel(); // it would measure WebAssembly twice
            } else {
              notes.add(backendNote(info, threads.reason));
            }
          },
        },
      );
      jobs.progress.set(`${label}: starting…`, i / queue.length);
      const outcome = await jobs.attempt(job);
      if (outcome.ok) {
        rows.push(...rowsOf(outcome.value));
      } else if (outcome.cancelled && fellBack) {
        webgpuGone = fellBack;
        failures.push(notRunLine(name, fellBack));
      } else if (!outcome.cancelled) {
        failures.push(failureLine(outcome.error, name, backend));
      }
      redraw();
    }
    const end = runEnd(jobs.cancelled, rows.length, queue.length, ((performance.now() - started) / 1000).toFixed(1));
    jobs.end(end.state, end.text, end.fraction);
  };

  const describeEnvironment = async (): Promise<void> => {
    const env = query<HTMLElement>(host, '[data-env]');
    const autoThreads = chooseThreads(cores, crossOriginIsolated, 'auto').threads;
    env.textContent = environmentText(cores, crossOriginIsolated, autoThreads, undefined);
    webgpu = await probeWebGpu();
    env.textContent = `${environmentText(cores, crossOriginIsolated, autoThreads, webgpu)} Other programs on this device change the timings: compare the spread, and run twice.`;
    host.dataset['webgpu'] = webgpu.kind;
    if (tickWebGpu(webgpu, location.search)) {
      const box = host.querySelector<HTMLInputElement>('input[name="backend"][value="webgpu"]');
      if (box) box.checked = true;
    }
  };

  for (let n = 1; n <= MAX_THREADS; n++) threadsBox.add(new Option(String(n), String(n)));
  threadsBox.disabled = !crossOriginIsolated;
  show(readSettings(new URLSearchParams(location.search), defaultSettings(false)));
  form.addEventListener('change', () => {
    const s = read();
    url.set(settingsQuery(s));
    updateHint(s);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const s = validated();
    if (s) void run(s);
  });
  observeWidth(host, () => view.redraw());
  void describeEnvironment();
}
