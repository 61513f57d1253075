import type { Locator } from '@playwright/test';
import { expect } from './fixtures';

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
        const step = (await job.locator('[data-step]').first().textContent()) ?? '';
        if (seen[seen.length - 1] !== step) seen.push(step);
        if (matches(step)) return 'reached';
        const state = await job.getAttribute('data-state');
        return state === 'failed' || state === 'done' || state === 'cancelled' ? `ended ${state}` : 'waiting';
      },
      { timeout, intervals: [100, 250, 500], message: `step "${text}" (steps seen: ${seen.join(' → ')})` },
    )
    .toBe('reached');
}

/**
 * Waits for a job to end (done, failed, cancelled, or any state matched by `ended`), for as long as
 * it keeps moving: the wait fails only when neither the step line nor the progress bar changed for
 * `stall` ms, so a slow machine gets the time it needs and a stuck job still fails.
 */
export async function waitForJobEnd(job: Locator, { ended = /^(done|failed|cancelled)$/, stall = 120_000 } = {}): Promise<string> {
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    const state = (await job.getAttribute('data-state')) ?? '';
    if (ended.test(state)) return state;
    const step = (await job.locator('[data-step]').first().textContent().catch(() => '')) ?? '';
    const value = (await job.locator('progress').first().getAttribute('value').catch(() => '')) ?? '';
    const now = `${state}|${step}|${value}`;
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stall) {
      throw new Error(`the job made no progress for ${stall / 1000} s (state "${state}", step "${step}")`);
    }
    await job.page().waitForTimeout(250);
  }
}
