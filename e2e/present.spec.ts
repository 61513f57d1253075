import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chapterHref, chapters } from '../src/site/chapters';
import { expect, test } from './fixtures';
import { classify, openCheckpoints } from './checkpoint-helpers';
import { exercise } from './lab-helpers';
import { waitForStep } from './progress';
import { expectSameFunction, runAndWait } from './run-helpers';
import { kernelTitles, maxDiff } from './widgets';

/**
 * Presentation mode: any chapter as full-screen steps (keys, clicker keys, URL), the widgets on a
 * slide the page's own and live, Esc back to the page; the demo sequence down to a live run; every
 * slide of the demo and of every chapter fits 1280×720 and 1920×1080 (measured from bounding boxes);
 * a choice made before a widget starts is kept.
 */

const step = (page: Page) => page.locator('html').getAttribute('data-present-step').then(Number);

test('keys step through a chapter, the URL follows, a widget on its slide is the page’s own and live, Esc leaves', async ({ page }) => {
  test.setTimeout(180_000);
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
  await page.keyboard.press('PageDown');
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
  await expect(widget).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
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
  // A clicker key is the presentation's even on a focused slider: exactly one step per press, both ways.
  await page.keyboard.press('PageDown');
  expect(await step(page)).toBe(6);
  await page.keyboard.press('PageUp');
  expect(await step(page)).toBe(5);
  await expect(widget.locator('.control[data-name="gamma0"] input[type="number"]')).toHaveValue('1.22');

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
    await expect(page.locator(tag)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
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
  await expect(run).toHaveAttribute('data-job', 'cancelled');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/demo\/\?.*present=0/);
});

const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;

/**
 * What is wrong with the slide on screen, from bounding boxes: the slide scrolls (either way), the
 * page scrolls sideways, or an element of the slide lies outside the screen or under the control
 * bar. Empty when the slide fits.
 */
function slideProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const article = document.querySelector('main article') as HTMLElement;
    const bar = document.querySelector('.present-bar')!.getBoundingClientRect();
    const problems: string[] = [];
    if (article.scrollWidth > article.clientWidth + 1) problems.push(`slide scrolls sideways by ${article.scrollWidth - article.clientWidth} px`);
    if (article.scrollHeight > article.clientHeight + 1) problems.push(`slide scrolls down by ${article.scrollHeight - article.clientHeight} px`);
    if (document.documentElement.scrollWidth > innerWidth) problems.push('page scrolls sideways');
    if (bar.bottom > innerHeight + 1 || bar.right > innerWidth + 1) problems.push('control bar off screen');
    // A lazy widget (it has startNow) is measured once started and, for one whose module loads first, drawn: its real size, not its placeholder's.
    for (const w of article.querySelectorAll<HTMLElement>(':scope > [data-present-current]')) {
      for (const el of [w, ...w.querySelectorAll<HTMLElement>('*')])
        if ('startNow' in el && el.getClientRects().length > 0 && (el.dataset['state'] === undefined || el.dataset['state'] === 'loading'))
          problems.push(`${el.localName} not started (${el.dataset['state'] ?? 'waiting'})`);
    }
    for (const el of article.querySelectorAll(':scope > [data-present-current], :scope > [data-present-current] *')) {
      const box = el.getBoundingClientRect();
      if (el.closest('.katex-mathml, .visually-hidden')) continue; // for assistive technology only, clipped to nothing
      if (box.width <= 1 || box.height <= 1 || !el.checkVisibility()) continue; // not drawn (display: none, a closed <details>) or visually hidden
      // What shows of it: clipped by every ancestor that clips (a scrolled table region, an <svg>; KaTeX draws long paths cut by their box).
      let r = { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
      for (let p = el.parentElement; p && p !== article; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = p.getBoundingClientRect();
        r = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
      }
      if (r.right - r.left <= 1 || r.bottom - r.top <= 1) continue; // wholly clipped: its scroller is judged instead
      if (r.left < -1 || r.right > innerWidth + 1 || r.top < -1 || r.bottom > bar.top + 1) {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/)[0]}` : ''}`;
        problems.push(
          `${name} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} (screen ${innerWidth}×${innerHeight}, bar from ${Math.round(bar.top)})`,
        );
        if (problems.length > 4) break;
      }
    }
    return problems;
  });
}

/** The zoom and the text sizes a room reads on the slide on screen (screen pixels; null where the slide has none). */
interface TextSizes {
  readonly zoom: number;
  readonly text: number | null;
  readonly controls: number | null;
}
function textSizes(page: Page): Promise<TextSizes> {
  return page.evaluate(() => {
    const article = document.querySelector('main article')!;
    const zoom = Number(getComputedStyle(article).getPropertyValue('--present-zoom'));
    const shown = (sel: string) => [...article.querySelectorAll(sel)].find((e) => e.getClientRects().length > 0);
    const px = (e: Element | undefined) => (e ? zoom * parseFloat(getComputedStyle(e).fontSize) : null);
    return { zoom, text: px(shown(':scope > p[data-present-current], :scope > header .lede')), controls: px(shown('[data-present-current] label')) };
  });
}
const sizeText = ({ zoom, text, controls }: TextSizes): string =>
  `zoom ${zoom.toFixed(2)}, text ${text?.toFixed(0) ?? '-'} px, controls ${controls?.toFixed(0) ?? '-'} px`;

