import { countLayer } from './count.ts';
import { type LayerPlan, type RepVGGSpec, featureChannels, planModel } from './family.ts';

/**
 * What a forward pass costs beyond its multiply-adds: operators (each one kernel launch when it
 * runs on its own), bytes read and written (the memory access cost, MAC, of the paper's §3.1) and
 * the peak of live activation memory. Per image (batch 1), float32 unless told otherwise.
 *
 * The three forms of a RepVGG block, each as the operators a runtime executes in order:
 *
 *   'train'        as trained and as exported before any optimization (ONNX node order):
 *                  conv3×3, BN, conv1×1, BN, identity BN, Add, Add, ReLU
 *   'train-folded' the same graph after folding each conv's BN into it (ONNX Runtime's default
 *                  optimizations do this): conv3×3+b, conv1×1+b, identity scale-shift, Add, Add, ReLU
 *   'deploy'       after re-parameterization: conv3×3+b, ReLU
 *
 * The identity branch and its Add exist only where the block has one (in = out channels, stride 1).
 *
 * Conventions, chosen to be simple and stated on the page:
 * - An operator reads each activation input once and its weights once (kernel, bias, BN's four
 *   vectors) and writes its output once. Caches and tiling that re-read data are not modelled.
 * - Live memory: a tensor is live from the operator that writes it until the last operator that
 *   reads it has finished; an operator's inputs and output are live together (nothing in place).
 *   The block's (or network's) output stays live at the end. Weights are not activations and are
 *   left out, as the paper leaves out parameters' memory.
 */

export type BlockForm = 'train' | 'train-folded' | 'deploy';
export const BLOCK_FORMS: readonly BlockForm[] = ['train', 'train-folded', 'deploy'];

export type OpKind = 'conv' | 'bn' | 'scale' | 'add' | 'relu' | 'pool' | 'linear';

export interface CostOp {
  readonly name: string;
  readonly kind: OpKind;
  /** Activation tensors read (names in the graph's `sizes`). */
  readonly inputs: readonly string[];
  readonly output: string;
  /** Multiply-adds (the paper's FLOPs convention; BN, Add, ReLU count 0). */
  readonly macs: number;
  /** Parameter values read: kernel, bias, BN vectors. */
  readonly weights: number;
  /** Layer index the operator belongs to (-1 for the classifier head). */
  readonly layer: number;
}

/** Operators in execution order over named activation tensors of known element counts. */
export interface OpGraph {
  readonly input: string;
  readonly output: string;
  /** Elements per activation tensor. */
  readonly sizes: Readonly<Record<string, number>>;
  readonly ops: readonly CostOp[];
}

export interface OpCost {
  readonly op: CostOp;
  readonly readBytes: number;
  readonly writeBytes: number;
  /** Activation bytes live while this operator runs. */
  readonly liveBytes: number;
}

export interface GraphCost {
  /** Operators = kernel launches when none are fused. */
  readonly operators: number;
  /** Convolutions and poolings only: the paper's "fragmented operators" count. */
  readonly convOperators: number;
  readonly macs: number;
  readonly readBytes: number;
  readonly writeBytes: number;
  /** Parameter bytes among readBytes. */
  readonly weightBytes: number;
  readonly peakLiveBytes: number;
  /** Name of the operator where the peak is reached (the first, on a tie). */
  readonly peakAt: string;
  readonly perOp: readonly OpCost[];
}

/** The operators of one block in one form; tensor names are prefixed with `prefix`. */
export function blockOps(layer: LayerPlan, form: BlockForm, input = 'x', prefix = ''): { ops: CostOp[]; sizes: Record<string, number>; output: string } {
  const { inChannels: cin, outChannels: cout, groups, inputSize, outputSize, hasIdentity, index } = layer;
  const inMap = cin * inputSize * inputSize;
  const outMap = cout * outputSize * outputSize;
  const pairs = cout * (cin / groups);
  const pixels = outputSize * outputSize;
  const sizes: Record<string, number> = { [input]: inMap };
  const ops: CostOp[] = [];
  const p = (s: string) => `${prefix}${s}`;
  const add = (name: string, kind: OpKind, inputs: string[], macs: number, weights: number): string => {
    const output = p(name);
    sizes[output] = kind === 'pool' || kind === 'linear' ? 0 : outMap;
    ops.push({ name: output, kind, inputs, output, macs, weights, layer: index });
    return output;
  };
  const conv3 = countLayer(layer).flops; // all 9 taps, as the paper counts
  const conv1 = pixels * pairs;
  if (form === 'deploy') {
    const y = add('conv3x3', 'conv', [input], conv3, pairs * 9 + cout);
    return { ops, sizes, output: add('relu', 'relu', [y], 0, 0) };
  }
  const folded = form === 'train-folded';
  let dense = add('conv3x3', 'conv', [input], conv3, pairs * 9 + (folded ? cout : 0));
  if (!folded) dense = add('bn3x3', 'bn', [dense], 0, 4 * cout);
  let one = add('conv1x1', 'conv', [input], conv1, pairs + (folded ? cout : 0));
  if (!folded) one = add('bn1x1', 'bn', [one], 0, 4 * cout);
  // ONNX export order: both conv branches, the identity branch, then the Adds.
  const id = !hasIdentity ? undefined : folded ? add('identity', 'scale', [input], 0, 2 * cout) : add('bn_identity', 'bn', [input], 0, 4 * cout);
  let sum = add('add', 'add', [dense, one], 0, 0);
  if (id) sum = add('add_identity', 'add', [sum, id], 0, 0);
  return { ops, sizes, output: add('relu', 'relu', [sum], 0, 0) };
}

