/**
 * The one job controller: a worker job on the page ("Run the models" and the demo's last step, the
 * checkpoint page, the Benchmark, chapter 6's densities), over the parts JobStatus.astro and
 * JobActions.astro render: a <progress> bar, the current step in words, a polite live region that
 * announces each step once (not every layer or tensor), a message line, and the Run/Cancel pair.
 */

import { type JobStep, STEP_TEXT } from '../../runtime/protocol';
import { type Job, JobCancelled, type RuntimeRequest, warmRuntime } from '../../runtime/runner';
import { formatBytes } from '../../io/bytes';

/** What to do when ONNX Runtime's own files cannot be loaded (the pages that run models). */
export function runtimeAdvice(message: string): string {
  return (
    `ONNX Runtime could not be loaded: ${message}. Its files come from this site. ` +
    'If you are offline, connect to the network and reload this page; once the footer says “Saved for offline use”, it also works offline. ' +
    'If you are online, reload the page; if that does not help, the site was published without its ort/ folder.'
  );
}

const idleHandles = new WeakMap<HTMLElement, number>();

/**
 * Warm start: once the page is idle, ONNX Runtime (the build `request()` needs: its backend and
 * threads) is fetched, compiled and started in a spare worker, so the next job skips that step.
 * The page's own thread only creates the worker. `host.dataset.runtime` says where it stands
 * ("starting", "warm"; "none" once a job took it, "failed"). `request()` returning undefined
 * (a job is running) skips it.
 */
export function warmWhenIdle(host: HTMLElement, request: () => RuntimeRequest | undefined): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  const cancelIdle = (globalThis as { cancelIdleCallback?: (h: number) => void }).cancelIdleCallback;
  const pending = idleHandles.get(host);
  if (pending !== undefined) (idle && cancelIdle ? cancelIdle : clearTimeout)(pending);
  const go = () => {
    idleHandles.delete(host);
    const wanted = request();
    if (wanted) warmRuntime(wanted, (state) => (host.dataset['runtime'] = state));
  };
  idleHandles.set(host, idle ? idle(go, { timeout: 5000 }) : (setTimeout(go, 500) as unknown as number));
}

/** The status line after a download: the file's name and size. */
export const savedText = (fileName: string, bytes: number): string => `Saved ${fileName} (${formatBytes(bytes)}).`;

/** Above this estimated peak, a page says how much memory a run needs before it starts. */
export const WARN_ABOVE_BYTES = 1e9;

/** The element under `root` that the markup always has; its absence is a bug, named here. */
export function query<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`${root.localName}: missing ${selector}`);
  return el;
}

/**
 * While a job runs, the form's controls (and `extra`, e.g. download buttons) are disabled and
 * Cancel is enabled; afterwards the reverse, except the controls `stayDisabled` names.
 */
export function setJobBusy(host: Element, busy: boolean, extra = '', stayDisabled: (el: Element) => boolean = () => false): void {
  for (const el of host.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>(
    `[data-form] :is(input, select), [data-run]${extra ? `, ${extra}` : ''}`,
  )) {
    el.disabled = busy || stayDisabled(el);
  }
  const cancel = query<HTMLButtonElement>(host, '[data-cancel]');
  // A disabled button drops keyboard focus; hand it to Run instead.
  if (!busy && document.activeElement === cancel) query<HTMLButtonElement>(host, '[data-run]').focus({ preventScroll: true });
  cancel.disabled = !busy;
}
export interface ProgressElements {
  /** Shown on the first update. */
  readonly box: HTMLElement;
  readonly bar: HTMLProgressElement;
  readonly text: HTMLElement;
  readonly announce: HTMLElement;
}

export class ProgressView {
  private pending: [string, number] | undefined;
  private frame: number | undefined;

  constructor(private readonly els: ProgressElements) {}

  /** Over the parts of a JobStatus block inside `host`. */
  static in(host: Element): ProgressView {
    return new ProgressView({
      box: query(host, '[data-progress-box]'),
      bar: query<HTMLProgressElement>(host, '[data-progress]'),
      text: query(host, '[data-step]'),
      announce: query(host, '[data-announce]'),
    });
  }

  /** Progress can arrive once per layer or tensor: drawn at most once per frame, so the main thread stays idle. */
  update(text: string, fraction: number): void {
    this.pending = [text, fraction];
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      if (this.pending) this.set(...this.pending);
    });
  }

  /** Nothing shown: a new input makes the last job's status stale (a queued update is dropped). */
  clear(): void {
    this.pending = undefined;
    this.els.box.hidden = true;
    this.els.bar.value = 0;
    this.els.text.textContent = '';
    this.els.announce.textContent = '';
  }

  /** Drawn at once; a queued update is dropped, so a final message is never overwritten. */
  set(text: string, fraction: number): void {
    this.pending = undefined;
    this.els.box.hidden = false;
    this.els.bar.value = fraction;
    this.els.text.textContent = text;
    // Screen readers hear each step once, without its running count.
    const headline = text.replace(/ \([^()]* of [^()]*\)…$/, '…');
    if (this.els.announce.textContent !== headline) this.els.announce.textContent = headline;
  }
}

