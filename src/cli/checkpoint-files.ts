import { extname } from 'node:path';
import zlib from 'node:zlib';
import type { Naming } from '../io/checkpoint/naming.ts';
import { type CheckpointInfo, type LoadedCheckpoint, type ReadOptions, readCheckpoint } from '../io/checkpoint/read-checkpoint.ts';
import type { OutputForm, WeightsSource } from '../io/checkpoint/state-dict-output.ts';
import { type WriteFormat, isTrainWeights, writeCheckpointTo } from '../io/checkpoint/write-checkpoint.ts';
import { convertModel } from '../core/convert-model.ts';
import type { DeployModelWeights, TrainModelWeights } from '../core/model.ts';
import { UsageError } from './command.ts';
import { withFileSource } from './file-source.ts';
import { checkInputFile } from './input-file.ts';
import { writeDeployOnnxTo } from './onnx-output.ts';
import { type WriteFileOptions, writeOutputFile } from './output-file.ts';
import { formatBytes } from '../io/bytes.ts';

/**
 * Checkpoint files on disk, for the commands (convert, export, classify).
 * Reading goes through withFileSource (pread), so the file is read tensor by tensor, never whole.
 */

export type OutputKind = WriteFormat | 'onnx';

/** What an output path asks for, by its extension. */
export function outputKind(path: string): OutputKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.pth' || ext === '.pt') return 'pth';
  if (ext === '.safetensors') return 'safetensors';
  if (ext === '.onnx') return 'onnx';
  throw new UsageError(`cannot tell the output format from "${path}": use a .pth, .safetensors or .onnx file name`);
}

export async function readCheckpointFile(path: string, options: ReadOptions = {}): Promise<LoadedCheckpoint> {
  await checkInputFile(path);
  return withFileSource(path, (source) => readCheckpoint(source, options));
}

export interface WriteCheckpointOptions extends WriteFileOptions {
  /** 'deploy': one fused 3×3 conv per layer (rbr_reparam); 'train': the three branches (needs training-time weights). */
  readonly form: OutputForm;
  /** Key names of .pth/.safetensors output: 'official' (default) or 'timm'. */
  readonly naming?: Naming;
  /** Deploy form from training-time weights: milliseconds of conversion arithmetic, per call. */
  readonly onConvert?: (layer: number, ms: number) => void;
  /** Deploy form from training-time weights: floats converted per chunk (tests make it small). */
  readonly chunkFloats?: number;
}

/**
 * Write weights to `path` in the format its extension names: .pth (torch.save's format, read
 * back by torch.load(weights_only=True)), .safetensors, or .onnx (the deploy graph, input side
 * weights.spec.inputSize). A deploy .pth/.safetensors from training-time weights is converted
 * while it is written, a few channels at a time. Written through a temporary file and never
 * over an existing file unless options.force (output-file.ts). Returns the size in bytes.
 */
export async function writeCheckpoint(
  weights: TrainModelWeights | DeployModelWeights | WeightsSource,
  path: string,
  options: WriteCheckpointOptions,
): Promise<number> {
  const kind = outputKind(path);
  if (kind === 'onnx' && options.form !== 'deploy') throw new UsageError('an .onnx file holds the deploy graph only');
  return writeOutputFile(path, options, async (sink) => {
    if (kind === 'onnx') {
      if (!('blocks' in weights)) throw new RangeError('an .onnx file is written from weights in memory, not from a checkpoint being read');
      return writeDeployOnnxTo(sink, isTrainWeights(weights) ? convertModel(weights) : weights);
    }
    const archiveName = kind === 'pth' ? archiveNameFor(path) : undefined;
    return writeCheckpointTo(weights, sink, kind, {
      form: options.form,
      naming: options.naming ?? 'official',
      ...(typeof zlib.crc32 === 'function' ? { crc32: zlib.crc32 } : {}), // native since Node 20.15; else crc32.ts
      ...(archiveName ? { archiveName } : {}),
      ...(options.onConvert ? { onConvert: options.onConvert } : {}),
      ...(options.chunkFloats ? { chunkFloats: options.chunkFloats } : {}),
    });
  });
}

/** One line on what a checkpoint turned out to be: variant, architecture, form, naming, format, size. */
export function describeCheckpoint(c: CheckpointInfo): string {
  const form = c.form === 'train' ? 'training-time' : 'deploy';
  const where = [c.wrapper ? `under '${c.wrapper}'` : '', c.prefix ? `keys prefixed '${c.prefix}'` : ''].filter(Boolean).join(', ');
  const format = { pth: 'PyTorch .pth', 'pth-legacy': 'PyTorch .pth (legacy format, before PyTorch 1.6)', safetensors: 'safetensors' }[c.format];
  return `${c.variant ?? 'a custom RepVGG'} (${c.architecture}), ${form}, ${c.naming} naming, ${format}${where ? `, ${where}` : ''}; ${formatBytes(c.weightBytes)} of ${c.dtypes.join('/')} weights`;
}

/** torch.save names the archive's folder after the file; keep that when the name is plain. */
function archiveNameFor(path: string): string | undefined {
  const base = path
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '');
  return /^[A-Za-z0-9_.-]+$/.test(base) ? base : undefined;
}
