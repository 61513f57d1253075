import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  expectAccessible,
  expectMapsMatchTables,
  expectKernelTableMatches,
  kernelTitles,
  mapPixels,
  maxDiff,
  openWidget,
  parsePrinted,
  slider,
  typeValue,
} from './widgets';

/** Chapters 1–4: every number drawn is computed live, stays equal where the maths says so, and survives a shared link. */

/** The widget's state survives a link: the same URL in a fresh page draws the same numbers. */
async function expectSameNumbersFromLink(page: Page, path: string, tag: string, kernels: string[]): Promise<void> {
  const widget = page.locator(tag);
  const url = page.url();
  expect(url).toContain('?');
  const before = { kernels: await Promise.all(kernels.map((k) => kernelTitles(widget, k))), pixels: await mapPixels(widget), diff: await maxDiff(widget) };
  const fresh = await page.context().newPage();
  const again = await openWidget(fresh, url.slice(url.indexOf(path)), tag);
  expect(await Promise.all(kernels.map((k) => kernelTitles(again, k)))).toEqual(before.kernels);
  expect(await mapPixels(again)).toEqual(before.pixels);
  expect(await maxDiff(again)).toBe(before.diff);
  await fresh.close();
}

test.describe('chapter 1: BN folding', () => {
  const path = '/bn-folding/';
  const tag = 'bn-folding-widget';

  test('moving γ, β, μ, σ² and ε changes W′ and the maps; the difference stays at rounding level', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    expect(await maxDiff(widget)).toBeLessThan(1e-5);
    const w = await kernelTitles(widget, 'W-folded');
    const original = await kernelTitles(widget, 'W');
    const pixels = await mapPixels(widget);
    // Keyboard on the slider: γ₀ up five steps.
    await (await slider(widget, 'gamma0')).focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(widget.locator('.control[data-name="gamma0"] input[type="number"]')).toHaveValue('1.25');
    const afterGamma = await kernelTitles(widget, 'W-folded');
    expect(afterGamma).not.toEqual(w);
    expect(await kernelTitles(widget, 'W')).toEqual(original); // BN never touches W itself
    for (const [name, value] of [
      ['beta1', -1.5],
      ['mean0', 2.5],
      ['var1', 0.05],
      ['eps', 0.01],
    ] as const) {
      await typeValue(widget, name, value);
      expect(await maxDiff(widget), `after ${name} = ${value}`).toBeLessThan(1e-5);
    }
    expect(await mapPixels(widget)).not.toEqual(pixels);
    await expect(widget.locator('.difference-readout')).toHaveAttribute('data-verdict', 'rounding');
    // The live formula shows the reader's numbers.
    await expect(widget.locator('.formula-card[data-channel="1"]')).toContainText('0.05');
  });

  test('train-mode BN makes the difference large, and the readout says why', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await widget.getByRole('switch', { name: /train mode/ }).check();
    expect(await maxDiff(widget)).toBeGreaterThan(0.05);
    await expect(widget.locator('.difference-readout')).toHaveAttribute('data-verdict', 'different');
    await expect(widget.locator('.difference-readout')).toContainText('batch mean');
    await widget.getByRole('switch', { name: /train mode/ }).uncheck();
    expect(await maxDiff(widget)).toBeLessThan(1e-5);
    // Nothing moves for a reader who asked for less motion (the readout's colour change included).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const transition = await widget.locator('.difference-readout').evaluate((e) => getComputedStyle(e).transitionDuration);
    expect(transition.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
  });

  test('a link with the state reopens the same numbers; bad values fall back to the defaults', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    const defaults = await kernelTitles(widget, 'W-folded');
    await typeValue(widget, 'gamma1', -1.7);
    await typeValue(widget, 'var0', 0.3);
    await widget.getByRole('switch', { name: /train mode/ }).check();
    await expect(page).toHaveURL(/bn\.gamma1=-1\.7/);
    await expect(page).toHaveURL(/bn\.train=1/);
    await expectSameNumbersFromLink(page, path, tag, ['W', 'W-folded']);

    const broken = await openWidget(page, `${path}?bn.gamma0=abc&bn.var0=-4&bn.eps=1e9&bn.train=perhaps`, tag);
    expect(await kernelTitles(broken, 'W-folded')).toEqual(defaults);
    expect(await maxDiff(broken)).toBeLessThan(1e-5);
  });

  test('the text alternatives hold the values drawn', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await typeValue(widget, 'gamma0', 0.7);
    for (const kernel of ['W', 'W-folded']) await expectKernelTableMatches(widget, kernel);
    await expectMapsMatchTables(widget, 2, 32);
    // Still in step after another change, with the tables open.
    await typeValue(widget, 'beta0', -2);
    await expectKernelTableMatches(widget, 'W-folded');
    await expectMapsMatchTables(widget, 2, 32);
  });
});

