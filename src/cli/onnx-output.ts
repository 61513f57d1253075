import { closeSync, openSync, writeSync } from 'node:fs';
import type { DeployModelWeights } from '../math/model.ts';
import { type ExportInfo, type OnnxModel, deployOnnxModel, encodeParts } from '../math/onnx/index.ts';

/**
 * ONNX files on disk, for `repvgg export` and `repvgg convert … -o model.onnx`. The encoder hands
 * the model over in parts whose weight parts are views of the weight arrays, so writing part by
 * part never makes a second copy of half a gigabyte.
 */

/** Writes `model` to `path` part by part; returns the file's size in bytes. */
export function writeOnnxFile(path: string, model: OnnxModel): number {
  const { parts, byteLength } = encodeParts(model);
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) {
      for (let written = 0; written < part.byteLength; ) written += writeSync(fd, part, written);
    }
  } finally {
    closeSync(fd);
  }
  return byteLength;
}

/** The deploy graph of `weights` (one 3×3 Conv with bias + Relu per block) as an .onnx file. */
export function writeDeployOnnx(weights: DeployModelWeights, path: string, info: ExportInfo = {}): number {
  return writeOnnxFile(path, deployOnnxModel(weights, info));
}
