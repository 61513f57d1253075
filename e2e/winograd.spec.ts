import type { BenchResult } from '../src/perf/cpu-bench';
import { PAPER_REPVGG, printedBillions } from '../src/core/paper';
import { expect, test } from './fixtures';
import { waitForJobEnd } from './progress';
import { seriousViolations, startAllWidgets } from './widgets-axe';

test.describe('chapter 5: Winograd', () => {
  test('stepping through a tile (keyboard) counts up to 16 multiplications and ends equal to direct', async ({ page }) => {
    await page.goto('/winograd/');
    const tile = page.locator('winograd-tile');
    await tile.scrollIntoViewIfNeeded();
    const winograd = tile.locator('.winograd-muls');
    await expect(winograd).toHaveText('0');
    await expect(tile.locator('.direct-muls')).toHaveText('36');
    const next = tile.getByRole('button', { name: 'Next step' });
    await next.focus();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Enter');
      seen.push((await winograd.textContent())!);
    }
    expect(seen).toEqual(['0', '0', '4', '8', '12', '16', '16', '16']);
    await expect(next).toBeDisabled();
    await expect(tile).toHaveAttribute('data-equal', 'true');
    await expect(tile.locator('.tile-result')).toContainText('Same outputs.');
    await expect(page).toHaveURL(/tile\.step=8/);
    // Arrow keys on the stepper move too.
    await tile.getByRole('button', { name: 'Previous step' }).focus();
    await page.keyboard.press('Home');
    await expect(winograd).toHaveText('0');
    await page.keyboard.press('End');
    await expect(winograd).toHaveText('16');
  });

  test('edited values and the step are kept in the URL and reopen; F(4×4) counts 36 against 144', async ({ page }) => {
    await page.goto('/winograd/?tile.step=8');
    const tile = page.locator('winograd-tile');
    await tile.scrollIntoViewIfNeeded();
    await tile.getByLabel('d, row 2, column 3').fill('7.5');
    await tile.getByLabel('d, row 2, column 3').press('Tab');
    await tile.getByLabel('g, row 1, column 1').fill('-0.25');
    await tile.getByLabel('g, row 1, column 1').press('Tab');
    await expect(page).toHaveURL(/tile\.d=/);
    await expect(page).toHaveURL(/tile\.g=/);
    await expect(tile).toHaveAttribute('data-equal', 'true');
    await page.reload();
    await tile.scrollIntoViewIfNeeded();
    await expect(tile.getByLabel('d, row 2, column 3')).toHaveValue('7.5');
    await expect(tile.getByLabel('g, row 1, column 1')).toHaveValue('-0.25');
    await expect(tile.locator('.winograd-muls')).toHaveText('16');
    await expect(tile).toHaveAttribute('data-equal', 'true');

    await tile.getByRole('radio', { name: /F\(4×4/ }).check();
    await tile.getByRole('button', { name: 'Previous step' }).focus();
    await page.keyboard.press('End');
    await expect(tile.locator('.winograd-muls')).toHaveText('36');
    await expect(tile.locator('.direct-muls')).toHaveText('144');
    await expect(tile).toHaveAttribute('data-equal', 'true');
  });

  test('with reduced motion, "play" shows the last step at once', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/winograd/');
    const tile = page.locator('winograd-tile');
    await tile.scrollIntoViewIfNeeded();
    await tile.getByRole('button', { name: 'Show the last step' }).click();
    await expect(tile.locator('.winograd-muls')).toHaveText('16');
    await expect(tile).toHaveAttribute('data-equal', 'true');
  });

  test('on the sample photo, F(4×4) is less accurate than F(2×2), most at the far corner of its tiles', async ({ page }) => {
    await page.goto('/winograd/');
    const widget = page.locator('winograd-error');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-job', 'ready', { timeout: 20_000 });
    expect(Number(await widget.getAttribute('data-ratio'))).toBeGreaterThan(1);
    expect(Number(await widget.getAttribute('data-corner-ratio'))).toBeGreaterThan(1);
    await expect(widget.locator('tbody tr')).toHaveCount(3 + 2 + 4); // methods; F(2×2) and F(4×4) position tables
    await widget.getByRole('radio', { name: /Activations/ }).check();
    await expect(page).toHaveURL(/error\.data=activations/);
    await expect(widget).toHaveAttribute('data-job', 'ready');
  });

  test('tiling: the map size and algorithm change the tiles and are kept in the URL', async ({ page }) => {
    await page.goto('/winograd/?tiling.size=7&tiling.alg=F4');
    const widget = page.locator('winograd-tiling');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-tiles', '4');
    await expect(widget.locator('.tiling-readout')).toContainText('discard');
    await widget.getByRole('radio', { name: 'F(2×2, 3×3)' }).check();
    await expect(widget).toHaveAttribute('data-tiles', '16');
    await expect(page).toHaveURL(/tiling\.size=7/);
    await expect(page).not.toHaveURL(/tiling\.alg/);
  });

  test('Wino MULs of all 13 variants, with the paper\u2019s digits where it reports them', async ({ page }) => {
    await page.goto('/winograd/');
    const widget = page.locator('winograd-family');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.locator('tbody tr')).toHaveCount(13);
    for (const row of PAPER_REPVGG) {
      const id = row.model.replace('RepVGG-', '');
      const cells = widget.locator(`tbody tr[data-variant="${id}"] td`);
      await expect(cells.nth(1)).toHaveText(printedBillions(row.winoMulsB!)); // computed here
      await expect(cells.nth(0)).toHaveText(printedBillions(row.flopsB));
    }
    await expect(widget.locator('.readout')).toContainText('11 of 11');
  });

  test('the benchmark runs only when asked, in JavaScript, and both kernels agree', async ({ page }) => {
    await page.goto('/winograd/?bench.runs=2');
    const widget = page.locator('winograd-bench');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.locator('.bench-status')).toContainText('Nothing measured yet');
    await widget.getByRole('button', { name: 'Run benchmark' }).click();
    expect(await waitForJobEnd(widget)).toBe('done');
    const results = JSON.parse((await widget.getAttribute('data-results'))!) as BenchResult[];
    const js = results.find((r) => r.runtime.startsWith('JavaScript'))!;
    expect(js.agreement.betweenKernels).toBeLessThan(1e-4);
    expect(js.speedup).toBeGreaterThan(0);
    await expect(widget.locator('tbody tr').first()).toContainText('JavaScript');
    await expect(widget.locator('.bench-notes')).toContainText('agree');
  });

  test('every widget of chapter 5, once started: no serious accessibility violations (light at 1280 px, dark at 375 px)', async ({ page }) => {
    for (const [scheme, width] of [
      ['light', 1280],
      ['dark', 375],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/winograd/?tile.step=8');
      await startAllWidgets(page);
      await expect(page.locator('winograd-error')).toHaveAttribute('data-job', 'ready', { timeout: 20_000 });
      expect(await seriousViolations(page), `${scheme} ${width}px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  });
});
