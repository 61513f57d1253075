import { expect, test } from './fixtures';
import {
  expectAccessible,
  expectKernelTableMatches,
  expectMapsMatchTables,
  kernelTitles,
  mapPixels,
  maxDiff,
  openWidget,
  parsePrinted,
  typeValue,
} from './widgets';

/** Chapter "Same function, different training" (ACB folded live) and the "Results and limits" page. Light: no model runs. */

test.describe('training chapter: ACB folded live', () => {
  const path = '/training/';
  const tag = 'acb-widget';

  test('Table 6 is in the prose; chapter references follow the reading path', async ({ page }) => {
    await page.goto(path);
    const table6 = page.getByRole('region', { name: /Table 6/ }).locator('table');
    await expect(table6.locator('tbody td:nth-child(2)')).toHaveText(['72.39', '73.15', '74.79', '75.14']);
    // Each reference carries the number its chapter has on the reading path (src/site/chapters.ts).
    for (const [slug, text] of [
      ['merged-block', 'chapter 4'],
      ['family', 'chapter 8'],
      ['why-fast', 'Chapter 6'],
    ]) {
      await expect(page.locator(`main p a[href="/${slug}/"]`, { hasText: new RegExp(`^${text}$`) })).toHaveCount(1);
    }
  });

  test('every choice of branches and stride folds exactly; W′ is the sum of the drawn kernels; keyboard moves the stride', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    for (const [hor, ver] of [
      [true, true],
      [false, true],
      [true, false],
      [false, false],
    ] as const) {
      await widget.getByRole('switch', { name: '1×3 branch' }).setChecked(hor);
      await widget.getByRole('switch', { name: '3×1 branch' }).setChecked(ver);
      expect(await maxDiff(widget), `1×3 ${hor}, 3×1 ${ver}`).toBeLessThan(1e-5);
      await expect(widget.locator('.kernel-slot.off')).toHaveCount(Number(!hor) + Number(!ver));
      await expect(widget.locator('.acb-taps')).toHaveAttribute('data-centre', String(1 + Number(hor) + Number(ver)));
    }
    await widget.getByRole('switch', { name: '1×3 branch' }).check();
    await widget.getByRole('switch', { name: '3×1 branch' }).check();
    const parts = (await Promise.all(['square', 'hor', 'ver'].map((k) => kernelTitles(widget, k)))).map((t) => t.map(parsePrinted));
    const merged = (await kernelTitles(widget, 'merged')).map(parsePrinted);
    expect(merged).toHaveLength(2 * 2 * 9);
    merged.forEach((v, i) => expect(v).toBeCloseTo(parts[0]![i]! + parts[1]![i]! + parts[2]![i]!, 2));
    // The asymmetric kernels are zero off their row / column.
    parts[1]!.forEach((v, i) => Math.floor((i % 9) / 3) !== 1 && expect(v).toBe(0));
    parts[2]!.forEach((v, i) => i % 3 !== 1 && expect(v).toBe(0));

    await widget.getByRole('radio', { name: '1', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(widget.getByRole('radio', { name: '2', exact: true })).toBeChecked();
    await expect(widget).toHaveAttribute('data-out-size', '4');
    expect(await maxDiff(widget)).toBeLessThan(1e-5);
    await expect(page).toHaveURL(/acb\.stride=2/);
  });

  test('a link reopens the same block; the text alternatives hold the values drawn; bad values fall back', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await typeValue(widget, 'seed', 321);
    await widget.getByRole('switch', { name: '3×1 branch' }).uncheck();
    await expect(page).toHaveURL(/acb\.seed=321/);
    await expect(page).toHaveURL(/acb\.nover=1/);
    const before = { merged: await kernelTitles(widget, 'merged'), pixels: await mapPixels(widget), diff: await maxDiff(widget) };
    const url = page.url();
    const fresh = await page.context().newPage();
    const again = await openWidget(fresh, url.slice(url.indexOf(path)), tag);
    expect(await kernelTitles(again, 'merged')).toEqual(before.merged);
    expect(await mapPixels(again)).toEqual(before.pixels);
    expect(await maxDiff(again)).toBe(before.diff);
    await fresh.close();
    await expectKernelTableMatches(widget, 'merged');
    await expectMapsMatchTables(widget, 2, 7);

    const bad = await openWidget(page, `${path}?acb.seed=abc&acb.stride=7`, tag);
    await expect(bad.locator('.control[data-name="seed"] input[type="number"]')).toHaveValue('3');
    await expect(bad.getByRole('radio', { name: '1', exact: true })).toBeChecked();
  });
});

test.describe('results and limits', () => {
  const path = '/results/';
  const tag = 'results-plot';

  test('the headline table is recomputed from Table 4, beside the paper’s sentences', async ({ page }) => {
    await page.goto(path);
    const rows = page.getByRole('region', { name: /headline comparisons/ }).locator('tbody tr');
    await expect(rows).toHaveCount(8);
    await expect(rows.filter({ hasText: 'A2 vs ResNet-50' })).toContainText('+0.17');
    await expect(rows.filter({ hasText: 'A2 vs ResNet-50' })).toContainText('(+83 %)');
    const corr = page.locator('.results-correlation');
    expect(Number(await corr.getAttribute('data-wino'))).toBeLessThan(Number(await corr.getAttribute('data-flops')));
  });

  test('axis by keyboard and from the URL; the table alternative lists every point', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await expect(widget).toHaveAttribute('data-axis', 'speed');
    await expect(widget).toHaveAttribute('data-points', '22');
    await widget.getByRole('radio', { name: 'Speed' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(widget).toHaveAttribute('data-axis', 'flops');
    await page.keyboard.press('ArrowRight');
    await expect(widget).toHaveAttribute('data-axis', 'wino');
    await expect(widget).toHaveAttribute('data-points', '21');
    await expect(page).toHaveURL(/res\.x=wino/);
    const details = widget.locator('details.value-table');
    await details.locator('summary').press('Enter');
    await expect(details.locator('tbody tr')).toHaveCount(21);
    await expect(details.locator('tbody tr').filter({ hasText: 'ResNet-152' }).locator('td').last()).toHaveText('8.1');

    const again = await openWidget(page, `${path}?res.x=flops`, tag);
    await expect(again).toHaveAttribute('data-axis', 'flops');
    await expect(again.getByRole('radio', { name: 'FLOPs' })).toBeChecked();
  });
});

for (const [path, tags] of [
  ['/training/', ['acb-widget']],
  ['/results/', ['results-plot']],
] as const) {
  test(`${path}: live widgets pass axe in light and dark, and fit a 375 px phone`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(path);
    for (const tag of tags) {
      await page.locator(tag).scrollIntoViewIfNeeded();
      await expect(page.locator(tag)).toHaveAttribute('data-state', 'live');
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, tags);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    await expectAccessible(page, tags);
  });
}
