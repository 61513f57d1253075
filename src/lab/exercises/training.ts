/** Chapter "Same function, different training": one entry of an ACB's merged kernel, computed by src/core's foldAcb. */
import { type AcbBlock, foldAcb } from '../../core/acb.ts';
import { tensor } from '../../core/tensor.ts';
import { formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { decimalBetween, intBetween } from '../session.ts';
import { channelBn, drawGamma, drawVariance } from './bn-folding.ts';

/** Which tap: a corner, the middle row (not the centre), the middle column (not the centre), the centre. */
const TAPS = [
  [0, 2],
  [1, 0],
  [2, 1],
  [1, 1],
] as const;

export const acbTap = numericExercise('acb-tap', 'training', 'One entry of an ACB’s merged kernel', (rng) => {
  const [u, v] = TAPS[intBetween(rng, 0, TAPS.length - 1)]!;
  const weight = () => decimalBetween(rng, -1.5, 1.5, 2);
  const [w3, w13, w31] = [weight(), weight(), weight()];
  const bns = [0, 1, 2].map(() => channelBn(drawGamma(rng), 0, 0, drawVariance(rng)));
  // One channel in and out; only the entries that can reach tap (u, v) are drawn, the rest are zero.
  const square = new Float32Array(9);
  square[u * 3 + v] = w3;
  const hor = new Float32Array(3);
  hor[v] = w13;
  const ver = new Float32Array(3);
  ver[u] = w31;
  const block: AcbBlock = {
    stride: 1,
    groups: 1,
    square: { kernel: tensor([1, 1, 3, 3], square), bn: bns[0]! },
    hor: { kernel: tensor([1, 1, 1, 3], hor), bn: bns[1]! },
    ver: { kernel: tensor([1, 1, 3, 1], ver), bn: bns[2]! },
  };
  const expected = foldAcb(block).kernel.data[u * 3 + v]!;
  const row = (name: string, entry: string, w: number, i: number) => [
    name,
    entry,
    formatNumber(w, 2),
    formatNumber(bns[i]!.gamma[0]!, 1),
    formatNumber(bns[i]!.variance[0]!, 2),
  ];
  return {
    prompt: {
      text:
        'An Asymmetric Convolution Block (ACB) with one input and one output channel: a 3×3, a 1×3 and a 3×1 convolution, each followed by its own batch norm (ε = 10⁻⁵), merged into one 3×3 kernel W′. ' +
        'Rows and columns of a 3×3 kernel are numbered 0 to 2; the 1×3 kernel has columns 0 to 2 and lands on row 1, the 3×1 kernel has rows 0 to 2 and lands on column 1.',
      table: {
        caption: 'Each branch: its kernel entry that lines up with the asked position, and its batch norm',
        columns: ['branch', 'entry', 'weight', 'γ', 'σ²'],
        rows: [row('3×3', `row ${u}, column ${v}`, w3, 0), row('1×3', `column ${v}`, w13, 1), row('3×1', `row ${u}`, w31, 2)],
      },
      ask: `What is W′[${u}][${v}], the merged kernel’s entry in row ${u}, column ${v}?`,
    },
    expected,
    tolerance: 2e-3,
    integer: false,
    toleranceText: '±0.002',
    hint: 'Scale each branch’s weight by its t = γ / √(σ² + ε). The 1×3 branch adds only to row 1, the 3×1 branch only to column 1; a corner gets the 3×3 branch alone.',
    answerText: `W′[${u}][${v}] = ${formatNumber(expected, 4)}`,
  };
});
