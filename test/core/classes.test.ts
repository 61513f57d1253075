import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classLabel, labelSetFor, parseClassNames, softmax, topK, topPredictions } from '../../src/core/classes.ts';

describe('softmax', () => {
  it('probabilities that sum to 1, ordered as the logits, unchanged by a shift', () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[2]! / p[1]!).toBeCloseTo(Math.E, 12);
    expect([...softmax([101, 102, 103])].map((v, i) => v - p[i]!).every((d) => Math.abs(d) < 1e-12)).toBe(true);
  });
  it('large logits do not overflow', () => {
    const p = softmax([1000, 1001, -1000]);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[1]! / p[0]!).toBeCloseTo(Math.E, 10);
    expect(p[2]).toBe(0);
  });
});

describe('class names', () => {
  const imagenet = parseClassNames(readFileSync('public/models/imagenet-classes.txt', 'utf8'));

  it('the ImageNet list has 1000 names; Windows line ends and a trailing newline are fine', () => {
    expect(imagenet).toHaveLength(1000);
    expect(parseClassNames('a\r\nb\r\n\r\n')).toEqual(['a', 'b']);
  });

  it('names only a head of the same size; any other gets "class k"', () => {
    expect(labelSetFor(imagenet, 1000)).toBe(imagenet);
    expect(labelSetFor(imagenet, 10)).toBeNull();
    expect(classLabel(labelSetFor(imagenet, 1000), 258)).toBe('Samoyed');
    expect(classLabel(labelSetFor(imagenet, 10), 3)).toBe('class 3');
  });

  it('topPredictions: k best, largest first, with probability and name', () => {
    const logits = new Float32Array(1000);
    logits[258] = 9;
    logits[259] = 8;
    const [first, second] = topPredictions(logits, imagenet, 2);
    expect(first).toMatchObject({ index: 258, label: 'Samoyed', logit: 9 });
    expect(second!.index).toBe(259);
    expect(first!.probability / second!.probability).toBeCloseTo(Math.E, 5);
    expect(topPredictions([0.5, 2, 1], imagenet).map((p) => p.label)).toEqual(['class 1', 'class 2', 'class 0']);
    expect(topK([3, 1, 3], 2)).toEqual([0, 2]);
  });
});