/** One block as a graph of its own: its input, its operators, its output. */
export function blockGraph(layer: LayerPlan, form: BlockForm): OpGraph {
  const { ops, sizes, output } = blockOps(layer, form);
  return { input: 'x', output, sizes, ops };
}

/** The whole network in one form: every block, then global average pooling and the classifier. */
export function modelGraph(spec: RepVGGSpec, form: BlockForm): OpGraph {
  const layers = planModel(spec);
  const sizes: Record<string, number> = {};
  const ops: CostOp[] = [];
  let x = 'image';
  for (const layer of layers) {
    const block = blockOps(layer, form, x, `${layer.key}.`);
    Object.assign(sizes, block.sizes);
    ops.push(...block.ops);
    x = block.output;
  }
  const c = featureChannels(spec);
  sizes['gap'] = c;
  ops.push({ name: 'gap', kind: 'pool', inputs: [x], output: 'gap', macs: 0, weights: 0, layer: -1 });
  sizes['logits'] = spec.numClasses;
  ops.push({
    name: 'linear',
    kind: 'linear',
    inputs: ['gap'],
    output: 'logits',
    macs: c * spec.numClasses,
    weights: c * spec.numClasses + spec.numClasses,
    layer: -1,
  });
  sizes['image'] = (spec.inChannels ?? 3) * spec.inputSize * spec.inputSize;
  return { input: 'image', output: 'logits', sizes, ops };
}

/** Counts, bytes and live memory of a graph, in execution order. */
export function graphCost(graph: OpGraph, bytesPerElement = 4): GraphCost {
  const size = (name: string): number => {
    const n = graph.sizes[name];
    if (n === undefined) throw new RangeError(`tensor ${name} has no size`);
    return n;
  };
  // The last operator that reads each tensor; the graph's output is kept to the end.
  const lastUse = new Map<string, number>();
  graph.ops.forEach((op, i) => {
    for (const t of op.inputs) lastUse.set(t, i);
  });
  lastUse.set(graph.output, Infinity);
  const born = new Map<string, number>([[graph.input, -1]]);
  graph.ops.forEach((op, i) => born.set(op.output, i));
  for (const op of graph.ops) {
    for (const t of op.inputs) if (!born.has(t)) throw new RangeError(`${op.name} reads ${t}, which nothing writes`);
  }

  let live = size(graph.input); // bytes below are elements until the end
  const perOp: OpCost[] = [];
  let totals = { macs: 0, read: 0, write: 0, weights: 0, conv: 0 };
  let peak = live;
  let peakAt = graph.ops[0]?.name ?? '';
  graph.ops.forEach((op, i) => {
    const reads = op.inputs.reduce((s, t) => s + size(t), 0) + op.weights;
    const writes = size(op.output);
    live += writes;
    const during = live;
    if (during > peak) {
      peak = during;
      peakAt = op.name;
    }
    // Free what this operator read for the last time (each distinct tensor once).
    for (const t of new Set(op.inputs)) if (lastUse.get(t) === i) live -= size(t);
    // An output nobody reads (and not the graph's) is dropped at once.
    if (!lastUse.has(op.output)) live -= writes;
    perOp.push({ op, readBytes: reads * bytesPerElement, writeBytes: writes * bytesPerElement, liveBytes: during * bytesPerElement });
    totals = {
      macs: totals.macs + op.macs,
      read: totals.read + reads,
      write: totals.write + writes,
      weights: totals.weights + op.weights,
      conv: totals.conv + (op.kind === 'conv' || op.kind === 'pool' ? 1 : 0),
    };
  });
  return {
    operators: graph.ops.length,
    convOperators: totals.conv,
    macs: totals.macs,
    readBytes: totals.read * bytesPerElement,
    writeBytes: totals.write * bytesPerElement,
    weightBytes: totals.weights * bytesPerElement,
    peakLiveBytes: peak * bytesPerElement,
    peakAt,
    perOp,
  };
}

/** Per layer of a model graph: the largest live memory while any of its operators runs. */
export function peakByLayer(cost: GraphCost): { layer: number; liveBytes: number }[] {
  const byLayer = new Map<number, number>();
  for (const { op, liveBytes } of cost.perOp) byLayer.set(op.layer, Math.max(byLayer.get(op.layer) ?? 0, liveBytes));
  return [...byLayer.entries()].map(([layer, liveBytes]) => ({ layer, liveBytes }));
}

/** A spec at another input size (the paper's variants are all defined at 224). */
export function atInputSize(spec: RepVGGSpec, inputSize: number): RepVGGSpec {
  return { ...spec, inputSize };
}
