// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { JobController, ProgressView, savedText, stepCount } from '../../../src/ui/job/job-progress';
import { JobCancelled } from '../../../src/runtime/runner';

function view() {
  const els = {
    box: document.createElement('div'),
    bar: document.createElement('progress'),
    text: document.createElement('p'),
    announce: document.createElement('p'),
  };
  els.box.hidden = true;
  return { els, progress: new ProgressView(els) };
}

describe('ProgressView', () => {
  it('shows the step and the bar; the live region hears each step once, without its running count', () => {
    const { els, progress } = view();
    progress.set('Step 3 of 10: Reading the checkpoint, tensor by tensor (1.2 MB of 40 MB)…', 0.25);
    expect(els.box.hidden).toBe(false);
    expect(els.bar.value).toBe(0.25);
    expect(els.text.textContent).toBe('Step 3 of 10: Reading the checkpoint, tensor by tensor (1.2 MB of 40 MB)…');
    expect(els.announce.textContent).toBe('Step 3 of 10: Reading the checkpoint, tensor by tensor…');
    progress.set('Step 9 of 9: Timing on WebAssembly (2 threads) (3 of 10)…', 0.9);
    expect(els.announce.textContent).toBe('Step 9 of 9: Timing on WebAssembly (2 threads)…');
  });

  it('updates are drawn once per frame, and a final message drops a queued one', async () => {
    const { els, progress } = view();
    progress.update('a (1 of 3)…', 0.1);
    progress.update('a (2 of 3)…', 0.2);
    expect(els.text.textContent).toBe('');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(els.text.textContent).toBe('a (2 of 3)…');
    progress.update('a (3 of 3)…', 0.3);
    progress.set('Done.', 1);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(els.text.textContent).toBe('Done.');
  });
});

/** The markup JobStatus.astro and JobActions.astro render, in a form with one input. */
function host(): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = `<form data-form><input><button data-run>Run</button><button type="button" data-cancel disabled>Cancel</button></form>
    <div data-progress-box hidden><progress data-progress max="1"></progress><p data-step></p></div>
    <p data-announce></p><div data-message role="alert"></div><button data-download>Save</button>`;
  document.body.append(el);
  return el;
}

/** A job the test finishes by hand; cancel() rejects it with JobCancelled, as the runner's does. */
function fakeJob<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const result = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { job: { result, cancel: () => reject(new JobCancelled()) }, resolve, reject };
}

describe('JobController', () => {
  const locked = (el: HTMLElement) =>
    ['[data-form] input', '[data-run]', '[data-download]', '[data-cancel]'].map((s) => {
      const c = el.querySelector<HTMLButtonElement>(s);
      if (!c) throw new Error(`no ${s} in ${el.innerHTML}`);
      return c.disabled;
    });

  it('one job: locks the form and enables Cancel while it runs; its value unlocks; the caller ends it', async () => {
    const el = host();
    const jobs = new JobController(el, { extra: '[data-download]', explain: () => 'never' });
    expect(el.dataset['job']).toBe('idle');
    const { job, resolve } = fakeJob<number>();
    const tracked = jobs.track(job, 'RepVGG-A0');
    expect(el.dataset['job']).toBe('running');
    expect(el.querySelector('[data-step]')!.textContent).toBe('Starting: RepVGG-A0…');
    expect(locked(el)).toEqual([true, true, true, false]);
    expect(jobs.busy).toBe(true);
    resolve(42);
    expect(await tracked).toBe(42);
    expect(locked(el)).toEqual([false, false, false, true]);
    expect(jobs.busy).toBe(false);
    jobs.end('done', 'Done.', 1);
    expect(el.dataset['job']).toBe('done');
    expect(el.querySelector('[data-step]')!.textContent).toBe('Done.');
  });

  it('Cancel stops the job: state cancelled, no message, the form unlocked', async () => {
    const el = host();
    const jobs = new JobController(el, { explain: () => 'never' });
    const { job } = fakeJob<number>();
    const tracked = jobs.track(job, 'B3');
    (el.querySelector('[data-cancel]') as HTMLButtonElement).click();
    expect(await tracked).toBeUndefined();
    expect(jobs.cancelled).toBe(true);
    expect(el.dataset['job']).toBe('cancelled');
    expect(el.querySelector('[data-step]')!.textContent).toMatch(/^Cancelled\./);
    expect(el.querySelector('[data-message]')!.textContent).toBe('');
    expect(locked(el)).toEqual([false, false, false, true]);
  });

  it('a failure is explained in the message line, and the status line says it stopped', async () => {
    const el = host();
    const jobs = new JobController(el, { explain: (e) => `Explained: ${(e as Error).message}`, failedStatus: () => 'Could not read it.' });
    const { job, reject } = fakeJob<number>();
    const tracked = jobs.track(job, 'f.pth');
    reject(new Error('bad magic'));
    expect(await tracked).toBeUndefined();
    expect(el.dataset['job']).toBe('failed');
    expect(el.dataset['state']).toBeUndefined(); // the widget's own lifecycle, not the job's
    expect(el.querySelector('[data-message]')!.textContent).toBe('Explained: bad magic');
    expect(el.querySelector('[data-step]')!.textContent).toBe('Could not read it.');
  });

  it('a batch: each attempt reports its outcome and never throws; Cancel ends the batch', async () => {
    const el = host();
    const jobs = new JobController(el, { explain: () => '' });
    jobs.begin('Starting…');
    const first = fakeJob<string>();
    const a = jobs.attempt(first.job);
    first.reject(new Error('out of memory'));
    expect(await a).toEqual({ ok: false, cancelled: false, error: new Error('out of memory') });
    const second = fakeJob<string>();
    const b = jobs.attempt(second.job);
    jobs.cancel();
    expect(await b).toMatchObject({ ok: false, cancelled: true });
    expect(jobs.cancelled).toBe(true);
    expect(el.dataset['job']).toBe('running');
    jobs.end('cancelled', 'Cancelled after 1 job.', 0);
    expect(el.dataset['job']).toBe('cancelled');
    expect(locked(el)).toEqual([false, false, false, true]);
  });

  it('steps read "Step i of n", with the step in words and its count: bytes while reading, items otherwise', () => {
    expect(stepCount('read', 1.2e6, 40e6)).toBe(' (1.2 MB of 40.0 MB)');
    expect(stepCount('convert', 5, 22)).toBe(' (5 of 22)');
    expect(stepCount('runtime', 0, 1)).toBe('');
    expect(stepCount('weights', 1, 1)).toBe('');
  });

  it('a download ends with the file saved, by name and size', () => {
    expect(savedText('repvgg-tiny-seed5-deploy.onnx', 1.2e6)).toBe('Saved repvgg-tiny-seed5-deploy.onnx (1.2 MB).');
  });
});
