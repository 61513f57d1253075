import { chromiumArgs, findChromium } from '../tools/test/chromium.mjs';
import { FIXTURES, expectBothFormsAgree, openCheckpoints } from './checkpoint-helpers';
import { expect, test } from './fixtures';
import { waitForJobEnd } from './progress';

/**
 * The checkpoint page's camera, with Chromium's fake camera (a generated test picture) and its
 * permission prompt answered yes: a frame is taken as the photo and classified by both forms.
 */
test.use({
  permissions: ['camera'],
  launchOptions: { executablePath: findChromium().path, args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] },
});

test('a photo from the camera is classified by both forms; the camera is switched off after the photo', async ({ page }) => {
  await openCheckpoints(page, 'ckpt.image=camera&ckpt.backend=wasm');
  await page.getByRole('button', { name: 'Start the camera' }).click();
  await expect(page.getByRole('button', { name: 'Take the photo' })).toBeEnabled();
  await expect(page.locator('[data-video]')).toBeVisible();
  await expect.poll(() => page.locator('[data-video]').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Take the photo' }).click();
  await expect(page.locator('checkpoint-classifier')).toHaveAttribute('data-photo', 'ready');
  await expect(page.locator('[data-preview-caption]')).toContainText(/a photo from the camera: \d+×\d+ px/);
  await expect(page.locator('[data-video]')).toBeHidden();
  expect(await page.locator('[data-video]').evaluate((v: HTMLVideoElement) => v.srcObject)).toBeNull();

  await page.setInputFiles('#ckpt-file', `${FIXTURES}tiny-official-train.pth`);
  await page.getByRole('button', { name: 'Convert and classify' }).click();
  expect(await waitForJobEnd(page.locator('checkpoint-classifier'))).toBe('done');
  await expectBothFormsAgree(page);
});
