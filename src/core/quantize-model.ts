import type { DeployModelWeights } from './model.ts';
import { type RoundTripError, type ScaleMode, fakeQuantize, roundTripError, roundTripErrorByChannel } from './quantize.ts';

/**
 * A whole deploy network with INT8 weights, as a post-training quantizer without calibration
 * makes it: every layer's merged 3×3 kernel quantized (symmetric, per tensor or per output
 * channel, quantize.ts) and dequantized back to float32, which is what the INT8 network
 * effectively multiplies with. Biases and the classifier stay float32, so every difference in
 * the output comes from the folded kernels, where RepVGG's conversion puts the trouble.
 */
export interface QuantizedDeployModel {
  readonly mode: ScaleMode;
  readonly weights: DeployModelWeights;
  /** Per layer (block index), the kernel's round-trip error. */
  readonly layers: readonly LayerError[];
}

export interface LayerError extends RoundTripError {
  /**
   * The largest relative error of any one output channel: a channel whose range is far below
   * the layer's largest (one scale per tensor) rounds to a few codes or to zero, which the whole
   * kernel's error, dominated by its largest channel, does not show.
   */
  readonly worstChannel: number;
}

export function quantizeDeployModel(weights: DeployModelWeights, mode: ScaleMode): QuantizedDeployModel {
  const layers: LayerError[] = [];
  const blocks = weights.blocks.map((block) => {
    const kernel = fakeQuantize(block.kernel, mode);
    const worstChannel = Math.max(...roundTripErrorByChannel(block.kernel, kernel).map((e) => e.relative));
    layers.push({ ...roundTripError(block.kernel.data, kernel.data), worstChannel });
    return { ...block, kernel };
  });
  return { mode, weights: { ...weights, blocks }, layers };
}

/** The layer with the worst channel (largest relative error of one output channel), and that error. */
export function worstLayer(layers: readonly LayerError[]): { readonly layer: number; readonly worstChannel: number } {
  let layer = -1;
  let worstChannel = -Infinity;
  layers.forEach((e, i) => {
    if (e.worstChannel > worstChannel) [layer, worstChannel] = [i, e.worstChannel];
  });
  return { layer, worstChannel };
}
