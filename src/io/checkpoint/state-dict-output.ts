import { biasInto, foldBlock, kernelChannelsInto } from '../../core/convert-model.ts';
import type { DeployBlock, TrainBlock } from '../../core/block.ts';
import { type RepVGGSpec, planModel } from '../../core/family.ts';
import type { DeployModelWeights, LinearWeights, TrainModelWeights } from '../../core/model.ts';
import { deployStateDict, trainStateDict } from '../../core/state-dict.ts';
import { sizeOf } from '../../core/tensor.ts';
import { type Naming, renameKey } from './naming.ts';

/**
 * A state dict to write: the tensors' names, dtypes and shapes up front (a safetensors header,
 * a pickle and a zip layout need them before any data), then the bytes in the same order, in
 * chunks, so a writer never needs a second copy of the model. Keys and order are the official
 * repvgg.py's (state-dict.ts), renamed for timm when asked.
 */
export interface OutputTensor {
  readonly key: string;
  readonly dtype: 'float32' | 'int64';
  readonly shape: readonly number[];
}

/** Bytes of entry `index`. */
export interface OutputChunk {
  readonly index: number;
  readonly bytes: Uint8Array;
}

export interface StateDictOutput {
  readonly entries: readonly OutputTensor[];
  /**
   * Every entry's bytes, entry after entry in the order of `entries`, each as one or more
   * consecutive chunks. A chunk's memory may be reused two chunks later: use (or copy) it
   * before asking for the next-but-one.
   */
  chunks(): Iterable<OutputChunk> | AsyncIterable<OutputChunk>;
}

/**
 * A model's weights block by block, as the deploy output asks for them: the weights in memory,
 * or (the CLI's convert) a checkpoint still being read, so that reading the next block overlaps
 * converting and writing this one (read-checkpoint.ts, trainWeightsSource).
 */
export interface WeightsSource {
  readonly spec: RepVGGSpec;
  block(index: number): TrainBlock | DeployBlock | Promise<TrainBlock | DeployBlock>;
  linear(): LinearWeights | Promise<LinearWeights>;
}

/** Weights in memory as a source. */
export function weightsSource(weights: DeployModelWeights | TrainModelWeights): WeightsSource {
  return { spec: weights.spec, block: (i) => weights.blocks[i]!, linear: () => weights.linear };
}

