import { describe, expect, it } from 'vitest';
import { convertModel, countModel, createTrainWeights, getVariant, planModel } from '../../../src/core/index.ts';
import {
  type DecodedModel,
  type DecodedNode,
  ModelProto,
  OPSET_VERSION,
  countOps,
  decodeModel,
  deployOnnxModel,
  encodeModel,
  encodeParts,
  initializerValues,
  trainOnnxModel,
} from '../../../src/io/onnx/index.ts';
import { TINY_SPEC } from '../../../src/core/catalog.ts';

const tiny = { ...TINY_SPEC, inputSize: 32 };

/** The same model encoded by protobufjs in one call, weights copied into raw_data. */
function encodedInOneGo(model: ReturnType<typeof trainOnnxModel>): Uint8Array {
  const { graph } = model;
  const valueInfo = (v: { name: string; dims: readonly (number | string)[] }) => ({
    name: v.name,
    type: { tensor_type: { elem_type: 1, shape: { dim: v.dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) } } },
  });
  const message = ModelProto.fromObject({
    ir_version: model.irVersion,
    producer_name: model.producerName,
    producer_version: model.producerVersion,
    doc_string: model.docString,
    graph: {
      node: graph.node.map((n) => ({ ...n, attribute: n.attribute.map((a) => ({ ...a })) })),
      name: graph.name,
      initializer: graph.initializer.map((t) => ({ dims: [...t.dims], data_type: 1, name: t.name, raw_data: new Uint8Array(t.data.slice().buffer) })),
      input: graph.input.map(valueInfo),
      output: graph.output.map(valueInfo),
    },
    opset_import: [{ domain: '', version: model.opsetVersion }],
    metadata_props: Object.entries(model.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return ModelProto.encode(message).finish();
}

describe('ONNX encoding', () => {
  const weights = createTrainWeights(tiny, 11);

  it('the streamed parts are byte for byte what protobufjs writes for the whole message', () => {
    for (const model of [trainOnnxModel(weights, { seed: 11 }), deployOnnxModel(convertModel(weights), { seed: 11 })]) {
      const bytes = encodeModel(model);
      expect(bytes.byteLength).toBe(encodeParts(model).byteLength);
      expect(Buffer.from(bytes).equals(Buffer.from(encodedInOneGo(model)))).toBe(true);
    }
  });

  it('weight parts are views of the model arrays, not copies', () => {
    const { parts } = encodeParts(trainOnnxModel(weights));
    const kernel = weights.blocks[1]!.dense.kernel.data;
    expect(parts.some((p) => p.buffer === kernel.buffer && p.byteLength === kernel.byteLength)).toBe(true);
  });

  it('reads back: IR 8, opset 17, metadata, input [batch, 3, S, S] and output [batch, 1000], exact weights', () => {
    const decoded = decodeModel(encodeModel(trainOnnxModel(weights, { seed: 11 })));
    expect(decoded.ir_version).toBe(8);
    expect(decoded.opset_import).toEqual([{ version: OPSET_VERSION }]);
    expect(Object.fromEntries(decoded.metadata_props.map((p) => [p.key, p.value]))).toMatchObject({
      'repvgg.variant': 'RepVGG-tiny',
      'repvgg.form': 'train',
      'repvgg.seed': '11',
    });
    const dims = (v: DecodedModel['graph']['input'][number]) => v.type.tensor_type.shape.dim.map((d) => d.dim_param ?? d.dim_value);
    expect(decoded.graph.input.map((v) => [v.name, dims(v)])).toEqual([['input', ['batch', 3, 32, 32]]]);
    expect(decoded.graph.output.map((v) => [v.name, dims(v)])).toEqual([['logits', ['batch', 1000]]]);
    const byName = new Map(decoded.graph.initializer.map((t) => [t.name, t]));
    const dense = byName.get('stage1.1.rbr_dense.conv.weight')!;
    expect(dense.dims).toEqual([...weights.blocks[2]!.dense.kernel.shape]);
    expect(initializerValues(dense)).toEqual(weights.blocks[2]!.dense.kernel.data);
    expect(initializerValues(byName.get('stage1.1.rbr_identity.running_var')!)).toEqual(weights.blocks[2]!.identity!.variance);
  });
});

/** The node that produces a value, or undefined for the graph input and initializers. */
function producers(model: DecodedModel): Map<string, DecodedNode> {
  return new Map(model.graph.node.flatMap((n) => n.output.map((o) => [o, n] as const)));
}

const kernelSide = (node: DecodedNode) => node.attribute.find((a) => a.name === 'kernel_shape')?.ints?.[0];

describe('graph structure (RepVGG-A0 and B1g2 at 224 px)', () => {
  const cache = new Map<string, ReturnType<typeof createTrainWeights>>();
  const weightsOf = (name: string) => cache.get(name) ?? cache.set(name, createTrainWeights(getVariant(name), 1)).get(name)!;

  it.each(['A0', 'B1g2'])(
    '%s training-time: per block a 3×3 and a 1×1 Conv, each into a BN, plus an identity BN where it exists, summed, then Relu',
    (name) => {
      const spec = getVariant(name);
      const decoded = decodeModel(encodeModel(trainOnnxModel(weightsOf(name))));
      const plan = planModel(spec);
      const ops = countOps(decoded);
      expect(ops['BatchNormalization']).toBe(countModel(spec).bnLayers);
      expect(ops['Conv']).toBe(2 * plan.length);
      expect(ops['Relu']).toBe(plan.length);
      expect(ops['Gemm']).toBe(1);

      const from = producers(decoded);
      const relus = decoded.graph.node.filter((n) => n.op_type === 'Relu');
      relus.forEach((relu, i) => {
        const layer = plan[i]!;
        // Walk back through the Adds to the branches.
        const branches: DecodedNode[] = [];
        const walk = (value: string): void => {
          const node = from.get(value)!;
          if (node.op_type === 'Add') node.input.forEach(walk);
          else branches.push(node);
        };
        walk(relu.input[0]!);
        expect(
          branches.every((b) => b.op_type === 'BatchNormalization'),
          `layer ${i}`,
        ).toBe(true);
        expect(branches).toHaveLength(layer.hasIdentity ? 3 : 2);
        const blockInput = i === 0 ? 'input' : relus[i - 1]!.output[0]!;
        const sources = branches.map((bn) => from.get(bn.input[0]!));
        const convs = sources.filter((s): s is DecodedNode => s?.op_type === 'Conv');
        expect(convs.map(kernelSide).sort()).toEqual([1, 3]);
        for (const conv of convs) {
          expect(conv.input[0]).toBe(blockInput);
          expect(conv.input).toHaveLength(2); // no bias: BN follows
          expect(conv.attribute.find((a) => a.name === 'group')?.i).toBe(layer.groups);
          expect(conv.attribute.find((a) => a.name === 'strides')?.ints).toEqual([layer.stride, layer.stride]);
        }
        if (layer.hasIdentity) expect(branches.some((bn) => bn.input[0] === blockInput)).toBe(true);
      });
    },
  );

  it('deploy: one 3×3 Conv with bias and a Relu per block, no BatchNormalization', () => {
    const spec = getVariant('B1g2');
    const decoded = decodeModel(encodeModel(deployOnnxModel(convertModel(weightsOf('B1g2')))));
    const plan = planModel(spec);
    expect(countOps(decoded)).toEqual({ Conv: plan.length, Relu: plan.length, GlobalAveragePool: 1, Flatten: 1, Gemm: 1 });
    const convs = decoded.graph.node.filter((n) => n.op_type === 'Conv');
    convs.forEach((conv, i) => {
      expect(conv.input).toHaveLength(3);
      expect(kernelSide(conv)).toBe(3);
      expect(conv.attribute.find((a) => a.name === 'group')?.i).toBe(plan[i]!.groups);
    });
    expect(decoded.graph.initializer.map((t) => t.name)).toContain('stage4.0.rbr_reparam.weight');
  });
});
