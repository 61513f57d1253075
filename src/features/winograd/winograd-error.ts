/**
 * <winograd-error>: the accuracy price of larger tiles. The same layer on the same data, computed
 * in float32 by direct convolution, F(2×2, 3×3) and F(4×4, 3×3), each compared with a float64
 * reference. Data: the sample photo or activations (URL: error.data); output channel (error.ch).
 */
import { type ErrorReport, errorByTilePosition } from '../../core/winograd/error';
import { F2_3, F4_3 } from '../../core/winograd/matrices';
import { LazyWidget } from '../../ui/lazy-widget';
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

export class WinogradErrorWidget extends LazyWidget {
  protected init(): void {
    const state = new UrlState('error');
    let data: ErrorData = state.choice('data', ['photo', 'activations'] as const, 'photo');
    const photoUrl = siteUrl('models/samples/samoyed.jpg');
    const reports = new Map<ErrorData, ErrorReport>();

    const controls = document.createElement('div');
    controls.className = 'controls';
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
    const channelBox = document.createElement('div');
    channelBox.className = 'control';
    const channelLabel = document.createElement('label');
    channelLabel.textContent = 'Output channel shown (0–15)';
    const channel = document.createElement('input');
    channel.type = 'number';
    channel.min = '0';
    channel.max = '15';
    channel.value = String(Math.round(state.number('ch', 0, 0, 15)));
    channel.id = uniqueId('error-channel');
    channelLabel.htmlFor = channel.id;
    channelBox.append(channelLabel, channel);
    controls.append(source.element, channelBox);

    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    const tableBox = scrollRegion(document.createElement('div'), 'Errors against float64 (scrolls sideways)');
    const legend = document.createElement('div');
    legend.className = 'error-legend';
    const maps = document.createElement('div');
    maps.className = 'figure-row error-maps';
    const positions = document.createElement('div');
    positions.className = 'figure-row error-positions present-second-view';

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
      status.textContent = data === 'photo' ? 'Loading the photo and computing…' : 'Computing…';
      this.dataset['state'] = 'computing';
      let r: ErrorReport;
      try {
        r = await report();
        if (mine !== generation) return;
      } catch (error) {
        status.textContent = `Could not compute: ${error instanceof Error ? error.message : String(error)}`;
        return;
      }
      const [, , h, w] = r.shape;
      const ch = Math.min(15, Math.max(0, Math.round(Number(channel.value) || 0)));
      const [direct, f2, f4] = r.methods as [(typeof r.methods)[0], (typeof r.methods)[0], (typeof r.methods)[0]];
      status.textContent =
        `On this data, F(4×4)'s typical (RMS) error is ${(f4.rmsRelative / f2.rmsRelative).toFixed(1)}× F(2×2)'s, ` +
        `and F(2×2)'s is ${(f2.rmsRelative / direct.rmsRelative).toFixed(1)}× direct convolution's, all in float32.`;
      tableBox.replaceChildren(
        simpleTable({
          caption: `Relative error against a float64 direct convolution of the same ${r.shape[1]}-channel output (${h}×${w}), measured now.`,
          head: ['Method', 'Multiplications per output', 'Max relative error', 'RMS relative error', 'RMS vs direct'],
          numeric: [1, 2, 3, 4],
          rows: r.methods.map((m) => [
            m.method,
            String(m.multiplicationsPerOutput),
            formatError(m.maxRelative),
            formatError(m.rmsRelative),
            `${(m.rmsRelative / direct.rmsRelative).toFixed(1)}×`,
          ]),
        }),
      );
      // One magnitude scale for the three maps, so their colours compare.
      const plane = h * w;
      const slices = r.methods.map((m) => m.absError.subarray(ch * plane, (ch + 1) * plane));
      const top = Math.max(...slices.map((e) => Math.max(...e)));
      const pixel = Math.max(3, Math.min(8, Math.floor(240 / w)));
      legend.replaceChildren(colorLegend({ kind: 'magnitude', domainMax: top, label: `|y − float64|, output channel ${ch} (log scale)` }));
      maps.replaceChildren(
        ...r.methods.map((m, i) => {
          const figure = createFigure();
          updateFigure(figure, {
            plot: rasterHeatmap(
              { rows: h, cols: w, values: slices[i]! },
              { label: `|error| of ${m.method}, output channel ${ch}`, scale: 'magnitude', domainMax: top, pixel },
            ),
            caption: `${m.method}. Largest: ${formatError(Math.max(...slices[i]!))}.`,
          });
          return figure;
        }),
      );
      // Where in a tile the error lands: mean over all channels, per output position in the tile.
      const byPosition = [F2_3, F4_3].map((alg, i) => ({ alg, values: errorByTilePosition(r.methods[i + 1]!.absError, r.shape, alg.m) }));
      const positionTop = Math.max(...byPosition.map((p) => Math.max(...p.values)));
      positionsLegend.replaceChildren(
        colorLegend({ kind: 'magnitude', domainMax: positionTop, label: 'mean |y − float64| by position in the tile (log scale)' }),
      );
      positions.replaceChildren(
        ...byPosition.map(({ alg, values }) => {
          const figure = createFigure();
          const m = { rows: alg.m, cols: alg.m, values };
          updateFigure(figure, {
            plot: heatmap(m, {
              label: `Mean |error| by position in the output tile, ${alg.name}`,
              scale: 'magnitude',
              domainMax: positionTop,
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
      const tile4 = byPosition[1]!.values;
      this.dataset['cornerRatio'] = String(tile4[tile4.length - 1]! / tile4[0]!);
      this.dataset['state'] = 'ready';
      this.dataset['ratio'] = String(f4.rmsRelative / f2.rmsRelative);
    };
    channel.addEventListener('change', () => {
      state.set({ ch: Number(channel.value) === 0 ? null : channel.value });
      void update();
    });
    const positionsNote = document.createElement('p');
    positionsNote.className = 'error-note present-second-view';
    positionsNote.textContent = 'Where in a tile does the error land? Mean |error| by output position inside the tile:';
    const positionsLegend = document.createElement('div');
    positionsLegend.className = 'present-second-view';
    this.append(controls, status, tableBox, legend, maps, positionsNote, positionsLegend, positions);
    void update();
  }
}
