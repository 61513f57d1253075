import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { waitForJobEnd } from './progress';

/** Shared steps of the chapter 7 runner specs (run*.spec.ts). */

export async function openRunner(page: Page, query: string): Promise<void> {
  await page.goto(`/run/?${query}`);
  const widget = page.locator('run-models');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'live');
}

/** Presses Run and waits, following the job's progress, for the run to end; returns its final state. */
export async function runAndWait(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run both networks' }).click();
  return waitForJobEnd(page.locator('run-models'));
}

export async function metric(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${name}"]`).getAttribute('data-value'));
}

export async function expectSameFunction(page: Page): Promise<void> {
  for (const against of ['disabled', 'default']) {
    const rel = await metric(page, `max-rel-${against}`);
    expect(rel, `max relative difference vs training-time (${against})`).toBeLessThan(1e-4);
    expect(rel).toBeGreaterThanOrEqual(0);
  }
  await expect(page.locator('[data-top5-agree]')).toHaveAttribute('data-top5-agree', 'true');
  const train = await page.locator('[data-top5="train"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-class')));
  const deploy = await page.locator('[data-top5="deploy"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-class')));
  expect(train).toHaveLength(5);
  expect(deploy).toEqual(train);
}

/** axe's serious and critical findings inside the runner (results included), as readable lines. */
export async function runnerViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('run-models').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export { type MainThreadTask, mainThreadTasks } from '../tools/bench/main-thread.ts';
