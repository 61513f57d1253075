import { type RepVGGSpec, featureChannels, planModel } from './family.ts';

/**
 * The tensors of a checkpoint, by the official repvgg.py names, with shapes, without values.
 * Lets the counts be checked against an independent listing, and tells loaders and exporters
 * what to expect.
 */
export interface StateDictEntry {
  readonly key: string;
  readonly shape: readonly number[];
  /** 'parameter' is learnable; 'buffer' is BN running statistics and num_batches_tracked. */
  readonly kind: 'parameter' | 'buffer';
  readonly dtype: 'float32' | 'int64';
}

const parameter = (key: string, shape: number[]): StateDictEntry => ({ key, shape, kind: 'parameter', dtype: 'float32' });
const buffer = (key: string, shape: number[]): StateDictEntry => ({ key, shape, kind: 'buffer', dtype: 'float32' });

function batchNormEntries(prefix: string, channels: number): StateDictEntry[] {
  return [
    parameter(`${prefix}.weight`, [channels]), // γ
    parameter(`${prefix}.bias`, [channels]), // β
    buffer(`${prefix}.running_mean`, [channels]), // μ
    buffer(`${prefix}.running_var`, [channels]), // σ²
    { key: `${prefix}.num_batches_tracked`, shape: [], kind: 'buffer', dtype: 'int64' },
  ];
}

function linearEntries(spec: RepVGGSpec): StateDictEntry[] {
  return [parameter('linear.weight', [spec.numClasses, featureChannels(spec)]), parameter('linear.bias', [spec.numClasses])];
}

/** Training-time checkpoint (RepVGG-*-train.pth), blocks in the official registration order. */
export function trainStateDict(spec: RepVGGSpec): StateDictEntry[] {
  const entries: StateDictEntry[] = [];
  for (const layer of planModel(spec)) {
    const { key, inChannels, outChannels, groups } = layer;
    if (layer.hasIdentity) entries.push(...batchNormEntries(`${key}.rbr_identity`, outChannels));
    entries.push(parameter(`${key}.rbr_dense.conv.weight`, [outChannels, inChannels / groups, 3, 3]));
    entries.push(...batchNormEntries(`${key}.rbr_dense.bn`, outChannels));
    entries.push(parameter(`${key}.rbr_1x1.conv.weight`, [outChannels, inChannels / groups, 1, 1]));
    entries.push(...batchNormEntries(`${key}.rbr_1x1.bn`, outChannels));
  }
  return [...entries, ...linearEntries(spec)];
}

/** Deploy checkpoint: one 3×3 conv with bias per block (rbr_reparam), then the linear layer. */
export function deployStateDict(spec: RepVGGSpec): StateDictEntry[] {
  const entries: StateDictEntry[] = [];
  for (const { key, inChannels, outChannels, groups } of planModel(spec)) {
    entries.push(parameter(`${key}.rbr_reparam.weight`, [outChannels, inChannels / groups, 3, 3]));
    entries.push(parameter(`${key}.rbr_reparam.bias`, [outChannels]));
  }
  return [...entries, ...linearEntries(spec)];
}
