import { convertModel } from '../../core/convert-model.ts';
import { type RepVGGSpec, getVariant } from '../../core/family.ts';
import type { DeployModelWeights, TrainModelWeights } from '../../core/model.ts';
import { type LoadOptions, lazyWeights, loadDeployWeights, loadTrainWeights } from './assemble.ts';
import type { WeightsSource } from './state-dict-output.ts';
import { type DType, isFloat } from './dtype.ts';
import { CheckpointError, formatName, guardRead } from './errors.ts';
import type { ByteSource, CheckpointFile, CheckpointFormat, TensorRecord } from './file.ts';
import { describeArchitecture, firstMismatch, inferSpec, knownVariant } from './infer.ts';
import { type Form, type Naming, recognizeNaming, renameKey } from './naming.ts';
import { openLegacyPth } from './legacy-reader.ts';
import { openPth } from './pth-reader.ts';
import { openSafetensors } from './safetensors-reader.ts';
import { sniffFormat } from './sniff.ts';

/**
 * Reading a RepVGG checkpoint from a Blob or File (in Node: `await fs.openAsBlob(path)`):
 *   1. sniff the format from the first bytes; open it (zip directory + pickle, or JSON header),
 *   2. recognize the naming and form, and map the keys to the official names,
 *   3. infer the architecture from the shapes (or check the variant asked for),
 *   4. read the tensors one at a time into TrainModelWeights or DeployModelWeights.
 * Steps 1–3 read only headers; inspectCheckpoint stops there.
 */
export interface ReadOptions extends LoadOptions {
  /** The variant the file should be (-a): a name ("B1g2", "RepVGG-A0", "repvgg_b3") or a spec. Checked, with the first mismatch named. */
  readonly variant?: string | RepVGGSpec;
  /** Input side stored in the spec (checkpoints do not record it). Default 224. */
  readonly inputSize?: number;
}

export interface CheckpointInfo {
  readonly format: CheckpointFormat;
  readonly naming: Naming;
  readonly form: Form;
  /** Found under this key of a wrapping dict ('model', 'state_dict'), or null. */
  readonly wrapper: string | null;
  /** Stripped from every key ('module.'), or ''. */
  readonly prefix: string;
  /** The architecture; spec.name is a known variant's name, or "RepVGG (custom)". */
  readonly spec: RepVGGSpec;
  /** The known variant's name, or null for a custom architecture. */
  readonly variant: string | null;
  /** "depths 1-2-4-14-1, widths 48-48-96-192-1280, 1000 classes" */
  readonly architecture: string;
  /** Element types of the weights in the file (converted to float32 on reading). */
  readonly dtypes: readonly DType[];
  /** Tensors in the file that belong to the model, and the bytes that will be read. */
  readonly tensorCount: number;
  readonly weightBytes: number;
}

export type LoadedCheckpoint = CheckpointInfo &
  ({ readonly form: 'train'; readonly weights: TrainModelWeights } | { readonly form: 'deploy'; readonly weights: DeployModelWeights });

interface Identified {
  readonly info: CheckpointInfo;
  /** Official key → record. */
  readonly records: ReadonlyMap<string, TensorRecord>;
}

async function openFile(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  const format = await sniffFormat(blob, signal);
  if (format === 'pth') return openPth(blob, signal);
  if (format === 'pth-legacy') return openLegacyPth(blob, signal);
  return openSafetensors(blob, signal);
}

