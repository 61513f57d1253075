import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Scrolls every widget into view so it starts (they are lazy), and waits until each is ready (and drawn, for a module widget). */
export async function startAllWidgets(page: Page): Promise<void> {
  const widgets = page.locator('.widget');
  const n = await widgets.count();
  for (let i = 0; i < n; i++) {
    await widgets.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((k) => {
      const w = document.querySelectorAll('.widget')[k];
      const state = w?.getAttribute('data-state');
      return state === 'live' || state === 'error'; // its code has arrived and mounted (or failed, which axe checks too)
    }, i);
  }
}

/**
 * axe's serious and critical findings inside the widgets, one line each. pages.spec.ts checks
 * whole pages (before widgets start); scanning only the widgets here skips the typeset math,
 * most of a chapter's DOM, and keeps this fast.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.widget').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
