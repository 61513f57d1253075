import type { DeployModelWeights } from '../math/model.ts';

/** Writes the deploy model as an ONNX graph to `path`. */
export type OnnxFileWriter = (weights: DeployModelWeights, path: string) => Promise<void>;

/**
 * The one place where `.onnx` output plugs in. The ONNX exporter is being built for issue 4;
 * when it lands, return a function that calls it here, and `repvgg convert … -o model.onnx`
 * (and writeCheckpoint for .onnx paths) work with no other change. Until then: null, and the
 * commands say clearly that .onnx output is not available yet, before reading any input.
 */
export function onnxFileWriter(): OnnxFileWriter | null {
  return null;
}
