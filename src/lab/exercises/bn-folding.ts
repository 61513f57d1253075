/** Chapter 1: t and the folded bias b′ of one channel, computed by src/core's foldedScale. */
import { BN_EPS, type BatchNormParams } from '../../core/batch-norm.ts';
import { foldedScale } from '../../core/fold-batch-norm.ts';
import type { Rng } from '../../core/random.ts';
import { formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { decimalBetween, intBetween } from '../session.ts';

/** One channel's BN; values as drawn (exact decimals), stored as float32 like a checkpoint's. */
export function channelBn(gamma: number, beta: number, mean: number, variance: number): BatchNormParams {
  return { gamma: Float32Array.of(gamma), beta: Float32Array.of(beta), mean: Float32Array.of(mean), variance: Float32Array.of(variance), eps: BN_EPS };
}

/** γ of either sign (negative a quarter of the time: trained BNs have some), |γ| in [0.5, 2.5]. */
export function drawGamma(rng: Rng): number {
  const magnitude = decimalBetween(rng, 0.5, 2.5, 1);
  return intBetween(rng, 0, 3) === 0 ? -magnitude : magnitude;
}

export const drawVariance = (rng: Rng): number => decimalBetween(rng, 0.1, 4, 2);

const EPS_TEXT = 'ε = 10⁻⁵ (PyTorch’s default)';

export const bnScale = numericExercise('bn-t', 'bn-folding', 'The BN scale t', (rng) => {
  const gamma = drawGamma(rng);
  const variance = drawVariance(rng);
  const t = foldedScale(channelBn(gamma, 0, 0, variance)).scale[0]!;
  return {
    prompt: {
      text: `An output channel of a convolution is followed by batch norm in eval mode, with ${EPS_TEXT}.`,
      given: [
        ['γ', formatNumber(gamma, 1)],
        ['σ²', formatNumber(variance, 2)],
      ],
      ask: 'What is t = γ / √(σ² + ε)?',
    },
    expected: t,
    tolerance: 1e-3,
    integer: false,
    toleranceText: '±0.001',
    hint: 'Divide γ by the square root of σ² + ε; ε changes only the fifth decimal here.',
    answerText: `t = ${formatNumber(t, 4)}`,
  };
});

export const bnBias = numericExercise('bn-bias', 'bn-folding', 'The folded bias b′', (rng) => {
  const gamma = drawGamma(rng);
  const beta = decimalBetween(rng, -1.5, 1.5, 2);
  const mean = decimalBetween(rng, -2, 2, 2, true);
  const variance = drawVariance(rng);
  const bias = foldedScale(channelBn(gamma, beta, mean, variance)).shift[0]!;
  return {
    prompt: {
      text: `A bias-free convolution channel is followed by batch norm in eval mode, with ${EPS_TEXT}. Folding the BN into the convolution gives it a bias b′.`,
      given: [
        ['γ', formatNumber(gamma, 1)],
        ['β', formatNumber(beta, 2)],
        ['μ (running mean)', formatNumber(mean, 2)],
        ['σ² (running variance)', formatNumber(variance, 2)],
      ],
      ask: 'What is the folded bias b′ = β − μγ / √(σ² + ε)?',
    },
    expected: bias,
    tolerance: 1e-3,
    integer: false,
    toleranceText: '±0.001',
    hint: 'First t = γ / √(σ² + ε), then b′ = β − μ·t. Mind the signs.',
    answerText: `b′ = ${formatNumber(bias, 4)}`,
  };
});
