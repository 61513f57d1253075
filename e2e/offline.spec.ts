import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chapters, chapterHref } from '../src/site/chapters';
import { writePrecache } from '../src/site/offline-integration';
import { expect, test } from './fixtures';
import { cacheNames, copySite, sitePort, waitUntilSaved } from './offline-helpers';
import { expectSameFunction, openRunner, runAndWait } from './run-helpers';

/**
 * Offline use, against a copy of dist/ on a plain static host: after one online visit the
 * service worker has cached the site, and with the server stopped and the browser offline every
 * page opens and RepVGG-A0 runs. A new build replaces the cache as a whole.
 */

test.describe('after one online visit', () => {
  test.use({ serviceWorkers: 'allow' });
  const port = sitePort(2);
  test.use({ baseURL: `http://localhost:${port}` });

  test('every page and the A0 run work with the network gone', { tag: '@heavy' }, async ({ page, context }) => {
    test.setTimeout(300_000);
    const site = await copySite(port);
    try {
      await page.goto('/');
      const version = await waitUntilSaved(page);
      expect(await cacheNames(page)).toEqual([`repvgg-notebook-${version}`]);

      await site.stop();
      await context.setOffline(true);
      for (const path of [...chapters.map((c) => chapterHref('/', c)), '/demo/?present=0']) {
        await page.goto(path);
        await expect(page.locator('h1'), path).toHaveCount(1);
        await expect(page.locator('main')).toBeVisible();
        expect(await page.evaluate(() => crossOriginIsolated), `${path} is isolated offline too`).toBe(true);
      }
      // A chapter's widget computes offline (its code split into chunks, the sample photo).
      await page.goto('/bn-folding/');
      await page.locator('bn-folding-widget').scrollIntoViewIfNeeded();
      await expect(page.locator('bn-folding-widget')).toHaveAttribute('data-state', 'live');

      await openRunner(page, 'run.model=A0&run.runs=1&run.backend=wasm');
      expect(await runAndWait(page)).toBe('done');
      await expectSameFunction(page);
      await expect(page.locator('[data-top5="deploy"] li').first()).not.toHaveText(/^class \d+$/); // class names from the cache
    } finally {
      await context.setOffline(false);
      await site.stop();
      site.remove();
    }
  });
});

test.describe('a new build', () => {
  test.use({ serviceWorkers: 'allow' });
  const port = sitePort(3);
  test.use({ baseURL: `http://localhost:${port}` });

  test('installs its own complete cache, takes over when asked, and the old cache is gone', async ({ page }) => {
    const site = await copySite(port);
    try {
      await page.goto('/identity/');
      const v1 = await waitUntilSaved(page);
      await expect(page.locator('h1')).not.toContainText('(new build)');

      // Publish a new build: a changed page, and the worker with the new manifest, as astro build writes it.
      const page2 = join(site.dir, 'identity', 'index.html');
      writeFileSync(page2, readFileSync(page2, 'utf8').replace('The identity as a convolution</h1>', 'The identity as a convolution (new build)</h1>'));
      writeFileSync(join(site.dir, 'sw.js'), readFileSync('public/sw.js', 'utf8'));
      const v2 = (await writePrecache(site.dir, '/')).version;
      expect(v2).not.toBe(v1);

      // The next visit finds the new worker; it waits while this page uses the old version.
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-offline', 'update', { timeout: 60_000 });
      await expect(page.locator('h1')).not.toContainText('(new build)');
      expect((await cacheNames(page)).sort()).toEqual([`repvgg-notebook-${v1}`, `repvgg-notebook-${v2}`].sort());

      await page.getByRole('button', { name: 'Update now' }).click();
      await expect(page.locator('h1')).toContainText('(new build)', { timeout: 20_000 });
      await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 30_000 });
      await expect(page.locator('html')).toHaveAttribute('data-offline-version', v2);
      expect(await cacheNames(page)).toEqual([`repvgg-notebook-${v2}`]);

      // And the new version is what the cache serves with the server gone.
      await site.stop();
      await page.reload();
      await expect(page.locator('h1')).toContainText('(new build)');
    } finally {
      await site.stop();
      site.remove();
    }
  });
});
