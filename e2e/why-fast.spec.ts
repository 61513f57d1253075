import { expect, test } from './fixtures';
import { expectAccessible, openWidget, slider, typeValue } from './widgets';

/** Chapter 5, "Why one path is fast": the counted figures, Table 1 on this device (tiny shapes), wide math. */

test.describe('chapter 5: why one path is fast', () => {
  const path = '/why-fast/';

  test('block cost: width and map size move the counts; keyboard moves the slider; the link keeps the state', async ({ page }) => {
    const widget = await openWidget(page, path, 'block-cost-widget');
    const readout = widget.locator('.cost-readout');
    await expect(readout).toHaveAttribute('data-operators', '8,6,2');
    // 256 channels on 28×28 by default: deploy peak = input + output maps.
    await expect(readout).toHaveAttribute('data-peak', `${4 * 4 * 256 * 784},${4 * 4 * 256 * 784},${2 * 4 * 256 * 784}`);
    await typeValue(widget, 'c', 64);
    await typeValue(widget, 's', 56);
    const m = 4 * 64 * 56 * 56;
    const mac = (await readout.getAttribute('data-mac'))!.split(',').map(Number);
    // Activations (10 + 8) M, (8 + 6) M, (2 + 2) M; the rest are weights.
    expect(mac[0]! - 18 * m).toBe(4 * (9 * 64 * 64 + 64 * 64 + 12 * 64));
    expect(mac[2]! - 4 * m).toBe(4 * (9 * 64 * 64 + 64));
    const range = await slider(widget, 's');
    await range.focus();
    await range.press('ArrowRight');
    await expect(widget.locator('.control[data-name="s"] input[type="number"]')).toHaveValue('57');
    expect(page.url()).toContain('cost.c=64');
    expect(page.url()).toContain('cost.s=57');
    await expect(widget.locator('svg[aria-label*="64 channels on a 57×57 map"]')).toHaveCount(1);
    const fresh = await page.context().newPage();
    const again = await openWidget(fresh, page.url().slice(page.url().indexOf(path)), 'block-cost-widget');
    await expect(again.locator('.cost-readout')).toHaveAttribute('data-mac', (await readout.getAttribute('data-mac'))!);
    await fresh.close();
  });

  test('model cost: variant and input size; the table holds the numbers; no serious axe findings', async ({ page }) => {
    const widget = await openWidget(page, path, 'model-cost-widget');
    const readout = widget.locator('.net-readout');
    await expect(readout).toHaveAttribute('data-operators', `${22 * 8 - 10 + 2},${22 * 6 - 10 + 2},${22 * 2 + 2}`);
    const variant = await slider(widget, 'v');
    await variant.focus();
    await variant.press('ArrowRight'); // A1
    await variant.press('ArrowRight'); // A2
    await variant.press('ArrowRight'); // B0: 28 layers
    await expect(readout).toHaveAttribute('data-operators', `${28 * 8 - 10 + 2},${28 * 6 - 10 + 2},${28 * 2 + 2}`);
    await expect(widget.locator('.control[data-name="v"] input[type="text"]')).toHaveValue('B0');
    const before = (await readout.getAttribute('data-peak'))!.split(',').map(Number);
    await typeValue(widget, 'px', 448);
    const after = (await readout.getAttribute('data-peak'))!.split(',').map(Number);
    expect(after).toEqual(before.map((b) => 4 * b));
    expect(page.url()).toContain('net.v=B0');
    await widget.locator('details.value-table summary').click();
    await expect(widget.locator('details.value-table table caption')).toContainText('RepVGG-B0, 448×448 input');
    await expectAccessible(page, ['block-cost-widget', 'model-cost-widget']);
  });

  test('Table 1 on this device: runs only on the button, shows the backend and the densities, cancels', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${path}?density.size=tiny&density.runs=2`);
    const widget = page.locator('density-widget');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-job', 'idle');
    await expect(widget.locator('input[name="size"][value="tiny"]')).toBeChecked();
    const run = widget.locator('[data-run]');
    await run.click();
    await expect(widget).toHaveAttribute('data-job', 'done', { timeout: 90_000 });
    await expect(widget).toHaveAttribute('data-backend', /^(webgpu|wasm)$/);
    await expect(widget.locator('.density-backend')).toContainText(/Measured just now with ONNX Runtime on (WebGPU|WebAssembly)/);
    await expect(widget.locator('.density-backend')).toContainText('16 → 16 channels, 14×14 map');
    const rows = JSON.parse((await widget.getAttribute('data-rows'))!) as { id: string; gmacs: number; vs3x3: number }[];
    expect(rows.map((r) => r.id)).toEqual(['k1', 'k3', 'k5', 'k7', 'frag4', 'frag16']);
    expect(rows.every((r) => r.gmacs > 0)).toBe(true);
    expect(rows.find((r) => r.id === 'k3')!.vs3x3).toBe(1);
    await expect(widget.locator('.density-notes li').first()).toBeVisible();
    await expect(widget.locator('.density-results table tbody tr')).toHaveCount(6);
    await expectAccessible(page, ['density-widget']);

    // Cancel: start the largest size (long enough never to finish first) and stop it at once.
    await widget.locator('input[name="size"][value="large"]').check();
    await run.click();
    await expect(widget).toHaveAttribute('data-job', 'running');
    await widget.locator('[data-cancel]').click();
    await expect(widget).toHaveAttribute('data-job', 'cancelled');
    await expect(widget.locator('[data-step]')).toContainText('Cancelled');
    await expect(run).toBeEnabled();
  });
});

test.describe('wide display math', () => {
  for (const width of [375, 1280]) {
    test(`scrolls sideways, reachable by keyboard, never clipped (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/winograd/');
      const displays = page.locator('.katex-display');
      const facts = await displays.evaluateAll((els) =>
        els.map((e) => ({
          overflows: e.scrollWidth > e.clientWidth + 1,
          tabIndex: (e as HTMLElement).tabIndex,
          overflowX: getComputedStyle(e).overflowX,
          role: e.getAttribute('role'),
          label: e.getAttribute('aria-label'),
          right: e.getBoundingClientRect().right,
        })),
      );
      expect(facts.length).toBeGreaterThan(5);
      for (const f of facts) {
        if (f.overflows) {
          expect(f.tabIndex).toBe(0);
          expect(f.overflowX).toBe('auto');
        }
        expect(f.role).toBe('group');
        expect(f.label).toMatch(/^Equation/);
        // The box itself stays inside the viewport: what does not fit scrolls inside it.
        expect(f.right).toBeLessThanOrEqual(width + 1);
      }
      if (width === 375) expect(facts.some((f) => f.overflows)).toBe(true);
      // Keyboard: a wide equation takes focus and scrolls with the arrow keys.
      const wide = displays.filter({ has: page.locator('.katex') }).nth(facts.findIndex((f) => f.overflows));
      if (facts.some((f) => f.overflows)) {
        await wide.focus();
        await expect(wide).toBeFocused();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => wide.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
      }
    });
  }
});

test('the introduction opens with the overview figure, with a text alternative', async ({ page }) => {
  await page.goto('/');
  const svg = page.locator('.overview-figure svg[role="img"]');
  await expect(svg).toHaveCount(1);
  await expect(svg).toHaveAttribute('aria-describedby', 'overview-caption');
  await expect(page.locator('#overview-caption')).toContainText('RepVGG-A0');
  await expect(page.locator('#overview-caption')).toContainText('1, 2, 4, 14, 1 layers');
  await expect(svg.locator('rect')).not.toHaveCount(0);
});
