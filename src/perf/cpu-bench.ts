/**
 * Direct vs Winograd F(2×2, 3×3) on the benchmark layer, in JavaScript (typed arrays), in
 * whatever thread runs it: the page's Web Worker or Node. Both kernels are timed the same way:
 * warm-up runs (JIT), then alternating timed runs, medians reported. Both outputs are checked
 * against a float64 reference of the same layer.
 */
import { type DirectPlan, planDirect, runDirect } from '../core/winograd/fast-direct.ts';
import { planWinograd, runWinograd } from '../core/winograd/fast-f2x2.ts';
import { directConv3x3 } from '../core/winograd/conv.ts';
import { F2_3, tileMultiplications } from '../core/winograd/matrices.ts';
import { maxRelDiff, tensor } from '../core/tensor.ts';
import { median } from '../core/stats.ts';
import type { BenchLayer } from './winograd-layer.ts';

export interface KernelTiming {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
  /** Multiplications of the algorithm (direct: 9 per output per pair; Winograd: 16 per tile per pair). */
  readonly multiplications: number;
}

export interface BenchResult {
  readonly runtime: string;
  readonly layer: string;
  readonly direct: KernelTiming;
  readonly winograd: KernelTiming;
  /** direct median / Winograd median. */
  readonly speedup: number;
  /** 36 / 16: what counting multiplications promises. */
  readonly theoretical: number;
  /** Max relative difference between the two outputs, and of each against float64. */
  readonly agreement: { readonly betweenKernels: number; readonly directVsFloat64: number; readonly winogradVsFloat64: number };
  readonly notes: readonly string[];
}

export interface CpuBenchOptions {
  readonly warmup?: number;
  readonly runs?: number;
  /** Called between runs, so a caller can report progress (and a page can stay responsive). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => number;
}

export function describeLayer(layer: Pick<BenchLayer, 'variant' | 'plan'>): string {
  const { stage, index, inChannels, outChannels, outputSize } = layer.plan;
  return `${layer.variant} stage ${stage}, layer ${index}: ${inChannels} → ${outChannels} channels, ${outputSize}×${outputSize}, stride 1`;
}

export function layerMultiplications(layer: Pick<BenchLayer, 'c' | 'o' | 'h' | 'w'>): { direct: number; winograd: number } {
  const tiles = Math.ceil(layer.h / 2) * Math.ceil(layer.w / 2);
  const pairs = layer.o * layer.c;
  return { direct: layer.h * layer.w * 9 * pairs, winograd: tiles * 16 * pairs };
}

export function runCpuBench(layer: BenchLayer, options: CpuBenchOptions = {}): BenchResult {
  const { warmup = 3, runs = 15, onProgress, now = () => performance.now() } = options;
  const shape = { c: layer.c, o: layer.o, h: layer.h, w: layer.w };
  const direct: DirectPlan = planDirect(shape, layer.kernel, layer.bias);
  const wino = planWinograd(shape, layer.kernel, layer.bias); // kernel transform: once per layer, not timed
  const outDirect = new Float32Array(layer.o * layer.h * layer.w);
  const outWino = new Float32Array(outDirect.length);
  const total = warmup + runs;
  for (let i = 0; i < warmup; i++) {
    runDirect(direct, layer.input, outDirect);
    runWinograd(wino, layer.input, outWino);
    onProgress?.(i + 1, total);
  }
  const td: number[] = [];
  const tw: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate, so any drift in machine speed hits both kernels alike.
    let t0 = now();
    runDirect(direct, layer.input, outDirect);
    td.push(now() - t0);
    t0 = now();
    runWinograd(wino, layer.input, outWino);
    tw.push(now() - t0);
    onProgress?.(warmup + i + 1, total);
  }
  return layerBenchResult('JavaScript (typed arrays)', layer, { td, tw, runs }, { outDirect, outWino }, trafficNotes(layer));
}

/**
 * One layer's result, whichever device ran it: medians and minima of the two kernels' times (ms),
 * the multiplication counts, and both outputs against a float64 direct convolution of the layer.
 */
export function layerBenchResult(
  runtime: string,
  layer: BenchLayer,
  times: { td: readonly number[]; tw: readonly number[]; runs: number },
  outputs: { outDirect: Float32Array; outWino: Float32Array },
  notes: string[],
): BenchResult {
  const { td, tw, runs } = times;
  const { outDirect, outWino } = outputs;
  const reference = directConv3x3(
    { input: tensor([1, layer.c, layer.h, layer.w], layer.input), kernel: tensor([layer.o, layer.c, 3, 3], layer.kernel), bias: layer.bias },
    'float64',
  ).data;
  const muls = layerMultiplications(layer);
  const { direct: d36, winograd: w16 } = tileMultiplications(F2_3);
  return {
    runtime,
    layer: describeLayer(layer),
    direct: { medianMs: median(td), minMs: Math.min(...td), runs, multiplications: muls.direct },
    winograd: { medianMs: median(tw), minMs: Math.min(...tw), runs, multiplications: muls.winograd },
    speedup: median(td) / median(tw),
    theoretical: d36 / w16,
    agreement: {
      betweenKernels: maxRelDiff(outWino, outDirect),
      directVsFloat64: maxRelDiff(Float64Array.from(outDirect), reference),
      winogradVsFloat64: maxRelDiff(Float64Array.from(outWino), reference),
    },
    notes,
  };
}

const kib = (floats: number) => `${Math.round((floats * 4) / 1024)} KiB`;

/** What Winograd moves that direct does not: said next to every result, since it decides the outcome. */
export function trafficNotes(layer: BenchLayer): string[] {
  const t = Math.ceil(layer.h / 2) * Math.ceil(layer.w / 2);
  return [
    `Per run, Winograd writes and re-reads its transformed tiles V and products M (${kib(16 * layer.c * t + 16 * layer.o * t)}, against an input and output of ${kib((layer.c + layer.o) * layer.h * layer.w)}), and reads U (${kib(16 * layer.o * layer.c)}), 16/9 the size of the 3×3 kernels (${kib(9 * layer.o * layer.c)}) the direct kernel reads.`,
  ];
}
