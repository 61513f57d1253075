/** Chapter 2: the output size of a convolution, and one entry of a 1×1 kernel padded to 3×3. */
import { conv2dOutputSize } from '../../core/conv2d.ts';
import { padTo3x3 } from '../../core/pad-to-3x3.ts';
import { at, tensor } from '../../core/tensor.ts';
import { formatInteger, formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { decimalBetween, intBetween, pick } from '../session.ts';

export const outputSize = numericExercise('out-size', '1x1-to-3x3', 'Output size of a convolution', (rng) => {
  const size = intBetween(rng, 5, 40);
  const kernel = pick(rng, [1, 3]);
  const stride = pick(rng, [1, 2]);
  // Padding 1 is what makes a 3×3 conv keep the size; a 1×1 conv in RepVGG has none.
  const padding = kernel === 3 ? pick(rng, [0, 1]) : 0;
  const out = conv2dOutputSize(size, kernel, stride, padding);
  return {
    prompt: {
      text: `A ${kernel}×${kernel} convolution with stride ${stride} and padding ${padding} reads a ${size}×${size} feature map.`,
      ask: 'How many rows does its output have?',
    },
    expected: out,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'Output side = ⌊(H + 2p − k) / s⌋ + 1.',
    answerText: `${formatInteger(out)} rows: ⌊(${size} + 2·${padding} − ${kernel}) / ${stride}⌋ + 1`,
  };
});

export const paddedEntry = numericExercise('pad-entry', '1x1-to-3x3', 'An entry of the padded kernel', (rng) => {
  const outChannels = intBetween(rng, 2, 3);
  const inChannels = intBetween(rng, 2, 3);
  const values = Array.from({ length: outChannels * inChannels }, () => decimalBetween(rng, -1, 1, 2, true));
  const padded = padTo3x3(tensor([outChannels, inChannels, 1, 1], values));
  const o = intBetween(rng, 0, outChannels - 1);
  const i = intBetween(rng, 0, inChannels - 1);
  // Half the time the centre tap (the 1×1 weight itself), otherwise one of the eight zeros.
  const centre = intBetween(rng, 0, 1) === 0;
  const tap = centre ? 4 : pick(rng, [0, 1, 2, 3, 5, 6, 7, 8]);
  const [u, v] = [Math.floor(tap / 3), tap % 3];
  const entry = at(padded, o, i, u, v);
  return {
    prompt: {
      text: `A 1×1 kernel W of shape [${outChannels}, ${inChannels}, 1, 1] (rows: output channel o, columns: input channel i) is zero-padded to a 3×3 kernel K of shape [${outChannels}, ${inChannels}, 3, 3]. Indices count from 0; K[o, i, u, v] is row u, column v of the 3×3 kernel from input i to output o.`,
      table: {
        caption: 'The 1×1 weights W[o, i, 0, 0]',
        columns: ['', ...Array.from({ length: inChannels }, (_, c) => `i = ${c}`)],
        rows: Array.from({ length: outChannels }, (_, r) => [`o = ${r}`, ...values.slice(r * inChannels, (r + 1) * inChannels).map((x) => formatNumber(x, 2))]),
      },
      ask: `What is K[${o}, ${i}, ${u}, ${v}]?`,
    },
    expected: entry,
    tolerance: 0.005,
    integer: false,
    toleranceText: '±0.005',
    hint: 'Only the centre tap (u, v) = (1, 1) carries the 1×1 weight; the other eight taps are zero.',
    answerText: `K[${o}, ${i}, ${u}, ${v}] = ${formatNumber(entry, 2)}${centre ? ' (the centre tap: the 1×1 weight)' : ' (not the centre tap)'}`,
  };
});
