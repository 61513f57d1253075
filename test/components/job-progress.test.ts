// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ProgressView } from '../../src/components/job-progress';

function view() {
  const els = { box: document.createElement('div'), bar: document.createElement('progress'), text: document.createElement('p'), announce: document.createElement('p') };
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
