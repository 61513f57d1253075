import { readFileSync } from 'node:fs';
import { buggy, correct, typescript } from '../test/lab/solutions';
import { expect, test } from './fixtures';
import { SEED, answer, codeOf, exercise, numeric, openLab, puzzle } from './lab-helpers';
import { seriousViolations } from './widgets-axe';

const alice = { seed: SEED, student: 'alice' };
const bob = { seed: SEED, student: 'bob' };

test.describe('lab exercises', () => {
  test('numeric: a correct answer is accepted, a wrong one is not, and the code follows', async ({ page }) => {
    const panel = await openLab(page, 'Alice');
    const before = await codeOf(panel);
    const bias = numeric('bn-bias', alice);
    const section = await exercise(page, 'bn-bias');
    await expect(section.locator('.lab-note')).toHaveText('Accepted: ±0.001.');
    await answer(section, (bias.expected + 0.01).toFixed(4));
    await expect(section).toHaveAttribute('data-status', 'tried');
    await expect(section.locator('.lab-feedback')).toHaveAttribute('data-verdict', 'incorrect');
    await answer(section, bias.expected.toFixed(4).replace('.', ',')); // a decimal comma is fine
    await expect(section).toHaveAttribute('data-status', 'solved');
    await expect(section.locator('.lab-feedback')).toContainText('Correct');
    await expect(panel).toHaveAttribute('data-solved', '1');
    await expect.poll(() => codeOf(panel)).not.toBe(before);
    // A whole-number answer must be exact.
    const size = numeric('out-size', alice);
    const out = await exercise(page, 'out-size');
    await answer(out, String(size.expected + 1));
    await expect(out.locator('.lab-feedback')).toHaveAttribute('data-verdict', 'incorrect');
    await answer(out, String(size.expected));
    await expect(out).toHaveAttribute('data-status', 'solved');
  });

  test('kernel puzzle: by keyboard, the identity kernel’s centres are right and one cell more is wrong', async ({ page }) => {
    await openLab(page, 'alice');
    const instance = puzzle('identity-puzzle', alice);
    const section = await exercise(page, 'identity-puzzle');
    const cells = section.locator('button.lab-cell');
    await expect(cells).toHaveCount(instance.rows * instance.cols);
    // One tab stop; arrows walk the grid row by row, Space switches a kernel on.
    await cells.first().focus();
    for (let k = 0; k < instance.expected.length; k++) {
      if (instance.expected[k]) await page.keyboard.press('Space');
      const lastInRow = k % instance.cols === instance.cols - 1;
      if (lastInRow) await page.keyboard.press('Home');
      await page.keyboard.press(lastInRow ? 'ArrowDown' : 'ArrowRight');
    }
    await expect(section.locator('button.lab-cell[aria-pressed="true"]')).toHaveCount(instance.rows);
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(section).toHaveAttribute('data-status', 'solved');
    const off = instance.expected.indexOf(false);
    await cells.nth(off).click();
    await expect(cells.nth(off)).toHaveAttribute('aria-pressed', 'true');
    await section.getByRole('button', { name: 'Check' }).click();
    await expect(section).toHaveAttribute('data-status', 'tried');
    await expect(section.locator('.lab-feedback')).toContainText('1 cell that should be off');
  });

  test('code: a correct function passes every case, a buggy one shows its first mismatch', async ({ page }) => {
    await openLab(page, 'alice');
    const section = await exercise(page, 'code-identity');
    const editor = section.locator('textarea');
    // Tab indents inside the editor; Esc, then Tab, leaves it.
    await editor.fill('x');
    await editor.press('Home');
    await editor.press('Tab');
    await expect(editor).toHaveValue('  x');
    await editor.press('Escape');
    await editor.press('Tab');
    await expect(section.getByRole('button', { name: 'Run the tests' })).toBeFocused();
    await editor.fill(buggy['code-identity']![0]);
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section).toHaveAttribute('data-run', 'finished');
    await expect(section).toHaveAttribute('data-status', 'tried');
    await expect(section.locator('.lab-first-failure')).toHaveText(/^First failure: case 3 \(C = 4, g = 2\)$/);
    await expect(section.locator('.lab-mismatch')).toContainText('result.data[40] = K[2, 0, 1, 1]');
    await expect(section.locator('.lab-cases li').nth(0)).toHaveAttribute('data-status', 'pass');
    await expect(section.locator('.lab-cases li').nth(1)).toHaveAttribute('data-status', 'pass');
    await expect(section.locator('.lab-cases li').nth(2)).toHaveAttribute('data-status', 'fail');
    await editor.fill(correct['code-identity']!);
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section.locator('.lab-feedback')).toHaveText('All 8 cases pass.');
    await expect(section).toHaveAttribute('data-status', 'solved');
    await expect(section.locator('.lab-first-failure')).toHaveCount(0);
    // The same function in TypeScript: the sandbox removes the types, the cases pass alike.
    await editor.fill(typescript['code-identity']!);
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section.locator('.lab-feedback')).toHaveText('All 8 cases pass.');
  });

  test('code: an endless loop is stopped and reported while the page stays responsive; errors and network use are reported', async ({ page }) => {
    await openLab(page, 'alice');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const section = await exercise(page, 'code-pad');
    await section.locator('textarea').fill('function padTo3x3(kernel) {\n  while (true) {}\n}');
    // State, not time: right after Run, the page paints a frame and handles a real click while
    // the loop spins in the worker (a loop on the main thread would hold both back until it ended).
    const other = await exercise(page, 'pad-entry');
    const box = (await other.locator('input.lab-input').boundingBox())!;
    await section.evaluate((el) => {
      const w = window as unknown as { handledWhile: string[] };
      w.handledWhile = [];
      document.addEventListener('pointerdown', () => w.handledWhile.push(`click:${(el as HTMLElement).dataset['run']}`), { once: true });
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Run the tests')!.click();
      requestAnimationFrame(() => w.handledWhile.push(`frame:${(el as HTMLElement).dataset['run']}`));
    });
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // Both happen while the run is still going, in whichever order the browser schedules them.
    await expect
      .poll(() => page.evaluate(() => [...(window as unknown as { handledWhile: string[] }).handledWhile].sort()))
      .toEqual(['click:running', 'frame:running']);
    await other.locator('input.lab-input').fill('0.5');
    await expect(other.locator('input.lab-input')).toHaveValue('0.5');
    await expect(section).toHaveAttribute('data-run', 'timeout', { timeout: 15_000 });
    await expect(section.locator('.lab-feedback')).toContainText('Stopped after 2 s');
    await expect(section.locator('.lab-mismatch')).toContainText('endless loop');

    await section.locator('textarea').fill('function padTo3x3(kernel) {\n  const [O, I] = kernel.shape;\n  return kernel.missing.length;\n}');
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section).toHaveAttribute('data-run', 'finished');
    await expect(section.locator('.lab-mismatch')).toContainText(/TypeError: .*\(line 3 of your code\)/);

    await section.locator('textarea').fill("function padTo3x3(kernel) {\n  return fetch('/lab/sandbox-probe');\n}");
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section).toHaveAttribute('data-run', 'finished');
    await expect(section.locator('.lab-mismatch')).toContainText('fetch is not a function');
    await section.locator('textarea').fill("function padTo3x3(k) {\n  return import('/lab/sandbox-probe.js');\n}");
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section).toHaveAttribute('data-run', 'rejected');
    await section.locator('textarea').fill("function padTo3x3(k) {\n  return (() => {}).constructor('return 1')();\n}");
    await section.getByRole('button', { name: 'Run the tests' }).click();
    await expect(section.locator('.lab-mismatch')).toContainText('disabled in the lab sandbox');
    expect(requests.filter((u) => u.includes('sandbox-probe'))).toEqual([]);
  });
});

