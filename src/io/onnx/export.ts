import type { DeployModelWeights, TrainModelWeights } from '../../core/model.ts';
import type { OnnxModel } from './encode.ts';
import type { OnnxGraph } from './graph.ts';
import { deployGraph, trainGraph } from './repvgg-graph.ts';

/** Which of the two networks: multi-branch training-time, or plain deploy (re-parameterized). */
export type ModelForm = 'train' | 'deploy';

/**
 * Opset 17 (IR version 8): every operator used here (Conv, BatchNormalization-15, Add, Relu,
 * GlobalAveragePool, Flatten, Gemm) has kernels in ONNX Runtime's CPU, WebAssembly and WebGPU
 * execution providers at this version, and older tools (Netron, onnx 1.12+) read it.
 */
export const OPSET_VERSION = 17;
export const IR_VERSION = 8;
export const PRODUCER_NAME = 'RepVGG Notebook';
/** The exporter's own format version, bumped when the graph layout changes. */
export const PRODUCER_VERSION = '1';

export interface ExportInfo {
  /** The seed the weights were drawn from, recorded in the file's metadata. */
  readonly seed?: number;
}

function metadata(name: string, form: ModelForm, info: ExportInfo): Record<string, string> {
  return {
    'repvgg.variant': name,
    'repvgg.form': form,
    ...(info.seed === undefined ? {} : { 'repvgg.seed': String(info.seed), 'repvgg.weights': 'seeded random, not trained' }),
  };
}

function describe(name: string, form: ModelForm, info: ExportInfo): string {
  const what = form === 'train' ? 'training-time (multi-branch) network' : 'deploy (re-parameterized) network';
  const weights = info.seed === undefined ? '' : ` Weights: seeded random (seed ${info.seed}), not trained; predictions mean nothing.`;
  return `${name} ${what}, exported by RepVGG Notebook.${weights}`;
}

export function trainOnnxModel(weights: TrainModelWeights, info: ExportInfo = {}): OnnxModel {
  return onnxModel(trainGraph(weights), weights.spec.name, 'train', info);
}

export function deployOnnxModel(weights: DeployModelWeights, info: ExportInfo = {}): OnnxModel {
  return onnxModel(deployGraph(weights), weights.spec.name, 'deploy', info);
}

function onnxModel(graph: OnnxGraph, name: string, form: ModelForm, info: ExportInfo): OnnxModel {
  return {
    graph,
    opsetVersion: OPSET_VERSION,
    irVersion: IR_VERSION,
    producerName: PRODUCER_NAME,
    producerVersion: PRODUCER_VERSION,
    docString: describe(name, form, info),
    metadata: metadata(name, form, info),
  };
}
