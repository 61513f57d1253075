/**
 * The benchmark's layer: a real RepVGG stride-1 layer, RepVGG-A0 stage 3 (192 → 192 channels,
 * 14×14), taken from planModel, with its deploy kernel and bias re-parameterized from seeded
 * training-time weights. Shared by the page's worker, the WebGPU runner and the Node bench.
 */
import { convertBlock } from '../core/convert-model.ts';
import { type LayerPlan, getVariant, planModel } from '../core/family.ts';
import { createRng } from '../core/random.ts';
import { randomTrainBlock } from '../core/weights.ts';

export interface BenchLayer {
  readonly variant: string;
  readonly plan: LayerPlan;
  readonly c: number;
  readonly o: number;
  readonly h: number;
  readonly w: number;
  /** [O, C, 3, 3] deploy kernel and its bias. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  /** One input feature map [C, H, W]. */
  readonly input: Float32Array;
}

export const BENCH_SEED = 2021;

/** The first dense stride-1 block of `stage` of `variant` (its second block: the first has stride 2). */
export function benchLayerPlan(variant = 'A0', stage = 3): { variant: string; plan: LayerPlan } {
  const spec = getVariant(variant);
  const plan = planModel(spec).find((l) => l.stage === stage && l.stride === 1 && l.groups === 1);
  if (!plan) throw new RangeError(`${spec.name} has no dense stride-1 layer in stage ${stage}`);
  return { variant: spec.name, plan };
}

/** That layer with its weights and an input. */
export function benchLayer(variant = 'A0', stage = 3, seed = BENCH_SEED): BenchLayer {
  const { plan } = benchLayerPlan(variant, stage);
  const spec = getVariant(variant);
  const rng = createRng(seed);
  const deploy = convertBlock(randomTrainBlock(rng, plan));
  const { inChannels: c, outChannels: o, outputSize: h } = plan;
  // Post-ReLU activations of order one, as a block's input is: |N(0, 1)|.
  const input = rng.fillNormal(new Float32Array(c * h * h)).map(Math.abs);
  return { variant: spec.name, plan, c, o, h, w: h, kernel: deploy.kernel.data, bias: deploy.bias, input };
}
