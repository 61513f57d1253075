import type { BatchNormParams } from '../../core/batch-norm.ts';
import { type RepVGGSpec, planModel } from '../../core/family.ts';
import type { DeployModelWeights, LinearWeights, TrainModelWeights } from '../../core/model.ts';
import { GraphBuilder, type OnnxGraph, floatAttr, intAttr, intsAttr } from './graph.ts';

/**
 * RepVGG as ONNX graphs. Tensor names are the official checkpoint keys (stage1.0.rbr_dense.conv.weight,
 * ...), node names their module paths, so a file opened in Netron reads like repvgg.py.
 *
 * Training-time block:  Conv3×3 → BatchNormalization ┐
 *                       Conv1×1 → BatchNormalization ├ Add → (Add) → Relu
 *                       BatchNormalization (identity)┘   (only where in == out and stride 1)
 * Deploy block:         Conv3×3 with bias → Relu
 * Both end in GlobalAveragePool → Flatten → Gemm (the linear layer, weight [classes, features]).
 */

/** Input and output names the page, the CLI and the tests rely on. */
export const INPUT_NAME = 'input';
export const OUTPUT_NAME = 'logits';
/** The symbolic batch dimension: any batch size runs. */
export const BATCH_DIM = 'batch';

function inputInfo(spec: RepVGGSpec) {
  return { name: INPUT_NAME, dims: [BATCH_DIM, spec.inChannels ?? 3, spec.inputSize, spec.inputSize] };
}

function convAttrs(kernel: number, stride: number, groups: number) {
  const padding = (kernel - 1) / 2;
  return [
    intsAttr('kernel_shape', [kernel, kernel]),
    intsAttr('strides', [stride, stride]),
    intsAttr('pads', [padding, padding, padding, padding]),
    intsAttr('dilations', [1, 1]),
    intAttr('group', groups),
  ];
}

/** BN in eval mode: inputs X, scale (γ), B (β), mean (μ), var (σ²); training_mode stays 0. */
function batchNorm(g: GraphBuilder, prefix: string, x: string, bn: BatchNormParams): string {
  const c = [bn.gamma.length];
  return g.node(
    'BatchNormalization',
    prefix,
    [
      x,
      g.initializer(`${prefix}.weight`, c, bn.gamma),
      g.initializer(`${prefix}.bias`, c, bn.beta),
      g.initializer(`${prefix}.running_mean`, c, bn.mean),
      g.initializer(`${prefix}.running_var`, c, bn.variance),
    ],
    [floatAttr('epsilon', bn.eps)],
  );
}

function head(g: GraphBuilder, features: string, linear: LinearWeights): string {
  const pooled = g.node('GlobalAveragePool', 'gap', [features]);
  const flat = g.node('Flatten', 'flatten', [pooled], [intAttr('axis', 1)]);
  return g.node(
    'Gemm',
    'linear',
    [flat, g.initializer('linear.weight', linear.weight.shape, linear.weight.data), g.initializer('linear.bias', [linear.bias.length], linear.bias)],
    [intAttr('transB', 1)],
  );
}

function outputInfo(spec: RepVGGSpec) {
  return { name: OUTPUT_NAME, dims: [BATCH_DIM, spec.numClasses] };
}

export function trainGraph(weights: TrainModelWeights): OnnxGraph {
  const { spec } = weights;
  const plan = planModel(spec);
  const g = new GraphBuilder([inputInfo(spec)]);
  let x = INPUT_NAME;
  weights.blocks.forEach((block, i) => {
    const { key } = plan[i]!;
    const { stride, groups } = block;
    const dense = g.node(
      'Conv',
      `${key}.rbr_dense.conv`,
      [x, g.initializer(`${key}.rbr_dense.conv.weight`, block.dense.kernel.shape, block.dense.kernel.data)],
      convAttrs(3, stride, groups),
    );
    const oneByOne = g.node(
      'Conv',
      `${key}.rbr_1x1.conv`,
      [x, g.initializer(`${key}.rbr_1x1.conv.weight`, block.oneByOne.kernel.shape, block.oneByOne.kernel.data)],
      convAttrs(1, stride, groups),
    );
    const branches = [batchNorm(g, `${key}.rbr_dense.bn`, dense, block.dense.bn), batchNorm(g, `${key}.rbr_1x1.bn`, oneByOne, block.oneByOne.bn)];
    if (block.identity) branches.push(batchNorm(g, `${key}.rbr_identity`, x, block.identity));
    let sum = g.node('Add', `${key}.add`, [branches[0]!, branches[1]!]);
    if (branches[2]) sum = g.node('Add', `${key}.add_identity`, [sum, branches[2]]);
    x = g.node('Relu', `${key}.nonlinearity`, [sum]);
  });
  const logits = head(g, x, weights.linear);
  return g.build(`${spec.name} training-time`, logits, outputInfo(spec));
}

export function deployGraph(weights: DeployModelWeights): OnnxGraph {
  const { spec } = weights;
  const plan = planModel(spec);
  const g = new GraphBuilder([inputInfo(spec)]);
  let x = INPUT_NAME;
  weights.blocks.forEach((block, i) => {
    const { key } = plan[i]!;
    const conv = g.node(
      'Conv',
      `${key}.rbr_reparam`,
      [
        x,
        g.initializer(`${key}.rbr_reparam.weight`, block.kernel.shape, block.kernel.data),
        g.initializer(`${key}.rbr_reparam.bias`, [block.bias.length], block.bias),
      ],
      convAttrs(3, block.stride, block.groups),
    );
    x = g.node('Relu', `${key}.nonlinearity`, [conv]);
  });
  const logits = head(g, x, weights.linear);
  return g.build(`${spec.name} deploy`, logits, outputInfo(spec));
}
