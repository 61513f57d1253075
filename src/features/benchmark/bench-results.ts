/**
 * The benchmark's results view: table, notes, the two figures with their text alternatives, and
 * the export buttons (CSV of the rows; each plot as SVG or PNG). Redrawn from the rows after
 * every finished job and when the width changes; the files are made from what is on screen.
 */
import { el } from '../../ui/el';
import { saveBlob } from '../../ui/save-blob';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { simpleTable } from '../../ui/viz/simple-table';
import { standaloneSvg, svgToPng } from '../../ui/viz/svg-export';
import { disclosedTable, seriesLegend } from '../../ui/widget-dom';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { figure1Plot, figure1Points, figure1Series, latencyPlot } from './bench-plots';
import { benchTable } from './bench-table';
import { benchCsv } from './csv';
import { type BenchRow, formatRate } from './rows';
import { BACKEND_NAME } from './settings';

export interface ResultsState {
  readonly rows: readonly BenchRow[];
  /** Jobs that did not produce rows, each with why. */
  readonly failures: readonly string[];
  /** Backend and thread choices, as the runtime explained them. */
  readonly notes: readonly string[];
  readonly settingsText: string;
}

function button(text: string, onClick: () => void | Promise<void>): HTMLButtonElement {
  const b = el('button', { type: 'button', text });
  b.addEventListener('click', () => void onClick());
  return b;
}

function list(items: readonly string[], className: string): HTMLUListElement {
  return el('ul', { class: className }, ...items.map((text) => el('li', { text })));
}

export class BenchResultsView {
  private readonly latency = createFigure('viz-figure bench-latency');
  private readonly figure1 = createFigure('viz-figure bench-figure1');
  private state: ResultsState | undefined;

  constructor(private readonly host: HTMLElement) {}

  render(state: ResultsState): void {
    this.state = state;
    const { rows } = state;
    const parts: Node[] = [];
    if (rows.length > 0) {
      const table = benchTable(
        rows,
        `Measured on this device, ${state.settingsText}. Times per image (batch 1), from the call until the logits are back in JavaScript.`,
      );
      parts.push(scrollRegion(el('div', {}, table), 'Benchmark results (scrolls sideways)'));
    }
    if (state.failures.length > 0) parts.push(list(state.failures, 'bench-failures'));
    if (state.notes.length > 0) parts.push(list(state.notes, 'bench-notes'));
    if (rows.length > 0) {
      this.drawFigures();
      const exports = el(
        'div',
        { class: 'bench-exports' },
        button('Download CSV', () => saveBlob(new Blob([benchCsv(rows)], { type: 'text/csv' }), 'repvgg-benchmark.csv', this.host)),
        button('Latency plot (SVG)', () => this.saveSvg(this.latency, 'repvgg-benchmark-latency')),
        button('Latency plot (PNG)', () => this.savePng(this.latency, 'repvgg-benchmark-latency')),
        button('Figure 1 on your device (SVG)', () => this.saveSvg(this.figure1, 'repvgg-figure1-on-your-device')),
        button('Figure 1 on your device (PNG)', () => this.savePng(this.figure1, 'repvgg-figure1-on-your-device')),
      );
      // Figure 1 needs a model with a top-1 in the paper.
      if (figure1Points(rows).length === 0) for (const b of [...exports.children].slice(3)) (b as HTMLButtonElement).disabled = true;
      parts.push(exports, scrollRegion(el('div', {}, this.latency), 'Latency plot (scrolls sideways)'), this.figure1);
    }
    this.host.replaceChildren(...parts);
  }

  /** Redraws the plots at the current width (the rows do not change). */
  redraw(): void {
    if (this.state && this.state.rows.length > 0) this.drawFigures();
  }

  private width(): number {
    return Math.max(320, Math.min(this.host.clientWidth || 720, 960));
  }

  private drawFigures(): void {
    const { rows, settingsText } = this.state!;
    updateFigure(this.latency, {
      plot: latencyPlot(rows, this.width()),
      caption: `Latency per image on this device (${settingsText}): each model's training-time graph, as exported and with ONNX Runtime's default optimizations, and its deploy graph. Every value is in the table above.`,
    });
    const points = figure1Points(rows);
    if (points.length === 0) {
      updateFigure(this.figure1, {
        plot: el('div'),
        caption: 'Figure 1 on your device needs a model the paper reports a top-1 for: add A0 to B3 (the tiny model and B2g2, B3g2 have none).',
      });
      return;
    }
    const series = figure1Series(points);
    const table = disclosedTable(
      simpleTable({
        caption: 'Images per second measured here (deploy graph) and the top-1 accuracy the paper reports.',
        head: ['Model', 'Backend', 'Images/s (measured)', 'Top-1 % (paper)', 'Training (paper)'],
        numeric: [2, 3],
        paper: [3, 4],
        rows: points.map((p) => [p.model, BACKEND_NAME[p.backend], formatRate(p.x), p.y.toFixed(2), `${p.epochs} epochs`]),
      }),
      'Figure 1 values (scrolls sideways)',
    );
    updateFigure(this.figure1, {
      plot: el('div', {}, seriesLegend(series), figure1Plot(points, this.width())),
      caption:
        "Figure 1 on your device. Vertical: ImageNet top-1 as the paper reports it (Tables 4 and 5; these weights are random, so nothing here is measured for accuracy). Horizontal: this device's images per second for the deploy graph, batch 1, where the paper's Figure 1 uses a 1080Ti at batch 128 (paper). Compare the order and the spacing, not the numbers.",
      table,
    });
  }

  private svgOf(figure: HTMLElement, name: string) {
    const svg = figure.querySelector<SVGSVGElement>('svg');
    if (!svg) throw new Error('no plot to export yet');
    const title = name.includes('figure1') ? 'Figure 1 on your device: top-1 (paper) vs images/s measured here' : 'RepVGG latency per image, measured here';
    return standaloneSvg(svg, { title: `${title} (${this.state!.settingsText})` });
  }

  private saveSvg(figure: HTMLElement, name: string): void {
    saveBlob(new Blob([this.svgOf(figure, name).text], { type: 'image/svg+xml' }), `${name}.svg`, this.host);
  }

  private async savePng(figure: HTMLElement, name: string): Promise<void> {
    saveBlob(await svgToPng(this.svgOf(figure, name)), `${name}.png`, this.host);
  }
}
