import { type Tensor, zeros } from './tensor.ts';

/**
 * A 1×1 kernel [O, I, 1, 1] as a 3×3 kernel [O, I, 3, 3]: the weight at the centre, zeros around.
 * With padding 1 for the 3×3 conv and padding 0 for the 1×1 conv (same stride), the centre tap
 * reads exactly the pixel the 1×1 conv read, and the other eight taps add zero.
 */
export function padTo3x3(kernel: Tensor): Tensor {
  const [o, i, kh, kw] = kernel.shape;
  if (kernel.shape.length !== 4 || kh !== 1 || kw !== 1 || o === undefined || i === undefined) {
    throw new RangeError(`padTo3x3 expects a 1×1 kernel [O, I, 1, 1], got [${kernel.shape.join(', ')}]`);
  }
  const out = zeros([o, i, 3, 3]);
  for (let j = 0; j < o * i; j++) out.data[j * 9 + 4] = kernel.data[j]!;
  return out;
}
