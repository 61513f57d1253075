/**
 * "Table 1 on your device", the plain-data side (no ONNX here, so a page can import it cheaply):
 * the layer shapes the reader can choose, the cases one run measures, their multiply-adds, and the
 * densities computed from measured times. The graphs themselves: src/io/onnx/conv-bench.ts.
 */
import { median } from './stats.ts';

export interface DensityShape {
  /** Input and output channels. */
  readonly channels: number;
  /** Feature-map side. */
  readonly side: number;
}

/** Sizes the reader can choose; 'tiny' finishes at once anywhere (and is what the e2e test runs). */
export const DENSITY_SHAPES = {
  tiny: { channels: 16, side: 14 },
  small: { channels: 64, side: 28 },
  medium: { channels: 128, side: 28 },
  large: { channels: 256, side: 56 },
} as const satisfies Record<string, DensityShape>;
export type DensitySize = keyof typeof DENSITY_SHAPES;
export const DENSITY_SIZES = Object.keys(DENSITY_SHAPES) as DensitySize[];

export const KERNEL_SIZES = [1, 3, 5, 7] as const;

export interface DensityCase {
  /** "k3", "frag8", ... */
  readonly id: string;
  readonly label: string;
  readonly kernel: number;
  /** 1 = one convolution; n = n convolutions of channels/n outputs each, then Concat. */
  readonly fragments: number;
  readonly macs: number;
}

/** Multiply-adds of a k×k convolution, C → C channels, on an S×S map (stride 1, same padding). */
export function convMacs(shape: DensityShape, kernel: number): number {
  return shape.side * shape.side * shape.channels * shape.channels * kernel * kernel;
}

/** The fragment counts compared with one 3×3 convolution: each divides the channel count. */
export function fragmentCounts(shape: DensityShape): number[] {
  return [4, 16].filter((n) => shape.channels % n === 0 && shape.channels / n >= 1);
}

/** Everything a run measures, in order: the four kernel sizes, then the fragmented 3×3s. */
export function densityCases(shape: DensityShape): DensityCase[] {
  const sizes = KERNEL_SIZES.map((k) => ({ id: `k${k}`, label: `${k}×${k} conv`, kernel: k, fragments: 1, macs: convMacs(shape, k) }));
  const fragments = fragmentCounts(shape).map((n) => ({
    id: `frag${n}`,
    label: `3×3 conv as ${n} convs of ${shape.channels / n} outputs + Concat`,
    kernel: 3,
    fragments: n,
    macs: convMacs(shape, 3),
  }));
  return [...sizes, ...fragments];
}

export interface DensityRow {
  readonly id: string;
  readonly label: string;
  readonly kernel: number;
  readonly fragments: number;
  readonly macs: number;
  readonly medianMs: number;
  readonly minMs: number;
  /** Multiply-adds per second, in billions (median time). */
  readonly gmacs: number;
  /** Density relative to the 3×3 convolution's (1 for the 3×3 itself). */
  readonly vs3x3: number;
}

/** Densities from measured times, each relative to the single 3×3 convolution. */
export function densityRows(cases: readonly DensityCase[], timesMs: readonly (readonly number[])[]): DensityRow[] {
  const rows = cases.map((c, i) => {
    const times = timesMs[i] ?? [];
    if (!times.length) throw new RangeError(`no timings for ${c.id}`);
    const medianMs = median(times);
    return { ...c, medianMs, minMs: Math.min(...times), gmacs: c.macs / (medianMs / 1000) / 1e9 };
  });
  const three = rows.find((r) => r.kernel === 3 && r.fragments === 1);
  return rows.map((r) => ({ ...r, vs3x3: three ? r.gmacs / three.gmacs : NaN }));
}
