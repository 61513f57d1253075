import { softmax, topK } from '../math/classes.ts';
import { maxAbsDiff, maxRelDiff } from '../math/tensor.ts';
import type { Comparison, FormComparison } from './protocol.ts';

export { topK };

/** The median of timings (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The deploy output against the training-time output (the reference). */
export function compareOutputs(deploy: Float32Array, train: Float32Array): Comparison {
  const top5Train = topK(train, 5);
  const top5Deploy = topK(deploy, 5);
  return {
    maxAbs: maxAbsDiff(deploy, train),
    maxRel: maxRelDiff(deploy, train),
    top5Train,
    top5Deploy,
    top5Agree: top5Train.every((c, i) => c === top5Deploy[i]),
  };
}

/** The deploy output against the training-time one, on logits and on the probabilities a reader sees. */
export function compareForms(deploy: Float32Array, train: Float32Array): FormComparison {
  const p = softmax(deploy);
  const q = softmax(train);
  return { ...compareOutputs(deploy, train), probMaxAbs: maxAbsDiff(p, q), probMaxRel: maxRelDiff(p, q) };
}
