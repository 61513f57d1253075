import { chromiumArgs, findChromium } from '../tools/test/chromium.mjs';
import { FIXTURES, classify, expectBothFormsAgree, openCheckpoints, withSeededCheckpoint } from './checkpoint-helpers';
import { expect, test } from './fixtures';

/**
 * The checkpoint page when WebAssembly memory runs out: V8 is limited to 1024 pages (64 MiB) of
 * it, too little for ONNX Runtime's copy of RepVGG-A0, while the tiny fixture still fits.
 */
test.use({ launchOptions: { executablePath: findChromium().path, args: [...chromiumArgs, '--js-flags=--wasm-max-mem-pages=1024'] } });

test('an A0 checkpoint fails with a plain out-of-memory message and the estimate; the tiny fixture then runs in the same page', { tag: '@heavy' }, async ({
  page,
}) => {
  await openCheckpoints(page, 'ckpt.backend=wasm');
  await withSeededCheckpoint('A0', async (file) => {
    expect(await classify(page, file)).toBe('failed');
  });
  await expect(page.locator('[data-message]')).toContainText(
    /^This browser ran out of memory: converting this checkpoint and running both networks needs about \d+ MB .* The page still works\./,
  );
  expect(await classify(page, `${FIXTURES}tiny-official-train.pth`)).toBe('done');
  await expect(page.locator('[data-message]')).toHaveText('');
  await expectBothFormsAgree(page);
});
