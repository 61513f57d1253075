import { createRng } from '../../core/random.ts';
import type { DensityCase, DensityShape } from '../../core/conv-density.ts';
import { type OnnxGraph, GraphBuilder, intAttr, intsAttr } from './graph.ts';
import type { OnnxModel } from './encode.ts';
import { IR_VERSION, OPSET_VERSION, PRODUCER_NAME, PRODUCER_VERSION } from './export.ts';

/**
 * The graphs of "Table 1 on your device": one convolution per graph, k×k for k = 1, 3, 5, 7, on
 * the same input, to measure computational density (multiply-adds per second) as the paper's
 * Table 1 does on a GPU; and "same work, fragmented": one 3×3 convolution against the same
 * multiply-adds split into several convolutions over slices of the output channels, whose
 * results are concatenated. Input "input" [1, C, S, S], output "logits" (the name the runtime's
 * sessions read). Stride 1, padding k/2 (the map keeps its size), no bias.
 */

/** The ONNX model of one case, weights drawn from a seeded N(0, 1/fan-in) so outputs stay O(1). */
export function densityModel(shape: DensityShape, c: DensityCase, seed = 1): OnnxModel {
  const { channels, side } = shape;
  const g = new GraphBuilder([{ name: 'input', dims: [1, channels, side, side] }]);
  const rng = createRng(seed);
  const part = channels / c.fragments;
  if (!Number.isInteger(part)) throw new RangeError(`${c.fragments} fragments do not divide ${channels} channels`);
  const scale = 1 / Math.sqrt(channels * c.kernel * c.kernel);
  const outputs: string[] = [];
  for (let f = 0; f < c.fragments; f++) {
    const dims = [part, channels, c.kernel, c.kernel];
    const weight = rng.fillNormal(new Float32Array(part * channels * c.kernel * c.kernel));
    for (let i = 0; i < weight.length; i++) weight[i]! *= scale;
    const pad = (c.kernel - 1) / 2;
    outputs.push(
      g.node(
        'Conv',
        `conv${f}`,
        ['input', g.initializer(`conv${f}.weight`, dims, weight)],
        [
          intsAttr('kernel_shape', [c.kernel, c.kernel]),
          intsAttr('strides', [1, 1]),
          intsAttr('pads', [pad, pad, pad, pad]),
          intsAttr('dilations', [1, 1]),
          intAttr('group', 1),
        ],
      ),
    );
  }
  const last = c.fragments === 1 ? outputs[0]! : g.node('Concat', 'concat', outputs, [intAttr('axis', 1)]);
  const graph: OnnxGraph = g.build(`density-${c.id}`, last, { name: 'logits', dims: [1, channels, side, side] });
  return { graph, opsetVersion: OPSET_VERSION, irVersion: IR_VERSION, producerName: PRODUCER_NAME, producerVersion: PRODUCER_VERSION };
}
