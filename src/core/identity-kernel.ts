import { type Tensor, zeros } from './tensor.ts';

/**
 * The identity as a 3×3 conv: shape [C, C/groups, 3, 3], zero except K[i, i mod (C/groups), 1, 1] = 1.
 * In a grouped conv, output channel i only sees the C/groups input channels of its group, and
 * input channel i is number (i mod C/groups) among them; the centre tap copies it through.
 */
export function identityKernel(channels: number, groups = 1): Tensor {
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`channels must be a positive integer, got ${channels}`);
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0) {
    throw new RangeError(`groups = ${groups} must divide channels = ${channels}`);
  }
  const perGroup = channels / groups;
  const kernel = zeros([channels, perGroup, 3, 3]);
  for (let i = 0; i < channels; i++) kernel.data[(i * perGroup + (i % perGroup)) * 9 + 4] = 1;
  return kernel;
}
