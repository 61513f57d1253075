import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { csvRecords } from '../src/io/csv';
import { expect, test } from './fixtures';
import { waitForJobEnd } from './progress';
import { waitForStep } from './progress';
import { expectAccessible } from './widgets';

/**
 * The benchmark page with the tiny model (a run takes seconds): the rows the table shows are the
 * rows of the exported CSV, the settings come from and go to the URL, a missing WebGPU is
 * reported rather than measured twice, and the plots export. Timings are not asserted.
 */

async function openBench(page: Page, query: string): Promise<void> {
  await page.goto(`/benchmark/?${query}`);
  await page.locator('bench-runner').scrollIntoViewIfNeeded();
  await expect(page.locator('bench-runner')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('bench-runner')).toHaveAttribute('data-webgpu', /.+/);
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** A printed number matches a value when they agree to the printed digits. */
function agrees(printed: string, value: number): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  return Math.abs(Number(printed) - value) <= 0.5 * 10 ** -decimals + 1e-9;
}

test('tiny on WebAssembly: the CSV holds exactly the rows shown; WebGPU without an adapter is reported, not run; plots export', async ({ page }) => {
  await openBench(page, 'bench.models=tiny&bench.backends=webgpu,wasm&bench.runs=3&bench.warmup=1');
  await expect(page.locator('input[name="model"][value="tiny"]')).toBeChecked();
  await expect(page.locator('input[name="model"][value="A0"]')).not.toBeChecked();
  await expect(page.locator('input[name="backend"][value="webgpu"]')).toBeChecked();
  await expect(page.locator('#bench-runs')).toHaveValue('3');
  await expect(page.locator('#bench-warmup')).toHaveValue('1');

  await page.getByRole('button', { name: 'Run the benchmark' }).click();
  expect(await waitForJobEnd(page.locator('bench-runner'))).toBe('done');
  await expect(page.locator('.bench-failures')).toContainText('RepVGG-tiny on WebGPU: not run, because no WebGPU adapter is available');

  const shown = await page
    .locator('.bench-table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll<HTMLElement>('[data-col]')].map((c) => [c.dataset['col']!, { text: c.textContent!, value: c.dataset['value'] }]),
        ),
      ),
    );
  expect(shown).toHaveLength(3);
  const csv = await download(page, 'Download CSV');
  expect(csv.name).toBe('repvgg-benchmark.csv');
  const records = csvRecords(csv.bytes.toString('utf8'));
  expect(records).toHaveLength(shown.length);
  records.forEach((record, i) => {
    const row = shown[i]!;
    expect(record['model']).toBe(row['model']!.text);
    expect(row['backend']!.text).toBe(`WebAssembly (${record['backend_detail']})`);
    expect(record['backend']).toBe('wasm');
    expect(record['graph']).toBe(row['graph']!.text);
    expect(record['timed_runs']).toBe('3');
    expect(record['warmup_runs']).toBe('1');
    // The CSV's numbers are the shown ones, to the digits printed (and to 1 µs of the raw value).
    expect(agrees(row['median_ms']!.text, Number(record['median_ms'])), `median of row ${i}`).toBe(true);
    expect(Math.abs(Number(record['median_ms']) - Number(row['median_ms']!.value))).toBeLessThan(0.001);
    const [q1, q3] = row['q1_q3_ms']!.text.split('–');
    const [lo, hi] = row['min_max_ms']!.text.split('–');
    expect([
      agrees(q1!, Number(record['q1_ms'])),
      agrees(q3!, Number(record['q3_ms'])),
      agrees(lo!, Number(record['min_ms'])),
      agrees(hi!, Number(record['max_ms'])),
    ]).toEqual([true, true, true, true]);
    expect(agrees(row['images_per_s']!.text, Number(record['images_per_s']))).toBe(true);
    expect(Number(record['images_per_s'])).toBeCloseTo(1000 / Number(record['median_ms']), 1);
    expect(Number(record['max_rel_diff_vs_deploy'])).toBeLessThan(1e-4);
  });
  expect(records.map((r) => r['graph'])).toEqual(['training-time, ORT optimizations off', 'training-time, ORT default', 'deploy (re-parameterized)']);

  const svg = await download(page, 'Latency plot (SVG)');
  const text = svg.bytes.toString('utf8');
  expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(text).toContain('RepVGG-tiny');
  expect(text).not.toContain('var(--');
  const png = await download(page, 'Latency plot (PNG)');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The tiny model has no top-1 in the paper: Figure 1 says so and offers nothing to export.
  await expect(page.locator('.bench-figure1 figcaption')).toContainText('needs a model the paper reports');
  await expect(page.getByRole('button', { name: 'Figure 1 on your device (SVG)' })).toBeDisabled();

  await expectAccessible(page, ['bench-runner']);
  await page.fill('#bench-runs', '4');
  await page.locator('#bench-runs').press('Tab');
  await expect(page).toHaveURL(/bench\.runs=4/);
});

test('a bad setting is refused with a message; Cancel stops a big model at once', { tag: '@heavy' }, async ({ page }) => {
  await openBench(page, 'bench.models=B3&bench.backends=wasm&bench.runs=1&bench.warmup=0');
  await page.fill('#bench-runs', '0');
  await page.getByRole('button', { name: 'Run the benchmark' }).click();
  await expect(page.locator('bench-runner [role="alert"]')).toContainText('Timed runs must be a whole number from 1 to 200');
  await expect(page.locator('#bench-runs')).toHaveAttribute('aria-invalid', 'true');
  await page.fill('#bench-runs', '1');
  await expect(page.locator('[data-hint]')).toContainText(/RepVGG-B3 needs about \d+(\.\d)? GB/);
  await page.getByRole('button', { name: 'Run the benchmark' }).click();
  await waitForStep(page.locator('bench-runner'), 'RepVGG-B3 on WebAssembly (job 1 of 1): Drawing the training-time weights');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('bench-runner')).toHaveAttribute('data-job', 'cancelled');
  await expect(page.locator('bench-runner [data-step]')).toContainText('Cancelled');
  await expect(page.locator('.bench-table')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run the benchmark' })).toBeEnabled();
});
