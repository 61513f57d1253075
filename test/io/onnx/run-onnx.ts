import * as ort from 'onnxruntime-node';
import type { Tensor } from '../../../src/core/tensor.ts';

/** One run of an ONNX file or bytes in onnxruntime-node: input "input", output "logits". */
export async function runOnnx(model: string | Uint8Array, x: Tensor, level: 'disabled' | 'all' = 'all'): Promise<{ dims: number[]; data: Float32Array }> {
  const options = { graphOptimizationLevel: level };
  // Two overloads (a path, or bytes): TypeScript needs them called apart.
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
  try {
    const out = (await session.run({ input: new ort.Tensor('float32', x.data, [...x.shape]) }))['logits']!;
    return { dims: [...out.dims], data: new Float32Array(out.data as Float32Array) };
  } finally {
    await session.release();
  }
}
