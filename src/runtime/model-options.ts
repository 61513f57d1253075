import { countModel, formatParamsM } from '../core/count.ts';
import type { RepVGGSpec } from '../core/family.ts';
import { MODEL_IDS, findModel } from '../core/catalog.ts';
import { formatBytes } from '../io/bytes.ts';

/** Bytes of the training-time weights (kernels, BN γ β μ σ², linear), float32. */
export function trainWeightBytes(spec: RepVGGSpec): number {
  const counts = countModel(spec);
  return 4 * (counts.trainParams + counts.bnBuffers);
}

/**
 * Memory a run needs at its peak, roughly 8× the training-time weights: the weights and their ONNX
 * file in JavaScript, then, in ONNX Runtime's WebAssembly memory, a copy of each model and its
 * initializers for three live sessions (two training-time, one deploy). Calibrated on headless
 * Chromium: a RepVGG-B3 run (0.49 GB of weights) raised the browser's memory by about 4 GB.
 * Used to warn before a big run and to explain an out-of-memory failure.
 */
export function runPeakBytes(spec: RepVGGSpec): number {
  return 8 * trainWeightBytes(spec);
}

export interface ModelOption {
  readonly id: string;
  readonly label: string;
}

/** The model menu: name, parameters (paper's rounding) and training-time weight size, all computed. */
export function modelOptions(): ModelOption[] {
  return MODEL_IDS.map((id) => {
    const spec = findModel(id)!;
    const params = formatParamsM(countModel(spec).deployParams);
    const teaching = id === 'tiny' ? ' (teaching, not in the paper)' : '';
    return { id, label: `${spec.name}${teaching}: ${params} M params, ${formatBytes(trainWeightBytes(spec))} training-time` };
  });
}
