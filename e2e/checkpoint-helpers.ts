import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCheckpoint } from '../src/cli/checkpoint-files.ts';
import { getVariant } from '../src/core/family.ts';
import { createTrainWeights } from '../src/core/weights.ts';
import { expect } from './fixtures';
import { waitForJobEnd } from './progress';

/** Shared steps of the checkpoint page specs (checkpoints*.spec.ts). */

export const FIXTURES = fileURLToPath(new URL('../test/fixtures/checkpoints/', import.meta.url));

export async function openCheckpoints(page: Page, query = ''): Promise<void> {
  await page.goto(`/checkpoints/${query ? `?${query}` : ''}`);
  const widget = page.locator('checkpoint-classifier');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'live');
}

export type CheckpointInput = string | { name: string; mimeType: string; buffer: Buffer };

/** Chooses the checkpoint, waits for the photo, runs, and returns the final state. */
export async function classify(page: Page, file: CheckpointInput): Promise<string> {
  const widget = page.locator('checkpoint-classifier');
  await page.setInputFiles('#ckpt-file', file);
  await expect(widget).toHaveAttribute('data-photo', 'ready');
  await page.getByRole('button', { name: 'Convert and classify' }).click();
  return waitForJobEnd(widget);
}

export async function metric(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`checkpoint-classifier [data-metric="${name}"]`).getAttribute('data-value'));
}

/** The classes of one form's top-5 list, in order, with their probabilities. */
export async function top5(page: Page, form: 'train' | 'deploy'): Promise<{ index: number; probability: number }[]> {
  return page
    .locator(`[data-top5="${form}"] li`)
    .evaluateAll((els) => els.map((e) => ({ index: Number(e.getAttribute('data-class')), probability: Number(e.getAttribute('data-probability')) })));
}

/** Both forms ran and agree: same top-5 in order, logits within 1e-4 relative. */
export async function expectBothFormsAgree(page: Page): Promise<void> {
  const train = await top5(page, 'train');
  const deploy = await top5(page, 'deploy');
  expect(train).toHaveLength(5);
  expect(deploy.map((p) => p.index)).toEqual(train.map((p) => p.index));
  deploy.forEach((p, i) => expect(Math.abs(p.probability - train[i]!.probability)).toBeLessThan(1e-4));
  await expect(page.locator('[data-top5-agree]')).toHaveAttribute('data-top5-agree', 'true');
  const rel = await metric(page, 'logits-max-rel');
  expect(rel).toBeGreaterThanOrEqual(0);
  expect(rel).toBeLessThan(1e-4);
  expect(await metric(page, 'prob-max-abs')).toBeLessThan(1e-4);
}

/** axe's serious and critical findings inside the widget, results included. */
export async function widgetViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('checkpoint-classifier').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A seeded training-time checkpoint of a paper variant in the official layout, as
 * `repvgg export -a VARIANT --form train -o RepVGG-VARIANT-train.pth` writes it, for the
 * duration of `use` (RepVGG-A0: about 37 MB).
 */
export async function withSeededCheckpoint(variant: string, use: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'repvgg-e2e-'));
  try {
    const spec = getVariant(variant);
    const path = join(dir, `${spec.name}-train.pth`);
    await writeCheckpoint(createTrainWeights(spec, 1), path, { form: 'train' });
    await use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
