import { PAPER_REPVGG, printedBillions, printedParamsM } from '../src/core/paper';
import { seriousViolations, startAllWidgets } from './widgets-axe';
import { expect, test } from './fixtures';

test.describe('chapter 6: the RepVGG family', () => {
  test('the table has 13 rows and prints the paper\u2019s digits wherever the paper reports them', async ({ page }) => {
    await page.goto('/family/');
    await page.locator('family-table').scrollIntoViewIfNeeded(); // widgets start when near the viewport
    const rows = page.locator('family-table tbody tr');
    await expect(rows).toHaveCount(13);
    const read = async (variant: string, col: string) =>
      (await page.locator(`family-table tbody tr[data-variant="${variant}"] [data-col="${col}"]`).textContent())!.trim();
    for (const paper of PAPER_REPVGG) {
      const id = paper.model.replace('RepVGG-', '');
      // Computed by the page, compared with the paper's printed digits.
      expect(await read(id, 'params'), `${id} params`).toBe(printedParamsM(paper));
      expect(await read(id, 'flops'), `${id} FLOPs`).toBe(printedBillions(paper.flopsB));
      expect(await read(id, 'wino'), `${id} Wino MULs`).toBe(printedBillions(paper.winoMulsB!));
      expect(await read(id, 'top1-paper')).toContain(paper.top1.toFixed(2) + (paper.epochs === 200 ? ' (200 ep)' : ''));
    }
    for (const id of ['B2g2', 'B3g2']) expect(await read(id, 'match')).toBe('not in the paper');
    await expect(page.locator('family-table .readout')).toContainText('11 of 11');

    // Exact counts: same row, the integer behind the rounding; the choice is kept in the URL.
    await page.getByLabel('Show exact counts').check();
    await expect(page).toHaveURL(/family\.exact=1/);
    expect((await read('A0', 'params')).replace(/\s/g, '')).toMatch(/^8\d{6}$/);
  });

  test('the variant selector redraws the stage figure and is kept in the URL', async ({ page }) => {
    await page.goto('/family/');
    const widget = page.locator('family-stages');
    await widget.scrollIntoViewIfNeeded();
    const bars = widget.locator('figure svg g[aria-label="rect"] rect');
    await expect(bars).toHaveCount(22);
    await expect(widget.locator('tbody tr')).toHaveCount(5);
    await widget.getByLabel('Variant').selectOption('B1g4');
    await expect(widget).toHaveAttribute('data-variant', 'B1g4');
    await expect(bars).toHaveCount(28);
    await expect(widget.locator('.readout')).toContainText('13 of them grouped');
    await expect(widget.locator('tbody tr').nth(3)).toContainText('256 → 512');
    await expect(page).toHaveURL(/stages\.v=B1g4/);

    await page.reload();
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByLabel('Variant')).toHaveValue('B1g4');
    await expect(bars).toHaveCount(28);
  });

  test('the accuracy plot switches between params and FLOPs, with a table of the plotted values', async ({ page }) => {
    await page.goto('/family/?accuracy.x=flops');
    const widget = page.locator('family-accuracy');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.getByRole('radio', { name: 'FLOPs' })).toBeChecked();
    await expect(widget.locator('figure svg[aria-label*="FLOPs"]')).toHaveCount(1);
    await widget.getByRole('radio', { name: 'Parameters' }).check();
    await expect(widget.locator('figure svg[aria-label*="params"]')).toHaveCount(1);
    await expect(page).not.toHaveURL(/accuracy\.x/);
    await widget.getByText('Values as a table').click();
    await expect(widget.locator('details tbody tr')).toHaveCount(22);
  });
});

test('every widget of chapter 6, once started: no serious accessibility violations (light at 1280 px, dark at 375 px)', async ({ page }) => {
  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 375],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/family/');
    await startAllWidgets(page);
    expect(await seriousViolations(page), `${scheme} ${width}px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});
