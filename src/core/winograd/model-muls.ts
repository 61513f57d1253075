/**
 * Wino MULs of a whole network, counted by tiling each layer's output map: every stride-1 3×3
 * layer with F(m×m, 3×3) (α² multiplications per tile per channel pair), stride-2 layers and the
 * classifier at direct cost. With F(2×2, 3×3) this is the paper's convention; it is counted here
 * from the tiling plan, independently of count.ts's closed formula, and the tests check that the
 * two agree. F(4×4, 3×3) gives what the larger tiles would save.
 */
import { type LayerPlan, type RepVGGSpec, featureChannels, planModel } from '../family.ts';
import type { WinogradAlgorithm } from './matrices.ts';
import { tilingPlan } from './tiling.ts';

export interface LayerMuls {
  readonly layer: number;
  /** Multiplications done directly (9 per output per channel pair). */
  readonly direct: number;
  /** With Winograd where it applies (stride 1), else direct. */
  readonly winograd: number;
  readonly usesWinograd: boolean;
}

export function layerMuls(layer: LayerPlan, alg: WinogradAlgorithm): LayerMuls {
  const pairs = layer.outChannels * (layer.inChannels / layer.groups);
  const direct = layer.outputSize * layer.outputSize * pairs * 9;
  if (layer.stride !== 1) return { layer: layer.index, direct, winograd: direct, usesWinograd: false };
  const plan = tilingPlan(layer.outputSize, layer.outputSize, alg);
  return { layer: layer.index, direct, winograd: plan.tiles.length * alg.alpha ** 2 * pairs, usesWinograd: true };
}

export interface ModelMuls {
  readonly layers: readonly LayerMuls[];
  /** The linear classifier: direct in both columns. */
  readonly head: number;
  readonly direct: number;
  readonly winograd: number;
}

export function modelMuls(spec: RepVGGSpec, alg: WinogradAlgorithm): ModelMuls {
  const layers = planModel(spec).map((l) => layerMuls(l, alg));
  const head = featureChannels(spec) * spec.numClasses;
  return {
    layers,
    head,
    direct: layers.reduce((s, l) => s + l.direct, head),
    winograd: layers.reduce((s, l) => s + l.winograd, head),
  };
}
