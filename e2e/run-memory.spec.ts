import { chromiumArgs, findChromium } from '../tools/test/chromium.mjs';
import { expect, test } from './fixtures';
import { expectSameFunction, openRunner, runAndWait } from './run-helpers';

/**
 * Chapter 7's runner when WebAssembly memory runs out: V8 is limited to 2048 pages (128 MiB) of
 * it, so RepVGG-A0's three sessions cannot fit, while the tiny model still can.
 */
test.use({ launchOptions: { executablePath: findChromium().path, args: [...chromiumArgs, '--js-flags=--wasm-max-mem-pages=2048'] } });

test('A0 fails with a plain out-of-memory message; the tiny model then runs in the same page', { tag: '@heavy' }, async ({ page }) => {
  await openRunner(page, 'run.model=A0&run.backend=wasm&run.runs=1');
  expect(await runAndWait(page)).toBe('failed');
  await expect(page.getByRole('alert')).toContainText(
    /RepVGG-A0 ran out of memory: it needs about \d+ MB while it runs .* Try a smaller model; the page still works\./,
  );
  await page.selectOption('#run-model', 'tiny');
  expect(await runAndWait(page)).toBe('done');
  await expect(page.getByRole('alert')).toHaveText('');
  await expectSameFunction(page);
});
