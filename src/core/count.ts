import { type LayerPlan, type RepVGGSpec, featureChannels, planModel } from './family.ts';

/**
 * Exact integer counts (all far below 2⁵³, so plain numbers are exact).
 *
 * - deployParams: 3×3 kernels with bias + linear, what the paper's Table 4 "Params" counts.
 * - trainParams: learnable training-time parameters: 3×3 and 1×1 kernels, γ and β of every BN,
 *   linear weight and bias.
 * - bnBuffers: the running statistics, running_mean + running_var, C each per BN layer.
 * - bnLayers: the number of BN layers, which is also the number of `num_batches_tracked` buffers
 *   in a PyTorch checkpoint (one int64 scalar each). Kept apart from bnBuffers because it is not
 *   a float statistic and no conversion reads it.
 * - flops: multiply-adds of every conv (counting all 9 taps, padding included, as the paper does)
 *   plus the linear layer; biases, BN, ReLU and pooling are not counted.
 * - winoMuls: stride-1 3×3 convs via Winograd F(2×2, 3×3): 16 multiplications per 2×2 output tile
 *   per (input channel of the group, output channel) pair, ⌈H/2⌉·⌈W/2⌉·16·Cout·Cin/g; stride-2
 *   convs and the linear layer at direct cost. With 224-pixel inputs every stride-1 map is even,
 *   so the ceiling only matters for custom sizes.
 */
export interface Counts {
  readonly deployParams: number;
  readonly trainParams: number;
  readonly bnBuffers: number;
  readonly bnLayers: number;
  readonly flops: number;
  readonly winoMuls: number;
}

export interface ModelCounts extends Counts {
  readonly layers: readonly Counts[];
  readonly head: Counts;
}

/** The counts of one block, training-time and deploy. */
export function countLayer(layer: LayerPlan): Counts {
  const { inChannels, outChannels, groups, outputSize, stride, hasIdentity } = layer;
  const pairs = outChannels * (inChannels / groups); // (output channel, input channel it sees) pairs
  const bnLayers = hasIdentity ? 3 : 2;
  const direct = outputSize * outputSize * pairs * 9;
  const tiles = Math.ceil(outputSize / 2) ** 2;
  return {
    deployParams: pairs * 9 + outChannels,
    trainParams: pairs * 9 + pairs + bnLayers * 2 * outChannels,
    bnBuffers: bnLayers * 2 * outChannels,
    bnLayers,
    flops: direct,
    winoMuls: stride === 1 ? tiles * 16 * pairs : direct,
  };
}

/** The classifier: a linear layer from the stage-4 width to numClasses, the same in both forms. */
export function countHead(spec: RepVGGSpec): Counts {
  const macs = featureChannels(spec) * spec.numClasses;
  const params = macs + spec.numClasses;
  return { deployParams: params, trainParams: params, bnBuffers: 0, bnLayers: 0, flops: macs, winoMuls: macs };
}

export function countModel(spec: RepVGGSpec): ModelCounts {
  const layers = planModel(spec).map(countLayer);
  const head = countHead(spec);
  const total = (key: keyof Counts): number => layers.reduce((sum, c) => sum + c[key], head[key]);
  return {
    deployParams: total('deployParams'),
    trainParams: total('trainParams'),
    bnBuffers: total('bnBuffers'),
    bnLayers: total('bnLayers'),
    flops: total('flops'),
    winoMuls: total('winoMuls'),
    layers,
    head,
  };
}

/**
 * Integer n divided by 10^digits, cut (not rounded) to `decimals` places, using only integer
 * arithmetic so no float rounding can change a printed digit.
 */
function truncatedDecimal(n: number, unitDigits: number, decimals: number): string {
  // A non-integer quotient is at least 10^-(unitDigits-decimals) away from the next integer, far
  // more than the division's rounding error for any count below 10^15: the floor is exact.
  const kept = Math.floor(n / 10 ** (unitDigits - decimals));
  const whole = Math.floor(kept / 10 ** decimals);
  const fraction = String(kept - whole * 10 ** decimals).padStart(decimals, '0');
  return decimals > 0 ? `${whole}.${fraction}` : String(whole);
}

/** Round half up at `decimals` places below 10^unitDigits, then print. */
function roundedDecimal(n: number, unitDigits: number, decimals: number): string {
  const half = 10 ** (unitDigits - decimals) / 2;
  return truncatedDecimal(n + half, unitDigits, decimals);
}

/** Params as the paper prints them: millions, TRUNCATED to 0.01 M (B1: 51,829,480 → "51.82"). */
export function formatParamsM(params: number): string {
  return truncatedDecimal(params, 6, 2);
}

/** FLOPs and Wino MULs as the paper prints them: billions, ROUNDED to 0.1 B. */
export function formatBillions(count: number): string {
  return roundedDecimal(count, 9, 1);
}