test('two identifiers get different numbers, and both codes verify on the check page', async ({ page }) => {
  const codes: Record<string, string> = {};
  for (const session of [alice, bob]) {
    const panel = await openLab(page, session.student);
    const t = numeric('bn-t', session);
    const section = await exercise(page, 'bn-t');
    await expect(section.locator('.lab-given')).toContainText(t.prompt.given![1]![1]);
    await answer(section, t.expected.toFixed(4));
    await expect(section).toHaveAttribute('data-status', 'solved');
    codes[session.student] = await codeOf(panel);
  }
  expect(JSON.stringify(numeric('bn-t', alice).prompt)).not.toBe(JSON.stringify(numeric('bn-t', bob).prompt));
  expect(codes['alice']).not.toBe(codes['bob']);

  await page.goto('/lab/check/');
  const check = page.locator('lab-check');
  await expect(check).toHaveAttribute('data-state', 'live');
  await check.getByLabel('Lab seed').first().fill(SEED);
  await check.getByLabel('Student identifier').fill('Alice');
  await check.getByLabel('Completion code').fill(codes['alice']!.toLowerCase());
  await check.getByRole('button', { name: 'Check this code' }).click();
  await expect(check.locator('.lab-check-result')).toHaveText(/^Valid: 1 of 19 exercises solved: 1\.1 The BN scale t\.$/);
  await check.getByLabel('Student identifier').fill('bob');
  await check.getByRole('button', { name: 'Check this code' }).click();
  await expect(check.locator('.lab-check-result')).toHaveText('Not valid: does not match this lab seed and identifier.');

  const csv = `seed,identifier,code\n${SEED},alice,${codes['alice']}\n${SEED},bob,${codes['bob']}\n${SEED},bob,${codes['alice']}\n`;
  await check.getByLabel(/Codes, one student a line/).fill(csv);
  await check.getByRole('button', { name: 'Check all' }).click();
  await expect(check.locator('.lab-check-table caption')).toHaveText('2 of 3 codes valid');
  await expect(check.locator('.lab-check-table tbody tr[data-valid="false"] td').nth(2)).toHaveText('bob');
  const [download] = await Promise.all([page.waitForEvent('download'), check.getByRole('button', { name: 'Save the results as CSV' }).click()]);
  const saved = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(saved).toHaveLength(4);
  expect(saved[1]).toMatch(/^e2e-class,alice,.*,true,1,19,1\.1 The BN scale t,$/);
});

