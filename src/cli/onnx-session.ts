import type { Tensor } from '../core/tensor.ts';

/**
 * Inference on the command line with onnxruntime-node (native, multi-threaded: a B3 image in well
 * under a second where the TypeScript reference forward takes minutes). Loaded on first use, so the
 * other commands work where only the site's dependencies are installed.
 */

type OrtNode = typeof import('onnxruntime-node');
type InferenceSession = import('onnxruntime-node').InferenceSession;

async function loadOrt(): Promise<OrtNode> {
  try {
    return await import('onnxruntime-node');
  } catch (error) {
    throw new Error(
      `running a model needs onnxruntime-node (a development dependency: npm ci installs it), which could not be loaded: ${(error as Error).message}`,
    );
  }
}

export interface LoadedOnnx {
  readonly session: InferenceSession;
  readonly ort: OrtNode;
}

/** A session on ONNX bytes (a graph built in memory) or a file; `what` names it in messages. */
export async function openOnnx(model: Uint8Array | string, what: string): Promise<LoadedOnnx> {
  const ort = await loadOrt();
  try {
    const session = typeof model === 'string' ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
    return { session, ort };
  } catch (error) {
    throw new Error(`${what} is not an ONNX model ONNX Runtime can load: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Checks that the model takes one image [1 or batch, 3, side, side] at this side and returns
 * its first output, which must be [1, classes] logits.
 */
export async function runImage(loaded: LoadedOnnx, input: Tensor, what: string): Promise<Float32Array> {
  const { session, ort } = loaded;
  const [meta] = session.inputMetadata;
  if (!meta || session.inputNames.length !== 1) throw new Error(`${what} has ${session.inputNames.length} inputs; an image classifier has one`);
  if (meta.isTensor) {
    const [n, c, h, w] = meta.shape;
    const side = input.shape[3]!;
    const fixed = (d: number | string | undefined, want: number) => typeof d !== 'number' || d === want;
    if (meta.shape.length !== 4 || !fixed(n, 1) || !fixed(c, 3))
      throw new Error(`${what} takes input [${meta.shape.join(', ')}], not one RGB image [batch, 3, height, width]`);
    if (!fixed(h, side) || !fixed(w, side)) {
      throw new Error(
        `${what} takes ${String(h)}×${String(w)} px images, but the official evaluation feeds a ${side}×${side} centre crop: export it for ${side} px (repvgg convert … --input-size ${side})`,
      );
    }
  }
  const outputs = await session.run({ [meta.name]: new ort.Tensor('float32', input.data, [...input.shape]) });
  const logits = outputs[session.outputNames[0]!];
  if (logits?.type !== 'float32' || logits.dims.length !== 2 || logits.dims[0] !== 1) {
    throw new Error(`${what} returned ${logits ? `${logits.type} [${logits.dims.join(', ')}]` : 'nothing'}, not logits [1, classes]`);
  }
  return new Float32Array(logits.data as Float32Array);
}
