/**
 * The four code exercises. Cases are drawn per student and always include the edge cases that
 * catch the usual mistakes: a channel with σ² = 0 and an ε other than 10⁻⁵ (forgetting ε, or
 * hard-coding it), O ≠ I (mixing up the axes), groups = 1 and groups = C (i instead of i mod C/g).
 */
import { BN_EPS } from '../../core/batch-norm.ts';
import { foldBatchNorm } from '../../core/fold-batch-norm.ts';
import { identityKernel } from '../../core/identity-kernel.ts';
import { padTo3x3 } from '../../core/pad-to-3x3.ts';
import type { Rng } from '../../core/random.ts';
import { type Tensor, tensor } from '../../core/tensor.ts';
import { F2_3 } from '../../core/winograd/matrices.ts';
import { winogradTile } from '../../core/winograd/tile.ts';
import { decimalBetween, exerciseRng, intBetween, pick } from '../session.ts';
import { compareTensor, compareValues } from './compare.ts';
import type { CodeCase, CodeExercise } from './types.ts';

const randomTensor = (rng: Rng, shape: number[]): Tensor => tensor(shape, rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))));

function foldCase(rng: Rng, o: number, i: number, eps: number, deadChannel: boolean): CodeCase {
  const weight = randomTensor(rng, [o, i, 3, 3]);
  const gamma = Float32Array.from({ length: o }, () => decimalBetween(rng, 0.5, 2, 2) * pick(rng, [1, 1, -1]));
  const beta = rng.fillNormal(new Float32Array(o), 0, 0.5);
  const mean = rng.fillNormal(new Float32Array(o));
  const variance = rng.fillUniform(new Float32Array(o), 0.05, 3);
  if (deadChannel) variance[intBetween(rng, 0, o - 1)] = 0; // only ε keeps t finite
  const folded = foldBatchNorm(weight, { gamma, beta, mean, variance, eps });
  const label = `O = ${o}, I = ${i}, ε = ${eps}${deadChannel ? ', one channel with σ² = 0' : ''}`;
  return { args: [weight, gamma, beta, mean, variance, eps], expected: folded, label };
}

export const codeFold: CodeExercise = {
  id: 'code-fold',
  chapter: 'bn-folding',
  kind: 'code',
  title: 'Code: foldBatchNorm',
  fnName: 'foldBatchNorm',
  signature: 'foldBatchNorm(weight, gamma, beta, mean, variance, eps)',
  statement: [
    'weight is { shape: [O, I, 3, 3], data } with data a Float32Array in row-major order (output channel first, then input channel, row, column); gamma, beta, mean and variance are Float32Arrays of length O; eps is a number.',
    'Return { weight: { shape, data }, bias }: the folded kernel W′ = W · t (each output channel scaled by its t = γ / √(σ² + ε)) with the same shape, and the O folded biases b′ = β − μ · t.',
  ],
  starter: `function foldBatchNorm(weight, gamma, beta, mean, variance, eps) {
  const [O] = weight.shape;
  const perChannel = weight.data.length / O; // I · 3 · 3 values per output channel
  const data = new Float32Array(weight.data.length);
  const bias = new Float32Array(O);
  for (let o = 0; o < O; o++) {
    // t = ...
    // scale the perChannel values of channel o, and set bias[o]
  }
  return { weight: { shape: weight.shape, data }, bias };
}
`,
  cases(session) {
    const rng = exerciseRng(session, 'code-fold');
    const cases = [foldCase(rng, 1, 1, BN_EPS, false), foldCase(rng, 3, 2, BN_EPS, true), foldCase(rng, 2, 3, 1e-3, false), foldCase(rng, 4, 1, 1e-3, true)];
    while (cases.length < 8) cases.push(foldCase(rng, intBetween(rng, 1, 4), intBetween(rng, 1, 4), pick(rng, [BN_EPS, 1e-3]), intBetween(rng, 0, 3) === 0));
    return cases;
  },
  compare(testCase, got) {
    if (typeof got !== 'object' || got === null) return { where: 'the return value', expected: '{ weight, bias }', got: String(got) };
    const expected = testCase.expected as ReturnType<typeof foldBatchNorm>;
    const result = got as Record<string, unknown>;
    return compareTensor('weight', 'W′', expected.kernel, result['weight']) ?? compareValues('bias', expected.bias, result['bias']);
  },
};

export const codePad: CodeExercise = {
  id: 'code-pad',
  chapter: '1x1-to-3x3',
  kind: 'code',
  title: 'Code: padTo3x3',
  fnName: 'padTo3x3',
  signature: 'padTo3x3(kernel)',
  statement: [
    'kernel is { shape: [O, I, 1, 1], data } with data a Float32Array of O · I weights in row-major order.',
    'Return { shape: [O, I, 3, 3], data }: each 1×1 weight at the centre (row 1, column 1) of a 3×3 kernel of zeros.',
  ],
  starter: `function padTo3x3(kernel) {
  const [O, I] = kernel.shape;
  const data = new Float32Array(O * I * 9);
  // put kernel.data[o * I + i] at the centre of kernel (o, i)
  return { shape: [O, I, 3, 3], data };
}
`,
  cases(session) {
    const rng = exerciseRng(session, 'code-pad');
    const shapes = [
      [1, 1],
      [2, 3],
      [3, 2],
      [4, 4],
    ];
    while (shapes.length < 6) shapes.push([intBetween(rng, 1, 5), intBetween(rng, 1, 5)]);
    return shapes.map(([o, i]) => {
      const kernel = randomTensor(rng, [o!, i!, 1, 1]);
      return { args: [kernel], expected: padTo3x3(kernel), label: `O = ${o}, I = ${i}` };
    });
  },
  compare: (testCase, got) => compareTensor('result', 'K', testCase.expected as Tensor, got),
};

