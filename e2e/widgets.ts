import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens a chapter and brings one widget to life (widgets start when scrolled near). */
export async function openWidget(page: Page, path: string, tag: string): Promise<Locator> {
  await page.goto(path);
  const widget = page.locator(tag);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'live');
  return widget;
}

/** The printed max |difference|, as the readout carries it. */
export async function maxDiff(widget: Locator): Promise<number> {
  return Number(await widget.locator('.difference-readout').getAttribute('data-max-diff'));
}

/** Sets a slider by typing into its number box (an input event per keystroke, like a reader). */
export async function typeValue(widget: Locator, name: string, value: number | string): Promise<void> {
  const box = widget.locator(`.control[data-name="${name}"] input[type="number"]`);
  await box.fill(String(value));
  await box.press('Enter');
}

export async function slider(widget: Locator, name: string): Promise<Locator> {
  return widget.locator(`.control[data-name="${name}"] input[type="range"]`);
}

/** What a kernel figure draws: the value in each tap's tooltip, in [out, in, kh, kw] order. */
export async function kernelTitles(widget: Locator, kernel: string): Promise<string[]> {
  return widget
    .locator(`figure[data-kernel="${kernel}"] g[aria-label="cell"] rect title`)
    .evaluateAll((titles) => titles.map((t) => t.textContent!.split(': ')[1]!));
}

/**
 * A kernel figure's text alternative, opened by keyboard as a reader would, holds the values the
 * grid draws, in the same order (a closed table catches up when it is opened).
 */
export async function expectKernelTableMatches(widget: Locator, kernel: string): Promise<void> {
  const details = widget.locator(`figure[data-kernel="${kernel}"] details.value-table`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').press('Enter');
  const titles = await kernelTitles(widget, kernel);
  expect(titles.length).toBeGreaterThan(0);
  await expect.poll(() => details.locator('tbody td').allTextContents()).toEqual(titles);
}

/** Every pixel of every output map, as drawn (canvas data URLs). */
export async function mapPixels(widget: Locator): Promise<string[]> {
  return widget.locator('.map-grid canvas').evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()));
}

/** Opens the maps' text alternative (by keyboard) and returns each table: caption and cell texts. */
export async function mapTables(widget: Locator, count: number): Promise<{ caption: string; cells: string[] }[]> {
  const details = widget.locator('details.live-table');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').focus();
    await details.locator('summary').press('Enter');
  }
  // The tables are built when the <details> reports it opened (its toggle event comes a moment later).
  await expect(details.locator('table')).toHaveCount(count);
  return details
    .locator('table')
    .evaluateAll((tables) =>
      tables.map((t) => ({ caption: t.querySelector('caption')!.textContent!, cells: [...t.querySelectorAll('tbody td')].map((td) => td.textContent!) })),
    );
}

/** A printed number back to a number: true minus signs and "e−7" exponents included. */
export function parsePrinted(text: string): number {
  return Number(text.replace(/\u2212/g, '-'));
}

/**
 * The maps' text alternative agrees with what is drawn and printed: the |difference| tables'
 * largest entry is the printed max, and the reference map's extreme values sit on pixels of the
 * matching colour family (warm for the most positive, cool for the most negative value).
 */
export async function expectMapsMatchTables(widget: Locator, channels: number, size: number): Promise<void> {
  const tables = await mapTables(widget, 3 * channels);
  for (const t of tables) expect(t.cells).toHaveLength(size * size);
  const diffs = tables.filter((t) => t.caption.startsWith('|difference|')).flatMap((t) => t.cells);
  const largest = diffs.reduce((a, b) => (parsePrinted(b) > parsePrinted(a) ? b : a));
  await expect(widget.locator('.difference-readout strong')).toHaveText(largest);

  const reference = tables[0]!.cells.map(parsePrinted);
  const pixels = await widget.locator('.map-grid canvas[data-channel="0"][data-column="reference"]').evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    return [...canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data];
  });
  const rgb = (i: number) => pixels.slice(i * 4, i * 4 + 3) as [number, number, number];
  const hi = reference.indexOf(Math.max(...reference));
  const lo = reference.indexOf(Math.min(...reference));
  if (reference[hi]! > 0.1) expect(rgb(hi)[0], 'the most positive value is drawn red').toBeGreaterThan(rgb(hi)[2]);
  if (reference[lo]! < -0.1) expect(rgb(lo)[2], 'the most negative value is drawn blue').toBeGreaterThan(rgb(lo)[0]);
}

/** axe on the live widgets (the rest of each page is checked by pages.spec.ts): no serious or critical violations. */
export async function expectAccessible(page: Page, tags: readonly string[]): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const tag of tags) builder = builder.include(tag);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}
