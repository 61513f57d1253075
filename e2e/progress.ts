import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

interface Snapshot {
  state: string;
  step: string;
  progress: string;
}

/**
 * The job's state (`data-job`: a module widget's `data-state` is its own lifecycle), step line and
 * progress value, read in one call that never waits: a job without a step line or a progress bar
 * reads as empty rather than stalling on a missing element.
 */
function snapshot(job: Locator): Promise<Snapshot> {
  return job.evaluate((el) => ({
    state: el.getAttribute('data-job') ?? '',
    step: el.querySelector('[data-step]')?.textContent ?? '',
    progress: el.querySelector('progress')?.getAttribute('value') ?? '',
  }));
}

const ENDED = /^(done|failed|cancelled)$/;

/**
 * Waits for a job's step line to reach a step, following the job rather than a clock: the ceiling
 * is generous (starting ONNX Runtime or drawing B3's weights can take many seconds on a busy
 * 2-core machine), and the wait ends at once, failing with the job's own words, if the job ends
 * (done, failed, cancelled) before that step appears.
 */
export async function waitForStep(job: Locator, text: string | RegExp, timeout = 180_000): Promise<void> {
  const matches = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
  const seen: string[] = [];
  await expect
    .poll(
      async () => {
        const { state, step } = await snapshot(job);
        if (seen[seen.length - 1] !== step) seen.push(step);
        if (matches(step)) return 'reached';
        return ENDED.test(state) ? `ended ${state}` : 'waiting';
      },
      { timeout, intervals: [100, 250, 500], message: `step "${text}" (steps seen: ${seen.join(' → ')})` },
    )
    .toBe('reached');
}

/**
 * Waits for a job to end (done, failed, cancelled, or any state matched by `ended`), for as long as
 * it keeps moving: the wait fails only when neither the state, the step line nor the progress bar
 * changed for `stall` ms, so a slow machine gets the time it needs and a stuck job still fails.
 */
export async function waitForJobEnd(job: Locator, { ended = ENDED, stall = 120_000 } = {}): Promise<string> {
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    const { state, step, progress } = await snapshot(job);
    if (ended.test(state)) return state;
    const now = `${state}|${step}|${progress}`;
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stall) {
      throw new Error(`the job made no progress for ${stall / 1000} s (state "${state}", step "${step}")`);
    }
    await job.page().waitForTimeout(250);
  }
}
