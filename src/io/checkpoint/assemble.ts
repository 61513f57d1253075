import { BN_EPS, type BatchNormParams } from '../../core/batch-norm.ts';
import type { DeployBlock, TrainBlock } from '../../core/block.ts';
import { type LayerPlan, type RepVGGSpec, featureChannels, planModel } from '../../core/family.ts';
import type { DeployModelWeights, LinearWeights, TrainModelWeights } from '../../core/model.ts';
import { deployStateDict, trainStateDict } from '../../core/state-dict.ts';
import { tensor } from '../../core/tensor.ts';
import { CheckpointError, formatName, throwIfCancelled } from './errors.ts';
import type { TensorRecord } from './file.ts';
import type { Form } from './naming.ts';
import type { WeightsSource } from './state-dict-output.ts';

/**
 * The project's weight structures, filled from a checkpoint's tensors (official keys) one tensor
 * at a time, in the order of the network. Only float tensors are read; num_batches_tracked is not
 * (no conversion uses it). Shapes were checked against `spec` before this runs.
 */
export interface LoadOptions {
  readonly signal?: AbortSignal;
  /** After each tensor: bytes of the file read so far, and in all. */
  readonly onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

class TensorLoader {
  private done = 0;
  readonly total: number;
  private readonly records: ReadonlyMap<string, TensorRecord>;
  private readonly options: LoadOptions;

  constructor(records: ReadonlyMap<string, TensorRecord>, keys: readonly string[], options: LoadOptions) {
    this.records = records;
    this.options = options;
    this.total = keys.reduce((sum, key) => sum + (records.get(key)?.byteLength ?? 0), 0);
  }

  async floats(key: string): Promise<Float32Array> {
    throwIfCancelled(this.options.signal);
    const record = this.records.get(key);
    if (!record) throw new CheckpointError('corrupt', `tensor ${formatName(key)} is missing`);
    const data = await record.read(this.options.signal);
    if (!(data instanceof Float32Array)) throw new CheckpointError('unsupported', `tensor ${formatName(key)} is ${record.dtype}, not floating point`);
    this.done += record.byteLength;
    this.options.onProgress?.(this.done, this.total);
    return data;
  }

  /** The four tensors are read at once: each is its own byte range, and the reads overlap. */
  async batchNorm(prefix: string): Promise<BatchNormParams> {
    const [gamma, beta, mean, variance] = await Promise.all(['weight', 'bias', 'running_mean', 'running_var'].map((name) => this.floats(`${prefix}.${name}`)));
    return { gamma: gamma!, beta: beta!, mean: mean!, variance: variance!, eps: BN_EPS };
  }

  async linear(spec: RepVGGSpec): Promise<LinearWeights> {
    const weight = tensor([spec.numClasses, featureChannels(spec)], await this.floats('linear.weight'));
    return { weight, bias: await this.floats('linear.bias') };
  }
}

/** Keys whose values are read: every float tensor of the state dict for `spec` and `form`. */
function floatKeys(spec: RepVGGSpec, form: Form): string[] {
  const entries = form === 'train' ? trainStateDict(spec) : deployStateDict(spec);
  return entries.filter((e) => e.dtype === 'float32').map((e) => e.key);
}

/** One training-time block's tensors. */
async function loadTrainBlock(load: TensorLoader, layer: LayerPlan): Promise<TrainBlock> {
  const { key, stride, groups, inChannels, outChannels } = layer;
  const perGroup = inChannels / groups;
  // All of a block's reads are started together (pread on the thread pool overlaps them).
  const [dense, denseBn, oneByOne, oneByOneBn, identity] = await Promise.all([
    load.floats(`${key}.rbr_dense.conv.weight`),
    load.batchNorm(`${key}.rbr_dense.bn`),
    load.floats(`${key}.rbr_1x1.conv.weight`),
    load.batchNorm(`${key}.rbr_1x1.bn`),
    layer.hasIdentity ? load.batchNorm(`${key}.rbr_identity`) : null,
  ]);
  return {
    stride,
    groups,
    dense: { kernel: tensor([outChannels, perGroup, 3, 3], dense), bn: denseBn },
    oneByOne: { kernel: tensor([outChannels, perGroup, 1, 1], oneByOne), bn: oneByOneBn },
    identity,
  };
}

/** One deploy block's tensors. */
async function loadDeployBlock(load: TensorLoader, { key, stride, groups, inChannels, outChannels }: LayerPlan): Promise<DeployBlock> {
  const [kernel, bias] = await Promise.all([load.floats(`${key}.rbr_reparam.weight`), load.floats(`${key}.rbr_reparam.bias`)]);
  return { stride, groups, kernel: tensor([outChannels, inChannels / groups, 3, 3], kernel), bias };
}

export async function loadTrainWeights(records: ReadonlyMap<string, TensorRecord>, spec: RepVGGSpec, options: LoadOptions = {}): Promise<TrainModelWeights> {
  const load = new TensorLoader(records, floatKeys(spec, 'train'), options);
  const blocks: TrainBlock[] = [];
  for (const layer of planModel(spec)) blocks.push(await loadTrainBlock(load, layer));
  return { spec, blocks, linear: await load.linear(spec) };
}

export async function loadDeployWeights(records: ReadonlyMap<string, TensorRecord>, spec: RepVGGSpec, options: LoadOptions = {}): Promise<DeployModelWeights> {
  const load = new TensorLoader(records, floatKeys(spec, 'deploy'), options);
  const blocks: DeployBlock[] = [];
  for (const layer of planModel(spec)) blocks.push(await loadDeployBlock(load, layer));
  return { spec, blocks, linear: await load.linear(spec) };
}

/**
 * The checkpoint's weights as a source a writer pulls from, block by block, never all in memory:
 * a block is read when first asked for and the next one's reading starts at once, so reading the
 * file overlaps converting and writing. Reads stay in file order, one at a time.
 */
export function lazyWeights(records: ReadonlyMap<string, TensorRecord>, spec: RepVGGSpec, form: Form, options: LoadOptions = {}): WeightsSource {
  const load = new TensorLoader(records, floatKeys(spec, form), options);
  const layers = planModel(spec);
  let chain: Promise<unknown> = Promise.resolve();
  const read = <T>(next: () => Promise<T>): Promise<T> => {
    const p = chain.then(next);
    chain = p.catch(() => undefined); // a failed read is reported to whoever asks for that block
    return p;
  };
  const pending = new Map<number, Promise<TrainBlock | DeployBlock>>();
  const start = (i: number) => {
    if (i >= layers.length || pending.has(i)) return;
    const p = read<TrainBlock | DeployBlock>(() => (form === 'train' ? loadTrainBlock(load, layers[i]!) : loadDeployBlock(load, layers[i]!)));
    p.catch(() => undefined); // read ahead: nobody may ask for it (a failure before it)
    pending.set(i, p);
  };
  return {
    spec,
    block(i) {
      start(i);
      const p = pending.get(i)!;
      for (const k of pending.keys()) if (k < i) pending.delete(k); // blocks before i are done with
      start(i + 1);
      return p;
    },
    linear: () => read(() => load.linear(spec)),
  };
}
