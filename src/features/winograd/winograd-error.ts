/**
 * <winograd-error>: the accuracy price of larger tiles. The same layer on the same data, computed
 * in float32 by direct convolution, F(2×2, 3×3) and F(4×4, 3×3), each compared with a float64
 * reference. Data: the sample photo or activations (URL: error.data); output channel (error.ch).
 * `data-job` says where the measurement stands: computing, ready, failed (`data-state` is the
 * widget's own lifecycle). The numbers and words are in error-model.ts.
 */
import type { ErrorReport } from '../../core/winograd/error';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { formatError } from '../../ui/viz/format';
import { heatmap } from '../../ui/viz/heatmap';
import { colorLegend } from '../../ui/viz/legend';
import { rasterHeatmap } from '../../ui/viz/raster';
import { simpleTable } from '../../ui/viz/simple-table';
import { valueTable } from '../../ui/viz/value-table';
import { radioGroup, uniqueId } from '../../ui/widgets/controls';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { type ErrorData, PHOTO_SIDE, loadPhotoRgba } from './error-data';
import { channelMaps, channelOf, channelQuery, computingText, errorSummary, errorTable, f4OverF2, failureText, positionErrors } from './error-model';
import type { ErrorRequest } from './error.worker';
import { siteUrl } from '../../site/base-url';

/** One measurement in a Web Worker (a few hundred ms of float32 emulation). */
function measureInWorker(request: ErrorRequest): Promise<ErrorReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./error.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<{ report?: ErrorReport; error?: string }>) => {
      worker.terminate();
      if (event.data.report) resolve(event.data.report);
      else reject(new Error(event.data.error ?? 'the error worker failed'));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the error worker failed to start'));
    });
    worker.postMessage(request);
  });
}

export function mount(host: HTMLElement): void {
  const state = new UrlState('error');
  let data: ErrorData = state.choice('data', ['photo', 'activations'] as const, 'photo');
  const photoUrl = siteUrl('models/samples/samoyed.jpg');
  const reports = new Map<ErrorData, ErrorReport>();

  const source = radioGroup(
    'Data',
    [
      { value: 'photo', labelHtml: `The sample photo, ${PHOTO_SIDE}×${PHOTO_SIDE} RGB` },
      { value: 'activations', labelHtml: 'Activations, 16 channels, 28×28' },
    ],
    data,
    'error-data',
    (v) => {
      data = v as ErrorData;
      state.set({ data: data === 'photo' ? null : data });
      void update();
    },
  );
  const channel = el('input', { type: 'number', min: '0', max: '15', id: uniqueId('error-channel') });
  channel.value = String(Math.round(state.number('ch', 0, 0, 15)));
  const channelBox = el('div', { class: 'control' }, el('label', { for: channel.id }, 'Output channel shown (0–15)'), channel);
  const controls = el('div', { class: 'controls' }, source.element, channelBox);

  const status = el('p', { role: 'status' });
  const tableBox = scrollRegion(el('div'), 'Errors against float64 (scrolls sideways)');
  const legend = el('div', { class: 'error-legend' });
  const maps = el('div', { class: 'figure-row error-maps' });
  const positionsNote = el(
    'p',
    { class: 'error-note present-second-view' },
    'Where in a tile does the error land? Mean |error| by output position inside the tile:',
  );
  const positionsLegend = el('div', { class: 'present-second-view' });
  const positions = el('div', { class: 'figure-row error-positions present-second-view' });

  const report = async (): Promise<ErrorReport> => {
    const cached = reports.get(data);
    if (cached) return cached;
    const measured = await measureInWorker(data === 'photo' ? { data, rgba: await loadPhotoRgba(photoUrl) } : { data });
    reports.set(data, measured);
    return measured;
  };

  let generation = 0;
  const update = async () => {
    const mine = ++generation; // a later choice supersedes this one while it computes
    status.textContent = computingText(data);
    host.dataset['job'] = 'computing';
    let r: ErrorReport;
    try {
      r = await report();
      if (mine !== generation) return;
    } catch (error) {
      status.textContent = failureText(error);
      if (mine === generation) host.dataset['job'] = 'failed';
      return;
    }
    const ch = channelOf(channel.value);
    status.textContent = errorSummary(r);
    tableBox.replaceChildren(simpleTable(errorTable(r)));
    const channelMap = channelMaps(r, ch);
    const [, , h, w] = r.shape;
    legend.replaceChildren(colorLegend({ kind: 'magnitude', domainMax: channelMap.top, label: `|y − float64|, output channel ${ch} (log scale)` }));
    maps.replaceChildren(
      ...r.methods.map((m, i) => {
        const figure = createFigure();
        updateFigure(figure, {
          plot: rasterHeatmap(
            { rows: h, cols: w, values: channelMap.slices[i]! },
            { label: `|error| of ${m.method}, output channel ${ch}`, scale: 'magnitude', domainMax: channelMap.top, pixel: channelMap.pixel },
          ),
          caption: `${m.method}. Largest: ${formatError(channelMap.largest[i]!)}.`,
        });
        return figure;
      }),
    );
    const where = positionErrors(r);
    positionsLegend.replaceChildren(colorLegend({ kind: 'magnitude', domainMax: where.top, label: 'mean |y − float64| by position in the tile (log scale)' }));
    positions.replaceChildren(
      ...where.byPosition.map(({ alg, values }) => {
        const figure = createFigure();
        const m = { rows: alg.m, cols: alg.m, values };
        updateFigure(figure, {
          plot: heatmap(m, {
            label: `Mean |error| by position in the output tile, ${alg.name}`,
            scale: 'magnitude',
            domainMax: where.top,
            showValues: true,
            cell: 64,
            legend: false,
          }),
          caption: `${alg.name}: mean |error| at each position of its ${alg.m}×${alg.m} output tile, all channels.`,
          table: valueTable(m, {
            caption: `Mean |error| by position in the tile, ${alg.name}`,
            format: (x) => formatError(x),
            rowLabel: (i) => `tile row ${i + 1}`,
            colLabel: (j) => `col ${j + 1}`,
          }),
        });
        return figure;
      }),
    );
    host.dataset['cornerRatio'] = String(where.cornerRatio);
    host.dataset['job'] = 'ready';
    host.dataset['ratio'] = String(f4OverF2(r));
  };
  channel.addEventListener('change', () => {
    state.set({ ch: channelQuery(channel.value) });
    void update();
  });
  host.append(controls, status, tableBox, legend, maps, positionsNote, positionsLegend, positions);
  void update();
}
