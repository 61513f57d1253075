import { expect, test } from './fixtures';

test('astro preview serves COOP/COEP: the page is cross-origin isolated (WASM threads possible)', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

test.describe('on a static host that sends no isolation headers', () => {
  test.use({ serviceWorkers: 'allow' });
  const port = Number(process.env.E2E_PORT ?? 4321) + 1;
  test.use({ baseURL: `http://localhost:${port}` });

  test('the service worker makes the page cross-origin isolated after one reload', async ({ page }) => {
    const response = await page.goto('/bn-folding/');
    expect(response!.headers()['cross-origin-embedder-policy']).toBeUndefined();
    const isolated = async () => {
      try {
        return await page.evaluate(() => crossOriginIsolated);
      } catch {
        return false; // the page is reloading
      }
    };
    await expect.poll(isolated, { timeout: 15_000 }).toBe(true);
    await expect(page.locator('h1')).toHaveCount(1);
  });
});