test.describe('chapter 2: 1×1 → 3×3', () => {
  const path = '/1x1-to-3x3/';
  const tag = 'one-by-one-widget';

  test('editing a weight changes both kernels and outputs; they stay exactly equal at stride 1 and 2', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    expect(await maxDiff(widget)).toBe(0);
    const padded = await kernelTitles(widget, '3x3');
    const pixels = await mapPixels(widget);
    await typeValue(widget, 'w01', 1.75);
    expect(await kernelTitles(widget, '3x3')).not.toEqual(padded);
    // Only the centre of each padded kernel can be nonzero.
    const taps = (await kernelTitles(widget, '3x3')).map(parsePrinted);
    taps.forEach((v, i) => (i % 9 === 4 ? null : expect(v).toBe(0)));
    expect(await mapPixels(widget)).not.toEqual(pixels);
    expect(await maxDiff(widget)).toBe(0);
    await widget.getByRole('radio', { name: '2', exact: true }).check();
    await expect(widget.locator('.map-grid canvas').first()).toHaveJSProperty('width', 4);
    expect(await maxDiff(widget)).toBe(0);
    await expect(widget.locator('.difference-readout')).toHaveAttribute('data-verdict', 'exact');
  });

  test('a link reopens the same numbers, and the text alternatives hold the values drawn', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await typeValue(widget, 'w10', -1.25);
    await typeValue(widget, 'seed', 41);
    await widget.getByRole('radio', { name: '2', exact: true }).check();
    await typeValue(widget, 'row', 3);
    await expect(page).toHaveURL(/pad\.stride=2/);
    await expect(widget.locator('.probe-sum')).toContainText('y0[3,');
    await expectSameNumbersFromLink(page, path, tag, ['1x1', '3x3']);
    for (const kernel of ['1x1', '3x3']) await expectKernelTableMatches(widget, kernel);
    await expectMapsMatchTables(widget, 2, 4);
  });
});

test.describe('chapter 3: identity kernels', () => {
  const path = '/identity/';
  const tag = 'identity-widget';

  test('groups change the kernel’s shape, not the diagonal; folding is exact; train mode is not', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    for (const [g, perGroup] of [
      ['1', 4],
      ['2', 2],
      ['4', 1],
    ] as const) {
      await widget.getByRole('radio', { name: g, exact: true }).check();
      const k = (await kernelTitles(widget, 'K')).map(parsePrinted);
      expect(k).toHaveLength(4 * perGroup * 9);
      // K[o, o mod (C/g), 1, 1] = 1, every other tap 0.
      k.forEach((v, i) => {
        const o = Math.floor(i / (perGroup * 9));
        expect(v).toBe(i === (o * perGroup + (o % perGroup)) * 9 + 4 ? 1 : 0);
      });
      await expect(widget.locator('.connection-table td.conn-identity')).toHaveCount(4);
      expect(await maxDiff(widget)).toBeLessThan(1e-5);
    }
    const folded = await kernelTitles(widget, 'K-folded');
    await typeValue(widget, 'seed', 12);
    expect(await kernelTitles(widget, 'K-folded')).not.toEqual(folded);
    await widget.getByRole('switch', { name: /train mode/ }).check();
    expect(await maxDiff(widget)).toBeGreaterThan(0.01);
  });

  test('a link reopens the same numbers, and the text alternatives hold the values drawn', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    await widget.getByRole('radio', { name: '2', exact: true }).check();
    await typeValue(widget, 'seed', 77);
    await expect(page).toHaveURL(/id\.groups=2/);
    await expectSameNumbersFromLink(page, path, tag, ['K', 'K-folded']);
    for (const kernel of ['K', 'K-folded']) await expectKernelTableMatches(widget, kernel);
    await expectMapsMatchTables(widget, 4, 6);
  });
});

