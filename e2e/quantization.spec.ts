import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, openWidget, slider, typeValue } from './widgets';

/** The quantization chapter: a light check of its one widget (an 8-channel block on a 32×32 photo). */
const path = '/quantization/';
const tag = 'quantization-widget';

async function numbers(widget: Locator) {
  const verdict = widget.locator('.quant-verdict');
  return {
    scale: Number(await widget.locator('.quant-scale').getAttribute('data-scale')),
    perTensor: Number(await verdict.getAttribute('data-per-tensor')),
    perChannel: Number(await verdict.getAttribute('data-per-channel')),
    fp16: Number(await verdict.getAttribute('data-fp16')),
    table: await widget.locator('.quant-errors tbody').innerText(),
  };
}

test.describe('quantization chapter', () => {
  test('per-channel scales beat one per-tensor scale on the shown case; keyboard moves σ² and the numbers follow', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    const before = await numbers(widget);
    expect(before.perChannel).toBeGreaterThan(0);
    expect(before.perChannel).toBeLessThan(before.perTensor);
    expect(before.fp16).toBeLessThan(before.perChannel);
    await expect(widget.locator('.quant-errors tbody tr')).toHaveCount(3);

    // Keyboard on the log slider: σ² from 10⁻³ up five steps of 0.05 decades → 10^−2.75.
    const updates = Number(await widget.getAttribute('data-updates'));
    await (await slider(widget, 'var')).focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(widget.locator('.control[data-name="var"] input[type="number"]')).toHaveValue('0.00178');
    await expect.poll(async () => Number(await widget.getAttribute('data-updates'))).toBe(updates + 5);
    const after = await numbers(widget);
    expect(after.scale).toBeLessThan(before.scale); // a larger σ² makes t smaller
    expect(after.table).not.toBe(before.table);

    // The branch, by keyboard too: the radios are one tab stop, arrows move within it.
    await widget.getByRole('radio', { name: 'identity branch' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(widget.getByRole('radio', { name: '1×1 branch' })).toBeChecked();
    await expect(page).toHaveURL(/q8\.branch=oneByOne/);
  });

  test('a link with the state reopens the same numbers', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await typeValue(widget, 'seed', 42);
    await typeValue(widget, 'var', 0.0001);
    await widget.getByRole('radio', { name: '3×3 branch' }).check();
    await expect(page).toHaveURL(/q8\.seed=42/);
    await expect(page).toHaveURL(/q8\.var=0\.0001/);
    await expect(page).toHaveURL(/q8\.branch=dense/);
    const shown = await numbers(widget);
    const url = page.url();
    const fresh = await page.context().newPage();
    const again = await openWidget(fresh, url.slice(url.indexOf(path)), tag);
    expect(await numbers(again)).toEqual(shown);
    await expect(again.getByRole('radio', { name: '3×3 branch' })).toBeChecked();
    await expect(again.locator('.control[data-name="seed"] input[type="number"]')).toHaveValue('42');
    await fresh.close();
  });

  test('every plot has a label, a caption and a table by keyboard; axe finds nothing serious', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    const figures = widget.locator('figure.quant-figure');
    await expect(figures).toHaveCount(3);
    for (let i = 0; i < 3; i++) {
      const figure = figures.nth(i);
      await expect(figure.locator('svg[aria-label]').first()).toBeAttached();
      await expect(figure.locator('figcaption')).not.toBeEmpty();
      const details = figure.locator('details.live-table');
      await details.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect(details.locator('table').first()).toBeVisible();
    }
    // The output table: one row per output channel, three schemes.
    await expect(figures.nth(2).locator('tbody tr')).toHaveCount(8);
    await expect(figures.nth(2).locator('thead th')).toHaveCount(4);
    await expectAccessible(page, [tag]);
  });
});