export const codeIdentity: CodeExercise = {
  id: 'code-identity',
  chapter: 'identity',
  kind: 'code',
  title: 'Code: identityKernel',
  fnName: 'identityKernel',
  signature: 'identityKernel(channels, groups)',
  statement: [
    'channels (C) and groups (g) are whole numbers, and g divides C.',
    'Return { shape: [C, C / g, 3, 3], data }: all zeros except a 1 at the centre of kernel K[o, o mod (C / g)] for every output channel o.',
  ],
  starter: `function identityKernel(channels, groups) {
  const perGroup = channels / groups;
  const data = new Float32Array(channels * perGroup * 9);
  // one 1 per output channel o, at the centre of the kernel that reads o's own input
  return { shape: [channels, perGroup, 3, 3], data };
}
`,
  cases(session) {
    const rng = exerciseRng(session, 'code-identity');
    const pairs = [
      [1, 1],
      [3, 1],
      [4, 2],
      [4, 4],
      [6, 3],
    ];
    while (pairs.length < 8)
      pairs.push(
        pick(rng, [
          [8, 2],
          [8, 4],
          [6, 2],
          [9, 3],
          [12, 4],
          [10, 5],
          [5, 1],
        ]),
      );
    return pairs.map(([c, g]) => ({ args: [c, g], expected: identityKernel(c!, g), label: `C = ${c}, g = ${g}` }));
  },
  compare: (testCase, got) => compareTensor('result', 'K', testCase.expected as Tensor, got),
};

/** A matrix as JavaScript source, from the project's matrices rather than typed in again. */
function matrixLiteral(m: readonly (readonly number[])[]): string {
  return `[${m.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
}

/** What the Winograd exercise returns: every stage, so the check is of the algorithm, not only of Y. */
const STAGES = ['V', 'U', 'M', 'Y'] as const;

export const codeWinograd: CodeExercise = {
  id: 'code-winograd',
  chapter: 'winograd',
  kind: 'code',
  title: 'Code: a Winograd F(2×2, 3×3) tile',
  fnName: 'winogradF2x2',
  signature: 'winogradF2x2(d, g)',
  statement: [
    'd is an array of 16 numbers, a 4×4 input tile in row-major order; g is an array of 9 numbers, a 3×3 kernel.',
    'Return { V, U, M, Y } as flat row-major arrays: V = Bᵀ d B (16 values), U = G g Gᵀ (16), M = U ⊙ V, the 16 element-wise products (16), and the output tile Y = Aᵀ M A (4 values). The starter code holds Bᵀ, G and Aᵀ (the notebook’s own F(2×2, 3×3) matrices, as in chapter 5).',
  ],
  starter: `function winogradF2x2(d, g) {
  const BT = ${matrixLiteral(F2_3.BT)};
  const G = ${matrixLiteral(F2_3.G)};
  const AT = ${matrixLiteral(F2_3.AT)};
  const V = new Array(16).fill(0);
  const U = new Array(16).fill(0);
  const M = new Array(16).fill(0);
  const Y = new Array(4).fill(0);
  // V = BT · d · B, U = G · g · Gᵀ, M = U ⊙ V, Y = AT · M · A
  return { V, U, M, Y };
}
`,
  cases(session) {
    const rng = exerciseRng(session, 'code-winograd');
    const cases: CodeCase[] = [];
    for (let k = 0; k < 6; k++) {
      // The first tile has small whole numbers, easy to follow by hand in the report.
      const d = Array.from({ length: 16 }, () => (k === 0 ? intBetween(rng, -3, 3) : decimalBetween(rng, -2, 2, 2)));
      const g = Array.from({ length: 9 }, () => (k === 0 ? intBetween(rng, -2, 2) : decimalBetween(rng, -1, 1, 2)));
      const stages = winogradTile(d, g, F2_3, 'float64');
      cases.push({
        args: [d, g],
        expected: { V: stages.V, U: stages.U, M: stages.M, Y: stages.Y },
        label: k === 0 ? 'whole numbers' : 'random tile and kernel',
      });
    }
    return cases;
  },
  compare(testCase, got) {
    if (typeof got !== 'object' || got === null) return { where: 'the return value', expected: '{ V, U, M, Y }', got: String(got) };
    const expected = testCase.expected as Record<(typeof STAGES)[number], Float64Array>;
    const result = got as Record<string, unknown>;
    for (const stage of STAGES) {
      const side = stage === 'Y' ? 2 : 4;
      const mismatch = compareValues(stage, expected[stage], result[stage], (k) => `${stage}[${Math.floor(k / side)}, ${k % side}] (index ${k})`);
      if (mismatch) return mismatch;
    }
    return null;
  },
};

export const CODE_EXERCISES: readonly CodeExercise[] = [codeFold, codePad, codeIdentity, codeWinograd];
