import { readFileSync } from 'node:fs';
import { countModel } from '../src/core/count.ts';
import { countOps, decodeModel } from '../src/io/onnx/inspect.ts';
import { TINY_SPEC } from '../src/core/catalog.ts';
import { expect, test } from './fixtures';
import { waitForJobEnd, waitForStep } from './progress';
import { expectSameFunction, mainThreadTasks, metric, openRunner, runAndWait, runnerViolations } from './run-helpers';

/**
 * Chapter 7's runner in Chromium, against the built site: ONNX Runtime's files come from the site
 * (the PageGuard fails any other request), inference runs in a worker, and the page reports what
 * really ran. Timings are not asserted (a shared CI machine is noisy); equivalence is.
 * The WebGPU and out-of-memory cases need other browser flags: run-webgpu.spec.ts, run-memory.spec.ts.
 */

test.describe('without a WebGPU adapter (headless Chromium, no flags)', () => {
  test('RepVGG-A0 on WebAssembly: same outputs within 1e-4, same top-5, honest timings, the page answers during the run', { tag: '@heavy' }, async ({
    page,
  }) => {
    await openRunner(page, 'run.model=A0&run.backend=wasm&run.runs=3');
    await expect(page.locator('[data-env]')).toContainText('Cross-origin isolated: yes, so WebAssembly can use threads');
    const browser = page.context().browser()!;
    await browser.startTracing(page, { categories: ['toplevel'] });
    // Order, not time: start the run, then, while the worker runs, the page handles a click and
    // paints a frame. Work on the main thread would hold both back until the run had ended.
    await page.evaluate(() => {
      const runner = document.querySelector('run-models') as HTMLElement;
      const w = window as unknown as { handledWhile: string[] };
      w.handledWhile = [];
      document.addEventListener('pointerdown', () => w.handledWhile.push(`click:${runner.dataset['job']}`));
      const button = [...runner.querySelectorAll('button')].find((b) => b.textContent?.includes('Run both networks'))!;
      button.click();
      requestAnimationFrame(() => w.handledWhile.push(`frame:${runner.dataset['job']}`));
    });
    await page.locator('h1').click(); // a real input event, queued like a reader's
    const during = await page.evaluate(() => (window as unknown as { handledWhile: string[] }).handledWhile);
    expect(during).toEqual(['frame:running', 'click:running']);
    expect(await waitForJobEnd(page.locator('run-models'))).toBe('done');
    const tasks = mainThreadTasks(await browser.stopTracing());

    await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.locator('.run-backend')).toContainText(
      /WebAssembly with \d threads?, the plain WebAssembly build of ONNX Runtime Web \(ort-wasm-simd-threaded\.wasm\)\. WebAssembly, as you chose\. Threads: /,
    );
    await expect(page.locator('.run-backend')).toHaveAttribute('data-build', 'wasm');
    await expectSameFunction(page);
    for (const key of ['train-disabled', 'train-default', 'deploy']) {
      expect(await metric(page, `median-${key}`)).toBeGreaterThan(0);
      expect(await metric(page, `session-${key}`)).toBeGreaterThan(0);
    }
    // The multiply-add ratio is src/core's count: 10/9 of the 3×3 work, less the shared linear layer.
    const ratio = await metric(page, 'flops-ratio');
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(10 / 9);
    await expect(page.locator('.run-report')).toContainText('seeded random numbers, not trained');
    await expect(page.locator('.run-report table caption')).toContainText('median of 3 timed runs');
    // The page's own work, as CPU time from the trace (wall time stretches when the cores are
    // shared; CPU time does not): no main-thread task used 100 ms of CPU during the run.
    expect(tasks.length).toBeGreaterThan(10);
    const maxCpu = Math.max(...tasks.map((t) => t.cpuMs));
    expect(maxCpu, 'most CPU time of one main-thread task (ms)').toBeLessThan(100);
    test.info().annotations.push({ type: 'main thread', description: `most CPU in one task ${maxCpu.toFixed(1)} ms` });
  });

  test('Auto falls back to WebAssembly without a reload and says why; keyboard only; choices land in the URL', async ({ page }) => {
    await openRunner(page, '');
    await expect(page.locator('[data-env]')).toContainText('WebGPU: no adapter available');
    // Keyboard: reach the model menu, pick the tiny model, set 2 runs, press Enter to run.
    await page.locator('#run-model').focus();
    await page.keyboard.press('End'); // last option: RepVGG-tiny
    await expect(page.locator('#run-model')).toHaveValue('tiny');
    await page.locator('#run-runs').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await expect(page).toHaveURL(/run\.model=tiny/);
    await expect(page).toHaveURL(/run\.runs=2/);
    await page.locator('#run-runs').focus();
    await page.keyboard.press('Enter');
    expect(await waitForJobEnd(page.locator('run-models'))).toBe('done');
    await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.locator('[data-fallback]')).toContainText('WebGPU was not used');
    await expect(page.locator('[data-fallback]')).toContainText('no WebGPU adapter is available');
    await expectSameFunction(page);
    // The results are as accessible as the page, light and dark, and fit a phone.
    expect(await runnerViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await runnerViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Reloading the link reproduces the choices.
    await page.reload();
    await page.locator('run-models').scrollIntoViewIfNeeded();
    await expect(page.locator('#run-model')).toHaveValue('tiny');
    await expect(page.locator('#run-runs')).toHaveValue('2');
  });

  test('warm start and first answer first: ONNX Runtime (the plain WebAssembly build, never the WebGPU one) starts while the page is idle; the deploy top-5 shows before the timings', async ({
    page,
  }) => {
    const ortFiles: string[] = [];
    page.context().on('request', (r) => {
      if (r.url().includes('/ort/')) ortFiles.push(new URL(r.url()).pathname.replace(/^.*\/ort\//, ''));
    });
    await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=wasm');
    // Started before Run, by state: the spare worker has compiled and started ONNX Runtime.
    await expect(page.locator('run-models')).toHaveAttribute('data-runtime', 'warm', { timeout: 120_000 });
    // Order, not time: record what the results area shows each time it changes, with the job's state.
    await page.evaluate(() => {
      const runner = document.querySelector('run-models') as HTMLElement;
      const w = window as unknown as { shown: string[] };
      w.shown = [];
      new MutationObserver(() => {
        const top5 = runner.querySelectorAll('[data-results] [data-top5="deploy"] li').length;
        const table = runner.querySelector('[data-results] table') ? 'table' : 'no table';
        const entry = `top5 ${top5}, ${table}, ${runner.dataset['job']}`;
        if (w.shown.at(-1) !== entry) w.shown.push(entry);
      }).observe(runner.querySelector('[data-results]')!, { childList: true, subtree: true });
    });
    expect(await runAndWait(page)).toBe('done');
    const shown = await page.evaluate(() => (window as unknown as { shown: string[] }).shown);
    expect(shown[0], `results as they appeared: ${shown.join(' → ')}`).toBe('top5 5, no table, running');
    expect(shown.at(-1)).toBe('top5 5, table, done');
    await expect(page.locator('[data-warm-start]')).toHaveAttribute('data-warm-start', 'true');
    await expect(page.locator('[data-warm-start]')).toContainText('ONNX Runtime was already started while the page was idle');
    await expect(page.locator('.run-backend')).toHaveAttribute('data-build', 'wasm');
    await expectSameFunction(page);
    // The next run is warm again: a spare worker is started once the page is idle.
    await expect(page.locator('run-models')).toHaveAttribute('data-runtime', 'warm', { timeout: 120_000 });
    expect(ortFiles.filter((f) => f.includes('asyncify'))).toEqual([]);
    expect(ortFiles).toContain('ort-wasm-simd-threaded.wasm');
  });

  test('a missing ONNX Runtime file gets a message that says what to do, not an endless start', async ({ page, guard }) => {
    await page.context().route('**/ort/ort-wasm-simd-threaded.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=wasm');
    expect(await runAndWait(page)).toBe('failed');
    await expect(page.getByRole('alert')).toContainText('ONNX Runtime could not be loaded');
    await expect(page.getByRole('alert')).toContainText('ort/ort-wasm-simd-threaded.wasm) could not be downloaded: HTTP 404');
    await expect(page.getByRole('alert')).toContainText('If you are offline, connect to the network and reload this page');
    // The 404s were provoked on purpose; nothing else went wrong.
    expect(guard.clear().filter((p) => !p.startsWith('HTTP 404:') || !p.endsWith('/ort/ort-wasm-simd-threaded.wasm'))).toEqual([]);
  });

  test('forcing WebGPU where there is none falls back to WebAssembly and says so', async ({ page }) => {
    await openRunner(page, 'run.model=tiny&run.runs=1&run.backend=webgpu');
    expect(await runAndWait(page)).toBe('done');
    await expect(page.locator('.run-backend')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.locator('[data-fallback]')).toContainText('WebGPU was not used, so this ran on the CPU, without reloading the page');
    await expectSameFunction(page);
  });

  test('bad input is refused with a message; a bad link falls back to defaults; the page still runs', async ({ page }) => {
    await openRunner(page, 'run.model=Z9&run.seed=banana&run.runs=9999&run.backend=quantum');
    await expect(page.locator('#run-model')).toHaveValue('A0');
    await expect(page.locator('#run-seed')).toHaveValue('2021');
    await expect(page.locator('#run-runs')).toHaveValue('10');
    await expect(page.locator('#run-backend')).toHaveValue('auto');

    await page.selectOption('#run-model', 'tiny');
    for (const bad of ['-3', '1.5', '']) {
      await page.fill('#run-seed', bad);
      await page.getByRole('button', { name: 'Run both networks' }).click();
      await expect(page.getByRole('alert')).toContainText('The seed must be a whole number from 0 to 4294967295');
      await expect(page.locator('#run-seed')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#run-seed')).toBeFocused();
      await expect(page.locator('run-models')).toHaveAttribute('data-job', 'idle');
    }
    await page.fill('#run-seed', '7');
    await page.fill('#run-runs', '0');
    await page.getByRole('button', { name: 'Run both networks' }).click();
    await expect(page.getByRole('alert')).toContainText('Timed runs must be a whole number from 1 to 100');
    await page.fill('#run-runs', '1');
    expect(await runAndWait(page)).toBe('done');
    await expect(page.locator('#run-seed')).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('alert')).toHaveText('');
    await expect(page.locator('.run-report table caption')).toContainText('seed 7');
  });

  test('Cancel stops a big run at once; the next run works', { tag: '@heavy' }, async ({ page }) => {
    await openRunner(page, 'run.model=A0&run.backend=wasm&run.runs=1');
    await expect(page.locator('[data-hint]')).toBeHidden(); // A0 needs well under a gigabyte
    await page.selectOption('#run-model', 'B3');
    await expect(page.locator('[data-hint]')).toContainText(/RepVGG-B3 needs about \d+(\.\d)? GB of memory/);
    await page.getByRole('button', { name: 'Run both networks' }).click();
    await waitForStep(page.locator('run-models'), 'Drawing the training-time weights');
    await expect(page.getByRole('button', { name: 'Run both networks' })).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('run-models')).toHaveAttribute('data-job', 'cancelled');
    await expect(page.locator('[data-step]')).toContainText('Cancelled');
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await expect(page.locator('.run-report')).toHaveCount(0);

    await page.selectOption('#run-model', 'tiny');
    expect(await runAndWait(page)).toBe('done');
    await expectSameFunction(page);
  });

  test('both ONNX files download, built in the worker: the training-time one with its BatchNormalization nodes', async ({ page }) => {
    await openRunner(page, 'run.model=tiny&run.seed=5');
    for (const [form, button, bn] of [
      ['train', 'Download training-time ONNX', countModel(TINY_SPEC).bnLayers],
      ['deploy', 'Download deploy ONNX', 0],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toBe(`repvgg-tiny-seed5-${form}.onnx`);
      const model = decodeModel(readFileSync((await download.path())!));
      expect(countOps(model)['BatchNormalization'] ?? 0).toBe(bn);
      expect(Object.fromEntries(model.metadata_props.map((p) => [p.key, p.value]))).toMatchObject({ 'repvgg.seed': '5', 'repvgg.form': form });
      await expect(page.locator('[data-step]')).toContainText(`Saved repvgg-tiny-seed5-${form}.onnx`);
    }
  });
});

test.describe('on a static host without isolation headers (service worker)', () => {
  test.use({ serviceWorkers: 'allow' });
  test.use({ baseURL: `http://localhost:${Number(process.env.E2E_PORT ?? 4321) + 1}` });

  test('after the one reload, ONNX Runtime loads from the site and the tiny model runs', async ({ page }) => {
    await page.goto('/run/?run.model=tiny&run.runs=1&run.backend=wasm');
    await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 15_000 }).toBe(true);
    await page.locator('run-models').scrollIntoViewIfNeeded();
    await expect(page.locator('run-models')).toHaveAttribute('data-state', 'live');
    expect(await runAndWait(page)).toBe('done');
    await expectSameFunction(page);
  });
});
