import { type Tensor, assertSameShape, zeros } from './tensor.ts';

/** max(0, x), elementwise, into a new tensor. */
export function relu(x: Tensor): Tensor {
  const out = zeros(x.shape);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i]!;
    out.data[i] = v > 0 ? v : 0;
  }
  return out;
}

/** Elementwise sum of tensors of one shape (the branch sum of a training-time block). */
export function add(first: Tensor, ...rest: Tensor[]): Tensor {
  const out = zeros(first.shape);
  out.data.set(first.data);
  for (const t of rest) {
    assertSameShape(first, t, 'add operands');
    for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i]! + t.data[i]!;
  }
  return out;
}

/** [N, C, H, W] → [N, C]: the mean of each feature map (AdaptiveAvgPool2d(1) then flatten). */
export function globalAveragePool(x: Tensor): Tensor {
  if (x.shape.length !== 4) throw new RangeError(`globalAveragePool expects [N, C, H, W], got [${x.shape.join(', ')}]`);
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const plane = h * w;
  const out = zeros([n, c]);
  for (let i = 0; i < n * c; i++) {
    let sum = 0;
    for (let j = 0; j < plane; j++) sum += x.data[i * plane + j]!;
    out.data[i] = sum / plane;
  }
  return out;
}

/** Fully connected layer as in PyTorch: x [N, in], weight [out, in], bias [out] → x·Wᵀ + b. */
export function linear(x: Tensor, weight: Tensor, bias: Float32Array | null = null): Tensor {
  if (x.shape.length !== 2 || weight.shape.length !== 2) throw new RangeError('linear expects x [N, in] and weight [out, in]');
  const [n, inFeatures] = x.shape as [number, number];
  const [outFeatures, weightIn] = weight.shape as [number, number];
  if (weightIn !== inFeatures) throw new RangeError(`linear weight takes ${weightIn} features, input has ${inFeatures}`);
  if (bias && bias.length !== outFeatures) throw new RangeError(`linear bias has ${bias.length} values for ${outFeatures} outputs`);
  const out = zeros([n, outFeatures]);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < outFeatures; o++) {
      let sum = bias ? bias[o]! : 0;
      for (let i = 0; i < inFeatures; i++) sum += x.data[b * inFeatures + i]! * weight.data[o * inFeatures + i]!;
      out.data[b * outFeatures + o] = sum;
    }
  }
  return out;
}
