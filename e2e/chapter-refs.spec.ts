import { chapters } from '../src/site/chapters';
import { expect, test } from './fixtures';

/** Every "chapter N" link in every page's text leads to chapter N of the reading path. Light: no model runs. */
test('every "chapter N" link on every page points to chapter N', async ({ page }) => {
  let checked = 0;
  for (const from of chapters) {
    await page.goto(`/${from.slug ? `${from.slug}/` : ''}`);
    const links = await page.locator('main a').evaluateAll((as) =>
      as.map((a) => ({ text: a.textContent?.trim() ?? '', href: new URL((a as HTMLAnchorElement).href).pathname })).filter((l) => /^chapter \d+$/i.test(l.text)),
    );
    for (const link of links) {
      const n = Number(link.text.replace(/\D/g, ''));
      const target = chapters.find((c) => c.number === n);
      expect(target, `${from.slug || 'intro'}: "${link.text}" names no chapter`).toBeDefined();
      expect(link.href, `${from.slug || 'intro'}: "${link.text}"`).toBe(`/${target!.slug}/`);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(10);
});
