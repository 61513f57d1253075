/**
 * Measured times as horizontal bars, one row per kernel and runtime, each relative to its
 * runtime's first kernel (so a slow software GPU and fast JavaScript share one axis), with the
 * milliseconds printed and a tick where the second kernel would be if time followed the
 * multiplication count.
 */
import * as Plot from '@observablehq/plot';
import { hideUnlabelledMarks } from './a11y';

export interface TimingRow {
  readonly group: string;
  readonly kernel: string;
  readonly ms: number;
}

export interface TimingGroup {
  readonly group: string;
  /** The first kernel's time: the group's unit. */
  readonly referenceMs: number;
  /** Where the second kernel would be if time ∝ multiplications, as a fraction of referenceMs. */
  readonly ideal: number;
}

export interface TimingBarsOptions {
  readonly label: string;
  readonly width: number;
  readonly kernels: readonly [string, string];
  readonly document?: Document;
}

export function timingBars(rows: readonly TimingRow[], ideals: readonly TimingGroup[], options: TimingBarsOptions): SVGSVGElement | HTMLElement {
  const label = (group: string, kernel: string) => `${group}: ${kernel}`;
  const unit = new Map(ideals.map((g) => [g.group, g.referenceMs]));
  const bars = rows.map((r) => ({ ...r, row: label(r.group, r.kernel), relative: r.ms / (unit.get(r.group) ?? r.ms) }));
  const marks = ideals.map((g) => ({ ...g, row: label(g.group, options.kernels[1]) }));
  const longest = Math.max(...bars.map((b) => b.row.length));
  return hideUnlabelledMarks(
    Plot.plot({
      width: options.width,
      height: 50 + bars.length * 34,
      marginLeft: Math.ceil(longest * 6.6) + 12,
      marginRight: 90,
      x: {
        label: `time relative to ${options.kernels[0]} (median per run) →`,
        grid: true,
        domain: [0, Math.max(1, ...bars.map((b) => b.relative))],
        labelAnchor: 'left',
        labelArrow: 'none',
      },
      y: { domain: bars.map((b) => b.row), label: null },
      color: { domain: options.kernels, range: ['var(--fg-soft, #55524c)', 'var(--accent, #a4350f)'] },
      marks: [
        Plot.barX(bars, {
          x: 'relative',
          y: 'row',
          fill: 'kernel',
          insetTop: 5,
          insetBottom: 5,
          title: (b: TimingRow & { row: string }) => `${b.row}: ${b.ms.toFixed(2)} ms`,
        }),
        Plot.text(bars, {
          x: 'relative',
          y: 'row',
          text: (r: TimingRow) => `${r.ms.toFixed(r.ms < 10 ? 2 : 1)} ms`,
          dx: 4,
          textAnchor: 'start',
          fill: 'currentColor',
        }),
        Plot.tickX(marks, { x: 'ideal', y: 'row', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '3,2' }),
        Plot.ruleX([0]),
      ],
      ariaLabel: options.label,
      ariaDescription:
        'Bars are measured times; a dashed tick marks where the faster kernel would be if time followed the multiplication count. The table of results follows.',
      ...(options.document ? { document: options.document } : {}),
    }),
  );
}
