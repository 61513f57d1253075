import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chapters, chapterHref } from '../src/site/chapters';
import { expect, test } from './fixtures';

const pathOf = (i: number) => chapterHref('/', chapters[i]!);

async function headingLevels(page: Page): Promise<number[]> {
  return page.locator('main :is(h1, h2, h3, h4, h5, h6)').evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [index, chapter] of chapters.entries()) {
  test.describe(`${chapter.short} (${pathOf(index)})`, () => {
    test('renders: one h1, headings in order, title, intro, table of contents with working permalinks', async ({ page }) => {
      await page.goto(pathOf(index));
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page).toHaveTitle(/RepVGG Notebook/);
      await expect(page.locator('.lede')).not.toBeEmpty();

      const levels = await headingLevels(page);
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i]!, `heading ${i} skips a level`).toBeLessThanOrEqual(levels[i - 1]! + 1);

      // Each section heading is its own permalink, and the table of contents points at them.
      const sections = page.locator('main h2[id]');
      expect(await sections.count()).toBeGreaterThan(1);
      for (const id of await sections.evaluateAll((els) => els.map((e) => e.id))) {
        await expect(page.locator(`main h2[id="${id}"] a.permalink`)).toHaveAttribute('href', `#${id}`);
        await expect(page.locator(`nav.toc a[href="#${id}"]`)).toHaveCount(1);
      }
      const first = page.locator('nav.toc a').first();
      const target = (await first.getAttribute('href'))!;
      await first.click();
      await expect(page).toHaveURL(new RegExp(`${target}$`));
    });

    test('math is typeset at build time: KaTeX HTML in the served page, no KaTeX script, fonts from the site', async ({ page, request }) => {
      const html = await (await request.get(pathOf(index))).text();
      expect(html).toContain('class="katex"');
      expect(html).not.toMatch(/<script[^>]+katex/i);
      await page.goto(pathOf(index));
      const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
      expect(scripts.filter((s) => /katex/i.test(s))).toEqual([]);
      const font = await page.locator('.katex').first().evaluate((e) => getComputedStyle(e).fontFamily);
      expect(font).toContain('KaTeX_Main');
      await page.evaluate(() => document.fonts.ready);
      const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
      expect(loaded.some((f) => f.includes('KaTeX'))).toBe(true);
    });

    test('no serious or critical accessibility violations, light and dark', async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(pathOf(index));
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('fits a 375 px phone without sideways scrolling', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(pathOf(index));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
      // The chapter menu is reachable on a phone.
      await page.getByText('Chapters', { exact: true }).click();
      await expect(page.locator('.chapter-menu a[aria-current="page"]')).toBeVisible();
    });
  });
}

test('previous/next links walk the whole reading path in order, both ways', async ({ page }) => {
  await page.goto(pathOf(0));
  await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
  for (let i = 1; i < chapters.length; i++) {
    await page.locator('a[rel="next"]').click();
    await expect(page).toHaveURL(new RegExp(`${pathOf(i)}$`));
    await expect(page.locator('.chapter-list a[aria-current="page"]').first()).toHaveAttribute('href', pathOf(i));
  }
  await expect(page.locator('a[rel="next"]')).toHaveCount(0);
  for (let i = chapters.length - 2; i >= 0; i--) {
    await page.locator('a[rel="prev"]').click();
    await expect(page).toHaveURL(new RegExp(`${pathOf(i)}$`));
  }
});

test('keyboard: the skip link is the first tab stop and moves focus to the content', async ({ page }) => {
  await page.goto(pathOf(1));
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // Focus is visible: the focused link draws an outline.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});

test('light and dark themes follow the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(pathOf(0));
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).not.toBe(dark);
});
