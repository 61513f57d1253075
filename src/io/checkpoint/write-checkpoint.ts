import type { DeployModelWeights, TrainModelWeights } from '../../core/model.ts';
import { BlobSink, type ByteSink, CoalescingSink } from './byte-sink.ts';
import type { Naming } from './naming.ts';
import { type PthWriteOptions, writePth } from './pth-writer.ts';
import { writeSafetensors } from './safetensors-writer.ts';
import { type OutputForm, type StateDictOutput, type WeightsSource, deployStateDictOutput, trainStateDictOutput } from './state-dict-output.ts';

/** Writing weights as a checkpoint file, in any environment: to a ByteSink (a file in Node), or into a Blob. */
export type WriteFormat = 'pth' | 'safetensors';

export interface WriteOptions extends PthWriteOptions {
  /** 'deploy' (rbr_reparam, converting on the fly from training-time weights) or 'train' (needs training-time weights). */
  readonly form: OutputForm;
  /** Key names: 'official' (default, repvgg.py) or 'timm'. */
  readonly naming?: Naming;
  /** Deploy form from training-time weights: milliseconds of conversion arithmetic, per call (layer, kernel or bias). */
  readonly onConvert?: (layer: number, ms: number) => void;
  /** Deploy form from training-time weights: floats converted per chunk (default CONVERT_CHUNK_FLOATS). */
  readonly chunkFloats?: number;
}

export function isTrainWeights(weights: TrainModelWeights | DeployModelWeights): weights is TrainModelWeights {
  return weights.blocks.length > 0 && 'dense' in weights.blocks[0]!;
}

/** `weights` may be a WeightsSource (read as it is written) for the deploy form. */
export function stateDictOutput(weights: TrainModelWeights | DeployModelWeights | WeightsSource, options: WriteOptions): StateDictOutput {
  const naming = options.naming ?? 'official';
  if (options.form === 'deploy') return deployStateDictOutput(weights, naming, options);
  if (!('blocks' in weights) || !isTrainWeights(weights))
    throw new RangeError('a training-time checkpoint needs training-time weights; deploy weights cannot be split back into branches');
  return trainStateDictOutput(weights, naming);
}

/** Writes the checkpoint to `sink` in one pass (small writes coalesced); returns its size in bytes. */
export async function writeCheckpointTo(
  weights: TrainModelWeights | DeployModelWeights | WeightsSource,
  sink: ByteSink,
  format: WriteFormat,
  options: WriteOptions,
): Promise<number> {
  const output = stateDictOutput(weights, options);
  const coalesced = new CoalescingSink(sink);
  const size = format === 'pth' ? await writePth(output, coalesced, options) : await writeSafetensors(output, coalesced);
  await coalesced.drain();
  return size;
}

/** The checkpoint as a Blob, e.g. for a download link on the site. */
export async function checkpointBlob(weights: TrainModelWeights | DeployModelWeights, format: WriteFormat, options: WriteOptions): Promise<Blob> {
  const sink = new BlobSink();
  await writeCheckpointTo(weights, sink, format, options);
  return sink.blob();
}