/** Visits every step from the first with → and expects each to fit once its widgets have started; returns each step's text sizes. */
async function everyStepFits(page: Page, label: string): Promise<TextSizes[]> {
  await page.keyboard.press('Home');
  const count = Number((await page.locator('.present-counter').textContent())!.split('/')[1]);
  const sizes: TextSizes[] = [];
  for (let i = 1; i <= count; i++) {
    await expect(page.locator('html')).toHaveAttribute('data-present-step', String(i));
    await expect.poll(() => slideProblems(page), { message: `${label}, step ${i}`, timeout: 30_000, intervals: [50, 100, 250] }).toEqual([]);
    sizes.push(await textSizes(page));
    if (i < count) await page.keyboard.press('ArrowRight');
  }
  return sizes;
}

test('every step of the demo fits 1280×720 and 1920×1080: nothing cut off or under the bar; More shows the rest; text sizes', async ({ page }) => {
  test.setTimeout(240_000);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.goto('/demo/');
    const sizes = await everyStepFits(page, `demo ${width}×${height}`);
    expect(sizes).toHaveLength(7);
    const report = sizes.map(sizeText).join(' | ');
    test.info().annotations.push({ type: `demo text at ${width}×${height}`, description: report });
    console.log(`demo text at ${width}×${height}: ${report}`);
    // Readable from the back of the room: body and control text at least 24 px at 1080p (16 px at 720p), on every step.
    const least = (24 * height) / 1080 - 0.1;
    sizes.forEach(({ text, controls }, i) => {
      for (const [what, px] of [
        ['text', text],
        ['controls', controls],
      ] as const)
        if (px !== null) expect(px, `demo ${width}×${height}, step ${i + 1}: ${what} (${report})`).toBeGreaterThanOrEqual(least);
    });
    // The bar's own text: 24 px at 1080p, 16 px at 720p.
    expect(await page.locator('.present-help').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(height === 1080 ? 23.9 : 15.9);
  }

  // Step 2 at 1920×1080 stepped parts back: More (M) shows the whole section, scrolled as a page; a clicker key moves on and back to the key view.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const more = page.getByRole('button', { name: 'More on this step (M)' });
  await expect(more).toBeVisible();
  const hiddenTable = page.locator('bn-folding-widget .formula-row');
  await expect(hiddenTable).toBeHidden();
  await page.keyboard.press('m');
  await expect(page.locator('html')).toHaveClass(/present-all/);
  await expect(page.getByRole('button', { name: 'Less: back to the step’s key figure (M)' })).toHaveAttribute('aria-pressed', 'true');
  await hiddenTable.scrollIntoViewIfNeeded();
  await expect(hiddenTable).toBeVisible();
  expect(await step(page)).toBe(2);
  await page.keyboard.press('PageDown');
  expect(await step(page)).toBe(3);
  await expect(page.locator('html')).not.toHaveClass(/present-all/);
  await expect.poll(() => slideProblems(page), { timeout: 20_000 }).toEqual([]);
});

test('presentation mode passes axe (no serious or critical findings) on a widget slide', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/demo/?step=2');
  await expect(page.locator('bn-folding-widget')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});

for (const chapter of chapters) {
  const path = chapterHref('/', chapter);
  test(`${chapter.short} (${path}) in presentation mode: every step fits 1280×720 and 1920×1080 and reads at 24 px (1080p)`, async ({ page }) => {
    test.setTimeout(240_000);
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      if (width === 1280) await page.goto(`${path}?present`);
      const sizes = await everyStepFits(page, `${path} ${width}×${height}`);
      // Readable from the back of the room, as the demo: 24 px at 1080p (16 px at 720p) on every slide.
      const report = sizes.map(sizeText).join(' | ');
      sizes.forEach(({ text, controls }, i) => {
        for (const [what, px] of [
          ['text', text],
          ['controls', controls],
        ] as const)
          if (px !== null) expect(px, `${path} ${width}×${height}, step ${i + 1}: ${what} (${report})`).toBeGreaterThanOrEqual((24 * height) / 1080 - 0.1);
      });
    }
  });
}

test('a model picked before the runner has started is the one it keeps, saves and runs', async ({ page }) => {
  // The reader picks "tiny" as soon as the page is parsed, before the lazy widget's first start.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const widget = document.querySelector('run-models') as HTMLElement;
      const select = document.querySelector('#run-model') as HTMLSelectElement;
      (window as unknown as { readyWhenPicked: string }).readyWhenPicked = widget.dataset['state'] ?? 'not started';
      select.value = 'tiny';
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  });
  await page.goto('/run/');
  const widget = page.locator('run-models');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'live');
  expect(await page.evaluate(() => (window as unknown as { readyWhenPicked: string }).readyWhenPicked)).toBe('not started');
  await expect(page.locator('#run-model')).toHaveValue('tiny');
  await expect(page).toHaveURL(/run\.model=tiny/);
  await page.selectOption('#run-backend', 'wasm');
  await page.fill('#run-runs', '1');
  expect(await runAndWait(page)).toBe('done');
  await expect(widget.locator('.run-report')).toHaveAttribute('data-model', 'tiny');
  // Reloading keeps it (from the URL).
  await page.reload();
  await page.locator('run-models').scrollIntoViewIfNeeded();
  await expect(page.locator('run-models')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('#run-model')).toHaveValue('tiny');
});

