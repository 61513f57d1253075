import type { BatchNormParams } from '../../core/batch-norm.ts';
import type { Tensor } from '../../core/tensor.ts';
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

/** Conv with its weight (and bias) named `${name}.weight`, padded to keep the size at stride 1. */
function conv(g: GraphBuilder, name: string, x: string, kernel: Tensor, stride: number, groups: number, bias?: Float32Array): string {
  const size = kernel.shape[2]!;
  const padding = (size - 1) / 2;
  const inputs = [x, g.initializer(`${name}.weight`, kernel.shape, kernel.data)];
  if (bias) inputs.push(g.initializer(`${name}.bias`, [bias.length], bias));
  return g.node('Conv', name, inputs, [
    intsAttr('kernel_shape', [size, size]),
    intsAttr('strides', [stride, stride]),
    intsAttr('pads', [padding, padding, padding, padding]),
    intsAttr('dilations', [1, 1]),
    intAttr('group', groups),
  ]);
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

/** The stem-to-head skeleton both graphs share: one call per block, then the head. */
function modelGraph<B>(
  spec: RepVGGSpec,
  label: string,
  blocks: readonly B[],
  linear: LinearWeights,
  block: (g: GraphBuilder, key: string, x: string, b: B) => string,
): OnnxGraph {
  const plan = planModel(spec);
  const g = new GraphBuilder([inputInfo(spec)]);
  let x = INPUT_NAME;
  blocks.forEach((b, i) => {
    const { key } = plan[i]!;
    x = g.node('Relu', `${key}.nonlinearity`, [block(g, key, x, b)]);
  });
  return g.build(`${spec.name} ${label}`, head(g, x, linear), outputInfo(spec));
}

export function trainGraph(weights: TrainModelWeights): OnnxGraph {
  return modelGraph(weights.spec, 'training-time', weights.blocks, weights.linear, (g, key, x, block) => {
    const { stride, groups } = block;
    const dense = conv(g, `${key}.rbr_dense.conv`, x, block.dense.kernel, stride, groups);
    const oneByOne = conv(g, `${key}.rbr_1x1.conv`, x, block.oneByOne.kernel, stride, groups);
    const denseBn = batchNorm(g, `${key}.rbr_dense.bn`, dense, block.dense.bn);
    const oneByOneBn = batchNorm(g, `${key}.rbr_1x1.bn`, oneByOne, block.oneByOne.bn);
    const identity = block.identity ? batchNorm(g, `${key}.rbr_identity`, x, block.identity) : null;
    const sum = g.node('Add', `${key}.add`, [denseBn, oneByOneBn]);
    return identity ? g.node('Add', `${key}.add_identity`, [sum, identity]) : sum;
  });
}

export function deployGraph(weights: DeployModelWeights): OnnxGraph {
  return modelGraph(weights.spec, 'deploy', weights.blocks, weights.linear, (g, key, x, block) =>
    conv(g, `${key}.rbr_reparam`, x, block.kernel, block.stride, block.groups, block.bias),
  );
}
