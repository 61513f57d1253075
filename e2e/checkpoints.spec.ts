import { openAsBlob, readFileSync } from 'node:fs';
import { readImageFile } from '../src/cli/image-file.ts';
import { deployWeightsOf, readCheckpoint } from '../src/io/checkpoint/read-checkpoint.ts';
import { topK, topPredictions } from '../src/core/classes.ts';
import { rgbToTensor } from '../src/io/image.ts';
import { forwardDeploy } from '../src/core/model.ts';
import { quantizeDeployModel, worstLayer } from '../src/core/quantize-model.ts';
import { median } from '../src/core/stats.ts';
import { maxAbsDiff } from '../src/core/tensor.ts';
import { evalCrop } from '../src/io/preprocess.ts';
import { FIXTURES, classify, expectBothFormsAgree, metric, openCheckpoints, top5, widgetViolations, withSeededCheckpoint } from './checkpoint-helpers';
import { expect, test } from './fixtures';

/**
 * The "Real checkpoints" page in Chromium against the built site: checkpoints written by real
 * PyTorch (test/fixtures/checkpoints) are read, converted and run in the worker on the sample
 * photo; bad files get a message and the page keeps working. Timings are not asserted.
 */

test("the official training-time fixture and the sample photo: both forms' top-5 agree, and match the reference forward on the crop the page shows", async ({
  page,
}) => {
  await openCheckpoints(page, 'ckpt.backend=wasm');
  await expect(page.locator('.ckpt-privacy')).toContainText('never leaves this computer');
  await expect(page.locator('[data-preview-caption]')).toContainText('the sample photo (a Samoyed, ImageNet class 258): 1546×1213 px');
  expect(await classify(page, `${FIXTURES}tiny-official-train.pth`)).toBe('done');

  const summary = page.locator('.ckpt-summary');
  await expect(summary).toHaveAttribute('data-form', 'train');
  await expect(summary).toHaveAttribute('data-naming', 'official');
  await expect(summary).toHaveAttribute('data-format', 'pth');
  await expect(summary).toContainText('depths 1-2-2-3-1, widths 8-8-16-32-64');
  await expect(page.locator('[data-variant]')).toHaveAttribute('data-variant', 'custom');
  await expectBothFormsAgree(page);
  // 10 classes, not ImageNet's 1000: numbered, never misnamed.
  await expect(page.locator('[data-no-names]')).toContainText('This network has 10 classes');
  await expect(page.locator('[data-top5="deploy"] li').first()).toContainText(/^class \d/);
  for (const key of ['read', 'session-train', 'run-train', 'convert', 'session-deploy', 'run-deploy'])
    expect(await metric(page, `ms-${key}`)).toBeGreaterThan(0);

  // The crop the page shows is what the worker fed the network: the reference forward on those
  // pixels gives the page's deploy top-5 and probabilities.
  const crop = await page.locator('.ckpt-crop canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, height: canvas.height, rgb: [...data].filter((_, i) => i % 4 !== 3) };
  });
  expect([crop.width, crop.height]).toEqual([224, 224]);
  const loaded = await readCheckpoint(await openAsBlob(`${FIXTURES}tiny-official-train.pth`));
  const pixels = { width: 224, height: 224, rgb: Uint8Array.from(crop.rgb) };
  const expected = topPredictions(forwardDeploy(deployWeightsOf(loaded), rgbToTensor(pixels)).data, null);
  const shown = await top5(page, 'deploy');
  expect(shown.map((p) => p.index)).toEqual(expected.map((p) => p.index));
  shown.forEach((p, i) => expect(Math.abs(p.probability - expected[i]!.probability)).toBeLessThan(1e-4));
  // The same preprocessing as the command line: the browser's JPEG decoder and sharp's may differ
  // by a grey level here and there, the crop's geometry must not.
  const cli = evalCrop(await readImageFile('public/models/samples/samoyed.jpg'));
  const meanDiff = cli.rgb.reduce((sum, v, i) => sum + Math.abs(v - pixels.rgb[i]!), 0) / cli.rgb.length;
  expect(meanDiff, 'mean |browser crop − CLI crop| in grey levels').toBeLessThan(2);

  expect(await widgetViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('INT8 on a loaded checkpoint: the deploy network with per-tensor and per-channel INT8 kernels against float32, as the reference computes it; the choice is kept in the URL', async ({
  page,
}) => {
  await openCheckpoints(page, 'ckpt.backend=wasm');
  const box = page.getByLabel('Also run it with INT8 weights');
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(page).toHaveURL(/ckpt\.int8=1/);
  expect(await classify(page, `${FIXTURES}tiny-official-train.pth`)).toBe('done');
  const rows = page.locator('.ckpt-int8 tbody tr');
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-int8')))).toEqual(['per-tensor', 'per-channel']);

  // The same numbers from src/core on the crop the page shows: kernel errors exactly, logits to float rounding.
  const crop = await page.locator('.ckpt-crop canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return [...data].filter((_, i) => i % 4 !== 3);
  });
  const x = rgbToTensor({ width: 224, height: 224, rgb: Uint8Array.from(crop) });
  const float = deployWeightsOf(await readCheckpoint(await openAsBlob(`${FIXTURES}tiny-official-train.pth`)));
  const floatLogits = forwardDeploy(float, x);
  for (const mode of ['per-tensor', 'per-channel'] as const) {
    const q = quantizeDeployModel(float, mode);
    expect(await metric(page, `int8-${mode}-kernel-error`)).toBeCloseTo(median(q.layers.map((l) => l.relative)), 12);
    expect(await metric(page, `int8-${mode}-worst-channel`)).toBeCloseTo(worstLayer(q.layers).worstChannel, 12);
    const int8Logits = forwardDeploy(q.weights, x);
    const expected = maxAbsDiff(int8Logits, floatLogits);
    expect(Math.abs((await metric(page, `int8-${mode}-logits-max-abs`)) - expected)).toBeLessThan(1e-3 + 1e-3 * expected);
    const floatTop5 = topK(floatLogits.data, 5);
    expect(await metric(page, `int8-${mode}-top5-overlap`)).toBe(topK(int8Logits.data, 5).filter((k) => floatTop5.includes(k)).length);
    expect(await metric(page, `ms-run-int8-${mode}`)).toBeGreaterThan(0);
  }
  // Per-channel scales never lose more of a kernel than per-tensor ones.
  expect(await metric(page, 'int8-per-channel-worst-channel')).toBeLessThanOrEqual(await metric(page, 'int8-per-tensor-worst-channel'));
  await expect(page.locator('.ckpt-int8-report')).toContainText('quantization-aware training');
  expect(await widgetViolations(page)).toEqual([]);

  await page.reload();
  await page.locator('checkpoint-classifier').scrollIntoViewIfNeeded();
  await expect(page.locator('checkpoint-classifier')).toHaveAttribute('data-state', 'live');
  await expect(page.getByLabel('Also run it with INT8 weights')).toBeChecked();
});

test('bad files are explained in words, nothing hangs, and the next good file works in the same page', async ({ page }) => {
  await openCheckpoints(page, 'ckpt.backend=wasm');
  const good = readFileSync(`${FIXTURES}tiny-official-train.pth`);
  const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
  const cases: [Parameters<typeof classify>[1], RegExp][] = [
    [{ name: 'cut.pth', mimeType: 'application/octet-stream', buffer: good.subarray(0, 100_000) }, /^The file is incomplete\. .*cut short/],
    [{ name: 'random.pth', mimeType: 'application/octet-stream', buffer: random }, /^This is not a checkpoint\. .*neither a PyTorch \.pth/],
    [`${FIXTURES}not-a-checkpoint.zip`, /^This is not a checkpoint\. .*not a PyTorch checkpoint/],
    [`${FIXTURES}unsafe-global.pth`, /^The file was refused for safety\. .*posix\.system.*nothing in the file was run/],
    [`${FIXTURES}resnet-like.pth`, /^This is not a RepVGG checkpoint\. .*looks like a ResNet checkpoint/],
    [{ name: 'photo.pth', mimeType: 'image/jpeg', buffer: readFileSync('public/models/samples/samoyed.jpg') }, /^This is an image, not a checkpoint/],
  ];
  for (const [file, pattern] of cases) {
    expect(await classify(page, file)).toBe('failed');
    await expect(page.locator('[data-message]')).toHaveText(pattern);
    await expect(page.locator('[data-message]')).toContainText('Choose another file; the page keeps working.');
    await expect(page.locator('.ckpt-report')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Convert and classify' })).toBeEnabled();
  }
  expect(await classify(page, `${FIXTURES}tiny-official-train.pth`)).toBe('done');
  await expect(page.locator('[data-message]')).toHaveText('');
  await expectBothFormsAgree(page);
});

test('timm safetensors works; a deploy checkpoint runs alone and says so; the deploy download reads back', async ({ page }) => {
  await openCheckpoints(page, 'ckpt.backend=wasm');
  expect(await classify(page, `${FIXTURES}tiny-timm-train.safetensors`)).toBe('done');
  await expect(page.locator('.ckpt-summary')).toHaveAttribute('data-naming', 'timm');
  await expect(page.locator('.ckpt-summary')).toHaveAttribute('data-format', 'safetensors');
  await expectBothFormsAgree(page);
  const timmTop = await top5(page, 'deploy');

  // The converted deploy model, in the file's own (timm) naming, as the page's download gives it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download deploy .safetensors' }).click()]);
  expect(download.suggestedFilename()).toBe('tiny-timm-deploy.safetensors');
  const written = await readCheckpoint(await openAsBlob((await download.path())!));
  expect({ form: written.form, naming: written.naming, format: written.format }).toEqual({ form: 'deploy', naming: 'timm', format: 'safetensors' });
  const [onnx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download deploy .onnx' }).click()]);
  expect(onnx.suggestedFilename()).toBe('tiny-timm-deploy.onnx');
  await expect(page.locator('[data-step]')).toContainText('Saved tiny-timm-deploy.onnx');

  expect(await classify(page, `${FIXTURES}tiny-official-deploy.pth`)).toBe('done');
  await expect(page.locator('.ckpt-summary')).toHaveAttribute('data-form', 'deploy');
  await expect(page.locator('[data-top5="train"]')).toHaveCount(0);
  await expect(page.locator('.ckpt-report')).toContainText('already in deploy form');
  // PyTorch's own conversion of the same weights: the same answer as our conversion of the timm file.
  const deployTop = await top5(page, 'deploy');
  expect(deployTop.map((p) => p.index)).toEqual(timmTop.map((p) => p.index));
  deployTop.forEach((p, i) => expect(Math.abs(p.probability - timmTop[i]!.probability)).toBeLessThan(1e-4));
});

test('photo sources: a non-image is refused, the camera explains why it cannot start, choices land in the URL', async ({ page }) => {
  await openCheckpoints(page, 'ckpt.image=file&ckpt.backend=quantum');
  await expect(page.locator('#ckpt-backend')).toHaveValue('auto'); // a bad link falls back to the default
  await expect(page.getByRole('radio', { name: 'A photo file' })).toBeChecked();
  await page.setInputFiles('#ckpt-image', { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a photo') });
  await expect(page.locator('[data-image-message]')).toContainText('This file is not an image this browser can open');
  await page.setInputFiles('#ckpt-file', `${FIXTURES}tiny-official-train.pth`);
  await expect(page.locator('[data-hint]')).toContainText(/tiny-official-train\.pth: 222 kB\. Converting it and running both networks needs about 1\.1 MB/);
  await page.getByRole('button', { name: 'Convert and classify' }).click();
  await expect(page.locator('[data-message]')).toContainText('Choose a photo first');

  // Headless Chromium has no camera (and nobody to say yes): the message says what to do instead.
  await page.getByRole('radio', { name: 'The camera' }).check();
  await expect(page).toHaveURL(/ckpt\.image=camera/);
  await page.getByRole('button', { name: 'Start the camera' }).click();
  await expect(page.locator('[data-image-message]')).toContainText('Use the sample photo or a photo file instead.');
  await expect(page.getByRole('button', { name: 'Take the photo' })).toBeDisabled();

  await page.selectOption('#ckpt-backend', 'wasm');
  await page.getByRole('radio', { name: 'The sample photo' }).check();
  await expect(page).toHaveURL(/ckpt\.backend=wasm/);
  await expect(page).toHaveURL(/ckpt\.image=sample/);
  await page.reload();
  await page.locator('checkpoint-classifier').scrollIntoViewIfNeeded();
  await expect(page.locator('#ckpt-backend')).toHaveValue('wasm');
  await expect(page.getByRole('radio', { name: 'The sample photo' })).toBeChecked();
  await expect(page.locator('checkpoint-classifier')).toHaveAttribute('data-photo', 'ready');
});

test('Cancel stops a RepVGG-A0-sized checkpoint at once; the page then runs the next file', { tag: '@heavy' }, async ({ page }) => {
  await withSeededCheckpoint('A0', async (file) => {
    await openCheckpoints(page, 'ckpt.backend=wasm');
    await page.setInputFiles('#ckpt-file', file);
    await expect(page.locator('[data-hint]')).toContainText(/RepVGG-A0-train\.pth: [\d.]+ MB\. Converting it and running both networks needs about [\d.]+ MB/);
    await expect(page.locator('checkpoint-classifier')).toHaveAttribute('data-photo', 'ready');
    await page.getByRole('button', { name: 'Convert and classify' }).click();
    // The headers are read first: the page says what the file is before the weights are.
    await expect(page.locator('[data-variant]')).toHaveAttribute('data-variant', 'RepVGG-A0');
    await expect(page.getByRole('button', { name: 'Convert and classify' })).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('checkpoint-classifier')).toHaveAttribute('data-job', 'cancelled');
    await expect(page.locator('[data-step]')).toContainText('Cancelled');
    await expect(page.locator('[data-top5]')).toHaveCount(0);
  });
  expect(await classify(page, `${FIXTURES}tiny-official-train.pth`)).toBe('done');
  await expectBothFormsAgree(page);
});
