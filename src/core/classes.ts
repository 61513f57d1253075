/**
 * From logits to what a reader sees: probabilities (softmax), the top classes, and their names.
 * The ImageNet names (public/models/imagenet-classes.txt, one a line, in index order) fit only a
 * 1000-class network; any other head — the 10-class test fixture, a fine-tuned checkpoint — gets
 * "class k", never a wrong name.
 */

/** Indices of the k largest values, largest first (ties: lower index first). */
export function topK(values: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[b]! - values[a]! || a - b);
  return order.slice(0, k);
}

/** softmax(z)_k = exp(z_k − max z) / Σ_j exp(z_j − max z), in float64 (the shift keeps exp from overflowing). */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Class names from a text file, one a line (a trailing newline or Windows line ends are fine). */
export function parseClassNames(text: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  return lines.map((l) => l.trim());
}

/** The names for a head of `numClasses` outputs: the list if it has exactly that many, else null. */
export function labelSetFor(names: readonly string[] | null, numClasses: number): readonly string[] | null {
  return names && names.length === numClasses ? names : null;
}

export function classLabel(labels: readonly string[] | null, index: number): string {
  return labels?.[index] || `class ${index}`;
}

export interface Prediction {
  readonly index: number;
  readonly label: string;
  readonly logit: number;
  readonly probability: number;
}

/** The k most probable classes, named when `names` fits the number of logits. */
export function topPredictions(logits: ArrayLike<number>, names: readonly string[] | null, k = 5): Prediction[] {
  const probabilities = softmax(logits);
  const labels = labelSetFor(names, logits.length);
  return topK(logits, k).map((index) => ({ index, label: classLabel(labels, index), logit: logits[index]!, probability: probabilities[index]! }));
}
