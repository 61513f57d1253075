import { test as base, expect } from '@playwright/test';
import { PageGuard } from './guard';

/** Every e2e test runs with a PageGuard; the test fails if the guard saw anything. */
export const test = base.extend<{ guard: PageGuard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const guard = new PageGuard(page, new URL(baseURL ?? 'http://localhost').origin);
      await guard.attach();
      await use(guard);
      expect(guard.problems, 'console errors, failed or foreign requests seen by the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
