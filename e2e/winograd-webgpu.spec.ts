/**
 * Chapter 5's benchmark on WebGPU, in a Chromium launched with the WebGPU flags (a file of its own:
 * launch options apply per file). Headless Chromium then offers SwiftShader, a software adapter.
 */
import { chromiumArgs, findChromium, webgpuArgs } from '../tools/test/chromium.mjs';
import type { BenchResult } from '../src/perf/cpu-bench';
import { expect, test } from './fixtures';
import { waitForJobEnd } from './progress';

test.use({ launchOptions: { executablePath: findChromium().path, args: [...chromiumArgs, ...webgpuArgs] } });

test('with an adapter, the WGSL kernels run and agree with each other and with float64', { tag: '@heavy' }, async ({ page }) => {
  await page.goto('/winograd/?bench.runs=2');
  const hasAdapter = await page.evaluate(
    async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()),
  );
  test.skip(!hasAdapter, 'this Chromium offers no WebGPU adapter even with the WebGPU flags');
  const widget = page.locator('winograd-bench');
  await widget.scrollIntoViewIfNeeded();
  await widget.getByRole('button', { name: 'Run benchmark' }).click();
  expect(await waitForJobEnd(widget)).toBe('done');
  const results = JSON.parse((await widget.getAttribute('data-results'))!) as BenchResult[];
  const gpu = results.find((r) => r.runtime.startsWith('WebGPU'));
  expect(gpu, (await widget.locator('.bench-status').textContent()) ?? '').toBeDefined();
  expect(gpu!.agreement.betweenKernels).toBeLessThan(1e-4);
  expect(gpu!.agreement.winogradVsFloat64).toBeLessThan(1e-4);
  expect(gpu!.agreement.directVsFloat64).toBeLessThan(1e-4);
});
