import { conv2dOutputSize } from './conv2d.ts';

/** Blocks per stage, stage 0 to stage 4. Stage 0 is always one block in RepVGG. */
export type StageDepths = readonly [number, number, number, number, number];

/**
 * A RepVGG network as plain data (serializable: fits in a URL, a JSON file or a worker message).
 * Mirrors the official constructor: RepVGG(num_blocks, width_multiplier, override_groups_map).
 */
export interface RepVGGSpec {
  /** Display name, e.g. "RepVGG-A0". */
  readonly name: string;
  readonly depths: StageDepths;
  /** (a, b): stages 1–3 are ⌊64a⌋, ⌊128a⌋, ⌊256a⌋ wide, stage 4 is ⌊512b⌋, stage 0 min(64, ⌊64a⌋). */
  readonly widthMultiplier: readonly [number, number];
  /** Layer index → groups, for layers that are grouped (official override_groups_map); others use 1. */
  readonly groups: Readonly<Record<number, number>>;
  readonly numClasses: number;
  /** Square input side in pixels. */
  readonly inputSize: number;
  /** Image channels. Default 3. */
  readonly inChannels?: number;
}

/** One layer (= one block) of a planned network. Layers are numbered across it, stage 0 = layer 0. */
export interface LayerPlan {
  readonly index: number;
  readonly stage: number;
  /** Position inside its stage; the first block of each stage has stride 2. */
  readonly indexInStage: number;
  /** Prefix of this block's tensors in the official checkpoints: "stage0", "stage1.0", ... */
  readonly key: string;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride: number;
  readonly groups: number;
  /** Feature-map side entering and leaving the block. */
  readonly inputSize: number;
  readonly outputSize: number;
  /** The identity branch exists only when in == out channels and stride == 1. */
  readonly hasIdentity: boolean;
}

export const DEPTHS_A: StageDepths = [1, 2, 4, 14, 1];
export const DEPTHS_B: StageDepths = [1, 4, 6, 16, 1];

/** The grouped variants' rule: layers 2, 4, ..., 26 (numbered across the network) use `groups`. */
export function groupwiseLayers(groups: number): Record<number, number> {
  const map: Record<number, number> = {};
  for (let layer = 2; layer <= 26; layer += 2) map[layer] = groups;
  return map;
}

function variant(id: string, depths: StageDepths, a: number, b: number, groups = 1): RepVGGSpec {
  return {
    name: `RepVGG-${id}`,
    depths,
    widthMultiplier: [a, b],
    groups: groups === 1 ? {} : groupwiseLayers(groups),
    numClasses: 1000,
    inputSize: 224,
  };
}

/** The 13 variants of the paper and the official repository, in the official order. */
export const REPVGG_VARIANTS: readonly RepVGGSpec[] = [
  variant('A0', DEPTHS_A, 0.75, 2.5),
  variant('A1', DEPTHS_A, 1, 2.5),
  variant('A2', DEPTHS_A, 1.5, 2.75),
  variant('B0', DEPTHS_B, 1, 2.5),
  variant('B1', DEPTHS_B, 2, 4),
  variant('B1g2', DEPTHS_B, 2, 4, 2),
  variant('B1g4', DEPTHS_B, 2, 4, 4),
  variant('B2', DEPTHS_B, 2.5, 5),
  variant('B2g2', DEPTHS_B, 2.5, 5, 2),
  variant('B2g4', DEPTHS_B, 2.5, 5, 4),
  variant('B3', DEPTHS_B, 3, 5),
  variant('B3g2', DEPTHS_B, 3, 5, 2),
  variant('B3g4', DEPTHS_B, 3, 5, 4),
];

/** "A0", "RepVGG-A0", "repvgg_a0" (timm), "repvgg-b1g2" all name the same thing. */
function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^repvgg[-_ ]?/, '');
}

export function findVariant(name: string): RepVGGSpec | undefined {
  const wanted = normalizeName(name);
  return REPVGG_VARIANTS.find((spec) => normalizeName(spec.name) === wanted);
}

export function getVariant(name: string): RepVGGSpec {
  const spec = findVariant(name);
  if (!spec) {
    const known = REPVGG_VARIANTS.map((s) => s.name).join(', ');
    throw new RangeError(`unknown RepVGG variant "${name}"; known: ${known}`);
  }
  return spec;
}

/** Output channels of stages 0..4, with the official integer truncation int(64·a). */
export function stageWidths(spec: RepVGGSpec): [number, number, number, number, number] {
  const [a, b] = spec.widthMultiplier;
  const width = (base: number, multiplier: number): number => Math.floor(base * multiplier);
  return [Math.min(64, width(64, a)), width(64, a), width(128, a), width(256, a), width(512, b)];
}

/** Channels entering the classifier (the width of stage 4). */
export function featureChannels(spec: RepVGGSpec): number {
  return stageWidths(spec)[4];
}

/** Layer by layer: what each block of the network is. Throws on a spec that cannot be built. */
export function planModel(spec: RepVGGSpec): LayerPlan[] {
  checkSpec(spec);
  const widths = stageWidths(spec);
  const layers: LayerPlan[] = [];
  let channels = spec.inChannels ?? 3;
  let size = spec.inputSize;
  spec.depths.forEach((depth, stage) => {
    for (let indexInStage = 0; indexInStage < depth; indexInStage++) {
      const index = layers.length;
      const stride = indexInStage === 0 ? 2 : 1;
      const outChannels = widths[stage]!;
      const groups = spec.groups[index] ?? 1;
      if (channels % groups !== 0 || outChannels % groups !== 0) {
        throw new RangeError(`layer ${index}: groups = ${groups} must divide ${channels} → ${outChannels} channels`);
      }
      const outputSize = conv2dOutputSize(size, 3, stride, 1);
      layers.push({
        index,
        stage,
        indexInStage,
        key: stage === 0 ? 'stage0' : `stage${stage}.${indexInStage}`,
        inChannels: channels,
        outChannels,
        stride,
        groups,
        inputSize: size,
        outputSize,
        hasIdentity: channels === outChannels && stride === 1,
      });
      channels = outChannels;
      size = outputSize;
    }
  });
  return layers;
}

function checkSpec(spec: RepVGGSpec): void {
  const positiveInt = (v: number): boolean => Number.isInteger(v) && v >= 1;
  if (spec.depths.length !== 5 || !spec.depths.every(positiveInt)) {
    throw new RangeError(`${spec.name}: depths must be 5 positive integers (stages 0..4), got [${spec.depths.join(', ')}]`);
  }
  if (spec.depths[0] !== 1) throw new RangeError(`${spec.name}: stage 0 is a single block in RepVGG, got ${spec.depths[0]}`);
  const widths = stageWidths(spec);
  if (!widths.every(positiveInt)) {
    throw new RangeError(
      `${spec.name}: width multipliers (${spec.widthMultiplier.join(', ')}) give widths [${widths.join(', ')}]; every stage needs at least 1 channel`,
    );
  }
  if (!positiveInt(spec.numClasses)) throw new RangeError(`${spec.name}: numClasses must be a positive integer, got ${spec.numClasses}`);
  if (!positiveInt(spec.inputSize)) throw new RangeError(`${spec.name}: inputSize must be a positive integer, got ${spec.inputSize}`);
  if (!positiveInt(spec.inChannels ?? 3)) throw new RangeError(`${spec.name}: inChannels must be a positive integer`);
  for (const [layer, groups] of Object.entries(spec.groups)) {
    if (!positiveInt(groups)) throw new RangeError(`${spec.name}: layer ${layer} has groups = ${groups}`);
  }
}
