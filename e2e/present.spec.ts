import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForStep } from './progress';
import { expectSameFunction, runAndWait } from './run-helpers';
import { kernelTitles, maxDiff } from './widgets';

/**
 * Presentation mode: any chapter as full-screen steps (keys, clicker keys, URL), the widgets on a
 * slide the page's own and live, Esc back to the page; the demo sequence down to a live run; no
 * sideways overflow and large type at projector sizes.
 */

const step = (page: Page) => page.locator('html').getAttribute('data-present-step').then(Number);

test('keys step through a chapter, the URL follows, a widget on its slide is the page’s own and live, Esc leaves', async ({ page }) => {
  await page.goto('/bn-folding/');
  // A mark on the element itself: the slide must show this very element, not a copy.
  await page.evaluate(() => ((document.querySelector('bn-folding-widget') as HTMLElement & { mark?: string }).mark = 'the page’s own'));
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await expect(page).toHaveURL(/\/bn-folding\/\?present&step=1$/);
  await expect(page.locator('article h1')).toBeVisible();
  await expect(page.locator('nav.toc')).toBeHidden();
  await expect(page.locator('.present-counter')).toHaveText('1 / 8');

  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/step=2$/);
  await expect(page.locator('h2#the-question')).toBeVisible();
  await expect(page.locator('article h1')).toBeHidden();
  await page.keyboard.press('PageDown'); // a short slide: straight to the next
  expect(await step(page)).toBe(3);
  await expect(page.locator('h2#the-question')).toBeHidden();
  await page.keyboard.press('PageUp');
  expect(await step(page)).toBe(2);
  await page.keyboard.press('End');
  expect(await step(page)).toBe(8);
  await page.keyboard.press('Home');
  expect(await step(page)).toBe(1);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/step=5$/);

  const widget = page.locator('bn-folding-widget');
  await expect(widget).toBeVisible();
  await expect(widget).toHaveAttribute('data-state', 'live');
  expect(await widget.evaluate((el) => (el as HTMLElement & { mark?: string }).mark)).toBe('the page’s own');
  expect(await page.locator('bn-folding-widget').count()).toBe(1);
  // Live: a focused slider keeps its arrows (the step does not change) and the figure recomputes (steps of 0.01).
  const before = await kernelTitles(widget, 'W-folded');
  await widget.locator('.control[data-name="gamma0"] input[type="range"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('.control[data-name="gamma0"] input[type="number"]')).toHaveValue('1.22');
  expect(await step(page)).toBe(5);
  expect(await kernelTitles(widget, 'W-folded')).not.toEqual(before);
  expect(await maxDiff(widget)).toBeLessThan(1e-5);
  // A clicker key is the presentation's even on a focused slider: this tall slide scrolls on.
  const scrollTop = () => page.locator('main article').evaluate((a) => a.scrollTop);
  expect(await scrollTop()).toBe(0);
  await page.keyboard.press('PageDown');
  await expect.poll(scrollTop).toBeGreaterThan(100);
  await expect(widget.locator('.control[data-name="gamma0"] input[type="number"]')).toHaveValue('1.22');
  expect(await step(page)).toBe(5);

  // The first Esc leaves the slider, the second the presentation.
  await widget.locator('.control[data-name="gamma0"] input[type="range"]').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  await expect(page).not.toHaveURL(/present|step=/);
  await expect(page).toHaveURL(/bn\.gamma0=1\.22/); // the widget's own state stays
  await expect(page.locator('nav.toc')).toBeVisible();
  await expect(widget.locator('.control[data-name="gamma0"] input[type="number"]')).toHaveValue('1.22');
});

test('a link opens at its step; Space and Shift+Space; the Present button starts at the section in view; reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/identity/?present&step=3');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  expect(await step(page)).toBe(3);
  const current = page.locator('article > [data-present-current]').first();
  expect(await current.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await page.keyboard.press('Shift+Space');
  expect(await step(page)).toBe(2);
  await page.getByRole('button', { name: 'Next step' }).click();
  expect(await step(page)).toBe(3);
  await page.getByRole('button', { name: 'Leave presentation (Esc)' }).click();
  await expect(page.locator('html')).not.toHaveClass(/presenting/);

  // P starts at the section being read; the header's button (at the top) at the title.
  await page.evaluate(() => document.querySelector('h2#what-to-notice')!.scrollIntoView({ block: 'start' }));
  await page.keyboard.press('p');
  await expect(page.locator('h2#what-to-notice')).toBeVisible();
  await expect(page.locator('article h1')).toBeHidden();
  await page.keyboard.press('Escape');
  await page.evaluate(() => scrollTo(0, 0));
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('article h1')).toBeVisible();
  expect(await step(page)).toBe(1);
  await page.keyboard.press(' ');
  await expect.poll(() => step(page)).toBe(2);
});

test('the demo goes through the five steps and ends on a live run: A0 runs, B3 shows progress and cancels', { tag: '@heavy' }, async ({ page }) => {
  await page.goto('/demo/');
  await expect(page.locator('html')).toHaveClass(/presenting/); // the demo presents by default
  await expect(page).toHaveURL(/\/demo\/\?step=1$/);
  for (const tag of ['bn-folding-widget', 'one-by-one-widget', 'identity-widget', 'merged-block-widget', 'winograd-tile', 'run-models']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(tag), tag).toBeVisible();
    await expect(page.locator(tag)).toHaveAttribute(tag.startsWith('run') || tag.startsWith('winograd') ? 'data-ready' : 'data-state', /^(true|live)$/);
  }
  expect(await step(page)).toBe(7);
  const run = page.locator('run-models');
  await expect(page.locator('#run-model')).toHaveValue('A0');
  await expect(page.locator('#run-runs')).toHaveValue('3');
  await page.selectOption('#run-backend', 'wasm');
  expect(await runAndWait(page)).toBe('done');
  await expectSameFunction(page);
  expect(await step(page)).toBe(7); // still on the run slide

  await page.selectOption('#run-model', 'B3');
  await page.getByRole('button', { name: 'Run both networks' }).click();
  await waitForStep(run, 'Drawing the training-time weights');
  await expect(run.locator('progress')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(run).toHaveAttribute('data-state', 'cancelled');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/demo\/\?.*present=0/);
});

for (const [width, height, minText] of [[1280, 720, 19], [1920, 1080, 28]] as const) {
  test(`projector ${width}×${height}: no step overflows sideways, body text at least ${minText} px`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/demo/');
    const count = Number((await page.locator('.present-counter').textContent())!.split('/')[1]);
    for (let i = 1; i <= count; i++) {
      expect(await step(page)).toBe(i);
      const fit = await page.evaluate(() => {
        const article = document.querySelector('main article') as HTMLElement;
        const zoom = Number(getComputedStyle(article).getPropertyValue('--present-zoom'));
        const p = article.querySelector(':scope > p[data-present-current], :scope > header[data-present-current] .lede') as HTMLElement | null;
        return { overflow: article.scrollWidth - article.clientWidth, page: document.documentElement.scrollWidth - innerWidth, text: p ? zoom * parseFloat(getComputedStyle(p).fontSize) : Infinity };
      });
      expect(fit.overflow, `step ${i} overflows sideways`).toBeLessThanOrEqual(0);
      expect(fit.page).toBeLessThanOrEqual(0);
      expect(fit.text, `step ${i} body text`).toBeGreaterThanOrEqual(minText);
      if (i === 2) await test.info().attach(`demo step 2 at ${width}x${height}`, { body: await page.screenshot(), contentType: 'image/png' });
      await page.keyboard.press('ArrowRight');
    }
  });
}
