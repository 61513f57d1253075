/** Chapter 6: a stage's width, and the parameters of one deploy layer, for a real variant. */
import { countLayer } from '../../core/count.ts';
import { REPVGG_VARIANTS, planModel, stageWidths } from '../../core/family.ts';
import { formatInteger, formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { intBetween, pick } from '../session.ts';

export const stageWidth = numericExercise('family-width', 'family', 'Width of a stage', (rng) => {
  const spec = pick(rng, REPVGG_VARIANTS);
  const stage = intBetween(rng, 0, 4);
  const width = stageWidths(spec)[stage]!;
  const [a, b] = spec.widthMultiplier;
  return {
    prompt: {
      text: `${spec.name} has width multipliers a = ${formatNumber(a, 2)} and b = ${formatNumber(b, 2)}. Stage 0 has min(64, 64a) channels, stages 1 to 3 have 64a, 128a and 256a, stage 4 has 512b (integer part).`,
      ask: `How many output channels does stage ${stage} have?`,
    },
    expected: width,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'Multiply the base width of the stage by a (or by b for stage 4) and keep the integer part; stage 0 is capped at 64.',
    answerText: `${formatInteger(width)} channels`,
  };
});

export const layerParams = numericExercise('family-params', 'family', 'Parameters of a deploy layer', (rng) => {
  const spec = pick(rng, REPVGG_VARIANTS);
  const layers = planModel(spec);
  const layer = layers[intBetween(rng, 1, layers.length - 1)]!;
  const params = countLayer(layer).deployParams;
  return {
    prompt: {
      text: `Layer ${layer.index} of ${spec.name} (stage ${layer.stage}) maps ${layer.inChannels} to ${layer.outChannels} channels${layer.groups > 1 ? ` in ${layer.groups} groups` : ''}, with stride ${layer.stride}. After re-parameterization it is one 3×3 convolution with a bias.`,
      ask: 'How many parameters (kernel weights and biases) does the deploy layer hold?',
    },
    expected: params,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'The kernel has shape [C_out, C_in / g, 3, 3], plus one bias per output channel.',
    answerText: `${layer.outChannels} · ${layer.inChannels / layer.groups} · 9 + ${layer.outChannels} = ${formatInteger(params)}`,
  };
});
