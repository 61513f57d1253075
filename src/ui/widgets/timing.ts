/**
 * Every widget redraws synchronously inside the input event: read the controls, recompute with
 * src/core, redraw. This times that and leaves the result on the widget (`data-update-ms`, and a
 * counter `data-updates`) for the benchmark and the end-to-end tests.
 */
export function timedUpdate(host: HTMLElement, update: () => void): void {
  const start = performance.now();
  update();
  const ms = performance.now() - start;
  host.dataset['updateMs'] = ms.toFixed(3);
  host.dataset['updates'] = String(Number(host.dataset['updates'] ?? 0) + 1);
}
