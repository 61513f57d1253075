import protobuf from 'protobufjs/light.js';
import type { OnnxGraph, OnnxValueInfo } from './graph.ts';
import { DataType, FIELD, GraphProto, ModelProto, TensorProto } from './schema.ts';

/**
 * ONNX model bytes without copying the weights.
 *
 * protobufjs encodes every message here, but it would copy each weight into a growing buffer
 * (for RepVGG-B3, half a gigabyte, doubled while growing, then copied again). Instead, the model
 * is cut into parts whose concatenation is the encoded ModelProto:
 *
 *   ModelProto fields 1–6                  protobufjs
 *   graph (field 7) key + length           protobufjs Writer (uint32 varints)
 *     GraphProto node, name (1, 2)         protobufjs
 *     per initializer (5): key + length, TensorProto dims, data_type, name (protobufjs),
 *                    raw_data key + length (protobufjs Writer), then the Float32Array's own bytes
 *     GraphProto doc_string, input, output protobufjs
 *   ModelProto opset_import, metadata      protobufjs
 *
 * Concatenating encoded messages of one type gives the message with all their fields (repeated
 * fields appended): protobuf's merge rule, which is why the graph can be sent in pieces. The test
 * suite decodes the joined bytes with protobufjs and compares them with the graph.
 */

export interface OnnxModel {
  readonly graph: OnnxGraph;
  /** ai.onnx operator set; 17 is well supported by ONNX Runtime's CPU, WASM and WebGPU kernels. */
  readonly opsetVersion: number;
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The encoded model as parts to be written in order; the weight parts are views, not copies. */
export interface EncodedParts {
  readonly parts: readonly Uint8Array[];
  readonly byteLength: number;
}

const LENGTH_DELIMITED = 2;

/** A field key and a length prefix, both varints, written by protobufjs. */
function lengthPrefix(field: number, length: number): Uint8Array {
  return protobuf.Writer.create()
    .uint32(((field << 3) | LENGTH_DELIMITED) >>> 0)
    .uint32(length)
    .finish();
}

function assertLittleEndian(): void {
  // raw_data MUST be little-endian; typed arrays use the platform's order (little on every
  // browser and Node platform in use, but say so rather than write a corrupt file).
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('ONNX export needs a little-endian platform');
}

function valueInfo(value: OnnxValueInfo) {
  return {
    name: value.name,
    type: {
      tensor_type: {
        elem_type: DataType.FLOAT,
        shape: { dim: value.dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
      },
    },
  };
}

export function encodeParts(model: OnnxModel): EncodedParts {
  assertLittleEndian();
  const { graph } = model;
  // Parts go in field-number order, as protobufjs itself writes them, so the joined bytes are
  // exactly what encoding the whole message in one go would give (the tests compare them).
  const graphBefore = GraphProto.encode(
    GraphProto.fromObject({
      node: graph.node.map((n) => ({
        ...n,
        input: [...n.input],
        output: [...n.output],
        attribute: n.attribute.map((a) => ({ ...a, ...(a.ints ? { ints: [...a.ints] } : {}) })),
      })),
      name: graph.name,
    }),
  ).finish();
  const graphParts: Uint8Array[] = [graphBefore];
  for (const init of graph.initializer) {
    const meta = TensorProto.encode(TensorProto.fromObject({ dims: [...init.dims], data_type: DataType.FLOAT, name: init.name })).finish();
    const raw = new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength);
    const rawPrefix = lengthPrefix(FIELD.tensorRawData, raw.byteLength);
    const tensorLength = meta.byteLength + rawPrefix.byteLength + raw.byteLength;
    graphParts.push(lengthPrefix(FIELD.graphInitializer, tensorLength), meta, rawPrefix, raw);
  }
  const graphAfter = GraphProto.encode(
    GraphProto.fromObject({
      ...(graph.doc_string === undefined ? {} : { doc_string: graph.doc_string }),
      input: graph.input.map(valueInfo),
      output: graph.output.map(valueInfo),
    }),
  ).finish();
  graphParts.push(graphAfter);
  const graphLength = graphParts.reduce((sum, p) => sum + p.byteLength, 0);

  const modelBefore = ModelProto.encode(
    ModelProto.fromObject({
      ir_version: model.irVersion,
      producer_name: model.producerName,
      producer_version: model.producerVersion,
      ...(model.docString === undefined ? {} : { doc_string: model.docString }),
    }),
  ).finish();
  const modelAfter = ModelProto.encode(
    ModelProto.fromObject({
      opset_import: [{ domain: '', version: model.opsetVersion }],
      metadata_props: Object.entries(model.metadata ?? {}).map(([key, value]) => ({ key, value })),
    }),
  ).finish();
  const parts = [modelBefore, lengthPrefix(FIELD.modelGraph, graphLength), ...graphParts, modelAfter];
  return { parts, byteLength: parts.reduce((sum, p) => sum + p.byteLength, 0) };
}

/** The whole file in one buffer: the only copy of the weights the export makes. */
export function encodeModel(model: OnnxModel): Uint8Array {
  const { parts, byteLength } = encodeParts(model);
  const bytes = new Uint8Array(byteLength);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}