async function identify(blob: ByteSource, options: ReadOptions): Promise<Identified> {
  const file = await openFile(blob, options.signal);
  const recognized = recognizeNaming([...file.tensors.keys()]);
  const { naming, form, prefix, fileKeys } = recognized;
  const records = new Map<string, TensorRecord>();
  for (const [official, fileKey] of fileKeys) records.set(official, file.tensors.get(fileKey)!);
  const display = (key: string) => formatName(fileKeys.get(key) ?? prefix + renameKey(key, naming));
  const inputSize = options.inputSize ?? 224;

  let spec: RepVGGSpec;
  if (options.variant !== undefined) {
    const wanted = typeof options.variant === 'string' ? { ...getVariant(options.variant), inputSize } : options.variant;
    const mismatch = firstMismatch(records, wanted, form, display);
    if (mismatch) throw new CheckpointError('wrong-variant', `${mismatch} — ${guess(records, form, inputSize)}`);
    spec = wanted;
  } else {
    spec = inferSpec(records, form, { inputSize, display });
    const mismatch = firstMismatch(records, spec, form, display);
    if (mismatch) throw new CheckpointError('wrong-network', `this is not a plain RepVGG checkpoint: ${mismatch}`);
  }

  const used = [...records.entries()].filter(([key]) => !key.endsWith('.num_batches_tracked'));
  const info: CheckpointInfo = {
    format: file.format,
    naming,
    form,
    wrapper: file.wrapper,
    prefix,
    spec,
    variant: knownVariant(spec),
    architecture: describeArchitecture(spec),
    dtypes: [...new Set(used.map(([, r]) => r.dtype).filter(isFloat))],
    tensorCount: records.size,
    weightBytes: used.reduce((sum, [, r]) => sum + r.byteLength, 0),
  };
  return { info, records };
}

/** For a -a mismatch: what the file looks like instead, when that can be told. */
function guess(records: ReadonlyMap<string, TensorRecord>, form: Form, inputSize: number): string {
  try {
    const spec = inferSpec(records, form, { inputSize });
    if (firstMismatch(records, spec, form) !== null) return 'the file does not look like a plain RepVGG';
    return knownVariant(spec) ? `is this checkpoint ${spec.name}?` : `the file looks like a custom RepVGG (${describeArchitecture(spec)})`;
  } catch {
    return 'the file does not look like a plain RepVGG';
  }
}

/** What the file is (format, naming, form, architecture), reading only its headers. */
export async function inspectCheckpoint(blob: ByteSource, options: ReadOptions = {}): Promise<CheckpointInfo> {
  return guardRead(async () => (await identify(blob, options)).info, options.signal);
}

/** The whole checkpoint, as the project's weight structures. Throws CheckpointError on any bad input. */
export async function readCheckpoint(blob: ByteSource, options: ReadOptions = {}): Promise<LoadedCheckpoint> {
  return guardRead(async (): Promise<LoadedCheckpoint> => {
    const { info, records } = await identify(blob, options);
    if (info.form === 'train') return { ...info, form: 'train', weights: await loadTrainWeights(records, info.spec, options) };
    return { ...info, form: 'deploy', weights: await loadDeployWeights(records, info.spec, options) };
  }, options.signal);
}

/**
 * The checkpoint's headers read and checked, as for inspectCheckpoint, and its weights as a
 * source read block by block when a writer asks for them (assemble.ts, lazyWeights): the CLI's
 * convert reads, converts and writes in one overlapping pass, never holding the whole model.
 */
export async function openCheckpoint(blob: ByteSource, options: ReadOptions = {}): Promise<{ info: CheckpointInfo; weights: WeightsSource }> {
  return guardRead(async () => {
    const { info, records } = await identify(blob, options);
    const lazy = lazyWeights(records, info.spec, info.form, options);
    const weights: WeightsSource = {
      spec: lazy.spec,
      block: (i) => guardRead(async () => lazy.block(i), options.signal),
      linear: () => guardRead(async () => lazy.linear(), options.signal),
    };
    return { info, weights };
  }, options.signal);
}

/** The deploy model of a loaded checkpoint: converted when it is training-time, as it is otherwise. */
export function deployWeightsOf(loaded: LoadedCheckpoint, onProgress?: (done: number, total: number) => void): DeployModelWeights {
  return loaded.form === 'train' ? convertModel(loaded.weights, onProgress ? { onProgress } : {}) : loaded.weights;
}
