import { softmax, topK } from '../core/classes.ts';
import { maxAbsDiff, maxRelDiff } from '../core/tensor.ts';
import type { Comparison, FormComparison } from './protocol.ts';

export { topK };

/** The tolerance the project calls "the same function" for float32 whole networks. */
export const SAME_WITHIN = 1e-4;

/** The deploy network's logits against the training-time ones (the reference): differences and top-5. */
export function compareLogits(deploy: Float32Array, train: Float32Array): Comparison {
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
  return { ...compareLogits(deploy, train), probMaxAbs: maxAbsDiff(p, q), probMaxRel: maxRelDiff(p, q) };
}