test('chapter 8: a bad file’s status says what happened, once, in words; choosing the next file resets it', async ({ page }) => {
  await openCheckpoints(page, 'ckpt.backend=wasm');
  const status = page.locator('checkpoint-classifier [data-step]');
  const message = page.locator('checkpoint-classifier [data-message]');
  const hint = page.locator('checkpoint-classifier [data-hint]');
  const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('epoch,loss\n1,0.93\n2,0.71\n') };
  await page.setInputFiles('#ckpt-file', notes);
  await expect(hint).toHaveText(/^notes\.txt: \d+ bytes, too small to hold a RepVGG network's weights/);
  await expect(hint).not.toContainText('0 kB');
  expect(await classify(page, notes)).toBe('failed');
  await expect(status).toHaveText('notes.txt could not be used: it is not a checkpoint. Nothing was run.');
  await expect(message).toHaveText(/^This is not a checkpoint\. This looks like a text file \(it begins “epoch,loss 1,0\.93 2,0\.71”\)/);
  expect((await message.textContent())!.match(/not a checkpoint/g)).toHaveLength(1);
  await expect(message).not.toHaveText(/bytes [0-9a-f]{2} [0-9a-f]{2}/);

  // The next file: the last file's status and message go at once.
  await page.setInputFiles('#ckpt-file', { name: 'empty.pth', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) });
  await expect(status).toBeHidden();
  await expect(message).toHaveText('');
  await expect(page.locator('checkpoint-classifier')).toHaveAttribute('data-job', 'idle');
  await expect(hint).toHaveText('empty.pth is empty (0 bytes): it is not a checkpoint. Choose another file.');
});

test('lab: the panel shows the lab at once, seeds and identifiers say they ignore case, Tab leaves a code editor by the advertised keys', async ({ page }) => {
  await page.goto('/lab/?lab=SEED123');
  const panel = page.locator('lab-session');
  // No scrolling: the reader's lab state is there at once.
  await expect(panel).toHaveAttribute('data-state', 'live');
  await expect(panel.locator('.widget-placeholder')).toHaveCount(0);
  await expect(panel.locator('.lab-session-line')).toContainText('seed123');
  await expect(panel.getByText('Capitals do not count: “SEED123” is the seed “seed123”.')).toBeVisible();
  await expect(panel.getByText(/“Alice-42” and “alice-42” are the same student/)).toBeVisible();
  await panel.getByLabel('Your identifier').fill('Alice-42');
  await panel.getByRole('button', { name: 'Use this identifier' }).click();
  await expect(panel.getByLabel('Your identifier')).toHaveValue('alice-42');
  await expect(panel.locator('.lab-note')).toContainText('Your identifier is used as “alice-42” (lower case');

  const section = await exercise(page, 'code-identity');
  const editor = section.locator('textarea');
  const hint = section.locator('.lab-editor-hint');
  await expect(hint).toHaveText('Tab indents. To leave the editor: Esc, then Tab; or tick “Tab moves focus” (Ctrl+M).');
  expect(await hint.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(16); // normal type
  const toggle = section.getByLabel('Tab moves focus');
  await expect(toggle).not.toBeChecked();
  const run = section.getByRole('button', { name: 'Run the tests' });
  // 1. Tab indents; Esc, then Tab, leaves.
  await editor.fill('x');
  await editor.press('Home');
  await editor.press('Tab');
  await expect(editor).toHaveValue('  x');
  await editor.press('Escape');
  await editor.press('Tab');
  await expect(run).toBeFocused();
  // 2. Ctrl+M: Tab moves focus (announced, the box ticked, the hint says so); Shift+Tab leaves backwards too.
  await editor.focus();
  await editor.press('Control+m');
  await expect(toggle).toBeChecked();
  await expect(section.locator('.lab-editor [aria-live]')).toHaveText('Tab now moves focus.');
  await expect(hint).toHaveText(/^Tab moves focus out of the editor/);
  await editor.press('Tab');
  await expect(run).toBeFocused();
  await expect(editor).toHaveValue('  x');
  await editor.focus();
  await editor.press('Shift+Tab');
  await expect(toggle).toBeFocused();
  // 3. Remembered on reload, in every editor; unticking gives Tab back to indenting.
  await page.reload();
  const again = await exercise(page, 'code-identity');
  await expect(again.getByLabel('Tab moves focus')).toBeChecked();
  await again.getByLabel('Tab moves focus').uncheck();
  await again.locator('textarea').fill('y');
  await again.locator('textarea').press('Home');
  await again.locator('textarea').press('Tab');
  await expect(again.locator('textarea')).toHaveValue('  y');
});