test.describe('chapter 4: the merged block', () => {
  const path = '/merged-block/';
  const tag = 'merged-block-widget';

  test('every choice of branches merges exactly, with its row of Table 6; train mode does not', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    const merged = await kernelTitles(widget, 'merged');
    for (const [oneByOne, identity, top1] of [
      [false, true, '74.79'],
      [false, false, '72.39'],
      [true, false, '73.15'],
      [true, true, '75.14'],
    ] as const) {
      await widget.getByRole('switch', { name: '1×1 branch' }).setChecked(oneByOne);
      await widget.getByRole('switch', { name: 'identity branch' }).setChecked(identity);
      expect(await maxDiff(widget), `1×1 ${oneByOne}, identity ${identity}`).toBeLessThan(1e-5);
      await expect(widget.locator('.paper-table tr[aria-current="true"] td')).toHaveText(top1);
      await expect(widget.locator('.kernel-slot.off')).toHaveCount(Number(!oneByOne) + Number(!identity));
    }
    expect(await kernelTitles(widget, 'merged')).toEqual(merged);
    await typeValue(widget, 'seed', 123);
    expect(await kernelTitles(widget, 'merged')).not.toEqual(merged);
    await widget.getByRole('switch', { name: /train mode/ }).check();
    expect(await maxDiff(widget)).toBeGreaterThan(0.01);
  });

  test('W′ is the sum of the drawn branch kernels; a link reopens the same block', async ({ page }) => {
    const widget = await openWidget(page, path, tag);
    const sum = (await Promise.all(['dense', 'oneByOne', 'identity'].map((k) => kernelTitles(widget, k)))).map((t) => t.map(parsePrinted));
    const merged = (await kernelTitles(widget, 'merged')).map(parsePrinted);
    merged.forEach((v, i) => expect(v).toBeCloseTo(sum[0]![i]! + sum[1]![i]! + sum[2]![i]!, 2));
    await typeValue(widget, 'seed', 500);
    await widget.getByRole('switch', { name: 'identity branch' }).uncheck();
    await expect(page).toHaveURL(/blk\.noid=1/);
    await expectSameNumbersFromLink(page, path, tag, ['dense', 'oneByOne', 'merged']);
    for (const kernel of ['dense', 'merged']) await expectKernelTableMatches(widget, kernel);
    await expectMapsMatchTables(widget, 4, 8);
  });

  test('paths: the depth slider gives 3ⁿ against 2ⁿ, from the URL too', async ({ page }) => {
    const widget = await openWidget(page, '/merged-block/?paths.n=17', 'paths-widget');
    const readout = widget.locator('.paths-readout');
    await expect(readout).toHaveAttribute('data-three', String(3n ** 17n));
    await (await slider(widget, 'n')).focus();
    await page.keyboard.press('ArrowRight');
    await expect(readout).toHaveAttribute('data-three', String(3n ** 18n));
    await expect(readout).toHaveAttribute('data-two', String(2n ** 18n));
    await expect(page).toHaveURL(/paths\.n=18/);
    await expect(widget.locator('.network-paths')).toContainText('3¹⁷ · 2⁵');
  });
});

for (const [path, tags] of [
  ['/bn-folding/', ['bn-folding-widget']],
  ['/1x1-to-3x3/', ['one-by-one-widget']],
  ['/identity/', ['identity-widget']],
  ['/merged-block/', ['merged-block-widget', 'paths-widget']],
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
