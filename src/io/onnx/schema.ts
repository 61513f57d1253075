/**
 * The part of the ONNX protobuf schema (onnx/onnx.proto, `syntax = "proto2"`, package `onnx`) that
 * the exporter writes and the tests read back, as a protobufjs reflection descriptor. Field names
 * and numbers are copied from onnx.proto; messages and fields we never use are left out (a reader
 * skips unknown fields, so files written here stay valid for every ONNX tool).
 *
 * protobufjs/light builds encoders and decoders from this at load time: no .proto parser, no
 * generated code to keep in sync, and it runs the same in Node, browsers and workers.
 */
import protobuf from 'protobufjs/light.js';

const optional = (type: string, id: number) => ({ type, id });
const repeated = (type: string, id: number, packed?: boolean) => ({
  rule: 'repeated',
  type,
  id,
  ...(packed === undefined ? {} : { options: { packed } }),
});

/** onnx.proto, proto2: repeated scalars are unpacked unless the .proto says [packed = true]. */
const descriptor = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: optional('string', 1),
            f: optional('float', 2),
            i: optional('int64', 3),
            s: optional('bytes', 4),
            floats: repeated('float', 7),
            ints: repeated('int64', 8),
            strings: repeated('bytes', 9),
            doc_string: optional('string', 13),
            type: optional('AttributeType', 20),
          },
          nested: {
            AttributeType: {
              values: { UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 },
            },
          },
        },
        ValueInfoProto: {
          fields: { name: optional('string', 1), type: optional('TypeProto', 2), doc_string: optional('string', 3) },
        },
        NodeProto: {
          fields: {
            input: repeated('string', 1),
            output: repeated('string', 2),
            name: optional('string', 3),
            op_type: optional('string', 4),
            attribute: repeated('AttributeProto', 5),
            doc_string: optional('string', 6),
            domain: optional('string', 7),
          },
        },
        ModelProto: {
          fields: {
            ir_version: optional('int64', 1),
            producer_name: optional('string', 2),
            producer_version: optional('string', 3),
            domain: optional('string', 4),
            model_version: optional('int64', 5),
            doc_string: optional('string', 6),
            graph: optional('GraphProto', 7),
            opset_import: repeated('OperatorSetIdProto', 8),
            metadata_props: repeated('StringStringEntryProto', 14),
          },
        },
        StringStringEntryProto: {
          fields: { key: optional('string', 1), value: optional('string', 2) },
        },
        GraphProto: {
          fields: {
            node: repeated('NodeProto', 1),
            name: optional('string', 2),
            initializer: repeated('TensorProto', 5),
            doc_string: optional('string', 10),
            input: repeated('ValueInfoProto', 11),
            output: repeated('ValueInfoProto', 12),
            value_info: repeated('ValueInfoProto', 13),
          },
        },
        TensorProto: {
          fields: {
            dims: repeated('int64', 1),
            data_type: optional('int32', 2),
            float_data: repeated('float', 4, true),
            name: optional('string', 8),
            raw_data: optional('bytes', 9),
            doc_string: optional('string', 12),
          },
          nested: {
            DataType: { values: { UNDEFINED: 0, FLOAT: 1, INT64: 7 } },
          },
        },
        TensorShapeProto: {
          fields: { dim: repeated('Dimension', 1) },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dim_value', 'dim_param'] } },
              fields: { dim_value: optional('int64', 1), dim_param: optional('string', 2), denotation: optional('string', 3) },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensor_type'] } },
          fields: { tensor_type: optional('Tensor', 1), denotation: optional('string', 6) },
          nested: {
            Tensor: {
              fields: { elem_type: optional('int32', 1), shape: optional('TensorShapeProto', 2) },
            },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: optional('string', 1), version: optional('int64', 2) },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const ModelProto = root.lookupType('onnx.ModelProto');
export const GraphProto = root.lookupType('onnx.GraphProto');
export const TensorProto = root.lookupType('onnx.TensorProto');
export const NodeProto = root.lookupType('onnx.NodeProto');

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** AttributeProto.AttributeType values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

/** Field numbers the streaming encoder frames itself (see encode.ts), read from the schema. */
export const FIELD = {
  modelGraph: ModelProto.fields['graph']!.id,
  graphInitializer: GraphProto.fields['initializer']!.id,
  tensorRawData: TensorProto.fields['raw_data']!.id,
};