/** Where a job stands, in the host's `data-job` (tests read it; `data-state` is the widget's own lifecycle, module-widget.ts). */
export type JobState = 'idle' | 'running' | 'done' | 'downloaded' | 'cancelled' | 'failed';

export interface JobControllerOptions {
  /** More elements locked while a job runs (download buttons). */
  readonly extra?: string;
  /** Controls that stay disabled after a job (threads without cross-origin isolation). */
  readonly stayDisabled?: (el: Element) => boolean;
  /** A failure in words: what went wrong and what to do. */
  readonly explain: (error: unknown) => string;
  /** The status line after a failure (default "Stopped."). */
  readonly failedStatus?: (error: unknown) => string;
}

/** A job's end: its value, or how it stopped. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly cancelled: boolean; readonly error: unknown };

/**
 * Tracks worker jobs for one host: locks the form while one runs, wires Cancel, shows the steps,
 * and explains a failure in the message line. One job at a time (`track`), or a batch of them
 * (`begin`, `attempt` each, `end`), as the Benchmark runs. The host's `data-job` is idle until the first.
 */
export class JobController {
  readonly progress: ProgressView;
  private job: Job<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: JobControllerOptions,
  ) {
    this.progress = ProgressView.in(host);
    query<HTMLButtonElement>(host, '[data-cancel]').addEventListener('click', () => this.cancel());
    this.state = 'idle';
  }

  /** A worker job is in flight. */
  get busy(): boolean {
    return this.job !== undefined;
  }

  /** Cancel was pressed since the last `begin`. */
  get cancelled(): boolean {
    return this.stopped;
  }

  cancel(): void {
    this.stopped = true;
    this.job?.cancel();
  }

  set state(state: JobState) {
    this.host.dataset['job'] = state;
  }

  message(text: string): void {
    query(this.host, '[data-message]').textContent = text;
  }

  /** The form locked, Cancel enabled, the message cleared, the status line at `text`. */
  begin(text: string, fraction = 0): void {
    this.stopped = false;
    this.setBusy(true);
    this.message('');
    this.state = 'running';
    this.progress.set(text, fraction);
  }

  /** One job of a batch: Cancel stops it; never throws. */
  async attempt<T>(job: Job<T>): Promise<Outcome<T>> {
    this.job = job;
    try {
      return { ok: true, value: await job.result };
    } catch (error) {
      return { ok: false, cancelled: error instanceof JobCancelled, error };
    } finally {
      this.job = undefined;
    }
  }

  /** The form unlocked; the state and status line say how it ended. */
  end(state: JobState, text: string, fraction: number): void {
    this.setBusy(false);
    this.state = state;
    this.progress.set(text, fraction);
  }

  /**
   * One job: its value (the form unlocked, the state still "running" until the caller shows the
   * result and calls `end`), or undefined after Cancel or a failure, which are shown here.
   */
  async track<T>(job: Job<T>, what: string): Promise<T | undefined> {
    this.begin(`Starting: ${what}…`);
    const outcome = await this.attempt(job);
    if (outcome.ok) {
      this.setBusy(false);
      return outcome.value;
    }
    if (outcome.cancelled) {
      this.end('cancelled', 'Cancelled. The worker was stopped and its memory released.', 0);
    } else {
      this.message(this.options.explain(outcome.error));
      this.end('failed', this.options.failedStatus?.(outcome.error) ?? 'Stopped.', 0);
    }
    return undefined;
  }

  /** "Step i of n: the step in words, where, (done of total)…", drawn at most once per frame. */
  step(order: readonly JobStep[], step: JobStep, done: number, total: number, where = ''): void {
    const index = Math.max(0, order.indexOf(step));
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    this.progress.update(`Step ${index + 1} of ${order.length}: ${STEP_TEXT[step]}${where}${stepCount(step, done, total)}…`, (index + fraction) / order.length);
  }

  private setBusy(busy: boolean): void {
    setJobBusy(this.host, busy, this.options.extra, this.options.stayDisabled);
  }
}

/** A step's running count: bytes while reading a file, items otherwise; nothing for a one-part step. */
export function stepCount(step: JobStep, done: number, total: number): string {
  if (total <= 1 || step === 'runtime') return '';
  return step === 'read' ? ` (${formatBytes(done)} of ${formatBytes(total)})` : ` (${done} of ${total})`;
}