/** Bytes per entry: a float32 or int64 tensor of its shape. */
export function entryBytes(entry: OutputTensor): number {
  return sizeOf(entry.shape) * (entry.dtype === 'int64' ? 8 : 4);
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
 * Floats per chunk of a layer converted while it is written (4 MiB): the chunk stays in the CPU
 * cache between the conversion, the CRC and the write, and two such chunks are the only memory
 * the conversion allocates, once per output. 1, 4 and 16 MiB measured alike on B3.
 */
export const CONVERT_CHUNK_FLOATS = 1 << 20;

export interface DeployOutputOptions {
  /** Milliseconds of conversion arithmetic, per call (a layer's kernel, then its bias). */
  readonly onConvert?: (layer: number, ms: number) => void;
  /** Floats per chunk (default CONVERT_CHUNK_FLOATS); tests make it small to split every layer. */
  readonly chunkFloats?: number;
}

/**
 * The deploy state dict (official `rbr_reparam` keys). From training-time weights it converts
 * as the writer asks for bytes, a few output channels at a time, into one reused buffer: the
 * deploy model never exists whole in memory. `onConvert` gets the milliseconds each layer's
 * conversion took (its arithmetic only, not the writing), for the CLI's report.
 */
export function deployStateDictOutput(
  weights: DeployModelWeights | TrainModelWeights | WeightsSource,
  naming: Naming = 'official',
  options: DeployOutputOptions = {},
): StateDictOutput {
  const source = 'blocks' in weights ? weightsSource(weights) : weights;
  const { onConvert, chunkFloats = CONVERT_CHUNK_FLOATS } = options;
  const channelsPerChunk = (perChannel: number) => Math.max(1, Math.floor(chunkFloats / perChannel));
  const layers = planModel(source.spec);
  if ('blocks' in weights) checkLayerCount(layers.length, weights.blocks.length);
  /** The floats of a layer's largest chunk: at most chunkFloats, unless one channel is more. */
  const largestChunk = ({ outChannels, inChannels, groups }: (typeof layers)[number]) =>
    Math.min(outChannels, channelsPerChunk((inChannels / groups) * 9)) * (inChannels / groups) * 9;
  const entries = deployStateDict(source.spec);
  const layerIndex = new Map(layers.map((l, i) => [l.key, i]));
  return {
    entries: entries.map((e) => ({ key: renameKey(e.key, naming), dtype: e.dtype, shape: e.shape })),
    async *chunks() {
      // Allocated once for the whole output, on the first training-time block; two of each, used
      // in turn, since a sink may still be writing the previous chunk (ByteSink.write).
      let scratch: [Float32Array, Float32Array] | null = null;
      let bias: [Float32Array, Float32Array] | null = null;
      let turn = 0;
      for (const [index, entry] of entries.entries()) {
        const m = /^(.*)\.rbr_reparam\.(weight|bias)$/.exec(entry.key);
        if (!m) {
          const linear = await source.linear();
          yield { index, bytes: checked(entry, entry.key === 'linear.weight' ? linear.weight.data : linear.bias) };
          continue;
        }
        const layer = layerIndex.get(m[1]!)!;
        const block = await source.block(layer);
        checkPlanned(layers[layer]!, block);
        const isWeight = m[2] === 'weight';
        if ('kernel' in block) {
          yield { index, bytes: checked(entry, isWeight ? block.kernel.data : block.bias) };
          continue;
        }
        const start = performance.now();
        const folded = foldBlock(block);
        if (!isWeight) {
          bias ??= pair(Math.max(...layers.map((l) => l.outChannels)));
          const out = bias[layer % 2]!.subarray(0, folded.outChannels);
          biasInto(folded, out);
          onConvert?.(layer, performance.now() - start);
          yield { index, bytes: bytesOf(out) };
          continue;
        }
        const perChannel = folded.perGroup * 9;
        scratch ??= pair(Math.max(...layers.map(largestChunk)));
        let spent = performance.now() - start;
        for (let first = 0, step = channelsPerChunk(perChannel); first < folded.outChannels; first += step) {
          const t = performance.now();
          const end = Math.min(folded.outChannels, first + step);
          const out = scratch[turn++ % 2]!.subarray(0, (end - first) * perChannel);
          kernelChannelsInto(block, folded, first, end, out);
          spent += performance.now() - t;
          yield { index, bytes: bytesOf(out) };
        }
        onConvert?.(layer, spent);
      }
    },
  };
}

/** A block is the shape the plan says (the scratch buffers are sized from the plan). */
function checkPlanned(layer: { key: string; outChannels: number; inChannels: number; groups: number }, block: TrainBlock | DeployBlock): void {
  const [out, perGroup] = kernelOf(block).shape;
  if (out !== layer.outChannels || perGroup !== layer.inChannels / layer.groups)
    throw new RangeError(
      `${layer.key}: a [${kernelOf(block).shape.join(', ')}] kernel where the plan has ${layer.outChannels} × ${layer.inChannels / layer.groups}`,
    );
}

const kernelOf = (block: TrainBlock | DeployBlock) => ('kernel' in block ? block.kernel : block.dense.kernel);
const pair = (floats: number): [Float32Array, Float32Array] => [new Float32Array(floats), new Float32Array(floats)];

function setLinear(values: Map<string, Float32Array | BigInt64Array>, weights: DeployModelWeights | TrainModelWeights): void {
  values.set('linear.weight', weights.linear.weight.data);
  values.set('linear.bias', weights.linear.bias);
}

function checkLayerCount(planned: number, actual: number): void {
  if (planned !== actual) throw new RangeError(`the weights have ${actual} blocks but their spec plans ${planned}`);
}

function output(
  entries: readonly { key: string; shape: readonly number[]; dtype: 'float32' | 'int64' }[],
  naming: Naming,
  value: (officialKey: string) => Float32Array | BigInt64Array | undefined,
): StateDictOutput {
  return {
    entries: entries.map((e) => ({ key: renameKey(e.key, naming), dtype: e.dtype, shape: e.shape })),
    *chunks() {
      for (const [index, entry] of entries.entries()) yield { index, bytes: checked(entry, value(entry.key)) };
    },
  };
}

/** The bytes of an existing array, after checking it is the entry's size and type. */
function checked(entry: { key: string; shape: readonly number[]; dtype: 'float32' | 'int64' }, data: Float32Array | BigInt64Array | undefined): Uint8Array {
  const expected = sizeOf(entry.shape);
  if (!data || data.length !== expected || (entry.dtype === 'int64') !== data instanceof BigInt64Array) {
    throw new RangeError(`${entry.key}: the weights hold ${data ? `${data.length} values` : 'nothing'} where ${expected} ${entry.dtype} are expected`);
  }
  return bytesOf(data);
}

/** A typed array's bytes, without copying. */
export function bytesOf(data: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
