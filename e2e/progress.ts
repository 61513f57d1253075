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
