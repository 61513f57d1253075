import type { DeployModelWeights, TrainModelWeights } from '../model.ts';
import type { Naming } from './naming.ts';
import { type PthWriteOptions, writePth } from './pth-writer.ts';
import { writeSafetensors } from './safetensors-writer.ts';
import { type OutputForm, type StateDictOutput, deployStateDictOutput, trainStateDictOutput } from './state-dict-output.ts';

/** Writing weights as a checkpoint file, in any environment: to a WritableStream, or into a Blob. */
export type WriteFormat = 'pth' | 'safetensors';

export interface WriteOptions extends PthWriteOptions {
  /** 'deploy' (rbr_reparam, converting on the fly from training-time weights) or 'train' (needs training-time weights). */
  readonly form: OutputForm;
  /** Key names: 'official' (default, repvgg.py) or 'timm'. */
  readonly naming?: Naming;
}

export function isTrainWeights(weights: TrainModelWeights | DeployModelWeights): weights is TrainModelWeights {
  return weights.blocks.length > 0 && 'dense' in weights.blocks[0]!;
}

export function stateDictOutput(weights: TrainModelWeights | DeployModelWeights, options: WriteOptions): StateDictOutput {
  const naming = options.naming ?? 'official';
  if (options.form === 'deploy') return deployStateDictOutput(weights, naming);
  if (!isTrainWeights(weights)) throw new RangeError('a training-time checkpoint needs training-time weights; deploy weights cannot be split back into branches');
  return trainStateDictOutput(weights, naming);
}

export async function writeCheckpointTo(weights: TrainModelWeights | DeployModelWeights, sink: WritableStream<Uint8Array>, format: WriteFormat, options: WriteOptions): Promise<void> {
  const output = stateDictOutput(weights, options);
  if (format === 'pth') await writePth(output, sink, options);
  else await writeSafetensors(output, sink);
}

/** The checkpoint as a Blob, e.g. for a download link on the site. */
export async function checkpointBlob(weights: TrainModelWeights | DeployModelWeights, format: WriteFormat, options: WriteOptions): Promise<Blob> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const blob = new Response(readable).blob();
  await writeCheckpointTo(weights, writable, format, options);
  return blob;
}
