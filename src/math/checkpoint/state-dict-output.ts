import { convertBlock } from '../convert-model.ts';
import type { DeployBlock } from '../block.ts';
import { planModel } from '../family.ts';
import type { DeployModelWeights, TrainModelWeights } from '../model.ts';
import { deployStateDict, trainStateDict } from '../state-dict.ts';
import { sizeOf } from '../tensor.ts';
import { type Naming, renameKey } from './naming.ts';

/**
 * A state dict to write: the tensors' names, dtypes and shapes up front (a safetensors header
 * and a pickle need them before any data), then the values in the same order, produced one at a
 * time so a writer never needs a second copy of the model. Keys and order are the official
 * repvgg.py's (state-dict.ts), renamed for timm when asked.
 */
export interface OutputTensor {
  readonly key: string;
  readonly dtype: 'float32' | 'int64';
  readonly shape: readonly number[];
}

export interface StateDictOutput {
  readonly entries: readonly OutputTensor[];
  /** The values, in the order of `entries`; may be iterated once. */
  values(): Iterable<Float32Array | BigInt64Array>;
}

export type OutputForm = 'train' | 'deploy';

/**
 * The training-time state dict (official `RepVGG-*-train.pth` layout). num_batches_tracked is
 * written as 0: the weight structures do not keep it, and nothing reads it (BN momentum is set).
 */
export function trainStateDictOutput(weights: TrainModelWeights, naming: Naming = 'official'): StateDictOutput {
  const values = new Map<string, Float32Array | BigInt64Array>();
  const layers = planModel(weights.spec);
  checkLayerCount(layers.length, weights.blocks.length);
  layers.forEach(({ key }, i) => {
    const block = weights.blocks[i]!;
    const bn = (prefix: string, p: { gamma: Float32Array; beta: Float32Array; mean: Float32Array; variance: Float32Array }) => {
      values.set(`${prefix}.weight`, p.gamma);
      values.set(`${prefix}.bias`, p.beta);
      values.set(`${prefix}.running_mean`, p.mean);
      values.set(`${prefix}.running_var`, p.variance);
      values.set(`${prefix}.num_batches_tracked`, new BigInt64Array(1));
    };
    values.set(`${key}.rbr_dense.conv.weight`, block.dense.kernel.data);
    bn(`${key}.rbr_dense.bn`, block.dense.bn);
    values.set(`${key}.rbr_1x1.conv.weight`, block.oneByOne.kernel.data);
    bn(`${key}.rbr_1x1.bn`, block.oneByOne.bn);
    if (block.identity) bn(`${key}.rbr_identity`, block.identity);
  });
  setLinear(values, weights);
  return output(trainStateDict(weights.spec), naming, (key) => values.get(key));
}

/**
 * The deploy state dict (official `rbr_reparam` keys). From training-time weights it converts
 * layer by layer as the writer asks for values: only one converted layer exists at a time.
 */
export function deployStateDictOutput(weights: DeployModelWeights | TrainModelWeights, naming: Naming = 'official'): StateDictOutput {
  const layers = planModel(weights.spec);
  checkLayerCount(layers.length, weights.blocks.length);
  const layerIndex = new Map(layers.map((l, i) => [l.key, i]));
  const head = new Map<string, Float32Array>();
  setLinear(head, weights);
  let cached: { index: number; block: DeployBlock } | null = null;
  const deployBlock = (index: number): DeployBlock => {
    const block = weights.blocks[index]!;
    if ('kernel' in block) return block;
    if (cached?.index !== index) cached = { index, block: convertBlock(block) };
    return cached.block;
  };
  return output(deployStateDict(weights.spec), naming, (key) => {
    const m = /^(.*)\.rbr_reparam\.(weight|bias)$/.exec(key);
    if (!m) return head.get(key);
    const block = deployBlock(layerIndex.get(m[1]!)!);
    return m[2] === 'weight' ? block.kernel.data : block.bias;
  });
}

function setLinear(values: Map<string, Float32Array | BigInt64Array>, weights: DeployModelWeights | TrainModelWeights): void {
  values.set('linear.weight', weights.linear.weight.data);
  values.set('linear.bias', weights.linear.bias);
}

function checkLayerCount(planned: number, actual: number): void {
  if (planned !== actual) throw new RangeError(`the weights have ${actual} blocks but their spec plans ${planned}`);
}

function output(entries: readonly { key: string; shape: readonly number[]; dtype: 'float32' | 'int64' }[], naming: Naming, value: (officialKey: string) => Float32Array | BigInt64Array | undefined): StateDictOutput {
  return {
    entries: entries.map((e) => ({ key: renameKey(e.key, naming), dtype: e.dtype, shape: e.shape })),
    *values() {
      for (const entry of entries) {
        const data = value(entry.key);
        const expected = sizeOf(entry.shape);
        if (!data || data.length !== expected || (entry.dtype === 'int64') !== data instanceof BigInt64Array) {
          throw new RangeError(`${entry.key}: the weights hold ${data ? `${data.length} values` : 'nothing'} where ${expected} ${entry.dtype} are expected`);
        }
        yield data;
      }
    },
  };
}

/** A typed array's bytes, without copying. */
export function bytesOf(data: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
