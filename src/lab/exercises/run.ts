/** Chapter 7: how many BatchNorm layers the training-time graph has that the deploy graph drops. */
import { countModel } from '../../core/count.ts';
import { REPVGG_VARIANTS } from '../../core/family.ts';
import { formatInteger } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { pick } from '../session.ts';

export const batchNormCount = numericExercise('run-bn', 'run', 'BatchNorm layers the merge removes', (rng) => {
  const spec = pick(rng, REPVGG_VARIANTS);
  const bnLayers = countModel(spec).bnLayers;
  const blocks = spec.depths.reduce((s, d) => s + d, 0);
  return {
    prompt: {
      text: `The training-time ${spec.name} has stages of ${spec.depths.join(', ')} blocks (stages 0 to 4). Each block has a 3×3 and a 1×1 branch with a BN each, plus an identity branch (a BN alone) when it keeps the width at stride 1, i.e. in every block except the first of each stage. The deploy graph has no BatchNormalization node at all.`,
      ask: 'How many BatchNorm layers does the training-time network have?',
    },
    expected: bnLayers,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'Two per block, plus one for every block that is not the first of its stage.',
    answerText: `2 · ${blocks} + (${blocks} − 5) = ${formatInteger(bnLayers)}`,
  };
});
