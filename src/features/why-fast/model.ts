/**
 * Chapter "Why one path is fast", without any DOM: the numbers the chapter's figures show, all
 * computed by src/core/block-cost.ts from the block and model definitions; and the words that
 * compare a measured Table 1 with the paper's statement.
 */
import { type BlockForm, type GraphCost, atInputSize, blockGraph, graphCost, modelGraph, peakByLayer } from '../../core/block-cost';
import { type LayerPlan, REPVGG_VARIANTS, type RepVGGSpec, planModel } from '../../core/family';
import type { DensityRow } from '../../core/conv-density';

export const FORM_NAMES: Record<BlockForm, string> = {
  train: 'Training-time, as trained',
  'train-folded': 'Training-time, BN folded',
  deploy: 'Deploy (one 3×3 conv)',
};
export const FORMS: readonly BlockForm[] = ['train', 'train-folded', 'deploy'];

export const CHANNELS = { min: 16, max: 1024, fallback: 256 } as const;
export const SIDE = { min: 7, max: 112, fallback: 28 } as const;
export const INPUT = { min: 32, max: 640, step: 32, fallback: 224 } as const;
export const VARIANTS: readonly RepVGGSpec[] = REPVGG_VARIANTS;

/** A stride-1 block with in = out = `channels` on a `side`×`side` map: all three branches. */
export function squareBlock(channels: number, side: number): LayerPlan {
  return {
    index: 0,
    stage: 3,
    indexInStage: 1,
    key: 'block',
    inChannels: channels,
    outChannels: channels,
    stride: 1,
    groups: 1,
    inputSize: side,
    outputSize: side,
    hasIdentity: true,
  };
}

export interface FormCost {
  readonly form: BlockForm;
  readonly name: string;
  readonly cost: GraphCost;
  /** Bytes read + written: the memory access cost. */
  readonly mac: number;
}

export function blockCosts(channels: number, side: number): FormCost[] {
  const layer = squareBlock(channels, side);
  return FORMS.map((form) => {
    const cost = graphCost(blockGraph(layer, form));
    return { form, name: FORM_NAMES[form], cost, mac: cost.readBytes + cost.writeBytes };
  });
}

/** Bytes moved by each kind of operator, per form: the stacked bars of the block figure. */
export function bytesByKind(costs: readonly FormCost[]): { form: string; kind: string; bytes: number }[] {
  const kindName: Record<string, string> = {
    conv: 'convolutions',
    bn: 'batch norms',
    scale: 'batch norms',
    add: 'adds',
    relu: 'ReLU',
    pool: 'pooling',
    linear: 'classifier',
  };
  return costs.flatMap(({ name, cost }) => {
    const sums = new Map<string, number>();
    for (const o of cost.perOp) sums.set(kindName[o.op.kind]!, (sums.get(kindName[o.op.kind]!) ?? 0) + o.readBytes + o.writeBytes);
    return [...sums.entries()].map(([kind, bytes]) => ({ form: name, kind, bytes }));
  });
}

export interface ModelCostView {
  readonly spec: RepVGGSpec;
  readonly layers: number;
  readonly forms: readonly FormCost[];
  /** Peak live activation memory per layer and form (the head as layer `layers`, repeated at `layers + 1`). */
  readonly series: readonly { form: string; layer: number; bytes: number }[];
}

export function modelCosts(variantIndex: number, inputSize: number): ModelCostView {
  const spec = atInputSize(VARIANTS[variantIndex]!, inputSize);
  const layers = planModel(spec).length;
  const forms = FORMS.map((form) => {
    const cost = graphCost(modelGraph(spec, form));
    return { form, name: FORM_NAMES[form], cost, mac: cost.readBytes + cost.writeBytes };
  });
  // One step per layer (drawn from x = layer to layer + 1), the head last; its step is closed by a
  // repeated point at layers + 1.
  const series = forms
    .filter((f) => f.form !== 'train-folded')
    .flatMap((f) => {
      const steps = peakByLayer(f.cost).map((p) => ({ form: f.name, layer: p.layer < 0 ? layers : p.layer, bytes: p.liveBytes }));
      return [...steps, { ...steps.at(-1)!, layer: layers + 1 }];
    });
  return { spec, layers, forms, series };
}

/** 1234567 → "1.23 G", "45.6 M": multiply-adds at a glance. */
export function formatMacs(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

/**
 * What the measured densities say beside the paper's Table 1 statement (3×3 at around 4× the
 * density of the other sizes, cuDNN on a 1080Ti). Plain words; never claims the paper's numbers.
 */
export function densityVerdict(rows: readonly DensityRow[], backend: 'webgpu' | 'wasm', software = false): string[] {
  const three = rows.find((r) => r.kernel === 3 && r.fragments === 1);
  if (!three) return [];
  const others = rows.filter((r) => r.fragments === 1 && r.kernel !== 3);
  const best = others.reduce((m, r) => (r.vs3x3 > m.vs3x3 ? r : m), others[0]!);
  const worst = others.reduce((m, r) => (r.vs3x3 < m.vs3x3 ? r : m), others[0]!);
  const lines: string[] = [];
  const where = backend === 'wasm' ? 'WebAssembly on this CPU' : software ? 'a software WebGPU adapter (a GPU emulated on the CPU)' : 'WebGPU on this device';
  if (best.vs3x3 < 1) {
    lines.push(
      `Here too the 3×3 convolution is the densest: the other sizes reach ${ratio(worst.vs3x3, 1)} to ${ratio(best.vs3x3, 1)} of its multiply-adds per second on ${where}.`,
    );
  } else {
    lines.push(
      `On ${where} the 3×3 convolution is not the densest: the ${best.label} reaches ${ratio(best.vs3x3, 1)} of its density. This is not the paper's ratio, and it need not be: the paper measured cuDNN's kernels on a GPU, where 3×3 convolution is especially well optimised; other libraries and devices rank the sizes differently.`,
    );
  }
  if (backend === 'wasm' || software)
    lines.push(
      "A CPU (or an emulated GPU) is not the device of the paper's Table 1: compare the ratios with caution, and run it where WebGPU has a real adapter to see a GPU.",
    );
  const frags = rows.filter((r) => r.fragments > 1);
  for (const f of frags) {
    const slower = three.medianMs > 0 ? f.medianMs / three.medianMs : NaN;
    lines.push(
      slower > 1
        ? `The same multiply-adds as ${f.fragments} small convolutions took ${slower.toFixed(2)}× the time of one 3×3 convolution.`
        : `The same multiply-adds as ${f.fragments} small convolutions took ${slower.toFixed(2)}× the time of one: no fragmentation penalty showed here at this size.`,
    );
  }
  return lines;
}
