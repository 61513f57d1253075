import { AttributeType } from './schema.ts';

/**
 * An ONNX graph as plain data, in onnx.proto's own field names so it maps one-to-one onto the
 * protobuf messages. Initializers hold the model's Float32Arrays themselves (never copies): the
 * encoder frames those bytes as they are.
 */

export interface OnnxInitializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface OnnxAttribute {
  readonly name: string;
  readonly type: number;
  readonly i?: number;
  readonly f?: number;
  readonly ints?: readonly number[];
}

export interface OnnxNode {
  readonly name: string;
  readonly op_type: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly attribute: readonly OnnxAttribute[];
}

/** A float32 graph input or output; a string dimension is symbolic (e.g. a free batch size). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly doc_string?: string;
  readonly node: readonly OnnxNode[];
  readonly initializer: readonly OnnxInitializer[];
  readonly input: readonly OnnxValueInfo[];
  readonly output: readonly OnnxValueInfo[];
}

export const intAttr = (name: string, i: number): OnnxAttribute => ({ name, type: AttributeType.INT, i });
export const floatAttr = (name: string, f: number): OnnxAttribute => ({ name, type: AttributeType.FLOAT, f });
export const intsAttr = (name: string, ints: readonly number[]): OnnxAttribute => ({ name, type: AttributeType.INTS, ints });

/** Collects nodes and initializers in topological order, with unique names checked as it goes. */
export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxInitializer[] = [];
  private readonly values = new Set<string>();
  private readonly nodeNames = new Set<string>();

  constructor(private readonly inputs: readonly OnnxValueInfo[]) {
    for (const input of inputs) this.values.add(input.name);
  }

  /** A constant tensor (weights); returns its name for use as a node input. */
  initializer(name: string, dims: readonly number[], data: Float32Array): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw new RangeError(`initializer ${name}: shape [${dims.join(', ')}] holds ${size} values, got ${data.length}`);
    this.claim(name);
    this.initializers.push({ name, dims: [...dims], data });
    return name;
  }

  /** One operator; its single output is named after the node. Returns the output's name. */
  node(opType: string, name: string, inputs: readonly string[], attribute: readonly OnnxAttribute[] = []): string {
    for (const input of inputs) {
      if (!this.values.has(input)) throw new RangeError(`node ${name}: input ${input} is not defined yet`);
    }
    if (this.nodeNames.has(name)) throw new RangeError(`duplicate node name ${name}`);
    this.nodeNames.add(name);
    const output = `${name}_output`;
    this.claim(output);
    this.nodes.push({ name, op_type: opType, input: [...inputs], output: [output], attribute });
    return output;
  }

  /** The graph, with `last` renamed to the output's name (so no extra Identity node is needed). */
  build(name: string, last: string, output: OnnxValueInfo, docString?: string): OnnxGraph {
    const producer = this.nodes.findIndex((n) => n.output[0] === last);
    if (producer < 0) throw new RangeError(`no node produces ${last}`);
    if (this.values.has(output.name)) throw new RangeError(`graph output name ${output.name} is taken`);
    if (this.nodes.some((n) => n.input.includes(last))) throw new RangeError(`${last} feeds other nodes; it cannot be renamed`);
    const node = this.nodes[producer]!;
    this.nodes[producer] = { ...node, output: [output.name] };
    return {
      name,
      ...(docString === undefined ? {} : { doc_string: docString }),
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: [output],
    };
  }

  private claim(value: string): void {
    if (this.values.has(value)) throw new RangeError(`duplicate value name ${value}`);
    this.values.add(value);
  }
}
