import { chromiumArgs, findChromium, webgpuArgs } from '../tools/test/chromium.mjs';
import { expect, test } from './fixtures';
import { expectSameFunction, openRunner, runAndWait } from './run-helpers';

/**
 * Chapter 7's runner with a WebGPU adapter: headless Chromium gets SwiftShader (a software
 * fallback adapter, slow) with --enable-unsafe-webgpu, so only the tiny model runs here, and Auto
 * prefers WebAssembly to it.
 */
test.use({ launchOptions: { executablePath: findChromium().path, args: [...chromiumArgs, ...webgpuArgs] } });

test('Auto skips a software adapter: WebAssembly runs, and the page says why', { tag: '@heavy' }, async ({ page }) => {
  await openRunner(page, 'run.model=tiny&run.runs=1');
  await expect(page.locator('[data-env]')).toContainText(
    'WebGPU: only a software fallback adapter, a GPU emulated on the CPU (runs use WebAssembly unless you choose WebGPU)',
  );
  expect(await runAndWait(page)).toBe('done');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.locator('[data-fallback]')).toContainText('the only adapter is google swiftshader');
  await expect(page.locator('[data-fallback]')).toContainText('choose WebGPU to use it anyway');
});

test('chosen WebGPU runs the tiny model on the software adapter, and the outputs match the training-time graph', { tag: '@heavy' }, async ({ page }) => {
  await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=webgpu');
  expect(await runAndWait(page)).toBe('done');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.locator('.run-backend')).toContainText('WebGPU as you chose: google swiftshader');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-build', 'webgpu');
  await expect(page.locator('.run-backend')).toContainText('the WebGPU build of ONNX Runtime Web (ort-wasm-simd-threaded.asyncify.wasm)');
  await expect(page.locator('[data-fallback]')).toHaveCount(0);
  await expectSameFunction(page);
});

test('a WebGPU build that cannot load falls back to the WebAssembly build in the same tab, and says so', { tag: '@heavy' }, async ({ page, guard }) => {
  await page.context().route('**/ort/ort-wasm-simd-threaded.asyncify.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=webgpu');
  expect(await runAndWait(page)).toBe('done');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-build', 'wasm');
  await expect(page.locator('[data-fallback]')).toContainText('ONNX Runtime could not start on WebGPU');
  await expect(page.locator('[data-fallback]')).toContainText('so its WebAssembly build ran instead, in this tab');
  await expectSameFunction(page);
  expect(guard.clear().filter((p) => !p.startsWith('HTTP 404:') || !p.endsWith('/ort/ort-wasm-simd-threaded.asyncify.wasm'))).toEqual([]);
});

test('forcing WebAssembly is honoured even with an adapter', { tag: '@heavy' }, async ({ page }) => {
  await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=wasm');
  expect(await runAndWait(page)).toBe('done');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.locator('.run-backend')).toContainText('WebAssembly, as you chose');
});
