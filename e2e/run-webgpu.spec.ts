import { chromiumArgs, findChromium, webgpuArgs } from '../scripts/chromium.mjs';
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
  await expect(page.locator('[data-env]')).toContainText('WebGPU: only a software fallback adapter (Auto will use WebAssembly');
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
  await expect(page.locator('[data-fallback]')).toHaveCount(0);
  await expectSameFunction(page);
});

test('forcing WebAssembly is honoured even with an adapter', { tag: '@heavy' }, async ({ page }) => {
  await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=wasm');
  expect(await runAndWait(page)).toBe('done');
  await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.locator('.run-backend')).toContainText('WebAssembly, as you chose');
});
