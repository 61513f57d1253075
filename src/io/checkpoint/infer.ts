import { REPVGG_VARIANTS, type RepVGGSpec, planModel, stageWidths } from '../../core/family.ts';
import { type StateDictEntry, deployStateDict, trainStateDict } from '../../core/state-dict.ts';
import { type DType, isFloat } from './dtype.ts';
import { CheckpointError, formatShape } from './errors.ts';
import type { Form } from './naming.ts';

/**
 * The architecture of a checkpoint, read off its tensors' names and shapes alone:
 *   depths    how many blocks each stage has (stage1.0 … stage1.N-1),
 *   widths    each block's output channels (dim 0 of its 3×3 kernel),
 *   groups    input channels / dim 1 of the kernel ([O, I/g, 3, 3]),
 *   classes   dim 0 of linear.weight.
 * Strides are not stored anywhere; they follow RepVGG's rule (first block of a stage: 2).
 */

/** What inference needs of a tensor. Keys are official names. */
export interface TensorShape {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

export interface InferOptions {
  /** Input side for the spec (not stored in checkpoints). Default 224, as ImageNet. */
  readonly inputSize?: number;
  /** How to show an official key in messages: the file's own name for it. */
  readonly display?: (officialKey: string) => string;
}

const kernelSuffix = (form: Form) => (form === 'train' ? 'rbr_dense.conv.weight' : 'rbr_reparam.weight');

export function inferSpec(tensors: ReadonlyMap<string, TensorShape>, form: Form, options: InferOptions = {}): RepVGGSpec {
  const show = options.display ?? ((k: string) => k);
  const suffix = kernelSuffix(form);
  const kernel = (key: string) => tensors.get(`${key}.${suffix}`)?.shape;

  // Depths: stage0 is one block; stages 1–4 are numbered 0, 1, … without gaps.
  const depths: number[] = [kernel('stage0') ? 1 : 0];
  for (let stage = 1; stage <= 4; stage++) {
    let depth = 0;
    while (kernel(`stage${stage}.${depth}`)) depth++;
    depths.push(depth);
  }
  const missing = depths.indexOf(0);
  if (missing >= 0)
    throw new CheckpointError(
      'wrong-network',
      `the checkpoint has no ${show(missing === 0 ? `stage0.${suffix}` : `stage${missing}.0.${suffix}`)}: a RepVGG has five stages`,
    );

  // Widths and groups, block by block, following the channels through the network.
  const widths: number[] = [];
  const groups: Record<number, number> = {};
  // The stem's kernel says the input channels; it must be [out, in, 3, 3] before anything is read off it.
  const stem = kernel('stage0')!;
  if (stem.length !== 4 || stem[2] !== 3 || stem[3] !== 3 || !(stem[0]! >= 1) || !(stem[1]! >= 1)) {
    throw new CheckpointError(
      'corrupt',
      `${show(`stage0.${suffix}`)} has shape ${formatShape(stem)}, which is not a 3×3 kernel [out, in, 3, 3] with at least one input and one output channel`,
    );
  }
  let channels = stem[1]!;
  let layer = 0;
  depths.forEach((depth, stage) => {
    for (let i = 0; i < depth; i++, layer++) {
      const key = stage === 0 ? 'stage0' : `stage${stage}.${i}`;
      const shape = kernel(key)!;
      const [out, perGroup, kh, kw] = shape;
      const g = perGroup ? channels / perGroup : NaN;
      if (shape.length !== 4 || kh !== 3 || kw !== 3 || !Number.isInteger(g) || out! % g !== 0) {
        throw new CheckpointError(
          'corrupt',
          `${show(`${key}.${suffix}`)} has shape ${formatShape(shape)}, which is not a 3×3 kernel [out, in/groups, 3, 3] for ${channels} input channels`,
        );
      }
      if (i === 0) widths.push(out!);
      else if (out !== widths[stage])
        throw new CheckpointError(
          'wrong-network',
          `stage ${stage} changes width inside the stage (${widths[stage]} then ${out} channels at ${show(`${key}.${suffix}`)}); RepVGG keeps one width per stage`,
        );
      if (g > 1) groups[layer] = g;
      channels = out!;
    }
  });

  const head = tensors.get('linear.weight')?.shape;
  if (head?.length !== 2 || head[1] !== channels || !(head[0]! >= 1)) {
    throw new CheckpointError('wrong-network', `${show('linear.weight')} should be [classes, ${channels}], found ${head ? formatShape(head) : 'nothing'}`);
  }

  const multipliers = widthMultipliers(widths);
  if (!multipliers) {
    throw new CheckpointError('wrong-network', `the stage widths [${widths.join(', ')}] do not follow RepVGG's rule (min(64, 64a), 64a, 128a, 256a, 512b)`);
  }
  const inChannels = kernel('stage0')![1]!;
  const spec: RepVGGSpec = {
    name: 'RepVGG (custom)',
    depths: depths as unknown as RepVGGSpec['depths'],
    widthMultiplier: multipliers,
    groups,
    numClasses: head[0]!,
    inputSize: options.inputSize ?? 224,
    ...(inChannels === 3 ? {} : { inChannels }),
  };
  const known = REPVGG_VARIANTS.find((v) => sameArchitecture(v, spec));
  return known ? { ...known, inputSize: spec.inputSize } : spec;
}

/**
 * (a, b) with ⌊64a⌋, ⌊128a⌋, ⌊256a⌋ = widths 1–3, min(64, ⌊64a⌋) = width 0 and ⌊512b⌋ = width 4.
 * The smallest a that reaches all three is the largest lower bound; it works iff it stays under
 * every upper bound. All bounds are multiples of 1/256, exact in floating point.
 */
export function widthMultipliers(widths: readonly number[]): [number, number] | null {
  const [w0, w1, w2, w3, w4] = widths as [number, number, number, number, number];
  const a = Math.max(w1 / 64, w2 / 128, w3 / 256);
  const b = w4 / 512;
  const ok = Math.floor(64 * a) === w1 && Math.floor(128 * a) === w2 && Math.floor(256 * a) === w3 && Math.min(64, w1) === w0;
  return ok ? [a, b] : null;
}

/** Same layers (channels, strides, groups), same input channels and the same classifier. */
export function sameArchitecture(a: RepVGGSpec, b: RepVGGSpec): boolean {
  const layers = (s: RepVGGSpec) =>
    planModel(s)
      .map((l) => `${l.inChannels}>${l.outChannels}/${l.groups}`)
      .join(' ');
  return a.numClasses === b.numClasses && a.depths.join() === b.depths.join() && layers(a) === layers(b);
}

/** The name of the known variant `spec` is (same name and architecture), or null. */
export function knownVariant(spec: RepVGGSpec): string | null {
  return REPVGG_VARIANTS.some((v) => v.name === spec.name && sameArchitecture(v, spec)) ? spec.name : null;
}

/** "depths 1-2-4-14-1, widths 48-48-96-192-1280, groups 2 on layers 2, 4, 6, 1000 classes" */
export function describeArchitecture(spec: RepVGGSpec): string {
  const grouped = planModel(spec).filter((l) => l.groups > 1);
  const groups = grouped.length ? `, groups ${[...new Set(grouped.map((l) => l.groups))].join('/')} on layers ${grouped.map((l) => l.index).join(', ')}` : '';
  return `depths ${spec.depths.join('-')}, widths ${stageWidths(spec).join('-')}${groups}, ${spec.numClasses} classes`;
}

/**
 * The first difference between the file's tensors and what `spec` expects, in the official
 * registration order, as a sentence; null when they agree. num_batches_tracked may be absent
 * (nothing reads it); every other tensor must be there with the right shape and a fitting dtype.
 */
export function firstMismatch(
  tensors: ReadonlyMap<string, TensorShape>,
  spec: RepVGGSpec,
  form: Form,
  display: (key: string) => string = (k) => k,
): string | null {
  const expected: StateDictEntry[] = form === 'train' ? trainStateDict(spec) : deployStateDict(spec);
  for (const entry of expected) {
    const found = tensors.get(entry.key);
    if (!found) {
      if (entry.key.endsWith('.num_batches_tracked')) continue;
      return `${display(entry.key)} is missing; ${spec.name} has it (shape ${formatShape(entry.shape)})`;
    }
    if (found.shape.join() !== entry.shape.join())
      return `${display(entry.key)} has shape ${formatShape(found.shape)}; ${spec.name} expects ${formatShape(entry.shape)}`;
    if (isFloat(found.dtype) !== (entry.dtype === 'float32')) return `${display(entry.key)} is ${found.dtype}; ${spec.name} stores it as ${entry.dtype}`;
  }
  const known = new Set(expected.map((e) => e.key));
  const extra = [...tensors.keys()].find((k) => !known.has(k));
  return extra === undefined ? null : `the file has ${display(extra)}, which ${spec.name} does not have`;
}
