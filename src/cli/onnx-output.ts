import { type ByteSink, CoalescingSink } from '../io/checkpoint/byte-sink.ts';
import type { DeployModelWeights } from '../core/model.ts';
import { type ExportInfo, type OnnxModel, deployOnnxModel, encodeParts } from '../io/onnx/index.ts';

/**
 * ONNX files, for `repvgg export` and `repvgg convert … -o model.onnx`. The encoder hands the
 * model over in parts whose weight parts are views of the weight arrays, so writing part by part
 * never makes a second copy of half a gigabyte.
 */

/** Writes `model` to `sink` part by part; returns its size in bytes. */
export async function writeOnnxTo(sink: ByteSink, model: OnnxModel): Promise<number> {
  const { parts, byteLength } = encodeParts(model);
  const coalesced = new CoalescingSink(sink); // the many small protobuf parts between the weights
  let at = 0;
  for (const part of parts) {
    await coalesced.write(part, at);
    at += part.byteLength;
  }
  await coalesced.drain();
  return byteLength;
}

/** The deploy graph of `weights` (one 3×3 Conv with bias + Relu per block). */
export function writeDeployOnnxTo(sink: ByteSink, weights: DeployModelWeights, info: ExportInfo = {}): Promise<number> {
  return writeOnnxTo(sink, deployOnnxModel(weights, info));
}
