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
    // One page load for everything that reads the served page as it is (each load of a chapter
    // costs seconds on a shared 2-core machine; the assertions are independent of each other).
    test('renders: one h1, headings in order, title, intro, contents with permalinks, build-time math, prev/next and chapter references in order', async ({
      page,
      request,
    }) => {
      const html = await (await request.get(pathOf(index))).text();
      expect(html).toContain('class="katex"');
      expect(html).not.toMatch(/<script[^>]+katex/i);

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

      // Math: KaTeX's HTML styled by the site's own fonts, and no KaTeX script.
      const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
      expect(scripts.filter((s) => /katex/i.test(s))).toEqual([]);
      const font = await page
        .locator('.katex')
        .first()
        .evaluate((e) => getComputedStyle(e).fontFamily);
      expect(font).toContain('KaTeX_Main');
      await page.evaluate(() => document.fonts.ready);
      const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
      expect(loaded.some((f) => f.includes('KaTeX'))).toBe(true);

      // The reading path: previous and next are the neighbours in order (the walk below clicks them).
      const prev = page.locator('a[rel="prev"]');
      const next = page.locator('a[rel="next"]');
      if (index === 0) await expect(prev).toHaveCount(0);
      else await expect(prev).toHaveAttribute('href', pathOf(index - 1));
      if (index === chapters.length - 1) await expect(next).toHaveCount(0);
      else await expect(next).toHaveAttribute('href', pathOf(index + 1));
      await expect(page.locator('.chapter-list a[aria-current="page"]').first()).toHaveAttribute('href', pathOf(index));

      // Every "chapter N" link in the text leads to chapter N of the reading path.
      const refs = await page
        .locator('main a')
        .evaluateAll((as) =>
          as
            .map((a) => ({ text: a.textContent?.trim() ?? '', href: new URL((a as HTMLAnchorElement).href).pathname }))
            .filter((l) => /^chapter \d+$/i.test(l.text)),
        );
      for (const ref of refs) {
        const target = chapters.find((c) => c.number === Number(ref.text.replace(/\D/g, '')));
        expect(target, `"${ref.text}" names no chapter`).toBeDefined();
        expect(ref.href, `"${ref.text}"`).toBe(chapterHref('/', target!));
      }

      const first = page.locator('nav.toc a').first();
      const target = (await first.getAttribute('href'))!;
      await first.click();
      await expect(page).toHaveURL(new RegExp(`${target}$`));
    });

    // Light at desktop width, then dark on a 375 px phone: both themes and both widths are checked
    // by axe, with one page load and two axe passes.
    test('no serious or critical accessibility violations in light and dark; fits a 375 px phone without sideways scrolling', async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(pathOf(index));
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 375, height: 740 });
      await expect.poll(() => page.evaluate(() => document.documentElement.clientWidth)).toBe(375);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
      // The chapter menu is reachable on a phone.
      await page.getByText('Chapters', { exact: true }).click();
      await expect(page.locator('.chapter-menu a[aria-current="page"]')).toBeVisible();
    });
  });
}

/**
 * Follows the page's previous or next link from the keyboard and expects to land on `path`.
 * Not a mouse click: scrolling down to the link starts the lazy figures above it, and one that
 * grows as it draws can move the link from under a click aimed a moment before.
 */
async function follow(page: Page, rel: 'prev' | 'next', path: string): Promise<void> {
  await page.locator(`a[rel="${rel}"]`).press('Enter');
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

test('previous/next links can be followed both ways (their order on every page is checked above)', async ({ page }) => {
  await page.goto(pathOf(0));
  await follow(page, 'next', pathOf(1));
  await follow(page, 'next', pathOf(2));
  await follow(page, 'prev', pathOf(1));
  const last = chapters.length - 1;
  await page.goto(pathOf(last));
  await follow(page, 'prev', pathOf(last - 1));
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
