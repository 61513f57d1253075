/** Chapter 3: click the kernels of the identity that have a 1 at their centre. */
import { identityKernel } from '../../core/identity-kernel.ts';
import { puzzleExercise } from '../define.ts';
import { pick } from '../session.ts';

/** (C, g) pairs with C/g ≥ 2, so the answer is never a plain diagonal or a single column. */
const SHAPES: readonly (readonly [number, number])[] = [
  [4, 2],
  [6, 2],
  [6, 3],
  [8, 2],
  [8, 4],
  [9, 3],
];

export const identityPuzzle = puzzleExercise('identity-puzzle', 'identity', 'The identity kernel with groups', (rng) => {
  const [channels, groups] = pick(rng, SHAPES);
  const perGroup = channels / groups;
  const kernel = identityKernel(channels, groups);
  // Cell (o, i) is the 3×3 kernel from the i-th input of o's group to output o; its centre is tap 4.
  const expected = Array.from({ length: channels * perGroup }, (_, cell) => kernel.data[cell * 9 + 4] === 1);
  const ones = expected.flatMap((on, cell) => (on ? [`K[${Math.floor(cell / perGroup)}, ${cell % perGroup}]`] : []));
  return {
    prompt: {
      text: `An identity branch with C = ${channels} channels in g = ${groups} groups, written as a 3×3 convolution: its kernel has shape (C, C/g, 3, 3) = (${channels}, ${perGroup}, 3, 3). Each cell of the grid is one 3×3 kernel K[o, i]: row o is the output channel, column i the i-th input channel of o’s group (counting from 0).`,
      ask: 'Switch on every kernel K[o, i] whose centre tap is 1 (all other taps are 0).',
    },
    rows: channels,
    cols: perGroup,
    rowLabels: Array.from({ length: channels }, (_, o) => `out ${o}`),
    colLabels: Array.from({ length: perGroup }, (_, i) => `in ${i}`),
    expected,
    hint: `Output o copies input channel o, which is number o mod (C/g) = o mod ${perGroup} inside its group.`,
    answerText: `the centre is 1 in ${ones.join(', ')}: column o mod ${perGroup} of every row o.`,
  };
});