test('progress exports and imports as a file; a bad file is refused with a reason', async ({ page, browser }) => {
  const panel = await openLab(page, 'alice');
  const t = numeric('bn-t', alice);
  await answer(await exercise(page, 'bn-t'), t.expected.toFixed(4));
  const wrong = await exercise(page, 'paths');
  await answer(wrong, '7');
  const code = await codeOf(panel);
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toBe(`repvgg-lab-${SEED}-alice.json`);
  const file = readFileSync((await download.path())!, 'utf8');

  // A fresh browser profile: nothing in localStorage.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const freshPanel = await openLab(fresh);
  await expect(freshPanel.locator('.lab-code-output')).toHaveText('—');
  const input = freshPanel.locator('input.lab-import-file');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"}') });
  await expect(freshPanel.locator('.lab-panel-error')).toHaveText('This JSON file is not a RepVGG Notebook lab progress file.');
  await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(freshPanel.locator('.lab-panel-error')).toBeEmpty();
  await expect(freshPanel.locator('.lab-code-output')).toHaveText(code);
  await expect(freshPanel.getByLabel('Your identifier')).toHaveValue('alice');
  const restored = await exercise(fresh, 'bn-t');
  await expect(restored.locator('input.lab-input')).toHaveValue(t.expected.toFixed(4));
  await expect(restored).toHaveAttribute('data-status', 'solved');
  await expect((await exercise(fresh, 'paths')).locator('input.lab-input')).toHaveValue('7');
  await context.close();
});

test('a chapter’s Try it uses the same student’s numbers, and prints as a lab sheet', async ({ page }) => {
  await openLab(page, 'alice');
  await page.goto('/bn-folding/');
  const sheet = page.locator('lab-exercises');
  await sheet.scrollIntoViewIfNeeded();
  await expect(sheet).toHaveAttribute('data-state', 'live');
  await expect(sheet.locator('.lab-session-line')).toContainText('Lab “e2e-class”, student “alice”.');
  const bias = numeric('bn-bias', alice);
  for (const [, value] of bias.prompt.given!) await expect(sheet.locator('[data-exercise="bn-bias"] .lab-given')).toContainText(value);

  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', '');
  });
  await sheet.getByRole('button', { name: 'Print this lab sheet' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', '');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('nav.pager')).toBeHidden();
  await expect(page.locator('bn-folding-widget, .katex-display').first()).toBeHidden(); // the rest of the chapter
  await expect(page.locator('h1')).toBeVisible();
  await expect(sheet.locator('.lab-sheet-title')).toHaveText('Lab sheet · Chapter 1 · Folding batch norm into the convolution');
  await expect(sheet.locator('[data-exercise="bn-bias"] .lab-given')).toBeVisible();
  await expect(sheet.locator('input.lab-input').first()).toBeHidden();
  await expect(sheet.locator('.lab-blank').first()).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Check' }).first()).toBeHidden();
  const pdf = await page.pdf();
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('Ctrl+P on the Lab page prints every chapter’s exercises, even those not scrolled to', async ({ page }) => {
  await page.goto(`/lab/?lab=${SEED}`);
  expect(await page.locator('lab-exercises[data-state="live"]').count()).toBeLessThan(9);
  await page.pdf(); // fires beforeprint, as the browser's print dialog does
  await expect(page.locator('lab-exercises[data-state="live"]')).toHaveCount(9);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-exercise="run-bn"] .lab-prompt')).toBeVisible();
  await expect(page.locator('[data-exercise="code-fold"] .lab-code-blank')).toBeVisible();
  await expect(page.locator('[data-exercise="code-fold"] textarea')).toBeHidden();
});

test('lab widgets and the check page: no serious accessibility findings, light and dark, and no sideways scroll at 375 px', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openLab(page, 'alice');
  for (const widget of await page.locator('lab-exercises').all()) await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('lab-exercises[data-state="live"]')).toHaveCount(9);
  const section = await exercise(page, 'code-fold');
  await section.locator('textarea').fill(buggy['code-fold']![0]);
  await section.getByRole('button', { name: 'Run the tests' }).click();
  await expect(section.locator('.lab-first-failure')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.goto('/lab/check/');
  await expect(page.locator('lab-check')).toHaveAttribute('data-state', 'live');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await seriousViolations(page)).toEqual([]);
});
