/**
 * A worker job on the page (chapter 7's runner, the checkpoint page, the benchmark), over the
 * parts JobStatus.astro and JobActions.astro render: a <progress> bar, the current step in words,
 * a polite live region that announces each step once (not every layer or tensor), and the
 * Run/Cancel pair.
 */

import { type RuntimeRequest, warmRuntime } from '../runtime/runner';

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
  for (const el of host.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>(`[data-form] :is(input, select), [data-run]${extra ? `, ${extra}` : ''}`)) {
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
