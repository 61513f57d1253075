import { ModelProto } from './schema.ts';

/**
 * Reading an ONNX file back with the same schema: what the tests use to check that the bytes say
 * what the exporter meant, and what `repvgg export` prints as a summary.
 */

export interface DecodedNode {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: { name: string; type?: number; i?: number; f?: number; ints?: number[] }[];
}

export interface DecodedTensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data?: Uint8Array;
}

export interface DecodedModel {
  ir_version: number;
  producer_name?: string;
  opset_import: { domain?: string; version: number }[];
  metadata_props: { key: string; value: string }[];
  graph: {
    name: string;
    node: DecodedNode[];
    initializer: DecodedTensor[];
    input: { name: string; type: { tensor_type: { elem_type: number; shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
    output: DecodedModel['graph']['input'];
  };
}

/** Parses ONNX bytes (int64 fields as numbers: every value here is far below 2^53). */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  const message = ModelProto.decode(bytes);
  return ModelProto.toObject(message, { longs: Number, arrays: true, defaults: false }) as DecodedModel;
}

/** The Float32 values of a decoded initializer (copied, so alignment does not matter). */
export function initializerValues(tensor: DecodedTensor): Float32Array {
  const raw = tensor.raw_data ?? new Uint8Array();
  const copy = raw.slice();
  return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
}

/** How many nodes of each operator type, e.g. { Conv: 44, BatchNormalization: 64, ... }. */
export function countOps(model: DecodedModel): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of model.graph.node) counts[node.op_type] = (counts[node.op_type] ?? 0) + 1;
  return counts;
}
